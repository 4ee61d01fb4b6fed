"""The OpenAPI entry of ``POST /api/v1/documents/<document>`` (``service.api.documents``).

One entry for every kind: ``build_spec`` copies it into one concrete path per document kind, each with its
model's own body schema, so a new kind is described without a line here.
"""

from __future__ import annotations

from service.api.openapi.schemas import (
    DOCX,
    FORMAT,
    PDF,
    RENDER_HEADERS,
    Operation,
    binary,
    json_content,
    query,
)

YES_NO = {"type": "string", "enum": ["true", "false", "1", "0"], "default": "false"}

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
}
