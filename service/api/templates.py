"""``GET /api/v1/templates``: what can be rendered; ``…/<name>/schema``: the JSON Schema of its input."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, url_for

from service import documents
from service.runtime import engine

bp = Blueprint("templates", __name__, url_prefix="/api/v1/templates")


@bp.get("")
def index() -> Response:
    registry = engine().registry
    items = []
    for manifest in registry.manifests.values():
        active = registry.active(manifest.name)
        items.append(
            {
                "name": manifest.name,
                "title": manifest.title,
                "document": manifest.document,
                "locale": manifest.locale,
                "active_version": active.version,
                "sha256": active.sha256,
                "formats": ["docx", "pdf"],
                "render": url_for("documents.create", document=manifest.document, _external=False),
                "schema": url_for("templates.schema", name=manifest.name, _external=False),
            }
        )
    return jsonify({"templates": items})


@bp.get("/<name>/schema")
def schema(name: str) -> Response:
    manifest = engine().registry.manifest(name)
    kind = documents.get_kind(manifest.document)
    return jsonify(kind.model.model_json_schema())
