"""Error pages for people: a 404, 405, 413 or 500 met in a browser is a page in the person's language.

The API's error handlers (``service.api.errors``) answer every error; for a path outside the API they first
ask the renderer this module registers (``app.extensions["kagaz.error_page"]``), so the API never imports
the pages and programs calling ``/api/`` still get JSON problems.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from flask import Flask, Response, g, render_template, request

from service.catalogue import TEXTS, text
from service.errors import Problem
from service.web import page

log = logging.getLogger("kagaz.web")

API_PATHS = ("/api/", "/health")
KINDS = {404: "not_found", 405: "method", 413: "too_large", 500: "internal", 503: "unavailable", 507: "unavailable"}
# A 503 or 507 carries the catalogue's own words for what is wrong (storage locked, unreachable or full, the
# conversion queue full): they are shown. A 500's problems are a programmer's and stay in the log.
SAYS_WHY = (503, 507)


def error_page(status: int, problems: Sequence[Problem], headers: Sequence[tuple[str, str]] = ()) -> Response | None:
    """The page for ``status`` on a staff path, or None for the API (which answers JSON)."""
    if request.path.startswith(API_PATHS):
        return None
    try:
        lang = page.language(request.args.get("lang"))
        # The page's lead says what happened; a problem is added when the catalogue says more (a missing
        # template or version: «Мындай нерсе жок …»), never the routing's own 404/405 again.
        shown = [page.shown(p, lang).message for p in problems if p.code in TEXTS and p.code != "http"]
        shown = [] if status >= 500 and status not in SAYS_WHY else shown
        body = render_template(
            "web/error.html",
            kind=KINDS.get(status, "other"),
            problems=[message for message in shown if message],
            request_id=g.get("request_id") if status >= 500 else None,
            choices=page.Choices(lang),
            t=lambda key, **params: text(key, lang, **params),
        )
    except Exception:  # the page itself failed: the caller answers with JSON rather than nothing
        log.exception("could not render the error page")
        return None
    response = Response(body, status=status, mimetype="text/html")
    for name, value in headers:
        response.headers[name] = value
    return page.secure_headers(response)


def init_app(app: Flask) -> None:
    app.extensions["kagaz.error_page"] = error_page
