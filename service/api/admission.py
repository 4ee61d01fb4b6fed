"""The refusal the front answers on its own: a PDF document request with no place in the conversion queue.

Measured (issue 17, item 5): a 503 that goes through the app costs a trip to a request thread and a whole
Flask dispatch — request context, session, before/after hooks, routing, the error handler, ``jsonify`` —
about 1.8 ms of the GIL each on the reference machine, and at concurrency 48 with a queue of 2 the clients
resend ~400 times a second; the refusals then queue for threads behind one another and take the GIL from
rendering. ``early_refusal(app)`` gives ``kagaz serve``'s front a check it runs on its event loop once a
request is received, before any thread: for ``POST /api/v1/documents/<name>`` that asks for a PDF, with a
JSON body, when the pool has no place now, it builds the very answer the app would give (the same JSON
problem from the catalogue in the person's language, ``Retry-After``, ``X-Request-Id``, the security
headers, the log line) in some tens of microseconds. Every other request — and any doubt (an odd query, a
wrong Content-Type, a version number that is not one) — returns None and goes to the app as before, so the
app's own checks keep their order (a 400 or 415 still comes before a 503).

With ``KAGAZ_AUTH_REQUIRED`` the key is checked before admission (a 401 comes before a 503), so the front
leaves those requests to the app; so too in debug mode (``jsonify`` indents there).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from flask import Flask
from werkzeug.http import parse_options_header

from service import logs, security
from service.api.errors import problems_of, title_of
from service.catalogue import choose_language
from service.engine import CONVERTED
from service.errors import http_status
from service.http.problems import problem_payload
from service.server.wsgi import Answer

DOCUMENT_PATH = re.compile(r"/api/v1/documents/[^/]+")
EarlyRefusal = Callable[[dict[str, Any]], Answer | None]


EXTENSION = "kagaz.early_refusal"  # where the factory leaves the check for ``kagaz serve`` to hand the front


def init_app(app: Flask) -> None:
    """Leave the check in ``app.extensions`` (``cli.serve`` gives it to the front; only the factory imports
    the route packages)."""
    app.extensions[EXTENSION] = early_refusal(app)


def early_refusal(app: Flask) -> EarlyRefusal | None:
    """The front's check for ``app`` (see the module docstring), or None when the app must see everything."""
    if app.config["KAGAZ"].auth_required:
        return None

    def refuse(environ: dict[str, Any]) -> Answer | None:
        started = time.perf_counter()
        path = environ["PATH_INFO"]
        if environ["REQUEST_METHOD"] != "POST" or not DOCUMENT_PATH.fullmatch(path) or app.debug:
            return None
        arguments = _arguments(environ.get("QUERY_STRING", ""))
        if arguments is None or not _is_json(environ.get("CONTENT_TYPE", "")):
            return None
        fmt = arguments.get("format", "pdf").lower()
        if fmt not in CONVERTED or not _version_ok(arguments.get("template_version")):
            return None  # a DOCX needs no place; a bad format or version is the app's 400, which comes first
        error = app.extensions["kagaz.engine"].refusal(fmt)
        if error is None:
            return None
        status = http_status(error)
        request_id = logs.request_id(environ.get("HTTP_X_REQUEST_ID"))
        lang = choose_language(arguments.get("lang"), environ.get("HTTP_ACCEPT_LANGUAGE"))
        payload = problem_payload(status, title_of(error), problems_of(error), lang, request_id)
        body = f"{app.json.dumps(payload, separators=(',', ':'))}\n".encode()  # as jsonify writes it
        headers = [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(body))),
            ("Retry-After", str(error.retry_after)),
            *security.HEADERS.items(),
            ("Cache-Control", "no-store"),
            ("X-Request-Id", request_id),
        ]
        logs.log_request("POST", path, status, request_id, started)
        return Answer(status, "SERVICE UNAVAILABLE", headers, iter(()), [body], complete=True)

    return refuse


def _arguments(query: str) -> dict[str, str] | None:
    """The query's ``format``, ``template_version`` and ``lang`` as Flask reads them (the first of each), or
    None when the query is not plain ASCII or repeats one of them (the app decides those)."""
    if not query.isascii():
        return None
    found: dict[str, str] = {}
    for name, value in parse_qsl(query, keep_blank_values=True, encoding="utf-8", errors="replace"):
        if name in ("format", "template_version", "lang"):
            if name in found:
                return None
            found[name] = value
    return found


def _is_json(content_type: str) -> bool:
    """``request.is_json``: ``application/json`` or ``application/…+json``."""
    mimetype = parse_options_header(content_type)[0].lower()
    return mimetype == "application/json" or (mimetype.startswith("application/") and mimetype.endswith("+json"))


def _version_ok(value: str | None) -> bool:
    """True when ``documents.requested_version`` would accept ``value`` (absent, or a version number)."""
    return value is None or (value.isdigit() and 0 < int(value) < 1_000_000)
