"""Health: ``/health/live`` says the process answers; ``/health`` (readiness) says a PDF can be made now.

Ready means LibreOffice can convert *and* the database can be read (every render asks it which version is
active). The answer also reports the storage (``storage``: the database, the data folder, the file store,
the jobs store, and whether writes would succeed): a full disk or a read-only database leaves the service ready for
renders but not for uploads, and says so.

They are separate so that a planned recycle of one LibreOffice worker makes that worker not ready, never
the service dead, and an orchestrator never restarts a service that is only busy.
"""

from __future__ import annotations

from dataclasses import asdict, is_dataclass

from flask import Blueprint, Response, current_app, jsonify

from service.db.health import storage_state
from service.http.resources import engine

bp = Blueprint("health", __name__)


@bp.get("/health/live")
def live() -> Response:
    return jsonify({"live": True})


@bp.get("/health")
def ready() -> Response:
    current = engine()
    settings = current.settings
    folders = {"data_dir": settings.data_dir, "store": settings.store_root}
    if settings.store_root == settings.data_dir:
        folders.pop("store")
    storage = storage_state(current.database, folders, current_app.extensions["kagaz.jobs"].health())
    pool = current.pool
    if pool is None:
        response = jsonify({"ready": False, "libreoffice": "not started (KAGAZ_START_POOL is off)", "storage": storage})
        response.status_code = 503
        return response
    state = pool.health()
    body = asdict(state) if is_dataclass(state) else dict(state)  # type: ignore[call-overload]
    ready = bool(body.get("ready")) and storage["readable"]
    response = jsonify({"ready": ready, "libreoffice": body, "storage": storage})
    response.status_code = 200 if ready else 503
    return response
