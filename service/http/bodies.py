"""Request bodies: JSON read once, with the place where it broke; only ``application/json`` is read as JSON."""

from __future__ import annotations

import json
from typing import Any

from flask import request

from service.errors import MalformedRequest, Problem, UnsupportedMediaType, json_problem


def json_body() -> Any:
    """The request body as JSON; a body that is not JSON is a 400 that says where it broke."""
    raw = request.get_data(cache=False)
    try:
        return json.loads(raw.decode("utf-8"))
    except json.JSONDecodeError as error:
        problem = json_problem(f"body (line {error.lineno}, column {error.colno})", error)
    except (ValueError, RecursionError) as error:  # not UTF-8; nested too deep; over 4300 digits (CVE-2020-10735)
        problem = json_problem("body", error, raw)
    raise MalformedRequest(problem)


def require_json() -> None:
    """Only ``application/json`` (or ``+json``) is read: a form, a file or text sent here by mistake is told so
    (415) instead of being parsed as JSON by luck or refused as "invalid JSON" with a misleading place."""
    if not request.is_json:
        raise UnsupportedMediaType(
            Problem(
                "Content-Type",
                "unsupported_media_type",
                f"send the document as application/json, not {request.mimetype or 'no Content-Type'}",
                {"value": request.mimetype or "—", "expected": "application/json"},
            )
        )
