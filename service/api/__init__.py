"""The HTTP API: one blueprint per noun, all under ``/api/v1`` except health."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from service.api import batches, documents, errors, health, openapi, organizations, reports, templates

    errors.init_app(app)
    app.register_blueprint(documents.bp)
    app.register_blueprint(templates.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(organizations.bp)
    app.register_blueprint(batches.bp)
    app.register_blueprint(reports.bp)
    app.register_blueprint(openapi.bp)  # /api/v1/openapi.json, built from the routes above
