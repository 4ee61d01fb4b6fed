"""Upgrade without loss: the data folder the release before made (``legacy-data/``, built by
``make_legacy_data.py`` with that release's code) opens after the upgrade with every version, its bytes and
note, every activation, the active versions and every key intact, and renders with the same versions."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import sqlite3
from pathlib import Path

import docx
import pytest
from flask import Flask

from service import create_app
from service.db import migrate
from service.http.resources import engine
from service.settings import PROJECT_ROOT

LEGACY = Path(__file__).parent / "legacy-data"
DOCUMENTS = {"action-plan": "action-plan", "progress-report": "progress-report"}


def legacy_rows(sql: str) -> list[tuple]:
    """Rows of the committed legacy index, read-only (the fixture itself is never changed)."""
    database = sqlite3.connect(f"file:{LEGACY / 'kagaz.sqlite3'}?immutable=1", uri=True)  # creates no -shm/-wal
    try:
        return database.execute(sql).fetchall()
    finally:
        database.close()


@pytest.fixture
def upgraded(tmp_path: Path) -> Flask:
    """The service started on a copy of the legacy folder, with the templates that release shipped (so a
    later change of ``templates_docx/`` is not mistaken for a loss)."""
    data = tmp_path / "data"
    shutil.copytree(LEGACY, data, ignore=shutil.ignore_patterns("*.sqlite3-*"))
    for path in data.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    shipped = tmp_path / "templates_docx"
    shipped.mkdir()
    for manifest in (PROJECT_ROOT / "templates_docx").glob("*.toml"):
        shutil.copy(manifest, shipped)
        name = next(line.split('"')[1] for line in manifest.read_text().splitlines() if line.startswith("name"))
        docx_name = next(line.split('"')[1] for line in manifest.read_text().splitlines() if line.startswith("docx"))
        shutil.copy(LEGACY / "templates" / name / "v1.docx", shipped / docx_name)
    app = create_app({"data_dir": data, "templates_dir": shipped, "start_pool": False})
    app.testing = True
    return app


def test_every_version_activation_note_and_key_survives(upgraded: Flask) -> None:
    data = upgraded.config["KAGAZ"].data_dir
    with upgraded.app_context():
        database, registry = engine().database, engine().registry
        assert migrate.is_current(database)
        for name, number, sha256, size, by, at, note, status, report in legacy_rows(
            "SELECT * FROM template_versions ORDER BY name, version"
        ):
            info = registry.info(name, number)
            assert (info.sha256, info.size, info.created_by, info.created_at, info.note, info.status) == (
                sha256, size, by, at, note, status
            )  # fmt: skip
            assert info.report == json.loads(report)
            content = registry.version(name, number).content
            assert content == (LEGACY / "templates" / name / f"v{number}.docx").read_bytes()
            assert hashlib.sha256(content).hexdigest() == sha256
        assert registry.artifact("action-plan", 2, "png") == (LEGACY / "templates/action-plan/v2.png").read_bytes()
        assert registry.info("action-plan", 2).note == "Жаңы кол коюучу: ң ө ү"
        for name, number, _by, _at in legacy_rows("SELECT * FROM template_active"):
            assert registry.active_number(name) == number
        for name in registry.manifests:
            expected = [
                {"version": v, "previous": p, "activated_by": by, "activated_at": at}
                for v, p, by, at in legacy_rows(
                    "SELECT version, previous, activated_by, activated_at FROM template_activations "
                    f"WHERE name = '{name}' ORDER BY id DESC"
                )
            ]
            assert registry.activations(name) == expected
    assert len(legacy_rows("SELECT * FROM api_keys")) == 4

    tokens = json.loads((data / "tokens.json").read_text())
    client = upgraded.test_client()
    for name, role in (("aigul", "editor"), ("court-portal", "client"), ("root-admin", "admin")):
        principal = upgraded.extensions["kagaz.keys"].verify(tokens[name])
        assert principal is not None and (principal.name, principal.role) == (name, role)
    assert client.get("/api/v1/templates", headers={"X-Api-Key": tokens["gone"]}).status_code == 401
    versions = client.get("/api/v1/templates/action-plan/versions", headers={"X-Api-Key": tokens["aigul"]})
    assert versions.status_code == 200 and versions.json["active_version"] == 2


def test_documents_render_with_the_same_active_versions(upgraded: Flask, plan_data: dict) -> None:
    client = upgraded.test_client()
    report = json.loads((PROJECT_ROOT / "samples/reports/2025/osh-oblast-court.json").read_text(encoding="utf-8"))
    active = dict((name, number) for name, number, _by, _at in legacy_rows("SELECT * FROM template_active"))
    for document, body in (("action-plan", plan_data), ("progress-report", report)):
        response = client.post(f"/api/v1/documents/{document}?format=docx", json=body)
        assert response.status_code == 200, response.json
        assert response.headers["X-Kagaz-Template-Version"] == str(active[document])
        identifier = docx.Document(io.BytesIO(response.data)).core_properties.identifier
        assert identifier == f"{document}@{active[document]}"


def test_a_second_start_finds_nothing_to_do(upgraded: Flask) -> None:
    settings = upgraded.config["KAGAZ"]
    again = create_app({"data_dir": settings.data_dir, "templates_dir": settings.templates_dir, "start_pool": False})
    with again.app_context():
        assert [info.version for info in engine().registry.versions("action-plan")] == [2, 1]
        assert migrate.upgrade(engine().database).changed is False
