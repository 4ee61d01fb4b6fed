"""``kagaz reports …`` and the register as an input of ``kagaz render`` and ``kagaz batch``.

The same ``ReportingCycle`` as the API and the page, on the same database (``KAGAZ_DATABASE_URL``, by default
the data folder's SQLite file), so what a court submitted through the service is what the command counts.

Exit codes as in ``service.cli``: 0 done, 1 the user's mistake (a year the plan has no report for, an
organization not in the registry, nothing submitted yet), 2 the machine's.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from service.catalogue import LANGUAGES, text
from service.errors import EXIT_INPUT, KagazError
from service.settings import ConfigurationError, load_settings
from service.terminal import fail, language, report_error, say

if TYPE_CHECKING:
    from service.batch.inputs import Source
    from service.engine import Engine
    from service.reporting.cycle import ReportingCycle


def open_cycle(engine: Engine) -> ReportingCycle:
    """The reporting cycle over an open engine: its register is on the engine's database (no second one)."""
    from service.reporting.cycle import ReportingCycle
    from service.reporting.register import Register

    return ReportingCycle(engine, Register(engine.database))


def _cycle() -> ReportingCycle:
    """The cycle of this command, over an engine that does not start LibreOffice, closed with the command."""
    from service.engine import open_engine

    try:
        settings = load_settings({"start_pool": False})
        engine = click.get_current_context().with_resource(open_engine(settings, pdf=False))
    except ConfigurationError as error:
        report_error(error)
    except ValueError as error:  # a registry that cannot be used (an unknown parent, a cycle)
        fail(str(error), EXIT_INPUT)
    return open_cycle(engine)


def register_sources(year: int) -> list[Source]:
    """For ``kagaz batch --from-register``: the current version of each report submitted for ``year``."""
    try:
        sources = _cycle().batch_inputs(year)[0]
    except KagazError as error:
        report_error(error)
    if not sources:
        fail(say("reports_none_submitted", year=year), EXIT_INPUT)
    return sources


@click.group("reports")
def reports() -> None:
    """The reporting cycle: who has reported for a year, who has not."""


@reports.command("status")
@click.option("--year", type=int, required=True, help="The reporting year.")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None, help="Language of the table [kagaz --lang].")
@click.option("--json", "as_json", is_flag=True, help="The same JSON as GET /api/v1/reports/{year}.")
def status(year: int, lang: str | None, as_json: bool) -> None:
    """Every organization's state for YEAR, grouped by controlling court, with the totals."""
    from service.reporting import exports
    from service.reporting.status import status_json

    lang = language(lang)
    cycle = _cycle()
    try:
        found = cycle.status(year)
    except KagazError as error:
        report_error(error)
    if as_json:
        click.echo(json.dumps(status_json(found), ensure_ascii=False, indent=2))
        return
    click.echo(f"{text('reports_page_title', lang)}: {text('reports_page_year', lang, year=year)}")
    click.echo(text("reports_page_due", lang, date=exports.due_day(found.due, lang)))
    for row in exports.rows(found, lang):
        organization, controller, state, versions, last, overdue = row
        indent = "  " if controller else ""
        click.echo(f"{indent}{organization:<80} {state:<22} {versions:>2}  {last:<30} {overdue}")
    totals = found.totals
    summary = ", ".join(f"{text(f'reports_state_{key}', lang)}: {totals[key]}" for key in list(totals)[1:])
    click.echo(f"{text('reports_total_organizations', lang)}: {totals['organizations']}; {summary}")


@reports.command("missing")
@click.option("--year", type=int, required=True, help="The reporting year.")
def missing(year: int) -> None:
    """The organizations that have not reported for YEAR (missing, or not yet due): one per line, id and name.

    Exit code 0 even when some are missing: the list is the answer."""
    from service.reporting.status import State

    cycle = _cycle()
    try:
        found = cycle.status(year)
    except KagazError as error:
        report_error(error)
    for row in found.rows:
        if row.state in (State.MISSING, State.NOT_YET_DUE):
            click.echo(f"{row.organization.id}\t{row.state.value}\t{row.organization.name}")


def register_input(
    engine: Engine, document: str, year: int, organization: str | None
) -> tuple[str, Any, tuple[dict[str, Any], ...]]:
    """For ``kagaz render``: the document kind, its input from the register, and the submissions and versions
    it is made from (recorded with its issuance number).

    ``generalized-report --year`` is the Supreme Court's report of what came in; ``regional-summary --year
    --organization`` an oblast or city court's summary of itself and its courts."""
    cycle = open_cycle(engine)
    if document == "regional-summary":
        if organization is None:
            raise click.UsageError("regional-summary needs --organization (an oblast or the Bishkek city court)")
        return ("generalized-report", *cycle.summary(year, organization))
    if document == "generalized-report":
        return (document, *cycle.summary(year))
    raise click.UsageError("--year takes its input from the register: generalized-report or regional-summary")
