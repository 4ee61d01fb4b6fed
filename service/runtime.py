"""Owns the engine and its LibreOffice pool for a Flask app: start with the app, stop when it ends.

As flaskr's ``db.py`` owns its connection, this module owns the pool's whole life: it starts it when the
app is created (unless a running pool is handed in, as the tests do), and stops it at interpreter exit
or on SIGTERM, so that no ``soffice.bin`` outlives the service.
"""

from __future__ import annotations

import atexit
from typing import TYPE_CHECKING

from flask import Flask, current_app

from service.engine import Engine

if TYPE_CHECKING:
    from service.reporting.cycle import ReportingCycle


def init_app(app: Flask, pool: object | None = None) -> None:
    settings = app.config["KAGAZ"]
    owned = None
    if pool is None and settings.start_pool:
        from service.conversion.pool import ConversionPool, PoolOptions

        owned = ConversionPool(PoolOptions.from_settings(settings))
        owned.start(wait=False)  # the service answers at once; /health says when LibreOffice is ready
        atexit.register(owned.stop)
        pool = owned
    app.extensions["kagaz.engine"] = Engine(settings, pool)  # type: ignore[arg-type]
    app.extensions["kagaz.owned_pool"] = owned
    # The reporting cycle: the register of submitted reports on the service's database (migrated if behind).
    from service.reporting.cycle import ReportingCycle
    from service.reporting.register import open_register

    app.extensions["kagaz.reporting"] = ReportingCycle(app.extensions["kagaz.engine"], open_register(settings))
    # The batch jobs' queue and embedded consumer; registered after the pool, so that at exit (atexit runs
    # last-registered first) running batches stop and re-queue themselves before the pool stops.
    from service import jobs

    jobs.init_app(app)


def engine() -> Engine:
    """The engine of the current app."""
    return current_app.extensions["kagaz.engine"]


def reporting() -> ReportingCycle:
    """The reporting cycle of the current app (submissions, status, summaries)."""
    return current_app.extensions["kagaz.reporting"]
