"""``GET /api/v1/organizations``: the registry of organizations that must report, in Kyrgyz order.

Each entry carries ``parent`` (the court that controls it, or null) and ``children`` (the ids of the courts
it controls), flat: a client that read the list before these fields existed reads it the same way.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify
from pydantic import Field

from service.documents.organizations import RegisteredOrganization
from service.http.resources import engine
from service.reporting.tree import children

bp = Blueprint("organizations", __name__, url_prefix="/api/v1/organizations")


class OrganizationEntry(RegisteredOrganization):
    """One entry of the answer: the registry's organization and the ids of the courts it controls."""

    children: list[str] = Field(default_factory=list, description="Ids of the courts it controls.")


@bp.get("")
def index() -> Response:
    organizations = engine().reference.organizations
    below = children({key: item.parent for key, item in organizations.items()})
    entries = [
        OrganizationEntry(**item.model_dump(), children=below[key]).model_dump(mode="json")
        for key, item in organizations.items()
    ]
    return jsonify({"organizations": entries})
