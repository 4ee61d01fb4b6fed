"""The reporting cycle's staff pages at ``/reports/``: a year's status, each report's versions, and the
submission of a filled workbook, signed in with the organization's key.

::

    /reports/<year>                 the status table grouped by controlling court (ky/ru/en, no JavaScript)
    /reports/<year>/status.csv|xlsx the same table to download
    /reports/<year>/<org>           a report's versions;  /reports/<year>/<org>.pdf?version=N  its PDF
    /reports/<year>/summary.pdf     the generalized report, or an oblast key's own summary (?organization=)
    /reports/<year>/submit          the old submission address: redirects to the form at ``/`` (its «submit»)
    /reports/login                  the old sign-in address: redirects to the one sign-in, ``/signin``

The pages read and submit through the same ``ReportingCycle`` and the same access rules as the API
(``service.reporting.access``): a key bound to an oblast court sees its group, a court's key its own row.
Files are served here, behind the session, because the API's may need a key a browser link cannot send.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from flask import Blueprint, Response, abort, redirect, render_template, request, send_file, url_for

from service.auth import Principal
from service.catalogue import text, translate
from service.errors import KagazError, NotFound
from service.http.files import issued_response
from service.http.report_documents import report_document, summary_document
from service.http.resources import engine, reporting
from service.issuance.issuing import Issued
from service.reporting import access, exports, schedule, tree
from service.web import page
from service.web.signin import safe_next, signin_url, staff_principal

bp = Blueprint("reports_page", __name__, url_prefix="/reports", template_folder="templates")
bp.after_request(page.secure_headers)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def signed_in() -> Principal | None:
    """The key this session signed in with, if it is still live (revoking it ends the session). One staff
    session for every page, signed in at ``/signin``."""
    return staff_principal()


def caller() -> access.Caller:
    principal = signed_in()
    return access.Caller(principal.role, principal.organization) if principal else access.Caller(None)


def reader(view: Callable[..., Any]) -> Callable[..., Any]:
    """Open like the API's reads: a key is needed only with ``KAGAZ_AUTH_REQUIRED``."""

    @functools.wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        if engine().settings.auth_required and signed_in() is None:
            return redirect(signin_url(request.path), 303)
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
    """The year whose reports are being gathered now (``ReportingCycle.gathering_year``)."""
    return reporting().gathering_year()


@bp.app_context_processor
def _navigation() -> dict[str, Any]:
    """What every staff page's navigation links to: the status and the submission of the year being gathered
    now (``reports_year()``, read only when a page draws its navigation)."""
    return {"reports_year": current_year}


def valid_year(year: int) -> None:
    """A page of a year the plan asks no report for does not exist."""
    if not schedule.is_reporting_year(year):
        abort(404)


# -------------------------------------------------------------------------------------- sign-in


@bp.get("/")
def index() -> Response:
    return redirect(url_for("reports_page.status", year=current_year()))


@bp.get("/login")
def login_form() -> Response:
    """The old sign-in address: the one sign-in page now, keeping where to go back to."""
    back = safe_next(request.args.get("next") or url_for("reports_page.index"))
    return redirect(url_for("signin.form", next=back), 301)  # type: ignore[return-value]


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
    if not schedule.is_reporting_year(year - 1):
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
    """A version's PDF: its one issued copy (issued the first time it is opened, the same number after), or
    with ``?draft=1`` an unnumbered draft."""
    valid_year(year)
    readable_or_404(organization)
    number = request.args.get("version", type=int)
    try:
        issued = report_document(year, organization, number, "pdf", draft_asked(), signed_in())
    except NotFound:
        abort(404)
    return pdf_answer(issued)


@bp.get("/<int:year>/summary.pdf")
@reader
def summary_pdf(year: int) -> Response:
    """The generalized report (a key that reads everything), or ``?organization=``'s regional summary; issued
    each time it is made (it is a new document), or a draft with ``?draft=1``."""
    valid_year(year)
    cycle = reporting()
    region = request.args.get("organization") or None
    scope = access.readable(caller(), cycle.parents)
    members = tree.group(cycle.parents, region) if region in cycle.organizations else list(cycle.organizations)
    if region is not None and region not in cycle.organizations:
        abort(404)
    if not all(access.allowed(scope, member) for member in members):
        abort(403)
    issued = summary_document(year, region, "pdf", draft_asked(), signed_in())
    if region:
        issued = replace(issued, rendered=replace(issued.rendered, stem=f"{cycle.organizations[region].name} {year}"))
    return pdf_answer(issued)


def draft_asked() -> bool:
    return request.args.get("draft", "").lower() in ("1", "true", "yes")


def pdf_answer(issued: Issued) -> Response:
    """The PDF shown in the browser (inline), with its number's headers as the API gives them."""
    response = issued_response(issued)
    response.headers["Content-Disposition"] = response.headers["Content-Disposition"].replace("attachment", "inline", 1)
    return response


# ------------------------------------------------------------------------------------ submitting


@bp.get("/<int:year>/submit")
def submit(year: int) -> Response:
    """The old submission page: submitting is a choice of the form at ``/`` now, with this year chosen."""
    valid_year(year)
    lang = request.args.get("lang")
    target = url_for("form.index", submit=year, lang=lang) if lang else url_for("form.index", submit=year)
    return redirect(f"{target}#choice", 301)  # type: ignore[return-value]
