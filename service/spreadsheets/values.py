"""What a cell holds: its value as the model takes it, a date typed as text, a merged range.

Pure functions of a cell (or a sheet's merged ranges), so the reader above only walks sheets and rows.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from service.errors import Problem
from service.spreadsheets.files import Sheet, problem
from service.spreadsheets.layouts import NO_WORDS, YES_WORDS, Field, Kind, TableSheet, normalize

_DATE_FORMS = (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$"))


def letter(index: int) -> str:
    """The column letter of a 0-based index (A for 0)."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def value_of(item: Field, value: Any) -> Any:
    """A cell value as the model takes it; what cannot be converted is passed on for the model to refuse."""
    if isinstance(value, str):
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        if not value.strip():
            return None
    if value is None:
        return None
    kind = item.kind
    if kind is Kind.LINES:
        return [line.strip() for line in str(value).split("\n") if line.strip()]
    if kind in (Kind.INTEGER, Kind.MEASURE):
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return int(value.strip()) if isinstance(value, str) and value.strip().isdigit() else value
    if kind is Kind.NUMBER:
        if isinstance(value, str):
            text = value.replace("\u00a0", "").replace(" ", "").replace(",", ".")
            try:
                return float(text)
            except ValueError:
                return value
        return value
    if kind is Kind.DATE:
        return date_of(value)
    if kind is Kind.YES_NO:
        word = normalize(value)
        return True if word in YES_WORDS else False if word in NO_WORDS else value
    if kind is Kind.ORGANIZATION:
        return value
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return str(value) if kind in (Kind.TEXT, Kind.STATUS) else value


def shown(value: Any) -> str:
    """A label or header as the clerk wrote it, without the required-mark: for places in messages."""
    return str(value).strip().rstrip("*: ").strip()


def merged_meaning(
    sheet: Sheet, spec: TableSheet, positions: dict[str, int], header_row: int
) -> tuple[dict[tuple[int, int], Any], set[int], list[Problem]]:
    """What the table's merged cells mean: ``(row, column index) → value`` to fill, and rows to skip.

    A cell merged down a grouping column (the plan's section number and title) stands for each row
    it spans, as a printed table means it. Any other merge cannot say which row or column its value
    belongs to: it is named, with its range, and the rows it covers are not read (no «measure None»).
    """
    fills: dict[tuple[int, int], Any] = {}
    covered: set[int] = set()
    problems: list[Problem] = []
    values = dict(sheet.rows)
    read = {index: key for key, index in positions.items()}
    for low_col, low_row, high_col, high_row in sheet.merged:
        columns = [read[index] for index in range(low_col - 1, high_col) if index in read]
        if high_row < header_row or not columns or (low_row == high_row and len(columns) < 2):
            continue  # outside the table, or within one column of one row: harmless
        if low_col == high_col and low_row > header_row and columns[0] in spec.fill_down:
            anchor = values.get(low_row, ())
            value = anchor[low_col - 1] if low_col - 1 < len(anchor) else None
            for number in range(low_row + 1, high_row + 1):
                fills[(number, low_col - 1)] = value
            continue
        where = f"{sheet.name}!{letter(low_col - 1)}{low_row}"
        cells = f"{letter(low_col - 1)}{low_row}:{letter(high_col - 1)}{high_row}"
        problems.append(problem("sheet_merged_cells", f"merged cells {cells}", where, cells=cells))
        covered |= set(range(low_row + 1, high_row + 1))
    return fills, covered, problems


def date_of(value: Any) -> Any:
    """A date cell, or a date typed as text (2026-01-15, 15.01.2026, 15/01/2026); else passed on as text."""
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time(0, 0) else value
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for form in _DATE_FORMS:
        match = form.match(text)
        if match:
            parts = [int(part) for part in match.groups()]
            year, month, day = parts if form is _DATE_FORMS[0] else parts[::-1]
            try:
                return dt.date(year, month, day)
            except ValueError:
                return text
    return text
