"""``kagaz issued …`` and ``kagaz reissue``: the administrator's view of the issuance register.

``issued list`` (filtered), ``issued show NUMBER`` (with ``--input``: the recorded input data, personal data
included), ``issued annul NUMBER --reason …``, ``issued purge`` (removes input data older than
``KAGAZ_ISSUED_INPUT_DAYS``), and ``reissue NUMBER -o FILE``: the document rendered again from its recorded
input and template version. Numbers are accepted as printed, in their ASCII form or with Latin look-alikes.
Exit codes as the rest of ``kagaz``: 0 done, 1 a wrong argument or number, 2 the database or LibreOffice
cannot be used.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
from pathlib import Path
from typing import NoReturn

import click

from service.catalogue import translate
from service.db import Database, open_database
from service.errors import EXIT_INPUT, InputError, KagazError
from service.issuance import register
from service.issuance.numbers import IssueNumber, NumberError, parse
from service.issuance.tables import STATES
from service.settings import ConfigurationError, Settings, load_settings
from service.terminal import fail, language, report_error, say


def _settings(**overrides: object) -> Settings:
    try:
        return load_settings({"start_pool": False, **overrides})
    except ConfigurationError as error:
        report_error(error)


def _database(settings: Settings) -> Database:
    """The shared database, migrated when behind (as every process opens it)."""
    try:
        return open_database(settings)
    except KagazError as error:  # a storage fault: said in the run's language, exit 2
        report_error(error)


def _number(text: str, settings: Settings) -> IssueNumber:
    try:
        return parse(text, settings.number_prefix)
    except NumberError:
        example = IssueNumber(settings.number_prefix, dt.datetime.now(dt.UTC).year, 1)
        fail(say("issued_not_a_number", text=text, example=example), EXIT_INPUT)


def _refused(error: register.RegisterError) -> NoReturn:
    """A refusal of the register (an unknown number, a state that does not allow it), in the run's language."""
    fail(translate(error.code, language(), error.params, str(error)), EXIT_INPUT)


def _state(state: str) -> str:
    return say(f"issued_state_{state}")


@click.group("issued")
def issued() -> None:
    """The issuance register: list, show, annul, purge old input data."""


@issued.command("list")
@click.option("--year", type=int)
@click.option("--document", help="action-plan, progress-report or generalized-report")
@click.option("--organization", help="the organization's id")
@click.option("--state", type=click.Choice(["pending", "issued", "void", "annulled"]))
@click.option("--limit", type=click.IntRange(1, 10_000), default=100, show_default=True)
def list_entries(
    year: int | None, document: str | None, organization: str | None, state: str | None, limit: int
) -> None:
    """Issued documents, newest first: number, state, date, document, organization, output sha256."""
    database = _database(_settings())
    try:
        found = register.entries(
            database, year=year, document=document, organization=organization, state=state, limit=limit
        )
    finally:
        database.dispose()
    width = max((len(_state(state)) for state in STATES), default=0)
    for entry in found:
        reason = f"  ({entry.void_reason or entry.annul_reason})" if entry.state in ("void", "annulled") else ""
        click.echo(
            f"{entry.number}  {_state(entry.state):{width}}  {entry.issued_at}  {entry.document:18}  "
            f"{entry.organization or '—':28}  {(entry.output_sha256 or '')[:16]}{reason}"
        )


@issued.command("show")
@click.argument("number")
@click.option("--input", "with_input", is_flag=True, help="Include the recorded input (personal data).")
def show(number: str, with_input: bool) -> None:
    """One entry as JSON (without its input unless --input)."""
    settings = _settings()
    wanted = str(_number(number, settings))
    database = _database(settings)
    try:
        entry = register.find(database, wanted)
    finally:
        database.dispose()
    if entry is None:
        fail(say("issued_unknown", number=wanted), EXIT_INPUT)
    values = entry.full()
    if not with_input:
        values.pop("input")
    click.echo(json.dumps(values, ensure_ascii=False, indent=2))


@issued.command("annul")
@click.argument("number")
@click.option("--reason", required=True, help="Why the document is annulled (shown by the public check).")
@click.option("--by", help="Who annuls it (default: the system user).")
def annul(number: str, reason: str, by: str | None) -> None:
    """Annul an issued document: the check page and POST /api/v1/verify then say so."""
    reason = reason.strip()
    problem = register.reason_problem(reason, "--reason")
    if problem is not None:
        report_error(InputError(problem))
    settings = _settings()
    wanted = str(_number(number, settings))
    database = _database(settings)
    try:
        entry = register.annul(database, wanted, reason, by or f"cli ({getpass.getuser()})")
    except register.RegisterError as error:
        _refused(error)
    except KagazError as error:
        report_error(error)
    finally:
        database.dispose()
    click.echo(say("cli_issued_annulled", number=entry.number, reason=reason))


@issued.command("purge")
def purge() -> None:
    """Remove the input data of entries older than KAGAZ_ISSUED_INPUT_DAYS (hashes and numbers stay)."""
    settings = _settings()
    database = _database(settings)
    cutoff = dt.datetime.now(dt.UTC) - dt.timedelta(days=settings.issued_input_days)
    try:
        removed = register.remove_inputs(database, cutoff)
    except KagazError as error:
        report_error(error)
    finally:
        database.dispose()
    click.echo(say("cli_issued_purged", date=f"{cutoff:%Y-%m-%d}", count=removed))


@click.command("reissue")
@click.argument("number")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
def reissue(number: str, output: Path) -> None:
    """Render the document issued under NUMBER again, from its recorded input and template version."""
    from service.atomic import write_atomically
    from service.engine import open_engine
    from service.issuance.issuing import Issuer

    settings = _settings(pool_size=1)
    wanted = _number(number, settings)
    try:
        # One database for the look-up and the reissue: the engine's (opened and migrated once). LibreOffice
        # starts with the first conversion, so an unknown number or a DOCX never starts it.
        with open_engine(settings, lazy=True) as engine:
            entry = register.find(engine.database, str(wanted))
            if entry is None:
                fail(say("issued_unknown", number=wanted), EXIT_INPUT)
            again = Issuer.for_engine(engine).reissue_entry(entry)
        write_atomically(output, again.rendered.content)
    except register.RegisterError as error:
        _refused(error)
    except KagazError as error:  # the database, LibreOffice or the template: said in the run's language
        report_error(error)
    suffix = "docx" if entry.format == "docx" else "pdf"
    if output.suffix.lower() != f".{suffix}":
        click.echo(say("cli_reissued_format", format=suffix.upper(), output=output), err=True)
    size = f"{len(again.rendered.content):,}".replace(",", " ")
    click.echo(say("cli_reissued", output=output, number=entry.number, size=size, template=entry.template))
