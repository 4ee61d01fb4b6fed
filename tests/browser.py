"""The real browser and a real HTTP server for the page tests: Debian's Chromium driven by Playwright,
the app served by werkzeug on a free loopback port in a thread."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from flask import Flask
from playwright.sync_api import Browser, sync_playwright
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
# As root, and on a machine whose only network is loopback: no sandbox, and none of the background
# connections Chromium would otherwise try (and have refused, many at a time).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextlib.contextmanager
def served(app: Flask, name: str = "kagaz-test-server") -> Iterator[str]:
    """``app`` on ``http://127.0.0.1:<free port>`` until the block ends."""
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, name=name, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        thread.join(timeout=10)
        httpd.server_close()


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless (never a browser downloaded by Playwright)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
