"""The one place where Kagaz's errors become HTTP answers: JSON with each problem's place and message.

Bad input is a 4xx with every problem listed; a busy pool is a 503 with Retry-After; anything unexpected
is a 500 with the request id and no stack trace (the trace goes to the log).
"""

from __future__ import annotations

import logging

from flask import Flask, Response, g, jsonify, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from service.errors import (
    ActivationConflict,
    ConversionFailed,
    ConversionTimeout,
    InputError,
    NotFound,
    PoolUnavailable,
    Problem,
    StorageError,
    TemplateError,
    TemplateNotFound,
)
from service.messages import negotiate

log = logging.getLogger("kagaz.api")


def language() -> str:
    return negotiate(request.args.get("lang") or request.headers.get("Accept-Language"))


def problem_response(status: int, title: str, problems: list[Problem]) -> Response:
    lang = language()
    response = jsonify(
        {
            "status": status,
            "title": title,
            "errors": [problem.as_dict(lang) for problem in problems],
            "request_id": g.get("request_id"),
        }
    )
    response.status_code = status
    return response


def init_app(app: Flask) -> None:
    @app.errorhandler(InputError)
    def _input(error: InputError) -> Response:
        return problem_response(error.status, "invalid input", error.problems)

    @app.errorhandler(ActivationConflict)
    def _conflict(error: ActivationConflict) -> Response:
        response = problem_response(409, "conflict", error.problems)
        payload = response.get_json()
        payload["active_version"] = error.active
        response = jsonify(payload)
        response.status_code = 409
        if error.active is not None:
            response.headers["ETag"] = f'"{error.active}"'
        return response

    @app.errorhandler(TemplateError)
    def _template(error: TemplateError) -> Response:
        # The template in force failed on valid data: the template's fault, not the caller's.
        return problem_response(422, "the template could not be filled", error.problems)

    @app.errorhandler(PoolUnavailable)
    def _busy(error: PoolUnavailable) -> Response:
        response = problem_response(503, "busy", [Problem("conversion", "pool_unavailable", str(error))])
        response.headers["Retry-After"] = str(error.retry_after)
        return response

    @app.errorhandler(StorageError)
    def _storage(error: StorageError) -> Response:
        # The database or file store cannot serve (locked, read-only, unreachable, full): never a 500, and
        # a 503 says when to come back; a 507 does not, since only an administrator can free space.
        log.warning("storage fault: %s", error, extra={"fields": {"request_id": g.get("request_id")}})
        title = "insufficient storage" if error.status == 507 else "storage unavailable"
        response = problem_response(error.status, title, [Problem("storage", f"storage_{error.reason}", str(error))])
        if error.retry_after:
            response.headers["Retry-After"] = str(error.retry_after)
        return response

    @app.errorhandler(ConversionTimeout)
    def _timeout(error: ConversionTimeout) -> Response:
        response = problem_response(503, "conversion timed out", [Problem("conversion", "timeout", str(error))])
        response.headers["Retry-After"] = "5"
        return response

    @app.errorhandler(ConversionFailed)
    def _failed(error: ConversionFailed) -> Response:
        return problem_response(
            422, "conversion failed", [Problem("conversion", "conversion_failed", str(error), {"error": error})]
        )

    @app.errorhandler(TemplateNotFound)
    @app.errorhandler(NotFound)
    def _missing(error: Exception) -> Response:
        return problem_response(404, "not found", [Problem("path", "not_found", str(error))])

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(error: RequestEntityTooLarge) -> Response:
        limit = app.config.get("MAX_CONTENT_LENGTH")
        return problem_response(
            413, "too large", [Problem("body", "too_large", f"over {limit} bytes", {"limit": limit})]
        )

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> Response:
        status = error.code or 500
        response = problem_response(status, error.name, [Problem("request", "http", error.description or error.name)])
        for name, value in error.get_headers():  # a 405 must say what is allowed (``Allow``, RFC 9110)
            if name.lower() not in ("content-type", "content-length"):
                response.headers[name] = value
        return response

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response:
        log.exception("unexpected error", extra={"fields": {"request_id": g.get("request_id")}})
        return problem_response(
            500, "internal error", [Problem("server", "internal", "an internal error; see the log by request id")]
        )
