"""The staff form's hard paths in Debian's Chromium, in Kyrgyz, Russian and English, on a desktop and a phone:
the report's workbook uploaded with the plan chosen, the blank report, a CSV as Excel saves it, and what stays
chosen when a file is refused. Screenshots go to ``test-artifacts/form-*.png`` to be looked at.

The app here makes DOCX only (no LibreOffice): these paths are about the page, not about the PDF, which
``test_web_browser.py`` makes through the real pool.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from browser import served
from playwright.sync_api import Browser, Page, expect

from conftest import ARTIFACTS, SAMPLES
from service import create_app
from service.catalogue import translate
from service.spreadsheets import LAYOUTS

pytestmark = pytest.mark.browser

WORKBOOKS = SAMPLES / "spreadsheets"
FIXTURES = Path(__file__).resolve().parents[1] / "spreadsheets" / "fixtures"
SEAL = SAMPLES / "images" / "osh-oblast-court-seal.png"
SCREENS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
TITLES = {"ky": "Документ даярдоо", "ru": "Подготовка документа", "en": "Prepare a document"}
SUBMIT = {"ky": "Документти даярдоо", "ru": "Подготовить документ", "en": "Prepare the document"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    app = create_app({"data_dir": tmp_path_factory.mktemp("form-data"), "start_pool": False})
    with served(app) as base:
        yield base


def open_page(browser: Browser, screen: str) -> Page:
    phone = screen == "phone"
    context = browser.new_context(
        viewport=SCREENS[screen], is_mobile=phone, device_scale_factor=2 if phone else 1, accept_downloads=True
    )
    return context.new_page()


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def fits(page: Page) -> None:
    width = page.viewport_size["width"] if page.viewport_size else 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "something runs off the screen"


def files_chosen(page: Page, selector: str) -> int:
    return int(page.locator(selector).evaluate("input => input.files.length"))


@pytest.mark.parametrize("screen", ["desktop", "phone"])
@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_the_reports_workbook_with_the_plan_chosen(server: str, browser: Browser, lang: str, screen: str) -> None:
    """One message saying what the file is; the report becomes the choice; the files stay; again: the DOCX."""
    page = open_page(browser, screen)
    try:
        page.goto(f"{server}/?lang={lang}")
        expect(page.get_by_role("heading", level=1)).to_have_text(TITLES[lang])
        expect(page.locator("#document-action-plan")).to_be_checked()  # what a hurried clerk leaves
        workbook = WORKBOOKS / ("progress_report_ru.xlsx" if lang == "ru" else "progress_report.xlsx")
        page.locator("#file").set_input_files(workbook)
        page.locator("#seal_image").set_input_files(SEAL)
        page.locator("#format-docx").check()
        page.get_by_role("button", name=SUBMIT[lang]).click()
        alert = page.get_by_role("alert")
        expect(alert.locator("li")).to_have_count(1)
        expect(alert).to_contain_text(translate("form_document_is_progress_report", lang))
        expect(page.locator("#document-progress-report")).to_be_checked()
        expect(page.locator("#format-docx")).to_be_checked()
        assert files_chosen(page, "#file") == 1 and files_chosen(page, "#seal_image") == 1  # nothing to choose again
        expect(page.locator("#errors .note")).to_have_count(0)  # «choose the file again» would be untrue
        fits(page)
        shot(page, f"form-wrong-document-{lang}-{screen}.png")
        with page.expect_download() as download_info:
            page.get_by_role("button", name=SUBMIT[lang]).click()
        download = download_info.value
        assert download.suggested_filename.endswith(".docx")
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(Path(download.path()).read_bytes())).paragraphs)
        assert "Нарын облустук соту" in text
        expect(page.get_by_role("alert")).to_have_count(0)  # the old problems are gone with the success
    finally:
        page.context.close()


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_the_blank_report_says_everything_at_once(server: str, browser: Browser, lang: str) -> None:
    page = open_page(browser, "desktop")
    try:
        page.goto(f"{server}/?lang={lang}")
        language = "ru" if lang == "ru" else "ky"
        link = page.locator(f'a[hreflang="{language}"][href*="progress-report.xlsx"]:not([href*="example"])')
        with page.expect_download() as download_info:
            link.click()
        blank = Path(download_info.value.path())
        page.locator("#document-progress-report").check()
        page.locator("#file").set_input_files(blank)
        page.locator("#format-docx").check()
        page.get_by_role("button", name=SUBMIT[lang]).click()
        alert = page.get_by_role("alert")
        required = [field for field in LAYOUTS["progress-report"].form.fields if field.required]
        expect(alert.locator("li")).to_have_count(1 + len(required))
        place = {"ky": "«Отчет» барагы, 2-сап, B тилке", "ru": "Лист «Отчёт», строка 2, столбец B"}
        expect(alert).to_contain_text(place.get(lang, "Sheet «Отчет», row 2, column B"))
        expect(alert).to_contain_text(translate("missing", lang))
        shot(page, f"form-blank-report-{lang}.png")
    finally:
        page.context.close()


def test_a_unicode_text_file_from_excel_becomes_the_document(server: str, browser: Browser) -> None:
    page = open_page(browser, "phone")
    try:
        page.goto(f"{server}/?lang=ru")
        page.locator("#file").set_input_files(FIXTURES / "excel" / "action_plan-unicode-text.txt")
        page.locator("#format-docx").check()
        with page.expect_download() as download_info:
            page.get_by_role("button", name=SUBMIT["ru"]).click()
        assert download_info.value.suggested_filename == "Иш-чаралар планы 2025.docx"
    finally:
        page.context.close()


def test_excels_default_csv_is_refused_with_what_to_do(server: str, browser: Browser) -> None:
    page = open_page(browser, "phone")
    try:
        page.goto(f"{server}/?lang=ru")
        page.locator("#file").set_input_files(FIXTURES / "excel" / "action_plan-csv-comma-delimited.csv")
        page.locator("#format-docx").check()
        page.get_by_role("button", name=SUBMIT["ru"]).click()
        expect(page.get_by_role("alert")).to_contain_text("Сохраните файл в Excel как «CSV UTF-8»")
        fits(page)
        shot(page, "form-code-page-csv-ru-phone.png")
    finally:
        page.context.close()


def test_the_english_page_offers_both_workbooks(server: str, browser: Browser) -> None:
    page = open_page(browser, "desktop")
    try:
        page.goto(f"{server}/?lang=en")
        plan = "Action plan (appendix to the order): Blank workbook (.xlsx)"
        for language in ("Kyrgyz", "Russian"):
            expect(page.get_by_role("link", name=f"{plan}, {language}")).to_be_visible()
        name = "Report on the action plan's progress: Filled example (.xlsx), Russian"
        with page.expect_download() as download_info:
            page.get_by_role("link", name=name).click()
        # the workbook is Russian, and so is its name
        assert download_info.value.suggested_filename == "Отчёт о выполнении плана мероприятий — образец.xlsx"
        shot(page, "form-en-workbooks.png")
    finally:
        page.context.close()
