"""The one place where Kagaz's errors become HTTP answers: JSON with each problem's place and message.

The status comes from the error's kind (``service.errors.HTTP_STATUS``), never from the raising site. Bad
input is a 4xx with every problem listed; a busy pool is a 503 with Retry-After; anything unexpected is a 500
with the request id and no stack trace (the trace goes to the log). Werkzeug's own refusals (no such route,
wrong method) keep the code ``http`` and say the status in the person's language.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, g, jsonify, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge, RequestHeaderFieldsTooLarge, RequestURITooLarge

from service.errors import (
    ActivationConflict,
    ConversionFailed,
    ConversionTimeout,
    InputError,
    KagazError,
    NotFound,
    NotReady,
    PayloadTooLarge,
    PoolUnavailable,
    Problem,
    StorageError,
    StorageFull,
    TemplateError,
    TemplateNotFound,
    TooManyRequests,
    UnknownDocument,
    UnsupportedMediaType,
    http_status,
)
from service.http.problems import problem_response
from service.http.refusals import MalformedRequest, refusal_problem
from service.server.wsgi import REFUSED_KEY

log = logging.getLogger("kagaz.api")


def problems_of(error: KagazError) -> list[Problem]:
    """The problems an error carries, or the one that stands for it. The codes are the ones clients have
    always seen (a timeout says ``timeout``); the catalogue has an entry for each."""
    if isinstance(error, InputError | TemplateError | TooManyRequests):
        return error.problems
    if isinstance(error, NotFound | TemplateNotFound):  # one that names what was not found says so
        return [getattr(error, "problem", None) or Problem("path", "not_found", str(error))]
    if isinstance(error, ConversionTimeout):
        return [Problem("conversion", "timeout", str(error))]
    if isinstance(error, PoolUnavailable):
        return [Problem("conversion", "pool_unavailable", str(error))]
    if isinstance(error, ConversionFailed):
        return [Problem("conversion", "conversion_failed", str(error), {"error": error})]
    if isinstance(error, StorageError):
        return [Problem("storage", f"storage_{error.reason}", str(error))]
    return [Problem("server", "internal", "an internal error; see the log by request id")]


TITLES = {  # the most specific first: the first class the error is an instance of gives its title
    UnknownDocument: "not found",
    NotReady: "not ready",
    PayloadTooLarge: "too large",
    UnsupportedMediaType: "unsupported media type",
    ActivationConflict: "conflict",
    InputError: "invalid input",
    TemplateError: "the template could not be filled",
    NotFound: "not found",
    TemplateNotFound: "not found",
    ConversionTimeout: "conversion timed out",
    PoolUnavailable: "busy",
    ConversionFailed: "conversion failed",
    StorageFull: "insufficient storage",
    StorageError: "storage unavailable",
    TooManyRequests: "too many requests",
}
"""The ``title`` field, unchanged for clients that log it; a machine's word, not shown to people."""


def title_of(error: KagazError) -> str:
    return next(title for kind, title in TITLES.items() if isinstance(error, kind))


def init_app(app: Flask) -> None:
    @app.errorhandler(KagazError)
    def _kagaz(error: KagazError) -> Response:
        if not isinstance(error, tuple(TITLES)):
            return _unexpected(error)  # a KagazError no handler knows (ConfigurationError mid-request) is a bug
        title = title_of(error)
        if isinstance(error, StorageError):  # the operator's concern, not a bug: a line, no stack trace
            log.warning("storage fault: %s", error, extra={"fields": {"request_id": g.get("request_id")}})
        response = problem_response(http_status(error), title, problems_of(error))
        if isinstance(error, ActivationConflict):  # the loser is told which version is in force now
            payload = response.get_json()
            payload["active_version"] = error.active
            response = jsonify(payload)
            response.status_code = http_status(error)
            if error.active is not None:
                response.headers["ETag"] = f'"{error.active}"'
        retry_after = getattr(error, "retry_after", None)
        if retry_after is not None:
            response.headers["Retry-After"] = str(retry_after)
        return response

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(error: RequestEntityTooLarge) -> Response:
        limit = request.max_content_length or app.config.get("MAX_CONTENT_LENGTH")
        if request.environ.get(REFUSED_KEY):  # refused by the front: the limit of the path, no view ran
            return problem_response(413, "too large", [refusal_problem(413, app.config["KAGAZ"])])
        return problem_response(
            413, "too large", [Problem("body", "too_large", f"over {limit} bytes", {"limit": limit})]
        )

    @app.errorhandler(RequestURITooLarge)
    @app.errorhandler(RequestHeaderFieldsTooLarge)
    @app.errorhandler(MalformedRequest)
    def _refused(error: HTTPException) -> Response:
        status = error.code or 400
        return problem_response(status, error.name, [refusal_problem(status, app.config["KAGAZ"])])

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> Response:
        status = error.code or 500
        problem = Problem("request", "http", error.description or error.name, {"status": status})
        response = problem_response(status, error.name, [problem])
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
