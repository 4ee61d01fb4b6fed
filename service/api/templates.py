"""Templates over HTTP: what can be rendered, the input schema, and every version of each template.

::

    GET  /api/v1/templates                                   each template with its active version
    GET  /api/v1/templates/<name>/schema                     the JSON Schema of its input
    GET  /api/v1/templates/<name>/versions                   every version, newest first, and the activations
    POST /api/v1/templates/<name>/versions                   upload a DOCX (editor): 201 stored, 422 refused
    GET  /api/v1/templates/<name>/versions/<n>               one version: who, when, note, its report
    GET  /api/v1/templates/<name>/versions/<n>/file          its DOCX
    GET  /api/v1/templates/<name>/versions/<n>/preview.png   page 1 of its test render
    GET  /api/v1/templates/<name>/versions/<n>/compare?with=<m>[&format=png]
                                                             variables added/removed; both pages side by side
    POST /api/v1/templates/<name>/versions/<n>/activate      make it the one that renders (editor)

An activation may name the version it expects to replace: ``expected_active`` (query, form or JSON body) or
``If-Match: "<n>"`` (the ``ETag`` of the versions list is the active version). When another editor, on any
machine, activated something else first, the answer is 409 with ``active_version``: the loser looks at what
is now in force and decides again. Without a precondition the activation is unconditional, as before.

The upload is multipart (``file``, ``note``, ``activate=1``, ``dry_run=1``) or a raw DOCX body with the same
fields in the query. Reads follow ``KAGAZ_AUTH_REQUIRED``; changes always need an editor key.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from flask import Blueprint, Response, jsonify, request, url_for

from service import documents
from service.auth import current_principal, require_role
from service.engine import FORMATS
from service.errors import InputError, NotFound, Problem
from service.http.problems import language, problem_response
from service.http.resources import editing, engine
from service.templates.editing import Upload
from service.templates.findings import Report
from service.templates.registry import NOTE_LIMIT, VersionInfo
from service.templates.shipped import newer_shipped

bp = Blueprint("templates", __name__, url_prefix="/api/v1/templates")
TRUE = ("1", "true", "yes", "on")
UPLOAD_FIELDS = ("note", "activate", "dry_run", "expected_active")


@bp.get("")
@require_role("client")
def index() -> Response:
    registry = engine().registry
    items = []
    for manifest in registry.manifests.values():
        active = registry.info(manifest.name, registry.active_number(manifest.name))
        shipped = newer_shipped(registry.versions(manifest.name))
        items.append(
            {
                "name": manifest.name,
                "title": manifest.title,
                "document": manifest.document,
                "locale": manifest.locale,
                "active_version": active.version,
                "sha256": active.sha256,
                "activated_from": {"created_by": active.created_by, "created_at": active.created_at},
                "newer_shipped_version": shipped.version if shipped else None,
                "formats": ["docx", "pdf"],
                "render": url_for("documents.create", document=manifest.document, _external=False),
                "schema": url_for("templates.schema", name=manifest.name, _external=False),
                "versions": url_for("templates.versions", name=manifest.name, _external=False),
            }
        )
    return jsonify({"templates": items})


@bp.get("/<name>/schema")
@require_role("client")
def schema(name: str) -> Response:
    manifest = engine().registry.manifest(name)
    kind = documents.get_kind(manifest.document)
    return jsonify(kind.model.model_json_schema())


@bp.get("/<name>/versions")
@require_role("client")
def versions(name: str) -> Response:
    registry = engine().registry
    active = registry.active_number(name)
    infos = registry.versions(name)
    shipped = newer_shipped(infos)
    response = jsonify(
        {
            "name": name,
            "active_version": active,
            "newer_shipped_version": shipped.version if shipped else None,
            "versions": [version_json(info) for info in infos],
            "activations": registry.activations(name),
        }
    )
    response.headers["ETag"] = f'"{active}"'  # for If-Match on an activation
    return response


@bp.post("/<name>/versions")
@require_role("editor")
def upload(name: str) -> Response:
    engine().registry.manifest(name)  # 404 before reading a body for a template that does not exist
    content, fields = _upload_body()
    note = fields.get("note", "").strip()[:NOTE_LIMIT]
    service = editing()
    if fields.get("dry_run", "").lower() in TRUE:
        report = service.check(name, content)
        return _report_response(report, 200 if report.ok else 422)
    result = service.upload(
        name,
        content,
        by=current_principal().name,
        note=note,
        activate=fields.get("activate", "").lower() in TRUE,
        expected_active=expected_active(fields.get("expected_active", "")),
    )
    return _upload_response(result)


@bp.get("/<name>/versions/<int:number>")
@require_role("client")
def version(name: str, number: int) -> Response:
    info = engine().registry.info(name, number)
    body = version_json(info)
    body["report"] = Report.from_json(info.report).as_dict(language()) if info.report.get("sha256") else None
    return jsonify(body)


@bp.get("/<name>/versions/<int:number>/file")
@require_role("client")
def file(name: str, number: int) -> Response:
    template = engine().registry.version(name, number)
    response = Response(template.content, mimetype=FORMATS["docx"])
    filename = f"{template.name}-v{template.version}.docx"
    response.headers["Content-Disposition"] = f"attachment; filename=\"{filename}\"; filename*=UTF-8''{quote(filename)}"
    response.headers["X-Kagaz-Template"] = template.name
    response.headers["X-Kagaz-Template-Version"] = str(template.version)
    response.headers["X-Kagaz-Template-Sha256"] = template.sha256
    return response


@bp.get("/<name>/versions/<int:number>/preview.png")
@require_role("client")
def preview(name: str, number: int) -> Response:
    image = editing().preview(name, number)
    if image is None:
        raise NotFound(f"{name}@{number} has no preview: its test render failed (see its report)")
    response = Response(image, mimetype="image/png")
    response.headers["Cache-Control"] = "private, max-age=86400, immutable"  # a version never changes
    return response


@bp.get("/<name>/versions/<int:number>/compare")
@require_role("client")
def compare(name: str, number: int) -> Response:
    other = request.args.get("with", type=int)
    if other is None:
        raise InputError(Problem("query.with", "missing", "?with=<version> is required"))
    service = editing()
    if request.args.get("format") == "png":
        image = service.side_by_side(name, other, number)
        if image is None:
            raise NotFound("a version has no preview: its test render failed (see its report)")
        return Response(image, mimetype="image/png")
    comparison = service.compare(name, other, number)
    return jsonify(
        {
            "name": name,
            "older": version_json(comparison.older),
            "newer": version_json(comparison.newer),
            "variables": {"added": comparison.changes.added, "removed": comparison.changes.removed},
            "text": [
                {
                    "change": change.kind,
                    "location": change.place.describe("en", with_tag=False),
                    "place": change.place.describe(language(), with_tag=False),
                    "before": change.before,
                    "after": change.after,
                }
                for change in comparison.text
            ],
            "pages": [{"page": page, "differs": differs} for page, differs in comparison.pages],
            "previews": {
                str(other): url_for("templates.preview", name=name, number=other),
                str(number): url_for("templates.preview", name=name, number=number),
            },
            "side_by_side": url_for("templates.compare", name=name, number=number, **{"with": other, "format": "png"}),
        }
    )


@bp.post("/<name>/versions/<int:number>/activate")
@require_role("editor")
def activate(name: str, number: int) -> Response:
    body = request.get_json(silent=True) if request.is_json else None
    given = (body or {}).get("expected_active") if isinstance(body, dict) else None
    given = given if given is not None else request.values.get("expected_active", "")
    info = editing().activate(name, number, by=current_principal().name, expected_active=expected_active(given))
    response = jsonify(version_json(info))
    response.headers["ETag"] = f'"{info.version}"'
    return response


def expected_active(value: object) -> int | None:
    """The version an activation expects to replace: ``expected_active`` if given, else ``If-Match``."""
    if value in (None, ""):
        tags = [tag.strip().strip('"') for tag in request.headers.get("If-Match", "").split(",") if tag.strip()]
        if not tags or tags == ["*"]:
            return None
        if len(tags) > 1:
            raise InputError(Problem("If-Match", "expected_active_invalid", "If-Match must name one version"))
        value = tags[0]
    if isinstance(value, bool):
        value = "not a number"
    try:
        number = int(str(value).strip())
    except ValueError:
        number = 0
    if not 1 <= number <= 2**31 - 1:
        raise InputError(
            Problem("expected_active", "expected_active_invalid", "expected_active must be a version number")
        )
    return number


def version_json(info: VersionInfo) -> dict[str, Any]:
    links = {
        "self": url_for("templates.version", name=info.name, number=info.version),
        "file": url_for("templates.file", name=info.name, number=info.version),
        "preview": url_for("templates.preview", name=info.name, number=info.version),
        "activate": url_for("templates.activate", name=info.name, number=info.version),
    }
    report = info.report
    return {
        "name": info.name,
        "version": info.version,
        "label": info.label,
        "sha256": info.sha256,
        "size": info.size,
        "created_by": info.created_by,
        "created_at": info.created_at,
        "note": info.note,
        "status": info.status,
        "active": info.active,
        "warnings": sum(1 for item in report.get("findings", []) if item.get("severity") == "warning"),
        "links": links,
    }


def _upload_body() -> tuple[bytes, dict[str, str]]:
    """The DOCX and the form fields, from a multipart form or a raw body with the fields in the query."""
    if request.mimetype == "multipart/form-data":
        part = request.files.get("file")
        content = part.read() if part is not None else b""
        fields = {key: request.form.get(key, "") for key in UPLOAD_FIELDS}
    else:
        content = request.get_data(cache=False)
        fields = {key: request.args.get(key, "") for key in UPLOAD_FIELDS}
    if not content:
        raise InputError(Problem("file", "template_file_missing", "no DOCX file was attached"))
    return content, fields


def _report_response(report: Report, status: int) -> Response:
    lang = language()
    body = report.as_dict(lang)
    if not report.ok:
        response = problem_response(status, "the template was refused", [])
        payload = response.get_json()
        payload["errors"] = body["errors"]
        payload["report"] = body
        response = jsonify(payload)
        response.status_code = status
        return response
    response = jsonify({"report": body})
    response.status_code = status
    return response


def _upload_response(result: Upload) -> Response:
    if result.version is None:
        return _report_response(result.report, 422)
    body = version_json(result.version)
    body["report"] = result.report.as_dict(language())
    body["duplicate"] = result.duplicate
    response = jsonify(body)
    response.status_code = 200 if result.duplicate else 201
    response.headers["Location"] = body["links"]["self"]
    return response
