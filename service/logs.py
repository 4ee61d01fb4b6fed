"""Structured JSON logs with a request id: one line per request, readable by any log collector."""

from __future__ import annotations

import json
import logging
import time
import uuid

from flask import Flask, Response, g, request


class JsonFormatter(logging.Formatter):
    """A log record as one JSON object; extra fields passed with ``extra={"fields": {...}}`` are merged."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure(level: int = logging.INFO) -> None:
    """Send Kagaz's logs to stderr as JSON lines (called by ``kagaz serve``, not by tests)."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger("kagaz")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


def request_id(incoming: str | None) -> str:
    """The client's ``X-Request-Id`` when it is a sane one (printable, at most 64 characters), else a new id."""
    return incoming if incoming and len(incoming) <= 64 and incoming.isprintable() else uuid.uuid4().hex


def log_request(method: str, path: str, status: int, request_id: str | None, started: float) -> None:
    """The one line per request (the app's, and the front's for a refusal it answers itself)."""
    elapsed = (time.perf_counter() - started) * 1000
    log.info(
        "%s %s %s",
        method,
        path,
        status,
        extra={
            "fields": {
                "request_id": request_id,
                "method": method,
                "path": path,
                "status": status,
                "ms": round(elapsed, 1),
            }
        },
    )


log = logging.getLogger("kagaz.request")


def init_app(app: Flask) -> None:
    @app.before_request
    def _start() -> None:
        g.request_id = request_id(request.headers.get("X-Request-Id"))
        g.started = time.perf_counter()

    @app.after_request
    def _finish(response: Response) -> Response:
        response.headers["X-Request-Id"] = g.get("request_id", "")
        log_request(
            request.method,
            request.path,
            response.status_code,
            g.get("request_id"),
            g.get("started", time.perf_counter()),
        )
        return response
