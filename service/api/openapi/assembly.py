"""The whole OpenAPI document of an app: its routes read from the ``url_map``, each one's operation from the
area modules' ``OPERATIONS``, the document kinds' bodies from their models.

Only this module knows how the pieces fit: the area modules describe their routes and nothing else, and
``schemas`` builds fragments without knowing where they go. Reading the app (its rules and its settings) is
all it does besides building dicts, so ``build_spec`` may be called on any app, served or not.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Flask

from service.api.openapi import batches, documents, health, issued, organizations, reports, templates
from service.api.openapi.schemas import (
    RESPONSE_SCHEMAS,
    Operation,
    document_schemas,
    header,
    json_content,
    ref,
)

ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>\w+)(?:\([^)]*\))?:)?(?P<name>\w+)>")
CONVERTER_SCHEMAS = {"int": {"type": "integer", "minimum": 0}, "float": {"type": "number"}}

ERROR_TITLES = {
    400: "The request is malformed: invalid JSON, an unknown format or template version, a missing field",
    401: "No API key, or a wrong or revoked one (`Authorization: Bearer <key>` or `X-Api-Key`)",
    403: "The key's role is too weak for this operation",
    404: "No such document kind, template, version, batch or resource",
    409: "The resource is not in a state that allows this yet (an activation: the version it expected to replace "
    "is no longer active; `active_version` says which is)",
    413: "The body, an upload or an unpacked archive is over its limit",
    415: "The body's media type is not one this operation reads",
    422: "The input was understood but refused: every problem with its place",
    429: "Too many checks from this address this minute: try again after `Retry-After` seconds",
    500: "An internal error: the request id points to the log; no detail is given to the client",
    503: "LibreOffice is busy, timed out or not running, or the database is locked, read-only or unreachable: "
    "try again after `Retry-After` seconds",
    507: "No space left for the database or the file store: nothing was stored",
}

# One entry per endpoint, each API area's from its own module, merged in the order the table has always had
# (schemathesis names its cases in this order); the description's own entry lives with what builds it.
OPERATIONS: dict[str, Operation] = {
    **documents.OPERATIONS,
    **templates.OPERATIONS,
    **organizations.OPERATIONS,
    **batches.OPERATIONS,
    **health.OPERATIONS,
    **issued.OPERATIONS,
    "openapi.spec": Operation(
        "This description",
        "meta",
        answers={200: ("OpenAPI 3.1", json_content({"type": "object", "required": ["openapi", "paths"]}), {})},
    ),
    **reports.OPERATIONS,
}


def _problem(status: int) -> dict[str, Any]:
    response: dict[str, Any] = {"description": ERROR_TITLES[status], "content": json_content(ref("Problem"))}
    if status == 503:
        response["headers"] = {"Retry-After": header("Seconds to wait", {"type": "string", "pattern": "^[0-9]+$"})}
    if status == 401:
        response["headers"] = {"WWW-Authenticate": header('`Bearer realm="kagaz"`', required=False)}
    return response


def _security(role: str | None, auth_required: bool) -> list[dict[str, list[str]]]:
    if role is None:
        return []
    keys: list[dict[str, list[str]]] = [{"bearer": []}, {"apiKey": []}]
    return keys if role != "client" or auth_required else [{}, *keys]


def operation(endpoint: str, method: str, parameters: list[dict[str, Any]], auth_required: bool) -> dict[str, Any]:
    """One operation of the spec; an endpoint missing from ``OPERATIONS`` gets only what every route shares."""
    described = OPERATIONS.get(endpoint) or Operation(f"{method} ({endpoint}; not described yet)", "undocumented")
    responses: dict[str, Any] = {}
    for status, (description, content, headers) in described.answers.items():
        responses[str(status)] = {"description": description, "content": content}
        if headers:
            responses[str(status)]["headers"] = headers
    errors = set(described.errors) | {500}
    if described.role is not None:  # a wrong key is refused even where none is needed
        errors |= {401} if described.role == "client" else {401, 403}
    for status in sorted(errors):
        responses[str(status)] = _problem(status)
    result: dict[str, Any] = {
        "operationId": endpoint.replace(".", "_") + ("" if endpoint in OPERATIONS else f"_{method}"),
        "summary": described.summary,
        "tags": [described.tag],
        "parameters": [{**item, "schema": described.path.get(item["name"], item["schema"])} for item in parameters]
        + list(described.query),
        "responses": responses,
        "security": _security(described.role, auth_required),
    }
    if described.role not in (None, "client"):
        result["description"] = f"Needs a key with the `{described.role}` role."
    if described.body is not None:
        result["requestBody"] = described.body
    return result


def _path(rule: str) -> tuple[str, list[dict[str, Any]]]:
    """A Flask rule as an OpenAPI path with its path parameters: ``<int:number>`` → ``{number}``, integer."""
    parameters = []
    for match in ROUTE_PARAMETER.finditer(rule):
        schema = CONVERTER_SCHEMAS.get(match.group("converter") or "", {"type": "string", "minLength": 1})
        parameters.append({"name": match.group("name"), "in": "path", "required": True, "schema": dict(schema)})
    return ROUTE_PARAMETER.sub(lambda match: "{" + match.group("name") + "}", rule), parameters


def described_rules(app: Flask) -> list[Any]:
    """The rules the spec describes: everything under ``/api/v1`` and the two health checks."""
    return [rule for rule in app.url_map.iter_rules() if rule.rule.startswith(("/api/v1/", "/health"))]


def undocumented(app: Flask) -> list[str]:
    """Endpoints served under ``/api/v1`` (or health) that ``OPERATIONS`` does not describe."""
    return sorted({rule.endpoint for rule in described_rules(app)} - set(OPERATIONS))


def build_spec(app: Flask) -> dict[str, Any]:
    """The whole OpenAPI document for ``app`` (pure apart from reading the app's routes and settings)."""
    auth_required = bool(app.config["KAGAZ"].auth_required)
    bodies, schemas = document_schemas()
    paths: dict[str, dict[str, Any]] = {}
    for rule in sorted(described_rules(app), key=lambda item: item.rule):
        path, parameters = _path(rule.rule)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = operation(
                rule.endpoint, method.lower(), parameters, auth_required
            )
    template = paths.get("/api/v1/documents/{document}", {}).get("post")
    if template is not None:  # one concrete path per document kind, each with its own body schema
        for name, body in bodies.items():
            concrete = {**template, "operationId": f"render_{name.replace('-', '_')}", "summary": f"Make a {name}"}
            concrete["parameters"] = [item for item in template["parameters"] if item["in"] != "path"]
            concrete["requestBody"] = {"required": True, "content": json_content(body)}
            paths[f"/api/v1/documents/{name}"] = {"post": concrete}
        template["requestBody"] = {"required": True, "content": json_content({"anyOf": list(bodies.values())})}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Kagaz",
            "version": "1",
            "description": "Official documents of the Judicial Department from data: JSON in, DOCX or PDF out. "
            "Errors are `application/json` problem lists; messages follow `Accept-Language` (ky, ru, en).",
        },
        "paths": paths,
        "components": {
            "schemas": {**schemas, **RESPONSE_SCHEMAS},
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "description": "An API key: `kagaz keys create`"},
                "apiKey": {"type": "apiKey", "in": "header", "name": "X-Api-Key"},
            },
        },
    }
