"""The staff form's «submit» choice: a filled progress-report workbook or CSV stored in the year's register
instead of made into a document.

Why in the form and not a page of its own: a clerk fills one workbook and, at the end of the year, the same
workbook is the court's report; one form with a choice keeps one upload, one set of checks and one way of
showing a problem. Submitting is an official act of the court, so it needs a signed-in key bound to (or
controlling, or admin over) the report's organization, whatever ``KAGAZ_AUTH_REQUIRED`` says; the rules are
``service.reporting.access``'s, as for ``PUT /api/v1/reports/…``, and the data goes through the same
``ReportingCycle.submit`` (validated exactly as rendering does, so a cell's problem is named by sheet, row and
column). The answer is a confirmation page (version, time in Asia/Bishkek, late or not, sha256, links).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from flask import Response, render_template, request, url_for
from werkzeug.datastructures import FileStorage

from service import spreadsheets
from service.auth import Principal
from service.catalogue import text, translate
from service.errors import InputError, Problem
from service.http.resources import engine, reporting
from service.reporting import access, exports, schedule
from service.reporting.cycle import NOTE_LIMIT, REPORT, Submitted
from service.web import page
from service.web.signin import signin_url

MAKE, SUBMIT = "make", "submit"


@dataclass(frozen=True)
class Submission:
    """What the clerk chose for a submission; kept when the page is shown again."""

    year: int
    organization: str = ""
    note: str = ""


def years() -> list[int]:
    return list(schedule.YEARS)


def asked_year(value: Any) -> int | None:
    """A year from the form or the address, if it is one of the plan's; None otherwise."""
    try:
        year = int(value)
    except (TypeError, ValueError):
        return None
    return year if schedule.is_reporting_year(year) else None


def organizations_for(principal: Principal | None) -> list[Any]:
    """The organizations this key may submit for (none without a key)."""
    if principal is None or principal.key_id is None:
        return []
    cycle = reporting()
    scope = access.submittable(access.Caller(principal.role, principal.organization), cycle.parents)
    return [item for key, item in cycle.organizations.items() if access.allowed(scope, key)]


def sign_in_link(document: str, chosen: Submission, lang: str) -> str:
    """The sign-in page, coming back to the form with the submit choice, year and organization kept."""
    values = {"submit": chosen.year, "document": document, "lang": lang}
    if chosen.organization:
        values["organization"] = chosen.organization
    return signin_url(url_for("form.index", **values))


def refusals(document: str, chosen: Submission | None, principal: Principal | None) -> tuple[list[Problem], int]:
    """What stops a submission before the file is read, and the status to answer with (200: nothing)."""
    if document != REPORT:
        return [Problem("form", "form_submit_only_report", "only a progress report can be submitted")], 400
    if chosen is None:
        first, last = schedule.FIRST_YEAR, schedule.LAST_YEAR
        return [Problem("form", "form_submit_year", "no such reporting year", {"first": first, "last": last})], 400
    if principal is None or principal.key_id is None:
        return [Problem("form", "form_submit_signin", "sign in with the organization's key to submit")], 401
    cycle = reporting()
    scope = access.submittable(access.Caller(principal.role, principal.organization), cycle.parents)
    if chosen.organization not in cycle.organizations or not access.allowed(scope, chosen.organization):
        item = cycle.organizations.get(chosen.organization)
        name = item.name if item is not None else chosen.organization or "—"
        return [Problem("form", "reports_cannot_submit", "this key may not submit it", {"organization": name})], 403
    return [], 200


def store(
    chosen: Submission,
    upload: FileStorage,
    principal: Principal,
    images: dict[str, bytes] | None = None,
    problems: list[Problem] | None = None,
) -> Submitted:
    """Read the workbook or CSV and submit it, with the signature and seal images chosen (kept in the stored
    report as base64, as the API takes them); an ``InputError`` names each cell, as rendering does, together
    with ``problems`` (the images refused), and then nothing is stored."""
    try:
        imported = spreadsheets.read(REPORT, upload.read(), upload.filename or "", engine().reference)
        for field, content in (images or {}).items():
            imported.data.setdefault("signature", {})[field] = base64.b64encode(content).decode("ascii")
        with imported.located() as data:
            if problems:
                engine().load(REPORT, data)  # the images failed: still name every problem of the sheet
                raise InputError(problems)
            return reporting().submit(
                chosen.year,
                chosen.organization,
                data,
                key_id=principal.key_id,
                key_name=principal.name,
                note=chosen.note[:NOTE_LIMIT],
            )
    except InputError as error:
        if problems and error.problems != problems:
            raise type(error)(problems + error.problems) from None
        raise


def confirmation(result: Submitted, chosen: Submission, lang: str) -> Response:
    """The page that says what was stored: version, time (Asia/Bishkek), late or not, sha256, and links."""
    submission = result.submission
    message = "reports_page_stored" if result.created else "reports_page_unchanged"
    state = "reports_state_submitted_late" if submission.late else "reports_state_submitted"
    body = render_template(
        "web/submitted.html",
        year=chosen.year,
        organization=reporting().organizations[chosen.organization],
        submission=submission,
        message=translate(message, lang, {"number": submission.version}),
        when=exports.moment(submission.received_at, lang),
        state=translate(state, lang),
        csrf_token=page.csrf_token(),
        choices=page.Choices(lang),
        t=lambda key, **params: text(key, lang, **params),
    )
    return Response(body, status=201 if result.created else 200, mimetype="text/html")


def from_form(form: Any) -> Submission | None:
    year = asked_year(form.get("year"))
    if year is None:
        return None
    return Submission(year, form.get("organization", ""), form.get("note", "")[:NOTE_LIMIT])


def from_address(principal: Principal | None) -> Submission | None:
    """``/?submit=2025`` (the old ``/reports/2025/submit``): the submit choice with the year chosen."""
    if "submit" not in request.args:
        return None
    year = asked_year(request.args.get("submit")) or reporting().gathering_year()
    organization = request.args.get("organization") or (principal.organization if principal else None) or ""
    return Submission(year, organization)
