"""``kagaz db backup FILE`` / ``kagaz db restore FILE``: the shared state and the file store in one archive.

The archive is a tar file::

    kagaz-backup.json     what it holds: format, backend, schema revision, when, from where
    database.sqlite3      SQLite: a consistent copy made with SQLite's online backup API (the service may run)
    database.pgdump       PostgreSQL: ``pg_dump --format=custom`` (one consistent snapshot; the service may run)
    jobs.sqlite3          the embedded job queue and job states, when KAGAZ_JOBS_BACKEND=sqlite
    store/batches/…       the file store: every batch's inputs, outputs and result.zip

The database holds the keys, every template version with its DOCX, test render and preview, the active
versions and the activation log, so the database part alone restores the templates whole. A restore goes
into a fresh database and store (refused when they hold data, unless ``force``), and is migrated to this
Kagaz's schema if it came from an older one. A backup restores into the backend it was taken from: moving
from SQLite to PostgreSQL is not a restore. The archive is written to a temporary file in the target's
folder and renamed into place, so a failed backup never leaves a half archive under the name asked for.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import inspect

from service.db import migrate
from service.db.database import Database, faults

FORMAT = 1
MANIFEST = "kagaz-backup.json"
JOBS_FILE = "jobs.sqlite3"


class BackupError(Exception):
    """Raised when a backup cannot be made or restored; the message says what and what to do."""


@dataclass(frozen=True)
class Summary:
    """What a backup holds (or a restore put back)."""

    backend: str
    revision: str | None
    store_files: int
    jobs: bool


def backup(database: Database, store: Path, data_dir: Path, target: Path) -> Summary:
    """Write the archive of ``database`` and ``store`` (and the embedded job queue) to ``target``."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".kagaz-backup-", dir=target.parent) as scratch:
        work = Path(scratch)
        revision = migrate.current(database)
        if database.backend == "sqlite":
            dump, member = work / "database.sqlite3", "database.sqlite3"
            _sqlite_copy(_sqlite_path(database), dump)
        else:
            dump, member = work / "database.pgdump", "database.pgdump"
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-acl", "--file", str(dump)], database)
        jobs = data_dir / JOBS_FILE
        if jobs.is_file():
            _sqlite_copy(jobs, work / JOBS_FILE)
        batches = store / "batches"
        files = [path for path in sorted(batches.rglob("*")) if path.is_file()] if batches.is_dir() else []
        summary = Summary(database.backend, revision, len(files), jobs.is_file())
        manifest = {
            "format": FORMAT,
            "backend": database.backend,
            "revision": revision,
            "created_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            "database": database.describe(),
            "store_files": len(files),
            "jobs": summary.jobs,
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        partial = work / "archive.tar"
        with tarfile.open(partial, "w") as archive:
            archive.add(work / MANIFEST, MANIFEST)
            archive.add(dump, member)
            if summary.jobs:
                archive.add(work / JOBS_FILE, JOBS_FILE)
            for path in files:
                archive.add(path, "store/" + path.relative_to(store).as_posix())
        with partial.open("rb") as handle:
            os.fsync(handle.fileno())
        partial.replace(target)
    return summary


def restore(database: Database, store: Path, data_dir: Path, source: Path, *, force: bool = False) -> Summary:
    """Put the archive ``source`` back into ``database`` and ``store``; then migrate it to this Kagaz."""
    try:
        archive = tarfile.open(source, "r")  # noqa: SIM115  (closed by the with below)
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{source}: not a Kagaz backup ({error})") from None
    with archive, tempfile.TemporaryDirectory(prefix=".kagaz-restore-") as scratch:
        work = Path(scratch)
        manifest = _manifest(archive, source)
        if manifest["backend"] != database.backend:
            raise BackupError(
                f"{source} is a {manifest['backend']} backup; KAGAZ_DATABASE_URL is {database.backend}: "
                "restore into the backend it was taken from"
            )
        if not force:
            _must_be_fresh(database, store, data_dir)
        archive.extractall(work, filter="data")  # the "data" filter refuses absolute paths, .. and links out
        if database.backend == "sqlite":
            database.dispose()
            _sqlite_copy(work / "database.sqlite3", _sqlite_path(database))
        else:
            command = ["pg_restore", "--no-owner", "--no-acl", "--exit-on-error", "--single-transaction"]
            if force:
                command += ["--clean", "--if-exists"]
            _run([*command, str(work / "database.pgdump")], database, database_option=True)
        database.dispose()
        if (work / JOBS_FILE).is_file():
            data_dir.mkdir(parents=True, exist_ok=True)
            _sqlite_copy(work / JOBS_FILE, data_dir / JOBS_FILE)
        files = 0
        saved = work / "store"
        if saved.is_dir():
            for path in sorted(saved.rglob("*")):
                if path.is_file():
                    destination = store / path.relative_to(saved)
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    temporary = destination.with_name(f".{destination.name}.restoring")
                    shutil.copyfile(path, temporary)
                    temporary.replace(destination)
                    files += 1
        migrate.upgrade(database)
    return Summary(database.backend, manifest.get("revision"), files, bool(manifest.get("jobs")))


def _manifest(archive: tarfile.TarFile, source: Path) -> dict[str, Any]:
    try:
        member = archive.extractfile(MANIFEST)
        manifest = json.loads(member.read()) if member else None
    except (KeyError, ValueError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{source}: not a Kagaz backup (no {MANIFEST} of format {FORMAT})")
    return manifest


def _must_be_fresh(database: Database, store: Path, data_dir: Path) -> None:
    with faults():
        tables = [name for name in inspect(database.engine).get_table_names() if name != "alembic_version"]
    database.dispose()
    batches = store / "batches"
    held = []
    if tables:
        held.append(f"the database {database.describe()} has tables ({', '.join(sorted(tables)[:4])} …)")
    if batches.is_dir() and any(batches.iterdir()):
        held.append(f"the file store {batches} is not empty")
    if (data_dir / JOBS_FILE).exists():
        held.append(f"{data_dir / JOBS_FILE} exists")
    if held:
        raise BackupError("restore goes into a fresh database and store, but " + "; ".join(held) + " (--force)")


def _sqlite_path(database: Database) -> Path:
    if database.path is None:
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return database.path


def _sqlite_copy(source: Path, target: Path) -> None:
    """SQLite's online backup API: a consistent copy while other connections read and write."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as reader, sqlite3.connect(target) as writer:
        reader.backup(writer)
    writer.close()
    reader.close()


def _run(command: list[str], database: Database, *, database_option: bool = False) -> None:
    """``pg_dump`` / ``pg_restore`` against the database's server; the password goes by environment."""
    url = database.url
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    libpq = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    full = [*command, "--dbname", libpq] if database_option else [*command, libpq]
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client of the server's version)")
    done = subprocess.run(full, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[-2000:]}")
