"""Where jobs are kept: each job's state and lease in Huey's storage, its files under ``<store>/batches``.

Huey's storage sees only bytes (as Huey intends), so the same code keeps states in SQLite and in Redis::

    Huey storage   kagaz:batch:<id>        its state (``JobState`` as JSON), with its owner: who may list it
                   kagaz:batch:<id>:lease  who runs it now (set-if-empty: one runner at a time)
    store/batches/<id>/job.json            what was asked: year, formats, the inputs' names
    store/batches/<id>/inputs/0001.json    the inputs, numbered (a client's file name is never a path)
    store/batches/<id>/out/                the batch's outputs, manifest.json/.csv and result.zip

(``store`` is ``KAGAZ_STORE_DIR``, by default the data folder: with several machines, one folder they all
mount, so a batch queued on one machine is run by a worker on another.)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from service.db.database import RETRY_DOWN, RETRY_LOCKED, RETRY_READ_ONLY, sqlite_fault, translate_os
from service.errors import NotFound, StorageError, StorageFull, StorageUnavailable
from service.jobs.state import JOB_ID, JobState

if TYPE_CHECKING:
    from huey.storage import BaseStorage

RESULT_NAME = "result.zip"


def translate(error: Exception, database: Path | None = None) -> Exception:
    """The Kagaz error for a fault of the jobs store (Huey's SQLite or Redis, the batch folders); a bug
    stays itself. ``database``: the SQLite file, to tell a read-only disk from one that cannot be opened."""
    if isinstance(error, OSError) and not _is_redis(error):
        return translate_os(error)
    if isinstance(error, sqlite3.Error):
        fault = sqlite_fault(error, database.parent if database is not None else None)
        if fault == "full":
            return StorageFull("the jobs store has no space left")
        if fault == "read_only":
            return StorageUnavailable("read_only", "the jobs store is read-only", RETRY_READ_ONLY)
        if fault == "locked":
            return StorageUnavailable("locked", "the jobs store is locked by another process", RETRY_LOCKED)
        if fault == "unreachable":
            return StorageUnavailable("unreachable", "the jobs store cannot be opened", RETRY_DOWN)
        return error
    if _is_redis(error):
        return StorageUnavailable("unreachable", "the jobs store (Redis) cannot be reached", RETRY_DOWN)
    return error


def _is_redis(error: Exception) -> bool:
    """A Redis connection or timeout fault (redis is installed only where it is used)."""
    return type(error).__module__.startswith("redis") and type(error).__name__ in (
        "ConnectionError",
        "TimeoutError",
        "BusyLoadingError",
        "ReadOnlyError",
    )


@contextmanager
def faults(database: Path | None = None) -> Iterator[None]:
    """Raise the jobs store's faults as ``StorageFull`` / ``StorageUnavailable``; anything else passes."""
    try:
        yield
    except StorageError:
        raise
    except Exception as error:
        translated = translate(error, database)
        if translated is error:
            raise
        raise translated from error


class JobStore:
    """States and leases in a Huey storage; folders under ``folder``. An id is checked before any use, so
    that nothing a client sent becomes a key or a path."""

    def __init__(self, storage: BaseStorage, folder: Path) -> None:
        self.storage = storage
        self.folder = folder

    @staticmethod
    def _key(job_id: str) -> str:
        return f"kagaz:batch:{job_id}"

    def get(self, job_id: str) -> JobState:
        """The job's state; ``NotFound`` for an id that is malformed or unknown."""
        if not JOB_ID.match(job_id):
            raise NotFound(f"no batch {job_id!r}")
        raw = self.storage.peek_data(self._key(job_id))
        if not isinstance(raw, bytes | bytearray | memoryview):
            raise NotFound(f"no batch {job_id!r}")
        return JobState.from_json(bytes(raw))

    def save(self, state: JobState) -> None:
        self.storage.put_data(self._key(state.id), state.to_json())

    def take_lease(self, job_id: str, holder: str) -> bool:
        """True if nobody ran the job and now ``holder`` does."""
        return bool(self.storage.put_if_empty(f"{self._key(job_id)}:lease", holder.encode()))

    def release_lease(self, job_id: str) -> None:
        self.storage.delete_data(f"{self._key(job_id)}:lease")

    def delete(self, job_id: str) -> None:
        """Forget the job's state (its folder is the caller's to delete first)."""
        if JOB_ID.match(job_id):
            self.storage.delete_data(self._key(job_id))
            self.release_lease(job_id)

    def job_folder(self, job_id: str) -> Path:
        if not JOB_ID.match(job_id):
            raise NotFound(f"no batch {job_id!r}")
        return self.folder / job_id

    def job_ids(self) -> list[str]:
        """Every job that has a folder, oldest name first (the reclaim check walks them)."""
        if not self.folder.is_dir():
            return []
        return [job_file.parent.name for job_file in sorted(self.folder.glob("*/job.json"))]
