"""Batches as jobs over HTTP: submit, watch, download.

- ``POST /api/v1/batches?year=2025&format=pdf,docx`` with a JSON list of reports (or ``{"reports": [...],
  "year": ..., "formats": [...]}``), an uploaded ZIP of report files, or one workbook (multipart field
  ``file``, or the raw body with ``Content-Type: application/zip``) → ``202`` with the job and a
  ``Location``. ``{"year": 2025, "from_register": true}`` takes the current version of each report of the
  year in the reporting register instead (an admin key: all; a key bound to an organization: its group;
  others 403); the versions used are the job's ``register``.
- ``GET /api/v1/batches/<id>`` → state (queued, running, done, failed), done/total, each error with its
  source and place; ``result`` when done.
- ``GET /api/v1/batches/<id>/result.zip`` → the outputs, ``manifest.json`` and ``manifest.csv``.
- ``GET /api/v1/batches`` → the caller's batches, newest first (an admin key: everyone's).

The body may be as large as ``KAGAZ_BATCH_MAX_BYTES`` here, not the smaller limit of one document.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, request, url_for

from service import jobs as job_queue
from service.auth import current_principal, may_read, require_role
from service.http.batches import parse_formats, parse_year, read_sources, register_sources
from service.http.ownership import readable, result_file
from service.http.problems import language
from service.jobs.app import for_app
from service.jobs.state import JobState

bp = Blueprint("batches", __name__, url_prefix="/api/v1/batches")


def status_url(job_id: str) -> str:
    return url_for("batches.status", job_id=job_id)


def _answer(state: JobState, status: int = 200) -> Response:
    result = url_for("batches.result", job_id=state.id) if state.state == job_queue.DONE else None
    response = jsonify(state.public(language(), result))
    response.status_code = status
    return response


@bp.post("")
@require_role("client")
def submit() -> Response:
    request.max_content_length = current_app.config["KAGAZ"].batch_max_bytes
    asked = read_sources()
    principal = current_principal()
    year, formats = parse_year(asked.year, asked.sources), parse_formats(asked.formats)
    sources, used = register_sources(year, principal) if asked.from_register else (asked.sources, None)
    state = for_app().submit(sources, year, formats, by=principal.name, owner=principal.key_id, register=used)
    response = _answer(state, 202)
    response.headers["Location"] = status_url(state.id)
    return response


@bp.get("")
@require_role("client")
def index() -> Response:
    """The batches the caller may read (its key's; an admin's: all), newest first."""
    lang = language()
    return jsonify({"batches": [state.public(lang, None) for state in for_app().list(readable_by_caller)]})


def readable_by_caller(state: JobState) -> bool:
    return may_read(current_principal(), state.owner, current_app.config["KAGAZ"].auth_required)


@bp.get("/<job_id>")
@require_role("client")
def status(job_id: str) -> Response:
    """The job's state, for its own key or an admin's (``http.ownership``)."""
    return _answer(readable(job_id))


@bp.get("/<job_id>/result.zip")
@require_role("client")
def result(job_id: str) -> Response:
    readable(job_id)
    return result_file(job_id)
