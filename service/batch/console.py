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
from service.batch.manifest import ERROR, SKIPPED, Entry
from service.batch.runner import Options, Outcome, run
from service.errors import KagazError
from service.settings import ConfigurationError, load_settings

EXIT_INPUT = 1
EXIT_SYSTEM = 2
EXIT_INTERRUPTED = 130


class ProgressBar:
    """The ``Observer`` of a terminal run."""

    def __init__(self, console: Console) -> None:
        self.console = console
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
        self.task = self.progress.add_task("reading inputs", total=None)

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
            self.console.print(f"{skipped} outputs up to date, not redone")
        self.progress.update(self.task, total=todo, description="documents")

    def finished(self, entries: Sequence[Entry]) -> None:
        for entry in entries:
            if entry.status == ERROR:
                self.show_error(entry)
        self.progress.advance(self.task)

    def show_error(self, entry: Entry) -> None:
        what = f"{entry.source} ({entry.format})" if entry.format else entry.source
        self.console.print(f"[red]✗[/red] {escape(what)}:")
        for error in entry.errors:
            self.console.print(f"    {escape(error['location'])}: {escape(error['message'])}")


def summary(outcome: Outcome) -> str:
    made, skipped, failed = (outcome.count(status) for status in ("ok", SKIPPED, ERROR))
    lines = [f"{outcome.folder}: {made} made, {skipped} up to date, {failed} failed"]
    if outcome.zip_path is not None:
        lines.append(f"manifest: {outcome.folder / 'manifest.json'}, {outcome.folder / 'manifest.csv'}")
        lines.append(f"zip: {outcome.zip_path}")
    if outcome.removed_leftovers:
        lines.append(f"removed {len(outcome.removed_leftovers)} temp files of an interrupted run")
    return "\n".join(lines)


def run_cli(
    year: int,
    input_path: Path | None,
    formats: tuple[str, ...],
    out: Path,
    force: bool,
    workers: int | None,
    sources: list[Source] | None = None,
) -> int:
    """The whole ``kagaz batch``: returns the exit code (0 all made, 1 bad inputs, 2 system failure).

    ``sources`` instead of ``input_path``: inputs already read (the register's reports)."""
    from service.engine import Engine

    errors = Console(stderr=True, soft_wrap=True)  # a long file name or message is never cut in two
    try:
        options = Options(year=year, formats=formats, force=force, workers=workers)
        settings = load_settings({"start_pool": "pdf" in formats})
    except (ValueError, ConfigurationError) as error:
        errors.print(f"error: {escape(str(error))}")
        return EXIT_INPUT
    if sources is None:
        assert input_path is not None
        sources = read_path(input_path)
    if not sources:
        errors.print(f"{escape(str(input_path))}: no .json, .xlsx or .csv report files")
        return EXIT_INPUT
    pool = None
    stop = threading.Event()
    try:
        if "pdf" in formats:
            from service.conversion.pool import ConversionPool

            pool = ConversionPool.from_settings(settings)
            if not pool.start(wait=True):
                errors.print(f"error: the LibreOffice pool did not start: {pool.health()}")
                return EXIT_SYSTEM
        engine = Engine(settings, pool)
        with ProgressBar(errors) as bar:
            outcome = run(engine, sources, out, options, observer=bar, stop=stop)
    except KeyboardInterrupt:
        stop.set()
        errors.print("interrupted: the finished outputs are kept; run the same command again to finish")
        return EXIT_INTERRUPTED
    except (KagazError, OSError) as error:
        errors.print(f"error: {escape(str(error))}")
        return EXIT_SYSTEM
    finally:
        if pool is not None:
            pool.stop()
    print(summary(outcome))
    return outcome.exit_code
