"""What a batch reads: files, ZIP entries or JSON records → one ``Item`` per progress report. Pure.

Each input is a ``Source``: a name to show (a file name, a ZIP entry, ``reports[3]``) and its bytes. The
name is only ever shown: outputs are named from the validated report, never from what a user called a
file. A JSON source holds one report, or a list of reports (each becomes its own item, ``name[i]``); a
spreadsheet source (``.xlsx``, ``.csv``) holds one report, read by ``service.spreadsheets``, so its
validation errors name cells (``Иш-чаралар!F7``) instead of field paths.

``check`` validates every item with the engine's one ``load``, and adds what only a batch can see: a
report of another year than the batch's, and an organization reported twice. A bad item keeps its
problems and the rest go on.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from service.errors import InputError, MalformedRequest, PayloadTooLarge, Problem, json_problem

if TYPE_CHECKING:
    from pydantic import BaseModel

    from service.documents.reference import Reference
    from service.spreadsheets import Imported

REPORT = "progress-report"
GENERALIZED = "generalized-report"
JSON_SUFFIXES = (".json",)
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".xls", ".ods")  # the reader explains the last two
SUFFIXES = JSON_SUFFIXES + SPREADSHEET_SUFFIXES


@dataclass(frozen=True)
class Source:
    """One input as read: the name it is shown by and its bytes."""

    name: str
    content: bytes

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.name).suffix.lower()


@dataclass(frozen=True)
class Item:
    """One report of the batch: its data and, once checked, its model; or the problems that stop it."""

    source: str
    sha256: str  # of the input's bytes (of its canonical JSON for a record of a list)
    data: Any = None
    imported: Imported | None = None  # a spreadsheet's places, to name cells in problems
    model: BaseModel | None = None
    problems: tuple[Problem, ...] = field(default_factory=tuple)

    @property
    def valid(self) -> bool:
        return self.model is not None and not self.problems

    def located(self, problems: Iterable[Problem]) -> tuple[Problem, ...]:
        """Problems with field paths rewritten to cells when the item came from a spreadsheet."""
        problems = list(problems)
        return tuple(self.imported.relocate(problems) if self.imported is not None else problems)


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def canonical_json(value: Any) -> bytes:
    """One byte form per JSON value, so that a record's hash does not depend on key order or spacing."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def read_folder(folder: Path) -> list[Source]:
    """Every report file of ``folder`` (not its sub-folders), by name; hidden and other files are left alone."""
    found = []
    for path in sorted(folder.iterdir(), key=lambda path: path.name):
        if path.name.startswith(".") or path.suffix.lower() not in SUFFIXES or not path.is_file():
            continue
        found.append(Source(path.name, path.read_bytes()))
    return found


def read_path(path: Path) -> list[Source]:
    """A folder of report files, or one file (a JSON report or list of reports, or a workbook)."""
    if path.is_dir():
        return read_folder(path)
    return [Source(path.name, path.read_bytes())]


def display_name(name: str, fallback: str = "upload") -> str:
    """A client's file name as it may be shown: its last component, printable, at most 200 characters.

    It is never used as a path: stored inputs are numbered, outputs named from the validated report."""
    last = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in last if ch.isprintable()).strip()
    return cleaned[:200] or fallback


def _skipped_entry(name: str) -> bool:
    """Folders, and what archivers add on their own (``__MACOSX/``, ``.DS_Store``): not reports, not errors."""
    return name.endswith("/") or name.startswith("__MACOSX/") or display_name(name).startswith(".")


def sources_from_zip(content: bytes, max_entries: int, max_entry_bytes: int, max_total_bytes: int) -> list[Source]:
    """The report files of an uploaded ZIP, read in memory and checked before trusting any header.

    Refused whole (``InputError``) if it is not a ZIP, is encrypted, has more than ``max_entries`` reports,
    an entry that is not a ``.json``/``.xlsx``/``.csv`` report, an entry over ``max_entry_bytes`` or in all
    more than ``max_total_bytes`` once unpacked. Sizes are counted while reading, not taken from the
    headers, which a crafted archive can fake. Nothing is extracted: entry names are only shown."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = [info for info in archive.infolist() if not _skipped_entry(info.filename)]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise InputError(Problem("file", "batch_zip_damaged", f"not a readable ZIP: {error}")) from None
    if not infos:
        raise InputError(Problem("file", "batch_zip_empty", "the ZIP has no report files"))
    if len(infos) > max_entries:
        raise PayloadTooLarge(
            Problem("file", "batch_too_many", f"{len(infos)} files; at most {max_entries}", {"limit": max_entries})
        )
    problems = [
        Problem(display_name(info.filename), "batch_zip_entry_type", "not a .json, .xlsx or .csv report")
        for info in infos
        if PurePosixPath(info.filename).suffix.lower() not in SUFFIXES
    ]
    problems += [
        Problem(display_name(info.filename), "batch_zip_encrypted", "the entry is encrypted")
        for info in infos
        if info.flag_bits & 0x1
    ]
    if problems:
        raise InputError(problems)
    sources, total = [], 0
    for info in infos:
        name = display_name(info.filename)
        try:
            with archive.open(info) as stream:
                data = stream.read(max_entry_bytes + 1)
        except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, ValueError) as error:
            raise InputError(Problem(name, "batch_zip_damaged", f"cannot be unpacked: {error}")) from None
        total += len(data)
        if len(data) > max_entry_bytes or total > max_total_bytes:
            limit = max_entry_bytes if len(data) > max_entry_bytes else max_total_bytes
            raise PayloadTooLarge(Problem(name, "too_large", f"over {limit} bytes unpacked", {"limit": limit}))
        sources.append(Source(name, data))
    return sources


def sources_from_records(records: list[Any]) -> list[Source]:
    """A JSON list of reports (the API's body) as one source per report, named ``reports[i]``."""
    try:
        return [Source(f"reports[{index}].json", canonical_json(record)) for index, record in enumerate(records)]
    except (ValueError, RecursionError):
        raise MalformedRequest(json_problem("body", RecursionError())) from None


def parse(source: Source, reference: Reference) -> list[Item]:
    """The reports a source holds, each with its raw data or the problems that stop reading it."""
    digest = sha256(source.content)
    if source.suffix in SPREADSHEET_SUFFIXES:
        from service import spreadsheets

        try:
            imported = spreadsheets.read(REPORT, source.content, source.name, reference)
        except InputError as error:
            return [Item(source.name, digest, problems=tuple(error.problems))]
        return [Item(source.name, digest, data=imported.data, imported=imported)]
    try:
        value = json.loads(source.content.decode("utf-8"))
    # ValueError: bad JSON, bad UTF-8, or a number past Python's digit limit; RecursionError: nested too deep
    except (ValueError, RecursionError) as error:
        return [Item(source.name, digest, problems=(json_problem("(document)", error, source.content),))]
    if isinstance(value, list):
        return [
            Item(f"{source.name}[{index}]", sha256(canonical_json(record)), data=record)
            for index, record in enumerate(value)
        ]
    return [Item(source.name, digest, data=value)]


def parse_all(sources: Iterable[Source], reference: Reference) -> list[Item]:
    return [item for source in sources for item in parse(source, reference)]


def check(items: Iterable[Item], load: Callable[[str, Any], BaseModel], year: int) -> list[Item]:
    """Validate each unread-problem-free item; flag reports of another year and organizations reported twice.

    ``load`` is ``engine.load``. The first report of an organization (in input order) is kept; a later one
    is refused with the name of the first, since the generalized report counts each organization once.
    """
    checked: list[Item] = []
    first_of: dict[str, str] = {}
    for item in items:
        if item.problems:
            checked.append(item)
            continue
        try:
            model = load(REPORT, item.data)
        except InputError as error:
            checked.append(replace(item, problems=item.located(error.problems)))
            continue
        report_year = getattr(model, "year", None)
        organization = getattr(model, "organization", None)
        organization_id = getattr(organization, "id", None)
        if report_year != year:
            problem = Problem(
                "year",
                "batch_wrong_year",
                f"the report is for {report_year}, the batch for {year}",
                {"year": report_year, "expected": year},
            )
            checked.append(replace(item, problems=item.located([problem])))
        elif organization_id in first_of:
            problem = Problem(
                "organization",
                "batch_duplicate_organization",
                f"{organization.name} is reported twice; the report in {first_of[organization_id]} is used",
                {"organization": organization.name, "first": first_of[organization_id]},
            )
            checked.append(replace(item, problems=item.located([problem])))
        else:
            first_of[organization_id] = item.source
            checked.append(replace(item, model=model))
    return checked
