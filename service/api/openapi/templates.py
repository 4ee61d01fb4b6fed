"""The OpenAPI entries of ``/api/v1/templates`` (``service.api.templates``): reading the templates and their
versions, and the editor's upload and activation.

The upload's form fields are listed once (``UPLOAD_FIELDS``) because the same fields are also query
parameters of a raw DOCX upload.
"""

from __future__ import annotations

from service.api.openapi.schemas import (
    DOCX,
    FILE_HEADERS,
    PNG,
    Operation,
    binary,
    header,
    json_content,
    query,
    ref,
)

TEMPLATE_NAME = {"name": {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]{0,63}$", "example": "action-plan"}}
FLAG = {"type": "string", "enum": ["0", "1", "true", "false", "yes", "no", "on", ""]}
VERSION_NUMBER = {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
UPLOAD_FIELDS = {
    "note": {"type": "string", "maxLength": 2000},
    "activate": FLAG,
    "dry_run": FLAG,
    "expected_active": {"type": "string", "pattern": "^[0-9]*$"},
}

OPERATIONS: dict[str, Operation] = {
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
}
