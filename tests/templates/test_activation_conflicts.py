"""Two editors activating at once: the one whose precondition no longer holds is told which version is in
force, through each door: the API (``expected_active`` or ``If-Match`` → 409), the editors' page (a stale
page → 409 with the page showing the version now active) and the CLI (``--expect`` → exit 3)."""

from __future__ import annotations

import re

from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from make_fixtures import header_text
from pagetools import csrf_token
from template_helpers import API, bearer, make_key

from service.cli import main
from service.http.resources import engine


def two_candidates(app: Flask) -> tuple[int, int]:
    with app.app_context():
        registry = engine().registry
        two = registry.add("action-plan", header_text("Милдеттер 2"), by="aigul").version
        three = registry.add("action-plan", header_text("Милдеттер 3"), by="bakyt").version
    return two, three


def test_the_api_refuses_a_stale_activation_with_409_and_the_version_now_active(
    docx_app: Flask, docx_client: FlaskClient
) -> None:
    editor = make_key(docx_app, "editor", "aigul")
    two, three = two_candidates(docx_app)
    listing = docx_client.get(f"{API}/versions")
    assert listing.headers["ETag"] == '"1"'
    won = docx_client.post(f"{API}/versions/{two}/activate", json={"expected_active": 1}, headers=bearer(editor))
    assert won.status_code == 200 and won.json["active"] is True and won.headers["ETag"] == f'"{two}"'
    for attempt in (
        {"json": {"expected_active": 1}},
        {"query_string": {"expected_active": "1"}},
        {"headers": {"If-Match": '"1"'}},
    ):
        headers = {**bearer(editor), **attempt.pop("headers", {})}  # type: ignore[dict-item]
        lost = docx_client.post(f"{API}/versions/{three}/activate", headers=headers, **attempt)  # type: ignore[arg-type]
        assert lost.status_code == 409, lost.json
        assert lost.json["active_version"] == two and lost.headers["ETag"] == f'"{two}"'
        [error] = lost.json["errors"]
        assert error["code"] == "activation_conflict" and error["location"] == "expected_active"
        assert (
            error["message"]
            == f"«action-plan»: {two}-версия мындан ары активдүү эмес".replace(f"{two}-", "1-")
            + f", азыр {two}-версия активдүү; аны карап чыгып, кайра чечиңиз"
        )
    russian = docx_client.post(
        f"{API}/versions/{three}/activate?lang=ru", json={"expected_active": 1}, headers=bearer(editor)
    )
    assert russian.json["errors"][0]["message"].startswith("«action-plan»: версия 1 больше не активна")
    assert docx_client.get(f"{API}/versions").json["active_version"] == two, "the loser changed nothing"
    bad = docx_client.post(f"{API}/versions/{three}/activate", headers={**bearer(editor), "If-Match": '"x"'})
    assert bad.status_code == 422 and bad.json["errors"][0]["code"] == "expected_active_invalid"
    right = docx_client.post(f"{API}/versions/{three}/activate", headers={**bearer(editor), "If-Match": f'"{two}"'})
    assert right.status_code == 200 and docx_client.get(f"{API}/versions").json["active_version"] == three
    unconditional = docx_client.post(f"{API}/versions/1/activate", headers=bearer(editor))
    assert unconditional.status_code == 200, "without a precondition an activation is as before"


def test_the_editors_page_shows_a_stale_activation_and_the_version_now_active(
    docx_app: Flask, docx_client: FlaskClient
) -> None:
    key = make_key(docx_app, "editor", "aigul")
    two, three = two_candidates(docx_app)
    login = docx_client.get("/signin").get_data(as_text=True)
    token = csrf_token(login)
    assert docx_client.post("/signin", data={"key": key, "csrf_token": token}).status_code == 303
    page = docx_client.get("/editors/action-plan").get_data(as_text=True)
    assert 'name="expected_active" value="1"' in page, "each activate button carries the version it replaces"
    token = csrf_token(page)
    with docx_app.app_context():  # meanwhile another editor, on another machine, activates version 2
        engine().registry.activate("action-plan", two, by="bakyt")
    stale = docx_client.post(
        f"/editors/action-plan/versions/{three}/activate",
        data={"csrf_token": token, "expected_active": "1", "confirm": "1"},
    )
    body = stale.get_data(as_text=True)
    assert stale.status_code == 409
    assert f"азыр {two}-версия активдүү" in body
    assert re.search(rf'id="version-{two}" class="is-active"', body), "the page shows the version now in force"
    fresh = docx_client.post(
        f"/editors/action-plan/versions/{three}/activate",
        data={"csrf_token": token, "expected_active": str(two), "confirm": "1"},
    )
    assert fresh.status_code == 302
    with docx_app.app_context():
        assert engine().registry.active_number("action-plan") == three


def test_the_cli_activates_only_while_its_expectation_holds(docx_app: Flask) -> None:
    two, three = two_candidates(docx_app)
    env = {"KAGAZ_DATA_DIR": str(docx_app.config["KAGAZ"].data_dir)}
    runner = CliRunner()
    first = runner.invoke(main, ["templates", "activate", "action-plan", str(two), "--expect", "1"], env=env)
    assert first.exit_code == 0 and f"action-plan@{two} иштетилди" in first.output
    second = runner.invoke(main, ["templates", "activate", "action-plan", str(three), "--expect", "1"], env=env)
    assert second.exit_code == 3 and f"азыр {two}-версия активдүү" in second.stderr
    with docx_app.app_context():
        assert engine().registry.active_number("action-plan") == two
