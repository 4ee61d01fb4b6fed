"""A batch's inputs as a request brings them: a JSON list of reports, a ZIP, workbooks, or the register's
reports of a year (``from_register``); its year and formats.

The API (``POST /api/v1/batches``) and the staff page (``POST /batches``) read a batch the same way, so that a
batch from the page and from another system are the same job.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from flask import current_app, request

from service.auth import Forbidden, Principal
from service.batch.inputs import (
    JSON_SUFFIXES,
    SPREADSHEET_SUFFIXES,
    Source,
    display_name,
    sources_from_records,
    sources_from_zip,
)
from service.documents.common import FIRST_YEAR, LAST_YEAR
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
from service.http.resources import reporting
from service.reporting import access

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
        value = _year_of_reports(sources)
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise input_error("year", "int_parsing", f"not a year: {value!r}") from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise input_error("year", "batch_year_range", f"{year} is not a reporting year", year=year)
    return year


def _year_of_reports(sources: list[Source]) -> int:
    """The year of the first JSON report that says one (range-checked by ``parse_year`` like any other)."""
    for source in sources:
        try:
            found = json.loads(source.content).get("year") if source.suffix in JSON_SUFFIXES else None
        except (ValueError, AttributeError, RecursionError):
            continue
        if isinstance(found, int) and not isinstance(found, bool):
            return found
    raise input_error("year", "batch_year_missing", "give the batch's year (?year=2025)")


def _typed(body: dict[str, Any]) -> None:
    """A JSON body's ``year`` is a whole number and its ``formats`` a list, as the spec says: ``parse_year``
    and ``parse_formats`` also read the query's and the form's text, and would take ``"2025"``, ``2025.0``
    or ``"pdf"`` here too."""
    year = body.get("year")
    if "year" in body and (isinstance(year, bool) or not isinstance(year, int)):
        raise input_error("year", "int_type", f"not a whole number: {year!r}")
    if "formats" in body and not isinstance(body["formats"], list):
        raise input_error("formats", "list_type", 'formats is a list, such as ["pdf", "docx"]')


def _records(records: Any) -> list[Source]:
    if not isinstance(records, list) or not records:
        raise input_error("body", "batch_not_list", "the body must be a non-empty JSON list of reports")
    return sources_from_records(records)


@dataclass(frozen=True)
class Asked:
    """What a batch request asks for: its inputs (none yet when they come from the register), year, formats."""

    sources: list[Source]
    year: Any
    formats: Any
    from_register: bool = False


def read_sources() -> Asked:
    """The batch's inputs from whichever form the request takes, and the year and formats it names.

    ``{"year": 2025, "from_register": true}`` (JSON) or the page's «from the register» button (the form field
    ``source=register``) asks for the register's reports instead: ``register_sources`` reads them."""
    year, formats = request.args.get("year"), request.args.get("format")
    if year is not None:
        parse_year(year, [])  # a query year that is not a year is an error even when the body names one
    if request.is_json:
        body = json_body()
        if isinstance(body, dict):
            _typed(body)
            if year is not None and "year" in body and str(body["year"]) != year:
                raise input_error("year", "batch_year_conflict", f"?year={year} but the body says {body['year']!r}")
            year, formats = body.get("year", year), body.get("formats", formats)
            if body.get("from_register") not in (None, False):
                return _from_register(body, year, formats)
            body = body.get("reports")
        sources = _records(body)
    elif request.mimetype == "multipart/form-data" and request.form.get("source") == "register":
        return Asked([], request.form.get("year") or year, request.form.get("format") or formats, True)
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
    check_count(sources)
    return Asked(sources, year, formats)


def check_count(sources: list[Source]) -> None:
    limit = current_app.config["KAGAZ"].batch_max_reports
    if len(sources) > limit:
        raise PayloadTooLarge(
            Problem("body", "batch_too_many", f"{len(sources)} reports; at most {limit}", {"limit": limit})
        )


def _from_register(body: dict[str, Any], year: Any, formats: Any) -> Asked:
    if body.get("from_register") is not True:
        raise input_error("from_register", "bool_parsing", "from_register must be true or false")
    if "reports" in body:
        raise input_error("reports", "batch_register_and_reports", "give either reports or from_register, not both")
    if year in (None, ""):
        raise input_error("year", "batch_year_missing", "give the batch's year (?year=2025)")
    return Asked([], year, formats, True)


def register_sources(year: int, principal: Principal) -> tuple[list[Source], list[dict[str, Any]]]:
    """The current version of each report of ``year`` the key may read, as batch inputs, and the versions
    used (recorded with the job). Read now, when the batch is asked for: see ``ReportingCycle.batch_inputs``.

    Who may: an admin key (every report), a key bound to an organization (its own and, for an oblast or
    the city court, its courts': the rules of reading reports); any other key, or none, is refused (403)."""
    cycle = reporting()
    caller = access.Caller(principal.role, principal.organization)
    if not caller.admin and principal.organization is None:
        raise Forbidden(
            Problem("from_register", "batch_register_not_allowed", "only an admin key or an organization's key")
        )
    sources, used = cycle.batch_inputs(year, access.readable(caller, cycle.parents))
    if not sources:
        raise InputError(
            Problem("year", "reports_none_submitted", f"no report for {year} has been submitted", {"year": year})
        )
    check_count(sources)
    return sources, used


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
