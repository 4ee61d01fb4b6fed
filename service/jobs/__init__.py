"""Batches as background jobs: Huey's queue and consumer run ``service.batch.run`` on a job's folder.

Huey, not a home-made queue: the queue, retries and the periodic check live in Huey's storage, SQLite by
default (``data_dir/jobs.sqlite3``, consumed by threads inside the service) or Redis (consumed by
``huey_consumer service.jobs.huey`` processes on as many machines as needed). The task code is the same.

Storage of one job::

    Huey storage   kagaz:batch:<id>        its state (JSON): queued / running / done / failed, done/total, errors
                   kagaz:batch:<id>:lease  who runs it now (set-if-empty: one runner at a time)
    data_dir/batches/<id>/job.json         what was asked: year, formats, the inputs' names
    data_dir/batches/<id>/inputs/0001.json the inputs, numbered (a client's file name is never a path)
    data_dir/batches/<id>/out/             the batch's outputs, manifest.json/.csv and result.zip

Nothing is lost on a restart. A stopping service tells its running batches to stop taking documents; they
put their job back in the queue, which is persistent. A service (or worker) killed outright leaves a job
"running" whose heartbeat stops: after ``jobs_stale_after`` seconds the reclaim check (at start, then every
minute, a Huey periodic task) breaks its lease and queues it again. Either way the batch runs again on the
same folder, and its up-to-date check redoes only the documents that were not finished.
"""

from __future__ import annotations

import atexit
import datetime as dt
import json
import logging
import re
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from huey import Huey, crontab
from huey.consumer import Consumer

from service import batch
from service.atomic import write_atomically
from service.batch.manifest import ERROR, Entry
from service.errors import NotFound, PoolUnavailable

if TYPE_CHECKING:
    from flask import Flask

    from service.engine import Engine
    from service.settings import Settings

log = logging.getLogger("kagaz.jobs")

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
JOB_ID = re.compile(r"^[0-9a-f]{32}$")
RESULT_NAME = "result.zip"
HEARTBEAT_SECONDS = 5.0  # how often a running job says it is alive (at most a quarter of jobs_stale_after)
POOL_READY_WAIT = 120.0  # a job started with the service waits this long for LibreOffice before a retry
RETRIES, RETRY_DELAY = 3, 30  # a system failure (LibreOffice not ready, disk) is retried by Huey


def now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def make_huey(settings: Settings) -> Huey:
    """The Huey instance the settings choose; its class decides the storage, as Huey intends."""
    if settings.jobs_backend == "redis":
        from huey import RedisHuey

        return RedisHuey("kagaz", url=settings.redis_url, results=False)
    from huey import SqliteHuey

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("kagaz", filename=str(settings.data_dir / "jobs.sqlite3"), results=False)


class BatchIncomplete(Exception):
    """Raised (to Huey, which retries the task) when a run left outputs that failed for a system reason."""


class EmbeddedConsumer(Consumer):  # type: ignore[misc]
    """Huey's consumer in threads of the service: it must not take over the process's signal handlers
    (gunicorn owns them), so stopping is left to ``Jobs.stop``."""

    def _set_signal_handlers(self) -> None:
        pass


class Jobs:
    """The job store, the Huey tasks and (embedded) the consumer of one service or worker process."""

    def __init__(self, settings: Settings, engine: Callable[[], Engine]) -> None:
        self.settings = settings
        self.folder = settings.data_dir / "batches"
        self._engine = engine
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._huey: Huey | None = None
        self._consumer: EmbeddedConsumer | None = None
        self._running: set[str] = set()  # jobs this process runs now: never reclaimed from under itself
        # How often a running job says it is alive: often enough that it never looks dead while it works.
        self.heartbeat = min(HEARTBEAT_SECONDS, settings.jobs_stale_after / 4)

    # --- Huey, made on first use: an app that never sees a batch opens no queue ----------------------
    @property
    def huey(self) -> Huey:
        with self._lock:
            if self._huey is None:
                huey = make_huey(self.settings)
                self._task = huey.task(name="kagaz.batch", retries=RETRIES, retry_delay=RETRY_DELAY, context=True)(
                    self._run
                )
                huey.periodic_task(crontab(minute="*"), name="kagaz.reclaim")(self.reclaim)
                self._reclaim_task = huey.task(name="kagaz.reclaim-once")(self.reclaim)
                self._huey = huey
            return self._huey

    def start(self, workers: int) -> None:
        """Start the embedded consumer (threads) and resume what a killed service left running."""
        huey = self.huey
        with self._lock:
            if self._consumer is not None or self._stopping.is_set():
                return
            self._consumer = EmbeddedConsumer(
                huey, workers=workers, worker_type="thread", initial_delay=0.1, max_delay=1.0, check_worker_health=False
            )
            self._consumer.start()
        try:
            self.reclaim()
        except Exception:  # Redis down at start: the service still starts; the periodic check retries
            log.exception("could not look for abandoned batches at start")
        # A job killed moments ago still has a fresh heartbeat: look again once it has gone stale.
        self._reclaim_task.schedule(delay=self.settings.jobs_stale_after + 1)

    def started(self) -> bool:
        return self._consumer is not None

    def stop(self, timeout: float = 20.0) -> None:
        """Running batches stop taking documents and queue themselves again; then the threads end."""
        self._stopping.set()
        with self._lock:
            consumer, self._consumer = self._consumer, None
        if consumer is not None:
            consumer.shutdown_timeout = timeout
            consumer.stop(graceful=True)
        if self._huey is not None:
            self._huey.storage.close()

    # --- the store ---------------------------------------------------------------------------------
    def _key(self, job_id: str) -> str:
        return f"kagaz:batch:{job_id}"

    def state(self, job_id: str) -> dict[str, Any]:
        """The job's state; ``NotFound`` for an id that is malformed or unknown."""
        if not JOB_ID.match(job_id):
            raise NotFound(f"no batch {job_id!r}")
        raw = self.huey.storage.peek_data(self._key(job_id))
        if not isinstance(raw, bytes | bytearray | memoryview):
            raise NotFound(f"no batch {job_id!r}")
        return json.loads(bytes(raw))

    def _save(self, state: dict[str, Any]) -> None:
        self.huey.storage.put_data(self._key(state["id"]), json.dumps(state, ensure_ascii=False).encode("utf-8"))

    def job_folder(self, job_id: str) -> Path:
        if not JOB_ID.match(job_id):
            raise NotFound(f"no batch {job_id!r}")
        return self.folder / job_id

    def result_path(self, job_id: str) -> Path | None:
        """The finished job's ZIP, or None while it is not done."""
        state = self.state(job_id)
        path = self.job_folder(job_id) / "out" / RESULT_NAME
        return path if state["state"] == DONE and path.is_file() else None

    def submit(
        self, sources: Sequence[batch.Source], year: int, formats: Sequence[str], by: str = "anonymous"
    ) -> dict[str, Any]:
        """Store the inputs, record the job as queued, and queue it. ``by``: the caller's key name."""
        job_id = uuid.uuid4().hex
        folder = self.job_folder(job_id)
        names = []
        for index, source in enumerate(sources, start=1):
            stored = f"{index:04d}{source.suffix if source.suffix in batch.inputs.SUFFIXES else '.json'}"
            write_atomically(folder / "inputs" / stored, source.content)
            names.append({"name": source.name, "file": stored})
        request = {"id": job_id, "year": year, "formats": list(formats), "by": by, "inputs": names, "created": now()}
        write_atomically(folder / "job.json", json.dumps(request, ensure_ascii=False, indent=2).encode("utf-8"))
        state = {
            "id": job_id,
            "state": QUEUED,
            "year": year,
            "formats": list(formats),
            "created": request["created"],
            "by": by,
            "done": 0,
            "total": len(sources) + 1,
            "errors": [],
        }
        self._save(state)
        self._task(job_id)
        return state

    # --- running -----------------------------------------------------------------------------------
    def _run(self, job_id: str, task: Any = None) -> None:
        """The Huey task: run the job's batch, once at a time, recording progress; see the module docstring."""
        try:
            state = self.state(job_id)
        except NotFound:
            log.error("batch %s has no state (storage flushed?); dropped", job_id)
            return
        if state["state"] in (DONE, FAILED):
            return
        lease = uuid.uuid4().hex
        if not self.huey.storage.put_if_empty(f"{self._key(job_id)}:lease", lease.encode()):
            log.info("batch %s is run by another worker", job_id)
            return
        run = _Run(self, state)
        self._running.add(job_id)
        try:
            outcome = run.execute()
        except Exception as error:
            final = task is None or not getattr(task, "retries", 0)
            run.finish(FAILED if final else QUEUED, message=f"{type(error).__name__}: {error}")
            log.exception("batch %s failed%s", job_id, "" if final else "; Huey retries it")
            raise
        finally:
            self.huey.storage.delete_data(f"{self._key(job_id)}:lease")
            self._running.discard(job_id)
        failed = sum(entry.failure == batch.SYSTEM for entry in outcome.entries)
        if outcome.interrupted:
            run.finish(QUEUED, message="interrupted by a stop; queued again")
            self._task(job_id)
        elif failed and task is not None and getattr(task, "retries", 0):
            # LibreOffice busy or restarting: Huey tries again later, and only the failed documents are redone.
            run.finish(QUEUED, message=f"{failed} outputs failed for a system reason; retried in {RETRY_DELAY} s")
            raise BatchIncomplete(f"batch {job_id}: {failed} outputs failed for a system reason")
        else:
            run.finish(DONE, counts={status: outcome.count(status) for status in (batch.OK, batch.SKIPPED, ERROR)})

    def reclaim(self) -> list[str]:
        """Queue again every job whose runner died (stale heartbeat) or whose queued task was lost."""
        if not self.folder.is_dir():
            return []
        stale_before = time.time() - self.settings.jobs_stale_after
        waiting = {task.args[0] for task in [*self.huey.pending(), *self.huey.scheduled()] if task.args}
        reclaimed = []
        for job_file in sorted(self.folder.glob("*/job.json")):
            job_id = job_file.parent.name
            try:
                state = self.state(job_id)
            except NotFound:
                continue
            seen = state.get("heartbeat") or _timestamp(state.get("created"))
            dead = state["state"] == RUNNING and seen < stale_before and job_id not in self._running
            lost = state["state"] == QUEUED and job_id not in waiting and seen < stale_before
            if dead or lost:
                if dead:  # its runner is gone: break its lease (a lost job's task may just have started)
                    self.huey.storage.delete_data(f"{self._key(job_id)}:lease")
                state["state"] = QUEUED
                state["heartbeat"] = time.time()  # not lost again before the queued task runs
                self._save(state)
                self._task(job_id)
                reclaimed.append(job_id)
                log.warning("batch %s was %s; queued again", job_id, "abandoned" if dead else "lost")
        return reclaimed


class _Run:
    """One execution of a job: owns its state while it runs, with a heartbeat thread."""

    def __init__(self, jobs: Jobs, state: dict[str, Any]) -> None:
        self.jobs = jobs
        self.state = state
        self.lock = threading.Lock()
        self.beating = threading.Event()

    def save(self, **changes: Any) -> None:
        with self.lock:
            self.state.update(changes, heartbeat=time.time())
            self.jobs._save(self.state)

    def execute(self) -> batch.Outcome:
        jobs, job_id = self.jobs, self.state["id"]
        folder = jobs.job_folder(job_id)
        request = json.loads((folder / "job.json").read_text(encoding="utf-8"))
        sources = [
            batch.Source(item["name"], (folder / "inputs" / item["file"]).read_bytes()) for item in request["inputs"]
        ]
        self.save(state=RUNNING, started=self.state.get("started") or now(), errors=[], message=None)
        engine = jobs._engine()
        if "pdf" in request["formats"]:
            pool = engine.pool
            if pool is None or not pool.wait_ready(POOL_READY_WAIT):
                raise PoolUnavailable("the LibreOffice pool is not ready", RETRY_DELAY)
        beat = threading.Thread(target=self._heartbeat, name=f"kagaz-job-{job_id[:8]}", daemon=True)
        beat.start()
        try:
            options = batch.Options(year=request["year"], formats=tuple(request["formats"]), zip_name=RESULT_NAME)
            return batch.run(engine, sources, folder / "out", options, observer=self, stop=jobs._stopping)
        finally:
            self.beating.set()
            beat.join()

    def _heartbeat(self) -> None:
        while not self.beating.wait(self.jobs.heartbeat):
            self.save()

    def finish(self, state: str, **changes: Any) -> None:
        self.save(state=state, finished=now() if state in (DONE, FAILED) else None, **changes)

    # --- batch.Observer ---
    def planned(self, documents: int, todo: int, entries: Sequence[Entry]) -> None:
        self.save(total=documents, done=documents - todo, errors=[_error(entry) for entry in entries if entry.errors])

    def finished(self, entries: Sequence[Entry]) -> None:
        errors = [_error(entry) for entry in entries if entry.errors]
        self.save(done=self.state["done"] + 1, errors=self.state["errors"] + errors)


def _error(entry: Entry) -> dict[str, Any]:
    return {
        "source": entry.source,
        "document": entry.document,
        "format": entry.format,
        "failure": entry.failure,
        "problems": list(entry.errors),
    }


def _timestamp(iso: str | None) -> float:
    try:
        return dt.datetime.fromisoformat(iso).timestamp() if iso else 0.0
    except ValueError:
        return 0.0


# --- wiring ------------------------------------------------------------------------------------------
def init_app(app: Flask) -> None:
    """Give the app its ``Jobs``; start the consumer now if jobs were ever queued here, else on the first."""
    settings = app.config["KAGAZ"]
    jobs = Jobs(settings, lambda: app.extensions["kagaz.engine"])
    app.extensions["kagaz.jobs"] = jobs
    if settings.jobs_workers and (settings.jobs_backend == "redis" or (settings.data_dir / "jobs.sqlite3").exists()):
        jobs.start(settings.jobs_workers)
    atexit.register(jobs.stop)


def for_app(app: Flask | None = None) -> Jobs:
    """The (current) app's jobs, with the embedded consumer running if the settings want one."""
    if app is None:
        from flask import current_app

        app = current_app._get_current_object()  # type: ignore[attr-defined]
    jobs: Jobs = app.extensions["kagaz.jobs"]
    if app.config["KAGAZ"].jobs_workers and not jobs.started():
        jobs.start(app.config["KAGAZ"].jobs_workers)
    return jobs


# --- separate workers: ``huey_consumer service.jobs.huey -k thread -w N`` -----------------------------
_worker: Jobs | None = None
_worker_engine_instance: Engine | None = None
_worker_lock = threading.Lock()


def _worker_engine() -> Engine:
    """A worker process's own engine and LibreOffice pool, started on its first job, stopped at exit."""
    global _worker_engine_instance
    with _worker_lock:
        if _worker_engine_instance is None:
            from service.conversion.pool import ConversionPool
            from service.engine import Engine
            from service.settings import load_settings

            settings = load_settings()
            pool = ConversionPool.from_settings(settings)
            pool.start(wait=False)
            atexit.register(pool.stop)
            _worker_engine_instance = Engine(settings, pool)
        return _worker_engine_instance


def __getattr__(name: str) -> Any:
    """``service.jobs.huey``: the Huey of a separate consumer process, built from ``KAGAZ_*`` on first use."""
    global _worker
    if name != "huey":
        raise AttributeError(name)
    with _worker_lock:
        if _worker is None:
            from service.settings import load_settings

            _worker = Jobs(load_settings(), _worker_engine)
    return _worker.huey


__all__ = ["DONE", "FAILED", "QUEUED", "RUNNING", "Jobs", "for_app", "init_app"]
