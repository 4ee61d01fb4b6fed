"""Security headers on every answer, set in one place so that no route can forget them.

Kagaz sits on an internal network, but its answers are still opened by browsers (a PDF link in an e-mail, the
staff pages, someone pasting an API URL). So every response says:

- ``X-Content-Type-Options: nosniff``: a JSON error or a DOCX is never sniffed into HTML and run;
- ``X-Frame-Options: DENY`` and CSP ``frame-ancestors 'none'``: no page or document is framed by another site;
- ``Referrer-Policy: no-referrer``: URLs (job ids, template names) do not leak to other sites;
- ``Content-Security-Policy: default-src 'none'`` for everything that is not a staff page: a JSON answer or a
  file opened in a browser loads nothing and runs nothing;
- ``Cache-Control: no-store`` on the API and health: court documents and problem lists stay out of shared
  and browser caches, and a health check is never answered from a cache.

Each header is set only when the view (or its blueprint) has not set one: the staff pages (``service.web``)
send their own, wider CSP and ``Referrer-Policy: same-origin``, and a template's preview image may be cached
because a version never changes. Blueprint ``after_request`` functions run before the app's, so theirs win.
"""

from __future__ import annotations

from flask import Flask, Response, request

API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": API_CONTENT_SECURITY_POLICY,
}
NOT_CACHED = ("/api/", "/health")


def secure(response: Response) -> Response:
    """Add the headers the response does not already carry (pure apart from reading the request path)."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.path.startswith(NOT_CACHED) and "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    app.after_request(secure)
