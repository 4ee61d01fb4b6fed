"""A filled workbook or CSV file → the same dict the JSON API takes, and where each value came from.

``read`` is pure (bytes in, ``Imported`` out, or ``InputError``). It checks only what the spreadsheet adds:
sheets, headers, labels, drop-down values (an organization's name, a measure number), the order of sections.
Everything else is left to the one validation every entry point uses (``engine.load``): ``Imported.located``
turns the field paths of its errors (``sections[1].measures[0].deadline``) back into cells
(``Иш-чаралар!F7``), so a clerk is told the sheet, row and column to fix.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from service.documents.reference import Reference
from service.errors import InputError, Problem
from service.spreadsheets.files import Book, Sheet, problem, read_book
from service.spreadsheets.layouts import (
    FORM_HEADERS,
    LAYOUTS,
    NO_WORDS,
    YES_WORDS,
    Field,
    Kind,
    Layout,
    TableSheet,
    normalize,
)
from service.spreadsheets.places import Imported, Place

_DATE_FORMS = (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$"))


def read(document: str, content: bytes, filename: str, reference: Reference) -> Imported:
    """Read an uploaded ``.xlsx`` or ``.csv`` for ``document``; every spreadsheet problem raised at once."""
    layout = LAYOUTS.get(document)
    if layout is None:
        raise InputError(
            Problem("document", "unknown_document", f"no spreadsheet for {document!r}", {"value": document})
        )
    book = read_book(content, filename, layout)
    reader = _Reader(layout, book, reference)
    data = reader.plan() if document == "action-plan" else reader.report()
    if reader.problems:
        raise InputError(reader.problems)
    return Imported(document, data, reader.places)


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


@dataclass
class _Row:
    """A table row's values by column key, and the place of each."""

    number: int
    values: dict[str, Any]
    places: dict[str, Place]

    def filled(self, *keys: str) -> bool:
        return any(self.values.get(key) is not None for key in keys)


class _Reader:
    def __init__(self, layout: Layout, book: Book, reference: Reference) -> None:
        self.layout = layout
        self.book = book
        self.reference = reference
        self.problems: list[Problem] = []
        self.places: dict[str, Place] = {}

    # --------------------------------------------------------------------------------- sheets
    def sheet(self, name: str, required: bool = True) -> Sheet | None:
        found = self.book.get(normalize(name))
        if found is None and required:
            have = ", ".join(f"«{sheet.name}»" for sheet in self.book.values()) or "—"
            self.problems.append(problem("sheet_missing", f"no sheet «{name}»", name, sheet=name, found=have))
        elif found is not None and not found.rows and required:
            self.problems.append(problem("sheet_empty", f"the sheet «{name}» is empty", found.name, sheet=name))
        return found

    def form(self) -> dict[str, Any]:
        """The form sheet's fields into a nested dict; every field gets a place, found or not."""
        spec = self.layout.form
        sheet = self.sheet(spec.name)
        data: dict[str, Any] = {}
        for item in spec.fields:  # parents exist, so a blank field is reported at its own path
            parents = item.key.split(".")[:-1]
            target = data
            for part in parents:
                target = target.setdefault(part, {})
            self.places[item.key] = Place(sheet.name if sheet else spec.name, header=item.label)
        if sheet is None:
            return data
        fields = {normalize(item.label): item for item in spec.fields}
        seen: dict[str, int] = {}
        for number, values in sheet.rows:
            label = normalize(values[0]) if values else ""
            if label in ("", normalize(FORM_HEADERS[0])):
                continue
            item = fields.get(label)
            place = Place(sheet.name, number, "A", values[0] if isinstance(values[0], str) else None)
            if item is None:
                self.problems.append(problem("sheet_unknown_label", "unknown label", place.location, value=values[0]))
                continue
            if item.key in seen:
                self.problems.append(
                    problem(
                        "sheet_duplicate_label", "label twice", place.location, value=item.label, first=seen[item.key]
                    )
                )
                continue
            seen[item.key] = number
            place = Place(sheet.name, number, "B", item.label)
            self.places[item.key] = place
            value = self.convert(item, values[1] if len(values) > 1 else None, place)
            if value is not None:
                _put(data, item.key, value)
        return data

    def table(self, spec: TableSheet, counted: tuple[str, ...] = ()) -> list[_Row]:
        """The table's rows that have any of the ``counted`` columns (default: any column) filled.

        The first filled row is the header; missing and unknown headers are reported at its place.
        """
        sheet = self.sheet(spec.name, spec.required)
        if sheet is None or not sheet.rows:
            return []
        header_number, header = sheet.rows[0]
        by_label = {normalize(column.label): column for column in spec.columns}
        positions: dict[str, int] = {}
        for index, value in enumerate(header):
            if value is None:
                continue
            column = by_label.get(normalize(value))
            where = f"{sheet.name}!{_letter(index)}{header_number}"
            if column is None:
                self.problems.append(problem("sheet_unknown_column", "unknown column", where, value=value))
            elif column.key in positions:
                self.problems.append(problem("sheet_duplicate_column", "column twice", where, value=column.label))
            else:
                positions[column.key] = index
        missing = [column.label for column in spec.columns if column.required and column.key not in positions]
        if missing:
            where = f"{sheet.name}!{header_number}:{header_number}"
            names = ", ".join(f"«{label}»" for label in missing)
            self.problems.append(problem("sheet_missing_columns", f"missing columns {names}", where, columns=names))
            return []
        rows = []
        for number, values in sheet.rows[1:]:
            row = _Row(number, {}, {})
            for column in spec.columns:
                index = positions.get(column.key)
                if index is None or column.kind is Kind.INFO:
                    continue
                place = Place(sheet.name, number, _letter(index), column.label)
                row.places[column.key] = place
                raw = values[index] if index < len(values) else None
                row.values[column.key] = self.convert(column, raw, place)
            if row.filled(*(counted or row.values)):
                rows.append(row)
        if spec.required and not rows:
            self.problems.append(problem("sheet_no_rows", "no filled rows", sheet.name, sheet=spec.name))
        return rows

    # --------------------------------------------------------------------------------- values
    def convert(self, item: Field, value: Any, place: Place) -> Any:
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
            return _date(value)
        if kind is Kind.YES_NO:
            word = normalize(value)
            return True if word in YES_WORDS else False if word in NO_WORDS else value
        if kind is Kind.ORGANIZATION:
            return self.organization(value, place)
        if isinstance(value, bool):
            return value
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, dt.date):
            return value.strftime("%d.%m.%Y")
        return str(value) if kind in (Kind.TEXT, Kind.STATUS) else value

    def organization(self, value: Any, place: Place) -> dict[str, Any] | None:
        wanted = normalize(value)
        for organization in self.reference.organizations.values():
            if wanted in (normalize(organization.name), normalize(organization.id)):
                return organization.model_dump(mode="json", exclude={"parent"})  # who controls it: not the report's
        self.problems.append(problem("sheet_unknown_organization", "not in the registry", place.location, value=value))
        return None

    # --------------------------------------------------------------------------------- documents
    def plan(self) -> dict[str, Any]:
        data = self.form()
        spec = self.layout.tables[0]
        sections: list[dict[str, Any]] = []
        seen: dict[int, int] = {}
        for row in self.table(spec):
            number = row.values.get("section")
            title = row.values.get("section_title")
            if number is None and sections:
                number = sections[-1]["number"]
            elif number is None:
                number = 1
                self.problems.append(
                    problem("missing", "the first row needs its section number", row.places["section"].location)
                )
            if not sections or number != sections[-1]["number"]:
                expected = len(sections) + 1
                if number != expected:
                    self.problems.append(
                        problem(
                            "sheet_section_order",
                            "sections out of order",
                            row.places["section"].location,
                            value=number,
                            expected=expected,
                        )
                    )
                index = len(sections)
                sections.append({"number": number, "measures": []})
                self.places[f"sections[{index}]"] = row.places["section"]
                self.places[f"sections[{index}].number"] = row.places["section"]
                self.places[f"sections[{index}].title"] = row.places.get("section_title", row.places["section"])
            section, index = sections[-1], len(sections) - 1
            if title is not None:
                if "title" in section and normalize(section["title"]) != normalize(title):
                    self.problems.append(
                        problem(
                            "sheet_section_title_conflict",
                            "another title",
                            row.places["section_title"].location,
                            value=number,
                        )
                    )
                elif "title" not in section:
                    section["title"] = title
                    self.places[f"sections[{index}].title"] = row.places["section_title"]
            measure_index = len(section["measures"])
            prefix = f"sections[{index}].measures[{measure_index}]"
            measure = {key: value for key, value in row.values.items() if key not in ("section", "section_title")}
            section["measures"].append({key: value for key, value in measure.items() if value is not None})
            self._place_row(prefix, row, ("section", "section_title"))
            self._once(seen, measure.get("number"), row.places.get("number"), row.number)
        data["sections"] = sections
        self.places["(document)"] = Place(self.sheet_name(spec))
        return data

    def report(self) -> dict[str, Any]:
        data = self.form()
        measures_spec, indicators_spec = self.layout.tables
        plan_numbers = [measure.number for measure in self.reference.plan.measures()]
        measures: list[dict[str, Any]] = []
        index_of: dict[Any, int] = {}
        seen: dict[int, int] = {}
        # A blank lists every measure of the plan; only the rows with something reported count.
        for row in self.table(measures_spec, counted=("status", "done", "problems", "next_steps")):
            number = row.values.get("measure")
            if isinstance(number, int) and number not in plan_numbers:
                self.problems.append(
                    problem(
                        "sheet_unknown_measure",
                        "not in the plan",
                        row.places["measure"].location,
                        value=number,
                        first=min(plan_numbers),
                        last=max(plan_numbers),
                    )
                )
            self._once(seen, number, row.places.get("measure"), row.number)
            prefix = f"measures[{len(measures)}]"
            self._place_row(prefix, row)
            self.places[prefix] = row.places.get("done", row.places["measure"])  # the row's own rule is about «done»
            index_of.setdefault(number, len(measures))
            measures.append({key: value for key, value in row.values.items() if value is not None} | {"indicators": []})
        for row in self.table(indicators_spec, counted=("name", "unit", "value", "target")):
            number = row.values.get("measure")
            if number not in index_of:
                self.problems.append(
                    problem(
                        "sheet_indicator_without_measure",
                        "no such measure reported",
                        row.places["measure"].location,
                        value=number,
                    )
                )
                continue
            indicators = measures[index_of[number]]["indicators"]
            self._place_row(f"measures[{index_of[number]}].indicators[{len(indicators)}]", row, ("measure",))
            indicators.append(
                {key: value for key, value in row.values.items() if key != "measure" and value is not None}
            )
        data["measures"] = measures
        self.places["measures"] = Place(self.sheet_name(measures_spec))
        self.places["(document)"] = Place(self.sheet_name(measures_spec))
        return data

    def _place_row(self, prefix: str, row: _Row, skip: tuple[str, ...] = ()) -> None:
        self.places.setdefault(prefix, Place(row.places[next(iter(row.places))].sheet, row.number))
        for key, place in row.places.items():
            if key not in skip:
                self.places[f"{prefix}.{key}"] = place

    def _once(self, seen: dict[int, int], number: Any, place: Place | None, row: int) -> None:
        if not isinstance(number, int) or place is None:
            return
        if number in seen:
            self.problems.append(
                problem("sheet_duplicate_measure", "twice", place.location, value=number, first=seen[number])
            )
        else:
            seen[number] = row

    def sheet_name(self, spec: TableSheet) -> str:
        found = self.book.get(normalize(spec.name))
        return found.name if found else spec.name


def _put(data: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value


def _date(value: Any) -> Any:
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
