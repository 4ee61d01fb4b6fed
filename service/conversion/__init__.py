"""DOCX → PDF through a supervised pool of LibreOffice (unoserver) workers.

Three layers, as in Gotenberg, each replaceable and testable without the others and without Flask:

``pool.py`` + ``supervisor.py``   the generic pool: N workers, bounded queue, timeouts, one retry,
                                  recycling, health, graceful stop. Knows workers only by ``protocol``.
``worker.py`` + ``processes.py``  one LibreOffice worker: a unoserver + soffice process group.
``unoserver_main.py`` + ``registrymodifications.xcu``
                                  LibreOffice hardened: no macros, no link updates, no network fetches.

Use::

    pool = ConversionPool.from_settings(settings)
    pool.start()                   # blocks until the workers are ready (start(wait=False) does not)
    pdf = pool.convert(docx_bytes) # ConversionTimeout, ConversionFailed, PoolUnavailable
    pool.health()                  # PoolHealth: ready, live, each worker's state
    pool.stop(drain_timeout=30)
"""

from service.conversion.options import PoolOptions
from service.conversion.pool import ConversionPool
from service.conversion.protocol import PoolHealth, Worker, WorkerHealth, WorkerState

__all__ = ["ConversionPool", "PoolHealth", "PoolOptions", "Worker", "WorkerHealth", "WorkerState"]
