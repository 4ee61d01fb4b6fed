"""The front's own refusal (``service.api.admission``): a PDF request with no place in the conversion queue is
answered on the event loop, and the answer is the app's, byte for byte — status, reason, headers, JSON problem
in the person's language, ``Retry-After``, ``X-Request-Id`` — while every request it is not sure of goes to
the app. A pool whose queue is always full stands in for LibreOffice here (the refusal is the logic under
test); ``tests/server/test_admission.py`` checks the real pool's peek."""

from __future__ import annotations

import http.client
import io
import json
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from conftest import SAMPLES
from service import create_app
from service.api.admission import early_refusal
from service.errors import PoolUnavailable
from service.server import Running, ServerLimits, wsgi

PLAN = (SAMPLES / "action_plan.json").read_bytes()


class FullPool:
    """A converter whose queue is always full (or, with ``free``, never)."""

    def __init__(self, free: bool = False) -> None:
        self.free = free

    def _error(self) -> PoolUnavailable:
        return PoolUnavailable("all 2 LibreOffice workers are busy and 2 conversions are waiting", retry_after=7)

    def refusal(self) -> PoolUnavailable | None:
        return None if self.free else self._error()

    def place(self) -> Any:
        raise self._error()

    def convert(self, docx: bytes, place: Any = None) -> bytes:
        raise self._error()

    def health(self) -> dict[str, bool]:
        return {"ready": True}

    def stop(self) -> None:
        pass


def app_with(tmp_path: Path, pool: Any, **settings: Any) -> Flask:
    return create_app({"data_dir": tmp_path / "data", "start_pool": False, "jobs_workers": 0, **settings}, pool=pool)


def environ(target: str, body: bytes = PLAN, content_type: str = "application/json", **headers: str) -> dict:
    raw = [(b"host", b"127.0.0.1"), (b"content-type", content_type.encode())]
    raw += [(name.replace("_", "-").encode(), value.encode()) for name, value in headers.items()]
    head = wsgi.Head("POST", target.encode(), "1.1", raw, ("127.0.0.1", 5000), ("127.0.0.1", 8000))
    return wsgi.environ(head, io.BytesIO(body), len(body))


def answered(answer: wsgi.Answer) -> tuple[int, str, list[tuple[str, str]], bytes]:
    return answer.status, answer.reason, answer.headers, b"".join(answer.first)


@pytest.mark.parametrize(
    ("target", "headers"),
    [
        ("/api/v1/documents/action-plan", {}),
        ("/api/v1/documents/action-plan?format=pdf&lang=ru", {}),
        ("/api/v1/documents/action-plan?format=PDF", {"Accept_Language": "en-GB,en;q=0.8"}),
        ("/api/v1/documents/action-plan?format=pdfa&attach_data=true", {}),  # PDF/A converts too
        ("/api/v1/documents/no-such-document?format=pdf&template_version=3", {}),  # the app refuses it too
        ("/api/v1/documents/progress-report?lang=xx", {"Accept_Language": "ru"}),
    ],
)
def test_the_early_refusal_is_the_apps_own_answer(tmp_path: Path, target: str, headers: dict[str, str]) -> None:
    app = app_with(tmp_path, FullPool())
    early = early_refusal(app)
    assert early is not None
    request_id = {"X_Request_Id": "quoted-by-the-client-42"}
    fast = early(environ(target, **headers, **request_id))
    assert fast is not None and fast.complete
    slow = wsgi.call(app, environ(target, **headers, **request_id), 1 << 20)
    assert answered(fast) == answered(slow)
    assert fast.status == 503 and dict(fast.headers)["Retry-After"] == "7"

    # Without a client's id each answer has a new one, in the header and the body alike.
    fast, slow = early(environ(target, **headers)), wsgi.call(app, environ(target, **headers), 1 << 20)
    assert fast is not None
    fast_body, slow_body = json.loads(b"".join(fast.first)), json.loads(b"".join(slow.first))
    assert fast_body["request_id"] == dict(fast.headers)["X-Request-Id"] != slow_body["request_id"]
    assert {**fast_body, "request_id": None} == {**slow_body, "request_id": None}
    assert [name for name, _ in fast.headers] == [name for name, _ in slow.headers]


@pytest.mark.parametrize(
    ("target", "content_type"),
    [
        ("/api/v1/documents/action-plan?format=docx", "application/json"),  # a DOCX needs no place
        ("/api/v1/documents/action-plan?format=odt", "application/json"),  # 400 first
        ("/api/v1/documents/action-plan?template_version=abc", "application/json"),  # 400 first
        ("/api/v1/documents/action-plan", "text/plain"),  # 415 first
        ("/api/v1/documents/action-plan?format=pdf&format=docx", "application/json"),  # the app decides
        ("/api/v1/documents/action-plan/", "application/json"),  # no such route
        ("/api/v1/batches?format=pdf", "application/json"),
        ("/", "multipart/form-data; boundary=x"),  # the staff form answers with its page
    ],
)
def test_what_it_is_not_sure_of_goes_to_the_app(tmp_path: Path, target: str, content_type: str) -> None:
    early = early_refusal(app_with(tmp_path, FullPool()))
    assert early is not None
    assert early(environ(target, content_type=content_type)) is None


def test_with_a_place_or_with_keys_required_the_app_answers(tmp_path: Path) -> None:
    early = early_refusal(app_with(tmp_path / "free", FullPool(free=True)))
    assert early is not None and early(environ("/api/v1/documents/action-plan")) is None
    assert early_refusal(app_with(tmp_path / "keys", FullPool(), auth_required=True)) is None  # 401 comes first


def test_over_a_socket_no_thread_runs_the_app_and_the_connection_stays_open(tmp_path: Path) -> None:
    app = app_with(tmp_path, FullPool())
    seen: list[str] = []
    app.before_request(lambda: seen.append("app"))  # type: ignore[arg-type,func-returns-value]
    with Running(app, ServerLimits(), early=app.extensions["kagaz.early_refusal"]) as base:  # as kagaz serve
        connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=10)
        for lang, start in (("ky", "LibreOffice бош эмес"), ("en", "LibreOffice is busy")):
            connection.request(
                "POST",
                f"/api/v1/documents/action-plan?lang={lang}",
                PLAN,
                {"Content-Type": "application/json", "X-Request-Id": f"r-{lang}"},
            )
            response = connection.getresponse()
            body = json.loads(response.read())
            assert response.status == 503 and response.getheader("Retry-After") == "7"
            assert response.getheader("X-Request-Id") == body["request_id"] == f"r-{lang}"
            assert response.getheader("X-Content-Type-Options") == "nosniff"
            assert response.getheader("Cache-Control") == "no-store"
            assert body["errors"][0]["code"] == "pool_unavailable"
            assert body["errors"][0]["message"].startswith(start), body
        connection.request(
            "POST", "/api/v1/documents/action-plan?format=docx", PLAN, {"Content-Type": "application/json"}
        )
        docx = connection.getresponse()
        assert docx.status == 200 and docx.read().startswith(b"PK"), "same connection, the app's answer"
        connection.close()
    assert seen == ["app"], "the two refusals never reached the app"
