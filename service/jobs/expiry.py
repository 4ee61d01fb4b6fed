"""Old batches expire: the files and state of a batch finished over ``KAGAZ_BATCH_RETENTION_DAYS`` ago go.

Run every hour in the background (a Huey periodic task) and once when the consumer starts. The folder is
deleted first: a crash between the two steps leaves a state whose ZIP is missing (``result_path`` then says
it is not ready), never files without a state. Afterwards the id is unknown (404), as if it had never been.
"""

from __future__ import annotations

import logging
import shutil
import time
from typing import TYPE_CHECKING

from service.errors import NotFound
from service.jobs.state import DONE, FAILED, timestamp

if TYPE_CHECKING:
    from service.jobs.queue import Jobs

log = logging.getLogger("kagaz.jobs")
DAY = 86400


def expire(jobs: Jobs, at: float | None = None) -> list[str]:
    """Delete every batch finished more than the retention before ``at`` (now); return their ids."""
    retention = jobs.settings.batch_retention_days
    finished_before = (time.time() if at is None else at) - retention * DAY
    expired = []
    for job_id in jobs.store.job_ids():
        try:
            state = jobs.store.get(job_id)
        except NotFound:
            continue  # being submitted (its state comes after its inputs), or Huey's storage was flushed
        if state.state in (DONE, FAILED) and timestamp(state.finished) < finished_before:
            shutil.rmtree(jobs.store.job_folder(job_id), ignore_errors=True)
            jobs.store.delete(job_id)
            expired.append(job_id)
    if expired:
        log.info("deleted %d batches finished over %g days ago", len(expired), retention)
    return expired
