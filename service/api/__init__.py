"""The HTTP API: one blueprint per noun, all under ``/api/v1`` except health."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """What the API needs beyond its blueprints (which ``create_app`` registers): errors as JSON problems."""
    from service.api import errors

    errors.init_app(app)
