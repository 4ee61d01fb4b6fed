"""The reporting cycle's pages in Debian's real headless Chromium, against the app served on loopback.

Eighteen courts submit through the API; the nineteenth (Талас облустук соту) signs in with its key and
uploads its filled workbook on the page. The status page is then read in ky/ru/en, on a desktop and on a
phone; screenshots go to ``test-artifacts/reports-*.png`` to be looked at. Without JavaScript, too: the
page is plain HTML and forms.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from browser import chromium, served
from playwright.sync_api import Browser, Page, expect

from conftest import ARTIFACTS
from service import spreadsheets

from .reports import sample_data
from .service import AFTER_DUE, Service, make_service

pytestmark = pytest.mark.browser

WEB_COURT = "talas-oblast-court"
MISSING = {"ky": "Тапшырылган жок", "ru": "Не сдан", "en": "Missing"}
SUBMITTED = {"ky": "Тапшырылды", "ru": "Сдан", "en": "Submitted"}
TITLE = {"ky": "Отчеттордун абалы: 2025-жыл", "ru": "Состояние отчётов: 2025 год", "en": "Reports status: Year 2025"}
DUE = {"ky": "2026-жылдын 15-январынан кечиктирбестен", "ru": "не позднее 15.01.2026", "en": "by 15.01.2026"}


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Service:
    service = make_service(tmp_path_factory.mktemp("reports-page"))
    for key, report in sample_data().items():
        if key != WEB_COURT:
            assert service.put(report).status_code == 201
    return service


@pytest.fixture(scope="module")
def server(service: Service) -> Iterator[str]:
    with served(service.app) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


def context_page(browser: Browser, phone: bool = False, javascript: bool = True) -> Page:
    viewport = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
    context = browser.new_context(viewport=viewport, locale="ky-KG", java_script_enabled=javascript)
    return context.new_page()


def workbook(service: Service, tmp_path: Path, change: Any = None) -> Path:
    """Талас's sample report as the workbook a clerk fills (written by Kagaz from the model)."""
    data = sample_data()[WEB_COURT]
    content = spreadsheets.workbook("progress-report", service.app.extensions["kagaz.engine"].reference, data)
    path = tmp_path / "talas.xlsx"
    path.write_bytes(content)
    if change is not None:
        book = openpyxl.load_workbook(path)
        change(book)
        book.save(path)
    return path


def sign_in(page: Page, base: str, key: str, then: str) -> None:
    page.goto(f"{base}/reports/login?next={then}")
    page.fill("#key", key)
    page.click("#sign-in")
    page.wait_for_url(f"{base}{then}")


def shot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


def test_the_nineteenth_court_submits_its_workbook_on_the_page(
    service: Service, server: str, browser: Browser, tmp_path: Path
) -> None:
    service.set_clock(dt.datetime(2026, 1, 14, 15, 0))
    page = context_page(browser, javascript=False)  # the form works without JavaScript
    sign_in(page, server, service.key_for(WEB_COURT), "/reports/2025/submit")
    expect(page.locator("#organization")).to_have_value(WEB_COURT)

    def no_status(book: openpyxl.Workbook) -> None:
        sheet = book["Иш-чаралар"]
        header = [cell.value for cell in sheet[1]]
        column = next(i for i, value in enumerate(header, 1) if value and str(value).startswith("Абалы"))
        sheet.cell(row=2, column=column).value = "бүттү"

    page.set_input_files("#file", str(workbook(service, tmp_path, no_status)))
    page.click("#send")
    errors = page.locator("#errors")
    expect(errors).to_contain_text("«Иш-чаралар» барагы, 2-сап")
    assert service.client.get(f"/api/v1/reports/2025/{WEB_COURT}").status_code == 404  # nothing stored
    shot(page, "reports-submit-errors-ky.png")
    page.set_input_files("#file", str(workbook(service, tmp_path)))
    page.fill("#note", "Чыныгы отчет")
    page.click("#send")
    expect(page.locator("#stored")).to_contain_text("Отчет 1-версия катары сакталды")
    expect(page.locator("#stored")).to_contain_text("2026-жылдын 14-январы, 15:00")
    shot(page, "reports-submitted-ky.png")
    stored = service.client.get(f"/api/v1/reports/2025/{WEB_COURT}").get_json()
    assert stored["current"]["key_name"] == f"key-{WEB_COURT}" and stored["current"]["note"] == "Чыныгы отчет"
    assert stored["current"]["data"]["organization"]["id"] == WEB_COURT and stored["current"]["late"] is False
    page.context.close()


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_the_status_page_in_three_languages(
    service: Service, server: str, browser: Browser, lang: str, phone: bool
) -> None:
    service.set_clock(AFTER_DUE)
    page = context_page(browser, phone=phone)
    page.goto(f"{server}/reports/2025?lang={lang}")
    expect(page.locator("h1")).to_have_text(TITLE[lang])
    expect(page.locator(".dates")).to_contain_text(DUE[lang])
    karakol = page.locator("tr", has_text="Каракол шаардык соту")
    expect(karakol).to_contain_text(MISSING[lang])
    expect(page.locator("tr", has_text="Талас облустук соту")).to_contain_text(SUBMITTED[lang])
    expect(page.locator(".total-missing dd")).to_have_text("1")
    group = page.locator("tbody", has=page.locator("tr.group", has_text="Ош облустук соту"))
    expect(group.locator("tr.member")).to_have_count(3)
    if not phone:
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    path = shot(page, f"reports-status-{lang}-{'phone' if phone else 'desktop'}.png")
    assert path.stat().st_size > 10_000
    page.context.close()


def test_an_oblast_key_sees_its_group_and_downloads_it(service: Service, server: str, browser: Browser) -> None:
    page = context_page(browser)
    sign_in(page, server, service.key_for("osh-oblast-court"), "/reports/2025")
    rows = page.locator("table.status tbody tr:not(.group)")
    expect(rows).to_have_count(4)
    expect(page.locator("table.status")).not_to_contain_text("Нарын")
    with page.expect_download() as download:
        page.click("text=XLSX")
    book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    names = [row[0] for row in book.active.iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == sorted(
        ["Ош облустук соту", "Ош шаардык соту", "Өзгөн райондук соту", "Ноокат райондук соту"]
    )
    assert page.goto(f"{server}/reports/2025/naryn-oblast-court").status == 403
    assert page.goto(f"{server}/reports/2025/nookat-district-court").status == 200
    page.context.close()
