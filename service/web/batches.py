"""The batch section of the staff pages: upload a year's reports, watch the job, download the ZIP.

``/batches`` has the form (a ZIP of reports, a workbook or a JSON file — or the year's reports from the
reporting register, its second button; year; formats) and posts to itself;
the answer is a redirect to ``/batches/<id>``, the job's page. That page shows the state, done/total and each
problem with its source and place. It stays live two ways: ``batches.js`` polls ``GET /api/v1/batches/<id>``
and updates the page in place (no inline script: the CSP allows only ``'self'``); without JavaScript, a
``<meta http-equiv="refresh">`` inside ``<noscript>`` reloads it until the job is finished.

Submissions go through the API's reading (``http.batches.read_sources``) and ``jobs.submit``, so a batch
from the page and from another system are the same job. The page lists earlier batches the person may read
(``auth.may_read``: their key's; an administrator's: all).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, redirect, render_template, request, url_for
from werkzeug.exceptions import RequestEntityTooLarge

from service import jobs as job_queue
from service.auth import AuthError, current_principal, may_read
from service.catalogue import text
from service.documents.common import FIRST_YEAR, LAST_YEAR
from service.errors import InputError, Problem, StorageError, http_status
from service.http.batches import parse_formats, parse_year, read_sources, register_sources
from service.http.ownership import readable, result_file
from service.http.resources import reporting
from service.jobs.app import for_app
from service.jobs.state import JobState
from service.web import page, refusals
from service.web.signin import staff_page

bp = Blueprint("batches_page", __name__, template_folder="templates", url_prefix="/batches")
# The staff pages' policy, plus fetch() to this origin: the job page polls the JSON API.
CONTENT_SECURITY_POLICY = f"{page.CONTENT_SECURITY_POLICY}; connect-src 'self'"


@bp.after_request
def _headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    return page.secure_headers(response)


def _too_large(_error: Exception) -> Response:
    """An upload over KAGAZ_BATCH_MAX_BYTES, refused before it was read: the form again, with the problem."""
    limit = for_app().settings.batch_max_bytes
    lang = page.language(request.args.get("lang"))
    return _form(lang, [Problem("file", "too_large", "too large", {"limit": limit})], 413)


refusals.guard(bp, _too_large)

REFRESH_SECONDS = 3


@bp.get("")
@staff_page
def index() -> Response:
    return _form(page.language(request.args.get("lang")))


@bp.post("")
@staff_page
def submit() -> Response:
    lang = page.language(request.args.get("lang"))
    request.max_content_length = for_app().settings.batch_max_bytes
    try:
        if not page.csrf_valid(request.form.get("csrf_token")):
            return _form(lang, [Problem("form", "form_csrf", "the form's token is missing or wrong")], 400)
        asked = read_sources()
        principal = current_principal()
        by = principal.name if principal.key_id is not None else "web"
        year, formats = parse_year(asked.year, asked.sources), parse_formats(asked.formats)
        sources, used = register_sources(year, principal) if asked.from_register else (asked.sources, None)
        state = for_app().submit(sources, year, formats, by=by, owner=principal.key_id, register=used)
    except RequestEntityTooLarge as error:
        return _too_large(error)
    except (InputError, AuthError) as error:
        return _form(lang, page.problems_of(error), http_status(error))
    except StorageError as error:  # a full or locked jobs store: the form again, saying so; nothing was kept
        response = _form(lang, page.problems_of(error), http_status(error))
        if error.retry_after:
            response.headers["Retry-After"] = str(error.retry_after)
        return response
    return redirect(url_for("batches_page.show", job_id=state.id, lang=lang), 303)  # type: ignore[return-value]


def _shown(state: JobState, lang: str) -> dict[str, Any]:
    done = state.state == job_queue.DONE
    result = url_for("batches_page.result", job_id=state.id) if done else None
    return state.public(lang, result)


@bp.get("/<job_id>")
@staff_page
def show(job_id: str) -> Response:
    lang = page.language(request.args.get("lang"))
    state = readable(job_id)  # NotFound → 404, for an unknown id and for another key's batch alike
    body = render_template(
        "web/batches.html",
        job=(shown := _shown(state, lang)),
        register=_register_rows(state),
        has_errors=bool(shown["errors"]),
        finished=state.state in (job_queue.DONE, job_queue.FAILED),
        refresh=REFRESH_SECONDS,
        api_url=url_for("batches_page.status", job_id=job_id, lang=lang),
        choices=_Choices(lang),
        t=lambda key, **params: text(key, lang, **params),
    )
    return Response(body, mimetype="text/html")


@bp.get("/<job_id>/state.json")
@staff_page
def status(job_id: str) -> Response:
    """What ``batches.js`` polls: the API's answer, for this page's session (the API itself wants a key)."""
    return jsonify(_shown(readable(job_id), page.language(request.args.get("lang"))))


@bp.get("/<job_id>/result.zip")
@staff_page
def result(job_id: str) -> Response:
    readable(job_id)
    return result_file(job_id)


def _register_rows(state: JobState) -> list[tuple[str, int]]:
    """A batch from the register: each report it read, by the organization's name, with its version."""
    organizations = reporting().organizations
    return [
        (getattr(organizations.get(item["organization"]), "name", item["organization"]), item["version"])
        for item in state.register or ()
    ]


class _Choices:
    """What ``base.html`` reads from the page (the language)."""

    def __init__(self, language: str) -> None:
        self.language = language


def _form(lang: str, problems: list[Problem] | tuple[()] = (), status: int = 200) -> Response:
    principal = current_principal()
    everyone = principal.can("admin")
    auth_required = current_app.config["KAGAZ"].auth_required

    def readable_here(state: JobState) -> bool:
        return may_read(principal, state.owner, auth_required)

    try:
        history: list[dict[str, Any]] | None = [state.public(lang, None) for state in for_app().list(readable_here)]
    except StorageError:  # the store cannot be read now: the form still shows; a submission says why
        history = None
    body = render_template(
        "web/batches.html",
        job=None,
        history=history,
        everyone=everyone,
        problems=[page.shown(problem, lang) for problem in problems],
        csrf_token=page.csrf_token(),
        year=request.form.get("year") or dt.date.today().year - 1,  # reports are due in January of the next year
        year_bounds=(FIRST_YEAR, LAST_YEAR),
        choices=page.Choices(lang),
        t=lambda key, **params: text(key, lang, **params),
    )
    return Response(body, status=status, mimetype="text/html")
