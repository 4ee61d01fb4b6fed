"""``/api/v1/reports``: the register of the reporting cycle — submit a report, read it back, a year's status,
and the generalized report or a region's summary made from what came in.

::

    PUT  /api/v1/reports/{year}/{organization}            submit (JSON report; ``?note=``): 201 new version,
                                                          200 the same data as the current version
    GET  /api/v1/reports/{year}/{organization}            current version and history; ``?format=pdf|docx``
                                                          issues the version once (later: the same number)
    GET  /api/v1/reports/{year}/{organization}/versions/{n}   one version; ``?format=pdf|docx``
    GET  /api/v1/reports/{year}                           the year's status (what the key may see)
    GET  /api/v1/reports/{year}/generalized?format=       the generalized report from the register
    GET  /api/v1/reports/{year}/summary/{organization}?format=   an oblast or city court's summary

Who may do what is ``service.reporting.access``: submitting always needs a key (bound to the organization's
group, or an admin's), whatever ``KAGAZ_AUTH_REQUIRED`` says; reading follows it, and a bound key sees only
its group. A refusal is a 403 that names the organization, never another organization's data.

Files: a report's version is issued the first time it is asked for in a format and the same document (its
number, reissued from the register) every later time; a summary is issued each time it is made, recording
the versions it was made from; ``?draft=true`` gives an unnumbered draft (``service.http.report_documents``).
"""

from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, Response, g, jsonify, request, url_for

from service.api.documents import flag, requested_format
from service.auth import Forbidden, Principal, authenticate
from service.errors import InputError, Problem
from service.http.bodies import json_body, require_json
from service.http.files import issued_response
from service.http.report_documents import report_document, summary_document
from service.http.resources import reporting
from service.reporting import access, tree
from service.reporting.cycle import NOTE_LIMIT
from service.reporting.status import status_json, submission_json

bp = Blueprint("reports", __name__, url_prefix="/api/v1/reports")


# ------------------------------------------------------------------------------------------- access


def principal() -> Principal:
    """The request's key (a wrong key is refused even where reading is open)."""
    found: Principal = g.get("principal") or authenticate(None)
    return found


def caller() -> access.Caller:
    """The request's key as the access rules see it."""
    found = principal()
    return access.Caller(found.role, found.organization)


def not_allowed(organization: str, code: str) -> Forbidden:
    name = reporting().organization(organization).name
    return Forbidden(Problem("organization", code, f"this key may not do that for {organization}",
                             {"organization": name}))  # fmt: skip


def check_read(organization: str) -> None:
    reporting().organization(organization)  # 404 for an unknown one, before any 403
    if not access.allowed(access.readable(caller(), reporting().parents), organization):
        raise not_allowed(organization, "reports_not_yours")


def check_read_all(organizations: list[str]) -> None:
    scope = access.readable(caller(), reporting().parents)
    outside = [key for key in organizations if not access.allowed(scope, key)]
    if outside:
        raise not_allowed(outside[0], "reports_not_yours")


# -------------------------------------------------------------------------------------- serializing


def wanted_format() -> str | None:
    """``?format=pdf|docx`` asks for the document; without it the answer is JSON."""
    return requested_format() if "format" in request.args else None


# ------------------------------------------------------------------------------------------- routes


@bp.put("/<int:year>/<organization>")
def submit(year: int, organization: str) -> Response:
    principal = authenticate("client")  # submitting always needs a key
    g.principal = principal
    cycle = reporting()
    cycle.organization(organization)
    scope = access.submittable(access.Caller(principal.role, principal.organization), cycle.parents)
    if not access.allowed(scope, organization):
        raise not_allowed(organization, "reports_cannot_submit")
    require_json()
    data = json_body()
    if not isinstance(data, dict):
        raise InputError(Problem("body", "not_json_object", "the body must be a JSON object"))
    note = request.args.get("note", "")[:NOTE_LIMIT]
    result = cycle.submit(year, organization, data, key_id=principal.key_id, key_name=principal.name, note=note)
    location = url_for(".version", year=year, organization=organization, number=result.submission.version)
    response = jsonify(
        {"year": year, "organization": organization, "created": result.created}
        | submission_json(result.submission)
        | {"url": location}
    )
    response.status_code = 201 if result.created else 200
    if result.created:
        response.headers["Location"] = location
    return response


@bp.get("/<int:year>/<organization>")
def report(year: int, organization: str) -> Response:
    check_read(organization)
    cycle = reporting()
    fmt = wanted_format()
    if fmt is not None:
        return issued_response(report_document(year, organization, None, fmt, flag("draft"), principal()))
    submission, data = cycle.version(year, organization)
    history = cycle.history(year, organization)
    return jsonify(
        {
            "year": year,
            "organization": organization,
            "current": submission_json(submission) | {"data": data},
            "history": [submission_json(item) for item in history],
        }
    )


@bp.get("/<int:year>/<organization>/versions/<int:number>")
def version(year: int, organization: str, number: int) -> Response:
    check_read(organization)
    fmt = wanted_format()
    if fmt is not None:
        return issued_response(report_document(year, organization, number, fmt, flag("draft"), principal()))
    submission, data = reporting().version(year, organization, number)
    return jsonify({"year": year, "organization": organization} | submission_json(submission) | {"data": data})


@bp.get("/<int:year>")
def status(year: int) -> Response:
    cycle = reporting()
    scope = access.readable(caller(), cycle.parents)
    return jsonify(status_json(cycle.status(year).restricted(scope)))


@bp.get("/<int:year>/generalized")
def generalized(year: int) -> Response:
    cycle = reporting()
    check_read_all(list(cycle.organizations))
    fmt = requested_format()
    return issued_response(summary_document(year, None, fmt, flag("draft"), principal()))


@bp.get("/<int:year>/summary/<organization>")
def summary(year: int, organization: str) -> Response:
    cycle = reporting()
    region = cycle.organization(organization)
    check_read_all(tree.group(cycle.parents, organization))
    issued = summary_document(year, organization, requested_format(), flag("draft"), principal())
    named = replace(issued, rendered=replace(issued.rendered, stem=f"{region.name} {year}"))
    return issued_response(named)
