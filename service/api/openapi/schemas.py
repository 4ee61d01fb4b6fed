"""The pieces of the OpenAPI description that are data, not routes: the response bodies' schemas, the
document models' schemas (the same pydantic models every entry point validates with), and the small builders
of spec fragments that the area modules describe their routes with and ``assembly`` puts together."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic.json_schema import models_json_schema

from service import documents
from service.api.organizations import OrganizationEntry
from service.engine import FORMATS

OCTET_STREAM = "application/octet-stream"
DOCX = FORMATS["docx"]
PDF = FORMATS["pdf"]
ZIP = "application/zip"
PNG = "image/png"


@dataclass(frozen=True)
class Operation:
    """What the url_map cannot say about one endpoint. ``role``: None for routes open to everyone (health),
    else the least role that may call it; ``answers``: the statuses whose body is not a problem list, each
    with (description, content, headers); ``errors``: the statuses answered with a problem list."""

    summary: str
    tag: str
    role: str | None = "client"
    query: tuple[dict[str, Any], ...] = ()
    body: dict[str, Any] | None = None
    answers: dict[int, tuple[str, dict[str, Any], dict[str, Any]]] = field(default_factory=dict)
    errors: tuple[int, ...] = ()
    path: dict[str, dict[str, Any]] = field(default_factory=dict)  # path parameter schemas beyond the converter's


def query(name: str, schema: dict[str, Any], description: str, required: bool = False) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": required, "description": description, "schema": schema}


FORMAT = query(
    "format", {"type": "string", "enum": list(FORMATS), "default": "pdf"}, "The file to make (pdfa: PDF/A-2b)"
)


def binary(*media_types: str) -> dict[str, Any]:
    """A file answer: its real media types, then ``application/octet-stream`` — the one binary type generic
    clients know (``openapi-python-client`` drops a response whose types are all unknown to it, PDF, DOCX,
    ZIP and PNG included, unless configured). Kagaz sends the real type; bytes are bytes either way."""
    return {media: {"schema": {"type": "string", "format": "binary"}} for media in (*media_types, OCTET_STREAM)}


def json_content(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def header(description: str, schema: dict[str, Any] | None = None, required: bool = True) -> dict[str, Any]:
    return {"description": description, "required": required, "schema": schema or {"type": "string"}}


FILE_HEADERS = {
    "Content-Disposition": header("`attachment` with the file name (RFC 6266, UTF-8 `filename*` and an ASCII one)")
}
RENDER_HEADERS = FILE_HEADERS | {
    "X-Kagaz-Template": header("The template that made the document"),
    "X-Kagaz-Template-Version": header("Its version number", {"type": "string", "pattern": "^[0-9]+$"}),
    "X-Kagaz-Template-Sha256": header("The SHA-256 of the template's DOCX", {"type": "string"}),
    "X-Kagaz-Number": header(
        "The issuance number in its ASCII form, KJS-2026-000123 (absent for a draft)", required=False
    ),
    "X-Kagaz-Number-Printed": header("The number as printed, КЖС-2026-000123, percent-encoded UTF-8", required=False),
    "X-Kagaz-Output-Sha256": header("The SHA-256 of this file, as registered", required=False),
}


RESPONSE_SCHEMAS: dict[str, dict[str, Any]] = {
    "Problem": {
        "type": "object",
        "description": "Every error: its status, a title and each problem with its place; the request id for the log.",
        "required": ["status", "title", "errors", "request_id"],
        "properties": {
            "status": {"type": "integer"},
            "title": {"type": "string"},
            "errors": {"type": "array", "items": ref("ProblemItem")},
            "request_id": {"type": ["string", "null"]},
        },
    },
    "ProblemItem": {
        "type": "object",
        "required": ["location", "code", "message", "severity"],
        "properties": {
            "location": {"type": "string", "description": "A field path, a sheet!cell, a template place, or `body`"},
            "code": {"type": "string", "description": "Stable: translate or branch on it"},
            "message": {"type": "string", "description": "In the language of `Accept-Language` or `?lang=`"},
            "severity": {"type": "string", "enum": ["error", "warning"]},
        },
    },
    "Version": {
        "type": "object",
        "required": ["name", "version", "sha256", "status", "active", "links"],
        "properties": {
            "name": {"type": "string"},
            "version": {"type": "integer"},
            "label": {"type": "string"},
            "sha256": {"type": "string"},
            "size": {"type": "integer"},
            "created_by": {"type": ["string", "null"]},
            "created_at": {"type": ["string", "null"]},
            "note": {"type": ["string", "null"]},
            "status": {"type": "string"},
            "active": {"type": "boolean"},
            "warnings": {"type": "integer"},
            "links": {"type": "object", "additionalProperties": {"type": "string"}},
            "report": {"type": ["object", "null"]},
        },
    },
    "VersionList": {
        "type": "object",
        "required": ["name", "active_version", "versions", "activations"],
        "properties": {
            "name": {"type": "string"},
            "active_version": {"type": "integer"},
            "newer_shipped_version": {
                "type": ["integer", "null"],
                "description": "A shipped version newer than the active one, which is an editor's: "
                "activate it to get the release's fixes.",
            },
            "versions": {"type": "array", "items": ref("Version")},
            "activations": {"type": "array", "items": {"type": "object"}},
        },
    },
    "TemplateList": {
        "type": "object",
        "required": ["templates"],
        "properties": {
            "templates": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["name", "document", "active_version", "render", "schema"],
                    "properties": {
                        "name": {"type": "string"},
                        "title": {"type": "string"},
                        "document": {"type": "string"},
                        "active_version": {"type": "integer"},
                        "newer_shipped_version": {"type": ["integer", "null"]},
                        "sha256": {"type": "string"},
                        "formats": {"type": "array", "items": {"type": "string", "enum": list(FORMATS)}},
                        "render": {"type": "string"},
                        "schema": {"type": "string"},
                        "versions": {"type": "string"},
                    },
                },
            }
        },
    },
    "Batch": {
        "type": "object",
        "required": ["id", "state", "done", "total", "errors"],
        "properties": {
            "id": {"type": "string"},
            "state": {"type": "string", "enum": ["queued", "running", "done", "failed"]},
            "year": {"type": ["integer", "null"]},
            "formats": {"type": ["array", "null"], "items": {"type": "string"}},
            "done": {"type": "integer"},
            "total": {"type": "integer"},
            "summary": {
                "type": "object",
                "description": "Files made and skipped as up to date (null until done); documents that failed",
                "properties": {
                    "made": {"type": ["integer", "null"]},
                    "skipped": {"type": ["integer", "null"]},
                    "failed": {"type": "integer"},
                },
            },
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "description": "One problem: its source file, `location` for programs, `place` in words",
                },
            },
            "result": {"type": "string"},
            "register": {
                "type": "array",
                "description": "A batch from the register: the submitted versions it read, fixed when it was asked",
                "items": {
                    "type": "object",
                    "properties": {
                        "organization": {"type": "string"},
                        "year": {"type": "integer"},
                        "version": {"type": "integer"},
                        "submission_id": {"type": "integer"},
                        "sha256": {"type": "string"},
                    },
                },
            },
        },
    },
    "Readiness": {
        "type": "object",
        "required": ["ready", "libreoffice"],
        "properties": {
            "ready": {"type": "boolean"},
            "libreoffice": {"type": ["object", "string"]},
            "storage": {"type": "object"},
        },
    },
}


def document_schemas() -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """Each document kind's request-body schema (a ``$ref``) and every model schema, by name."""
    kinds = list(documents.KINDS.values())
    inputs = [(kind.model, "validation") for kind in kinds]
    refs, top = models_json_schema(
        [*inputs, (OrganizationEntry, "serialization")], ref_template="#/components/schemas/{model}"
    )
    bodies = {kind.name: refs[(kind.model, "validation")] for kind in kinds}
    if "generalized-report" in bodies:  # the model also takes a bare list of reports (``_bare_list``)
        bare = {"type": "array", "items": ref("ProgressReport"), "minItems": 1}
        bodies["generalized-report"] = {"anyOf": [bodies["generalized-report"], bare]}
    return bodies, top.get("$defs", {})
