"""``kagaz``: the command line — serve the API and page, render one document, (later) batches and templates.

Errors a user made (bad input, unknown document) print each problem with its place and exit 1; a
problem with the machine (LibreOffice down) exits 2; success exits 0.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from service.errors import ConversionError, InputError, KagazError, Problem, TemplateError
from service.settings import ConfigurationError, load_settings

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
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(Problem(str(path), "invalid_json", str(error), {"error": str(error)})) from None


def read_input(document: str, path: Path) -> Any:
    """A JSON file; a folder of JSON reports (the generalized report); or a spreadsheet."""
    if path.is_dir():
        files = sorted(path.glob("*.json"))
        if not files:
            raise InputError(Problem(str(path), "empty_folder", "the folder has no .json reports"))
        return [read_json(file) for file in files]
    suffix = path.suffix.lower()
    if suffix == ".json":
        return read_json(path)
    raise InputError(
        Problem(str(path), "unknown_format", f"cannot read {suffix or 'a file without suffix'} for {document}")
    )


@main.command()
@click.argument("document")
@click.argument("input_path", metavar="INPUT", type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file; .docx or .pdf decides the format.",
)
def render(document: str, input_path: Path, output: Path) -> None:
    """Render DOCUMENT from INPUT into OUTPUT (.docx or .pdf).

    DOCUMENT is action-plan, progress-report or generalized-report. INPUT is a JSON file, or for the
    generalized report a folder of the year's JSON reports.
    """
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
        rendered = engine.produce(document, read_input(document, input_path), fmt)
        write_atomically(output, rendered.content)
    except InputError as error:
        click.echo(f"{input_path}: invalid input:", err=True)
        report_problems(error.problems)
        sys.exit(EXIT_INPUT)
    except TemplateError as error:
        click.echo("the template could not be filled:", err=True)
        report_problems(error.problems)
        sys.exit(EXIT_INPUT)
    except (ConversionError, KagazError) as error:
        fail(f"error: {error}", EXIT_SYSTEM)
    finally:
        if pool is not None:
            pool.stop()
    click.echo(f"{output} ({len(rendered.content):,} bytes, template {rendered.template.label})")
