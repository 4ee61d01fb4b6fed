"""A batch whose input is the reporting register, over HTTP (``POST /api/v1/batches`` with
``{"year": …, "from_register": true}``) and on the batch page (its «from the register» button): the current
version of each report the key may read, fixed when the batch is asked for and recorded as the job's
``register``; admins all, a key bound to an organization its group, any other key a 403 with its problem.
The job runs on the app's real job queue; every document it makes is issued like any batch's.
"""

from __future__ import annotations

import copy
import io
import json
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pagetools import csrf_token

from .reports import sample_data
from .service import Service, make_service

OSH_GROUP = {"osh-oblast-court", "osh-city-court", "uzgen-district-court", "nookat-district-court"}


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    made = make_service(tmp_path / "data")
    data = sample_data()
    for key in (*sorted(OSH_GROUP), "naryn-oblast-court"):
        assert made.put(data[key]).status_code == 201
    corrected = copy.deepcopy(data["nookat-district-court"])
    corrected["executor"]["phone"] = "+996 555 00-00-02"
    assert made.put(corrected).get_json()["version"] == 2
    try:
        yield made
    finally:
        made.app.extensions["kagaz.jobs"].stop()


def ask(service: Service, kind: str, body: Any) -> Any:
    return service.client.post("/api/v1/batches", json=body, headers=service.headers(kind))


def finished(service: Service, url: str, kind: str) -> dict[str, Any]:
    give_up = time.monotonic() + 120
    while True:
        state = service.client.get(url, headers=service.headers(kind)).get_json()
        if state["state"] in ("done", "failed"):
            return state
        assert time.monotonic() < give_up, state
        time.sleep(0.05)


def test_an_admin_batches_the_whole_register_with_the_versions_recorded(service: Service) -> None:
    asked = ask(service, "admin", {"year": 2025, "from_register": True, "formats": ["docx"]})
    assert asked.status_code == 202, asked.get_json()
    used = {item["organization"]: item["version"] for item in asked.get_json()["register"]}
    assert used == dict.fromkeys(OSH_GROUP | {"naryn-oblast-court"}, 1) | {"nookat-district-court": 2}
    # a version submitted after the batch was asked for does not change it
    later = copy.deepcopy(sample_data()["naryn-oblast-court"])
    later["executor"]["phone"] = "+996 555 00-00-03"
    assert service.put(later).get_json()["version"] == 2
    state = finished(service, asked.headers["Location"], "admin")
    assert state["state"] == "done" and state["errors"] == [], state
    assert {item["organization"]: item["version"] for item in state["register"]} == used
    with service.client.get(state["result"], headers=service.headers("admin")) as answer:
        content = answer.data
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        manifest = json.loads(z.read("manifest.json"))
        sources = {entry["source"] for entry in manifest["outputs"]}
        assert "nookat-district-court (v2).json" in sources and "naryn-oblast-court (v1).json" in sources
        made = [entry for entry in manifest["outputs"] if entry["status"] == "ok"]
        assert len(made) == 6  # five reports and the generalized report
        assert all(z.read(entry["file"]).startswith(b"PK") for entry in made)
    issued = service.client.get("/api/v1/issued?document=progress-report", headers=service.headers("admin"))
    by_batch = [entry for entry in issued.get_json()["issued"] if entry["issued_by"] == "batch"]
    assert len(by_batch) == 5 and {entry["state"] for entry in by_batch} == {"issued"}


def test_a_bound_key_batches_its_group_and_others_are_refused(service: Service) -> None:
    osh = ask(service, "osh", {"year": 2025, "from_register": True, "formats": ["docx"]})
    assert osh.status_code == 202
    assert {item["organization"] for item in osh.get_json()["register"]} == OSH_GROUP
    nookat = ask(service, "nookat", {"year": 2025, "from_register": True, "formats": ["docx"]})
    assert [item["organization"] for item in nookat.get_json()["register"]] == ["nookat-district-court"]
    for kind in ("unbound", "none"):
        refused = service.client.post(
            "/api/v1/batches?lang=en", json={"year": 2025, "from_register": True}, headers=service.headers(kind)
        )
        assert refused.status_code == 403, (kind, refused.get_json())
        [problem] = refused.get_json()["errors"]
        assert problem["location"] == "from_register"
        assert problem["message"] == (
            "A batch from the register needs an administrator's key or a key bound to an organization"
        )
    assert finished(service, osh.headers["Location"], "osh")["state"] == "done"
    assert finished(service, nookat.headers["Location"], "nookat")["state"] == "done"


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"year": 2026, "from_register": True}, 422, "reports_none_submitted"),
        ({"from_register": True}, 422, "batch_year_missing"),
        ({"year": 2025, "from_register": True, "reports": [{}]}, 422, "batch_register_and_reports"),
        ({"year": 2025, "from_register": "yes"}, 422, "bool_parsing"),
        ({"year": 2024, "from_register": True}, 422, "reports_year_range"),
    ],
)
def test_a_register_batch_that_cannot_be_made_says_why(service: Service, body: Any, status: int, code: str) -> None:
    answer = ask(service, "admin", body)
    assert answer.status_code == status, answer.get_json()
    assert [problem["code"] for problem in answer.get_json()["errors"]] == [code]


def test_the_batch_page_offers_the_register(service: Service) -> None:
    client = service.app.test_client()
    page = client.get("/signin").get_data(as_text=True)
    token = csrf_token(page)
    key = service.key_for("osh-oblast-court")
    assert client.post("/signin", data={"csrf_token": token, "key": key}).status_code == 303
    form = client.get("/batches?lang=en").get_data(as_text=True)
    assert 'id="submit-register"' in form and "Start the batch from the register" in form
    token = csrf_token(form)
    answer = client.post(
        "/batches?lang=en",
        data={"csrf_token": token, "year": "2025", "format": "docx", "source": "register"},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 303, answer.get_data(as_text=True)[:500]
    job = answer.headers["Location"].split("/batches/")[1].split("?")[0]
    state = finished(service, f"/api/v1/batches/{job}", "osh")
    assert {item["organization"] for item in state["register"]} == OSH_GROUP and state["state"] == "done"
    # nobody signed in (keys not required here): the page says who may, and nothing is queued
    stranger = service.app.test_client()
    page = stranger.get("/batches?lang=en").get_data(as_text=True)
    token = csrf_token(page)
    refused = stranger.post(
        "/batches?lang=en",
        data={"csrf_token": token, "year": "2025", "format": "docx", "source": "register"},
        content_type="multipart/form-data",
    )
    assert refused.status_code == 403
    assert "needs an administrator&#39;s key or a key bound to an organization" in refused.get_data(as_text=True)
