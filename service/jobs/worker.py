"""A separate worker process: ``huey_consumer service.jobs.worker.huey -k thread -w N``.

Importing this module is booting a worker: it reads the ``KAGAZ_*`` settings and builds the Huey the service
queues to (so only the consumer process imports it; the service never does). The worker's own engine, with
its own LibreOffice pool, is opened on its first job and closed at exit.
"""

from __future__ import annotations

import atexit
import threading

from service.engine import Engine
from service.jobs.queue import Jobs
from service.settings import load_settings

_engine: Engine | None = None
_engine_lock = threading.Lock()


def worker_engine() -> Engine:
    """This process's engine and LibreOffice pool, started on its first job, stopped at exit."""
    global _engine
    with _engine_lock:
        if _engine is None:
            from service.conversion.pool import ConversionPool

            pool = ConversionPool.from_settings(settings)
            pool.start(wait=False)
            atexit.register(pool.stop)
            _engine = Engine(settings, pool)
        return _engine


settings = load_settings()
jobs = Jobs(settings, worker_engine)
huey = jobs.huey
