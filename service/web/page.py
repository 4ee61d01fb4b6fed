"""What every staff page shares: its language, its CSRF token, its security headers, problems shown in words.

CSRF is a synchronizer token kept in Flask's signed session cookie and compared in constant time, rather
than Flask-WTF's ``CSRFProtect``: the page has one form, and ``CSRFProtect`` guards every POST of the app
(the JSON API too, which is called by programs with keys, not by browsers with cookies) and brings WTForms
with it. The session cookie is also ``SameSite=Lax``, so another site's form cannot carry it.
"""

from __future__ import annotations

import hmac
import re
import secrets
from dataclasses import dataclass

from flask import Response, current_app, request, session, url_for
from werkzeug.exceptions import HTTPException

from service.catalogue import TEXTS, choose_language, known_language, text, translate
from service.errors import InputError, KagazError, Kind, Problem, StorageError, TemplateError, kind_of
from service.spreadsheets.layouts import CSV_SHEET

CSRF_KEY = "csrf"
_CELL = re.compile(r"^(?P<sheet>.+)!(?P<column>[A-Z]{1,3})(?P<row>\d+)$")
_ROW = re.compile(r"^(?P<sheet>.+)!(?P<row>\d+):\d+$")
FORM_FIELDS = {"signature_image": "signature_label", "seal_image": "seal_label"}

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    )
)


def language(chosen: str | None = None) -> str:
    """The page's language: the one chosen now (``?lang=``), kept in the session; else the session's; else Kyrgyz.

    The form posts to ``/?lang=xx``, so the language is known even when the body is refused unread (413).
    """
    explicit = known_language(chosen)
    if explicit:
        session["lang"] = explicit
    stored = session.get("lang")
    return choose_language(explicit, stored if isinstance(stored, str) else None)


def here(lang: str) -> str:
    """This page's address in ``lang``: the language switch keeps the person where they are.

    After a POST (an upload shown again with its problems) the address is the page that the same path
    shows on GET; a path with no page (a 404) keeps its path, so the error page is shown in the new language.
    """
    if request.method == "GET" and request.endpoint:
        query = {key: value for key, value in request.args.items() if key != "lang"}
        return url_for(request.endpoint, **(request.view_args or {}), **query, lang=lang)
    try:
        endpoint, values = current_app.url_map.bind("").match(request.path, method="GET")
    except HTTPException:
        return f"{request.path}?lang={lang}"
    return url_for(endpoint, **values, lang=lang)


def csrf_token() -> str:
    """This session's token, made on first use."""
    token = session.get(CSRF_KEY)
    if not isinstance(token, str):
        token = session[CSRF_KEY] = secrets.token_urlsafe(32)
    return token


def csrf_valid(submitted: str | None) -> bool:
    expected = session.get(CSRF_KEY)
    return isinstance(expected, str) and isinstance(submitted, str) and hmac.compare_digest(expected, submitted)


def secure_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if response.mimetype == "text/html":
        response.headers.setdefault("Cache-Control", "no-store")  # the page carries the CSRF token
    return response


@dataclass(frozen=True)
class Choices:
    """What ``base.html`` reads from every page: its language."""

    language: str


@dataclass(frozen=True)
class Shown:
    """A problem as the page shows it: where (in words) and what is wrong."""

    place: str
    message: str


def problems_of(error: KagazError) -> list[Problem]:
    """What a staff page says for an error, chosen from its kind (the one place for every page): the input's
    or the template's own problems; for a busy or failed conversion, one line the clerk can act on."""
    if isinstance(error, InputError | TemplateError):
        return error.problems
    own = getattr(error, "problem", None)  # a refusal of the key (403) or an unknown organization: its problem
    if isinstance(own, Problem):
        return [own]
    if kind_of(error) is Kind.BUSY:
        return [Problem("form", "form_busy", str(error))]
    if kind_of(error) is Kind.CONVERSION_FAILED:
        return [Problem("form", "conversion_failed", str(error), {"error": str(error)})]
    if isinstance(error, StorageError):  # full, locked, read-only: the operator's to fix, said plainly
        return [Problem("storage", f"storage_{error.reason}", str(error))]
    return [Problem("form", "form_internal", str(error), {"request_id": "—"})]


def shown(problem: Problem, lang: str) -> Shown:
    """The problem in ``lang`` only: a code the catalogue lacks (or a bare ``value_error``, whose text is a
    programmer's English) reads as «invalid value» at its place rather than as English inside Kyrgyz."""
    code = problem.code
    if lang != "en" and (code not in TEXTS or code == "value_error"):
        code = "value_invalid"
    return Shown(place_text(problem, lang), translate(code, lang, problem.params, default=problem.message))


def place_text(problem: Problem, lang: str) -> str:
    """``Иш-чаралар!F7`` as «"Иш-чаралар" барагы, 7-сап, F тилке («Ишке ашыруу мөөнөттөрү»)»."""
    location = problem.location
    if location in FORM_FIELDS:
        return text(FORM_FIELDS[location], lang)
    match = _CELL.match(location) or _ROW.match(location)
    if match:
        parts: dict[str, object] = dict(match.groupdict())
    elif "sheet" in problem.params:
        parts = {"sheet": problem.params["sheet"]}
    else:
        return "" if location in ("form", "file", "document") else location  # the message names the file
    if parts["sheet"] == CSV_SHEET and "row" not in parts:
        return text("file_place", lang)
    shape = "cell" if "column" in parts else "row" if "row" in parts else "sheet"
    code = f"sheet_place_csv_{shape}" if parts["sheet"] == CSV_SHEET else f"sheet_place_{shape}"
    result = translate(code, lang, parts)
    header = problem.params.get("header")
    if header:  # the column's name, or for a label row missing from the sheet, the field's
        result += f" («{header}»)"
    return result
