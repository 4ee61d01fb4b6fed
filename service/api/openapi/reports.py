"""The OpenAPI entries of ``/api/v1/reports`` (``service.api.reports``): the reporting cycle's submissions,
a year's status and the reports made from the register.

``YEAR_SCHEMA`` is the plan's years once; the batches from the register describe their year with it too.
"""

from __future__ import annotations

from typing import Any

from service.api.openapi.schemas import (
    DOCX,
    FORMAT,
    PDF,
    RENDER_HEADERS,
    Operation,
    binary,
    header,
    json_content,
    query,
)
from service.reporting import schedule
from service.reporting.cycle import NOTE_LIMIT

YEAR_SCHEMA = {"type": "integer", "minimum": schedule.FIRST_YEAR, "maximum": schedule.LAST_YEAR}
"""A reporting year of the plan (``schedule.check_year`` refuses the others)."""
YEAR = {"year": {**YEAR_SCHEMA, "example": schedule.FIRST_YEAR}}
ORGANIZATION = {
    "organization": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]{1,63}$", "example": "osh-oblast-court"}
}
OPTIONAL_FORMAT = {**FORMAT, "description": "The document instead of JSON: `pdf` or `docx`"}
DRAFT = query("draft", {"type": "string", "enum": ["true", "false", "1", "0"]}, "An unnumbered draft marked ДОЛБООР")
OBJECT: dict[str, Any] = {"type": "object"}
FILE_OR_JSON = json_content(OBJECT) | binary(DOCX, PDF)

OPERATIONS: dict[str, Operation] = {
    "reports.submit": Operation(
        "Submit an organization's report for a year: validated as rendering validates, every version kept",
        "reports",
        query=(query("note", {"type": "string", "maxLength": NOTE_LIMIT}, "Why this version (kept with it)"),),
        body={"required": True, "content": json_content({"$ref": "#/components/schemas/ProgressReport"})},
        answers={
            200: ("The same data as the current version: no new version", json_content(OBJECT), {}),
            201: ("Stored as the next version", json_content(OBJECT), {"Location": header("The version's URL")}),
        },
        errors=(400, 403, 404, 413, 415, 422, 503),  # 404: no such organization, or a year not a number
        path=YEAR | ORGANIZATION,
    ),
    "reports.report": Operation(
        "An organization's current report and its history; `format=pdf|docx` gives the current version's issued "
        "document: issued the first time it is asked for in that format, the same number (reissued) after",
        "reports",
        query=(OPTIONAL_FORMAT, DRAFT),
        answers={200: ("The report (JSON), or the document", FILE_OR_JSON, RENDER_HEADERS)},
        errors=(400, 403, 404, 422, 503),
        path=YEAR | ORGANIZATION,
    ),
    "reports.version": Operation(
        "One version of an organization's report; `format=pdf|docx` gives its issued document (one number per "
        "version and format)",
        "reports",
        query=(OPTIONAL_FORMAT, DRAFT),
        answers={200: ("The version (JSON), or the document", FILE_OR_JSON, RENDER_HEADERS)},
        errors=(400, 403, 404, 422, 503),
        path=YEAR | ORGANIZATION,
    ),
    "reports.status": Operation(
        "The year's status: each organization's state (submitted, submitted_late, not_yet_due, missing), totals",
        "reports",
        answers={200: ("The status (only the organizations the key may see)", json_content(OBJECT), {})},
        errors=(404, 422),
        path=YEAR,
    ),
    "reports.generalized": Operation(
        "The generalized report made from the register: who has not reported, who reported late, last year; "
        "issued each time it is made, with the versions it was made from",
        "reports",
        query=(FORMAT, DRAFT),
        answers={200: ("The document", binary(DOCX, PDF), RENDER_HEADERS)},
        errors=(400, 403, 404, 422, 503),
        path=YEAR,
    ),
    "reports.summary": Operation(
        "An oblast or city court's summary of itself and the courts it controls, to the Supreme Court; issued "
        "each time it is made",
        "reports",
        query=(FORMAT, DRAFT),
        answers={200: ("The document", binary(DOCX, PDF), RENDER_HEADERS)},
        errors=(400, 403, 404, 422, 503),
        path=YEAR | ORGANIZATION,
    ),
}
