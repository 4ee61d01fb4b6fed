"""The OpenAPI entries of ``/api/v1/batches`` (``service.api.batches``): a year's documents at once.

A batch from the reporting register names its year with the reporting cycle's ``YEAR_SCHEMA``, so both
describe the same years.
"""

from __future__ import annotations

from service.api.openapi.reports import YEAR_SCHEMA
from service.api.openapi.schemas import (
    FILE_HEADERS,
    ZIP,
    Operation,
    binary,
    header,
    json_content,
    query,
    ref,
)
from service.documents.common import FIRST_YEAR, LAST_YEAR
from service.engine import FORMATS

JOB_ID = {"job_id": {"type": "string", "example": "0123456789abcdef0123456789abcdef"}}

OPERATIONS: dict[str, Operation] = {
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
}
