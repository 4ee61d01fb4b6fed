"""The workbooks Kagaz hands out: what a clerk sees when opening them, checked cell by cell with openpyxl."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from conftest import SAMPLES
from service import spreadsheets
from service.deadlines import Status
from service.documents.reference import Reference, load_reference
from service.settings import load_settings
from service.spreadsheets.samples import example_data


@pytest.fixture(scope="module")
def reference() -> Reference:
    settings = load_settings({"start_pool": False})
    return load_reference(settings.plan_file, settings.organizations_file)


def opened(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))


def validations(sheet: Worksheet) -> dict[str, tuple[str, str]]:
    """Each validated range → (type, formula1)."""
    return {str(rule.sqref): (rule.type, rule.formula1) for rule in sheet.data_validations.dataValidation}


def headers(sheet: Worksheet) -> list[str]:
    return [cell.value for cell in sheet[1] if cell.value is not None]


@pytest.mark.parametrize("document", ["action-plan", "progress-report"])
def test_blank_has_instructions_first_and_hidden_lists_last(reference: Reference, document: str) -> None:
    book = opened(spreadsheets.workbook(document, reference))
    layout = spreadsheets.LAYOUTS[document]
    assert book.sheetnames == ["Нускама", *(sheet.name for sheet in layout.sheets()), "Тизмелер"]
    assert book["Тизмелер"].sheet_state == "hidden"
    assert book.active.title == "Нускама"
    instructions = " ".join(str(cell.value) for row in book["Нускама"].iter_rows() for cell in row if cell.value)
    assert "Alt+Enter" in instructions and "CSV UTF-8" in instructions
    for sheet in layout.sheets():
        assert book[sheet.name].freeze_panes == "A2"
        for field in sheet.fields if hasattr(sheet, "fields") else sheet.columns:
            assert field.label in instructions, field.label


def test_plan_sheets_and_headers_are_kyrgyz(reference: Reference) -> None:
    book = opened(spreadsheets.workbook("action-plan", reference))
    assert headers(book["Буйрук"]) == ["Талаа", "Маани", "Түшүндүрмө"]
    assert headers(book["Иш-чаралар"]) == [
        "Бөлүм № *",
        "Бөлүмдүн аталышы",
        "№ *",
        "Милдеттер *",
        "Иш-чаралар *",
        "Ишке ашыруу мөөнөттөрү *",
        "Күтүлүүчү жыйынтыктар *",
        "Жооптуу аткаруучулар *",
    ]
    sheet = book["Иш-чаралар"]
    assert sheet.column_dimensions["E"].width >= 40
    assert sheet["E2"].alignment.wrap_text
    assert sheet["A1"].comment is not None  # each header explains itself on hover


def test_report_drop_downs_statuses_measures_organizations(reference: Reference) -> None:
    book = opened(spreadsheets.workbook("progress-report", reference))
    lists = book["Тизмелер"]
    statuses = [lists.cell(row, 1).value for row in range(1, 5)]
    assert statuses == [status.value for status in Status]
    assert statuses == ["аткарылды", "аткарылууда", "аткарылган эмес", "мөөнөтү келе элек"]
    numbers = [lists.cell(row, 2).value for row in range(1, 12)]
    assert numbers == [measure.number for measure in reference.plan.measures()]
    names = {lists.cell(row, 3).value for row in range(1, 40)} - {None}
    assert names == {organization.name for organization in reference.organizations.values()}

    measures = validations(book["Иш-чаралар"])
    assert measures["A2:A52"] == ("list", "'Тизмелер'!$B$1:$B$11")
    assert measures["C2:C52"] == ("list", "'Тизмелер'!$A$1:$A$4")
    assert validations(book["Көрсөткүчтөр"])["A2:A41"] == ("list", "'Тизмелер'!$B$1:$B$11")
    form = validations(book["Отчет"])
    assert form["B3"][0] == "list" and form["B3"][1].startswith("'Тизмелер'!$C$1")
    assert form["B7"][0] == "date"


def test_example_dates_are_date_cells(reference: Reference) -> None:
    data = example_data("progress-report", reference)
    book = opened(spreadsheets.workbook("progress-report", reference, data))
    cell = book["Отчет"]["B7"]
    assert book["Отчет"]["A7"].value.startswith("Кол коюлган күнү")
    assert isinstance(cell.value, dt.datetime)  # openpyxl reads date cells as datetimes
    assert cell.value.date().isoformat() == data["signature"]["date"]
    assert cell.number_format == "DD.MM.YYYY"
    assert book["Отчет"]["B3"].value == data["organization"]["name"]
    assert book.active.title == "Отчет"  # an example opens on its data


def test_example_plan_puts_responsible_units_one_per_line(reference: Reference) -> None:
    book = opened((SAMPLES / "spreadsheets" / "action_plan.xlsx").read_bytes())
    first = reference.plan.sections[0].measures[0]
    row = next(row for row in book["Иш-чаралар"].iter_rows(min_row=2) if row[2].value == first.number)
    assert row[7].value.split("\n") == first.responsible
    assert row[1].value == reference.plan.sections[0].title
    assert book["Буйрук"]["B7"].value == reference.plan.title


def test_text_that_looks_like_a_formula_stays_text(reference: Reference) -> None:
    data = reference.plan.model_dump(mode="json")
    data["title"] = '=HYPERLINK("http://example.invalid")'
    book = opened(spreadsheets.workbook("action-plan", reference, data))
    assert book["Буйрук"]["B7"].data_type == "s"


def test_every_code_the_import_and_the_form_report_is_translated() -> None:
    """A new problem code without a catalogue entry would reach a clerk in English."""
    import re

    from conftest import ROOT
    from service.catalogue import TEXTS as CATALOGUE

    sources = [*(ROOT / "service" / "spreadsheets").glob("*.py"), ROOT / "service" / "web" / "form.py"]
    pattern = re.compile(r'(?:problem|refuse|Problem\([^,]+,)\(?\s*"([a-z_]+)"')
    codes = {code for path in sources for code in pattern.findall(path.read_text(encoding="utf-8"))}
    assert {"sheet_missing", "upload_xls", "form_csrf", "sheet_formula_no_value"} <= codes
    for code in sorted(codes):
        assert code in CATALOGUE, code
        assert set(CATALOGUE[code]) == {"ky", "ru", "en"}, code
    for shape in ("cell", "row", "sheet", "csv_cell", "csv_row"):
        assert f"sheet_place_{shape}" in CATALOGUE
