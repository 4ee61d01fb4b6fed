"""Blank and example workbooks, written by openpyxl from the layouts (never drawn by hand).

Each is made in Kyrgyz or Russian (sheet names, labels, hints, drop-down values, the instruction sheet);
the reader accepts either, so a workbook filled in one language reads to the same data. A blank carries
everything a clerk needs to fill it without help: an instruction sheet (``Нускама``), headers with a
comment each, drop-down lists for statuses, the plan's measure numbers and the registry's organizations,
date cells formatted as dates, frozen header rows, wrapped text and widths that fit. An example is the
same workbook filled from a document's data (the samples), so that importing it gives the same model
back; ``tests/spreadsheets`` holds it to that.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from service.deadlines import RUSSIAN_STATUSES, Status
from service.documents.reference import Reference
from service.spreadsheets.instructions import CSV_NOTES, CSV_NOTES_RU, GENERAL_NOTES, GENERAL_NOTES_RU
from service.spreadsheets.layouts import (
    FORM_HEADERS_BY_LANGUAGE,
    INSTRUCTIONS_SHEETS,
    LAYOUTS,
    LISTS_SHEETS,
    WORKBOOK_LANGUAGES,
    Field,
    FormSheet,
    Kind,
    Layout,
    TableSheet,
)

BLANK_ROWS = 40  # empty, formatted rows a blank table offers below its data
DATE_FORMAT = "DD.MM.YYYY"
FONT = "Arial"
NAVY, SLATE, GREY_TEXT, INFO_FILL, BAND = "1F3864", "4A5D7E", "6B6B6B", "EEF1F6", "F7F8FA"

_thin = Side(style="thin", color="B4BCCB")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")

WORDS: dict[str, dict[str, str]] = {
    "ky": {
        "choose": "Тизмеден тандаңыз.",
        "date": "Дата жазыңыз, мисалы 15.01.2026.",
        "whole": "Бүтүн сан жазыңыз.",
        "number": "Сан жазыңыз (0 же андан чоң).",
        "columns": "Барак|Талаа же тилке|Милдеттүүбү|Эмне жазылат",
        "not_read": "Kagaz окубайт",
        "yes": "ооба",
        "no": "жок",
        "from_list": "Тизмеден тандалат.",
    },
    "ru": {
        "choose": "Выберите из списка.",
        "date": "Введите дату, например 15.01.2026.",
        "whole": "Введите целое число.",
        "number": "Введите число (0 или больше).",
        "columns": "Лист|Поле или столбец|Обязательно|Что пишется",
        "not_read": "Kagaz не читает",
        "yes": "да",
        "no": "нет",
        "from_list": "Выбирается из списка.",
    },
}
"""The workbook's own words beside the layout's: drop-down messages and the instruction sheet's headers."""


def workbook(document: str, reference: Reference, data: Mapping[str, Any] | None = None, language: str = "ky") -> bytes:
    """The workbook for ``document`` in ``language`` (ky, ru): blank when ``data`` is None, else filled with
    it (a JSON-shaped dict)."""
    layout = LAYOUTS[document]
    language = language if language in WORKBOOK_LANGUAGES else "ky"
    book = Workbook()
    instructions = book.active
    assert instructions is not None
    instructions.title = INSTRUCTIONS_SHEETS[language]
    lists = _lists(book, reference, language)
    form_values, table_rows = _values(layout, reference, data)
    _form(book.create_sheet(layout.form.name_in(language)), layout.form, form_values, lists, language)
    for table in layout.tables:
        _table(book.create_sheet(table.name_in(language)), table, table_rows[table.name], lists, language)
    _instructions(instructions, layout, language)
    book.move_sheet(LISTS_SHEETS[language], offset=len(book.sheetnames))
    book.active = 1 if data is not None else 0
    book.properties.creator = "Kagaz"
    book.properties.title = layout.title_ru if language == "ru" and layout.title_ru else layout.title
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------------------- values


def _values(
    layout: Layout, reference: Reference, data: Mapping[str, Any] | None
) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """The form's values by key and each table's rows, from a document's data (or none, for a blank)."""
    data = data or {}
    form = {field.key: _get(data, field.key) for field in layout.form.fields}
    if layout.document == "action-plan":
        rows = [
            {
                "section": section["number"],
                "section_title": section["title"] if index == 0 else None,
                **{key: measure.get(key) for key in ("number", "task", "measure", "deadline", "expected_results")},
                "responsible": measure.get("responsible"),
            }
            for section in data.get("sections", [])
            for index, measure in enumerate(section.get("measures", []))
        ]
        return form, {layout.tables[0].name: rows}
    if isinstance(form.get("organization"), Mapping):
        form["organization"] = form["organization"].get("name")
    plan_text = {measure.number: measure.measure for measure in reference.plan.measures()}
    reported = list(data.get("measures", []))
    numbers = {item.get("measure") for item in reported}
    measures = [item | {"plan_text": plan_text.get(item.get("measure"))} for item in reported]
    measures += [{"measure": number, "plan_text": text} for number, text in plan_text.items() if number not in numbers]
    indicators = [
        {"measure": item.get("measure"), **indicator} for item in reported for indicator in item.get("indicators", [])
    ]
    measures_sheet, indicators_sheet = layout.tables
    return form, {measures_sheet.name: measures, indicators_sheet.name: indicators}


def _get(data: Mapping[str, Any], dotted: str) -> Any:
    value: Any = data
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def _cell_value(field: Field, value: Any, language: str) -> Any:
    if value is None:
        return None
    if field.kind is Kind.LINES and isinstance(value, Sequence) and not isinstance(value, str):
        return "\n".join(str(item) for item in value)
    if field.kind is Kind.YES_NO:
        return WORDS[language]["yes" if value else "no"]
    if field.kind is Kind.STATUS and language == "ru":
        return RUSSIAN_STATUSES.get(Status(value), value) if value in set(Status) else value
    if field.kind is Kind.DATE and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


# --------------------------------------------------------------------------------------- sheets


def _lists(book: Workbook, reference: Reference, language: str) -> dict[Kind, str]:
    """The hidden sheet of drop-down values; returns each list's range formula by kind."""
    name = LISTS_SHEETS[language]
    sheet = book.create_sheet(name)
    statuses = [RUSSIAN_STATUSES[status] if language == "ru" else status.value for status in Status]
    columns = {
        Kind.STATUS: statuses,
        Kind.MEASURE: [measure.number for measure in reference.plan.measures()],
        Kind.ORGANIZATION: [organization.name for organization in reference.organizations.values()],
        Kind.YES_NO: [WORDS[language]["yes"], WORDS[language]["no"]],
    }
    formulas = {}
    for index, (kind, values) in enumerate(columns.items(), start=1):
        letter = get_column_letter(index)
        for row, value in enumerate(values, start=1):
            sheet.cell(row, index, value)
        sheet.column_dimensions[letter].width = 40 if kind is Kind.ORGANIZATION else 18
        formulas[kind] = f"{quote_sheetname(name)}!${letter}$1:${letter}${len(values)}"
    sheet.sheet_state = "hidden"
    return formulas


def _validation(field: Field, lists: Mapping[Kind, str], language: str) -> DataValidation | None:
    """The drop-down or check Excel applies to the field's cells, with a message in the workbook's language."""
    words = WORDS[language]
    if field.kind in lists:
        check = DataValidation(type="list", formula1=lists[field.kind], allow_blank=True)
        check.error = words["choose"]
    elif field.kind is Kind.DATE:
        check = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True)
        check.error = words["date"]
    elif field.kind is Kind.INTEGER:
        check = DataValidation(type="whole", operator="between", formula1="1", formula2="2100", allow_blank=True)
        check.error = words["whole"]
    elif field.kind is Kind.NUMBER:
        check = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
        check.error = words["number"]
    else:
        return None
    check.errorTitle = field.label_in(language)
    check.showErrorMessage = True
    return check


def _write(sheet: Worksheet, row: int, column: int, field: Field, value: Any, language: str) -> None:
    cell = sheet.cell(row, column, _cell_value(field, value, language))
    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"  # text that looks like a formula stays text
    cell.alignment = WRAP
    cell.border = BORDER
    cell.font = Font(name=FONT, size=10, color=GREY_TEXT if field.kind is Kind.INFO else None)
    if field.kind is Kind.DATE:
        cell.number_format = DATE_FORMAT
    elif field.kind is Kind.TEXT:
        cell.number_format = "@"  # a phone number or «01» stays as typed
    if field.kind is Kind.INFO:
        cell.fill = PatternFill("solid", start_color=INFO_FILL)


def shown_label(field: Field, language: str = "ky") -> str:
    """The label as written in the workbook: a required field is marked ``*`` (the reader ignores the mark)."""
    label = field.label_in(language)
    return f"{label} *" if field.required and field.kind is not Kind.INFO else label


def _header(sheet: Worksheet, column: int, text: str, fill: str, hint: str = "") -> None:
    cell = sheet.cell(1, column, text)
    cell.font = Font(name=FONT, size=10, bold=True, color="FFFFFF")
    cell.fill = PatternFill("solid", start_color=fill)
    cell.alignment = HEADER_ALIGN
    cell.border = BORDER
    if hint:
        cell.comment = Comment(hint, "Kagaz", width=260, height=90)


def _form(
    sheet: Worksheet, spec: FormSheet, values: Mapping[str, Any], lists: Mapping[Kind, str], language: str
) -> None:
    headers = FORM_HEADERS_BY_LANGUAGE[language]
    for column, (text, width) in enumerate(zip(headers, (34, 70, 58), strict=True), start=1):
        _header(sheet, column, text, NAVY)
        sheet.column_dimensions[get_column_letter(column)].width = width
    for row, field in enumerate(spec.fields, start=2):
        label = sheet.cell(row, 1, shown_label(field, language))
        label.font = Font(name=FONT, size=10, bold=field.required)
        label.alignment = WRAP
        label.border = BORDER
        label.fill = PatternFill("solid", start_color=BAND)
        _write(sheet, row, 2, field, values.get(field.key), language)
        hint = sheet.cell(row, 3, field.hint_in(language) or None)
        hint.font = Font(name=FONT, size=9, italic=True, color=GREY_TEXT)
        hint.alignment = WRAP
        check = _validation(field, lists, language)
        if check is not None:
            check.add(f"B{row}")
            sheet.add_data_validation(check)
        lines = str(values.get(field.key) or "").count("\n") + 1 if field.kind is not Kind.LINES else 4
        sheet.row_dimensions[row].height = max(20, min(15 * lines, 90)) if field.key != "title" else 60
    sheet.row_dimensions[1].height = 22
    sheet.freeze_panes = "A2"


def _table(
    sheet: Worksheet, spec: TableSheet, rows: list[dict[str, Any]], lists: Mapping[Kind, str], language: str
) -> None:
    for column, field in enumerate(spec.columns, start=1):
        fill = SLATE if field.kind is Kind.INFO or not field.required else NAVY
        _header(sheet, column, shown_label(field, language), fill, field.hint_in(language))
        sheet.column_dimensions[get_column_letter(column)].width = field.width
    last = 1 + max(len(rows), 0) + BLANK_ROWS
    for index in range(2, last + 1):
        values = rows[index - 2] if index - 2 < len(rows) else {}
        for column, field in enumerate(spec.columns, start=1):
            _write(sheet, index, column, field, values.get(field.key), language)
    for column, field in enumerate(spec.columns, start=1):
        check = _validation(field, lists, language)
        if check is not None:
            letter = get_column_letter(column)
            check.add(f"{letter}2:{letter}{last}")
            sheet.add_data_validation(check)
    sheet.row_dimensions[1].height = 36
    sheet.freeze_panes = "A2"


def _instructions(sheet: Worksheet, layout: Layout, language: str) -> None:
    """The ``Нускама`` sheet: how to fill the workbook, every field with its hint, and the CSV layout."""
    russian = language == "ru"
    words = WORDS[language]
    widths = {"A": 24, "B": 36, "C": 16, "D": 84}
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width
    title = sheet.cell(1, 1, layout.title_ru if russian else layout.title)
    title.font = Font(name=FONT, size=14, bold=True, color=NAVY)
    sheet.merge_cells("A1:D1")
    sheet.row_dimensions[1].height = 36
    title.alignment = Alignment(wrap_text=True, vertical="center")
    row = 3
    notes = (*GENERAL_NOTES_RU, *layout.notes_ru) if russian else (*GENERAL_NOTES, *layout.notes)
    for number, note in enumerate(notes, start=1):
        row = _note(sheet, row, f"{number}. {note}")
    row += 1
    for column, text in enumerate(words["columns"].split("|"), start=1):
        cell = sheet.cell(row, column, text)
        cell.font = Font(name=FONT, size=10, bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", start_color=NAVY)
        cell.border = BORDER
    for spec in layout.sheets():
        fields = spec.fields if isinstance(spec, FormSheet) else spec.columns
        for field in fields:
            row += 1
            hint = field.hint_in(language)
            if field.kind in (Kind.STATUS, Kind.MEASURE, Kind.ORGANIZATION) and "спис" not in hint + "тизме":
                hint = f"{hint} {words['from_list']}".strip()
            required = words["not_read"] if field.kind is Kind.INFO else words["yes" if field.required else "no"]
            row_texts = (spec.name_in(language), field.label_in(language), required, hint)
            for column, text in enumerate(row_texts, start=1):
                cell = sheet.cell(row, column, text)
                cell.font = Font(name=FONT, size=10)
                cell.alignment = WRAP
                cell.border = BORDER
    row += 2
    sheet.cell(row, 1, "CSV").font = Font(name=FONT, size=12, bold=True, color=NAVY)
    row += 1
    for note in CSV_NOTES_RU if russian else CSV_NOTES:
        row = _note(sheet, row, note)
    for line in csv_example(layout, language):
        sheet.cell(row, 1, line).font = Font(name="Courier New", size=9)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        row += 1


def _note(sheet: Worksheet, row: int, text: str) -> int:
    cell = sheet.cell(row, 1, text)
    cell.font = Font(name=FONT, size=10)
    cell.alignment = WRAP
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
    sheet.row_dimensions[row].height = 15 * (len(text) // 150 + 1)
    return row + 1


def csv_example(layout: Layout, language: str = "ky") -> list[str]:
    """The CSV layout shown as lines (semicolon-separated), for the instruction sheet and the README."""
    lines = [";".join(FORM_HEADERS_BY_LANGUAGE[language][:2])]
    lines += [f"{field.label_in(language)};…" for field in layout.form.fields[:3]] + ["…", ""]
    for index, table in enumerate(layout.tables):
        if index:
            lines.append("")
        lines.append(";".join(column.label_in(language) for column in table.columns))
        lines.append(";".join("…" for _ in table.columns))
    return lines
