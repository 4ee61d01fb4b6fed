"""The staff form in Debian's real headless Chromium (Playwright), against the app served on loopback.

A clerk's path: open the page, choose the document, upload the workbook, choose PDF, get the file; upload a
broken workbook and read what to fix. Screenshots go to ``test-artifacts/web-*.png`` to be looked at.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from browser import served
from playwright.sync_api import Browser, Page, expect

import pdftools
from conftest import ARTIFACTS, SAMPLES
from service import create_app

pytestmark = pytest.mark.browser

PLAN_BOOK = SAMPLES / "spreadsheets" / "action_plan.xlsx"
DISTINCT = "Kagaz-сыноо-7"  # short: a table cell wraps longer text between other cells' lines


@pytest.fixture(scope="module")
def server(pool: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The whole app (API and page) on a free loopback port, sharing the session's LibreOffice pool."""
    app = create_app({"data_dir": tmp_path_factory.mktemp("web-data"), "start_pool": False}, pool=pool)
    with served(app) as base:
        yield base


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ky-KG", accept_downloads=True)
    yield context.new_page()
    context.close()


def workbook(tmp_path: Path, name: str, change: Any) -> Path:
    book = openpyxl.load_workbook(PLAN_BOOK)
    change(book)
    path = tmp_path / name
    book.save(path)
    return path


def with_values(book: openpyxl.Workbook) -> None:
    """A clerk's own values, so the PDF can only have them if they came through the spreadsheet."""
    order = book["Буйрук"]
    order["B3"] = dt.date(2025, 3, 14)
    order["B3"].number_format = "DD.MM.YYYY"
    order["B4"] = "147-ж"
    book["Иш-чаралар"]["E2"] = DISTINCT


def without_deadline(book: openpyxl.Workbook) -> None:
    book["Иш-чаралар"]["F7"].value = None


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


@pytest.mark.office
def test_upload_the_example_plan_and_receive_its_pdf(server: str, page: Page, tmp_path: Path) -> None:
    upload = workbook(tmp_path, "план.xlsx", with_values)
    page.goto(server + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Документ даярдоо")
    page.get_by_role("radio", name="Иш-чаралар планы (буйрукка тиркеме)").check()
    page.get_by_label("Файл (.xlsx же .csv)").set_input_files(upload)
    page.locator("#format-pdf").check()
    with page.expect_download(timeout=120_000) as download_info:
        page.get_by_role("button", name="Документти даярдоо").click()
    download = download_info.value
    assert download.suggested_filename == "Иш-чаралар планы 2025.pdf"
    pdf = Path(download.path()).read_bytes()
    assert pdf.startswith(b"%PDF-")
    text = " ".join(pdftools.text(pdf).split())
    assert "14-мартындагы № 147-ж" in text, text[:600]
    assert DISTINCT in text
    for value in ("Ар дайым", "Сот департаментинин", "2025-2027"):
        assert value in text
    # The answer's cookie tells the script the file came: the form is ready for the next one.
    expect(page.locator("#submit")).to_be_enabled(timeout=15_000)
    expect(page.locator("#working")).to_be_hidden()
    shot(page, "web-upload-pdf.png")


def test_progress_is_shown_while_the_document_is_made(server: str, page: Page) -> None:
    """What form.js shows from the moment of submitting until the file arrives.

    form.js sends the form with fetch; the request is held at the network layer (Playwright's route) while
    the state form.js shows is read and photographed, then let through: the file comes, the form is ready.
    """
    held: list[Any] = []
    page.route("**/?lang=*", lambda route: held.append(route) if route.request.method == "POST" else route.continue_())
    page.goto(server + "/")
    page.locator("#file").set_input_files(PLAN_BOOK)
    page.locator("#format-docx").check()
    expect(page.locator("#working")).to_be_hidden()
    page.locator("#submit").click()
    expect(page.locator("#working")).to_be_visible()
    expect(page.locator("#working")).to_have_text("Документ даярдалууда…")
    expect(page.locator("#submit")).to_be_disabled()
    shot(page, "web-progress.png")
    page.wait_for_timeout(100)
    assert len(held) == 1
    with page.expect_download() as download_info:
        held[0].continue_()
    assert download_info.value.suggested_filename == "Иш-чаралар планы 2025.docx"
    expect(page.locator("#submit")).to_be_enabled(timeout=15_000)
    expect(page.locator("#working")).to_be_hidden()


def test_a_broken_file_shows_its_row_and_column(server: str, page: Page, tmp_path: Path) -> None:
    upload = workbook(tmp_path, "plan.xlsx", without_deadline)
    page.goto(server + "/")
    page.locator("#document-action-plan").check()
    page.locator("#format-docx").check()
    page.locator("#file").set_input_files(upload)
    page.locator("#submit").click()
    errors = page.get_by_role("alert").filter(has_text="Файлда каталар табылды")
    expect(errors).to_contain_text("«Иш-чаралар» барагы, 7-сап, F тилке («Ишке ашыруу мөөнөттөрү»)")
    expect(errors).to_contain_text("Милдеттүү талаа толтурулган эмес")
    expect(page.locator("#document-action-plan")).to_be_checked()
    expect(page.locator("#format-docx")).to_be_checked()  # the other choices are kept
    shot(page, "web-error.png")


def test_the_russian_switch(server: str, page: Page, tmp_path: Path) -> None:
    page.goto(server + "/")
    page.get_by_role("link", name="Русский").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Подготовка документа")
    page.locator("#file").set_input_files(workbook(tmp_path, "plan.xlsx", without_deadline))
    page.locator("#format-docx").check()
    page.locator("#submit").click()
    expect(page.get_by_role("alert")).to_contain_text("Лист «Иш-чаралар», строка 7, столбец F")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    shot(page, "web-error-ru.png")


def test_on_a_phone(server: str, browser: Browser, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    phone = context.new_page()
    try:
        phone.goto(server + "/?lang=ky")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing runs off the screen
        button = phone.locator("#submit").bounding_box()
        assert button is not None and button["width"] > 300  # the button spans the screen
        shot(phone, "web-phone.png")
        phone.locator("#file").set_input_files(workbook(tmp_path, "plan.xlsx", without_deadline))
        phone.locator("#format-docx").check()
        phone.locator("#submit").click()
        expect(phone.get_by_role("alert")).to_contain_text("7-сап, F тилке")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        shot(phone, "web-phone-error.png")
    finally:
        context.close()


def test_the_form_works_without_javascript(server: str, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(server + "/")
        page.locator("#file").set_input_files(PLAN_BOOK)
        page.locator("#format-docx").check()
        with page.expect_download() as download_info:
            page.locator("#submit").click()
        content = Path(download_info.value.path()).read_bytes()
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            assert "word/document.xml" in archive.namelist()
        assert download_info.value.suggested_filename == "Иш-чаралар планы 2025.docx"
    finally:
        context.close()


def test_an_oversized_file_is_stopped_before_it_is_sent(server: str, page: Page) -> None:
    page.goto(server + "/")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.method))
    page.locator("#file").set_input_files(
        {"name": "big.xlsx", "mimeType": "application/octet-stream", "buffer": bytes(6 * 1024 * 1024)}
    )
    page.locator("#submit").click()
    expect(page.locator("#client-error")).to_contain_text("Файл өтө чоң")
    expect(page.locator("#submit")).to_be_enabled()
    assert "POST" not in requests


def test_blank_and_example_workbooks_download(server: str, page: Page) -> None:
    page.goto(server + "/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Толтурулган үлгү (.xlsx)").nth(1).click()
    content = Path(download_info.value.path()).read_bytes()
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    assert book.sheetnames == ["Нускама", "Отчет", "Иш-чаралар", "Көрсөткүчтөр", "Тизмелер"]
    book.close()
