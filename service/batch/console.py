"""``kagaz batch`` on a terminal: a progress bar with ETA, each bad input with its places, a summary.

Kept out of ``service.cli`` so that the command there stays a thin declaration of options. Progress and
problems go to stderr (rich redraws the bar there); the summary goes to stdout.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from service.batch.inputs import Source, read_path
from service.batch.manifest import ERROR, SKIPPED, Entry, as_problem
from service.batch.runner import Options, Outcome, run
from service.catalogue import DEFAULT_LANGUAGE, text, translate
from service.errors import EXIT_INPUT, EXIT_INTERRUPTED, EXIT_SYSTEM, KagazError, exit_code
from service.issuance.issuing import Issuer
from service.settings import ConfigurationError, load_settings
from service.terminal import error_problem


class ProgressBar:
    """The ``Observer`` of a terminal run."""

    def __init__(self, console: Console, language: str = DEFAULT_LANGUAGE) -> None:
        self.console = console
        self.language = language
        self.progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            transient=False,
        )
        self.task = self.progress.add_task(text("cli_reading", language), total=None)

    def __enter__(self) -> ProgressBar:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def planned(self, documents: int, todo: int, entries: Sequence[Entry]) -> None:
        for entry in entries:
            if entry.status == ERROR:
                self.show_error(entry)
        skipped = len({entry.file for entry in entries if entry.status == SKIPPED})
        if skipped:
            self.console.print(text("cli_up_to_date", self.language, count=skipped))
        self.progress.update(self.task, total=todo, description=text("cli_documents", self.language))

    def finished(self, entries: Sequence[Entry]) -> None:
        for entry in entries:
            if entry.status == ERROR:
                self.show_error(entry)
        self.progress.advance(self.task)

    def show_error(self, entry: Entry) -> None:
        what = f"{entry.source} ({entry.format})" if entry.format else entry.source
        self.console.print(f"[red]✗[/red] {escape(what)}:")
        for error in entry.errors:
            problem = as_problem(error)
            message = translate(problem.code, self.language, problem.params, problem.message)
            self.console.print(f"    {escape(problem.location)}: {escape(message)}")


def summary(outcome: Outcome, language: str = DEFAULT_LANGUAGE) -> str:
    made, skipped, failed = (outcome.count(status) for status in ("ok", SKIPPED, ERROR))
    lines = [text("cli_summary", language, folder=outcome.folder, made=made, skipped=skipped, failed=failed)]
    if outcome.zip_path is not None:
        folder = outcome.folder
        lines.append(text("cli_manifest", language, json=folder / "manifest.json", csv=folder / "manifest.csv"))
        lines.append(text("cli_zip", language, path=outcome.zip_path))
    if outcome.removed_leftovers:
        lines.append(text("cli_leftovers", language, count=len(outcome.removed_leftovers)))
    return "\n".join(lines)


def run_cli(
    year: int,
    input_path: Path | None,
    formats: tuple[str, ...],
    out: Path,
    force: bool,
    workers: int | None,
    language: str = DEFAULT_LANGUAGE,
    sources: list[Source] | None = None,
) -> int:
    """The whole ``kagaz batch``: returns the exit code (0 all made, 1 bad inputs, 2 system failure).

    ``sources`` instead of ``input_path``: inputs already read (the register's reports)."""
    from service.engine import CONVERTED, open_engine

    errors = Console(stderr=True, soft_wrap=True)  # a long file name or message is never cut in two
    pdf = any(fmt in CONVERTED for fmt in formats)
    try:
        options = Options(year=year, formats=formats, force=force, workers=workers)
        settings = load_settings({"start_pool": pdf})
    except (ValueError, ConfigurationError) as error:
        errors.print(escape(text("cli_configuration", language, error=error)))
        return EXIT_INPUT
    if sources is None:
        assert input_path is not None
        sources = read_path(input_path)
    if not sources:
        errors.print(escape(text("cli_no_reports", language, path=input_path)))
        return EXIT_INPUT
    stop = threading.Event()
    try:
        with open_engine(settings, pdf=pdf) as engine, ProgressBar(errors, language) as bar:
            outcome = run(engine, sources, out, options, observer=bar, stop=stop, issuer=Issuer.for_engine(engine))
    except KeyboardInterrupt:
        stop.set()
        errors.print(escape(text("cli_interrupted", language)))
        return EXIT_INTERRUPTED
    except KagazError as error:
        problem = error_problem(error)
        errors.print(escape(translate(problem.code, language, problem.params, problem.message)))
        return exit_code(error)
    except OSError as error:
        errors.print(escape(translate("batch_system_error", language, {"error": error})))
        return EXIT_SYSTEM
    print(summary(outcome, language))
    return outcome.exit_code
