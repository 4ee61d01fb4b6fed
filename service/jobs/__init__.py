"""Batches as background jobs: Huey's queue and consumer run ``service.batch.run`` on a job's folder.

One noun per module, as Huey's own Flask example keeps its pieces apart::

    state.py     JobState: what a job is doing (typed record; stored as JSON, shown to clients as JSON)
    store.py     where jobs are kept: states and leases in Huey's storage, files under <store>/batches
    queue.py     Jobs: Huey set up from the settings; submit, look up, start and stop the consumer
    tasks.py     the batch task: one run of a job, its heartbeat, retries
    reclaim.py   dead or lost jobs queued again
    consumer.py  Huey's consumer in the service's threads
    app.py       the Flask wiring (the only module here that knows Flask)
    worker.py    a separate worker process: ``huey_consumer service.jobs.worker.huey``

Nothing is lost on a restart: see ``tasks`` (a stopping service) and ``reclaim`` (a killed one).
"""

from __future__ import annotations

from service.jobs.queue import Jobs, make_huey
from service.jobs.state import DONE, FAILED, QUEUED, RUNNING, JobState

__all__ = ["DONE", "FAILED", "QUEUED", "RUNNING", "JobState", "Jobs", "make_huey"]
