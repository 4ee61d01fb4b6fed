"""A release that ships a changed template while an editor's version is active: the registry keeps the
editor's choice (``test_template_registry``), and the API and the editors' page say that a newer shipped
version waits (issue 12: the generalized report's totals row reaches such a deployment this way)."""

from __future__ import annotations

import shutil
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from make_fixtures import header_text
from pagetools import csrf_token
from template_helpers import make_key

from conftest import ROOT
from service import create_app
from service.templates.registry import Registry
from service.templates.shipped import newer_shipped


def sign_in(app: Flask, client: FlaskClient) -> None:
    key = make_key(app, "editor", "aigul")
    page = client.get("/signin").get_data(as_text=True)
    token = csrf_token(page)
    assert client.post("/signin", data={"key": key, "csrf_token": token}).status_code == 303


def test_a_missing_template_or_version_is_a_404_in_the_editors_language(docx_app: Flask) -> None:
    client = docx_app.test_client()
    sign_in(docx_app, client)
    for path in ("/editors/no-such-template", "/editors/action-plan/versions/99"):
        answer = client.get(path)
        page = answer.get_data(as_text=True)  # the staff pages' 404 page, with what is missing
        assert answer.status_code == 404 and answer.mimetype == "text/html"
        assert "Бет табылган жок" in page and "Мындай нерсе жок: дарегин текшериңиз" in page
    answer = client.get("/editors/action-plan/versions/99?lang=ru")
    assert "Такого нет: проверьте адрес" in answer.get_data(as_text=True)


def test_a_newer_shipped_version_is_announced_while_an_editors_version_is_active(tmp_path: Path) -> None:
    shipped, data_dir = tmp_path / "templates_docx", tmp_path / "data"
    shutil.copytree(ROOT / "templates_docx", shipped)
    settings = {"data_dir": data_dir, "templates_dir": shipped, "start_pool": False}
    registry = Registry(shipped, data_dir)
    assert newer_shipped(registry.versions("action-plan")) is None, "the shipped version is active"
    registry.add("action-plan", header_text("editor's own"), by="aigul", activate=True)
    assert newer_shipped(registry.versions("action-plan")) is None, "nothing newer was shipped yet"

    (shipped / "action_plan.docx").write_bytes(header_text("Милдеттер (release 3)"))  # the next release
    app = create_app(settings)
    client = app.test_client()
    listing = {item["name"]: item for item in client.get("/api/v1/templates").json["templates"]}
    assert listing["action-plan"]["active_version"] == 2, "the editor's choice stands"
    assert listing["action-plan"]["newer_shipped_version"] == 3
    assert listing["progress-report"]["newer_shipped_version"] is None
    assert client.get("/api/v1/templates/action-plan/versions").json["newer_shipped_version"] == 3

    sign_in(app, client)
    body = client.get("/editors/").get_data(as_text=True)
    assert "Жаңы чыгарылыш 3-версияны алып келди" in body
    assert body.count('class="notice newer-shipped"') == 1, "only the template with a waiting release"

    Registry(shipped, data_dir).activate("action-plan", 3, by="aigul")
    assert client.get("/api/v1/templates/action-plan/versions").json["newer_shipped_version"] is None
    assert "newer-shipped" not in client.get("/editors/").get_data(as_text=True)
