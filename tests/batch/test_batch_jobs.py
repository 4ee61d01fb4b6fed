"""Batches as jobs over HTTP, on Huey with SQLite: submit, poll, download; and restarts that lose nothing —
a graceful one while a job runs, one while it is queued, and a service killed with SIGKILL mid-job."""

from __future__ import annotations

import hashlib
import io
import json
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

import pdftools
from conftest import ROOT, SAMPLES

from .conftest import REPORTS, MakeApp


def reports(count: int | None = None) -> list[dict[str, Any]]:
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(REPORTS.glob("*.json"))[:count]]


def wait_for(client: FlaskClient, url: str, until: Any, timeout: float = 120.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        response = client.get(url)
        assert response.status_code == 200, response.get_json()
        state = response.get_json()
        if until(state):
            return state
        assert state["state"] != "failed", state
        assert time.monotonic() < deadline, f"gave up waiting: {state}"
        time.sleep(0.05)


def is_finished(state: dict[str, Any]) -> bool:
    return state["state"] in ("done", "failed")


def download(client: FlaskClient, url: str) -> Any:
    """GET a file answer and close it (the ZIP is sent from an open file)."""
    with client.get(url) as response:
        response.get_data()
        return response


def manifest_of(zip_bytes: bytes) -> dict[str, Any]:
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as archive:
        return json.loads(archive.read("manifest.json"))


@pytest.mark.office
def test_submit_poll_and_download(make_app: MakeApp, tmp_path: Path) -> None:
    client = make_app(tmp_path / "data").test_client()
    bad = reports(1)[0] | {"measures": [{"measure": 1, "status": "бүттү го"}]}
    response = client.post("/api/v1/batches?year=2025&format=pdf&lang=en", json=[*reports(4), bad])
    assert response.status_code == 202, response.get_json()
    location = response.headers["Location"]
    job = response.get_json()
    assert location == f"/api/v1/batches/{job['id']}"
    assert job["state"] == "queued" and job["total"] == 6

    state = wait_for(client, f"{location}?lang=en", is_finished)
    assert state["state"] == "done"
    assert (state["done"], state["total"]) == (6, 6)
    assert state["counts"] == {"ok": 5, "skipped-up-to-date": 0, "error": 1}
    [error] = [error for error in state["errors"] if error["location"].startswith("measures[0].status")]
    assert error["source"] == "reports[4].json" and error["document"] == "progress-report"
    assert state["result"] == f"{location}/result.zip"

    answer = download(client, state["result"])
    assert answer.status_code == 200 and answer.mimetype == "application/zip"
    assert "kagaz-batch-2025-" in answer.headers["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(answer.data)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        made = [entry for entry in manifest["outputs"] if entry["status"] == "ok"]
        assert len(made) == 5
        for entry in made:
            pdf = archive.read(entry["file"])
            assert hashlib.sha256(pdf).hexdigest() == entry["sha256"]
        assert int(pdftools.info(archive.read(made[0]["file"]))["Pages"]) >= 1
        # every file a batch hands out is issued: its number is in the manifest, on its page and in the register
        numbers = [entry["number"] for entry in made]
        assert len(set(numbers)) == 5 and all(number and number.startswith("КЖС-") for number in numbers)
        for entry in made:
            assert entry["number"] in pdftools.text(archive.read(entry["file"]))
            issued = client.get(f"/api/v1/issued/{entry['number']}").get_json()
            assert issued["state"] == "issued" and issued["output_sha256"] == entry["sha256"], issued
        assert "number" in archive.read("manifest.csv").decode("utf-8").splitlines()[0].split(",")


@pytest.mark.office
def test_a_restart_while_a_job_runs_loses_nothing_and_redoes_nothing(make_app: MakeApp, tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = make_app(data)
    client = first.test_client()
    location = client.post("/api/v1/batches?year=2025", json=reports()).headers["Location"]
    wait_for(client, location, lambda state: state["done"] >= 3 or is_finished(state))
    first.extensions["kagaz.jobs"].stop()  # the service stops: the running batch is queued again
    stopped = first.test_client().get(location).get_json()
    assert stopped["state"] in ("queued", "done"), stopped
    done_before = stopped["done"]

    second = make_app(data).test_client()  # the service starts again on the same data dir
    state = wait_for(second, location, is_finished)
    assert state["state"] == "done" and state["done"] == state["total"] == 20
    manifest = manifest_of(download(second, state["result"]).data)
    statuses = [entry["status"] for entry in manifest["outputs"]]
    assert statuses.count("ok") + statuses.count("skipped-up-to-date") == 20
    if stopped["state"] == "queued":
        assert statuses.count("skipped-up-to-date") >= done_before >= 3, "what was made before is not redone"

    third = make_app(data).test_client()  # and a finished result survives another restart
    answer = download(third, state["result"])
    assert answer.status_code == 200
    assert manifest_of(answer.data)["outputs"] == manifest["outputs"]


def test_a_job_queued_before_a_restart_runs_after_it(make_app: MakeApp, tmp_path: Path) -> None:
    data = tmp_path / "data"
    client = make_app(data, jobs_workers=0).test_client()  # a service whose consumer runs elsewhere
    response = client.post("/api/v1/batches?format=docx", json=reports(2))
    location = response.headers["Location"]
    assert client.get(location).get_json()["state"] == "queued"
    assert client.get(f"{location}/result.zip").status_code == 409

    restarted = make_app(data).test_client()
    state = wait_for(restarted, location, is_finished)
    assert state["state"] == "done" and state["year"] == 2025, "the year came from the reports"
    assert download(restarted, state["result"]).status_code == 200


KILLED_SERVICE = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from service import create_app

    app = create_app({"data_dir": sys.argv[1], "pool_size": 1})
    client = app.test_client()
    reports = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(sys.argv[2]).glob("*.json"))[:6]]
    location = client.post("/api/v1/batches?year=2025", json=reports).headers["Location"]
    print(location, flush=True)
    while client.get(location).get_json()["done"] < 2:
        time.sleep(0.02)
    print("half way", flush=True)
    time.sleep(600)
    """
)


@pytest.mark.office
def test_a_job_of_a_killed_service_is_resumed_by_the_next_one(make_app: MakeApp, tmp_path: Path) -> None:
    data = tmp_path / "data"
    service = subprocess.Popen(
        [sys.executable, "-c", KILLED_SERVICE, str(data), str(REPORTS)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert service.stdout is not None
        location = service.stdout.readline().strip()
        assert service.stdout.readline().strip() == "half way"
        service.send_signal(signal.SIGKILL)
    finally:
        service.wait(timeout=30)
        if service.stdout is not None:
            service.stdout.close()
    assert service.returncode == -signal.SIGKILL

    client = make_app(data, jobs_stale_after=1.0).test_client()
    left = client.get(location).get_json()
    assert left["state"] == "running" and 2 <= left["done"] < left["total"], left
    state = wait_for(client, location, is_finished)
    assert state["state"] == "done" and state["done"] == 7
    outputs = manifest_of(download(client, state["result"]).data)["outputs"]
    statuses = [entry["status"] for entry in outputs]
    assert statuses.count("skipped-up-to-date") >= 2 and statuses.count("error") == 0


# --- the forms a batch may take, and what is refused ---------------------------------------------------
def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_a_zip_upload_never_writes_where_its_names_point(make_app: MakeApp, tmp_path: Path) -> None:
    data = tmp_path / "data"
    client = make_app(data).test_client()
    files = sorted(REPORTS.glob("*.json"))[:2]
    content = zip_bytes({"../../escaped.json": files[0].read_bytes(), "/abs/second.json": files[1].read_bytes()})
    response = client.post(
        "/api/v1/batches",
        data={"file": (io.BytesIO(content), "reports.zip"), "format": "docx", "year": "2025"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 202, response.get_json()
    state = wait_for(client, response.headers["Location"], is_finished)
    assert state["state"] == "done" and state["counts"]["ok"] == 3
    job = data / "batches" / state["id"]
    assert sorted(path.name for path in (job / "inputs").iterdir()) == ["0001.json", "0002.json"]
    stored = json.loads((job / "job.json").read_text(encoding="utf-8"))
    assert [item["name"] for item in stored["inputs"]] == ["escaped.json", "second.json"]
    assert not list(tmp_path.rglob("escaped.json"))


def test_a_workbook_upload_is_one_report(make_app: MakeApp, tmp_path: Path) -> None:
    client = make_app(tmp_path / "data").test_client()
    workbook = (SAMPLES / "spreadsheets" / "progress_report.xlsx").read_bytes()
    response = client.post(
        "/api/v1/batches?format=docx&year=2025",
        data={"file": (io.BytesIO(workbook), "Ош облустук соту.xlsx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 202, response.get_json()
    state = wait_for(client, response.headers["Location"], is_finished)
    assert state["state"] == "done" and state["counts"] == {"ok": 2, "skipped-up-to-date": 0, "error": 0}


@pytest.mark.parametrize(
    ("request_kwargs", "status", "code"),
    [
        ({"json": []}, 422, "batch_not_list"),
        ({"json": {"reports": "no"}}, 422, "batch_not_list"),
        ({"data": b"<xml/>", "content_type": "text/xml"}, 415, "unknown_format"),
        ({"data": zip_bytes({"a.json": b"{}", "virus.exe": b"MZ"}), "content_type": "application/zip"}, 422, None),
        ({"data": b"PK\x03\x04garbage", "content_type": "application/zip"}, 422, "batch_zip_damaged"),
        ({"json": [{"year": 2025}], "query_string": {"format": "odt"}}, 400, "unknown_format"),
        ({"json": [{"year": 2025}], "query_string": {"year": "1999"}}, 422, "batch_year_range"),
        ({"json": [{"year": 2025}], "query_string": {"year": "2101"}}, 422, "batch_year_range"),
        ({"json": [{"no": "year"}]}, 422, "batch_year_missing"),
        ({"json": [{"year": 5}]}, 422, "batch_year_range"),  # a report's own year is range-checked too
        ({"json": {"reports": [{"year": 2025}], "year": "2025"}}, 422, "int_type"),  # a JSON year is a number
        ({"json": {"reports": [{"year": 2025}], "year": 2025.0}}, 422, "int_type"),
        ({"json": {"reports": [{"year": 2025}], "year": True}}, 422, "int_type"),
        ({"json": {"reports": [{"year": 2025}], "formats": "pdf"}}, 422, "list_type"),
    ],
)
def test_refused_submissions(
    make_app: MakeApp, tmp_path: Path, request_kwargs: dict[str, Any], status: int, code: str | None
) -> None:
    client = make_app(tmp_path / "data", jobs_workers=0).test_client()
    response = client.post("/api/v1/batches", **request_kwargs)
    assert response.status_code == status, response.get_json()
    errors = response.get_json()["errors"]
    if code is None:
        assert errors == [
            {
                "location": "virus.exe",
                "code": "batch_zip_entry_type",
                "message": errors[0]["message"],
                "severity": "error",
            }
        ]
    else:
        assert errors[0]["code"] == code
    assert not (tmp_path / "data" / "batches").exists(), "nothing is stored for a refused batch"


def test_a_body_over_the_batch_limit_is_413(make_app: MakeApp, tmp_path: Path) -> None:
    client = make_app(tmp_path / "data", batch_max_bytes=4096, jobs_workers=0).test_client()
    assert client.post("/api/v1/batches", json=reports(1) * 3).status_code == 413


@pytest.mark.parametrize("job_id", ["0" * 32, "nope", "..%2F..%2Fetc", "A" * 32])
def test_unknown_and_malformed_ids_are_404(make_app: MakeApp, tmp_path: Path, job_id: str) -> None:
    client = make_app(tmp_path / "data", jobs_workers=0).test_client()
    assert client.get(f"/api/v1/batches/{job_id}").status_code == 404
    assert client.get(f"/api/v1/batches/{job_id}/result.zip").status_code == 404


def test_with_auth_required_a_batch_needs_a_client_key(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app(tmp_path / "data", auth_required=True, jobs_workers=0)
    client = app.test_client()
    assert client.post("/api/v1/batches?format=docx", json=reports(1)).status_code == 401
    _info, key = app.extensions["kagaz.keys"].create("registry-system", "client")
    headers = {"Authorization": f"Bearer {key}"}
    response = client.post("/api/v1/batches?format=docx", json=reports(1), headers=headers)
    assert response.status_code == 202
    assert client.get(response.headers["Location"]).status_code == 401
    assert client.get(response.headers["Location"], headers=headers).get_json()["state"] == "queued"


def test_several_files_in_one_form_are_one_batch(make_app: MakeApp, tmp_path: Path) -> None:
    client = make_app(tmp_path / "data").test_client()
    files = [(io.BytesIO(path.read_bytes()), path.name) for path in sorted(REPORTS.glob("*.json"))[:2]]
    response = client.post(
        "/api/v1/batches",
        data={"file": files, "format": "docx", "year": "2025"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 202, response.get_json()
    state = wait_for(client, response.headers["Location"], is_finished)
    assert state["state"] == "done" and state["counts"]["ok"] == 3


class FlakyPool:
    """The real pool, answering "busy" to the first ``failures`` conversions, as when LibreOffice restarts."""

    def __init__(self, pool: Any, failures: int) -> None:
        self.pool = pool
        self.failures = failures
        self.conversions = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.pool, name)

    def convert(self, docx: bytes) -> bytes:
        from service.errors import PoolUnavailable

        if self.failures > 0:
            self.failures -= 1
            raise PoolUnavailable("busy", 1)
        self.conversions += 1
        return self.pool.convert(docx)


@pytest.mark.office
def test_a_system_failure_is_retried_and_only_what_failed_is_redone(
    make_app: MakeApp, pool: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from service.jobs import tasks

    monkeypatch.setattr(tasks, "RETRY_DELAY", 1)
    flaky = FlakyPool(pool, failures=2)
    client = make_app(tmp_path / "data", conversion_pool=flaky, jobs_workers=1).test_client()
    location = client.post("/api/v1/batches?year=2025&format=pdf", json=reports(3)).headers["Location"]
    retried = wait_for(client, location, lambda state: state.get("message") or is_finished(state), timeout=60)
    assert retried["state"] in ("queued", "running") and "system reason" in retried["message"], retried
    state = wait_for(client, location, is_finished)
    assert state["state"] == "done" and state["errors"] == []
    assert state["counts"] == {"ok": 2, "skipped-up-to-date": 2, "error": 0}
    assert flaky.conversions == 4, "2 made the first time, the 2 that failed the second time"


def test_a_queued_job_whose_task_was_lost_is_queued_again(make_app: MakeApp, tmp_path: Path) -> None:
    data = tmp_path / "data"
    app = make_app(data, jobs_workers=0)
    client = app.test_client()
    location = client.post("/api/v1/batches?format=docx", json=reports(1)).headers["Location"]
    app.extensions["kagaz.jobs"].huey.storage.flush_queue()  # as if a worker died between dequeue and start
    time.sleep(0.6)
    restarted = make_app(data, jobs_stale_after=0.5).test_client()
    state = wait_for(restarted, location, is_finished)
    assert state["state"] == "done" and state["counts"]["ok"] == 2


EXITING_SERVICE = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from service import create_app

    app = create_app({"data_dir": sys.argv[1], "start_pool": False})
    client = app.test_client()
    reports = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(sys.argv[2]).glob("*.json"))]
    location = client.post("/api/v1/batches?year=2025&format=docx", json=reports).headers["Location"]
    print(location, flush=True)
    while client.get(location).get_json()["done"] < 2:
        time.sleep(0.01)
    sys.exit(0)  # as kagaz serve ends on SIGTERM: thread pools shut, then atexit stops the jobs
    """
)


def test_a_service_that_exits_mid_job_queues_it_again(make_app: MakeApp, tmp_path: Path) -> None:
    data = tmp_path / "data"
    completed = subprocess.run(
        [sys.executable, "-c", EXITING_SERVICE, str(data), str(REPORTS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    location = completed.stdout.strip()
    client = make_app(data, jobs_workers=0).test_client()
    left = client.get(location).get_json()
    if left["state"] == "done":
        pytest.skip("the batch finished before the service exited")
    assert left["state"] == "queued" and "interrupted" in left["message"], left
    assert "Traceback" not in completed.stderr, completed.stderr

    restarted = make_app(data).test_client()
    state = wait_for(restarted, location, is_finished)
    assert state["state"] == "done" and state["counts"]["skipped-up-to-date"] >= 2


def test_a_json_file_too_deep_for_python_is_accepted_and_reported_not_a_500(make_app: MakeApp, tmp_path: Path) -> None:
    client = make_app(tmp_path / "data").test_client()
    deep = b"[" * 100_000 + b"]" * 100_000
    response = client.post(
        "/api/v1/batches?format=docx&year=2025",
        data={
            "file": [
                (io.BytesIO(deep), "deep.json"),
                (io.BytesIO((REPORTS / "osh-city-court.json").read_bytes()), "ok.json"),
            ]
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 202, response.get_json()
    state = wait_for(client, response.headers["Location"], is_finished)
    assert state["state"] == "done" and state["counts"] == {"ok": 2, "skipped-up-to-date": 0, "error": 1}
    assert [(error["source"], error["code"]) for error in state["errors"]] == [("deep.json", "invalid_json")]
