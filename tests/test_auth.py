"""API keys and roles: keys are stored hashed, checked per request, revoked at once; KAGAZ_AUTH_REQUIRED."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from service import create_app
from service.auth import ANONYMOUS, KeyRefused, KeyStore, Principal, may_read
from service.cli import main
from service.db.database import DATABASE_NAME


@pytest.fixture
def store(tmp_path: Path) -> KeyStore:
    return KeyStore.for_data_dir(tmp_path)


def test_keys_are_stored_hashed_never_in_clear(store: KeyStore, tmp_path: Path) -> None:
    info, token = store.create("court-system", "client")
    assert token.startswith("kgz_") and len(token) >= 40
    raw = b"".join(path.read_bytes() for path in tmp_path.iterdir() if path.name.startswith("kagaz.sqlite3"))
    assert token.encode() not in raw and token[4:].encode() not in raw
    with sqlite3.connect(tmp_path / DATABASE_NAME) as db:
        [(stored,)] = db.execute("SELECT key_sha256 FROM api_keys").fetchall()
    assert stored == hashlib.sha256(token.encode()).hexdigest()
    assert info.prefix == token[:8]
    assert store.verify(token) is not None and store.verify(token).role == "client"  # type: ignore[union-attr]


def test_revoking_a_key_stops_it_and_frees_its_name(store: KeyStore) -> None:
    info, token = store.create("aigul", "editor")
    with pytest.raises(KeyRefused):
        store.create("aigul", "editor")
    assert store.revoke("aigul") and not store.revoke("aigul")
    assert store.verify(token) is None and store.live(info.id) is None
    _again, other = store.create("aigul", "admin")
    assert store.verify(other).role == "admin"  # type: ignore[union-attr]
    assert [key.revoked_at is not None for key in store.keys(include_revoked=True)] == [True, False]


@pytest.mark.parametrize(("name", "role"), [("has space", "client"), ("x" * 65, "client"), ("ok", "root")])
def test_bad_names_and_roles_are_refused(store: KeyStore, name: str, role: str) -> None:
    with pytest.raises(KeyRefused):
        store.create(name, role)


def test_wrong_keys_are_refused_even_where_none_is_needed(tmp_path: Path) -> None:
    app = create_app({"data_dir": tmp_path, "start_pool": False})
    client = app.test_client()
    assert client.get("/api/v1/templates").status_code == 200
    assert client.get("/api/v1/templates", headers={"Authorization": "Bearer kgz_wrong"}).status_code == 401
    assert client.get("/api/v1/templates", headers={"X-Api-Key": "kgz_wrong"}).status_code == 401


def test_with_auth_required_rendering_needs_a_client_key(tmp_path: Path, plan_data: dict[str, Any]) -> None:
    app = create_app({"data_dir": tmp_path, "start_pool": False, "auth_required": True})
    _info, token = KeyStore.for_data_dir(tmp_path).create("other-system", "client")
    client = app.test_client()
    url = "/api/v1/documents/action-plan?format=docx"
    refused = client.post(url, json=plan_data)
    assert refused.status_code == 401 and refused.json["errors"][0]["code"] == "unauthorized"
    assert client.get("/api/v1/templates").status_code == 401
    assert client.post(url, json=plan_data, headers={"X-Api-Key": token}).status_code == 200
    assert client.get("/api/v1/templates", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert client.get("/health/live").status_code == 200, "health stays open for the orchestrator"


def test_keys_on_the_command_line(tmp_path: Path) -> None:
    runner = CliRunner()
    env = {"KAGAZ_DATA_DIR": str(tmp_path)}
    created = runner.invoke(main, ["keys", "create", "--name", "aigul", "--role", "editor"], env=env)
    assert created.exit_code == 0, created.output
    token = created.stdout.strip().splitlines()[-1]
    assert KeyStore.for_data_dir(tmp_path).verify(token).name == "aigul"  # type: ignore[union-attr]
    listed = runner.invoke(main, ["keys", "list"], env=env)
    assert "aigul" in listed.output and "editor" in listed.output and token not in listed.output
    assert runner.invoke(main, ["keys", "create", "--name", "aigul", "--role", "editor"], env=env).exit_code == 1
    assert runner.invoke(main, ["keys", "create", "--name", "x", "--role", "root"], env=env).exit_code == 2
    assert runner.invoke(main, ["keys", "revoke", "aigul"], env=env).exit_code == 0
    assert KeyStore.for_data_dir(tmp_path).verify(token) is None
    assert runner.invoke(main, ["keys", "revoke", "aigul"], env=env).exit_code == 1


def test_a_key_bound_to_an_organization(tmp_path: Path) -> None:
    """``--organization`` binds a key to a court of the registry; an unknown id is refused with the closest."""
    runner = CliRunner()
    env = {"KAGAZ_DATA_DIR": str(tmp_path), "KAGAZ_LANG": "en"}
    created = runner.invoke(
        main, ["keys", "create", "--name", "osh", "--role", "client", "--organization", "osh-oblast-court"], env=env
    )
    assert created.exit_code == 0, created.output
    token = created.stdout.strip().splitlines()[-1]
    principal = KeyStore.for_data_dir(tmp_path).verify(token)
    assert principal is not None and principal.organization == "osh-oblast-court"
    assert KeyStore.for_data_dir(tmp_path).live(principal.key_id or 0).organization == "osh-oblast-court"  # type: ignore[union-attr]
    assert "osh-oblast-court" in runner.invoke(main, ["keys", "list"], env=env).output
    wrong = runner.invoke(
        main, ["keys", "create", "--name", "x", "--role", "client", "--organization", "osh-oblast"], env=env
    )
    assert wrong.exit_code == 1 and "did you mean osh-oblast-court" in wrong.output
    plain = KeyStore.for_data_dir(tmp_path).create("portal", "client")[0]
    assert plain.organization is None


OWNER, OTHER, ADMIN = Principal("owner", "client", 1), Principal("other", "editor", 2), Principal("root", "admin", 3)


@pytest.mark.parametrize(
    ("principal", "owner", "auth_required", "allowed"),
    [
        (OWNER, 1, True, True),
        (OWNER, 1, False, True),
        (OTHER, 1, True, False),  # an editor is not the owner: a role below admin reads only its own
        (OTHER, 1, False, False),
        (ADMIN, 1, True, True),
        (ANONYMOUS, 1, False, False),  # a batch with an owner is never open to anyone
        (ANONYMOUS, None, False, True),  # anonymous batches stay reachable by id with authentication off
        (OWNER, None, True, False),  # ... and only admins read them once it is on
        (ADMIN, None, True, True),
        (Principal("same-name", "client", 9), 1, True, False),  # by key id, not by name
    ],
)
def test_who_may_read_what_a_key_submitted(
    principal: Principal, owner: int | None, auth_required: bool, allowed: bool
) -> None:
    assert may_read(principal, owner, auth_required) is allowed
