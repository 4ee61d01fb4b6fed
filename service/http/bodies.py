"""Request bodies: JSON read once, with the place where it broke; only ``application/json`` is read as JSON."""

from __future__ import annotations

import json
from typing import Any

from flask import request

from service.errors import MalformedRequest, Problem, UnsupportedMediaType


def json_body() -> Any:
    """The request body as JSON; a body that is not JSON is a 400 that says where it broke."""
    raw = request.get_data(cache=False)
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        problem = Problem("body", "invalid_json", f"not UTF-8: {error}", {"error": "not UTF-8"})
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        problem = Problem(f"body ({where})", "invalid_json", error.msg, {"error": f"{error.msg} ({where})"})
    except RecursionError:
        problem = Problem("body", "invalid_json", "nested too deeply", {"error": "nested too deeply"})
    except ValueError as error:  # Python refuses integers of over 4300 digits (CVE-2020-10735)
        problem = Problem("body", "invalid_json", str(error), {"error": "a number with too many digits"})
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
