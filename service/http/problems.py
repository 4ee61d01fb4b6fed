"""The JSON problem answer, shared by the API's error handlers and the key checks in ``service.auth``.

It lives here rather than in ``api/`` so that ``auth`` (which guards API views and staff pages alike) does
not reach into the API's route package: imports go one way, from the edges to what they share.
"""

from __future__ import annotations

from flask import Response, current_app, g, jsonify, request

from service.catalogue import choose_language
from service.errors import Problem


def language() -> str:
    """The API's language: ``?lang=``, else the Accept-Language header, else Kyrgyz."""
    return choose_language(request.args.get("lang"), request.headers.get("Accept-Language"))


def problem_payload(
    status: int, title: str, problems: list[Problem], lang: str, request_id: str | None
) -> dict[str, object]:
    """The JSON problem every API error answers with (``service.api.admission`` sends it from the front too)."""
    return {
        "status": status,
        "title": title,
        "errors": [problem.as_dict(lang) for problem in problems],
        "request_id": request_id,
    }


def problem_response(status: int, title: str, problems: list[Problem]) -> Response:
    """A problem list as JSON with its status, in the caller's language, with the request id to quote; outside
    the API, the error page the staff pages registered (``app.extensions["kagaz.error_page"]``), if any."""
    render_page = current_app.extensions.get("kagaz.error_page")
    page = render_page(status, problems) if render_page is not None else None
    if page is not None:
        return page
    response = jsonify(problem_payload(status, title, problems, language(), g.get("request_id")))
    response.status_code = status
    return response
