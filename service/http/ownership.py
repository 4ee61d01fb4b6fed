"""Who may read a batch, for the API and the staff pages alike: its own key, or an admin's.

A batch records the id of the key that submitted it (``JobState.owner``); ``readable`` answers a batch
another key asks for exactly as an unknown id (404), so that ids cannot be probed for whose they are.
"""

from __future__ import annotations

from flask import Response, current_app, send_file

from service.auth import current_principal, may_read
from service.errors import NotFound, NotReady
from service.http.batches import input_error
from service.http.files import content_disposition
from service.jobs.app import for_app
from service.jobs.state import JobState


def readable(job_id: str) -> JobState:
    """The job's state if the current principal may read it; else ``NotFound``, as for an unknown id."""
    state = for_app().state(job_id)
    if not may_read(current_principal(), state.owner, current_app.config["KAGAZ"].auth_required):
        raise NotFound(f"no batch {job_id!r}")
    return state


def result_file(job_id: str) -> Response:
    """The job's ZIP once it is done (409 before), for a caller whose right to read it was checked."""
    jobs = for_app()
    path = jobs.result_path(job_id)
    if path is None:
        raise input_error("batch", "batch_not_ready", "the batch is not done yet", NotReady, id=job_id)
    state = jobs.state(job_id)
    response = send_file(path, mimetype="application/zip", max_age=0, conditional=True, etag=True)
    response.headers["Content-Disposition"] = content_disposition(f"kagaz-batch-{state.year}-{job_id[:8]}.zip")
    return response
