"""The public check in Debian's real headless Chromium (Playwright), against the app served on loopback.

A citizen's path, in Kyrgyz, Russian and English, on a service that requires keys everywhere else: open the
check address the QR code carries, type the number (its Latin look-alike form), upload the PDF and read
«issued as № … on …, unchanged»; upload the same PDF with one byte changed and read «not a document issued by
Kagaz, or altered». Screenshots go to ``test-artifacts/verify-*.png`` to be looked at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import served
from playwright.sync_api import Browser, Page, expect

from conftest import ARTIFACTS, SAMPLES
from service import create_app
from service.catalogue import LANGUAGES, text

pytestmark = [pytest.mark.browser, pytest.mark.office]

PLAN = (SAMPLES / "action_plan.json").read_bytes()


@pytest.fixture(scope="module")
def issued(pool: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """An app requiring keys, one action plan issued as PDF by a clerk's key, and the app served on loopback."""
    folder = tmp_path_factory.mktemp("verify")
    settings = {"data_dir": folder / "data", "start_pool": False, "auth_required": True}
    app = create_app(settings, pool=pool)
    clerk = app.extensions["kagaz.keys"].create("clerk", "client")[1]
    client = app.test_client()
    answer = client.post(
        "/api/v1/documents/action-plan?format=pdf",
        data=PLAN,
        content_type="application/json",
        headers={"Authorization": f"Bearer {clerk}"},
    )
    assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
    number = answer.headers["X-Kagaz-Number"]  # the ASCII form, as in the check address
    entry = client.get(f"/api/v1/issued/{number}").get_json()  # open: the public metadata
    pdf = folder / "plan.pdf"
    pdf.write_bytes(answer.data)
    altered = bytearray(answer.data)
    altered[len(altered) // 2] ^= 0x01
    (folder / "altered.pdf").write_bytes(bytes(altered))
    try:
        with served(app, "kagaz-verify-server") as base:
            yield {
                "base": base,
                "number": entry["number"],  # the printed (Cyrillic) form
                "ascii": number,
                "date": entry["issued_at"][:10],
                "template": entry["template"],
                "pdf": pdf,
                "altered": folder / "altered.pdf",
            }
    finally:
        app.extensions["kagaz.jobs"].stop()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    yield context.new_page()
    context.close()


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def upload(page: Page, path: Path) -> None:
    page.locator("#file").set_input_files(str(path))
    page.locator("form[method=post] button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_public_check_in_each_language(issued: dict[str, Any], page: Page, lang: str) -> None:
    number, date = issued["number"], issued["date"]
    said = {"number": number, "date": date}

    # The address the QR code carries (ASCII form), with no sign-in although keys are required.
    page.goto(f"{issued['base']}/verify/{issued['ascii']}?lang={lang}")
    assert page.locator("html").get_attribute("lang") == lang
    expect(page.locator("h1")).to_have_text(text("verify_title", lang))
    expect(page.locator("#issued")).to_have_text(text("verify_issued", lang, **said))
    expect(page.locator("#template")).to_have_text(issued["template"])
    expect(page.locator("#signature")).to_have_text(text("verify_signature_none", lang))
    assert "signin" not in page.url

    # The number typed by hand, with Latin look-alikes of its Cyrillic letters.
    page.goto(f"{issued['base']}/verify?lang={lang}")
    page.locator("#number").fill(issued["ascii"].lower())
    page.locator("form[method=get] button[type=submit]").click()
    expect(page.locator("#issued")).to_have_text(text("verify_issued", lang, **said))

    # «Check a file»: the file as issued is recognised; one changed byte is not.
    upload(page, issued["pdf"])
    expect(page.locator("#verdict")).to_have_text(text("verify_file_ok", lang, **said))
    expect(page.locator("#sha256")).not_to_be_empty()
    shot(page, f"verify-{lang}-unchanged.png")
    upload(page, issued["altered"])
    expect(page.locator("#problem")).to_have_text(text("verify_file_bad", lang))
    expect(page.locator("#verdict")).to_have_count(0)
    shot(page, f"verify-{lang}-altered.png")
