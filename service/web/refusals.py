"""The staff pages' answer to a request ``kagaz serve`` refused unread (413, 414, 431, 400): a page, not JSON.

``guard(bp)`` registers, on one page blueprint, handlers for the errors ``service.http.refusals`` raises; a page
with its own form (the document form, the batch form) passes ``too_large`` to show that form again with the
problem next to the file field, as when Werkzeug refuses an upload itself.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Response, current_app, render_template, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge, RequestHeaderFieldsTooLarge, RequestURITooLarge

from service.catalogue import text, translate
from service.http.refusals import MalformedRequest, refusal_problem
from service.web import page

Handler = Callable[[HTTPException], Response]


def refused_page(error: HTTPException) -> Response:
    """A page that says what was refused, in the session's language, with a way back."""
    status = error.code or 400
    lang = page.language(request.args.get("lang"))
    problem = refusal_problem(status, current_app.config["KAGAZ"])
    body = render_template(
        "web/refused.html",
        lang=lang,
        heading=text("refused_title", lang),
        message=translate(problem.code, lang, problem.params),
        back=text("refused_back", lang),
        choices=page.Choices(lang),
        t=lambda key, **params: text(key, lang, **params),
    )
    return page.secure_headers(Response(body, status=status, mimetype="text/html"))


def guard(bp: Blueprint, too_large: Handler | None = None) -> None:
    """Answer the front's refusals on ``bp``'s pages with pages."""
    for kind in (MalformedRequest, RequestURITooLarge, RequestHeaderFieldsTooLarge):
        bp.register_error_handler(kind, refused_page)
    bp.register_error_handler(RequestEntityTooLarge, too_large or refused_page)
