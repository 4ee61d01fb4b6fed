"""``POST /api/v1/documents/<document>?format=docx|pdf``: JSON in, the official file out."""

from __future__ import annotations

from flask import Blueprint, Response, request

from service.engine import FORMATS
from service.errors import InputError, Problem, UnsupportedFormat
from service.http.bodies import json_body, require_json
from service.http.files import file_response
from service.http.resources import engine

bp = Blueprint("documents", __name__, url_prefix="/api/v1/documents")


def requested_format() -> str:
    value = request.args.get("format", "pdf").lower()
    if value not in FORMATS:
        raise UnsupportedFormat(
            Problem(
                "query.format",
                "unknown_format",
                f"unknown format {value!r}; one of {', '.join(FORMATS)}",
                {"value": value, "allowed": ", ".join(FORMATS)},
            )
        )
    return value


@bp.post("/<document>")
def create(document: str) -> Response:
    fmt = requested_format()
    version = requested_version()
    require_json()
    with engine().admit(fmt) as place:  # a full converter refuses here, before the body is even parsed
        data = json_body()
        if not isinstance(data, dict | list):
            raise InputError(Problem("body", "not_json_object", "the body must be a JSON object"))
        return file_response(engine().produce(document, data, fmt, version, place))


def requested_version() -> int | None:
    """``?template_version=N`` renders with an older (or a candidate) version instead of the active one."""
    value = request.args.get("template_version")
    if value is None:
        return None
    if not value.isdigit() or not 0 < int(value) < 1_000_000:
        raise UnsupportedFormat(
            Problem(
                "query.template_version",
                "unknown_format",
                f"template_version must be a version number, not {value!r}",
                {"value": value, "allowed": "1, 2, 3 …"},
            )
        )
    return int(value)
