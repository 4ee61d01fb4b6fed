"""The template registry: which DOCX templates exist, every version of each, and which version is active.

Each template under ``templates_docx/`` has a manifest (``<name>.toml``) next to its DOCX. Versions live in
the shared database (``service.db``) and are never overwritten nor deleted: ``template_versions`` (who,
when, why, the validation report), ``template_files`` (the DOCX, its test-render PDF and page-1 PNG),
``template_active`` (the version that renders) and ``template_activations`` (the log of every switch).

The shipped DOCX becomes version 1 on first start. A later release that ships a changed DOCX adds it as
the next version, and activates it only if the active version is a shipped one (an editor's choice stands).

Why it is safe with several machines, renders and uploads at once: a version is stored in one transaction
(its number, its row, its DOCX and its test renders together) under the template's write lock, so two
uploads never share a number, no number is ever skipped, and no version exists without its file or a file
without its version; activation is one transaction under the same lock that checks the version it expects
to replace (``expected_active``), so of two editors activating at once one wins and the other is told which
version is now active; every render reads the active version in one SELECT, so it uses the old or the new
one, never a mix. A version's bytes never change, so each process caches them by (name, number) after
checking them against their sha256: a render costs one round trip (the active number and sha256), and a
newly activated version is used by every machine from the next render on. This module is the one place
that maps a name and version to bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import threading
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from service.db import Database
from service.db.database import DATABASE_NAME
from service.errors import ActivationConflict, Problem, TemplateError, TemplateNotFound
from service.templates.tables import ActivationRow, ActiveRow, FileRow, VersionRow

MANIFEST_KEYS = ("name", "title", "document", "docx", "locale", "filename", "sample")
NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")  # a template name is also a folder name: nothing else passes
SHIPPED_BY = "kagaz (shipped)"
ARTIFACTS = ("pdf", "png")
CANDIDATE, ACCEPTED = "candidate", "accepted"
NOTE_LIMIT = 2000
"""The most characters of a version's note kept: the API and the editors' page cut there, the page says so."""
MAX_VERSION = 2**31 - 1  # PostgreSQL's INTEGER


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
    """Templates by name, their versions in the database; safe to share between threads and machines."""

    def __init__(self, templates_dir: Path, data_dir: Path | None = None, *, database: Database | None = None) -> None:
        self.templates_dir = templates_dir
        self.data_dir = data_dir
        if database is None:  # the data folder's SQLite file, as the release before used it
            from service.db import migrate

            if data_dir is None:
                raise ValueError("a Registry needs a database or a data folder")
            database = Database(f"sqlite:///{data_dir / DATABASE_NAME}")
            migrate.ensure_current(database, data_dir=data_dir)
        self.database = database
        self.manifests: dict[str, Manifest] = {}
        for path in sorted(templates_dir.glob("*.toml")):
            manifest = Manifest.read(path)
            self.manifests[manifest.name] = manifest
        self._bytes: dict[tuple[str, int], bytes] = {}
        self._lock = threading.Lock()
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

    # --- reading ---
    def active_number(self, name: str) -> int:
        self.manifest(name)
        with self.database.reading() as session:
            number = session.execute(select(ActiveRow.version).where(ActiveRow.name == name)).scalar()
        if number is None:
            raise TemplateNotFound(f"template {name!r} has no active version")
        return int(number)

    def active(self, name: str) -> TemplateVersion:
        """The version of ``name`` that renders documents now: one SELECT, then the cached bytes."""
        self.manifest(name)
        query = (
            select(VersionRow.version, VersionRow.sha256)
            .join(ActiveRow, (ActiveRow.name == VersionRow.name) & (ActiveRow.version == VersionRow.version))
            .where(ActiveRow.name == name)
        )
        with self.database.reading() as session:
            row = session.execute(query).first()
        if row is None:
            raise TemplateNotFound(f"template {name!r} has no active version")
        return self._version(name, int(row.version), row.sha256)

    def version(self, name: str, number: int) -> TemplateVersion:
        return self._version(name, number, None)

    def _version(self, name: str, number: int, sha256: str | None) -> TemplateVersion:
        key = (name, number)
        with self._lock:
            cached = self._bytes.get(key)
        if cached is None:
            label = f"{name}@{number}"
            self._check_number(name, number)
            with self.database.reading() as session:
                row = session.execute(
                    select(FileRow.content, VersionRow.sha256)
                    .join(VersionRow, (VersionRow.name == FileRow.name) & (VersionRow.version == FileRow.version))
                    .where(FileRow.name == name, FileRow.version == number, FileRow.kind == "docx")
                ).first()
            if row is None:
                raise TemplateNotFound(f"template {name!r} has no version {number}")
            cached = bytes(row.content)
            if hashlib.sha256(cached).hexdigest() != row.sha256:
                raise TemplateError(Problem(label, "version_tampered", f"{label}: the file does not match its sha256"))
            with self._lock:
                self._bytes[key] = cached
        return TemplateVersion(name, number, cached)

    def _check_number(self, name: str, number: int) -> None:
        self.manifest(name)
        if not 1 <= number <= MAX_VERSION:  # a number from a URL: the database's integers stop at 2**31
            raise TemplateNotFound(f"template {name!r} has no version {number}")

    def info(self, name: str, number: int) -> VersionInfo:
        self._check_number(name, number)
        with self.database.reading() as session:
            found = self._infos(session, name, number)
        if not found:
            raise TemplateNotFound(f"template {name!r} has no version {number}")
        return found[0]

    def versions(self, name: str) -> list[VersionInfo]:
        """Every version of ``name``, newest first."""
        self.manifest(name)
        with self.database.reading() as session:
            return self._infos(session, name)

    @staticmethod
    def _infos(session: Session, name: str, number: int | None = None) -> list[VersionInfo]:
        query = (
            select(VersionRow, ActiveRow.version)
            .outerjoin(ActiveRow, (ActiveRow.name == VersionRow.name) & (ActiveRow.version == VersionRow.version))
            .where(VersionRow.name == name)
            .order_by(VersionRow.version.desc())
        )
        if number is not None:
            query = query.where(VersionRow.version == number)
        return [_info(row, active is not None) for row, active in session.execute(query).all()]

    def activations(self, name: str) -> list[dict[str, Any]]:
        """The activation log of ``name``, newest first: who switched from which version to which, when."""
        query = select(ActivationRow).where(ActivationRow.name == name).order_by(ActivationRow.id.desc())
        with self.database.reading() as session:
            return [
                {"version": row.version, "previous": row.previous, "activated_by": row.activated_by,
                 "activated_at": row.activated_at}
                for row in session.execute(query).scalars()
            ]  # fmt: skip

    def find(self, name: str, sha256: str) -> VersionInfo | None:
        """The version of ``name`` with exactly these bytes, if one exists."""
        with self.database.reading() as session:
            number = _find(session, name, sha256)
        return self.info(name, number) if number is not None else None

    def artifact(self, name: str, number: int, kind: str) -> bytes | None:
        """A version's stored test-render PDF (``pdf``) or page-1 image (``png``), if made."""
        assert kind in ARTIFACTS
        self._check_number(name, number)  # a number from a URL: beyond the database's integers is no version
        query = select(FileRow.content).where(FileRow.name == name, FileRow.version == number, FileRow.kind == kind)
        with self.database.reading() as session:
            content = session.execute(query).scalar()
        return bytes(content) if content is not None else None

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
        expected_active: int | None = None,
    ) -> tuple[VersionInfo, bool]:
        """Store ``content`` as the next version of ``name`` (validated by the caller); optionally activate it.

        The same bytes stored before are not stored twice: the existing version is returned (and activated
        if asked), with False for "not new". The row, the DOCX and ``artifacts`` commit together."""
        self.manifest(name)
        digest = hashlib.sha256(content).hexdigest()
        with self.database.transaction(lock=f"template:{name}") as session:
            number = _find(session, name, digest)
            created = number is None
            if number is None:
                top = session.execute(select(func.max(VersionRow.version)).where(VersionRow.name == name)).scalar()
                number = int(top or 0) + 1
                session.add(
                    VersionRow(name=name, version=number, sha256=digest, size=len(content), created_by=by,
                               created_at=_now(), note=note, status=CANDIDATE, report=json.dumps(report or {}))
                )  # fmt: skip
                session.flush()  # the version's row before its files (the foreign key)
                session.add(FileRow(name=name, version=number, kind="docx", sha256=digest, content=content))
            for kind, data in (artifacts or {}).items():
                _add_artifact(session, name, number, kind, data)
            if activate:
                _activate(session, name, number, by, expected_active)
        return self.info(name, number), created

    def activate(self, name: str, number: int, *, by: str, expected_active: int | None = None) -> VersionInfo:
        """Make version ``number`` the one that renders, atomically. With ``expected_active``, only if that
        version is still the active one (else ``ActivationConflict`` naming the version now active)."""
        self.info(name, number)
        with self.database.transaction(lock=f"template:{name}") as session:
            _activate(session, name, number, by, expected_active)
        return self.info(name, number)

    def record_report(self, name: str, number: int, report: dict[str, Any]) -> None:
        """Give a version stored without a report (the shipped ones) its report; a stored report stays."""
        with self.database.transaction(lock=f"template:{name}") as session:
            session.execute(
                update(VersionRow)
                .where(VersionRow.name == name, VersionRow.version == number, VersionRow.report == "{}")
                .values(report=json.dumps(report))
            )

    def store_artifact(self, name: str, number: int, kind: str, data: bytes) -> None:
        """Keep a version's test render or preview (written once; an existing one is kept)."""
        with self.database.transaction(lock=f"template:{name}") as session:
            _add_artifact(session, name, number, kind, data)

    def _import_shipped(self, manifest: Manifest) -> None:
        content = (manifest.folder / manifest.docx).read_bytes()
        if self.find(manifest.name, hashlib.sha256(content).hexdigest()) is not None:
            return
        query = (
            select(VersionRow.created_by)
            .join(ActiveRow, (ActiveRow.name == VersionRow.name) & (ActiveRow.version == VersionRow.version))
            .where(ActiveRow.name == manifest.name)
        )
        with self.database.reading() as session:
            active_by = session.execute(query).scalar()
        activate = active_by is None or active_by == SHIPPED_BY
        self.add(manifest.name, content, by=SHIPPED_BY, note=f"templates_docx/{manifest.docx}", activate=activate)


def _find(session: Session, name: str, sha256: str) -> int | None:
    query = select(func.min(VersionRow.version)).where(VersionRow.name == name, VersionRow.sha256 == sha256)
    number = session.execute(query).scalar()
    return int(number) if number is not None else None


def _add_artifact(session: Session, name: str, number: int, kind: str, data: bytes) -> None:
    assert kind in ARTIFACTS
    exists = select(FileRow.kind).where(FileRow.name == name, FileRow.version == number, FileRow.kind == kind)
    if session.execute(exists).first() is None:  # made before from the same immutable version: keep it
        digest = hashlib.sha256(data).hexdigest()
        session.add(FileRow(name=name, version=number, kind=kind, sha256=digest, content=data))
        session.flush()


def _activate(session: Session, name: str, number: int, by: str, expected: int | None) -> None:
    """Under the template's write lock: check the precondition, switch, mark accepted, log."""
    now = _now()
    current = session.get(ActiveRow, name)
    previous = current.version if current is not None else None
    if expected is not None and previous != expected:
        raise ActivationConflict(name, expected, previous)
    if current is None:
        session.add(ActiveRow(name=name, version=number, activated_by=by, activated_at=now))
    else:
        current.version, current.activated_by, current.activated_at = number, by, now
    session.execute(
        update(VersionRow).where(VersionRow.name == name, VersionRow.version == number).values(status=ACCEPTED)
    )
    session.add(ActivationRow(name=name, version=number, previous=previous, activated_by=by, activated_at=now))


def _info(row: VersionRow, active: bool) -> VersionInfo:
    return VersionInfo(
        name=row.name,
        version=int(row.version),
        sha256=row.sha256,
        size=int(row.size),
        created_by=row.created_by,
        created_at=row.created_at,
        note=row.note,
        status=row.status,
        report=json.loads(row.report or "{}"),
        active=active,
    )
