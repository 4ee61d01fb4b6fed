"""``GET /api/v1/organizations``: the registry of organizations that must report, in Kyrgyz order."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from service.http.resources import engine

bp = Blueprint("organizations", __name__, url_prefix="/api/v1/organizations")


@bp.get("")
def index() -> Response:
    organizations = engine().reference.organizations.values()
    return jsonify({"organizations": [item.model_dump(mode="json") for item in organizations]})
