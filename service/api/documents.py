"""``POST /api/v1/documents/<document>?format=docx|pdf|pdfa``: JSON in, the official file out, issued.

Every file is issued (numbered and registered, ``X-Kagaz-Number``) unless ``?draft=true``;
``?attach_data=true`` with ``format=pdfa`` embeds the input in a PDF/A-3b."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from flask import Blueprint, Response, g, request

from service.auth import authenticate
from service.engine import Rendered
from service.errors import InputError, Problem, UnsupportedFormat
from service.issuance.issuing import FORMATS as ISSUE_FORMATS
from service.issuance.issuing import Issued, Order
from service.runtime import issuer

bp = Blueprint("documents", __name__, url_prefix="/api/v1/documents")


def requested_format() -> str:
    value = request.args.get("format", "pdf").lower()
    if value not in ISSUE_FORMATS:
        raise UnsupportedFormat(
            Problem(
                "query.format",
                "unknown_format",
                f"unknown format {value!r}; one of {', '.join(ISSUE_FORMATS)}",
                {"value": value, "allowed": ", ".join(ISSUE_FORMATS)},
            )
        )
    return value


def flag(name: str) -> bool:
    """A yes/no query parameter (``?draft=true``); anything but true/false/1/0 is a 400 naming it."""
    value = request.args.get(name, "false").lower()
    if value not in ("true", "false", "1", "0"):
        raise UnsupportedFormat(
            Problem(
                f"query.{name}",
                "unknown_format",
                f"{name} must be true or false",
                {"value": value, "allowed": "true, false"},
            )
        )
    return value in ("true", "1")


def order(fmt: str, upload_sha256: str | None = None, issued_by: str | None = None) -> Order:
    """What the register records of this request: format, version, draft, who asked and the request id."""
    principal = g.get("principal") or authenticate(None)  # who asked, also when keys are not required
    return Order(
        format=fmt,
        template_version=requested_version(),
        draft=flag("draft"),
        attach_data=flag("attach_data"),
        issued_by=issued_by or principal.name,
        key_id=principal.key_id,
        request_id=g.get("request_id"),
        upload_sha256=upload_sha256,
    )


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


def issued_response(issued: Issued) -> Response:
    """The file, with its number and check address when it was issued (a draft has neither)."""
    response = file_response(issued.rendered)
    if issued.entry is not None:
        # HTTP headers are Latin-1: the number in its ASCII form (as in the check address, which every look-up
        # accepts), and the printed Cyrillic form percent-encoded as UTF-8.
        response.headers["X-Kagaz-Number"] = issued.entry.issue_number.ascii
        response.headers["X-Kagaz-Number-Printed"] = quote(issued.entry.number, safe="-")
        response.headers["X-Kagaz-Output-Sha256"] = issued.entry.output_sha256 or ""
    return response


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
    return issued_response(issuer().produce(document, data, order(fmt)))


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
