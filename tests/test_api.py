"""The HTTP API of the action plan: files out, and a clear 4xx (never a 500) for every kind of bad input."""

from __future__ import annotations

import io
import json
from typing import Any
from urllib.parse import unquote

import docx
import pytest
from flask.testing import FlaskClient

import pdftools
from service.errors import ConversionTimeout

URL = "/api/v1/documents/action-plan"


def post(client: FlaskClient, body: Any, fmt: str | None = "docx", **kwargs: Any) -> Any:
    query = f"?format={fmt}" if fmt else ""
    data = body if isinstance(body, bytes | str) else json.dumps(body, ensure_ascii=False)
    return client.post(URL + query, data=data, content_type="application/json", **kwargs)


def test_docx_download_with_kyrgyz_file_name(docx_client: FlaskClient, plan_data: dict[str, Any]) -> None:
    response = post(docx_client, plan_data)
    assert response.status_code == 200, response.json
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment; filename=")
    assert disposition.encode("ascii"), "the header itself stays ASCII"
    encoded = disposition.split("filename*=UTF-8''", 1)[1]
    assert unquote(encoded) == "Иш-чаралар планы 2025.docx"
    assert response.headers["X-Kagaz-Template"] == "action-plan"
    assert response.headers["X-Kagaz-Template-Version"] == "1"
    document = docx.Document(io.BytesIO(response.data))
    assert document.core_properties.identifier == "action-plan@1"


@pytest.mark.office
def test_pdf_download(client: FlaskClient, plan_data: dict[str, Any]) -> None:
    response = post(client, plan_data, fmt="pdf")
    assert response.status_code == 200, response.json
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    assert "Сот департаментинин" in pdftools.text(response.data)
    assert unquote(response.headers["Content-Disposition"].split("''", 1)[1]).endswith(".pdf")


def test_invalid_json_is_400_with_the_place(docx_client: FlaskClient) -> None:
    response = post(docx_client, '{"title": "x",\n "sections": [}')
    assert response.status_code == 400
    [error] = response.json["errors"]
    assert error["code"] == "invalid_json"
    assert "line 2" in error["location"]


def test_non_utf8_body_is_400(docx_client: FlaskClient) -> None:
    response = post(docx_client, '{"title": "\xff"}'.encode("latin-1"))
    assert response.status_code == 400


def test_validation_lists_every_error_with_its_field_path(docx_client: FlaskClient, plan_data: dict[str, Any]) -> None:
    del plan_data["sections"][2]["measures"][0]["deadline"]
    plan_data["sections"][0]["measures"][1]["responsible"] = []
    plan_data["sections"][4]["measures"][0]["number"] = "он бир"
    response = post(docx_client, plan_data, headers={"Accept-Language": "en"})
    assert response.status_code == 422
    errors = {error["location"]: error for error in response.json["errors"]}
    assert set(errors) == {
        "sections[2].measures[0].deadline",
        "sections[0].measures[1].responsible",
        "sections[4].measures[0].number",
    }
    assert errors["sections[2].measures[0].deadline"]["message"] == "Required field is missing"


def test_messages_are_kyrgyz_by_default(docx_client: FlaskClient, plan_data: dict[str, Any]) -> None:
    del plan_data["title"]
    response = post(docx_client, plan_data)
    assert response.status_code == 422
    assert response.json["errors"][0] == {
        "location": "title",
        "code": "missing",
        "message": "Милдеттүү талаа толтурулган эмес",
        "severity": "error",
    }


def test_unknown_field_is_an_error(docx_client: FlaskClient, plan_data: dict[str, Any]) -> None:
    plan_data["sections"][0]["measures"][0]["dedline"] = "2025-жыл"
    response = post(docx_client, plan_data)
    assert response.status_code == 422
    assert response.json["errors"][0]["location"] == "sections[0].measures[0].dedline"


def test_xml_forbidden_character_is_refused_naming_the_field(
    docx_client: FlaskClient, plan_data: dict[str, Any]
) -> None:
    plan_data["sections"][1]["measures"][0]["task"] = "Сот\x0bорганы"
    response = post(docx_client, plan_data, headers={"Accept-Language": "en"})
    assert response.status_code == 422
    [error] = response.json["errors"]
    assert error["location"] == "sections[1].measures[0].task"
    assert "U+000B" in error["message"]


def test_unknown_format_is_400(docx_client: FlaskClient, plan_data: dict[str, Any]) -> None:
    response = post(docx_client, plan_data, fmt="odt")
    assert response.status_code == 400
    assert response.json["errors"][0]["location"] == "query.format"


def test_unknown_document_is_404(docx_client: FlaskClient, plan_data: dict[str, Any]) -> None:
    """A document kind that does not exist is a resource that does not exist (issue 12), with the same code
    and a message in the asker's language."""
    response = docx_client.post("/api/v1/documents/no-such-kind?format=docx&lang=ru", json=plan_data)
    assert response.status_code == 404
    assert response.json["errors"][0]["code"] == "unknown_document"
    assert response.json["errors"][0]["message"] == "Такого документа нет: «no-such-kind»"


def test_body_over_the_limit_is_413(tmp_path: Any, plan_data: dict[str, Any]) -> None:
    from service import create_app

    app = create_app({"data_dir": tmp_path, "start_pool": False, "max_request_bytes": 4096})
    response = post(app.test_client(), plan_data)
    assert response.status_code == 413
    assert response.json["errors"][0]["code"] == "too_large"


def test_json_that_is_not_an_object(docx_client: FlaskClient) -> None:
    response = post(docx_client, '"just a string"')
    assert response.status_code == 422


def test_deeply_nested_json_is_a_client_error(docx_client: FlaskClient) -> None:
    response = post(docx_client, "[" * 100_000 + "]" * 100_000)
    assert 400 <= response.status_code < 500


def test_special_characters_come_out_literally(docx_client: FlaskClient, plan_data: dict[str, Any]) -> None:
    tricky = "A < B & \"C\" 'D' {{ x }} {% if %}\tтаб\nжаңы сап </w:t>"
    plan_data["sections"][0]["measures"][0]["measure"] = tricky
    response = post(docx_client, plan_data)
    assert response.status_code == 200, response.json
    table = docx.Document(io.BytesIO(response.data)).tables[0]
    cell = table.rows[2].cells[2]
    assert cell.paragraphs[0].text == tricky, "escaped, tab kept, newline as a line break"


def test_templates_list_and_schema(docx_client: FlaskClient) -> None:
    listing = docx_client.get("/api/v1/templates").json["templates"]
    [plan] = [item for item in listing if item["name"] == "action-plan"]
    assert plan["active_version"] == 1
    schema = docx_client.get(plan["schema"]).json
    assert schema["title"] == "Plan"
    assert {"approving_order", "title", "sections"} <= set(schema["properties"])
    assert docx_client.get("/api/v1/templates/nope/schema").status_code == 404


def test_health_without_libreoffice_is_not_ready(docx_client: FlaskClient) -> None:
    response = docx_client.get("/health")
    assert response.status_code == 503
    assert response.json["ready"] is False
    assert docx_client.get("/health/live").status_code == 200


@pytest.mark.office
def test_health_with_libreoffice_is_ready(client: FlaskClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json["ready"] is True


def test_explicit_template_version(docx_client: FlaskClient, plan_data: dict[str, Any]) -> None:
    response = post(docx_client, plan_data, fmt="docx&template_version=1")
    assert response.status_code == 200
    assert response.headers["X-Kagaz-Template-Version"] == "1"
    missing = post(docx_client, plan_data, fmt="docx&template_version=99")
    assert missing.status_code == 404
    bad = post(docx_client, plan_data, fmt="docx&template_version=latest")
    assert bad.status_code == 400
    assert bad.json["errors"][0]["location"] == "query.template_version"


class _TimingOutPool:
    """A stand-in pool whose every conversion times out: what the API answers does not need LibreOffice."""

    def convert(self, docx: bytes) -> bytes:
        raise ConversionTimeout("the conversion took over 60 s")


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("ky", "PDFке айландыруу өтө көп убакыт алды: кайра аракет кылыңыз"),
        ("ru", "Преобразование в PDF заняло слишком много времени: повторите попытку"),
    ],
)
def test_a_conversion_timeout_keeps_its_code_and_is_told_in_the_askers_language(
    tmp_path: Any, plan_data: dict[str, Any], language: str, message: str
) -> None:
    """The code stays ``timeout``; before issue 12 the catalogue had only ``conversion_timeout``, so every
    client got the English text."""
    from service import create_app

    app = create_app({"data_dir": tmp_path, "start_pool": False}, pool=_TimingOutPool())  # type: ignore[arg-type]
    response = app.test_client().post(
        "/api/v1/documents/action-plan?format=pdf", json=plan_data, headers={"Accept-Language": language}
    )
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    [error] = response.json["errors"]
    assert (error["code"], error["message"]) == ("timeout", message)


def test_werkzeugs_own_refusals_are_told_in_the_askers_language(docx_client: FlaskClient) -> None:
    response = docx_client.get("/api/v1/documents/action-plan?lang=ky")
    assert response.status_code == 405 and "POST" in response.headers["Allow"]
    [error] = response.json["errors"]
    assert (error["code"], error["message"]) == ("http", "Бул дарек мындай ыкма менен суралбайт")
    missing = docx_client.get("/api/v1/no-such-route", headers={"Accept-Language": "ru"})
    assert missing.status_code == 404 and missing.json["errors"][0]["message"] == "Такого адреса нет"
