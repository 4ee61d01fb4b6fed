"""``GET /api/v1/openapi.json``: the API described as OpenAPI 3.1, built from the code that serves it.

Two sources, so the description cannot drift from the service:

- the **routes** come from the app's ``url_map``: every ``/api/v1/…`` rule and the health checks, with their
  methods and path parameters (``<int:number>`` becomes an integer parameter);
- the **request bodies** of the documents are the pydantic models' own JSON Schema (the same models every
  entry point validates with), their ``$defs`` hoisted into ``components/schemas``.

What the url_map cannot know — a summary, query parameters, bodies, responses, the role a route needs — is
written once per endpoint in ``OPERATIONS`` below (the schemas of bodies and answers are data, in
``service.api.openapi.schemas``). A route someone adds without an entry still appears (with
its parameters and the error answers every route shares) and is listed by ``undocumented``; a test fails
until it is described here. The spec is built per app, because it depends on the app's settings: with
``KAGAZ_AUTH_REQUIRED`` every operation needs a key, without it reading and rendering are open.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, Flask, Response, current_app, jsonify

from service.api.openapi.reports import OPERATIONS as REPORT_OPERATIONS
from service.api.openapi.reports import YEAR_SCHEMA
from service.api.openapi.schemas import (
    DOCX,
    FILE_HEADERS,
    FORMAT,
    PDF,
    RENDER_HEADERS,
    RESPONSE_SCHEMAS,
    Operation,
    binary,
    document_schemas,
    header,
    json_content,
    query,
    ref,
)
from service.documents.common import FIRST_YEAR, LAST_YEAR
from service.engine import FORMATS

bp = Blueprint("openapi", __name__, url_prefix="/api/v1")

ZIP = "application/zip"
PNG = "image/png"
ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>\w+)(?:\([^)]*\))?:)?(?P<name>\w+)>")
CONVERTER_SCHEMAS = {"int": {"type": "integer", "minimum": 0}, "float": {"type": "number"}}

ERROR_TITLES = {
    400: "The request is malformed: invalid JSON, an unknown format or template version, a missing field",
    401: "No API key, or a wrong or revoked one (`Authorization: Bearer <key>` or `X-Api-Key`)",
    403: "The key's role is too weak for this operation",
    404: "No such document kind, template, version, batch or resource",
    409: "The resource is not in a state that allows this yet (an activation: the version it expected to replace "
    "is no longer active; `active_version` says which is)",
    413: "The body, an upload or an unpacked archive is over its limit",
    415: "The body's media type is not one this operation reads",
    422: "The input was understood but refused: every problem with its place",
    429: "Too many checks from this address this minute: try again after `Retry-After` seconds",
    500: "An internal error: the request id points to the log; no detail is given to the client",
    503: "LibreOffice is busy, timed out or not running, or the database is locked, read-only or unreachable: "
    "try again after `Retry-After` seconds",
    507: "No space left for the database or the file store: nothing was stored",
}


YES_NO = {"type": "string", "enum": ["true", "false", "1", "0"], "default": "false"}
NUMBER = {"number": {"type": "string", "maxLength": 60, "example": "KJS-2026-000123"}}
ENTRY = {"type": "object", "required": ["number", "state"], "additionalProperties": True}
TEMPLATE_NAME = {"name": {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]{0,63}$", "example": "action-plan"}}
JOB_ID = {"job_id": {"type": "string", "example": "0123456789abcdef0123456789abcdef"}}
FLAG = {"type": "string", "enum": ["0", "1", "true", "false", "yes", "no", "on", ""]}
VERSION_NUMBER = {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
UPLOAD_FIELDS = {
    "note": {"type": "string", "maxLength": 2000},
    "activate": FLAG,
    "dry_run": FLAG,
    "expected_active": {"type": "string", "pattern": "^[0-9]*$"},
}

# One entry per endpoint: the routes' descriptions live here, next to the code that builds the spec.
OPERATIONS: dict[str, Operation] = {
    "documents.create": Operation(
        "Make a document from JSON (see the per-kind paths for each body's schema)",
        "documents",
        query=(
            FORMAT,
            query(
                "template_version",
                {"type": "integer", "minimum": 1, "maximum": 999_999},
                "Render with this version of the template (an older or a candidate one) instead of the active one",
            ),
            query("draft", YES_NO, "An unnumbered draft marked ДОЛБООР, not registered"),
            query("attach_data", YES_NO, "With format=pdfa: a PDF/A-3b carrying the input as input.json"),
        ),
        body={"required": True, "content": json_content({"type": ["object", "array"]})},
        answers={200: ("The document", binary(DOCX, PDF), RENDER_HEADERS)},
        errors=(400, 404, 413, 415, 422, 503),
    ),
    "templates.index": Operation(
        "Every template with its active version",
        "templates",
        answers={200: ("The templates", json_content(ref("TemplateList")), {})},
    ),
    "templates.schema": Operation(
        "The JSON Schema of a template's input",
        "templates",
        answers={200: ("A JSON Schema", json_content({"type": "object"}), {})},
        errors=(404,),
        path=TEMPLATE_NAME,
    ),
    "templates.versions": Operation(
        "Every version of a template, newest first, and who activated which",
        "templates",
        answers={200: ("The versions", json_content(ref("VersionList")), {})},
        errors=(404,),
        path=TEMPLATE_NAME,
    ),
    "templates.upload": Operation(
        "Upload a DOCX as a new version: checked, test-rendered, stored (and activated with `activate=1`)",
        "templates",
        role="editor",
        query=tuple(
            query(key, schema, f"With a raw DOCX body: the form field `{key}`") for key, schema in UPLOAD_FIELDS.items()
        ),
        body={
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["file"],
                        "properties": {"file": {"type": "string", "format": "binary"}, **UPLOAD_FIELDS},
                    }
                },
                **binary(DOCX),
            },
        },
        answers={
            200: (
                "`dry_run=1`: the report of a template that passed; or the same bytes were already a version",
                json_content({"type": "object"}),
                {},
            ),
            201: ("Stored as a new version", json_content(ref("Version")), {"Location": header("The version's URL")}),
        },
        errors=(404, 413, 422),
        path=TEMPLATE_NAME,
    ),
    "templates.version": Operation(
        "One version: who uploaded it, when, why, and its validation report",
        "templates",
        answers={200: ("The version", json_content(ref("Version")), {})},
        errors=(404,),
        path=TEMPLATE_NAME,
    ),
    "templates.file": Operation(
        "A version's DOCX",
        "templates",
        answers={200: ("The template", binary(DOCX), FILE_HEADERS)},
        errors=(404,),
        path=TEMPLATE_NAME,
    ),
    "templates.preview": Operation(
        "Page 1 of a version's test render",
        "templates",
        answers={200: ("A PNG image", binary(PNG), {})},
        errors=(404, 503),
        path=TEMPLATE_NAME,
    ),
    "templates.compare": Operation(
        "Two versions compared: variables added and removed, or both first pages side by side (`format=png`)",
        "templates",
        query=(
            query("with", {"type": "integer", "minimum": 0}, "The other version's number", required=True),
            query("format", {"type": "string", "enum": ["json", "png"]}, "`png`: the pages side by side"),
        ),
        answers={200: ("The comparison", json_content({"type": "object"}) | binary(PNG), {})},
        errors=(404, 422, 503),
        path=TEMPLATE_NAME,
    ),
    "templates.activate": Operation(
        "Make a version the one that renders (a rollback is activating an older one)",
        "templates",
        role="editor",
        query=(
            query("expected_active", VERSION_NUMBER, "Only if this version is still the active one (else 409)"),
            {
                "name": "If-Match",
                "in": "header",
                "required": False,
                "schema": {"type": "string"},
                "description": 'The same precondition as an ETag: `"<version>"`',
            },
        ),
        answers={200: ("The version, now active", json_content(ref("Version")), {})},
        errors=(404, 409, 422, 503),
        path=TEMPLATE_NAME,
    ),
    "organizations.index": Operation(
        "The registry of organizations that must report, in Kyrgyz alphabetical order",
        "reference",
        answers={
            200: (
                "The organizations",
                json_content(
                    {
                        "type": "object",
                        "properties": {"organizations": {"type": "array", "items": ref("OrganizationEntry")}},
                    }
                ),
                {},
            )
        },
    ),
    "batches.submit": Operation(
        "Start a batch: a year's reports as a JSON list, a ZIP of report files, one workbook, or the register's",
        "batches",
        query=(
            query("year", {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR}, "The reporting year"),
            query("format", {"type": "string", "example": "pdf,docx"}, "Comma-separated formats"),
        ),
        body={
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "anyOf": [
                            {"type": "array", "items": {}, "minItems": 1},
                            {
                                "type": "object",
                                "properties": {
                                    "reports": {"type": "array", "items": {}, "minItems": 1},
                                    "year": {"type": "integer"},
                                    "formats": {"type": "array", "items": {"type": "string", "enum": list(FORMATS)}},
                                },
                                "required": ["reports"],
                            },
                            {
                                "type": "object",
                                "description": "The current version of each report of the year in the reporting "
                                "register (an admin key: all; a key bound to an organization: its group)",
                                "properties": {
                                    "from_register": {"const": True},
                                    "year": YEAR_SCHEMA,
                                    "formats": {"type": "array", "items": {"type": "string", "enum": list(FORMATS)}},
                                },
                                "required": ["from_register", "year"],
                                "additionalProperties": False,
                            },
                        ]
                    }
                },
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["file"],
                        "properties": {
                            "file": {"type": "string", "format": "binary"},
                            "year": {"type": "string"},
                            "format": {"type": "string"},
                            "source": {
                                "type": "string",
                                "enum": ["register"],
                                "description": "The register's reports of the year instead of the file",
                            },
                        },
                    }
                },
                **binary(ZIP),
            },
        },
        answers={202: ("Queued", json_content(ref("Batch")), {"Location": header("The batch's status URL")})},
        errors=(400, 403, 413, 415, 422),
    ),
    "batches.index": Operation(
        "The caller's batches, newest first (an admin key lists everyone's)",
        "batches",
        answers={
            200: (
                "The batches",
                json_content({"type": "object", "properties": {"batches": {"type": "array", "items": ref("Batch")}}}),
                {},
            )
        },
    ),
    "batches.status": Operation(
        "A batch's state, progress and every problem with its source and place",
        "batches",
        answers={200: ("The batch", json_content(ref("Batch")), {})},
        errors=(404,),
        path=JOB_ID,
    ),
    "batches.result": Operation(
        "A finished batch's outputs with `manifest.json` and `manifest.csv`",
        "batches",
        answers={200: ("A ZIP", binary(ZIP), FILE_HEADERS)},
        errors=(404, 409),
        path=JOB_ID,
    ),
    "health.live": Operation(
        "Liveness: the process answers (never depends on LibreOffice)",
        "health",
        role=None,
        answers={
            200: (
                "Alive",
                json_content({"type": "object", "properties": {"live": {"const": True}}, "required": ["live"]}),
                {},
            )
        },
    ),
    "health.ready": Operation(
        "Readiness: a PDF can be made now; each LibreOffice worker's state",
        "health",
        role=None,
        answers={
            200: ("Ready", json_content(ref("Readiness")), {}),
            503: ("Not ready", json_content(ref("Readiness")), {}),
        },
    ),
    "issued.show": Operation(
        "An issued document's register entry: metadata for anyone, everything (the input too) for an admin key",
        "issued",
        role=None,
        answers={200: ("The entry", json_content(ENTRY), {})},
        errors=(401, 404),
        path=NUMBER,
    ),
    "issued.index": Operation(
        "The register, newest first, filtered",
        "issued",
        role="admin",
        query=(
            query("year", {"type": "integer"}, "Year of issue"),
            query("document", {"type": "string"}, "Document kind"),
            query("organization", {"type": "string"}, "Organization id"),
            query("state", {"type": "string", "enum": ["pending", "issued", "void", "annulled"]}, "State"),
            query("limit", {"type": "integer", "minimum": 1, "maximum": 1000}, "At most this many"),
            query("offset", {"type": "integer", "minimum": 0}, "Skip this many"),
        ),
        answers={200: ("The entries", json_content({"type": "object", "required": ["issued"]}), {})},
        errors=(401, 403, 422),
    ),
    "issued.annul": Operation(
        "Annul an issued document, with the reason the check will show",
        "issued",
        role="admin",
        body={"required": True, "content": json_content({"type": "object", "required": ["reason"]})},
        answers={200: ("The annulled entry", json_content(ENTRY), {})},
        errors=(401, 403, 404, 422),
        path=NUMBER,
    ),
    "issued.reissue": Operation(
        "The document rendered again from its recorded input and template version",
        "issued",
        role="admin",
        answers={200: ("The document", binary(DOCX, PDF), RENDER_HEADERS)},
        errors=(401, 403, 404, 422, 503),
        path=NUMBER,
    ),
    "issued.verify": Operation(
        "Check a file: is it a document Kagaz issued, unchanged? (open to anyone, rate-limited per address)",
        "issued",
        role=None,
        body={
            "required": True,
            "content": {
                **binary(PDF),
                "multipart/form-data": {
                    "schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}
                },
            },
        },
        answers={200: ("The verdict", json_content({"type": "object", "required": ["recognised"]}), {})},
        errors=(400, 413, 415, 429),
    ),
    "openapi.spec": Operation(
        "This description",
        "meta",
        answers={200: ("OpenAPI 3.1", json_content({"type": "object", "required": ["openapi", "paths"]}), {})},
    ),
}


OPERATIONS.update(REPORT_OPERATIONS)  # the reporting cycle's, kept in their own module for size


def _problem(status: int) -> dict[str, Any]:
    response: dict[str, Any] = {"description": ERROR_TITLES[status], "content": json_content(ref("Problem"))}
    if status == 503:
        response["headers"] = {"Retry-After": header("Seconds to wait", {"type": "string", "pattern": "^[0-9]+$"})}
    if status == 401:
        response["headers"] = {"WWW-Authenticate": header('`Bearer realm="kagaz"`', required=False)}
    return response


def _security(role: str | None, auth_required: bool) -> list[dict[str, list[str]]]:
    if role is None:
        return []
    keys: list[dict[str, list[str]]] = [{"bearer": []}, {"apiKey": []}]
    return keys if role != "client" or auth_required else [{}, *keys]


def operation(endpoint: str, method: str, parameters: list[dict[str, Any]], auth_required: bool) -> dict[str, Any]:
    """One operation of the spec; an endpoint missing from ``OPERATIONS`` gets only what every route shares."""
    described = OPERATIONS.get(endpoint) or Operation(f"{method} ({endpoint}; not described yet)", "undocumented")
    responses: dict[str, Any] = {}
    for status, (description, content, headers) in described.answers.items():
        responses[str(status)] = {"description": description, "content": content}
        if headers:
            responses[str(status)]["headers"] = headers
    errors = set(described.errors) | {500}
    if described.role is not None:  # a wrong key is refused even where none is needed
        errors |= {401} if described.role == "client" else {401, 403}
    for status in sorted(errors):
        responses[str(status)] = _problem(status)
    result: dict[str, Any] = {
        "operationId": endpoint.replace(".", "_") + ("" if endpoint in OPERATIONS else f"_{method}"),
        "summary": described.summary,
        "tags": [described.tag],
        "parameters": [{**item, "schema": described.path.get(item["name"], item["schema"])} for item in parameters]
        + list(described.query),
        "responses": responses,
        "security": _security(described.role, auth_required),
    }
    if described.role not in (None, "client"):
        result["description"] = f"Needs a key with the `{described.role}` role."
    if described.body is not None:
        result["requestBody"] = described.body
    return result


def _path(rule: str) -> tuple[str, list[dict[str, Any]]]:
    """A Flask rule as an OpenAPI path with its path parameters: ``<int:number>`` → ``{number}``, integer."""
    parameters = []
    for match in ROUTE_PARAMETER.finditer(rule):
        schema = CONVERTER_SCHEMAS.get(match.group("converter") or "", {"type": "string", "minLength": 1})
        parameters.append({"name": match.group("name"), "in": "path", "required": True, "schema": dict(schema)})
    return ROUTE_PARAMETER.sub(lambda match: "{" + match.group("name") + "}", rule), parameters


def described_rules(app: Flask) -> list[Any]:
    """The rules the spec describes: everything under ``/api/v1`` and the two health checks."""
    return [rule for rule in app.url_map.iter_rules() if rule.rule.startswith(("/api/v1/", "/health"))]


def undocumented(app: Flask) -> list[str]:
    """Endpoints served under ``/api/v1`` (or health) that ``OPERATIONS`` does not describe."""
    return sorted({rule.endpoint for rule in described_rules(app)} - set(OPERATIONS))


def build_spec(app: Flask) -> dict[str, Any]:
    """The whole OpenAPI document for ``app`` (pure apart from reading the app's routes and settings)."""
    auth_required = bool(app.config["KAGAZ"].auth_required)
    bodies, schemas = document_schemas()
    paths: dict[str, dict[str, Any]] = {}
    for rule in sorted(described_rules(app), key=lambda item: item.rule):
        path, parameters = _path(rule.rule)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = operation(
                rule.endpoint, method.lower(), parameters, auth_required
            )
    template = paths.get("/api/v1/documents/{document}", {}).get("post")
    if template is not None:  # one concrete path per document kind, each with its own body schema
        for name, body in bodies.items():
            concrete = {**template, "operationId": f"render_{name.replace('-', '_')}", "summary": f"Make a {name}"}
            concrete["parameters"] = [item for item in template["parameters"] if item["in"] != "path"]
            concrete["requestBody"] = {"required": True, "content": json_content(body)}
            paths[f"/api/v1/documents/{name}"] = {"post": concrete}
        template["requestBody"] = {"required": True, "content": json_content({"anyOf": list(bodies.values())})}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Kagaz",
            "version": "1",
            "description": "Official documents of the Judicial Department from data: JSON in, DOCX or PDF out. "
            "Errors are `application/json` problem lists; messages follow `Accept-Language` (ky, ru, en).",
        },
        "paths": paths,
        "components": {
            "schemas": {**schemas, **RESPONSE_SCHEMAS},
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "description": "An API key: `kagaz keys create`"},
                "apiKey": {"type": "apiKey", "in": "header", "name": "X-Api-Key"},
            },
        },
    }


@bp.get("/openapi.json")
def spec() -> Response:
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    cached = app.extensions.get("kagaz.openapi")
    if cached is None:  # routes and settings do not change once the app serves: build once
        cached = app.extensions["kagaz.openapi"] = build_spec(app)
    return jsonify(cached)
