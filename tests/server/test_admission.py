"""Admission before work, against the real LibreOffice pool: a PDF request takes its place in the conversion
queue before its body is parsed, validated or rendered, and is refused at once when there is none."""

from __future__ import annotations

import contextlib
import io
import json
import time
from pathlib import Path
from typing import Any

import pytest
from pagetools import csrf_token

from conftest import SAMPLES
from service import create_app
from service.errors import PoolUnavailable
from tests.server.test_front import spy_on_render

PLAN = (SAMPLES / "action_plan.json").read_bytes()
pytestmark = pytest.mark.office


@contextlib.contextmanager
def every_place_held(pool: Any) -> Any:
    """Reserve every place of the real pool (its workers and its queue), as requests being rendered would."""
    with contextlib.ExitStack() as stack:
        held = 0
        while True:
            try:
                stack.enter_context(pool.place())
            except PoolUnavailable:
                break
            held += 1
        assert held == pool.options.size + pool.options.queue_limit
        assert isinstance(pool.refusal(), PoolUnavailable), "the front's peek sees the queue full"
        yield
    assert pool.refusal() is None, "and a place free again, without having taken one"


def test_a_pdf_request_with_no_place_is_refused_before_any_work(pool: Any, tmp_path: Path) -> None:
    app = create_app({"data_dir": tmp_path / "data", "start_pool": False, "jobs_workers": 0}, pool=pool)
    renders = spy_on_render(app)
    client = app.test_client()
    with every_place_held(pool):
        began = time.monotonic()
        refused = client.post(
            "/api/v1/documents/action-plan?format=pdf", data=b"{not even json", content_type="application/json"
        )
        elapsed = time.monotonic() - began
        assert refused.status_code == 503 and int(refused.headers["Retry-After"]) >= 1
        assert refused.json["errors"][0]["code"] == "pool_unavailable"  # not invalid_json: nothing was parsed
        docx = client.post("/api/v1/documents/action-plan?format=docx", data=PLAN, content_type="application/json")
        assert docx.status_code == 200  # a DOCX needs no place
    assert renders == ["action-plan"]  # the DOCX only
    assert elapsed < 5  # at once (generous for a shared machine): not after KAGAZ_QUEUE_WAIT (30 s)
    served = client.post("/api/v1/documents/action-plan?format=pdf", data=PLAN, content_type="application/json")
    assert served.status_code == 200 and served.data.startswith(b"%PDF-")  # every place was given back
    bad = client.post("/api/v1/documents/action-plan?format=pdf", data=b"{", content_type="application/json")
    assert bad.status_code == 400 and json.loads(bad.data)["errors"][0]["code"] == "invalid_json"
    with every_place_held(pool):  # the refused, the served and the invalid request left no place taken
        pass


def test_the_form_is_refused_before_the_workbook_is_read(pool: Any, tmp_path: Path) -> None:
    app = create_app({"data_dir": tmp_path / "data", "start_pool": False, "jobs_workers": 0}, pool=pool)
    renders = spy_on_render(app)
    client = app.test_client()
    page = client.get("/?lang=en")
    token = csrf_token(page.data.decode())
    workbook = (SAMPLES / "spreadsheets" / "action_plan.xlsx").read_bytes()
    form = {"csrf_token": token, "document": "action-plan", "format": "pdf"}
    with every_place_held(pool):
        refused = client.post("/?lang=en", data=form | {"file": (io.BytesIO(workbook), "plan.xlsx")})
    assert refused.status_code == 503 and "Retry-After" in refused.headers
    assert refused.mimetype == "text/html" and renders == []
