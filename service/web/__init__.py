"""The staff pages: Jinja templates and plain CSS, no front-end build step; one blueprint per page's noun.

``init_app`` gives the app what the pages need beyond their blueprints: the key that signs the session (and
so the CSRF token) and a session cookie that other sites' forms cannot send; error pages for people; the
language switch that keeps the page; the favicon.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from flask import Flask, Response

FAVICON = Path(__file__).parent / "static" / "favicon.ico"


def init_app(app: Flask) -> None:
    if not app.secret_key:
        # A random key per start is fine for one process: a restart only expires the open forms.
        app.secret_key = app.config["KAGAZ"].secret_key or secrets.token_hex(32)
    if app.config.get("SESSION_COOKIE_SAMESITE") is None:
        app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    from service.web import errors, page

    errors.init_app(app)  # 404, 405, 413, 500 as pages outside the API
    app.context_processor(lambda: {"here": page.here})  # the language switch keeps the page
    app.add_url_rule("/favicon.ico", "favicon", _favicon)


def _favicon() -> Response:
    """Browsers ask for ``/favicon.ico`` on any page, even a JSON one: answer it rather than log a 404."""
    response = Response(FAVICON.read_bytes(), mimetype="image/vnd.microsoft.icon")
    response.headers["Cache-Control"] = "public, max-age=86400"
    response.headers["Content-Security-Policy"] = "default-src 'none'"
    return response
