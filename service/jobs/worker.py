"""A separate worker process: ``huey_consumer service.jobs.worker.huey -k thread -w N``.

Importing this module is booting a worker: it reads the ``KAGAZ_*`` settings and builds the Huey the service
queues to (so only the consumer process imports it; the service never does). The worker's own engine, with
its own LibreOffice pool, is opened on its first job and closed at exit.
"""

from __future__ import annotations

import atexit
import threading
from contextlib import ExitStack

from service.engine import Engine, open_engine
from service.jobs.queue import Jobs
from service.settings import load_settings

_engine: Engine | None = None
_engine_lock = threading.Lock()


def worker_engine() -> Engine:
    """This process's engine and LibreOffice pool, opened on its first job, closed at exit."""
    global _engine
    with _engine_lock:
        if _engine is None:
            lifetime = ExitStack()
            # A job waits for the pool itself (``tasks.POOL_READY_WAIT``), and retries if it is late.
            _engine = lifetime.enter_context(open_engine(settings, wait=False))
            atexit.register(lifetime.close)
        return _engine


settings = load_settings()
jobs = Jobs(settings, worker_engine)
huey = jobs.huey
