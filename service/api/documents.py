"""``POST /api/v1/documents/<document>?format=docx|pdf``: JSON in, the official file out."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from flask import Blueprint, Response, request

from service.engine import FORMATS, Rendered
from service.errors import InputError, Problem, UnsupportedFormat
from service.runtime import engine

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


def json_body() -> Any:
    """The request body as JSON; a body that is not JSON is a 400 that says where it broke."""
    raw = request.get_data(cache=False)
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        problem = Problem("body", "invalid_json", f"not UTF-8: {error}", {"error": "not UTF-8"})
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        problem = Problem(f"body ({where})", "invalid_json", error.msg, {"error": f"{error.msg} ({where})"})
    except RecursionError:
        problem = Problem("body", "invalid_json", "nested too deeply", {"error": "nested too deeply"})
    except ValueError as error:  # Python refuses integers of over 4300 digits (CVE-2020-10735)
        problem = Problem("body", "invalid_json", str(error), {"error": "a number with too many digits"})
    error = InputError(problem)
    error.status = 400
    raise error


def file_response(rendered: Rendered) -> Response:
    response = Response(rendered.content, mimetype=rendered.media_type)
    response.headers["Content-Disposition"] = content_disposition(rendered.filename)
    response.headers["X-Kagaz-Template"] = rendered.template.name
    response.headers["X-Kagaz-Template-Version"] = str(rendered.template.version)
    response.headers["X-Kagaz-Template-Sha256"] = rendered.template.sha256
    return response


def content_disposition(filename: str) -> str:
    """RFC 6266 with an RFC 5987 UTF-8 name, and a transliterated ASCII fallback for old clients."""
    from service.kyrgyz import transliterate

    fallback = "".join(ch for ch in transliterate(filename) if ch.isascii() and ch.isprintable() and ch not in '"\\')
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def require_json() -> None:
    """Only ``application/json`` (or ``+json``) is read: a form, a file or text sent here by mistake is told so
    (415) instead of being parsed as JSON by luck or refused as "invalid JSON" with a misleading place."""
    if not request.is_json:
        error = InputError(
            Problem(
                "Content-Type",
                "unsupported_media_type",
                f"send the document as application/json, not {request.mimetype or 'no Content-Type'}",
                {"value": request.mimetype or "—", "expected": "application/json"},
            )
        )
        error.status = 415
        raise error


@bp.post("/<document>")
def create(document: str) -> Response:
    fmt = requested_format()
    require_json()
    data = json_body()
    if not isinstance(data, dict | list):
        error = InputError(Problem("body", "not_json_object", "the body must be a JSON object"))
        error.status = 422
        raise error
    return file_response(engine().produce(document, data, fmt, requested_version()))


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
