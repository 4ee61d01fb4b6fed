"""The batch section of the staff pages in Debian's headless Chromium: upload a ZIP, watch the progress live
(updated in place by ``batches.js``), download; and the same page without JavaScript, kept live by its
``<noscript>`` refresh. Screenshots: ``test-artifacts/batch-*.png``."""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import served
from playwright.sync_api import Browser, expect

from conftest import ARTIFACTS
from service import create_app

from .conftest import REPORTS

pytestmark = [pytest.mark.browser, pytest.mark.office]


class GatedPool:
    """The session's real pool; its conversions wait while the gate is shut, so a running job can be seen."""

    def __init__(self, pool: Any) -> None:
        self.pool = pool
        self.open = threading.Event()
        self.open.set()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.pool, name)

    def convert(self, docx: bytes) -> bytes:
        assert self.open.wait(60), "the test never opened the gate"
        return self.pool.convert(docx)


@pytest.fixture(scope="module")
def gate(pool: Any) -> GatedPool:
    return GatedPool(pool)


@pytest.fixture(scope="module")
def server(gate: GatedPool, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    app = create_app({"data_dir": tmp_path_factory.mktemp("batch-page"), "start_pool": False}, pool=gate)
    with served(app, "kagaz-batch-page") as base:
        yield base
        gate.open.set()
        app.extensions["kagaz.jobs"].stop()


@pytest.fixture
def reports_zip(tmp_path: Path) -> Path:
    path = tmp_path / "reports-2025.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for report in sorted(REPORTS.glob("*.json"))[:3]:
            archive.write(report, arcname=f"2025/{report.name}")
    return path


def test_a_batch_from_the_page_with_live_progress(
    server: str, browser: Browser, gate: GatedPool, reports_zip: Path
) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{server}/batches?lang=en")
        page.set_input_files("#file", str(reports_zip))
        page.check("#format-pdf")
        gate.open.clear()
        page.click("#submit")
        page.wait_for_url(f"{server}/batches/*")
        page.evaluate("window.sameDocument = true")
        expect(page.locator("#batch-state")).to_have_text("Running", timeout=30_000)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "batch-running.png"), full_page=True)
        gate.open.set()
        expect(page.locator("#batch-state")).to_have_text("Finished", timeout=60_000)
        expect(page.locator("#batch-progress-text")).to_have_text("4 of 4 documents handled")
        expect(page.locator("#batch-made")).to_have_text("4")
        expect(page.locator("#summary-failed")).to_be_hidden()
        expect(page.locator("#batch-download")).to_be_visible()
        assert page.evaluate("window.sameDocument === true"), "updated in place, not by reloading"
        page.screenshot(path=str(ARTIFACTS / "batch-done.png"), full_page=True)
        with page.expect_download() as download:
            page.click("#batch-download")
        with zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes())) as archive:
            assert sum(name.endswith(".pdf") for name in archive.namelist()) == 4
    finally:
        gate.open.set()
        page.close()


def test_without_javascript_the_page_refreshes_itself(server: str, browser: Browser, reports_zip: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{server}/batches?lang=en")
        page.set_input_files("#file", str(reports_zip))
        page.check("#format-docx")
        page.click("#submit")
        page.wait_for_url(f"{server}/batches/*")
        expect(page.locator("#batch-state")).to_have_text("Finished", timeout=60_000)
        expect(page.locator("#batch-download")).to_be_visible()
    finally:
        context.close()
