"""The OpenAPI entries of the issued documents (``service.api.issued``): the register, an annulment, a
reissue, and the public check of a file.

The check and an entry's metadata are open to anyone holding the document (``role=None``); the register
itself, annulment and reissue need an admin key.
"""

from __future__ import annotations

from service.api.openapi.schemas import (
    DOCX,
    PDF,
    RENDER_HEADERS,
    Operation,
    binary,
    json_content,
    query,
)

NUMBER = {"number": {"type": "string", "maxLength": 60, "example": "KJS-2026-000123"}}
ENTRY = {"type": "object", "required": ["number", "state"], "additionalProperties": True}

OPERATIONS: dict[str, Operation] = {
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
}
