"""Running a batch: read and check every input, skip what is up to date, render and convert the rest over
the whole LibreOffice pool, and record each output in the manifest as it lands.

Concurrency: documents are handed to a thread pool a little larger than the conversion pool, so that while
one thread renders (Python, under the GIL) every LibreOffice worker still has a document to convert; the
conversion pool itself guarantees one document at a time per LibreOffice process. Only the calling thread
touches the manifest, so its writes need no lock.

Interruption: ``stop`` (a ``threading.Event``) makes the run take no new document; those under way finish
and are recorded, and the run returns ``interrupted``. A run killed outright leaves finished files, a
consistent manifest and perhaps ``.part`` temp files, which the next run deletes before it starts.
"""

from __future__ import annotations

import importlib.metadata
import os
import threading
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from pydantic import BaseModel

from service.atomic import write_atomically
from service.batch import plan
from service.batch.inputs import GENERALIZED, REPORT, Item, Source, check, parse_all, sha256
from service.batch.manifest import (
    CSV_NAME,
    ERROR,
    INPUT,
    JSON_NAME,
    OK,
    SKIPPED,
    SYSTEM,
    Entry,
    Manifest,
    now,
    read_entries,
    records,
    remove_leftovers,
    write_zip,
)
from service.engine import FORMATS
from service.errors import ConversionError, InputError, KagazError, Problem, TemplateError, TemplateNotFound
from service.issuance import archive
from service.issuance.issuing import Order

if TYPE_CHECKING:
    from service.engine import Engine
    from service.issuance.issuing import Issuer
    from service.templates.registry import TemplateVersion


def _version() -> str:
    try:
        return importlib.metadata.version("kagaz")
    except importlib.metadata.PackageNotFoundError:
        return "0+unknown"


VERSION = _version()


@dataclass(frozen=True)
class Options:
    """What to make: the year every report must be of, the formats, and where the ZIP goes."""

    year: int
    formats: tuple[str, ...] = ("pdf",)
    force: bool = False  # redo every output, up to date or not
    workers: int | None = None  # threads that render and feed the pool; None: the pool's size + 1
    zip_name: str | None = None  # default ``batch-<year>.zip``, in the output folder
    version: str = VERSION  # part of every fingerprint: a new Kagaz redoes everything once

    def __post_init__(self) -> None:
        unknown = [fmt for fmt in self.formats if fmt not in FORMATS]
        if unknown or not self.formats:
            raise ValueError(f"formats must be among {', '.join(FORMATS)}; got {', '.join(self.formats) or 'none'}")

    @property
    def zip_filename(self) -> str:
        return self.zip_name or f"batch-{self.year}.zip"


class Observer(Protocol):
    """Told what the run does, from the calling thread: a progress bar, a job's stored state."""

    def planned(self, documents: int, todo: int, entries: Sequence[Entry]) -> None:
        """``documents`` in all, ``todo`` to make now; ``entries`` already settled (bad inputs, skipped)."""

    def finished(self, entries: Sequence[Entry]) -> None:
        """One document was made (or failed): its entries, one per format."""


@dataclass
class Outcome:
    """What a run did. ``exit_code``: 0 all made, 1 some inputs were bad, 2 the machine failed somewhere."""

    folder: Path
    entries: list[Entry]
    made: int = 0  # documents rendered in this run
    interrupted: bool = False
    zip_path: Path | None = None
    removed_leftovers: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(entry.status == status for entry in self.entries)

    @property
    def exit_code(self) -> int:
        if self.interrupted or any(entry.failure == SYSTEM for entry in self.entries):
            return 2
        return 1 if any(entry.failure == INPUT for entry in self.entries) else 0


def run(
    engine: Engine,
    sources: Sequence[Source],
    folder: Path,
    options: Options,
    observer: Observer | None = None,
    stop: threading.Event | None = None,
    issuer: Issuer | None = None,
) -> Outcome:
    """Make the batch in ``folder``; see the module docstring. Raises only on a bug or a broken disk.

    With ``issuer`` every file made is issued (numbered and registered, ``issued_by`` «batch»); without, the
    files are drafts (the benchmark's internal renders)."""
    folder.mkdir(parents=True, exist_ok=True)
    removed = remove_leftovers(folder)
    previous = read_entries(folder)
    stop = stop or threading.Event()

    items = check(parse_all(sources, engine.reference), engine.load, options.year)
    settled = [_input_error(item) for item in items if not item.valid]
    generalized, problems = _generalized(engine, items)
    if problems:
        settled.append(Entry("(generalized report)", GENERALIZED, ERROR, failure=INPUT, errors=records(problems)))
    units = plan.units(items, generalized, lambda document, model: _stem(engine, document, model))

    templates: dict[str, TemplateVersion] = {}
    todo: list[tuple[plan.Unit, tuple[str, ...]]] = []
    for unit in units:
        try:
            template = templates.get(unit.document) or _active_template(engine, unit.document)
        except (TemplateError, TemplateNotFound) as error:
            settled.extend(_failed(unit, options.formats, SYSTEM, _problems(error, "template")))
            continue
        templates[unit.document] = template
        redo = []
        for fmt in options.formats:
            fingerprint = plan.fingerprint(unit.input_sha256, template.sha256, fmt, options.version)
            earlier = previous.get(unit.filename(fmt))
            if not options.force and earlier is not None and _current(earlier, fingerprint, folder):
                settled.append(_skipped(earlier, unit))
            else:
                redo.append(fmt)
        if redo:
            todo.append((unit, tuple(redo)))

    manifest = Manifest(
        folder, {"kagaz": options.version, "year": options.year, "formats": list(options.formats), "started": now()}
    )
    manifest.put(*settled)
    # Only what is settled: a document to redo is listed again once its new file is in place, so the
    # manifest on disk never names a file that is being replaced.
    manifest.write()
    if observer is not None:
        observer.planned(len(items) + 1, len(todo), settled)

    outcome = Outcome(folder, [], removed_leftovers=removed)
    halted = _produce_all(engine, todo, folder, options, manifest, observer, stop, outcome, issuer)
    outcome.interrupted = halted and outcome.made < len(todo)
    outcome.entries = manifest.ordered()
    if not outcome.interrupted:
        manifest.write(complete=True)
        names = [entry.file for entry in outcome.entries if entry.present and entry.file]
        outcome.zip_path = folder / options.zip_filename
        write_zip(outcome.zip_path, folder, [*names, JSON_NAME, CSV_NAME])
    return outcome


def _produce_all(
    engine: Engine,
    todo: list[tuple[plan.Unit, tuple[str, ...]]],
    folder: Path,
    options: Options,
    manifest: Manifest,
    observer: Observer | None,
    stop: threading.Event,
    outcome: Outcome,
    issuer: Issuer | None = None,
) -> bool:
    """Render and convert every unit of ``todo``, keeping at most ``workers`` under way; record each.

    Returns whether it stopped early: ``stop`` was set, or the interpreter is exiting (Python shuts every
    thread pool down before ``atexit`` handlers run, so a service stopping finds its executor closed)."""
    workers = options.workers or _default_workers(engine)
    queue = list(reversed(plan.longest_first([unit for unit, _ in todo])))
    formats = {id(unit): fmts for unit, fmts in todo}
    halted = False
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kagaz-batch") as executor:
        running: set[Future[list[Entry]]] = set()
        while queue or running:
            while queue and len(running) < workers and not halted:
                if stop.is_set():
                    halted = True
                    break
                unit = queue[-1]
                try:
                    arguments = (engine, unit, formats[id(unit)], folder, options.version, issuer)
                    running.add(executor.submit(_produce, *arguments))
                except RuntimeError:  # "cannot schedule new futures after (interpreter) shutdown"
                    halted = True
                    break
                queue.pop()
            if not running:
                break
            finished, running = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                entries = future.result()  # a bug or a broken disk ends the run here, the manifest as it is
                outcome.made += 1
                manifest.put(*entries)
                manifest.write()
                if observer is not None:
                    observer.finished(entries)
    return halted


def _produce(
    engine: Engine,
    unit: plan.Unit,
    formats: tuple[str, ...],
    folder: Path,
    version: str,
    issuer: Issuer | None = None,
) -> list[Entry]:
    """Render ``unit`` once, write each format atomically; a failure becomes an error entry, never a raise."""
    if issuer is not None:
        return _issue(issuer, unit, formats, folder, version)
    try:
        rendered = engine.render(unit.document, unit.model)
    except InputError as error:
        return _failed(unit, formats, INPUT, error.problems)
    except KagazError as error:
        return _failed(unit, formats, SYSTEM, _problems(error, "template"))
    template = rendered.template
    entries = []
    for fmt in formats:
        try:
            options = archive.PDFA_2B if fmt == "pdfa" else ()
            content = rendered.content if fmt == "docx" else engine.convert(rendered.content, filter_options=options)
        except ConversionError as error:
            entries.extend(_failed(unit, (fmt,), SYSTEM, _problems(error, "conversion"), template.label))
            continue
        entries.append(_written(unit, fmt, content, template, folder, version))
    return entries


def _issue(issuer: Issuer, unit: plan.Unit, formats: tuple[str, ...], folder: Path, version: str) -> list[Entry]:
    """Each format of ``unit`` issued (its own number and register entry) and written atomically."""
    entries = []
    for fmt in formats:
        try:
            issued = issuer.issue(
                unit.document, unit.model, Order(format=fmt, issued_by="batch", request_id=folder.name)
            )
        except InputError as error:
            entries.extend(_failed(unit, (fmt,), INPUT, error.problems))
            continue
        except KagazError as error:
            entries.extend(_failed(unit, (fmt,), SYSTEM, _problems(error, "conversion")))
            continue
        rendered = issued.rendered
        entries.append(_written(unit, fmt, rendered.content, rendered.template, folder, version, issued.number))
    return entries


def _written(
    unit: plan.Unit,
    fmt: str,
    content: bytes,
    template: TemplateVersion,
    folder: Path,
    version: str,
    number: str | None = None,
) -> Entry:
    """``content`` written atomically under the unit's file name, and the manifest entry that records it."""
    name = unit.filename(fmt)
    write_atomically(folder / name, content)
    return Entry(
        unit.source,
        unit.document,
        OK,
        file=name,
        format=fmt,
        size=len(content),
        sha256=sha256(content),
        template=template.label,
        fingerprint=plan.fingerprint(unit.input_sha256, template.sha256, fmt, version),
        number=number,
    )


def _current(entry: Entry, fingerprint: str, folder: Path) -> bool:
    """The recorded output has this fingerprint and its file is still exactly what was recorded."""
    if entry.fingerprint != fingerprint or entry.file is None:
        return False
    path = folder / entry.file
    try:
        if path.stat().st_size != entry.size:
            return False
        return sha256(path.read_bytes()) == entry.sha256
    except OSError:
        return False


def _skipped(earlier: Entry, unit: plan.Unit) -> Entry:
    return Entry(
        unit.source,
        unit.document,
        SKIPPED,
        file=earlier.file,
        format=earlier.format,
        size=earlier.size,
        sha256=earlier.sha256,
        template=earlier.template,
        fingerprint=earlier.fingerprint,
        number=earlier.number,
    )


def _failed(
    unit: plan.Unit, formats: Sequence[str], failure: str, problems: Sequence[Problem], template: str | None = None
) -> list[Entry]:
    return [
        Entry(
            unit.source, unit.document, ERROR, format=fmt, template=template, failure=failure, errors=records(problems)
        )
        for fmt in formats
    ]


def _input_error(item: Item) -> Entry:
    return Entry(item.source, REPORT, ERROR, failure=INPUT, errors=records(item.problems))


def _problems(error: Exception, place: str) -> list[Problem]:
    found = getattr(error, "problems", None)
    if found:
        return list(found)
    code = {
        "ConversionTimeout": "conversion_timeout",
        "PoolUnavailable": "pool_unavailable",
        "ConversionFailed": "conversion_failed",
    }.get(type(error).__name__, "batch_system_error")
    return [Problem(place, code, str(error), {"error": str(error)})]


def _generalized(engine: Engine, items: Sequence[Item]) -> tuple[BaseModel | None, list[Problem]]:
    """The generalized report's model from every valid report, or why there is none."""
    valid = [item for item in items if item.valid]
    if not valid:
        return None, [Problem("(batch)", "batch_no_valid_reports", "no valid report: the generalized report needs one")]
    try:
        # The reports' models, not their data: each was validated (its images decoded and cleaned) once
        # already; pydantic takes model instances as they are, and checks only what the batch adds.
        return engine.load(GENERALIZED, {"reports": [item.model for item in valid]}), []
    except InputError as error:
        return None, list(error.problems)


def _stem(engine: Engine, document: str, model: BaseModel) -> str:
    from service.documents import get_kind
    from service.engine import file_stem

    return file_stem(engine.registry.for_document(document), get_kind(document).filename_fields(model))


def _active_template(engine: Engine, document: str) -> TemplateVersion:
    return engine.registry.active(engine.registry.for_document(document).name)


def _default_workers(engine: Engine) -> int:
    pool = engine.pool
    size = getattr(getattr(pool, "options", None), "size", None) or os.cpu_count() or 1
    return size + 1
