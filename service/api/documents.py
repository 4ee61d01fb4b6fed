"""``POST /api/v1/documents/<document>?format=docx|pdf|pdfa``: JSON in, the official file out, issued.

Every file is issued (numbered and registered, ``X-Kagaz-Number``) unless ``?draft=true``;
``?attach_data=true`` with ``format=pdfa`` embeds the input in a PDF/A-3b."""

from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, Response, g, request

from service.auth import authenticate
from service.engine import FORMATS
from service.errors import InputError, Problem, UnsupportedFormat
from service.http.bodies import json_body, require_json
from service.http.files import issued_response
from service.http.resources import engine, issuer
from service.issuance.issuing import Order

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


def order(fmt: str) -> Order:
    """What the register records of this request: format, version, draft, who asked and the request id."""
    principal = g.get("principal") or authenticate(None)  # who asked, also when keys are not required
    return Order(
        format=fmt,
        template_version=requested_version(),
        draft=flag("draft"),
        attach_data=flag("attach_data"),
        issued_by=principal.name,
        key_id=principal.key_id,
        request_id=g.get("request_id"),
    )


@bp.post("/<document>")
def create(document: str) -> Response:
    fmt = requested_format()
    asked = order(fmt)  # a wrong query (version, draft) is refused before admission, as a wrong format is
    require_json()
    with engine().admit(fmt) as place:  # a full converter refuses here, before the body is even parsed
        data = json_body()
        if not isinstance(data, dict | list):
            raise InputError(Problem("body", "not_json_object", "the body must be a JSON object"))
        return issued_response(issuer().produce(document, data, replace(asked, place=place)))


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
