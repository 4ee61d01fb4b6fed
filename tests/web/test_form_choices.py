"""The form and the file the clerk chose disagree, the file is blank, the page is Russian or English: what the
page says and offers, through Flask's test client (the browser tests walk the same paths in Chromium)."""

from __future__ import annotations

import io
import re
from urllib.parse import unquote

import openpyxl
import pytest
from flask.testing import FlaskClient
from test_web_form import checked, errors, submit

from conftest import SAMPLES
from service.catalogue import translate
from service.errors import ConversionFailed, Problem, TemplateError
from service.spreadsheets import LAYOUTS
from service.web import page

WORKBOOKS = SAMPLES / "spreadsheets"


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_the_report_uploaded_as_the_plan_is_one_message_and_the_report_is_chosen(
    docx_client: FlaskClient, lang: str
) -> None:
    workbook = WORKBOOKS / ("progress_report_ru.xlsx" if lang == "ru" else "progress_report.xlsx")
    response = submit(docx_client, workbook.read_bytes(), "report.xlsx", document="action-plan", lang=lang)
    assert response.status_code == 422
    assert errors(response) == [translate("form_document_is_progress_report", lang)]
    assert checked(response, "document") == "progress-report"  # sending it again just works
    again = submit(docx_client, workbook.read_bytes(), "report.xlsx", document="progress-report", lang=lang)
    assert again.status_code == 200, errors(again)


def test_the_blank_report_says_every_empty_field_and_the_empty_table_at_once(docx_client: FlaskClient) -> None:
    blank = docx_client.get("/spreadsheets/progress-report.xlsx?language=ru").data
    shown = errors(submit(docx_client, blank, "blank.xlsx", document="progress-report", lang="ru"))
    required = [field for field in LAYOUTS["progress-report"].form.fields if field.required]
    assert shown[0] == "Лист «Мероприятия» На листе «Мероприятия» нет заполненных строк"
    assert shown[1:] == [
        f"Лист «Отчёт», строка {row}, столбец B («{field.ru}») Обязательное поле не заполнено"
        for row, field in zip((2, 3, 5, 6, 7, 8, 9), required, strict=True)
    ]


def test_a_wrong_date_is_told_with_the_workbooks_example(docx_client: FlaskClient) -> None:
    book = openpyxl.load_workbook(WORKBOOKS / "progress_report.xlsx")
    book["Отчет"]["B7"] = "15-январь"
    out = io.BytesIO()
    book.save(out)
    shown = errors(submit(docx_client, out.getvalue(), document="progress-report"))
    assert shown == [
        "«Отчет» барагы, 7-сап, B тилке («Кол коюлган күнү») Дата туура эмес: датаны мисалы 15.01.2026 деп жазыңыз"
    ]
    assert "ЖЖЖЖ" not in " ".join(shown)


@pytest.mark.parametrize(("lang", "offered"), [("ky", ["ky"]), ("ru", ["ru"]), ("en", ["ky", "ru"])])
def test_the_page_offers_the_workbooks_in_its_language(docx_client: FlaskClient, lang: str, offered: list[str]) -> None:
    html = docx_client.get(f"/?lang={lang}").get_data(as_text=True)
    links = re.findall(r'href="/spreadsheets/([a-z-]+)\.xlsx\?([^"]*)"', html)
    languages = sorted({re.search(r"language=(\w+)", query).group(1) for _, query in links})  # type: ignore[union-attr]
    assert languages == offered
    assert len(links) == 4 * len(offered)  # blank and example of each document
    names = re.findall(r'aria-label="([^"]+)"', html)
    assert len(names) == len(set(names)), "every download link has a name of its own"


def test_the_russian_workbook_downloads_in_russian(docx_client: FlaskClient) -> None:
    response = docx_client.get("/spreadsheets/action-plan.xlsx?example=1&language=ru")
    assert response.status_code == 200
    assert unquote(response.headers["Content-Disposition"].split("''", 1)[1]) == (
        "План мероприятий (приложение к приказу) — образец.xlsx"
    )
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    assert book.sheetnames[:3] == ["Инструкция", "Приказ", "Мероприятия"]
    assert docx_client.get("/spreadsheets/action-plan.xlsx?language=de").status_code == 404


def test_a_russian_workbooks_problem_is_placed_in_its_own_words(docx_client: FlaskClient) -> None:
    book = openpyxl.load_workbook(WORKBOOKS / "action_plan_ru.xlsx")
    book["Мероприятия"]["F7"] = None
    out = io.BytesIO()
    book.save(out)
    shown = errors(submit(docx_client, out.getvalue(), lang="ru"))
    assert shown == ["Лист «Мероприятия», строка 7, столбец F («Сроки реализации») Обязательное поле не заполнено"]


@pytest.mark.parametrize(("lang", "expected"), [("ky", "Маани туура эмес"), ("ru", "Неверное значение")])
def test_an_uncatalogued_problem_reads_in_the_pages_language(
    docx_client: FlaskClient, lang: str, expected: str
) -> None:
    """A code the catalogue lacks, or a bare value_error, never shows its English text on a ky/ru page."""
    with docx_client.application.test_request_context():
        for problem in (
            Problem("Отчет!B3", "value_error", "Value error, something went wrong", {"error": "something went wrong"}),
            Problem("Отчет!B3", "a_future_code", "String should match pattern '^x$'"),
        ):
            assert page.shown(problem, lang).message == expected
        assert page.shown(problem, "en").message == "String should match pattern '^x$'"


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        (
            TemplateError(Problem("table 1", "template_syntax", "x", {"error": "unexpected '}'"})),
            422,  # the status of a template error everywhere (errors.HTTP_STATUS)
            "form_template_failed",
        ),
        (ConversionFailed("source file could not be loaded"), 422, "form_conversion_failed"),
    ],
    ids=["template", "conversion"],
)
def test_a_failure_that_is_not_the_clerks_speaks_the_pages_language(
    docx_client: FlaskClient, monkeypatch: pytest.MonkeyPatch, error: Exception, status: int, code: str
) -> None:
    """Jinja's and LibreOffice's English stay in the log; the page says what to do, in its language."""

    def failing(*_args: object) -> None:
        raise error

    monkeypatch.setattr("service.web.form.produce", failing)
    for lang in ("ky", "ru"):
        response = submit(docx_client, (WORKBOOKS / "action_plan.xlsx").read_bytes(), lang=lang)
        assert response.status_code == status
        assert errors(response) == [translate(code, lang)]
