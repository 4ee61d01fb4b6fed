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


@bp.post("/<document>")
def create(document: str) -> Response:
    fmt = requested_format()
    data = json_body()
    if not isinstance(data, dict | list):
        error = InputError(Problem("body", "not_json_object", "the body must be a JSON object"))
        error.status = 422
        raise error
    return file_response(engine().produce(document, data, fmt))
