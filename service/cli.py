"""``kagaz``: the command line — serve the API and page, render one document, (later) batches and templates.

Errors a user made (bad input, unknown document) print each problem with its place and exit 1; a
problem with the machine (LibreOffice down) exits 2; success exits 0.
"""

from __future__ import annotations

import json
import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from service.errors import ConversionError, InputError, KagazError, NotFound, Problem, TemplateError
from service.settings import ConfigurationError, load_settings

if TYPE_CHECKING:
    from service.documents.reference import Reference

EXIT_INPUT = 1
EXIT_SYSTEM = 2


def fail(message: str, code: int) -> None:
    click.echo(message, err=True)
    sys.exit(code)


def report_problems(problems: list[Problem]) -> None:
    for problem in problems:
        click.echo(f"  {problem.location}: {problem.message}", err=True)


@click.group()
@click.version_option(package_name="kagaz")
def main() -> None:
    """Kagaz: official documents of the Judicial Department, DOCX and PDF, from data."""


@main.command()
@click.option("--host", default=None, help="Interface to listen on (default KAGAZ_HOST or 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default KAGAZ_PORT or 8000).")
@click.option("--threads", type=int, default=16, show_default=True, help="Request threads.")
def serve(host: str | None, port: int | None, threads: int) -> None:
    """Run the service under gunicorn: one process, many threads, one LibreOffice pool."""
    from gunicorn.app.base import BaseApplication

    from service import create_app, logs

    overrides: dict[str, Any] = {}
    if host:
        overrides["host"] = host
    if port:
        overrides["port"] = port
    try:
        settings = load_settings(overrides)
    except ConfigurationError as error:
        fail(str(error), EXIT_INPUT)

    class _Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            self.cfg.set("bind", f"{settings.host}:{settings.port}")
            # One worker process: the LibreOffice pool is per process, and threads share it.
            self.cfg.set("workers", 1)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", threads)
            # A PDF of a long plan can take a while when the pool queue is full.
            self.cfg.set("timeout", int(settings.conversion_timeout + settings.queue_wait + 30))
            self.cfg.set("graceful_timeout", 30)
            self.cfg.set("accesslog", None)

        def load(self) -> Any:
            logs.configure()
            return create_app(overrides)

    _Server().run()


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:  # JSONDecodeError is a ValueError
        message = "nested too deeply" if isinstance(error, RecursionError) else str(error)
        raise InputError(Problem(str(path), "invalid_json", message, {"error": message})) from None


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
def render(document: str, input_path: Path | None, output: Path, year: int | None, organization: str | None) -> None:
    """Render DOCUMENT from INPUT into OUTPUT (.docx or .pdf).

    DOCUMENT is action-plan, progress-report or generalized-report. INPUT is a JSON file, a filled
    spreadsheet (.xlsx or .csv, see `kagaz spreadsheets`), or for the generalized report a folder of the
    year's JSON reports. Without INPUT, `generalized-report --year 2025` and `regional-summary --year 2025
    --organization osh-oblast-court` are made from the reports submitted to the register.
    """
    if (input_path is None) == (year is None):
        raise click.UsageError("give either INPUT or --year (the register), not both")
    from service.atomic import write_atomically
    from service.engine import FORMATS, Engine

    fmt = output.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        fail(f"{output}: the output must end in .docx or .pdf", EXIT_INPUT)
    settings = load_settings({"pool_size": 1} if fmt == "pdf" else {"start_pool": False})
    pool = None
    try:
        if fmt == "pdf":
            from service.conversion.pool import ConversionPool, PoolOptions

            pool = ConversionPool(PoolOptions.from_settings(settings))
            pool.start()
        engine = Engine(settings, pool)
        if input_path is None:
            from service.reports_cli import register_input

            kind, body = register_input(engine, document, year or 0, organization)
            rendered = engine.produce(kind, body, fmt)
        else:
            with located(read_input(document, input_path, engine.reference)) as data:
                rendered = engine.produce(document, data, fmt)
        write_atomically(output, rendered.content)
    except InputError as error:
        click.echo(f"{input_path or 'the register'}: invalid input:", err=True)
        report_problems(error.problems)
        sys.exit(EXIT_INPUT)
    except TemplateError as error:
        click.echo("the template could not be filled:", err=True)
        report_problems(error.problems)
        sys.exit(EXIT_INPUT)
    except NotFound as error:
        fail(f"error: {error}", EXIT_INPUT)
    except (ConversionError, KagazError) as error:
        fail(f"error: {error}", EXIT_SYSTEM)
    finally:
        if pool is not None:
            pool.stop()
    click.echo(f"{output} ({len(rendered.content):,} bytes, template {rendered.template.label})")


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
    """Write the workbooks staff fill, made from the models: the examples (filled from the samples:
    the whole plan, one progress report) or, with --blank, the blanks. The web page serves the same."""
    from service import spreadsheets
    from service.atomic import write_atomically
    from service.documents.organizations import RegistryError
    from service.documents.reference import load_reference
    from service.settings import PROJECT_ROOT
    from service.spreadsheets.samples import example_data

    try:
        settings = load_settings({"start_pool": False})
        reference = load_reference(settings.plan_file, settings.organizations_file)
    except (ConfigurationError, RegistryError) as error:
        fail(str(error), EXIT_INPUT)
    folder = out or PROJECT_ROOT / "samples" / "spreadsheets"
    for document, layout in spreadsheets.LAYOUTS.items():
        try:
            data = None if blank else example_data(document, reference)
        except InputError as error:
            click.echo(f"{document}: the sample is invalid:", err=True)
            report_problems(error.problems)
            sys.exit(EXIT_INPUT)
        path = folder / f"{layout.filename}{'_blank' if blank else ''}.xlsx"
        content = spreadsheets.workbook(document, reference, data)
        write_atomically(path, content)
        click.echo(f"{path} ({len(content):,} bytes)")


def _formats(_context: click.Context, _parameter: click.Parameter, value: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [fmt for fmt in formats if fmt not in ("pdf", "docx")]
    if unknown or not formats:
        raise click.BadParameter("give pdf, docx or pdf,docx")
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
@click.option("--format", "formats", default="pdf", show_default=True, callback=_formats, help="pdf, docx or pdf,docx.")
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
        from service.reports_cli import _cycle, explain

        try:
            sources = _cycle().sources(year)
        except KagazError as error:
            explain(error)
        if not sources:
            fail(f"no report for {year} has been submitted to the register", EXIT_INPUT)
    sys.exit(run_cli(year, input_path, formats, out, force, workers, sources=sources))


def _add_editor_commands() -> None:
    """``kagaz templates …`` and ``kagaz keys …`` live in ``service.admin_cli``; ``kagaz db …`` in ``db_cli``."""
    from service.admin_cli import keys, templates
    from service.db_cli import db
    from service.reports_cli import reports

    main.add_command(templates)
    main.add_command(keys)
    main.add_command(db)
    main.add_command(reports)  # ``kagaz reports …``: the reporting cycle (service.reports_cli)


_add_editor_commands()


if __name__ == "__main__":
    main()
