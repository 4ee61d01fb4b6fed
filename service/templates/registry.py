"""The template registry: which DOCX templates exist, every version of each, and which version is active.

Each template under ``templates_docx/`` has a manifest (``<name>.toml``) next to its DOCX. Versions live
under the data directory and are never overwritten nor deleted::

    data_dir/kagaz.sqlite3                      the index: template_versions, template_active, activations
    data_dir/templates/<name>/v<N>.docx         version N's bytes, read-only (0444) once written
    data_dir/templates/<name>/v<N>.pdf|.png     its test render and page-1 preview, written once

The shipped DOCX becomes version 1 on first start. A later release that ships a changed DOCX adds it as
the next version, and activates it only if the active version is a shipped one (an editor's choice stands).

Why it is safe to run beside renders and other uploads: a version number is allocated inside ``BEGIN
IMMEDIATE`` and its file is linked into place with ``os.link`` (which, unlike a rename, fails rather than
replace an existing file), so two uploads never share a number and no file is ever replaced; activation is
one UPDATE in a transaction, so every render sees the old or the new version, never a mix; the active
version is in SQLite, so it survives restarts; a version's bytes are checked against the index's sha256
when first read. This module is the one place that maps a name and version to bytes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import tempfile
import threading
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service import sqlite
from service.errors import Problem, TemplateError, TemplateNotFound

MANIFEST_KEYS = ("name", "title", "document", "docx", "locale", "filename", "sample")
NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")  # a template name is also a folder name: nothing else passes
SHIPPED_BY = "kagaz (shipped)"
ARTIFACTS = ("pdf", "png")
CANDIDATE, ACCEPTED = "candidate", "accepted"
MAX_VERSION = 2**31

SCHEMA = """
CREATE TABLE IF NOT EXISTS template_versions (
    name TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('candidate', 'accepted')),
    report TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (name, version)
);
CREATE TABLE IF NOT EXISTS template_active (
    name TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    activated_by TEXT NOT NULL,
    activated_at TEXT NOT NULL,
    FOREIGN KEY (name, version) REFERENCES template_versions (name, version)
);
CREATE TABLE IF NOT EXISTS template_activations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    previous INTEGER,
    activated_by TEXT NOT NULL,
    activated_at TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Manifest:
    """What a template is: its name, title, the document kind it renders, its output file-name pattern."""

    name: str
    title: str
    document: str
    docx: str
    locale: str
    filename: str
    sample: str
    folder: Path

    @classmethod
    def read(cls, path: Path) -> Manifest:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        missing = [key for key in MANIFEST_KEYS if not isinstance(data.get(key), str)]
        if missing:
            raise ValueError(f"{path.name}: missing or non-text keys: {', '.join(missing)}")
        if not NAME.match(data["name"]):
            raise ValueError(f"{path.name}: the name {data['name']!r} must match {NAME.pattern}")
        return cls(**{key: data[key] for key in MANIFEST_KEYS}, folder=path.parent)

    def sample_path(self) -> Path:
        """The sample data file: relative to the manifest's folder, else to the project root beside it."""
        for base in (self.folder, self.folder.parent):
            candidate = base / self.sample
            if candidate.is_file():
                return candidate
        return self.folder.parent / self.sample


@dataclass(frozen=True)
class TemplateVersion:
    """One immutable version of a template's DOCX."""

    name: str
    version: int
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def label(self) -> str:
        return f"{self.name}@{self.version}"


@dataclass(frozen=True)
class VersionInfo:
    """A version's row in the index: who made it, when, why, whether it was ever used, and its report."""

    name: str
    version: int
    sha256: str
    size: int
    created_by: str
    created_at: str
    note: str
    status: str
    report: dict[str, Any]
    active: bool

    @property
    def label(self) -> str:
        return f"{self.name}@{self.version}"


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


class Registry:
    """Templates by name, their versions on disk and in the index; safe to share between threads."""

    def __init__(self, templates_dir: Path, data_dir: Path) -> None:
        self.templates_dir = templates_dir
        self.data_dir = data_dir
        self.database = sqlite.database_path(data_dir)
        self.manifests: dict[str, Manifest] = {}
        for path in sorted(templates_dir.glob("*.toml")):
            manifest = Manifest.read(path)
            self.manifests[manifest.name] = manifest
        self._bytes: dict[tuple[str, int], bytes] = {}
        self._lock = threading.Lock()
        sqlite.ensure_schema(self.database, SCHEMA)
        for manifest in self.manifests.values():
            self._import_shipped(manifest)

    # --- names ---
    def manifest(self, name: str) -> Manifest:
        try:
            return self.manifests[name]
        except KeyError:
            raise TemplateNotFound(f"no template named {name!r}") from None

    def for_document(self, document: str) -> Manifest:
        """The template that renders ``document`` (the first by name when several do)."""
        for manifest in self.manifests.values():
            if manifest.document == document:
                return manifest
        raise TemplateNotFound(f"no template renders the document {document!r}")

    def folder(self, name: str) -> Path:
        """Where ``name``'s versions are: made from the manifest's checked name, never from a request."""
        return self.data_dir / "templates" / self.manifest(name).name

    # --- reading ---
    def active_number(self, name: str) -> int:
        self.manifest(name)
        with sqlite.reading(self.database) as db:
            row = db.execute("SELECT version FROM template_active WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise TemplateNotFound(f"template {name!r} has no active version")
        return int(row["version"])

    def active(self, name: str) -> TemplateVersion:
        """The version of ``name`` that renders documents now."""
        return self.version(name, self.active_number(name))

    def version(self, name: str, number: int) -> TemplateVersion:
        key = (name, number)
        with self._lock:
            cached = self._bytes.get(key)
        if cached is None:
            info = self.info(name, number)
            path = self.folder(name) / f"v{number}.docx"
            cached = path.read_bytes()
            if hashlib.sha256(cached).hexdigest() != info.sha256:
                raise TemplateError(
                    Problem(str(path), "version_tampered", f"{info.label}: the file does not match its sha256")
                )
            with self._lock:
                self._bytes[key] = cached
        return TemplateVersion(name, number, cached)

    def info(self, name: str, number: int) -> VersionInfo:
        self.manifest(name)
        if not 1 <= number <= MAX_VERSION:  # a number from a URL: SQLite's integers stop at 2**63
            raise TemplateNotFound(f"template {name!r} has no version {number}")
        with sqlite.reading(self.database) as db:
            row = db.execute(
                "SELECT v.*, a.version IS NOT NULL AS active FROM template_versions v "
                "LEFT JOIN template_active a ON a.name = v.name AND a.version = v.version "
                "WHERE v.name = ? AND v.version = ?",
                (name, number),
            ).fetchone()
        if row is None:
            raise TemplateNotFound(f"template {name!r} has no version {number}")
        return _info(row)

    def versions(self, name: str) -> list[VersionInfo]:
        """Every version of ``name``, newest first."""
        self.manifest(name)
        with sqlite.reading(self.database) as db:
            rows = db.execute(
                "SELECT v.*, a.version IS NOT NULL AS active FROM template_versions v "
                "LEFT JOIN template_active a ON a.name = v.name AND a.version = v.version "
                "WHERE v.name = ? ORDER BY v.version DESC",
                (name,),
            ).fetchall()
        return [_info(row) for row in rows]

    def activations(self, name: str) -> list[dict[str, Any]]:
        """The activation log of ``name``, newest first: who switched from which version to which, when."""
        with sqlite.reading(self.database) as db:
            rows = db.execute(
                "SELECT version, previous, activated_by, activated_at FROM template_activations "
                "WHERE name = ? ORDER BY id DESC",
                (name,),
            ).fetchall()
        return [dict(row) for row in rows]

    def find(self, name: str, sha256: str) -> VersionInfo | None:
        """The version of ``name`` with exactly these bytes, if one exists."""
        with sqlite.reading(self.database) as db:
            row = db.execute(
                "SELECT version FROM template_versions WHERE name = ? AND sha256 = ? ORDER BY version LIMIT 1",
                (name, sha256),
            ).fetchone()
        return self.info(name, int(row["version"])) if row else None

    def artifact(self, name: str, number: int, kind: str) -> bytes | None:
        """A version's stored test-render PDF (``pdf``) or page-1 image (``png``), if made."""
        assert kind in ARTIFACTS
        path = self.folder(name) / f"v{number}.{kind}"
        return path.read_bytes() if path.is_file() else None

    # --- writing ---
    def add(self, name: str, content: bytes, **details: Any) -> VersionInfo:
        """``store`` without saying whether the version is new."""
        return self.store(name, content, **details)[0]

    def store(
        self,
        name: str,
        content: bytes,
        *,
        by: str,
        note: str = "",
        report: dict[str, Any] | None = None,
        activate: bool = False,
        artifacts: dict[str, bytes] | None = None,
    ) -> tuple[VersionInfo, bool]:
        """Store ``content`` as the next version of ``name`` (validated by the caller); optionally activate it.

        The same bytes stored before are not stored twice: the existing version is returned (and activated
        if asked), with False for "not new"."""
        digest = hashlib.sha256(content).hexdigest()
        folder = self.folder(name)
        folder.mkdir(parents=True, exist_ok=True)
        with sqlite.transaction(self.database) as db:
            row = db.execute(
                "SELECT version FROM template_versions WHERE name = ? AND sha256 = ? ORDER BY version LIMIT 1",
                (name, digest),
            ).fetchone()
            created = row is None
            if row is not None:
                number = int(row["version"])
            else:
                number = self._next_number(db, name, folder)
                _write_once(folder / f"v{number}.docx", content)
                db.execute(
                    "INSERT INTO template_versions (name, version, sha256, size, created_by, created_at, note, "
                    "status, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (name, number, digest, len(content), by, _now(), note, CANDIDATE, json.dumps(report or {})),
                )
            if activate:
                _activate(db, name, number, by)
        for kind, data in (artifacts or {}).items():
            self.store_artifact(name, number, kind, data)
        return self.info(name, number), created

    def activate(self, name: str, number: int, *, by: str) -> VersionInfo:
        """Make version ``number`` the one that renders: one UPDATE, committed atomically."""
        self.info(name, number)
        with sqlite.transaction(self.database) as db:
            _activate(db, name, number, by)
        return self.info(name, number)

    def record_report(self, name: str, number: int, report: dict[str, Any]) -> None:
        """Give a version stored without a report (the shipped ones) its report; a stored report stays."""
        with sqlite.transaction(self.database) as db:
            db.execute(
                "UPDATE template_versions SET report = ? WHERE name = ? AND version = ? AND report = '{}'",
                (json.dumps(report), name, number),
            )

    def store_artifact(self, name: str, number: int, kind: str, data: bytes) -> None:
        """Keep a version's test render or preview (written once; an existing one is kept)."""
        assert kind in ARTIFACTS
        with contextlib.suppress(FileExistsError):  # made before from the same immutable version: keep it
            _write_once(self.folder(name) / f"v{number}.{kind}", data)

    def _next_number(self, db: Any, name: str, folder: Path) -> int:
        """One more than any version in the index or on disk (a file left by a crash keeps its number)."""
        row = db.execute("SELECT MAX(version) AS top FROM template_versions WHERE name = ?", (name,)).fetchone()
        on_disk = [
            int(match.group(1)) for path in folder.iterdir() if (match := re.match(r"^v(\d+)\.docx$", path.name))
        ]
        return max([int(row["top"] or 0), *on_disk]) + 1

    def _import_shipped(self, manifest: Manifest) -> None:
        content = (manifest.folder / manifest.docx).read_bytes()
        if self.find(manifest.name, hashlib.sha256(content).hexdigest()) is not None:
            return
        with sqlite.reading(self.database) as db:
            row = db.execute(
                "SELECT v.created_by FROM template_active a JOIN template_versions v "
                "ON v.name = a.name AND v.version = a.version WHERE a.name = ?",
                (manifest.name,),
            ).fetchone()
        activate = row is None or row["created_by"] == SHIPPED_BY
        self.add(manifest.name, content, by=SHIPPED_BY, note=f"templates_docx/{manifest.docx}", activate=activate)


def _activate(db: Any, name: str, number: int, by: str) -> None:
    now = _now()
    previous = db.execute("SELECT version FROM template_active WHERE name = ?", (name,)).fetchone()
    db.execute(
        "INSERT INTO template_active (name, version, activated_by, activated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (name) DO UPDATE SET version = excluded.version, activated_by = excluded.activated_by, "
        "activated_at = excluded.activated_at",
        (name, number, by, now),
    )
    db.execute("UPDATE template_versions SET status = ? WHERE name = ? AND version = ?", (ACCEPTED, name, number))
    db.execute(
        "INSERT INTO template_activations (name, version, previous, activated_by, activated_at) VALUES (?, ?, ?, ?, ?)",
        (name, number, previous["version"] if previous else None, by, now),
    )


def _info(row: Any) -> VersionInfo:
    return VersionInfo(
        name=row["name"],
        version=int(row["version"]),
        sha256=row["sha256"],
        size=int(row["size"]),
        created_by=row["created_by"],
        created_at=row["created_at"],
        note=row["note"],
        status=row["status"],
        report=json.loads(row["report"] or "{}"),
        active=bool(row["active"]),
    )


def _write_once(path: Path, content: bytes) -> None:
    """Write ``path`` read-only, atomically, and never over an existing file (``FileExistsError`` then).

    A temp file in the same folder is written, synced and made 0444, then hard-linked to its name: ``link``
    fails if the name exists, where ``rename`` would replace it."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temp).chmod(0o444)
        os.link(temp, path)
    finally:
        Path(temp).unlink(missing_ok=True)
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
