"""Requests the front refused unread (``kagaz serve``'s ``service.server``) become the app's own answers.

The front marks such a request with the status it chose (``wsgi.REFUSED_KEY``) and passes it on without its
body. ``init_app`` turns the mark into the matching HTTP error before any view runs, so that no route reads,
parses or renders anything, and the usual error handlers answer it: a JSON problem on the API (with
``refusal_problem``'s catalogue code), the page itself on the staff pages (``service.web.refusals``).
"""

from __future__ import annotations

from flask import Flask, request
from werkzeug.exceptions import (
    BadRequest,
    HTTPException,
    RequestEntityTooLarge,
    RequestHeaderFieldsTooLarge,
    RequestURITooLarge,
)

from service.errors import Problem
from service.server.limits import ServerLimits
from service.server.wsgi import REFUSED_KEY
from service.settings import Settings


class MalformedRequest(BadRequest):
    """A request the front could not parse as HTTP (a 400 it chose, not one a view raised)."""


REFUSALS: dict[int, type[HTTPException]] = {
    400: MalformedRequest,
    413: RequestEntityTooLarge,
    414: RequestURITooLarge,
    431: RequestHeaderFieldsTooLarge,
}


def refusal_problem(status: int, settings: Settings) -> Problem:
    """What the front refused in this request and the limit it passed, as a problem with a catalogue code.

    A 413's limit is chosen from ``PATH_INFO``, the very path the front chose it from (``wsgi.path_info``);
    ``request.path`` may differ (Werkzeug makes ``//verify`` into ``/verify``) and would name another limit."""
    if status == 413:
        limit = ServerLimits.from_settings(settings).body_limit(request.environ.get("PATH_INFO", "/"))
        return Problem("body", "too_large", f"over {limit} bytes", {"limit": limit})
    if status == 414:
        limit = settings.max_request_line
        return Problem("request line", "request_line_too_long", f"over {limit} bytes", {"limit": limit})
    if status == 431:
        limit = settings.max_header_bytes
        return Problem("headers", "headers_too_large", f"over {limit} bytes", {"limit": limit})
    return Problem("request", "bad_request", "not a valid HTTP request")


def check_refused() -> None:
    """Raise the HTTP error of a request the front refused; nothing else runs for it."""
    status = request.environ.get(REFUSED_KEY)
    if status is not None:
        raise REFUSALS.get(status, MalformedRequest)()


def init_app(app: Flask) -> None:
    """Register the check; call it right after ``logs.init_app`` (the answer still gets its request id) and
    before anything that looks at keys, sessions or views."""
    app.before_request(check_refused)
