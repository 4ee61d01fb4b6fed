"""Limits on what comes in, beyond the corpus: numbers that are not numbers, bodies past their limit, and a
batch's report files parsed as strictly as the API's body."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from service import create_app, documents
from service.auth import KeyStore
from service.batch.inputs import Source, parse
from service.errors import InputError

ROOT = Path(__file__).resolve().parents[2]


def sample(name: str) -> dict[str, Any]:
    path = ROOT / "samples" / ("action_plan.json" if name == "action-plan" else "reports/2025/osh-oblast-court.json")
    return json.loads(path.read_text(encoding="utf-8"))


def put(data: Any, path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for key in parents:
        data = data[int(key)] if isinstance(data, list) else data[key]
    data[int(last) if isinstance(data, list) else last] = value


@pytest.mark.parametrize(
    ("document", "path", "where", "code"),
    [
        ("action-plan", "approving_order.year", "approving_order.year", "int_type"),
        ("action-plan", "sections.0.number", "sections[0].number", "int_type"),
        ("action-plan", "sections.1.measures.0.number", "sections[1].measures[0].number", "int_type"),
        ("progress-report", "year", "year", "int_type"),
        ("progress-report", "measures.0.measure", "measures[0].measure", "int_type"),
        ("progress-report", "measures.0.indicators.0.value", "measures[0].indicators[0].value", "float_type"),
        ("progress-report", "measures.0.indicators.0.target", "measures[0].indicators[0].target", "float_type"),
    ],
)
@pytest.mark.parametrize("boolean", [True, False])
def test_true_and_false_are_not_numbers(document: str, path: str, where: str, code: str, boolean: bool) -> None:
    """Pydantic's lax mode reads ``true`` as 1: a measure numbered ``true`` would be measure 1."""
    data = sample(document)
    put(data, path, boolean)
    with pytest.raises(InputError) as refused:
        documents.load(document, data)
    assert (where, code) in {(problem.location, problem.code) for problem in refused.value.problems}


def test_booleans_stay_booleans_and_numbers_numbers() -> None:
    plan = sample("action-plan")
    plan["approving_order"]["acting"] = True
    plan["sections"][0]["number"] = 1.0  # a whole float is still read as an integer (spreadsheets give floats)
    assert documents.load("action-plan", plan).approving_order.acting is True  # type: ignore[attr-defined]


def test_a_template_upload_over_the_limit_is_413(tmp_path: Path) -> None:
    app = create_app({"data_dir": tmp_path, "start_pool": False, "max_request_bytes": 64 * 1024})
    _info, token = KeyStore.for_data_dir(tmp_path).create("limits-editor", "editor")
    response = app.test_client().post(
        "/api/v1/templates/action-plan/versions",
        data={"file": (io.BytesIO(b"PK\x03\x04" + bytes(100 * 1024)), "big.docx")},
        headers={"Authorization": f"Bearer {token}"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413 and response.json["errors"][0]["code"] == "too_large"


@pytest.mark.parametrize(
    "content",
    [b"[" * 100_000 + b"]" * 100_000, b'{"year": ' + b"9" * 5000 + b"}"],
    ids=["nested-100000-deep", "5000-digit-number"],
)
def test_a_batch_report_file_that_json_cannot_hold_is_that_files_problem(content: bytes, docx_app: Any) -> None:
    """Not an exception that fails the whole job (and has Huey retry it): that file's problem, the rest go on."""
    reference = docx_app.extensions["kagaz.engine"].reference
    [item] = parse(Source("report.json", content), reference)
    assert [problem.code for problem in item.problems] == ["invalid_json"]
