"""The job queue of one service or worker process: Huey set up from the settings, submit, look up, start, stop.

Huey, not a home-made queue: the queue, retries and the periodic check live in Huey's storage, SQLite by
default (``data_dir/jobs.sqlite3``, consumed by threads inside the service) or Redis (consumed by separate
``huey_consumer service.jobs.worker.huey`` processes on as many machines as needed). The task code is the
same either way; only the Huey class differs, as Huey intends.
"""

from __future__ import annotations

import contextlib
import json
import logging
import shutil
import threading
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from huey import Huey, crontab

from service import batch
from service.atomic import write_atomically
from service.errors import NotFound, StorageError
from service.jobs import tasks
from service.jobs.consumer import EmbeddedConsumer
from service.jobs.expiry import expire
from service.jobs.reclaim import reclaim
from service.jobs.state import DONE, JobState, now
from service.jobs.store import RESULT_NAME, JobStore, faults

if TYPE_CHECKING:
    from service.engine import Engine
    from service.settings import Settings

log = logging.getLogger("kagaz.jobs")


def make_huey(settings: Settings) -> Huey:
    """The Huey instance the settings choose; its class decides the storage, as Huey intends."""
    if settings.jobs_backend == "redis":
        from huey import RedisHuey

        return RedisHuey("kagaz", url=settings.redis_url, results=False)
    from huey import SqliteHuey

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("kagaz", filename=str(settings.data_dir / "jobs.sqlite3"), results=False)


class Jobs:
    """The job store, the Huey tasks and (embedded) the consumer of one service or worker process.

    ``engine`` is called when a job first needs one: a worker process starts LibreOffice only then."""

    def __init__(self, settings: Settings, engine: Callable[[], Engine]) -> None:
        self.settings = settings
        self.folder = settings.store_root / "batches"  # KAGAZ_STORE_DIR: seen by every machine
        self.engine = engine
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._huey: Huey | None = None
        self._store: JobStore | None = None
        self._consumer: EmbeddedConsumer | None = None
        self.running: set[str] = set()  # jobs this process runs now: never reclaimed from under itself
        # How often a running job says it is alive: often enough that it never looks dead while it works.
        self.heartbeat = min(tasks.HEARTBEAT_SECONDS, settings.jobs_stale_after / 4)

    # --- Huey, made on first use: an app that never sees a batch opens no queue ----------------------
    @property
    def database(self) -> Path | None:
        """Huey's SQLite file, or None with Redis."""
        return None if self.settings.jobs_backend == "redis" else self.settings.data_dir / "jobs.sqlite3"

    def faults(self) -> contextlib.AbstractContextManager[None]:
        """The jobs store's faults as ``StorageFull`` / ``StorageUnavailable`` (``jobs.store.faults``)."""
        return faults(self.database)

    @property
    def huey(self) -> Huey:
        with self._lock:
            if self._huey is None:
                with self.faults():  # a full or read-only data folder: Huey cannot even make its tables
                    huey = make_huey(self.settings)
                self._task = huey.task(
                    name="kagaz.batch", retries=tasks.RETRIES, retry_delay=tasks.RETRY_DELAY, context=True
                )(self._run)
                huey.periodic_task(crontab(minute="*"), name="kagaz.reclaim")(self.reclaim)
                huey.periodic_task(crontab(minute="17"), name="kagaz.expire")(self.expire)
                self._reclaim_task = huey.task(name="kagaz.reclaim-once")(self.reclaim)
                self._store = JobStore(huey.storage, self.folder)
                self._huey = huey
            return self._huey

    @property
    def store(self) -> JobStore:
        self.huey  # noqa: B018  (made with Huey, on its storage)
        assert self._store is not None
        return self._store

    def _run(self, job_id: str, task: Any = None) -> None:
        tasks.run_job(self, job_id, task)

    def enqueue(self, job_id: str) -> None:
        """Queue the job's task (again)."""
        self.huey  # noqa: B018
        self._task(job_id)

    def reclaim(self) -> list[str]:
        return reclaim(self)

    def expire(self, at: float | None = None) -> list[str]:
        return expire(self, at)

    # --- the embedded consumer ---------------------------------------------------------------------
    def start(self, workers: int) -> None:
        """Start the embedded consumer (threads) and resume what a killed service left running.

        A jobs store that cannot be opened now (full, read-only, locked) leaves the consumer unstarted; the
        next request that needs jobs tries again (``jobs.app.for_app``) and answers the fault meanwhile."""
        try:
            huey = self.huey
        except StorageError as error:
            log.warning("the jobs store cannot be opened, the consumer waits: %s", error)
            return
        with self._lock:
            if self._consumer is not None or self.stopping.is_set():
                return
            self._consumer = EmbeddedConsumer(
                huey, workers=workers, worker_type="thread", initial_delay=0.1, max_delay=1.0, check_worker_health=False
            )
            self._consumer.start()
        try:
            self.reclaim()
            self.expire()
        except Exception:  # Redis down at start: the service still starts; the periodic checks retry
            log.exception("could not look for abandoned or expired batches at start")
        # A job killed moments ago still has a fresh heartbeat: look again once it has gone stale.
        self._reclaim_task.schedule(delay=self.settings.jobs_stale_after + 1)

    def started(self) -> bool:
        return self._consumer is not None

    def stop(self, timeout: float = 20.0) -> None:
        """Running batches stop taking documents and queue themselves again; then the threads end."""
        self.stopping.set()
        with self._lock:
            consumer, self._consumer = self._consumer, None
        if consumer is not None:
            consumer.shutdown_timeout = timeout
            consumer.stop(graceful=True)
        if self._huey is not None:
            self._huey.storage.close()

    def health(self) -> dict[str, str]:
        """``{"backend", "state"}`` of the jobs store for ``/health``: could a batch be queued now?"""
        if self.database is not None:
            from service.db.health import sqlite_write_state

            return {"backend": "sqlite", "state": sqlite_write_state(self.database)}
        try:
            with self.faults():
                self.huey.storage.conn.ping()
        except StorageError as error:
            return {"backend": "redis", "state": error.reason}
        return {"backend": "redis", "state": "ok"}

    # --- what clients ask ----------------------------------------------------------------------------
    def state(self, job_id: str) -> JobState:
        """The job's state; ``NotFound`` for an id that is malformed or unknown; ``StorageError`` when the
        jobs store cannot be read now (Redis unreachable, an SQLite file that cannot be opened), so that the API
        and the pages answer 503 + Retry-After, not an internal error."""
        with self.faults():
            return self.store.get(job_id)

    def job_folder(self, job_id: str) -> Path:
        return self.store.job_folder(job_id)

    def list(self, readable: Callable[[JobState], bool], limit: int = 100) -> list[JobState]:
        """Past and present jobs that ``readable`` lets the caller see (``auth.may_read``), newest first;
        ``StorageError`` when the jobs store cannot be read now."""
        found = []
        for job_id in self.store.job_ids():
            try:
                with self.faults():
                    state = self.state(job_id)
            except (NotFound, ValueError):
                continue
            if readable(state):
                found.append(state)
        found.sort(key=lambda state: state.created or "", reverse=True)
        return found[:limit]

    def result_path(self, job_id: str) -> Path | None:
        """The finished job's ZIP, or None while it is not done."""
        state = self.state(job_id)
        path = self.job_folder(job_id) / "out" / RESULT_NAME
        return path if state.state == DONE and path.is_file() else None

    def submit(
        self,
        sources: Sequence[batch.Source],
        year: int,
        formats: Sequence[str],
        by: str = "anonymous",
        owner: int | None = None,
        register: list[dict[str, Any]] | None = None,
    ) -> JobState:
        """Store the inputs, record the job as queued, and queue it. ``by``: the caller's key name (shown);
        ``owner``: its key's id, which alone decides who reads the job (``auth.may_read``); ``register``: the
        submitted versions its inputs are, for a batch made from the reporting register."""
        job_id = uuid.uuid4().hex
        folder = self.job_folder(job_id)
        state = JobState(
            id=job_id,
            year=year,
            formats=list(formats),
            created=now(),
            by=by,
            owner=owner,
            total=len(sources) + 1,
            register=register,
        )
        saved = False
        try:
            with self.faults():
                self._store_inputs(folder, state, sources)
                self.store.save(state)
                saved = True
                self.enqueue(job_id)
        except BaseException:
            # All or nothing: no folder without its queued job, no state whose inputs are missing. A job
            # queued is never undone (the consumer may hold it already); everything before is removed.
            self._forget(job_id, folder, saved)
            raise
        return state

    def _store_inputs(self, folder: Path, state: JobState, sources: Sequence[batch.Source]) -> None:
        names = []
        for index, source in enumerate(sources, start=1):
            stored = f"{index:04d}{source.suffix if source.suffix in batch.inputs.SUFFIXES else '.json'}"
            write_atomically(folder / "inputs" / stored, source.content)
            names.append({"name": source.name, "file": stored})
        request = {
            "id": state.id,
            "year": state.year,
            "formats": state.formats,
            "by": state.by,
            "inputs": names,
            "created": state.created,
        }
        write_atomically(folder / "job.json", json.dumps(request, ensure_ascii=False, indent=2).encode("utf-8"))

    def _forget(self, job_id: str, folder: Path, saved: bool) -> None:
        """Remove what a failed submission wrote: the folder (freeing the space it took) and, if it was
        saved, the state (a store that refused the state is not asked again: a lock would cost a second wait)."""
        shutil.rmtree(folder, ignore_errors=True)
        if saved and self._store is not None:
            # The store that just failed may fail again; the state then stays behind, unseen: reclaim and
            # expiry walk the folders, and its id was never given to anyone.
            with contextlib.suppress(Exception):
                self._store.delete(job_id)
