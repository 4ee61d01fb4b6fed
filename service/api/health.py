"""Health: ``/health/live`` says the process answers; ``/health`` (readiness) says a conversion would succeed.

They are separate so that a planned recycle of one LibreOffice worker makes that worker not ready, never
the service dead, and an orchestrator never restarts a service that is only busy.
"""

from __future__ import annotations

from dataclasses import asdict, is_dataclass

from flask import Blueprint, Response, jsonify

from service.http.resources import engine

bp = Blueprint("health", __name__)


@bp.get("/health/live")
def live() -> Response:
    return jsonify({"live": True})


@bp.get("/health")
def ready() -> Response:
    pool = engine().pool
    if pool is None:
        response = jsonify({"ready": False, "libreoffice": "not started (KAGAZ_START_POOL is off)"})
        response.status_code = 503
        return response
    state = pool.health()
    body = asdict(state) if is_dataclass(state) else dict(state)  # type: ignore[call-overload]
    response = jsonify({"ready": bool(body.get("ready")), "libreoffice": body})
    response.status_code = 200 if body.get("ready") else 503
    return response
