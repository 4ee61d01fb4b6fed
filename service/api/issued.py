"""The register over HTTP: ``GET /api/v1/issued/<number>``, the admins' list, annul and reissue, and
``POST /api/v1/verify`` — the public check of a file, open without a key even with ``KAGAZ_AUTH_REQUIRED``.

Anyone (or any client key) sees an entry's metadata; an admin key sees everything, the input included (it
holds personal data). The check is bounded: ``KAGAZ_VERIFY_MAX_BYTES`` per file (413) and
``KAGAZ_VERIFY_PER_MINUTE`` per address, counted in the database by every machine (429 + Retry-After).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from service.auth import authenticate, current_principal, require_role
from service.errors import (
    InputError,
    MalformedRequest,
    NotFound,
    Problem,
    TooManyRequests,
    UnsupportedMediaType,
)
from service.http.files import issued_response
from service.http.resources import issuer
from service.issuance import register, verification
from service.issuance.numbers import NumberError, parse

bp = Blueprint("issued", __name__, url_prefix="/api/v1")
STATES = ("pending", "issued", "void", "annulled")
BODY_TYPES = ("application/pdf", "application/octet-stream")  # the PDF to check as the whole body


@bp.before_request
def _verify_limit() -> None:
    """A PDF to check may be larger than other bodies (``KAGAZ_VERIFY_MAX_BYTES``, as the front allows)."""
    if request.endpoint == "issued.verify":
        request.max_content_length = current_app.config["KAGAZ"].verify_max_bytes


def _number(text: str) -> str:
    try:
        return str(parse(text, issuer().prefix))
    except NumberError:
        raise NotFound(f"no document was issued under {text!r}") from None


def _entry(text: str) -> register.Entry:
    entry = register.find(issuer().database, _number(text))
    if entry is None:
        raise NotFound(f"no document was issued under {text!r}")
    return entry


@bp.get("/issued/<number>")
def show(number: str) -> Response:
    entry = _entry(number)
    admin = authenticate(None).can("admin")  # open to anyone; a presented key is still checked
    return jsonify(entry.full() if admin else entry.public())


@bp.get("/issued")
@require_role("admin")
def index() -> Response:
    arguments = request.args
    state = arguments.get("state")
    if state is not None and state not in STATES:
        raise InputError(Problem("query.state", "unknown_format", f"state must be one of {', '.join(STATES)}"))
    try:
        year = int(arguments["year"]) if "year" in arguments else None
        limit = min(int(arguments.get("limit", 100)), 1000)
        offset = max(int(arguments.get("offset", 0)), 0)
    except ValueError:
        raise InputError(Problem("query", "unknown_format", "year, limit and offset must be numbers")) from None
    found = register.entries(
        issuer().database,
        year=year,
        document=arguments.get("document"),
        organization=arguments.get("organization"),
        state=state,
        limit=limit,
        offset=offset,
    )
    return jsonify({"issued": [entry.public() | {"issued_by": entry.issued_by} for entry in found]})


@bp.post("/issued/<number>/annul")
@require_role("admin")
def annul(number: str) -> Response:
    body: Any = request.get_json(silent=True) or {}
    reason = str(body.get("reason", "")).strip() if isinstance(body, dict) else ""
    problem = register.reason_problem(reason, "body.reason")
    if problem is not None:
        raise InputError(problem)
    try:
        entry = register.annul(issuer().database, _number(number), reason, current_principal().name)
    except register.RegisterError as error:
        problem = Problem("path", error.code, str(error), dict(error.params))
        raise InputError(problem) from None
    return jsonify(entry.public())


@bp.post("/issued/<number>/reissue")
@require_role("admin")
def reissue(number: str) -> Response:
    """The document rendered again from its recorded input and template version (not from stored bytes)."""
    try:
        again = issuer().reissue(parse(_number(number), issuer().prefix))
    except register.RegisterError as error:
        raise InputError(Problem("path", error.code, str(error), dict(error.params))) from None
    return issued_response(again)


@bp.post("/verify")
def verify() -> Response:
    """Is the uploaded PDF (the body, or the multipart field ``file``) a document Kagaz issued, unchanged?"""
    content = read_upload()
    settings = current_app.config["KAGAZ"]
    if not verification.allow(issuer().database, request.remote_addr or "", settings.verify_per_minute):
        limit = settings.verify_per_minute
        problem = Problem("address", "verify_rate", f"more than {limit} checks a minute", {"limit": limit})
        raise TooManyRequests(problem, retry_after=60)
    found = verification.check_file(issuer().database, content, issuer().trust_roots())
    return jsonify(found.public())


def read_upload() -> bytes:
    """The file to check. Its size is bounded by Werkzeug against ``request.max_content_length`` (set to
    ``KAGAZ_VERIFY_MAX_BYTES`` above): a declared length over it is refused before anything is read, and a
    chunked body as soon as it passes it, under any WSGI server (``kagaz serve``'s front refuses it earlier
    still). A 413 then comes from the ``RequestEntityTooLarge`` handler, so no check is repeated here."""
    if request.mimetype == "multipart/form-data":  # a form must carry the file as its part «file»
        upload = request.files.get("file")
        content = upload.read() if upload is not None else b""  # a part is no larger than the body
    elif request.mimetype in BODY_TYPES:
        content = request.get_data(cache=False)
    else:  # a body of no stated type is not guessed to be a PDF (schemathesis sent one)
        expected = ", ".join((*BODY_TYPES, "multipart/form-data"))
        raise UnsupportedMediaType(
            Problem(
                "Content-Type",
                "unsupported_media_type",
                f"send the PDF as one of {expected}, not {request.mimetype or 'no Content-Type'}",
                {"value": request.mimetype or "—", "expected": expected},
            )
        )
    if not content:
        raise MalformedRequest(Problem("file", "verify_file_missing", "no file to check"))
    return content
