"""A batch's inputs as a request brings them: a JSON list of reports, a ZIP, workbooks; its year and formats.

The API (``POST /api/v1/batches``) and the staff page (``POST /batches``) read a batch the same way, so that a
batch from the page and from another system are the same job.
"""

from __future__ import annotations

import json
from typing import Any

from flask import current_app, request

from service.batch.inputs import (
    JSON_SUFFIXES,
    SPREADSHEET_SUFFIXES,
    Source,
    display_name,
    sources_from_records,
    sources_from_zip,
)
from service.engine import FORMATS
from service.errors import (
    InputError,
    MalformedRequest,
    PayloadTooLarge,
    Problem,
    UnsupportedFormat,
    UnsupportedMediaType,
)
from service.http.bodies import json_body

ZIP_TYPES = ("application/zip", "application/x-zip-compressed")


def input_error(
    location: str, code: str, message: str, error_type: type[InputError] = InputError, **params: object
) -> InputError:
    """One problem as the error of the kind ``error_type`` says (the status follows the kind)."""
    return error_type(Problem(location, code, message, dict(params)))


def parse_formats(value: Any) -> tuple[str, ...]:
    parts = value if isinstance(value, list) else str(value or "pdf").split(",")
    formats = tuple(dict.fromkeys(str(part).strip().lower() for part in parts if str(part).strip()))
    if not formats or any(fmt not in FORMATS for fmt in formats):
        raise UnsupportedFormat(
            Problem("format", "unknown_format", f"formats are {', '.join(FORMATS)}", {"value": str(value)})
        )
    return formats


def parse_year(value: Any, sources: list[Source]) -> int:
    """The year asked for; else the year of the first report that says one."""
    if value in (None, ""):
        for source in sources:
            try:
                found = json.loads(source.content).get("year") if source.suffix in JSON_SUFFIXES else None
            except (ValueError, AttributeError, RecursionError):
                continue
            if isinstance(found, int):
                return found
        raise input_error("year", "batch_year_missing", "give the batch's year (?year=2025)")
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise input_error("year", "int_parsing", f"not a year: {value!r}") from None
    if not 2000 <= year <= 2100:
        raise input_error("year", "batch_year_range", f"{year} is not a reporting year", year=year)
    return year


def _records(records: Any) -> list[Source]:
    if not isinstance(records, list) or not records:
        raise input_error("body", "batch_not_list", "the body must be a non-empty JSON list of reports")
    return sources_from_records(records)


def read_sources() -> tuple[list[Source], Any, Any]:
    """The batch's inputs from whichever form the request takes, and the year and formats it names."""
    settings = current_app.config["KAGAZ"]
    year, formats = request.args.get("year"), request.args.get("format")
    if year is not None:
        parse_year(year, [])  # a query year that is not a year is an error even when the body names one
    if request.is_json:
        body = json_body()
        if isinstance(body, dict):
            if year is not None and "year" in body and str(body["year"]) != year:
                raise input_error("year", "batch_year_conflict", f"?year={year} but the body says {body['year']!r}")
            year, formats = body.get("year", year), body.get("formats", formats)
            body = body.get("reports")
        sources = _records(body)
    elif request.mimetype == "multipart/form-data":
        uploads = [upload for upload in request.files.getlist("file") if upload.filename or upload.content_length]
        if not uploads:
            raise input_error("file", "upload_missing", "no file in the field «file»", MalformedRequest)
        year, formats = request.form.get("year") or year, request.form.get("format") or formats
        sources = [
            source
            for upload in uploads  # several files may be sent at once: a folder of workbooks, say
            for source in _upload(display_name(upload.filename or "upload"), upload.read())
        ]
    elif request.mimetype in ZIP_TYPES:
        sources = _upload("upload.zip", request.get_data(cache=False))
    else:
        raise input_error(
            "body",
            "unknown_format",
            "send JSON, a ZIP, or a multipart form with a file",
            UnsupportedMediaType,
            value=request.mimetype,
        )
    if len(sources) > settings.batch_max_reports:
        raise PayloadTooLarge(
            Problem(
                "body",
                "batch_too_many",
                f"{len(sources)} reports; at most {settings.batch_max_reports}",
                {"limit": settings.batch_max_reports},
            )
        )
    return sources, year, formats


def _upload(name: str, content: bytes) -> list[Source]:
    settings = current_app.config["KAGAZ"]
    source = Source(name, content)
    if not content:
        raise input_error("file", "upload_empty", "the file is empty")
    if source.suffix == ".zip" or (content.startswith(b"PK\x03\x04") and source.suffix not in SPREADSHEET_SUFFIXES):
        return sources_from_zip(
            content, settings.batch_max_reports, settings.max_request_bytes, settings.batch_max_bytes
        )
    if source.suffix in SPREADSHEET_SUFFIXES:
        return [source]
    if source.suffix in JSON_SUFFIXES:
        try:
            value = json.loads(content.decode("utf-8"))
        except (ValueError, RecursionError):
            return [source]  # the batch reports it as this input's error
        return _records(value) if isinstance(value, list) else [source]
    raise input_error(
        "file", "unknown_format", "upload a .zip, .json, .xlsx or .csv file", UnsupportedMediaType, value=name
    )
