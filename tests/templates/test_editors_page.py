"""The editors' page: signing in, CSRF, and — in Debian's real headless Chromium — upload a broken template
and see its error with its place, upload a good one, see its preview, activate it, see it active.

Screenshots go to ``test-artifacts/editors-*.png``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import chromium
from browser import served as serve
from flask import Flask
from flask.testing import FlaskClient
from make_fixtures import header_text
from pagetools import csrf
from template_helpers import FIXTURES, make_key

from conftest import ARTIFACTS
from service import create_app
from service.auth import KeyStore


def sign_in(client: FlaskClient, key: str) -> Any:
    """Through the one staff sign-in, coming back to the editors' page."""
    return client.post("/signin?next=/editors/", data={"key": key, "csrf_token": csrf(client, "/signin")})


def test_only_a_live_editor_key_signs_in(docx_app: Flask, docx_client: FlaskClient) -> None:
    to_signin = docx_client.get("/editors/")
    assert to_signin.status_code == 303 and to_signin.headers["Location"] == "/signin?next=/editors/"
    old = docx_client.get("/editors/login?next=/editors/action-plan")
    assert old.status_code == 301 and old.headers["Location"] == "/signin?next=/editors/action-plan"
    assert docx_client.post("/signin", data={"key": make_key(docx_app, "editor")}).status_code == 400
    refused = sign_in(docx_client, "kgz_wrong")
    assert refused.status_code == 401 and "Ачкыч туура эмес" in refused.get_data(as_text=True)
    # a clerk's key signs in (it is staff), and the editors' page says that it needs an editor's key
    assert sign_in(docx_client, make_key(docx_app, "client")).status_code == 303
    weak = docx_client.get("/editors/")
    assert weak.status_code == 403 and "редактордун ачкычы керек" in weak.get_data(as_text=True)
    assert 'href="/signin?next=/editors/"' in weak.get_data(as_text=True)  # sign in with another key

    key = make_key(docx_app, "editor", "aigul")
    signed = sign_in(docx_client, key)
    assert signed.status_code == 303 and signed.headers["Location"] == "/editors/"
    page = docx_client.get("/editors/")
    assert page.status_code == 200 and "Кирген: «aigul» (редактор)" in page.get_data(as_text=True)
    assert "Content-Security-Policy" in page.headers
    assert 'name="note" maxlength="2000"' in docx_client.get("/editors/action-plan").get_data(as_text=True)
    shipped = docx_client.get("/editors/action-plan/versions/1/file")
    assert shipped.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    cookie = docx_client.get_cookie("session")
    assert cookie is not None and key not in cookie.value, "the key itself never goes into the cookie"

    # a POST without the page's token is refused; revoking the key ends the session
    forged = docx_client.post("/editors/action-plan/versions/1/activate")
    assert forged.status_code == 400
    KeyStore.for_data_dir(docx_app.config["KAGAZ"].data_dir).revoke("aigul")
    assert docx_client.get("/editors/").status_code == 303


@pytest.fixture
def served(pool: Any, tmp_path: Path) -> Iterator[tuple[str, Flask]]:
    """The app on a loopback port in a thread, sharing the session's LibreOffice pool."""
    app = create_app({"data_dir": tmp_path / "data", "start_pool": False}, pool=pool)
    with serve(app) as base:
        yield base, app


@pytest.mark.office
@pytest.mark.browser
def test_editors_page_in_chromium(served: tuple[str, Flask], tmp_path: Path) -> None:
    from playwright.sync_api import expect

    base, app = served
    key = make_key(app, "editor", "aigul")
    good = tmp_path / "action_plan_2026.docx"
    good.write_bytes(header_text("Милдеттер (2026)"))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ky-KG")
        errors: list[str] = []
        # "Failed to load resource" is the browser noting a 4xx page (the 422 of a refused upload, the
        # favicon); the pictures are checked by their size below.
        page.on(
            "console",
            lambda message: (
                errors.append(message.text)
                if message.type == "error" and not message.text.startswith("Failed to load resource")
                else None
            ),
        )

        page.goto(f"{base}/editors/")
        expect(page.get_by_role("heading", name="Кызматкердин кирүүсү")).to_be_visible()  # the one sign-in
        page.fill("#key", key)
        page.click("button[type=submit]")
        expect(page.locator("#templates")).to_contain_text("Иш-чаралар планы")
        page.screenshot(path=str(ARTIFACTS / "editors-index.png"), full_page=True)

        page.click("#templates a[href$='/editors/action-plan']")
        page.set_input_files("#file", str(FIXTURES / "unknown_variable.docx"))
        page.fill("#note", "Мөөнөт мамычасы")
        page.click("#upload-button")
        errors_box = page.locator("#report-errors")
        expect(errors_box).to_contain_text("1-таблица, 5-сап, 4-уяча: {{ m.dedline }}")
        expect(errors_box).to_contain_text("«dedline» деген талаа жок. Балким «deadline»?")
        expect(page.locator("#upload-result .refused")).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / "editors-refused.png"), full_page=True)

        page.set_input_files("#file", str(good))
        page.fill("#note", "Мамычанын аты жаңыртылды")
        page.click("#upload-button")
        expect(page.locator("#upload-result")).to_contain_text("2-версия катары сакталды")
        preview = page.locator("#upload-result .page-list img").first
        expect(preview).to_be_visible()
        expect(preview).to_have_js_property("complete", True)  # no string eval: the page's CSP forbids it
        assert preview.evaluate("image => image.naturalWidth") > 600
        page.screenshot(path=str(ARTIFACTS / "editors-uploaded.png"), full_page=True)

        page.click("#activate-uploaded")
        expect(page.locator("#confirm")).to_contain_text("1-версия иштеп жатат")  # asked first
        page.click("#confirm-activate")
        expect(page.locator("#activated")).to_contain_text("2-версия иштетилди")
        expect(page.locator("#version-2 .status")).to_have_text("иштеп жатат")
        expect(page.locator("#version-1 button")).to_have_text("Ушуга кайтуу v1")  # v1 read only by screen readers
        page.screenshot(path=str(ARTIFACTS / "editors-activated.png"), full_page=True)

        page.click(".compare-form button")
        expect(page.locator("#variables")).to_contain_text("өзгөргөн жок")
        for image in page.locator("#main img").all():  # no string eval: the page's CSP forbids it
            expect(image).to_have_js_property("complete", True)
            assert image.evaluate("image => image.naturalWidth") > 600
        page.screenshot(path=str(ARTIFACTS / "editors-compare.png"), full_page=True)

        page.goto(f"{base}/editors/")
        expect(page.locator("tr[data-template='action-plan'] .active-version")).to_have_text("v2")
        assert errors == [], errors
