"""Reclaiming dead jobs: a job whose runner died, or whose queued task was lost, is queued again.

A service (or worker) killed outright leaves a job "running" whose heartbeat stops: after
``jobs_stale_after`` seconds this check (at start, then every minute, a Huey periodic task) breaks its lease
and queues it again. The batch then runs again on the same folder, and its up-to-date check redoes only the
documents that were not finished.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from service.errors import NotFound
from service.jobs.state import QUEUED, RUNNING

if TYPE_CHECKING:
    from service.jobs.queue import Jobs

log = logging.getLogger("kagaz.jobs")


def reclaim(jobs: Jobs) -> list[str]:
    """Queue again every job whose runner died (stale heartbeat) or whose queued task was lost."""
    job_ids = jobs.store.job_ids()
    if not job_ids:
        return []
    stale_before = time.time() - jobs.settings.jobs_stale_after
    waiting = {task.args[0] for task in [*jobs.huey.pending(), *jobs.huey.scheduled()] if task.args}
    reclaimed = []
    for job_id in job_ids:
        try:
            state = jobs.store.get(job_id)
        except NotFound:
            continue
        seen = state.last_seen
        dead = state.state == RUNNING and seen < stale_before and job_id not in jobs.running
        lost = state.state == QUEUED and job_id not in waiting and seen < stale_before
        if dead or lost:
            if dead:  # its runner is gone: break its lease (a lost job's task may just have started)
                jobs.store.release_lease(job_id)
            state.state = QUEUED
            state.heartbeat = time.time()  # not lost again before the queued task runs
            jobs.store.save(state)
            jobs.enqueue(job_id)
            reclaimed.append(job_id)
            log.warning("batch %s was %s; queued again", job_id, "abandoned" if dead else "lost")
    return reclaimed
