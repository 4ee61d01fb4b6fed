"""A filled workbook or CSV file → the same dict the JSON API takes, and where each value came from.

``read`` is pure (bytes in, ``Imported`` out, or ``InputError``). It checks only what the spreadsheet adds:
sheets, headers, labels, drop-down values (an organization's name, a measure number), the order of sections.
Everything else is left to the one validation every entry point uses (``engine.load``): ``Imported.located``
turns the field paths of its errors (``sections[1].measures[0].deadline``) back into cells
(``Иш-чаралар!F7``), so a clerk is told the sheet, row and column to fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from service import documents
from service.documents.reference import Reference
from service.errors import InputError, Problem
from service.spreadsheets import csvfiles, recognition
from service.spreadsheets import values as cell
from service.spreadsheets.cells import CellPlace, Imported
from service.spreadsheets.files import Book, Grid, Sheet, problem, read_xlsx, sniff
from service.spreadsheets.layouts import (
    FORM_HEADERS_BY_LANGUAGE,
    LAYOUTS,
    Field,
    FormSheet,
    Kind,
    Layout,
    TableSheet,
    normalize,
)


def read(document: str, content: bytes, filename: str, reference: Reference) -> Imported:
    """Read an uploaded ``.xlsx`` or ``.csv`` for ``document``; every problem of the file raised at once.

    Every problem means the spreadsheet's own (sheets, headers, drop-down values) *and* the model's (an
    empty required field, a date out of range), placed on cells: a clerk who uploads the blank workbook is
    told every empty field and the empty table in one answer, not in rounds. A file that is plainly another
    document's workbook is one problem saying so, not that document's many misleading ones.
    """
    layout = LAYOUTS.get(document)
    if layout is None:
        raise InputError(
            Problem("document", "unknown_document", f"no spreadsheet for {document!r}", {"value": document})
        )
    if sniff(content, filename) == "xlsx":
        grid = Grid(sheets=read_xlsx(content))
    else:
        grid = Grid(records=csvfiles.read_records(content))
    books = {name: recognition.book_for(grid, other) for name, other in LAYOUTS.items()}
    found = recognition.recognize(books)
    if found is not None and found != document:
        raise InputError(
            Problem("document", f"sheet_document_is_{found.replace('-', '_')}", f"the file is a {found} workbook")
        )
    book = books[document]
    reader = _Reader(layout, book, reference, csv=grid.is_csv)
    reader.sheet_problems()
    data = reader.plan() if document == "action-plan" else reader.report()
    imported = Imported(document, data, reader.places)
    if reader.problems:
        raise InputError(reader.problems + _model_problems(imported, reference, reader.problems))
    return imported


def _model_problems(imported: Imported, reference: Reference, found: list[Problem]) -> list[Problem]:
    """The model's problems with the data read so far, placed on cells, without repeating ``found``.

    A problem the spreadsheet check already made (the same cell), or one about a sheet the check already
    refused as a whole (missing, empty, without its columns), adds nothing but noise, and is left out.
    """
    try:
        with imported.located():
            documents.load(imported.document, imported.data, reference)
    except InputError as error:
        places = {item.location for item in found}
        cut_short = {item.location.split("!")[0] for item in found if item.code == "sheet_too_many_rows"}
        for item in found:
            if item.code in _WHOLE_SHEET:
                places |= {item.location.split("!")[0], str(item.params.get("part", ""))}
        return [
            item
            for item in error.problems
            if item.location not in places and item.location.split("!")[0] not in cut_short
        ]
    return []


_WHOLE_SHEET = frozenset(
    {"sheet_missing", "sheet_empty", "sheet_no_rows", "sheet_missing_columns", "sheet_csv_missing_part"}
)


@dataclass
class _Row:
    """A table row's values by column key, and the place of each."""

    number: int
    values: dict[str, Any]
    places: dict[str, CellPlace]

    def filled(self, *keys: str) -> bool:
        return any(self.values.get(key) is not None for key in keys)


class _Reader:
    def __init__(self, layout: Layout, book: Book, reference: Reference, csv: bool = False) -> None:
        self.layout = layout
        self.book = book
        self.reference = reference
        self.csv = csv
        self.language = recognition.language(book, layout)
        self.problems: list[Problem] = []
        self.places: dict[str, CellPlace] = {}

    # --------------------------------------------------------------------------------- sheets
    def sheet_problems(self) -> None:
        """The problems of the cells of the sheets this document reads (errors, formulas without values)."""
        seen: set[int] = set()
        for sheet in self.book.values():
            if id(sheet) not in seen:
                seen.add(id(sheet))
                self.problems.extend(sheet.problems)

    def sheet(self, spec: FormSheet | TableSheet, required: bool = True) -> Sheet | None:
        found = self.book.get(normalize(spec.name))
        name = spec.name_in(self.language)
        if found is None and required and self.csv:
            have = ", ".join(f"«{self.layout_name(key)}»" for key in self.book) or "—"
            self.problems.append(problem("sheet_csv_missing_part", f"no «{name}» part", "file", part=name, found=have))
        elif found is None and required:
            have = ", ".join(f"«{sheet.name}»" for sheet in self.book.values()) or "—"
            self.problems.append(problem("sheet_missing", f"no sheet «{name}»", name, sheet=name, found=have))
        elif found is not None and not found.rows and required:
            self.problems.append(problem("sheet_empty", f"the sheet «{name}» is empty", found.name, sheet=name))
        return found

    def layout_name(self, key: str) -> str:
        spec = next(spec for spec in self.layout.sheets() if normalize(spec.name) == key)
        return spec.name_in(self.language)

    def form(self) -> dict[str, Any]:
        """The form sheet's fields into a nested dict; every field gets a place, found or not."""
        spec = self.layout.form
        sheet = self.sheet(spec)
        data: dict[str, Any] = {}
        for item in spec.fields:  # parents exist, so a blank field is reported at its own path
            parents = item.key.split(".")[:-1]
            target = data
            for part in parents:
                target = target.setdefault(part, {})
            where = sheet.name if sheet else spec.name_in(self.language)
            self.places[item.key] = CellPlace(where, header=item.label_in(self.language))
        if sheet is None:
            return data
        fields = {normalize(label): item for item in spec.fields for label in item.labels}
        headers = {normalize(words[0]) for words in FORM_HEADERS_BY_LANGUAGE.values()}
        seen: dict[str, int] = {}
        for number, values in sheet.rows:
            label = normalize(values[0]) if values else ""
            if label == "" or label in headers:
                continue
            item = fields.get(label)
            shown = cell.shown(values[0])
            place = CellPlace(sheet.name, number, "A", shown)
            if item is None:
                self.problems.append(problem("sheet_unknown_label", "unknown label", place.location, value=values[0]))
                continue
            if item.key in seen:
                self.problems.append(
                    problem("sheet_duplicate_label", "label twice", place.location, value=shown, first=seen[item.key])
                )
                continue
            seen[item.key] = number
            place = CellPlace(sheet.name, number, "B", shown)
            self.places[item.key] = place
            value = self.convert(item, values[1] if len(values) > 1 else None, place)
            if value is not None:
                _put(data, item.key, value)
        return data

    def table(self, spec: TableSheet, counted: tuple[str, ...] = ()) -> list[_Row]:
        """The table's rows that have any of the ``counted`` columns (default: any column) filled.

        The first filled row is the header; missing and unknown headers are reported at its place.
        """
        sheet = self.sheet(spec, spec.required)
        if sheet is None or not sheet.rows:
            return []
        header_number, header = sheet.rows[0]
        by_label = {normalize(label): column for column in spec.columns for label in column.labels}
        positions: dict[str, int] = {}
        for index, value in enumerate(header):
            if value is None:
                continue
            column = by_label.get(normalize(value))
            where = f"{sheet.name}!{cell.letter(index)}{header_number}"
            if column is None:
                self.problems.append(problem("sheet_unknown_column", "unknown column", where, value=value))
            elif column.key in positions:
                self.problems.append(problem("sheet_duplicate_column", "column twice", where, value=cell.shown(value)))
            else:
                positions[column.key] = index
        missing = [column for column in spec.columns if column.required and column.key not in positions]
        if missing:
            where = f"{sheet.name}!{header_number}:{header_number}"
            names = ", ".join(f"«{column.label_in(self.language)}»" for column in missing)
            self.problems.append(problem("sheet_missing_columns", f"missing columns {names}", where, columns=names))
            return []
        fills, covered, merged = cell.merged_meaning(sheet, spec, positions, header_number)
        self.problems.extend(merged)
        headers = {key: cell.shown(header[index]) for key, index in positions.items()}
        rows = []
        for number, values in sheet.rows[1:]:
            if number in covered:
                continue
            row = _Row(number, {}, {})
            for column in spec.columns:
                index = positions.get(column.key)
                if index is None or column.kind is Kind.INFO:
                    continue
                place = CellPlace(sheet.name, number, cell.letter(index), headers[column.key])
                row.places[column.key] = place
                raw = values[index] if index < len(values) else None
                raw = fills.get((number, index), raw)
                row.values[column.key] = self.convert(column, raw, place)
            if row.filled(*(counted or row.values)):
                rows.append(row)
        if spec.required and not rows:
            self.problems.append(problem("sheet_no_rows", "no filled rows", sheet.name, sheet=sheet.name))
        return rows

    # --------------------------------------------------------------------------------- values
    def convert(self, item: Field, value: Any, place: CellPlace) -> Any:
        """A cell value as the model takes it (an organization's name: its registry entry)."""
        value = cell.value_of(item, value)
        if item.kind is Kind.ORGANIZATION and value is not None:
            return self.organization(value, place)
        return value

    def organization(self, value: Any, place: CellPlace) -> dict[str, Any] | None:
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
        self.places["(document)"] = CellPlace(self.sheet_name(spec))
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
                        measures_sheet=self.sheet_name(measures_spec),
                    )
                )
                continue
            indicators = measures[index_of[number]]["indicators"]
            self._place_row(f"measures[{index_of[number]}].indicators[{len(indicators)}]", row, ("measure",))
            indicators.append(
                {key: value for key, value in row.values.items() if key != "measure" and value is not None}
            )
        data["measures"] = measures
        self.places["measures"] = CellPlace(self.sheet_name(measures_spec))
        self.places["(document)"] = CellPlace(self.sheet_name(measures_spec))
        return data

    def _place_row(self, prefix: str, row: _Row, skip: tuple[str, ...] = ()) -> None:
        self.places.setdefault(prefix, CellPlace(row.places[next(iter(row.places))].sheet, row.number))
        for key, place in row.places.items():
            if key not in skip:
                self.places[f"{prefix}.{key}"] = place

    def _once(self, seen: dict[int, int], number: Any, place: CellPlace | None, row: int) -> None:
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
        return found.name if found else spec.name_in(self.language)


def _put(data: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value
