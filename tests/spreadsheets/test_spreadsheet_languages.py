"""Workbooks in Kyrgyz or Russian read to the same data: sheet names, labels, headers and drop-down values
in either language (ё and е alike), and places named in the workbook's own words.

Also what the reader decides about a file as a whole: which document it is, and every problem in one pass.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest

from conftest import SAMPLES
from service import documents, spreadsheets
from service.documents.reference import Reference, load_reference
from service.errors import InputError, Problem
from service.settings import load_settings
from service.spreadsheets.samples import EXAMPLE_REPORT, example_data


@pytest.fixture(scope="module")
def reference() -> Reference:
    settings = load_settings({"start_pool": False})
    return load_reference(settings.plan_file, settings.organizations_file)


def model_of(document: str, content: bytes, reference: Reference) -> Any:
    imported = spreadsheets.read(document, content, "upload.xlsx", reference)
    with imported.located() as data:
        return documents.load(document, data, reference)


def problems(document: str, content: bytes, reference: Reference) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        model_of(document, content, reference)
    return caught.value.problems


def edited(content: bytes, change: Callable[[openpyxl.Workbook], None]) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(content))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("document", ["action-plan", "progress-report"])
def test_the_russian_workbook_reads_to_the_same_model_as_the_kyrgyz_one(document: str, reference: Reference) -> None:
    data = example_data(document, reference)
    kyrgyz = model_of(document, spreadsheets.workbook(document, reference, data, "ky"), reference)
    russian = model_of(document, spreadsheets.workbook(document, reference, data, "ru"), reference)
    assert russian == kyrgyz


def test_the_russian_blank_speaks_russian(reference: Reference) -> None:
    book = openpyxl.load_workbook(io.BytesIO(spreadsheets.workbook("progress-report", reference, language="ru")))
    assert book.sheetnames == ["Инструкция", "Отчёт", "Мероприятия", "Показатели", "Списки"]
    assert book["Отчёт"]["A3"].value == "Организация *"
    assert [book["Списки"].cell(row, 1).value for row in range(1, 5)] == [
        "выполнено",
        "выполняется",
        "не выполнено",
        "срок не наступил",
    ]
    notes = " ".join(str(cell.value) for cell in book["Инструкция"]["A"] if cell.value)
    assert "Kagaz" in notes and "Поля и столбцы со знаком * обязательны" in notes
    assert "толтуруп" not in notes  # no Kyrgyz instruction left in the Russian workbook


def test_sheets_and_headers_renamed_by_hand_in_russian_with_yo_or_ye(reference: Reference) -> None:
    """A clerk renames the Kyrgyz sheets and headers in Russian, writing «Отчет» without ё: same data."""
    content = spreadsheets.workbook("progress-report", reference, example_data("progress-report", reference))

    def russify(book: openpyxl.Workbook) -> None:
        form, measures = book["Отчет"], book["Иш-чаралар"]
        form.title = "Отчёт"  # ё: compared as е
        measures.title = "МЕРОПРИЯТИЯ"
        for column, header in enumerate(("Мероприятие №", None, "Статус", "Что сделано"), start=1):
            if header:
                measures.cell(1, column, header)
        measures["C2"] = "Выполняется"  # the Russian drop-down value, capitalised
        form["A2"] = "Год:"

    assert model_of("progress-report", edited(content, russify), reference) == model_of(
        "progress-report", content, reference
    )


def test_a_problem_in_a_russian_workbook_is_placed_in_russian_words(reference: Reference) -> None:
    content = spreadsheets.workbook("action-plan", reference, example_data("action-plan", reference), "ru")

    def blank_deadline(book: openpyxl.Workbook) -> None:
        book["Мероприятия"]["F7"] = None

    [problem] = problems("action-plan", edited(content, blank_deadline), reference)
    assert (problem.location, problem.code) == ("Мероприятия!F7", "missing")
    assert problem.params["header"] == "Сроки реализации"


def test_a_date_typed_wrong_is_told_with_the_workbooks_own_example(reference: Reference) -> None:
    content = spreadsheets.workbook("progress-report", reference, example_data("progress-report", reference))

    def bad_date(book: openpyxl.Workbook) -> None:
        book["Отчет"]["B7"] = "15 январь"

    [problem] = problems("progress-report", edited(content, bad_date), reference)
    assert (problem.location, problem.code) == ("Отчет!B7", "sheet_date")
    from service.catalogue import translate

    for language in ("ky", "ru", "en"):
        assert "15.01.2026" in translate(problem.code, language, problem.params)


@pytest.mark.parametrize(
    ("uploaded", "chosen", "code"),
    [
        ("progress_report.xlsx", "action-plan", "sheet_document_is_progress_report"),
        ("progress_report_ru.xlsx", "action-plan", "sheet_document_is_progress_report"),
        ("action_plan.xlsx", "progress-report", "sheet_document_is_action_plan"),
    ],
)
def test_the_other_documents_workbook_is_one_problem_saying_so(
    uploaded: str, chosen: str, code: str, reference: Reference
) -> None:
    found = problems(chosen, (SAMPLES / "spreadsheets" / uploaded).read_bytes(), reference)
    assert [(problem.code, problem.location) for problem in found] == [(code, "document")]


def test_a_file_that_fits_no_document_is_read_as_chosen(reference: Reference) -> None:
    """Nothing recognized, nothing to contradict: the chosen document's own problems (no guess)."""
    book = openpyxl.Workbook()
    assert book.active is not None
    book.active.title = "Sheet1"
    book.active["A1"] = "hello"
    out = io.BytesIO()
    book.save(out)
    found = problems("action-plan", out.getvalue(), reference)
    assert [problem.code for problem in found] == ["sheet_missing", "sheet_missing"]


def test_the_example_report_is_the_sample(reference: Reference) -> None:
    assert EXAMPLE_REPORT.exists()


@pytest.mark.parametrize(
    ("sheet", "cell", "value", "code"),
    [
        ("Отчет", "B7", "15.01.2030", "report_signature_date"),  # a rule of the whole report, about one field
        ("Иш-чаралар", "C5", "мөөнөтү келе элек", "report_not_yet_due"),  # measure 4: 2025's III quarter
    ],
)
def test_a_whole_document_rule_is_placed_on_the_cell_it_is_about(
    reference: Reference, sheet: str, cell: str, value: str, code: str
) -> None:
    """Rules the model checks across fields name the cell of the field they are about, not the table sheet."""
    content = spreadsheets.workbook("progress-report", reference, example_data("progress-report", reference))

    def change(book: openpyxl.Workbook) -> None:
        book[sheet][cell] = value

    found = problems("progress-report", edited(content, change), reference)
    assert [(problem.code, problem.location) for problem in found] == [(code, f"{sheet}!{cell}")]
