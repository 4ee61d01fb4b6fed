"""The storage half of ``/health``: can the database be read, can the data folder and file store be written.

A render needs only to read the database (which version is active, whose key this is); an upload, an
activation or a batch also writes. So the service is *ready* while the database answers a read, and the
report says separately whether writes would succeed, for an operator to act on before editors notice.
The probe is cheap and bounded: one SELECT on the database (on SQLite, on a connection of its own with a
one-second busy timeout, so a lock held elsewhere makes ``/health`` slow by at most a second, not five),
and one small file created and removed in each folder, with the free space read from the filesystem.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import text as sql_text

from service.db.database import Database, sqlite_fault
from service.errors import StorageError

LOW_SPACE = 1024 * 1024  # below this a folder is "full": a version with its test render and preview is ~0.1-1 MB


def database_state(database: Database) -> dict[str, Any]:
    """``{"backend", "state"}``: ``ok``, or the reason it cannot be read (locked, read_only, unreachable …)."""
    state = "ok"
    try:
        if database.path is not None:
            with contextlib.closing(sqlite3.connect(database.path, timeout=1.0)) as connection:
                connection.execute("SELECT COUNT(*) FROM template_active").fetchone()
        else:
            with database.reading() as session:
                session.execute(sql_text("SELECT COUNT(*) FROM template_active"))
    except sqlite3.OperationalError as error:
        state = sqlite_fault(error, database.path.parent if database.path is not None else None) or "unreachable"
    except StorageError as error:
        state = error.reason
    return {"backend": database.backend, "state": state}


def sqlite_write_state(path: Path) -> str:
    """``ok``, or why a writer could not write ``path`` now (locked, read_only, unreachable).

    It takes the write lock (``BEGIN IMMEDIATE``) and lets it go at once, writing nothing: a reader alone
    would pass under a writer's lock in WAL mode, yet a batch submission needs to write. A file not made yet
    is ``ok`` (it is made on first use; the folder's own state says whether it could be)."""
    if not path.exists():
        return "ok"
    try:
        with contextlib.closing(sqlite3.connect(path, timeout=1.0, isolation_level=None)) as connection:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("ROLLBACK")
    except sqlite3.OperationalError as error:
        return sqlite_fault(error, path.parent) or "unreachable"
    return "ok"


def folder_state(folder: Path) -> dict[str, Any]:
    """``{"path", "state", "free_bytes"}``: ``ok``, ``full`` (no space, or under 1 MiB), ``read_only``."""
    state = "ok"
    free: int | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(folder).free
        descriptor, probe = tempfile.mkstemp(prefix=".health-", dir=folder)
        try:
            os.write(descriptor, b"kagaz")
        finally:
            os.close(descriptor)
            Path(probe).unlink(missing_ok=True)
        if free < LOW_SPACE:
            state = "full"
    except OSError as error:
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            state = "full"
        elif error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            state = "read_only"
        else:
            state = "unavailable"
    return {"path": str(folder), "state": state, "free_bytes": free}


def storage_state(database: Database, folders: dict[str, Path], jobs: dict[str, Any] | None = None) -> dict[str, Any]:
    """The whole storage report: the database, each folder and the jobs store (``{"backend", "state"}``);
    ``readable``/``writable`` sum it up. A faulty jobs store makes the service not writable (no batch can
    be submitted), never not ready: a render does not need it."""
    report: dict[str, Any] = {"database": database_state(database)}
    for name, folder in folders.items():
        report[name] = folder_state(folder)
    if jobs is not None:
        report["jobs"] = jobs
    parts = [*folders, *(["jobs"] if jobs is not None else [])]
    report["readable"] = report["database"]["state"] == "ok"
    report["writable"] = report["readable"] and all(report[name]["state"] == "ok" for name in parts)
    return report
