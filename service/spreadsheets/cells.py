"""Where each value of an imported spreadsheet came from, and errors re-addressed from field paths to cells.

The reader records a ``CellPlace`` for every field path it fills; when validation (``engine.load``) reports
``sections[1].measures[0].deadline``, ``Imported.located`` rewrites it to ``Иш-чаралар!F7`` and adds the
sheet, row, column and header as message parameters, so the page and the CLI can say all four.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from service.errors import InputError, Problem

_PATH_TAIL = re.compile(r"(\.[^.\[\]]+|\[\d+\])$")

DATE_CODES = frozenset({"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"})
"""pydantic's date errors: the JSON API's words say ЖЖЖЖ-АА-КК, a cell is typed 15.01.2026 (``sheet_date``)."""


@dataclass(frozen=True)
class CellPlace:
    """Where a value was read: a cell, a whole row (``column`` None) or a whole sheet (``row`` None)."""

    sheet: str
    row: int | None = None
    column: str | None = None
    header: str | None = None

    @property
    def location(self) -> str:
        if self.row is None:
            return self.sheet
        if self.column is None:
            return f"{self.sheet}!{self.row}:{self.row}"
        return f"{self.sheet}!{self.column}{self.row}"

    def params(self) -> dict[str, object]:
        found = {"sheet": self.sheet, "row": self.row, "column": self.column, "header": self.header}
        return {key: value for key, value in found.items() if value is not None}


@dataclass
class Imported:
    """What a spreadsheet holds, as the JSON API's dict, and the place of every field path in it."""

    document: str
    data: dict[str, Any]
    places: dict[str, CellPlace] = field(default_factory=dict)

    def place(self, path: str) -> CellPlace | None:
        """The place of ``path`` or of its nearest parent (``responsible[2]`` → the responsible cell)."""
        while path:
            if path in self.places:
                return self.places[path]
            shorter = _PATH_TAIL.sub("", path)
            if shorter == path:
                break
            path = shorter
        return self.places.get("(document)")

    def relocate(self, problems: list[Problem]) -> list[Problem]:
        located = []
        for item in problems:
            place = self.place(item.location)
            if place is None:
                located.append(item)
            else:
                params = {**item.params, **place.params()}
                if item.code in DATE_CODES:  # a cell's date is typed 15.01.2026, not as the JSON API's
                    located.append(Problem(place.location, "sheet_date", item.message, params))
                else:
                    located.append(replace(item, location=place.location, params=params))
        return located

    @contextmanager
    def located(self) -> Iterator[dict[str, Any]]:
        """Yield the data; an ``InputError`` raised inside names cells instead of field paths."""
        try:
            yield self.data
        except InputError as error:
            raise type(error)(self.relocate(error.problems)) from None  # the same class: the same kind
