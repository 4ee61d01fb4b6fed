"""Who reaches the staff pages and whose batches, with ``KAGAZ_AUTH_REQUIRED=true``: every web route (and the
batch API beside them) with no key, another client's key, the owner's key and an admin's key. The public
check of issued documents (``/verify``, ``GET /api/v1/issued/<number>``, ``POST /api/v1/verify``) stays open
to everyone.

Pages are signed in through ``/signin`` (a session, as a clerk does); the API gets the key in its header.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pagetools import csrf

from conftest import SAMPLES
from service import create_app

REPORT = json.loads(next(iter(sorted((SAMPLES / "reports" / "2025").glob("*.json")))).read_text(encoding="utf-8"))
WHO = ("nobody", "other client", "owner", "admin")


def make(tmp_path: Path, auth_required: bool) -> Flask:
    app = create_app({"data_dir": tmp_path / "data", "start_pool": False, "auth_required": auth_required})
    app.testing = True
    return app


def signed_in(app: Flask, key: str | None) -> FlaskClient:
    client = app.test_client()
    if key is not None:
        answer = client.post("/signin?next=/batches", data={"csrf_token": csrf(client, "/signin"), "key": key})
        assert (answer.status_code, answer.headers["Location"]) == (303, "/batches")
    return client


def finished(client: FlaskClient, url: str, headers: dict[str, str]) -> dict[str, Any]:
    give_up = time.monotonic() + 120
    while True:
        state = client.get(url, headers=headers).get_json()
        if state["state"] in ("done", "failed"):
            return state
        assert time.monotonic() < give_up, state
        time.sleep(0.05)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """An app requiring keys; four callers; a batch (DOCX) submitted by the owner's key and finished.
    Shared by the module's tests (the one that revokes a key does it last, on a key of its own)."""
    app = make(tmp_path_factory.mktemp("staff"), auth_required=True)
    store = app.extensions["kagaz.keys"]
    keys = {"nobody": None}
    keys["other client"] = store.create("other-court", "client")[1]
    keys["owner"] = store.create("osh-court", "client")[1]
    keys["admin"] = store.create("root", "admin")[1]
    owner = {"Authorization": f"Bearer {keys['owner']}"}
    client = app.test_client()
    submitted = client.post("/api/v1/batches?format=docx&year=2025", json=[REPORT], headers=owner)
    assert submitted.status_code == 202, submitted.get_json()
    state = finished(client, submitted.headers["Location"], owner)
    assert state["state"] == "done", state
    issued = client.post("/api/v1/documents/progress-report?format=docx", json=REPORT, headers=owner)
    assert issued.status_code == 200, issued.get_json()
    try:
        yield {"app": app, "keys": keys, "id": state["id"], "number": issued.headers["X-Kagaz-Number"]}
    finally:
        app.extensions["kagaz.jobs"].stop()


PAGE = {"nobody": 303, "other client": 200, "owner": 200, "admin": 200}
POSTED = {"nobody": 303, "other client": 400, "owner": 400, "admin": 400}  # signed in: reaches the view (no CSRF)
OWNED = {"nobody": 303, "other client": 404, "owner": 200, "admin": 200}
OWNED_API = {"nobody": 401, "other client": 404, "owner": 200, "admin": 200}
PUBLIC = dict.fromkeys(WHO, 200)
NO_FILE = dict.fromkeys(WHO, 400)  # reaches the check, which asks for a file: never a sign-in or a key
NO_PDF = dict.fromkeys(WHO, 415)  # reaches the API's check, which asks for a PDF body or a form: never a key
ROUTES = [
    ("GET", "/", PAGE),
    ("GET", "/?lang=ru", PAGE),
    ("POST", "/", POSTED),
    ("GET", "/spreadsheets/action-plan.xlsx", PAGE),
    ("GET", "/spreadsheets/progress-report.xlsx?example=1", PAGE),
    ("GET", "/batches", PAGE),
    ("POST", "/batches", POSTED),
    ("GET", "/batches/{id}", OWNED),
    ("GET", "/batches/{id}/state.json", OWNED),
    ("GET", "/batches/{id}/result.zip", OWNED),
    ("GET", "/api/v1/batches/{id}", OWNED_API),
    ("GET", "/api/v1/batches/{id}/result.zip", OWNED_API),
    ("GET", "/verify", PUBLIC),
    ("GET", "/verify?lang=en", PUBLIC),
    ("GET", "/verify/{number}", PUBLIC),
    ("GET", "/verify?number={number}", PUBLIC),
    ("POST", "/verify", NO_FILE),
    ("GET", "/api/v1/issued/{number}", PUBLIC),
    ("POST", "/api/v1/verify", NO_PDF),
]


@pytest.mark.parametrize(("method", "route", "expected"), ROUTES, ids=[f"{m} {r}" for m, r, _ in ROUTES])
def test_every_staff_route_under_auth_required(world: dict[str, Any], method: str, route: str, expected: dict) -> None:
    path = route.format(id=world["id"], number=world["number"])
    for who in WHO:
        key = world["keys"][who]
        if path.startswith("/api/"):
            client = world["app"].test_client()
            headers = {"Authorization": f"Bearer {key}"} if key else {}
        else:
            client, headers = signed_in(world["app"], key), {}
        answer = client.open(path, method=method, headers=headers, data={} if method == "POST" else None)
        assert answer.status_code == expected[who], (who, method, path, answer.get_data(as_text=True)[:300])
        if answer.status_code == 303:
            assert answer.headers["Location"].startswith("/signin?next=")
        if answer.status_code == 200 and path.endswith("result.zip"):
            assert answer.data.startswith(b"PK")
        if answer.status_code == 404:
            assert "osh-court" not in answer.get_data(as_text=True)  # as for an unknown id: not even whose it is
        answer.close()


def test_a_revoked_key_is_signed_out_at_once(world: dict[str, Any]) -> None:
    store = world["app"].extensions["kagaz.keys"]
    client = signed_in(world["app"], store.create("short-lived", "client")[1])
    assert client.get("/batches").status_code == 200
    assert store.revoke("short-lived")
    assert client.get("/batches").status_code == 303


def test_a_wrong_key_does_not_sign_in(tmp_path: Path) -> None:
    app = make(tmp_path, auth_required=True)
    client = app.test_client()
    answer = client.post("/signin?lang=en", data={"csrf_token": csrf(client, "/signin"), "key": "kgz_wrong"})
    assert answer.status_code == 401 and "The key is wrong or revoked" in answer.get_data(as_text=True)
    assert '<html lang="en">' in answer.get_data(as_text=True)  # base.html reads the page's language
    assert client.get("/").status_code == 303
    hostile = client.post("/signin?next=//evil.example/", data={"csrf_token": csrf(client, "/signin"), "key": "x"})
    assert hostile.status_code == 401


HOSTILE_NEXT = (
    "//evil.example/",
    "/\\evil.example/",
    "https://evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
    "evil.example",
    "/\t/evil.example",
    "/\r\nSet-Cookie:x",
)


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_the_sign_in_goes_back_only_to_this_site(tmp_path: Path, target: str) -> None:
    app = make(tmp_path, auth_required=True)
    key = app.extensions["kagaz.keys"].create("clerk", "client")[1]
    client = app.test_client()
    answer = client.post(
        "/signin", query_string={"next": target}, data={"csrf_token": csrf(client, "/signin"), "key": key}
    )
    assert (answer.status_code, answer.headers["Location"]) == (303, "/")
    # the old sign-in addresses pass ``next`` on only when it is this site's
    for old in ("/reports/login", "/editors/login"):
        moved = client.get(old, query_string={"next": target})
        assert moved.status_code == 301 and moved.headers["Location"] == "/signin?next=/"


def test_one_sign_in_and_one_sign_out_for_every_staff_area(tmp_path: Path) -> None:
    """The old sign-in pages lead to ``/signin`` with their ``next``; one key signed in there reaches the
    form, the batches, the reports of its organization and (with an editor's role) the editors' page; one
    sign-out ends them all."""
    app = make(tmp_path, auth_required=True)
    store = app.extensions["kagaz.keys"]
    client = app.test_client()
    moved = client.get("/reports/login?next=/reports/2025")
    assert (moved.status_code, moved.headers["Location"]) == (301, "/signin?next=/reports/2025")
    moved = client.get("/editors/login")
    assert (moved.status_code, moved.headers["Location"]) == (301, "/signin?next=/editors/")
    assert client.get("/reports/2025").headers["Location"] == "/signin?next=/reports/2025"
    assert client.get("/editors/").headers["Location"] == "/signin?next=/editors/"

    editor = store.create("editor-nookat", "editor", "nookat-district-court")[1]
    signed = client.post("/signin?next=/reports/2025", data={"csrf_token": csrf(client, "/signin"), "key": editor})
    assert (signed.status_code, signed.headers["Location"]) == (303, "/reports/2025")
    for page in ("/", "/batches", "/reports/2025", "/reports/2025/nookat-district-court", "/editors/"):
        answer = client.get(page)
        assert answer.status_code == 200, page
        assert "«editor-nookat»" in answer.get_data(as_text=True), page  # who is signed in, on every area
    assert client.get("/reports/2025/naryn-oblast-court").status_code == 403  # another organization's

    token = csrf(client, "/")
    out = client.post("/signout", data={"csrf_token": token})
    assert (out.status_code, out.headers["Location"]) == (303, "/signin")
    for page in ("/", "/batches", "/reports/2025", "/editors/"):
        assert client.get(page).status_code == 303, page
    assert client.post("/reports/logout").status_code in (404, 405)  # one sign-out: the old ones are gone
    assert client.post("/editors/logout").status_code in (404, 405)


def test_with_auth_off_anonymous_batches_stay_reachable_by_id(tmp_path: Path) -> None:
    app = make(tmp_path, auth_required=False)
    try:
        client = app.test_client()
        submitted = client.post("/api/v1/batches?format=docx&year=2025", json=[REPORT])
        assert submitted.status_code == 202
        state = finished(client, submitted.headers["Location"], {})
        stranger = app.test_client()
        assert stranger.get(f"/api/v1/batches/{state['id']}").status_code == 200
        assert stranger.get(f"/batches/{state['id']}").status_code == 200
        with stranger.get(f"/batches/{state['id']}/result.zip") as archive:
            assert archive.data.startswith(b"PK")
        assert stranger.get("/").status_code == 200  # the pages stay open
        # a batch submitted with a key belongs to that key, even with authentication off
        key = app.extensions["kagaz.keys"].create("clerk", "client")[1]
        owned = client.post(
            "/api/v1/batches?format=docx&year=2025", json=[REPORT], headers={"Authorization": f"Bearer {key}"}
        )
        assert stranger.get(owned.headers["Location"]).status_code == 404
    finally:
        app.extensions["kagaz.jobs"].stop()
