"""Where jobs are kept: each job's state and lease in Huey's storage, its files under ``<store>/batches``.

Huey's storage sees only bytes (as Huey intends), so the same code keeps states in SQLite and in Redis::

    Huey storage   kagaz:batch:<id>        its state (``JobState`` as JSON)
                   kagaz:batch:<id>:lease  who runs it now (set-if-empty: one runner at a time)
    store/batches/<id>/job.json            what was asked: year, formats, the inputs' names
    store/batches/<id>/inputs/0001.json    the inputs, numbered (a client's file name is never a path)
    store/batches/<id>/out/                the batch's outputs, manifest.json/.csv and result.zip

(``store`` is ``KAGAZ_STORE_DIR``, by default the data folder: with several machines, one folder they all
mount, so a batch queued on one machine is run by a worker on another.)
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from service.errors import NotFound
from service.jobs.state import JOB_ID, JobState

if TYPE_CHECKING:
    from huey.storage import BaseStorage

RESULT_NAME = "result.zip"


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
