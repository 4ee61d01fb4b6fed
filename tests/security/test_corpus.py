"""The bad-input corpus: every hostile or broken input is answered with a clear 4xx, and the service stays well.

Each case of ``corpus/cases.toml`` is one file (or URL) sent to one entry point — the JSON API, the template
upload, the staff form's spreadsheet upload, the batch upload — with the status and the problem code that
must come back. Whatever the case, the answer is never a 5xx and never carries a stack trace or a server
path; JSON answers are problem lists with a request id. Values holding Jinja or XML must render (200) and
come out of the DOCX literally. The last test checks that, after the whole corpus, the service is alive and
still renders a normal document. All of it runs without LibreOffice (DOCX only).
"""

from __future__ import annotations

import base64
import io
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import docx
import pytest
from flask import Flask
from flask.testing import FlaskClient
from pagetools import csrf
from werkzeug.test import TestResponse

from service import create_app
from service.auth import KeyStore

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
ROOT = HERE.parents[1]
CASES: list[dict[str, Any]] = tomllib.loads((CORPUS / "cases.toml").read_text(encoding="utf-8"))["case"]
PLAN_URL = "/api/v1/documents/action-plan?format=docx"
REPORT_URL = "/api/v1/documents/progress-report?format=docx"
UPLOAD_URL = "/api/v1/templates/action-plan/versions"
BATCH_URL = "/api/v1/batches?year=2025"
LIMIT = 1024 * 1024  # the corpus app's KAGAZ_MAX_REQUEST_BYTES: json/oversize.json is just over it
LEAKS = re.compile(r"Traceback|File \"|site-packages|/work/|\.py\b|Error\(|Exception:")


def case_id(case: dict[str, Any]) -> str:
    return case.get("id") or case["file"].rsplit(".", 1)[0]


def marked(case: dict[str, Any]) -> Any:
    marks = [pytest.mark.xfail(reason=case["xfail"], strict=True, raises=AssertionError)] if "xfail" in case else []
    return pytest.param(case, id=case_id(case), marks=marks)


@pytest.fixture(scope="module")
def corpus_app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    data_dir = tmp_path_factory.mktemp("corpus-data")
    app = create_app({"data_dir": data_dir, "start_pool": False, "max_request_bytes": LIMIT, "jobs_workers": 0})
    app.testing = True
    return app


@pytest.fixture(scope="module")
def corpus_client(corpus_app: Flask) -> FlaskClient:
    return corpus_app.test_client()


@pytest.fixture(scope="module")
def editor_key(corpus_app: Flask) -> str:
    _info, token = KeyStore.for_data_dir(corpus_app.config["KAGAZ"].data_dir).create("corpus-editor", "editor")
    return token


@pytest.fixture(scope="module")
def form_token(corpus_client: FlaskClient) -> str:
    return csrf(corpus_client, "/?lang=en")


def sample_plan() -> dict[str, Any]:
    return json.loads((ROOT / "samples" / "action_plan.json").read_text(encoding="utf-8"))


def sample_report() -> dict[str, Any]:
    return json.loads((ROOT / "samples" / "reports" / "2025" / "osh-oblast-court.json").read_text(encoding="utf-8"))


def set_path(data: Any, path: str, value: Any) -> None:
    """Set a dotted path (``sections.0.measures.0.measure``) of parsed JSON."""
    *parents, last = path.split(".")
    for key in parents:
        data = data[int(key)] if isinstance(data, list) else data[key]
    data[int(last) if isinstance(data, list) else last] = value


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    texts = [paragraph.text for paragraph in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(texts)


def send(client: FlaskClient, case: dict[str, Any], editor_key: str, form_token: str) -> TestResponse:
    content = (CORPUS / case["file"]).read_bytes() if "file" in case else b""
    name = case.get("filename") or Path(case.get("file", "upload")).name
    kind = case["send"]
    if kind == "json":
        content_type = case.get("content_type", "application/json")
        return client.post(case.get("url", PLAN_URL), data=content, content_type=content_type)
    if kind == "post":
        return client.post(case["url"], json={})
    if kind == "get":
        return client.get(case["url"])
    if kind == "value":
        plan = sample_plan()
        set_path(plan, case["field"], content.decode("utf-8"))
        return client.post(PLAN_URL, json=plan)
    if kind == "image":
        report = sample_report()
        kind_name = "svg+xml" if name.endswith(".svg") else name.rsplit(".", 1)[-1]
        report["signature"]["signature_image"] = f"data:image/{kind_name};base64," + base64.b64encode(content).decode()
        return client.post(REPORT_URL, json=report)
    if kind == "template":
        form = {"file": (io.BytesIO(content), name), "dry_run": "1"}
        headers = {"Authorization": f"Bearer {editor_key}"}
        return client.post(UPLOAD_URL, data=form, headers=headers, content_type="multipart/form-data")
    if kind == "spreadsheet":
        form = {"csrf_token": form_token, "document": "action-plan", "format": "docx"}
        form["file"] = (io.BytesIO(content), name)  # type: ignore[assignment]
        return client.post("/?lang=en", data=form, content_type="multipart/form-data")
    if kind == "batch":
        return client.post(BATCH_URL, data={"file": (io.BytesIO(content), name)}, content_type="multipart/form-data")
    raise AssertionError(f"unknown send kind {kind!r}")


def check_refusal(case: dict[str, Any], response: TestResponse) -> None:
    """A 4xx with a clear message, and nothing of the server's insides in it."""
    body = response.get_data(as_text=True)
    assert not LEAKS.search(body), f"the answer leaks the server's insides: {LEAKS.search(body)}"
    if response.mimetype == "text/html":
        messages = [re.sub(r"\s+", " ", item).strip() for item in re.findall(r'class="message">(.*?)<', body, re.S)]
        assert messages and all(messages), "the page shows a message"
        if "message" in case:
            assert any(case["message"] in message for message in messages), messages
        return
    assert response.mimetype == "application/json", response.mimetype
    problem = response.get_json()
    assert problem["status"] == response.status_code and problem["request_id"]
    assert problem["errors"], "at least one problem is named"
    for error in problem["errors"]:
        assert error["message"].strip() and error["location"].strip(), error
    if "code" in case:
        assert case["code"] in {error["code"] for error in problem["errors"]}, problem["errors"]


@pytest.mark.parametrize("case", [marked(case) for case in CASES])
def test_corpus_case(corpus_client: FlaskClient, editor_key: str, form_token: str, case: dict[str, Any]) -> None:
    response = send(corpus_client, case, editor_key, form_token)
    assert response.status_code < 500, f"a server error for {case_id(case)}: {response.get_data()[:300]!r}"
    assert response.status_code == case["status"], response.get_data()[:500]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    if case["send"] == "value":
        expected = (CORPUS / case["file"]).read_text(encoding="utf-8").strip()
        assert expected in docx_text(response.data), "the value comes out of the DOCX exactly as it went in"
    else:
        check_refusal(case, response)
    if "filename" in case:  # a file name is only ever shown, never a path anything is written to
        target = Path(case["filename"].replace("\\", "/"))
        assert not (Path("/tmp") / target.name).exists() and not target.resolve().exists()


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40
    assert len({case_id(case) for case in CASES}) == len(CASES), "case ids are unique"
    files = {path.relative_to(CORPUS).as_posix() for path in CORPUS.rglob("*") if path.is_file()}
    used = {case["file"] for case in CASES if "file" in case}
    assert used <= files, f"cases name missing files: {used - files}"
    assert files - used <= {"cases.toml"}, f"files no case sends: {files - used - {'cases.toml'}}"


def test_the_service_is_well_after_the_whole_corpus(corpus_client: FlaskClient) -> None:
    """Runs last in this module (pytest keeps file order), on the same app the corpus was thrown at."""
    assert corpus_client.get("/health/live").status_code == 200
    response = corpus_client.post(PLAN_URL, json=sample_plan())
    assert response.status_code == 200, response.get_data()[:300]
    assert "Сот департаментинин" in docx_text(response.data)
