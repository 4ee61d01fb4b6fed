"""Template versions over HTTP, end to end: upload → activate → render uses it → roll back → restart.

The happy path converts for real (the session's LibreOffice pool): the test render of an upload and the
previews are PDFs made by LibreOffice. Refusals and access control need no conversion.
"""

from __future__ import annotations

import io
import threading
from pathlib import Path
from typing import Any

import docx
import pytest
from flask import Flask
from flask.testing import FlaskClient
from make_fixtures import header_text
from template_helpers import API, bearer, docx_text, fixture, make_key, version_files

from service import create_app

RENDER = "/api/v1/documents/action-plan?format=docx"


def render(client: FlaskClient, plan: dict[str, Any]) -> tuple[str, str, str]:
    """The rendered DOCX's text, its template-version header and its core-properties identifier."""
    response = client.post(RENDER, json=plan)
    assert response.status_code == 200, response.json
    identifier = docx.Document(io.BytesIO(response.data)).core_properties.identifier
    return docx_text(response.data), response.headers["X-Kagaz-Template-Version"], identifier


def upload(client: FlaskClient, content: bytes, key: str, **fields: str) -> Any:
    data = {"file": (io.BytesIO(content), "template.docx"), **fields}
    return client.post(f"{API}/versions", data=data, headers=bearer(key), content_type="multipart/form-data")


@pytest.mark.office
def test_upload_activate_render_roll_back_and_restart(
    app: Flask, client: FlaskClient, plan_data: dict[str, Any], pool: Any
) -> None:
    editor = make_key(app, "editor", "aigul")
    data_dir = app.config["KAGAZ"].data_dir
    new = header_text("Милдеттер (2026-жылдан)")

    response = upload(client, new, editor, note="Жаңы мамыча аты")
    assert response.status_code == 201, response.json
    body = response.json
    assert (body["version"], body["active"], body["created_by"], body["note"]) == (2, False, "aigul", "Жаңы мамыча аты")
    assert body["report"]["ok"] and body["report"]["pages"] == 7 and "pdf" in body["report"]["stages"]
    assert response.headers["Location"] == f"{API}/versions/2"
    files = version_files(data_dir)
    assert {"v1.docx", "v2.docx", "v2.pdf", "v2.png"} <= set(files)

    text, version, identifier = render(client, plan_data)
    assert "Милдеттер (2026-жылдан)" not in text and (version, identifier) == ("1", "action-plan@1"), "not active yet"

    response = client.post(f"{API}/versions/2/activate", headers=bearer(editor))
    assert response.status_code == 200 and response.json["active"] is True
    text, version, identifier = render(client, plan_data)
    assert "Милдеттер (2026-жылдан)" in text and (version, identifier) == ("2", "action-plan@2")
    assert client.get("/api/v1/templates").json["templates"][0]["active_version"] == 2

    # the same bytes again: nothing new is stored, nothing is converted again
    again = upload(client, new, editor, note="again")
    assert (again.status_code, again.json["version"], again.json["duplicate"]) == (200, 2, True)

    # the previous versions stay downloadable, previewable and comparable
    assert (
        client.get(f"{API}/versions/1/file").data
        == (Path(app.config["KAGAZ"].templates_dir) / "action_plan.docx").read_bytes()
    )
    assert client.get(f"{API}/versions/2/file").data == new
    assert client.get(f"{API}/versions/2/file").mimetype.endswith("wordprocessingml.document")
    assert client.get(f"{API}/versions/2/preview.png").data.startswith(b"\x89PNG")
    comparison = client.get(f"{API}/versions/2/compare?with=1")
    assert comparison.status_code == 200
    assert comparison.json["variables"] == {"added": [], "removed": []}
    [change] = comparison.json["text"]  # the one paragraph that changed, with its cell
    assert (change["change"], change["location"]) == ("changed", "table 1, row 1, cell 2")
    assert change["after"] == "Милдеттер (2026-жылдан)"
    assert [page["differs"] for page in comparison.json["pages"]] == [True] * 7  # the header row repeats
    side_by_side = client.get(comparison.json["side_by_side"])
    assert side_by_side.mimetype == "image/png" and side_by_side.data.startswith(b"\x89PNG")

    # a restart: a new app on the same data directory keeps the versions and the active one
    restarted = create_app({"data_dir": data_dir, "start_pool": False}, pool=pool)
    fresh = restarted.test_client()
    assert fresh.get(f"{API}/versions").json["active_version"] == 2
    assert render(fresh, plan_data)[1] == "2"

    # roll back, on the restarted service
    assert fresh.post(f"{API}/versions/1/activate", headers=bearer(editor)).status_code == 200
    text, version, identifier = render(fresh, plan_data)
    assert "Милдеттер (2026-жылдан)" not in text and (version, identifier) == ("1", "action-plan@1")
    listing = fresh.get(f"{API}/versions").json
    assert [item["version"] for item in listing["activations"]] == [1, 2, 1]
    assert [(item["version"], item["status"]) for item in listing["versions"]] == [(2, "accepted"), (1, "accepted")]

    # an explicit template version renders with it, whatever is active, and says so
    from service.http.resources import engine

    with restarted.app_context():
        rendered = engine().render("action-plan", engine().load("action-plan", plan_data), template_version=2)
    assert rendered.template.label == "action-plan@2"
    assert docx.Document(io.BytesIO(rendered.content)).core_properties.identifier == "action-plan@2"

    after = version_files(data_dir)
    assert {name: digest for name, digest in after.items() if name in files} == files, "no file was rewritten"


@pytest.mark.office
def test_concurrent_uploads_get_distinct_versions(app: Flask) -> None:
    editor = make_key(app, "editor")
    contents = [header_text(f"Милдеттер №{number}") for number in range(4)]
    results: list[Any] = []
    barrier = threading.Barrier(len(contents))

    def send(content: bytes) -> None:
        client = app.test_client()
        barrier.wait()
        results.append(upload(client, content, editor))

    threads = [threading.Thread(target=send, args=(content,)) for content in contents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [response.status_code for response in results] == [201] * 4, [response.json for response in results]
    assert sorted(response.json["version"] for response in results) == [2, 3, 4, 5]
    client = app.test_client()
    for response in results:
        stored = client.get(f"{API}/versions/{response.json['version']}/file").data
        assert stored in contents


def test_a_refused_upload_is_422_with_the_report_and_is_not_stored(docx_app: Flask, docx_client: FlaskClient) -> None:
    editor = make_key(docx_app, "editor")
    response = upload(docx_client, fixture("unknown_variable.docx"), editor, note="typo")
    assert response.status_code == 422
    [error] = response.json["errors"]
    assert error["location"] == "table 1, row 5, cell 4: {{ m.dedline }}"
    assert error["place"] == "1-таблица, 5-сап, 4-уяча: {{ m.dedline }}"
    assert error["message"].startswith("«m.dedline»: «dedline» деген талаа жок")
    assert response.json["report"]["ok"] is False
    listing = docx_client.get(f"{API}/versions").json
    assert [item["version"] for item in listing["versions"]] == [1]
    assert set(version_files(docx_app.config["KAGAZ"].data_dir)) == {"v1.docx"}


def test_raw_body_uploads_and_dry_runs(docx_app: Flask, docx_client: FlaskClient) -> None:
    editor = make_key(docx_app, "editor")
    response = docx_client.post(
        f"{API}/versions?note=raw&lang=ru",
        data=fixture("macro.docm"),
        content_type="application/vnd.ms-word.document.macroEnabled.12",
        headers=bearer(editor),
    )
    assert response.status_code == 422
    assert response.json["errors"][0]["code"] == "docx_macro"
    assert response.json["errors"][0]["message"].startswith("Документ с макросами (.docm) не принимается")
    dry = upload(docx_client, fixture("sandbox_escape.docx"), editor, dry_run="1")
    assert dry.status_code == 422 and dry.json["errors"][0]["code"] == "sandbox"
    empty = docx_client.post(f"{API}/versions", data=b"", headers=bearer(editor))
    assert empty.status_code == 422 and empty.json["errors"][0]["code"] == "template_file_missing"
    assert set(version_files(docx_app.config["KAGAZ"].data_dir)) == {"v1.docx"}


def test_template_routes_by_role(docx_app: Flask, docx_client: FlaskClient) -> None:
    client_key, editor_key, admin_key = (make_key(docx_app, role) for role in ("client", "editor", "admin"))
    changes = [("post", f"{API}/versions/1/activate"), ("post", f"{API}/versions")]
    for method, url in changes:
        anonymous = getattr(docx_client, method)(url)
        assert anonymous.status_code == 401 and anonymous.headers["WWW-Authenticate"].startswith("Bearer")
        assert anonymous.json["errors"][0]["code"] == "unauthorized"
        wrong = getattr(docx_client, method)(url, headers=bearer("kgz_not-a-key"))
        assert wrong.status_code == 401 and wrong.json["errors"][0]["code"] == "key_invalid"
        weak = getattr(docx_client, method)(url, headers=bearer(client_key))
        assert weak.status_code == 403
        assert weak.json["errors"][0]["message"] == "Бул аракет үчүн «editor» ролу керек; ачкычтын ролу — «client»"
    for key in (editor_key, admin_key):
        assert docx_client.post(f"{API}/versions/1/activate", headers=bearer(key)).status_code == 200
    # reading is open on the trusted network (KAGAZ_AUTH_REQUIRED is off)
    assert docx_client.get(f"{API}/versions").status_code == 200
    assert docx_client.get(f"{API}/versions/1").status_code == 200


def test_unknown_templates_and_versions_are_404(docx_client: FlaskClient, docx_app: Flask) -> None:
    editor = make_key(docx_app, "editor")
    assert docx_client.get("/api/v1/templates/nope/versions").status_code == 404
    assert docx_client.get(f"{API}/versions/9").status_code == 404
    assert docx_client.get(f"{API}/versions/9/file").status_code == 404
    assert docx_client.get(f"{API}/versions/99999999999999999999999").status_code == 404
    assert docx_client.get(f"{API}/versions/1/compare?with=99999999999999999999999").status_code == 404
    assert docx_client.post(f"{API}/versions/9/activate", headers=bearer(editor)).status_code == 404
    assert upload(docx_client, header_text("x"), editor).status_code != 500
    listing = docx_client.get("/api/v1/templates").json["templates"]
    assert {item["name"]: item["active_version"] for item in listing}["action-plan"] == 1
