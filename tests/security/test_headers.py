"""Security headers on every answer, and errors that never show the server's insides."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, Response
from flask.testing import FlaskClient

from service import create_app
from service.logs import JsonFormatter

API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("get", "/api/v1/templates", 200),
        ("get", "/api/v1/openapi.json", 200),
        ("get", "/health/live", 200),
        ("get", "/health", 503),  # no LibreOffice in this app
        ("get", "/api/v1/nothing-here", 404),
        ("post", "/api/v1/documents/action-plan?format=docx", 422),
    ],
)
def test_api_answers_carry_the_security_headers(docx_client: FlaskClient, method: str, url: str, status: int) -> None:
    response = getattr(docx_client, method)(url, json={})
    assert response.status_code == status
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Content-Security-Policy"] == API_CSP
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Request-Id"]


def test_a_rendered_document_is_not_cached(docx_client: FlaskClient, plan_data: dict[str, Any]) -> None:
    response = docx_client.post("/api/v1/documents/action-plan?format=docx", json=plan_data)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_staff_pages_keep_their_own_policy(docx_client: FlaskClient) -> None:
    """``service.web`` sends a wider CSP (its scripts and styles) and same-origin referrers: not overridden."""
    response = docx_client.get("/")
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_a_cache_control_the_view_chose_is_kept(tmp_path: Path) -> None:
    app = create_app({"data_dir": tmp_path, "start_pool": False})

    @app.get("/api/v1/test-only/cached")
    def cached() -> Response:
        response = Response(b"png", mimetype="image/png")
        response.headers["Cache-Control"] = "private, max-age=86400, immutable"
        return response

    response = app.test_client().get("/api/v1/test-only/cached")
    assert response.headers["Cache-Control"] == "private, max-age=86400, immutable"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_wrong_method_says_what_is_allowed(docx_client: FlaskClient) -> None:
    response = docx_client.delete("/api/v1/templates")
    assert response.status_code == 405
    assert set(response.headers["Allow"].replace(" ", "").split(",")) >= {"GET"}
    assert response.json["errors"][0]["code"] == "http"


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", None],
)
def test_the_json_endpoint_reads_only_json(
    docx_client: FlaskClient, plan_data: dict[str, Any], content_type: Any
) -> None:
    body = json.dumps(plan_data, ensure_ascii=False).encode("utf-8")
    response = docx_client.post(
        "/api/v1/documents/action-plan?format=docx",
        data=body,
        content_type=content_type,
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 415
    [error] = response.json["errors"]
    assert error["code"] == "unsupported_media_type" and error["location"] == "Content-Type"
    assert "application/json" in error["message"]
    charset = docx_client.post(
        "/api/v1/documents/action-plan?format=docx", data=body, content_type="application/json; charset=utf-8"
    )
    assert charset.status_code == 200


@pytest.fixture
def failing_app(tmp_path: Path) -> Flask:
    """An app with a test-only route that fails the way a bug would."""
    app = create_app({"data_dir": tmp_path, "start_pool": False})

    @app.get("/api/v1/test-only/boom")
    def boom() -> Response:
        secret = "/etc/kagaz/secret-path"
        raise RuntimeError(f"a bug near {secret}")

    return app


def test_a_bug_is_a_500_with_the_request_id_and_no_trace(failing_app: Flask, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="kagaz.api"):
        response = failing_app.test_client().get("/api/v1/test-only/boom", headers={"Accept-Language": "en"})
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    for leak in ("Traceback", "RuntimeError", "secret-path", "boom", 'File "', ".py"):
        assert leak not in body, f"{leak!r} leaked to the client"
    problem = response.json
    request_id = problem["request_id"]
    assert request_id and response.headers["X-Request-Id"] == request_id
    assert problem["errors"] == [
        {
            "location": "server",
            "code": "internal",
            "message": "An internal error; see the log by request id",
            "severity": "error",
        }
    ]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    [record] = [record for record in caplog.records if record.name == "kagaz.api"]
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == request_id and line["level"] == "error"
    assert "RuntimeError: a bug near /etc/kagaz/secret-path" in line["exception"], "the trace goes to the log"


def test_an_incoming_request_id_is_kept_only_when_sane(docx_client: FlaskClient) -> None:
    kept = docx_client.get("/health/live", headers={"X-Request-Id": "caller-123"})
    assert kept.headers["X-Request-Id"] == "caller-123"
    for hostile in ("x" * 65, "a\tb"):
        replaced = docx_client.get("/health/live", headers={"X-Request-Id": hostile})
        assert replaced.headers["X-Request-Id"] != hostile and len(replaced.headers["X-Request-Id"]) == 32
