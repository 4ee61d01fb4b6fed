"""Kagaz: official documents of the Judicial Department from data.

``create_app`` is the application factory (as in Flask's tutorial): no global app; each resource is owned
by the module that wires it (the engine and its conversion pool by ``service.http.resources``, the batch
jobs by ``service.jobs.app``). Every blueprint is registered here, and nowhere else: the one place that
knows every part, so that the parts need not know each other.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from flask import Flask

if TYPE_CHECKING:
    from service.engine import Converter


def create_app(settings: Mapping[str, Any] | None = None, *, pool: Converter | None = None) -> Flask:
    """Build the service. ``settings`` override ``KAGAZ_*`` variables; ``pool`` shares a running pool
    (the tests start one per session) instead of starting the app's own."""
    from service import api, auth, logs, security, web
    from service.api import admission, batches, documents, health, issued, openapi, organizations, reports, templates
    from service.http import refusals, resources
    from service.jobs import app as jobs
    from service.settings import load_settings
    from service.web import batches as batch_pages
    from service.web import editors, form, signin, verify
    from service.web import reports as report_pages

    config = load_settings(dict(settings or {}))
    app = Flask(__name__)
    app.config["KAGAZ"] = config
    app.config["MAX_CONTENT_LENGTH"] = config.max_request_bytes
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    logs.init_app(app)
    refusals.init_app(app)  # a request `kagaz serve` refused unread is answered before anything runs
    security.init_app(app)  # nosniff, no framing, no referrer, no-store on the API: on every answer
    resources.init_app(app, pool=pool)
    # The batch jobs' queue and embedded consumer; wired after the pool, so that at exit (atexit runs
    # last-registered first) running batches stop and re-queue themselves before the pool stops.
    jobs.init_app(app)
    auth.init_app(app)  # API keys and roles; before the API, whose template routes it guards
    api.init_app(app)  # errors as JSON problems
    for blueprint in (documents.bp, templates.bp, health.bp, organizations.bp, batches.bp, reports.bp, issued.bp):
        app.register_blueprint(blueprint)
    app.register_blueprint(openapi.bp)  # /api/v1/openapi.json, built from the routes above
    admission.init_app(app)  # the refusal kagaz serve's front may answer itself: a PDF with no place
    web.init_app(app)  # the session key (so the CSRF token) and its cookie
    app.register_blueprint(form.bp)  # the staff form at /, its workbooks
    app.register_blueprint(signin.bp)  # /signin: the staff pages' sign-in with a client key
    app.register_blueprint(batch_pages.bp)  # the batch section at /batches
    app.register_blueprint(editors.bp)  # the template editors' page at /editors/
    app.register_blueprint(report_pages.bp)  # the reporting cycle's status, versions and submission at /reports/
    app.register_blueprint(verify.bp)  # the public check at /verify: no sign-in, no session, ever
    return app
