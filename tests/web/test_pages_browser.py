"""Every staff page in Debian's headless Chromium, in Kyrgyz, Russian and English, on a desktop and a phone:
axe-core (npm, ``tests/axe``) finds no serious or critical violation; the flows of the batches and of the
template editors work in each language; error pages are pages in the person's language.

Screenshots: ``test-artifacts/pages-<language>-<device>-<page>.png`` (look at them).
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import served
from playwright.sync_api import Browser, Page, expect

from conftest import ARTIFACTS, ROOT, SAMPLES
from service import create_app

pytestmark = [pytest.mark.browser, pytest.mark.office]

AXE = ROOT / "tests" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
REPORTS = SAMPLES / "reports" / "2025"
OFFICE = ROOT / "tests" / "templates" / "fixtures" / "office"
LANGUAGES = ("ky", "ru", "en")
DEVICES = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
# What each language says, to prove the page is in it (and the batch's human places).
WORDS = {
    "ky": {"failed": "Даярдалбаган документтер", "json": "1-саптын", "status": "тизмедеги 1-иш-чара, абалы",
           "refused": "кабыл алына элек оңдоолор", "confirm": "иштетесизби", "not_found": "Бет табылган жок"},
    "ru": {"failed": "Документов не подготовлено", "json": "в строке 1", "status": "мероприятие 1 в списке, статус",
           "refused": "непринятые исправления", "confirm": "Включить версию", "not_found": "Страница не найдена"},
    "en": {"failed": "Documents not made", "json": "at line 1", "status": "measure 1 in the list, status",
           "refused": "Tracked changes here", "confirm": "Activate version", "not_found": "Page not found"},
}  # fmt: skip


@pytest.fixture(scope="module")
def site(pool: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    if not AXE.is_file():
        pytest.fail(f"axe-core is not installed: run `npm ci --prefix tests/axe` ({AXE} is missing)")
    app = create_app({"data_dir": tmp_path_factory.mktemp("pages"), "start_pool": False}, pool=pool)
    with served(app, "kagaz-pages") as base:
        yield base, app
        app.extensions["kagaz.jobs"].stop()


@pytest.fixture(scope="module")
def editor_key(site: tuple[str, Any]) -> str:
    from service.auth import KeyStore

    _info, token = KeyStore.for_data_dir(site[1].config["KAGAZ"].data_dir).create("aigul", "editor")
    return token


def open_page(browser: Browser, device: str, language: str) -> Page:
    context = browser.new_context(**DEVICES[device], locale={"ky": "ky-KG", "ru": "ru-RU", "en": "en-GB"}[language],
                                  bypass_csp=True)  # fmt: skip  # axe is injected as a script of the test's own
    page = context.new_page()
    page.console_errors = []  # type: ignore[attr-defined]
    # A refused upload is answered 422 with its page: Chromium logs that status; anything else is a fault.
    page.on(
        "console",
        lambda message: (
            message.type == "error" and "status of 422" not in message.text and page.console_errors.append(message.text)  # type: ignore[attr-defined]
        ),
    )
    return page


def audit(page: Page, name: str) -> None:
    """axe-core on the page as it is now: no serious or critical violation; and a screenshot to look at."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert result["testEngine"]["name"] == "axe-core" and result["url"] == page.url
    bad = [
        f"{item['id']} ({item['impact']}): {item['help']} — {[node['target'] for node in item['nodes']][:3]}"
        for item in result["violations"]
        if item["impact"] in ("serious", "critical")
    ]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"pages-{name}.png"), full_page=True)
    assert bad == [], f"{name}: {page.url}\n" + "\n".join(bad)
    assert duplicate_link_names(page) == [], name


def duplicate_link_names(page: Page) -> list[str]:
    """Links that read the same but lead to different places (WCAG 2.4.4: each name says where it goes)."""
    return page.evaluate(
        """() => {
          const targets = {};
          for (const link of document.querySelectorAll("a[href]")) {
            const name = (link.getAttribute("aria-label") || link.textContent).replace(/\\s+/g, " ").trim();
            (targets[name] = targets[name] || new Set()).add(link.href.split("#")[0]);
          }
          return Object.entries(targets).filter(([, hrefs]) => hrefs.size > 1).map(([name]) => name);
        }"""
    )


def batch_zip(tmp_path: Path) -> Path:
    """Two good reports, one that is not JSON, one whose first measure has an unknown status."""
    path = tmp_path / "reports.zip"
    wrong = json.loads((REPORTS / "osh-city-court.json").read_text(encoding="utf-8"))
    wrong["measures"][0]["status"] = "бүттү"
    with zipfile.ZipFile(path, "w") as archive:
        for report in sorted(REPORTS.glob("*.json"))[:2]:
            archive.write(report, arcname=report.name)
        archive.writestr("broken.json", '{"year": 2025, "organization": }')
        archive.writestr("wrong-status.json", json.dumps(wrong, ensure_ascii=False))
    return path


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_batch_page_tells_made_failed_and_why_in_words(
    site: tuple[str, Any], browser: Browser, language: str, device: str, tmp_path: Path
) -> None:
    base, _app = site
    words = WORDS[language]
    page = open_page(browser, device, language)
    try:
        page.goto(f"{base}/batches?lang={language}")
        audit(page, f"{language}-{device}-batches")
        page.set_input_files("#file", str(batch_zip(tmp_path)))
        page.check("#format-docx")
        page.click("#submit")
        page.wait_for_url(re.compile(r".*/batches/[0-9a-f]{32}.*"))
        expect(page.locator("#batch-download")).to_be_visible(timeout=90_000)
        expect(page.locator("#summary-failed")).to_contain_text(words["failed"])
        expect(page.locator("#batch-failed")).to_have_text("2")
        expect(page.locator("#batch-made")).to_have_text("3")  # two reports and the generalized report
        errors = page.locator("#batch-error-list")
        expect(errors).to_contain_text("broken.json")
        expect(errors).to_contain_text(words["json"])
        expect(errors).to_contain_text(words["status"])
        assert "Expecting" not in errors.inner_text() and "[0]" not in errors.inner_text()
        page.reload()  # as rendered by the server, not only as batches.js drew it
        expect(page.locator("#batch-error-list")).to_contain_text(words["status"])
        assert page.title().startswith(("Каталар бар", "Есть ошибки", "Errors found"))
        audit(page, f"{language}-{device}-batch")

        job_id = re.search(r"/batches/([0-9a-f]{32})", page.url).group(1)  # type: ignore[union-attr]
        page.goto(f"{base}/batches?lang={language}")  # the batches this reader may read, newest first
        expect(page.locator("#batch-history tbody tr").first).to_have_attribute("data-batch", job_id)
        page.click(f"#batch-history tr[data-batch='{job_id}'] a")
        expect(page.locator("#batch-summary")).to_be_visible()

        other = {"ky": "ru", "ru": "en", "en": "ky"}[language]  # the language switch keeps the page
        page.click(f".languages a[lang={other}]")
        assert re.search(rf"/batches/[0-9a-f]{{32}}\?lang={other}$", page.url), page.url
        assert page.console_errors == []  # type: ignore[attr-defined]
    finally:
        page.context.close()


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_editors_see_the_whole_change_and_confirm_activation(
    site: tuple[str, Any], browser: Browser, editor_key: str, language: str, device: str, tmp_path: Path
) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "templates"))
    from make_fixtures import header_text

    base, _app = site
    words = WORDS[language]
    page = open_page(browser, device, language)
    try:
        page.goto(f"{base}/editors/?lang={language}")
        audit(page, f"{language}-{device}-editors-login")
        page.fill("#key", editor_key)
        page.click("button[type=submit]")
        expect(page.locator("#templates")).to_be_visible()
        audit(page, f"{language}-{device}-editors")

        page.goto(f"{base}/editors/action-plan")
        page.set_input_files("#file", str(OFFICE / "writer-tracked-changes.docx"))
        page.click("#upload-button")
        expect(page.locator("#report-errors")).to_contain_text(words["refused"])
        expect(page.locator("#report-errors")).to_contain_text(
            {"ky": "1-таблица, 1-сап, 2-уяча", "ru": "таблица 1, строка 1, ячейка 2", "en": "table 1, row 1, cell 2"}[
                language
            ]
        )
        audit(page, f"{language}-{device}-editors-refused")

        changed = tmp_path / "changed.docx"
        changed.write_bytes(header_text(f"Милдеттер ({language}-{device})"))
        page.set_input_files("#file", str(changed))
        page.click("#upload-button")
        expect(page.locator("#upload-result .notice")).to_be_visible(timeout=60_000)
        expect(page.locator("#upload-changes")).to_contain_text(f"({language}-{device})")  # against the active
        pictures = page.locator("#upload-result .page-list img")
        assert pictures.count() == 7, "every page of the test render, not only page 1"
        page.click("#activate-uploaded")
        expect(page.locator("h1")).to_contain_text(words["confirm"])  # activation asks first
        audit(page, f"{language}-{device}-editors-confirm")
        page.click("#confirm-activate")
        expect(page.locator("#activated")).to_be_visible()

        page.select_option("select[name=older]", index=1)
        page.select_option("select[name=newer]", index=0)
        page.click(".compare-form button")
        expect(page.locator("#text-changes .change").first).to_contain_text(f"({language}-{device})")
        expect(page.locator("#text-changes .change").first).to_contain_text(
            {"ky": "1-таблица, 1-сап, 2-уяча", "ru": "таблица 1, строка 1, ячейка 2", "en": "table 1, row 1, cell 2"}[
                language
            ]
        )
        expect(page.locator(".page-pair")).to_have_count(7)
        expect(page.locator(".page-pair.differs")).to_have_count(7)  # the header row repeats on every page
        page.wait_for_function("[...document.images].every(image => image.complete && image.naturalWidth > 300)")
        audit(page, f"{language}-{device}-editors-compare")
        assert page.console_errors == []  # type: ignore[attr-defined]
    finally:
        page.context.close()


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_error_pages_and_the_form_in_every_language(
    site: tuple[str, Any], browser: Browser, language: str, device: str
) -> None:
    base, _app = site
    page = open_page(browser, device, language)
    try:
        page.goto(f"{base}/?lang={language}")
        audit(page, f"{language}-{device}-form")
        response = page.goto(f"{base}/no-such-page")
        assert response is not None and response.status == 404
        expect(page.locator("h1")).to_have_text(WORDS[language]["not_found"])
        assert page.title().startswith(WORDS[language]["not_found"])
        audit(page, f"{language}-{device}-404")
        icon = page.request.get(f"{base}/favicon.ico")
        assert icon.status == 200 and icon.headers["content-type"].startswith("image/")
        api = page.request.get(f"{base}/api/v1/no-such-thing", headers={"Accept-Language": language})
        assert api.status == 404 and api.headers["content-type"] == "application/json"
        assert json.loads(api.body())["errors"][0]["code"] == "http"
    finally:
        page.context.close()
