"""Schemathesis against ``/api/v1/openapi.json``: no 5xx, and every answer is one the spec documents.

The spec is loaded from the WSGI app itself (no network, no server). Each operation is fuzzed with a bounded
number of examples, valid by the spec (positive) and invalid (negative), and each answer is checked: not a
server error; a documented status code, content type and headers; a body that matches the documented
schema; invalid data refused. The app runs without LibreOffice (a PDF asked for is a documented 503) and
without a job consumer (an accepted batch only waits), so the whole run stays cheap.

The operations are driven through Hypothesis directly (``operation.as_strategy``) rather than schemathesis'
pytest plugin: its lazy fixture loader does not work with pytest 9, and one test per operation and mode
reports a failure by name. The list of operation ids comes from the spec's own table, so an operation added
there is fuzzed too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode, checks

from service import create_app, documents
from service.api.openapi import OPERATIONS
from service.auth import KeyStore

EXAMPLES = 25


def no_server_error(ctx: Any, response: Any, case: Any) -> bool | None:
    """Any 5xx fails, except 503: the deliberate, documented "LibreOffice busy or not running" (with
    ``Retry-After``, which ``response_headers_conformance`` requires) and readiness saying "not ready"."""
    if response.status_code >= 500 and response.status_code != 503:
        raise AssertionError(f"{case.operation.label} answered {response.status_code}")
    return None


def invalid_data_rejected(ctx: Any, response: Any, case: Any) -> bool | None:
    """Schema-violating requests are refused; a 413 (the fuzzer's body passed the size limit) is a refusal too."""
    if response.status_code == 413:
        return None
    return checks.negative_data_rejection(ctx, response, case)


CHECKS = [
    no_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]
OPERATION_IDS = [endpoint.replace(".", "_") for endpoint in OPERATIONS] + [
    f"render_{name.replace('-', '_')}" for name in documents.KINDS
]


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    data_dir: Path = tmp_path_factory.mktemp("fuzz-data")
    app = create_app({"data_dir": data_dir, "start_pool": False, "jobs_workers": 0})
    app.testing = True
    return app


@pytest.fixture(scope="module")
def api_schema(fuzz_app: Flask) -> Any:
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", fuzz_app)


@pytest.fixture(scope="module")
def editor_headers(fuzz_app: Flask) -> dict[str, str]:
    """An editor's key on every request, so that uploads and activations reach their validation."""
    _info, token = KeyStore.for_data_dir(fuzz_app.config["KAGAZ"].data_dir).create("fuzzer", "editor")
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=lambda mode: mode.value)
@pytest.mark.parametrize("operation_id", OPERATION_IDS)
def test_the_api_answers_as_documented(
    api_schema: Any, editor_headers: dict[str, str], operation_id: str, mode: GenerationMode
) -> None:
    operation = api_schema.find_operation_by_id(operation_id)
    extra = [invalid_data_rejected] if mode is GenerationMode.NEGATIVE else []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def answers_as_documented(case: Any) -> None:
        case.call_and_validate(headers=editor_headers, checks=CHECKS + extra)

    try:
        answers_as_documented()
    except Unsatisfiable:
        assert mode is GenerationMode.NEGATIVE, "every operation has valid requests"
        pytest.skip("nothing in this operation's request can be made invalid (no parameters, or free strings)")
