"""The staff pages: Jinja templates and plain CSS, no front-end build step; one blueprint per page's noun.

``init_app`` gives the app what the pages need beyond their blueprints: the key that signs the session (and
so the CSRF token) and a session cookie that other sites' forms cannot send.
"""

from __future__ import annotations

import secrets

from flask import Flask


def init_app(app: Flask) -> None:
    if not app.secret_key:
        # A random key per start is fine for one process: a restart only expires the open forms.
        app.secret_key = app.config["KAGAZ"].secret_key or secrets.token_hex(32)
    if app.config.get("SESSION_COOKIE_SAMESITE") is None:
        app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
