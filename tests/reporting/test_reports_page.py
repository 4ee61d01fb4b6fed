"""The reporting cycle's pages in Debian's real headless Chromium, against the app served on loopback.

Eighteen courts submit through the API; the nineteenth (Талас облустук соту) signs in with its key and
submits its filled workbook through the staff form at ``/`` (its «submit to the register» choice), with and
without JavaScript. The form's choice and its confirmation are audited with axe-core in ky/ru/en on a desktop
and a phone; the status page is read in the same languages and screens. Screenshots go to
``test-artifacts/reports-*.png`` to be looked at.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import openpyxl
import pytest
from browser import served
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
PLACE = {"ky": "«Иш-чаралар» барагы, 2-сап", "ru": "Лист «Иш-чаралар», строка 2", "en": "Sheet «Иш-чаралар», row 2"}
STORED = {"ky": "-версия катары сакталды", "ru": "Отчёт сохранён как версия", "en": "The report was stored as version"}
TITLE_SUBMITTED = {"ky": "Отчет тапшырылды", "ru": "Отчёт сдан", "en": "Report submitted"}


def phone_index(lang: str, phone: bool) -> int:
    return ["ky", "ru", "en"].index(lang) * 2 + int(phone)


AXE = Path(__file__).resolve().parents[1] / "axe" / "node_modules" / "axe-core" / "axe.min.js"
DUE = {"ky": "2026-жылдын 15-январынан кечиктирбестен", "ru": "не позднее 15.01.2026", "en": "by 15.01.2026"}


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    service = make_service(tmp_path_factory.mktemp("reports-page"))
    for key, report in sample_data().items():
        if key != WEB_COURT:
            assert service.put(report).status_code == 201
    yield service
    service.app.extensions["kagaz.jobs"].stop()


@pytest.fixture(scope="module")
def server(service: Service) -> Iterator[str]:
    with served(service.app) as base:
        yield base


def context_page(browser: Browser, phone: bool = False, javascript: bool = True, axe: bool = False) -> Page:
    viewport = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
    context = browser.new_context(
        viewport=viewport, locale="ky-KG", java_script_enabled=javascript, bypass_csp=axe
    )  # axe-core is injected as a script of the test's own
    return context.new_page()


def workbook(
    service: Service, tmp_path: Path, change: Any = None, organization: str = WEB_COURT, phone: str | None = None
) -> Path:
    """A court's sample report (Талас's by default) as the workbook a clerk fills (written by Kagaz); with
    ``phone``, the executor's phone changed (another version of the same report)."""
    data = sample_data()[organization]
    if phone is not None:
        data["executor"]["phone"] = phone
    content = spreadsheets.workbook("progress-report", service.app.extensions["kagaz.engine"].reference, data)
    path = tmp_path / f"{organization}.xlsx"
    path.write_bytes(content)
    if change is not None:
        book = openpyxl.load_workbook(path)
        change(book)
        book.save(path)
    return path


def sign_in(page: Page, base: str, key: str, then: str) -> None:
    """Through the one sign-in page, coming back to ``then``."""
    page.goto(f"{base}/signin?next={quote(then)}")
    page.fill("#key", key)
    page.click("#sign-in")
    page.wait_for_url(f"{base}{then}")


def shot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


def audit(page: Page, name: str) -> Path:
    """axe-core (npm, ``tests/axe``) on the page as it is now: no serious or critical violation; a screenshot."""
    assert AXE.is_file(), f"axe-core is not installed: run `npm ci --prefix tests/axe` ({AXE} is missing)"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    bad = [
        f"{item['id']} ({item['impact']}): {item['help']} — {[node['target'] for node in item['nodes']][:3]}"
        for item in result["violations"]
        if item["impact"] in ("serious", "critical")
    ]
    path = shot(page, name)
    assert bad == [], f"{name}: {page.url}\n" + "\n".join(bad)
    return path


def no_status(book: openpyxl.Workbook) -> None:
    """A status the plan does not know, in the first measure's row."""
    sheet = book["Иш-чаралар"]
    header = [cell.value for cell in sheet[1]]
    column = next(i for i, value in enumerate(header, 1) if value and str(value).startswith("Абалы"))
    sheet.cell(row=2, column=column).value = "бүттү"


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_the_nineteenth_court_submits_its_workbook_through_the_form(
    service: Service, server: str, browser: Browser, tmp_path: Path, javascript: bool
) -> None:
    """The old address leads to the form at ``/`` with «submit» and the year chosen; not signed in, it says
    so and links to the sign-in, which comes back with the choices kept; the workbook's problem is named by
    sheet and row; then the confirmation. Without JavaScript and with it (form.js leaves a submission to the
    browser: its answer is a page, not a file)."""
    service.set_clock(dt.datetime(2026, 1, 14, 15, 0))
    page = context_page(browser, javascript=javascript)
    page.goto(f"{server}/reports/2025/submit")
    assert page.url.startswith(f"{server}/?submit=2025")
    expect(page.locator("#year")).to_have_value("2025")
    expect(page.locator("#document-progress-report")).to_be_checked()
    expect(page.locator("#submit-signin")).to_contain_text("уюмуңуздун ачкычы менен кириңиз")
    page.click("#submit-signin a")
    page.fill("#key", service.key_for(WEB_COURT))
    page.click("#sign-in")
    expect(page.locator("#organization")).to_have_value(WEB_COURT)
    expect(page.locator("#year")).to_have_value("2025")
    expect(page.locator(".sections .session")).to_contain_text(f"«key-{WEB_COURT}»")

    page.set_input_files("#file", str(workbook(service, tmp_path, no_status)))
    page.click("#send-report")
    errors = page.locator("#errors")
    expect(errors).to_contain_text("«Иш-чаралар» барагы, 2-сап")
    kept = service.client.get(f"/api/v1/reports/2025/{WEB_COURT}")
    assert kept.status_code == 200 if javascript else kept.status_code == 404  # nothing (more) stored
    if javascript:
        assert len(kept.get_json()["history"]) == 1
    expect(page.locator("#organization")).to_have_value(WEB_COURT)  # the choices are kept
    shot(page, f"reports-submit-errors-ky-{'js' if javascript else 'no-js'}.png")
    page.set_input_files("#file", str(workbook(service, tmp_path)))
    page.fill("#note", "Чыныгы отчет")
    page.click("#send-report")
    expect(page.locator("#stored")).to_contain_text(
        "Отчет 1-версия катары сакталды" if not javascript else "1-версияда мурунтан эле бар"
    )
    expect(page.locator("#stored-when")).to_contain_text("2026-жылдын 14-январы, 15:00")
    expect(page.locator("#stored-state")).to_have_text("Тапшырылды")
    stored = service.client.get(f"/api/v1/reports/2025/{WEB_COURT}").get_json()
    expect(page.locator("#stored-sha256")).to_have_text(stored["current"]["sha256"])
    shot(page, f"reports-submitted-ky-{'js' if javascript else 'no-js'}.png")
    assert stored["current"]["key_name"] == f"key-{WEB_COURT}" and stored["current"]["note"] == "Чыныгы отчет"
    assert stored["current"]["data"]["organization"]["id"] == WEB_COURT and stored["current"]["late"] is False
    assert [item["version"] for item in stored["history"]] == [1]  # the second run stored no new version
    page.click("#to-report")
    expect(page.locator("h1")).to_contain_text("Талас облустук соту")
    page.context.close()


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_the_submit_choice_and_its_confirmation_in_three_languages(
    service: Service, server: str, browser: Browser, tmp_path: Path, lang: str, phone: bool
) -> None:
    service.set_clock(dt.datetime(2026, 1, 14, 15, 0))
    device = "phone" if phone else "desktop"
    page = context_page(browser, phone=phone, axe=True)
    page.goto(f"{server}/?submit=2025&lang={lang}")
    audit(page, f"reports-form-signed-out-{lang}-{device}.png")
    sign_in(page, server, service.key_for("osh-oblast-court"), f"/?submit=2025&lang={lang}")
    page.select_option("#organization", "uzgen-district-court")
    audit(page, f"reports-form-submit-{lang}-{device}.png")
    if not phone:
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.set_input_files("#file", str(workbook(service, tmp_path, no_status, organization="uzgen-district-court")))
    page.click("#send-report")
    expect(page.locator("#errors")).to_contain_text(PLACE[lang])
    audit(page, f"reports-form-submit-errors-{lang}-{device}.png")
    phone = f"+996 555 00-{len(lang):02d}-{10 + phone_index(lang, phone)}"  # a new version each run
    page.set_input_files("#file", str(workbook(service, tmp_path, organization="uzgen-district-court", phone=phone)))
    page.click("#send-report")
    expect(page.locator("#stored")).to_contain_text(STORED[lang])
    expect(page.locator("h1")).to_have_text(TITLE_SUBMITTED[lang])
    audit(page, f"reports-form-submitted-{lang}-{device}.png")
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


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_an_oblast_court_starts_a_batch_from_the_register_on_the_batch_page(
    service: Service, server: str, browser: Browser, lang: str
) -> None:
    page = context_page(browser, axe=True)
    sign_in(page, server, service.key_for("osh-oblast-court"), f"/batches?lang={lang}")
    page.fill("#year", "2025")
    page.check("#format-docx")
    audit(page, f"reports-batches-register-{lang}-desktop.png")
    page.click("#submit-register")  # no file chosen: this button needs none
    expect(page.locator("#batch-download")).to_be_visible(timeout=90_000)
    expect(page.locator("#batch-made")).to_have_text("5")  # its four courts' reports and their summary
    page.locator("#batch-register summary").click()
    expect(page.locator("#batch-register li")).to_have_count(4)
    expect(page.locator("#batch-register")).to_contain_text("Ноокат райондук соту")
    expect(page.locator("#batch-register")).not_to_contain_text("Нарын")
    audit(page, f"reports-batches-register-done-{lang}-desktop.png")
    page.context.close()
