"""What a batch must make, and when an output already made is still good. Pure.

A ``Unit`` is one document to render (a progress report, or the generalized report of every valid one)
in one or more formats. Each output has a **fingerprint**: the sha256 of the input's content hash, the
template version's sha256, the format and Kagaz's version. An output is *up to date* when the manifest
holds an entry for its file with the same fingerprint, and the file on disk still has the size and sha256
that entry recorded (``runner`` checks the disk). Anything else is redone: a changed input, a newly
activated template, an upgrade of Kagaz, a missing or damaged file.

File names come from the templates' file-name patterns filled from the *validated* report (the year, the
organization's name), as a single document from the API is named, and are made safe to be one path
component: no separators, no leading dot, at most ``MAX_NAME_BYTES`` of UTF-8.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pydantic import BaseModel

from service.batch.inputs import GENERALIZED, REPORT, Item

MAX_NAME_BYTES = 220  # ext4 names hold 255 bytes: the stem, the extension and a temp file's ".…XXXXXXXX.part"
FORBIDDEN = set('/\\\x00:*?"<>|')


@dataclass(frozen=True)
class Unit:
    """One document the batch renders, and what it is made from."""

    document: str
    source: str  # shown in the manifest: an input's name, or "(N reports)" for the generalized report
    model: BaseModel
    stem: str
    input_sha256: str

    def filename(self, format: str) -> str:
        """The output's name: ``stem.pdf``, ``stem.docx``; a PDF/A is ``stem.pdfa.pdf`` (beside the PDF)."""
        return f"{self.stem}.{'pdfa.pdf' if format == 'pdfa' else format}"


def fingerprint(input_sha256: str, template_sha256: str, format: str, version: str) -> str:
    """What an output depends on, as one hash: equal fingerprints mean the same output would be made."""
    text = "\n".join(("kagaz-batch/1", input_sha256, template_sha256, format, version))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def generalized_sha256(items: Sequence[Item]) -> str:
    """The generalized report's input hash: of the set of valid reports, in no particular order."""
    digests = sorted(item.sha256 for item in items)
    return hashlib.sha256("\n".join(digests).encode("ascii")).hexdigest()


def safe_stem(stem: str, fallback: str) -> str:
    """``stem`` as one path component: separators and control characters dropped, no leading dot or space,
    cut to ``MAX_NAME_BYTES`` (whole characters) leaving room for the extension."""
    cleaned = "".join(ch for ch in stem if ch not in FORBIDDEN and ch.isprintable()).strip().lstrip(".").strip()
    encoded = cleaned.encode("utf-8")[:MAX_NAME_BYTES]
    cleaned = encoded.decode("utf-8", errors="ignore").rstrip()
    return cleaned or fallback


def units(
    items: Sequence[Item],
    generalized: BaseModel | None,
    stem: Callable[[str, BaseModel], str],
) -> list[Unit]:
    """A unit per valid report, then the generalized report (if it could be built); names made unique.

    ``stem(document, model)`` is the template's file-name pattern filled from the model.
    """
    planned: list[Unit] = []
    valid = [item for item in items if item.valid]
    for item in valid:
        assert item.model is not None
        planned.append(
            Unit(REPORT, item.source, item.model, safe_stem(stem(REPORT, item.model), "report"), item.sha256)
        )
    if generalized is not None:
        planned.append(
            Unit(
                GENERALIZED,
                f"({len(valid)} reports)",
                generalized,
                safe_stem(stem(GENERALIZED, generalized), "generalized"),
                generalized_sha256(valid),
            )
        )
    return _unique(planned)


def _unique(planned: list[Unit]) -> list[Unit]:
    """Two units never share a file: a repeated stem gets `` (2)``, `` (3)`` … in input order."""
    seen: dict[str, int] = {}
    result = []
    for unit in planned:
        key = unit.stem.casefold()
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            unit = Unit(unit.document, unit.source, unit.model, f"{unit.stem} ({seen[key]})", unit.input_sha256)
        result.append(unit)
    return result


def longest_first(planned: Sequence[Unit]) -> list[Unit]:
    """The generalized report first: it takes longest, and starting it last would leave workers idle."""
    return sorted(planned, key=lambda unit: unit.document != GENERALIZED)
