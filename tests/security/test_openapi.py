"""The OpenAPI description: complete (every route the app serves), valid, and built from the same models."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openapi_spec_validator import validate
from pydantic.json_schema import models_json_schema

from service import create_app, documents
from service.api.openapi import OPERATIONS, described_rules, undocumented

OPENAPI = "/api/v1/openapi.json"


@pytest.fixture
def spec(docx_client: FlaskClient) -> dict[str, Any]:
    response = docx_client.get(OPENAPI)
    assert response.status_code == 200 and response.mimetype == "application/json"
    return response.json


def openapi_path(rule: str) -> str:
    return re.sub(r"<(?:\w+(?:\([^)]*\))?:)?(\w+)>", r"{\1}", rule)


def test_the_spec_is_valid_openapi(spec: dict[str, Any]) -> None:
    validate(spec)
    assert spec["openapi"].startswith("3.1")


def test_every_api_route_of_the_app_is_in_the_spec_with_its_methods(docx_app: Flask, spec: dict[str, Any]) -> None:
    rules = [rule for rule in docx_app.url_map.iter_rules() if rule.rule.startswith(("/api/v1", "/health"))]
    assert {rule.rule for rule in rules} >= {"/health", "/health/live", "/api/v1/openapi.json"}
    for rule in rules:
        path = openapi_path(rule.rule)
        assert path in spec["paths"], f"{rule.rule} ({rule.endpoint}) is not in the spec"
        methods = {method.lower() for method in rule.methods or ()} - {"head", "options"}
        assert methods <= set(spec["paths"][path]), f"{rule.rule}: {methods} not all described"
        for method in methods:
            parameters = {item["name"] for item in spec["paths"][path][method]["parameters"] if item["in"] == "path"}
            assert parameters == set(rule.arguments), f"{rule.rule}: path parameters {parameters}"


def test_every_route_is_described_in_the_table_not_only_listed(docx_app: Flask) -> None:
    """A route added without an entry in ``service.api.openapi.OPERATIONS`` is listed here by name."""
    assert undocumented(docx_app) == []
    assert {rule.endpoint for rule in described_rules(docx_app)} == set(OPERATIONS), "no stale entries either"


def test_each_document_body_is_its_model_schema(spec: dict[str, Any]) -> None:
    kinds = list(documents.KINDS.values())
    refs, top = models_json_schema(
        [(kind.model, "validation") for kind in kinds], ref_template="#/components/schemas/{model}"
    )
    schemas = spec["components"]["schemas"]
    for name, definition in top["$defs"].items():
        assert schemas[name] == definition, f"{name} differs from the model's JSON Schema"
    for kind in kinds:
        body = spec["paths"][f"/api/v1/documents/{kind.name}"]["post"]["requestBody"]["content"]["application/json"]
        text = str(body["schema"])
        assert refs[(kind.model, "validation")]["$ref"] in text, kind.name


def test_rendering_documents_formats_files_and_errors(spec: dict[str, Any]) -> None:
    operation = spec["paths"]["/api/v1/documents/action-plan"]["post"]
    [fmt] = [item for item in operation["parameters"] if item["name"] == "format"]
    assert fmt["in"] == "query" and fmt["schema"]["enum"] == ["docx", "pdf", "pdfa"]
    ok = operation["responses"]["200"]
    assert set(ok["content"]) == {
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/octet-stream",  # the one binary type generated clients know (tests/test_generated_client.py)
    }
    assert {"Content-Disposition", "X-Kagaz-Template-Version"} <= set(ok["headers"])
    for status in ("400", "413", "415", "422", "503"):
        content = operation["responses"][status]["content"]["application/json"]["schema"]
        assert content == {"$ref": "#/components/schemas/Problem"}, status
    assert operation["responses"]["503"]["headers"]["Retry-After"]["required"] is True
    problem = spec["components"]["schemas"]["Problem"]
    assert set(problem["required"]) == {"status", "title", "errors", "request_id"}
    item = spec["components"]["schemas"]["ProblemItem"]
    assert set(item["required"]) == {"location", "code", "message", "severity"}


def test_uploads_are_multipart_and_need_an_editor(spec: dict[str, Any]) -> None:
    upload = spec["paths"]["/api/v1/templates/{name}/versions"]["post"]
    schema = upload["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert schema["properties"]["file"] == {"type": "string", "format": "binary"} and schema["required"] == ["file"]
    assert {"401", "403", "413", "422"} <= set(upload["responses"])
    assert {} not in upload["security"], "an editor key is always needed"
    batches = spec["paths"]["/api/v1/batches"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data", "application/zip"} <= set(batches)
    health = spec["paths"]["/health/live"]["get"]
    assert health["security"] == [] and "401" not in health["responses"]


def test_with_auth_required_every_api_operation_needs_a_key(tmp_path: Path) -> None:
    app = create_app({"data_dir": tmp_path, "start_pool": False, "auth_required": True})
    from service.api.openapi import build_spec

    spec = build_spec(app)
    # The public check of issued documents answers anyone holding one, keys or not (issue 15).
    public_check = {("/api/v1/verify", "post"), ("/api/v1/issued/{number}", "get")}
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            if (path, method) in public_check:
                assert operation["security"] == [], (path, method)
            elif path.startswith("/api/"):
                assert operation["security"] and {} not in operation["security"], (path, method)
                assert "401" in operation["responses"]
    open_app = create_app({"data_dir": tmp_path / "open", "start_pool": False})
    render = build_spec(open_app)["paths"]["/api/v1/documents/action-plan"]["post"]
    assert {} in render["security"], "open on the trusted network: the key is optional"


def test_the_reporting_register_as_batch_input_and_issued_reports_are_described(spec: dict[str, Any]) -> None:
    """A batch from the register (its body, its 403, the versions it read) and the reports' drafts."""
    import jsonschema

    submit = spec["paths"]["/api/v1/batches"]["post"]
    body = submit["requestBody"]["content"]["application/json"]["schema"]
    asked = {"year": 2025, "from_register": True, "formats": ["pdf"]}
    jsonschema.validate(asked, body)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"year": 2025, "from_register": True, "reports": 3}, body)
    assert "403" in submit["responses"]
    batch = spec["components"]["schemas"]["Batch"]["properties"]["register"]
    assert set(batch["items"]["properties"]) == {"organization", "year", "version", "submission_id", "sha256"}
    for path in ("/api/v1/reports/{year}/{organization}", "/api/v1/reports/{year}/generalized"):
        names = {parameter["name"] for parameter in spec["paths"][path]["get"]["parameters"]}
        assert {"format", "draft"} <= names, path
