"""The batch's record of what it made: ``manifest.json`` (read back to resume), ``manifest.csv``, the ZIP.

Every output gets an ``Entry``: its source, file, size, sha256, template (``name@version``), status —
``ok``, ``error`` or ``skipped-up-to-date`` — and its errors with their places. ``manifest.json`` is
rewritten atomically after each document, and only ever lists a file after that file was renamed into
place (and stops listing it before it is redone), so a batch killed at any moment leaves a manifest whose
every ``ok`` entry matches its file byte for byte. That is what makes a second run safe to trust it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from service.atomic import PART_SUFFIX, atomic_stream, write_atomically
from service.errors import Problem

OK, ERROR, SKIPPED = "ok", "error", "skipped-up-to-date"
INPUT, SYSTEM = "input", "system"  # whose fault an error is: the input's (exit 1) or the machine's (exit 2)
JSON_NAME, CSV_NAME = "manifest.json", "manifest.csv"
CSV_COLUMNS = (
    "source",
    "document",
    "file",
    "format",
    "number",
    "size",
    "sha256",
    "template",
    "status",
    "error",
    "fingerprint",
)


@dataclass(frozen=True)
class Entry:
    """One output of the batch (or one input that produced none)."""

    source: str
    document: str | None
    status: str
    file: str | None = None
    format: str | None = None
    size: int | None = None
    sha256: str | None = None
    template: str | None = None
    fingerprint: str | None = None
    number: str | None = None  # the register number an issued output was given (none for a draft batch)
    failure: str | None = None
    errors: tuple[dict[str, Any], ...] = field(default_factory=tuple)

    @property
    def key(self) -> str:
        return self.file or f"{self.source}\n{self.document}\n{self.format}"

    @property
    def present(self) -> bool:
        """Whether the entry stands for a file on disk (made now or in an earlier run)."""
        return self.status in (OK, SKIPPED) and self.file is not None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["errors"] = list(self.errors)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entry:
        names = cls.__dataclass_fields__
        values = {key: value for key, value in data.items() if key in names}
        values["errors"] = tuple(values.get("errors") or ())
        return cls(**values)


def problem_record(problem: Problem) -> dict[str, Any]:
    """A problem as the manifest keeps it: JSON values only, so that it can be translated when shown."""
    params = {
        key: value if isinstance(value, int | float | str | bool) else str(value)
        for key, value in problem.params.items()
    }
    return {"location": problem.location, "code": problem.code, "message": problem.message, "params": params}


def records(problems: Iterable[Problem]) -> tuple[dict[str, Any], ...]:
    return tuple(problem_record(problem) for problem in problems)


def as_problem(record: dict[str, Any]) -> Problem:
    return Problem(record["location"], record["code"], record["message"], dict(record.get("params") or {}))


def now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def read_entries(folder: Path) -> dict[str, Entry]:
    """The present outputs an earlier run recorded, by file name; none if there is no readable manifest.

    A manifest that cannot be read (damaged by hand) is not an error: everything is then simply redone.
    """
    try:
        data = json.loads((folder / JSON_NAME).read_text(encoding="utf-8"))
        entries = [Entry.from_dict(item) for item in data["outputs"]]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return {entry.file: entry for entry in entries if entry.present and entry.file}


class Manifest:
    """The manifest of one run, kept in memory and written out whole and atomically on each change."""

    def __init__(self, folder: Path, header: dict[str, Any]) -> None:
        self.folder = folder
        self.header = dict(header)
        self.entries: dict[str, Entry] = {}

    def put(self, *entries: Entry) -> None:
        for entry in entries:
            self.entries[entry.key] = entry

    def counts(self) -> dict[str, int]:
        counts = {OK: 0, SKIPPED: 0, ERROR: 0}
        for entry in self.entries.values():
            counts[entry.status] = counts.get(entry.status, 0) + 1
        return counts

    def ordered(self) -> list[Entry]:
        return sorted(self.entries.values(), key=lambda entry: (entry.document != "generalized-report", entry.key))

    def to_json(self, complete: bool) -> bytes:
        body = {
            **self.header,
            "complete": complete,
            "written": now(),
            "counts": self.counts(),
            "outputs": [entry.as_dict() for entry in self.ordered()],
        }
        return json.dumps(body, ensure_ascii=False, indent=2).encode("utf-8")

    def to_csv(self) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        for entry in self.ordered():
            error = "; ".join(f"{item['location']}: {item['message']}" for item in entry.errors)
            values = {**entry.as_dict(), "error": error}
            writer.writerow(["" if values.get(column) is None else values[column] for column in CSV_COLUMNS])
        return buffer.getvalue().encode("utf-8-sig")  # the BOM lets Excel read the Cyrillic right

    def write(self, complete: bool = False) -> None:
        """``manifest.json`` now; with ``complete``, ``manifest.csv`` too."""
        write_atomically(self.folder / JSON_NAME, self.to_json(complete))
        if complete:
            write_atomically(self.folder / CSV_NAME, self.to_csv())


def write_zip(path: Path, folder: Path, names: Iterable[str]) -> None:
    """A ZIP of ``folder``'s files ``names`` (flat), written atomically to ``path``."""
    with atomic_stream(path) as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.write(folder / name, arcname=name)


def remove_leftovers(folder: Path) -> list[str]:
    """Delete the temp files a killed run left (``.<name>.<random>.part``); they were never renamed into place."""
    removed = []
    for path in folder.glob(f".*{PART_SUFFIX}"):
        if path.is_file():
            path.unlink(missing_ok=True)
            removed.append(path.name)
    return removed
