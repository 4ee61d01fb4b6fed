"""``kagaz``: the command line — serve the API and page, render one document, (later) batches and templates.

Errors a user made (bad input, unknown document) print each problem with its place and exit 1; a
problem with the machine (LibreOffice down) exits 2; success exits 0.
"""

from __future__ import annotations

import getpass
import json
import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from service.catalogue import LANGUAGE_VARIABLE, LANGUAGES
from service.errors import EXIT_INPUT, EXIT_SYSTEM, InputError, KagazError, Problem, TemplateError, json_problem
from service.settings import ConfigurationError, Settings, load_settings
from service.terminal import fail, language, report_error, say

if TYPE_CHECKING:
    from service.documents.reference import Reference


@click.group()
@click.version_option(package_name="kagaz")
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default=None,
    help=f"Language of the messages: ky, ru or en (default {LANGUAGE_VARIABLE} or ky).",
)
def main(lang: str | None) -> None:
    """Kagaz: official documents of the Judicial Department, DOCX and PDF, from data."""


@main.command()
@click.option("--host", default=None, help="Interface to listen on (default KAGAZ_HOST or 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default KAGAZ_PORT or 8000).")
@click.option(
    "--threads",
    type=click.IntRange(1, 512),
    default=None,
    help="Request threads [every place of the conversion queue (pool size + queue limit) and 8 more, at least 16].",
)
def serve(host: str | None, port: int | None, threads: int | None) -> None:
    """Run the service: one process, an asyncio front for the sockets, request threads, one LibreOffice pool.

    The front reads every request whole, under deadlines, before a thread sees it (see ``service.server``).
    """
    from service import create_app, logs
    from service.server import ServerLimits
    from service.server import serve as run

    overrides: dict[str, Any] = {}
    if host:
        overrides["host"] = host
    if port:
        overrides["port"] = port
    try:
        settings = load_settings(overrides)
    except ConfigurationError as error:
        report_error(error)
    logs.configure()
    app = create_app(overrides)
    try:
        run(
            app,
            ServerLimits.from_settings(settings),
            settings.host,
            settings.port,
            threads or request_threads(settings),
            early=app.extensions.get("kagaz.early_refusal"),  # service.api.admission
        )
    except OSError as error:  # the port is taken, the address is not this machine's
        address = f"{settings.host}:{settings.port}"
        fail(say("cli_cannot_listen", address=address, error=error.strerror or str(error)), EXIT_SYSTEM)


def request_threads(settings: Settings) -> int:
    """Enough request threads that every conversion place can be held while others still answer: requests
    beyond the places are refused at once (admission), and refusals, health and DOCX never wait behind the
    requests that wait for LibreOffice."""
    return max(16, settings.pool_size + settings.queue_limit + 8)


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:  # JSONDecodeError is a ValueError
        raise InputError(json_problem(str(path), error, path.read_bytes())) from None


def read_input(document: str, path: Path, reference: Reference | None = None) -> Any:
    """A JSON file; a folder of JSON reports (the generalized report); or a spreadsheet (``Imported``).

    A spreadsheet needs ``reference`` (the registry turns an organization's name into its entry); pass its
    result through ``located`` so that validation errors name cells.
    """
    from service import spreadsheets

    if path.is_dir():
        files = sorted(path.glob("*.json"))
        if not files:
            raise InputError(Problem(str(path), "empty_folder", "the folder has no .json reports"))
        return [read_json(file) for file in files]
    suffix = path.suffix.lower()
    if suffix == ".json":
        return read_json(path)
    if suffix in spreadsheets.SUFFIXES and reference is not None:
        return spreadsheets.read(document, path.read_bytes(), path.name, reference)
    raise InputError(
        Problem(str(path), "unknown_format", f"cannot read {suffix or 'a file without suffix'} for {document}")
    )


def located(source: Any) -> AbstractContextManager[Any]:
    """The input's data; for a spreadsheet, with its errors re-addressed to cells (``Иш-чаралар!F7``)."""
    from service.spreadsheets import Imported

    return source.located() if isinstance(source, Imported) else nullcontext(source)


@main.command()
@click.argument("document")
@click.argument("input_path", metavar="[INPUT]", required=False, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file; .docx or .pdf decides the format.",
)
@click.option("--year", type=int, default=None, help="No INPUT: the year's reports from the register.")
@click.option("--organization", default=None, help="regional-summary: the oblast or city court.")
@click.option("--draft", is_flag=True, help="An unnumbered draft marked ДОЛБООР, not registered.")
@click.option("--pdfa", is_flag=True, help="PDF/A-2b (with --attach-data: PDF/A-3b carrying the input).")
@click.option("--attach-data", is_flag=True, help="Embed the input JSON in the PDF/A-3b (with --pdfa).")
def render(
    document: str,
    input_path: Path | None,
    output: Path,
    year: int | None,
    organization: str | None,
    draft: bool,
    pdfa: bool,
    attach_data: bool,
) -> None:
    """Render DOCUMENT from INPUT into OUTPUT (.docx or .pdf), issued with a number unless --draft.

    DOCUMENT is action-plan, progress-report or generalized-report. INPUT is a JSON file, a filled
    spreadsheet (.xlsx or .csv, see `kagaz spreadsheets`), or for the generalized report a folder of the
    year's JSON reports. Without INPUT, `generalized-report --year 2025` and `regional-summary --year 2025
    --organization osh-oblast-court` are made from the reports submitted to the register.
    """
    if (input_path is None) == (year is None):
        raise click.UsageError("give either INPUT or --year (the register), not both")
    from dataclasses import replace

    from service.atomic import write_atomically
    from service.engine import FORMATS, open_engine
    from service.issuance.issuing import Issuer, Order

    fmt = output.suffix.lower().lstrip(".")
    if fmt not in FORMATS or fmt == "pdfa":  # the suffix names the file's type; PDF/A is --pdfa
        fail(say("cli_output_suffix", output=output), EXIT_INPUT)
    settings = load_settings({"pool_size": 1} if fmt == "pdf" else {"start_pool": False})
    try:
        with open_engine(settings, pdf=fmt == "pdf") as engine:
            order = Order(
                format="pdfa" if pdfa and fmt == "pdf" else fmt,
                draft=draft,
                attach_data=attach_data,
                issued_by=f"cli ({getpass.getuser()})",
            )
            issuer = Issuer.for_engine(engine)
            if input_path is None:
                from service.reports_cli import register_input

                kind, body, sources = register_input(engine, document, year or 0, organization)
                issued = issuer.produce(kind, body, replace(order, sources=sources))
            else:
                with located(read_input(document, input_path, engine.reference)) as data:
                    issued = issuer.produce(document, data, order)
        rendered = issued.rendered
        write_atomically(output, rendered.content)
    except KagazError as error:
        if isinstance(error, InputError):
            click.echo(say("cli_invalid_input", source=input_path or say("cli_the_register")), err=True)
        elif isinstance(error, TemplateError):
            click.echo(say("cli_template_failed"), err=True)
        report_error(error)
    size = f"{len(rendered.content):,}".replace(",", " ")
    written = say("cli_written", output=output, size=size, template=rendered.template.label)
    issued_as = say("cli_issued_as", number=issued.number) if issued.number else say("cli_draft")
    click.echo(f"{written}, {issued_as}")


@main.command("spreadsheets")
@click.option(
    "-o",
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to write to (default: samples/spreadsheets of the project).",
)
@click.option("--blank", is_flag=True, help="Write the blank workbooks instead of the filled examples.")
def spreadsheets_command(out: Path | None, blank: bool) -> None:
    """Write the workbooks staff fill, made from the models, in Kyrgyz and Russian (``_ru``): the examples
    (filled from the samples: the whole plan, one progress report) or, with --blank, the blanks. The web
    page serves the same."""
    from service import spreadsheets
    from service.atomic import write_atomically
    from service.documents.organizations import RegistryError
    from service.documents.reference import load_reference
    from service.settings import PROJECT_ROOT
    from service.spreadsheets.samples import example_data

    try:
        settings = load_settings({"start_pool": False})
        reference = load_reference(settings.plan_file, settings.organizations_file)
    except ConfigurationError as error:
        report_error(error)
    except RegistryError as error:
        fail(str(error), EXIT_INPUT)
    folder = out or PROJECT_ROOT / "samples" / "spreadsheets"
    for document, layout in spreadsheets.LAYOUTS.items():
        try:
            data = None if blank else example_data(document, reference)
        except InputError as error:
            click.echo(say("cli_sample_invalid", document=document), err=True)
            report_error(error)
        for workbook_language in spreadsheets.WORKBOOK_LANGUAGES:  # the Kyrgyz one keeps its old name
            suffix = ("_blank" if blank else "") + ("" if workbook_language == "ky" else f"_{workbook_language}")
            path = folder / f"{layout.filename}{suffix}.xlsx"
            content = spreadsheets.workbook(document, reference, data, workbook_language)
            write_atomically(path, content)
            click.echo(say("cli_file_written", path=path, size=f"{len(content):,}".replace(",", " ")))


def _formats(_context: click.Context, _parameter: click.Parameter, value: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    from service.engine import FORMATS

    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown or not formats:
        raise click.BadParameter("give pdf, pdfa, docx, or several: pdf,docx")
    return formats


@main.command()
@click.option("--year", type=int, required=True, help="The reporting year; a report of another year is refused.")
@click.option(
    "--input",
    "input_path",
    default=None,
    type=click.Path(exists=True, path_type=Path),
    help="A folder of reports (.json, .xlsx, .csv: one organization each), or one such file.",
)
@click.option("--from-register", is_flag=True, help="The current version of each report submitted for --year.")
@click.option(
    "--format",
    "formats",
    default="pdf",
    show_default=True,
    callback=_formats,
    help="pdf, pdfa, docx, or several: pdf,docx.",
)
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path), help="Output folder.")
@click.option("--force", is_flag=True, help="Redo every output, even those up to date.")
@click.option(
    "--workers", type=click.IntRange(1, 256), default=None, help="Documents under way at once [pool size + 1]."
)
def batch(
    year: int,
    input_path: Path | None,
    from_register: bool,
    formats: tuple[str, ...],
    out: Path,
    force: bool,
    workers: int | None,
) -> None:
    """Make every organization's report and the generalized report of YEAR, with manifest.json/.csv and a ZIP.

    Converts over the whole LibreOffice pool (KAGAZ_POOL_SIZE). A bad input is reported and the rest go
    on. Running it again redoes only what is missing or out of date. Exit code: 0 all made, 1 some inputs
    were bad, 2 a system failure (LibreOffice, template, disk).
    """
    from service.batch.console import run_cli

    if (input_path is None) == (not from_register):
        raise click.UsageError("give either --input or --from-register")
    sources = None
    if from_register:
        from service.reports_cli import register_sources

        sources = register_sources(year)
    sys.exit(run_cli(year, input_path, formats, out, force, workers, language(), sources=sources))


def _add_editor_commands() -> None:
    """``kagaz templates …`` and ``kagaz keys …`` live in ``service.admin_cli``; ``kagaz db …`` in ``db_cli``."""
    from service.admin_cli import keys, templates
    from service.db_cli import db
    from service.issued_cli import issued, reissue
    from service.reports_cli import reports

    main.add_command(templates)
    main.add_command(keys)
    main.add_command(db)
    main.add_command(issued)
    main.add_command(reissue)
    main.add_command(reports)  # ``kagaz reports …``: the reporting cycle (service.reports_cli)


_add_editor_commands()


if __name__ == "__main__":
    main()
