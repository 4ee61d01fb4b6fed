"""The reporting cycle's staff pages at ``/reports/``: a year's status, each report's versions, and the
submission of a filled workbook, signed in with the organization's key.

::

    /reports/<year>                 the status table grouped by controlling court (ky/ru/en, no JavaScript)
    /reports/<year>/status.csv|xlsx the same table to download
    /reports/<year>/<org>           a report's versions;  /reports/<year>/<org>.pdf?version=N  its PDF
    /reports/<year>/summary.pdf     the generalized report, or an oblast key's own summary (?organization=)
    /reports/<year>/submit          upload a filled workbook or CSV: validated as rendering does, stored
    /reports/login, /reports/logout sign in with a key, as the editors' page does

The pages read and submit through the same ``ReportingCycle`` and the same access rules as the API
(``service.reporting.access``): a key bound to an oblast court sees its group, a court's key its own row.
Files are served here, behind the session, because the API's may need a key a browser link cannot send.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, abort, redirect, render_template, request, send_file, session, url_for
from werkzeug.exceptions import RequestEntityTooLarge

from service import spreadsheets
from service.auth import Principal, keys
from service.catalogue import text, translate
from service.errors import InputError, KagazError, NotFound, Problem, http_status
from service.http.resources import engine, reporting
from service.reporting import access, exports, schedule, tree
from service.reporting.cycle import GENERALIZED, REPORT
from service.web import page
from service.web.signin import EDITOR_SESSION_KEY, staff_principal
from service.web.signin import SESSION_KEY as STAFF_SESSION

bp = Blueprint("reports_page", __name__, url_prefix="/reports", template_folder="templates")
bp.after_request(page.secure_headers)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def signed_in() -> Principal | None:
    """The key this session signed in with, if it is still live (revoking it ends the session). One staff
    session for every page: signed in here, at ``/signin`` or on the editors' page is the same."""
    return staff_principal()


def caller() -> access.Caller:
    principal = signed_in()
    return access.Caller(principal.role, principal.organization) if principal else access.Caller(None)


def reader(view: Callable[..., Any]) -> Callable[..., Any]:
    """Open like the API's reads: a key is needed only with ``KAGAZ_AUTH_REQUIRED``."""

    @functools.wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        if engine().settings.auth_required and signed_in() is None:
            return redirect(url_for("reports_page.login_form", next=request.path))
        return view(*args, **kwargs)

    return guarded


def show(template: str, status: int = 200, **values: Any) -> Response:
    lang = page.language(request.args.get("lang"))
    body = render_template(
        f"web/reports/{template}",
        lang=lang,
        choices={"language": lang},
        csrf_token=page.csrf_token(),
        reporter=signed_in(),
        here=request.path,
        t=lambda key, **params: text(key, lang, **params),
        **values,
    )
    return Response(body, status=status, mimetype="text/html")


def current_year() -> int:
    """The year whose reports are being gathered now: the last year, clamped to the plan's years."""
    year = reporting().clock().astimezone(schedule.BISHKEK).year - 1
    return min(max(year, schedule.FIRST_YEAR), schedule.LAST_YEAR)


@bp.app_context_processor
def _navigation() -> dict[str, Any]:
    """What every staff page's navigation links to: the status and the submission of the year being gathered
    now (``reports_year()``, read only when a page draws its navigation)."""
    return {"reports_year": current_year}


def valid_year(year: int) -> None:
    if not schedule.FIRST_YEAR <= year <= schedule.LAST_YEAR:
        abort(404)


# -------------------------------------------------------------------------------------- sign-in


@bp.get("/")
def index() -> Response:
    return redirect(url_for("reports_page.status", year=current_year()))


@bp.get("/login")
def login_form() -> Response:
    return show("login.html")


@bp.post("/login")
def login() -> Response:
    lang = page.language()
    if not page.csrf_valid(request.form.get("csrf_token")):
        return show("login.html", 400, problem=translate("reports_page_csrf", lang))
    principal = keys().verify(request.form.get("key", "").strip())
    if principal is None:
        return show("login.html", 401, problem=translate("reports_page_key_wrong", lang))
    language = session.get("lang")
    session.clear()
    if language:
        session["lang"] = language
    session[STAFF_SESSION] = {"id": principal.key_id}
    target = request.args.get("next", "")
    return redirect(target if target.startswith("/reports/") else url_for("reports_page.index"))


@bp.post("/logout")
def logout() -> Response:
    if page.csrf_valid(request.form.get("csrf_token")):
        session.pop(STAFF_SESSION, None)
        session.pop(EDITOR_SESSION_KEY, None)
    return redirect(url_for("reports_page.index"))


# --------------------------------------------------------------------------------------- status


@bp.get("/<int:year>")
@reader
def status(year: int) -> Response:
    valid_year(year)
    cycle = reporting()
    scope = access.readable(caller(), cycle.parents)
    found = cycle.status(year).restricted(scope)
    lang = page.language(request.args.get("lang"))
    groups = found.groups()
    comparison = year_over_year(year, scope) if scope is None else None
    return show(
        "status.html",
        year=year,
        table=found,
        groups=groups,
        due=exports.due_day(found.due, lang),
        generalized_due=exports.due_day(found.generalized_due, lang),
        as_of=exports.moment(found.as_of, lang),
        moment=lambda value: exports.moment(value, lang),
        comparison=comparison,
        all_visible=scope is None,
        regions=summaries_for(scope),
        submittable=access.submittable(caller(), cycle.parents),
    )


def summaries_for(scope: set[str] | None) -> list[Any]:
    """The oblast or city courts whose summary this key may open (all of them when it reads everything)."""
    cycle = reporting()
    below = tree.children(cycle.parents)
    return [
        item
        for key, item in cycle.organizations.items()
        if below[key] and all(access.allowed(scope, member) for member in tree.group(cycle.parents, key))
    ]


def year_over_year(year: int, scope: set[str] | None) -> dict[str, Any] | None:
    """Per measure, last year's and this year's counts, when the register holds both years."""
    cycle = reporting()
    if year - 1 < schedule.FIRST_YEAR:
        return None
    try:
        now, before = cycle.current_reports(year), cycle.current_reports(year - 1)
    except KagazError:
        return None
    if not now or not before:
        return None
    from service.documents import generalized, summaries

    plan, organizations = cycle.engine.reference.plan, cycle.organizations
    rows = summaries.compare(
        generalized.aggregate(list(now.values()), plan, dict(organizations)),
        generalized.aggregate(list(before.values()), plan, dict(organizations)),
    )
    return {"previous_year": year - 1, "rows": rows}


@bp.get("/<int:year>/status.<any(csv, xlsx):kind>")
@reader
def download(year: int, kind: str) -> Response:
    valid_year(year)
    cycle = reporting()
    found = cycle.status(year).restricted(access.readable(caller(), cycle.parents))
    lang = page.language(request.args.get("lang"))
    content = exports.to_csv(found, lang) if kind == "csv" else exports.to_xlsx(found, lang)
    mimetype = "text/csv" if kind == "csv" else XLSX
    name = f"{translate('reports_page_title', lang)} {year}.{kind}"
    return send_file(io.BytesIO(content), mimetype=mimetype, as_attachment=True, download_name=name)


# -------------------------------------------------------------------------------------- reports


def readable_or_404(organization: str) -> None:
    """A report the key may not read is not shown, and not said to exist."""
    cycle = reporting()
    if organization not in cycle.organizations:
        abort(404)
    if not access.allowed(access.readable(caller(), cycle.parents), organization):
        abort(403)


@bp.get("/<int:year>/<organization>")
@reader
def history(year: int, organization: str) -> Response:
    valid_year(year)
    readable_or_404(organization)
    cycle = reporting()
    versions = cycle.history(year, organization)
    lang = page.language(request.args.get("lang"))
    return show(
        "history.html",
        year=year,
        organization=cycle.organizations[organization],
        versions=list(reversed(versions)),
        moment=lambda value: exports.moment(value, lang),
        day=lambda value: exports.day(value.astimezone(schedule.BISHKEK).date(), lang),
    )


@bp.get("/<int:year>/<organization>.pdf")
@reader
def report_pdf(year: int, organization: str) -> Response:
    valid_year(year)
    readable_or_404(organization)
    cycle = reporting()
    number = request.args.get("version", type=int)
    try:
        _submission, data = cycle.version(year, organization, number)
    except NotFound:
        abort(404)
    rendered = engine().render(REPORT, cycle.model(data))
    return pdf_answer(engine().convert(rendered.content), f"{rendered.stem}.pdf")


@bp.get("/<int:year>/summary.pdf")
@reader
def summary_pdf(year: int) -> Response:
    """The generalized report (a key that reads everything), or ``?organization=``'s regional summary."""
    valid_year(year)
    cycle = reporting()
    region = request.args.get("organization") or None
    scope = access.readable(caller(), cycle.parents)
    members = tree.group(cycle.parents, region) if region in cycle.organizations else list(cycle.organizations)
    if region is not None and region not in cycle.organizations:
        abort(404)
    if not all(access.allowed(scope, member) for member in members):
        abort(403)
    rendered = engine().render(GENERALIZED, engine().load(GENERALIZED, cycle.summary_input(year, region)))
    name = f"{cycle.organizations[region].name} {year}.pdf" if region else f"{rendered.stem}.pdf"
    return pdf_answer(engine().convert(rendered.content), name)


def pdf_answer(content: bytes, name: str) -> Response:
    return send_file(io.BytesIO(content), mimetype="application/pdf", as_attachment=False, download_name=name)


# ------------------------------------------------------------------------------------ submitting


@bp.route("/<int:year>/submit", methods=["GET", "POST"])
def submit(year: int) -> Response:
    """Upload a filled workbook or CSV for one's own organization (or, for an oblast key, one it controls)."""
    valid_year(year)
    principal = signed_in()
    if principal is None:
        return redirect(url_for("reports_page.login_form", next=request.path))
    cycle = reporting()
    scope = access.submittable(access.Caller(principal.role, principal.organization), cycle.parents)
    choices = [item for key, item in cycle.organizations.items() if access.allowed(scope, key)]
    if request.method == "GET":
        return show("submit.html", year=year, organizations=choices, chosen=principal.organization)
    lang = page.language()
    try:
        form, files = request.form, request.files
    except RequestEntityTooLarge:
        problem = Problem("file", "upload_too_large", "too large", {"limit_mb": request.max_content_length})
        return submit_problems(year, choices, None, [problem], 413)
    organization = form.get("organization", "")
    if not page.csrf_valid(form.get("csrf_token")):
        return submit_problems(year, choices, organization, [Problem("form", "reports_page_csrf", "expired")], 400)
    if not access.allowed(scope, organization) or organization not in cycle.organizations:
        name = cycle.organizations[organization].name if organization in cycle.organizations else organization
        problem = Problem("form", "reports_cannot_submit", "not yours", {"organization": name})
        return submit_problems(year, choices, organization, [problem], 403)
    upload = files.get("file")
    if upload is None or not upload.filename:
        return submit_problems(year, choices, organization, [Problem("file", "reports_page_no_file", "no file")], 400)
    try:
        imported = spreadsheets.read(REPORT, upload.read(), upload.filename, engine().reference)
        with imported.located() as data:
            result = cycle.submit(
                year, organization, data, key_id=principal.key_id, key_name=principal.name,
                note=form.get("note", "")[:1000],
            )  # fmt: skip
    except InputError as error:
        return submit_problems(year, choices, organization, error.problems, http_status(error))
    message = "reports_page_stored" if result.created else "reports_page_unchanged"
    return show(
        "submitted.html",
        year=year,
        organization=cycle.organizations[organization],
        submission=result.submission,
        message=translate(message, lang, {"number": result.submission.version}),
        when=exports.moment(result.submission.received_at, lang),
        state=translate("reports_state_submitted_late" if result.submission.late else "reports_state_submitted", lang),
    )


def submit_problems(
    year: int, choices: list[Any], chosen: str | None, problems: list[Problem], status: int
) -> Response:
    lang = page.language()
    shown = [page.shown(problem, lang) for problem in problems]
    return show("submit.html", status, year=year, organizations=choices, chosen=chosen, problems=shown)
