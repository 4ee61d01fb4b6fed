"""The app's engine and the template editing over it: opened with the app, closed when it ends.

As flaskr's ``db.py`` owns its connection, this module owns the engine's whole life for a Flask app: it opens
it when the app is created (starting the LibreOffice pool, unless a running pool is handed in, as the tests
do), and closes it at interpreter exit or on SIGTERM, so that no ``soffice.bin`` outlives the service. The
API and the pages reach them through ``engine()``, ``issuer()``, ``editing()`` and ``reporting()`` (the
reporting cycle, on the engine's database).
"""

from __future__ import annotations

import atexit
from contextlib import ExitStack

from flask import Flask, current_app

from service.engine import Converter, Engine, open_engine
from service.issuance.issuing import Issuer
from service.reporting.cycle import ReportingCycle
from service.reporting.register import Register
from service.templates.editing import TemplateEditing


def init_app(app: Flask, pool: Converter | None = None) -> None:
    """Open the app's engine; closed (its own pool stopped) at interpreter exit. ``pool``: a running one
    to share, which the app then never stops."""
    settings = app.config["KAGAZ"]
    lifetime = ExitStack()
    # The service answers at once (wait=False); /health says when LibreOffice is ready.
    app.extensions["kagaz.engine"] = lifetime.enter_context(
        open_engine(settings, pdf=settings.start_pool, converter=pool, wait=False)
    )
    atexit.register(lifetime.close)
    # The reporting cycle: the register of submitted reports, on the engine's database (migrated with it).
    engine = app.extensions["kagaz.engine"]
    app.extensions["kagaz.reporting"] = ReportingCycle(engine, Register(engine.database))


def engine() -> Engine:
    """The engine of the current app."""
    return current_app.extensions["kagaz.engine"]


def issuer() -> Issuer:
    """The issuer of the current app (numbers, register, signing), opened on first use: an app that never
    issues (a test of the editors' page) never reads the signing identities."""
    return Issuer.for_engine(engine())


def reporting() -> ReportingCycle:
    """The reporting cycle of the current app (submissions, status, summaries): the API and the pages
    submit and read through the same one."""
    return current_app.extensions["kagaz.reporting"]


def editing() -> TemplateEditing:
    """The app's template-editing service (one per app, made on first use): the API and the editors' page
    upload and activate through the same one."""
    extensions = current_app.extensions
    if "kagaz.templates" not in extensions:
        extensions.setdefault("kagaz.templates", TemplateEditing(engine()))
    return extensions["kagaz.templates"]
