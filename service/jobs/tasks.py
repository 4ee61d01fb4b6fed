"""The batch task: run a job's batch once at a time, recording its progress, its heartbeat and its end.

Nothing is lost on a restart. A stopping service tells its running batches to stop taking documents; they
put their job back in the queue, which is persistent. A run that hit a system failure (LibreOffice busy or
restarting, the disk) raises so that Huey retries it; only the failed documents are redone.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from service import batch
from service.batch.manifest import ERROR, Entry
from service.engine import CONVERTED
from service.errors import NotFound, PoolUnavailable
from service.issuance.issuing import Issuer
from service.jobs.state import DONE, FAILED, QUEUED, RUNNING, JobState, entry_error, now
from service.jobs.store import RESULT_NAME

if TYPE_CHECKING:
    from service.jobs.queue import Jobs

log = logging.getLogger("kagaz.jobs")

HEARTBEAT_SECONDS = 5.0  # how often a running job says it is alive (at most a quarter of jobs_stale_after)
POOL_READY_WAIT = 120.0  # a job started with the service waits this long for LibreOffice before a retry
RETRIES, RETRY_DELAY = 3, 30  # a system failure (LibreOffice not ready, disk) is retried by Huey


class BatchIncomplete(Exception):
    """Raised (to Huey, which retries the task) when a run left outputs that failed for a system reason."""


def run_job(jobs: Jobs, job_id: str, task: Any = None) -> None:
    """The Huey task: run the job's batch, once at a time; ``task`` is Huey's, to know if retries remain."""
    try:
        state = jobs.store.get(job_id)
    except NotFound:
        log.error("batch %s has no state (storage flushed?); dropped", job_id)
        return
    if state.state in (DONE, FAILED):
        return
    if not jobs.store.take_lease(job_id, uuid.uuid4().hex):
        log.info("batch %s is run by another worker", job_id)
        return
    run = Run(jobs, state)
    jobs.running.add(job_id)
    try:
        outcome = run.execute()
    except Exception as error:
        final = task is None or not getattr(task, "retries", 0)
        run.finish(FAILED if final else QUEUED, message=f"{type(error).__name__}: {error}")
        log.exception("batch %s failed%s", job_id, "" if final else "; Huey retries it")
        raise
    finally:
        jobs.store.release_lease(job_id)
        jobs.running.discard(job_id)
    failed = sum(entry.failure == batch.SYSTEM for entry in outcome.entries)
    if outcome.interrupted:
        run.finish(QUEUED, message="interrupted by a stop; queued again")
        jobs.enqueue(job_id)
    elif failed and task is not None and getattr(task, "retries", 0):
        # LibreOffice busy or restarting: Huey tries again later, and only the failed documents are redone.
        run.finish(QUEUED, message=f"{failed} outputs failed for a system reason; retried in {RETRY_DELAY} s")
        raise BatchIncomplete(f"batch {job_id}: {failed} outputs failed for a system reason")
    else:
        run.finish(DONE, counts={status: outcome.count(status) for status in (batch.OK, batch.SKIPPED, ERROR)})


class Run:
    """One execution of a job: owns its state while it runs, with a heartbeat thread; the batch's observer."""

    def __init__(self, jobs: Jobs, state: JobState) -> None:
        self.jobs = jobs
        self.state = state
        self.lock = threading.Lock()
        self.beating = threading.Event()

    def save(self, **changes: Any) -> None:
        with self.lock:
            for name, value in changes.items():
                setattr(self.state, name, value)
            self.state.heartbeat = time.time()
            self.jobs.store.save(self.state)

    def execute(self) -> batch.Outcome:
        jobs, job_id = self.jobs, self.state.id
        folder = jobs.store.job_folder(job_id)
        request = json.loads((folder / "job.json").read_text(encoding="utf-8"))
        sources = [
            batch.Source(item["name"], (folder / "inputs" / item["file"]).read_bytes()) for item in request["inputs"]
        ]
        self.save(state=RUNNING, started=self.state.started or now(), errors=[], message=None)
        engine = jobs.engine()
        if any(fmt in CONVERTED for fmt in request["formats"]):
            pool = engine.pool
            if pool is None or not pool.wait_ready(POOL_READY_WAIT):
                raise PoolUnavailable("the LibreOffice pool is not ready", RETRY_DELAY)
        beat = threading.Thread(target=self._heartbeat, name=f"kagaz-job-{job_id[:8]}", daemon=True)
        beat.start()
        try:
            options = batch.Options(year=request["year"], formats=tuple(request["formats"]), zip_name=RESULT_NAME)
            issuer = Issuer.for_engine(engine)  # every file a batch hands out is issued
            return batch.run(engine, sources, folder / "out", options, observer=self, stop=jobs.stopping, issuer=issuer)
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
        self.save(
            total=documents, done=documents - todo, errors=[entry_error(entry) for entry in entries if entry.errors]
        )

    def finished(self, entries: Sequence[Entry]) -> None:
        errors = [entry_error(entry) for entry in entries if entry.errors]
        self.save(done=self.state.done + 1, errors=self.state.errors + errors)
