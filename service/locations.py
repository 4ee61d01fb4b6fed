"""A problem's place in words: ``measures[0].status`` or ``Иш-чаралар!C2`` as a person says it.

The API keeps its machine ``location`` (``sections[2].measures[0].deadline``) for programs; beside it, the
batch page and the batch API show the same place counted from one and named in the page's language
(«тизмедеги 1-иш-чара, абалы»; «“Иш-чаралар” барагы, 2-сап, C тилке»). The names come from the message
catalogue (``field_*``, ``item_*``, ``sheet_place_*``), so a translator edits them with the other texts.

Pure: a location and a language in, a phrase out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from service.catalogue import TEXTS, translate

_CELL = re.compile(r"^(?P<sheet>.+)!(?P<column>[A-Z]{1,3})(?P<row>\d+)$")
_ROW = re.compile(r"^(?P<sheet>.+)!(?P<row>\d+)(?::\d+)?$")
_STEP = re.compile(r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?P<indexes>(?:\[\d+\])*)")
_INDEX = re.compile(r"\[(\d+)\]")
CSV_SHEET = "CSV"
NO_PLACE = ("", "(document)", "body", "file", "form", "document", "batch", "request", "path", "server")


def describe(location: str, language: str, params: Mapping[str, object] | None = None) -> str:
    """``location`` in words; ``""`` when the message alone says it (the whole file or request)."""
    location = (location or "").strip()
    if location in NO_PLACE:
        return ""
    match = _CELL.match(location) or _ROW.match(location)
    if match:
        parts = match.groupdict()
        shape = "cell" if parts.get("column") else "row"
        code = f"sheet_place_csv_{shape}" if parts["sheet"] == CSV_SHEET else f"sheet_place_{shape}"
        place = translate(code, language, parts, default=location)
        header = (params or {}).get("header")
        return f"{place} («{header}»)" if header else place
    return field_path(location, language)


def field_path(path: str, language: str) -> str:
    """``sections[2].measures[0].deadline`` → «3-бөлүм, тизмедеги 1-иш-чара, ишке ашыруу мөөнөтү»."""
    pieces: list[str] = []
    for step in path.split("."):
        match = _STEP.fullmatch(step)
        if match is None:
            return path  # not a field path: shown as it is rather than guessed at
        name = match.group("name")
        indexes = [int(number) for number in _INDEX.findall(match.group("indexes"))]
        if not indexes:
            pieces.append(field_name(name, language))
            continue
        for index in indexes:
            code = f"item_{name}" if f"item_{name}" in TEXTS else "item_other"
            pieces.append(translate(code, language, {"n": index + 1}))
    return ", ".join(pieces)


def field_name(name: str, language: str) -> str:
    """A field's meaning in ``language`` (its identifier when the catalogue does not know it)."""
    code = f"field_{name}"
    return translate(code, language) if code in TEXTS else name
