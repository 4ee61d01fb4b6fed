"""The one sign-in of every staff area: ``/signin`` and ``/signout``.

Clerks (the document form at ``/`` and the batch pages), organizations' reporters (``/reports/``), template
editors (``/editors/``) and administrators all sign in here with their API key. The session keeps only the
key's id and re-checks it on every request, so a revoked key is signed out at once; each page then checks the
role or organization it needs (``staff_principal`` here, ``editors.signed_in`` for an editor's role, the
reporting access rules for an organization). The old sign-in pages (``/reports/login``, ``/editors/login``)
redirect here with their ``next``, so bookmarks keep working.

With ``KAGAZ_AUTH_REQUIRED`` off the form and batch pages stay open, as on a trusted network, and a clerk may
still sign in (batches submitted signed in then belong to the key). ``next`` is followed only when it is a
path of this site: anything that a browser could read as another host (``//host``, ``/\\host``, a scheme)
sends the person to the form instead.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Response, current_app, g, redirect, render_template, request, session, url_for

from service.auth import ANONYMOUS, Principal, keys
from service.catalogue import text, translate
from service.web import page

bp = Blueprint("signin", __name__, template_folder="templates")
bp.after_request(page.secure_headers)
SESSION_KEY = "staff"


def staff_principal() -> Principal | None:
    """The key this session signed in with, if it is still live (client role or higher)."""
    stored = session.get(SESSION_KEY)
    if not isinstance(stored, dict) or not isinstance(stored.get("id"), int):
        return None
    # A page asks several times a request (its guard, its view, the header): the key is read once a request.
    known = g.get("_staff")
    if known is not None and known[0] == stored["id"]:
        return known[1]
    principal = keys().live(stored["id"])
    if principal is not None and principal.can("client"):
        g._staff = (stored["id"], principal)
        return principal
    session.pop(SESSION_KEY, None)
    return None


def signin_url(back: str | None = None) -> str:
    """The sign-in page, coming back to ``back`` (this request's page by default) afterwards."""
    if back is None:
        back = request.full_path if request.method == "GET" else request.path
    return url_for("signin.form", next=back.rstrip("?"))


def staff_page(view: Callable[..., Any]) -> Callable[..., Any]:
    """A staff page: with KAGAZ_AUTH_REQUIRED, only for a signed-in key (else to the sign-in page, and back).

    Sets ``g.principal`` (``ANONYMOUS`` when authentication is off and nobody signed in), which is what the
    API's views read too, so ownership checks are the same on both sides.
    """

    @functools.wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        principal = staff_principal()
        if principal is None and current_app.config["KAGAZ"].auth_required:
            return redirect(signin_url(), 303)
        g.principal = principal or ANONYMOUS
        return view(*args, **kwargs)

    return guarded


@bp.app_context_processor
def _session() -> dict[str, Any]:
    """What every staff page's header shows: who is signed in (read only when a page draws it)."""
    return {"staff_principal": staff_principal, "signin_url": signin_url, "session_csrf": page.csrf_token}


def _show(status: int = 200, problem: str = "") -> Response:
    lang = page.language(request.args.get("lang"))
    body = render_template(
        "web/signin.html",
        lang=lang,
        words={key: text(key, lang) for key in ("signin_title", "signin_lead", "signin_key", "signin_button")},
        problem=problem,
        next=safe_next(request.args.get("next", "")),
        csrf_token=page.csrf_token(),
        choices=page.Choices(lang),
        t=lambda key, **params: text(key, lang, **params),
    )
    return Response(body, status=status, mimetype="text/html")


def safe_next(target: str) -> str:
    """``target`` if it is a path of this site, else the form: never another host (an open redirect)."""
    parts = urlsplit(target)
    local = (
        target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and not parts.scheme
        and not parts.netloc
        and not any(character in target for character in "\\\r\n\t")
    )
    return target if local else url_for("form.index")


@bp.get("/signin")
def form() -> Response:
    return _show()


@bp.post("/signin")
def signin() -> Response:
    lang = page.language(request.args.get("lang"))
    if not page.csrf_valid(request.form.get("csrf_token")):
        return _show(400, translate("form_csrf", lang))
    principal = keys().verify(request.form.get("key", "").strip())
    if principal is None or not principal.can("client"):
        return _show(401, translate("signin_failed", lang))
    language = session.get("lang")
    session.clear()  # a new session for the signed-in key: nothing carried over but the language
    if language:
        session["lang"] = language
    session[SESSION_KEY] = {"id": principal.key_id}
    return redirect(safe_next(request.args.get("next", "")), 303)  # type: ignore[return-value]


@bp.post("/signout")
def signout() -> Response:
    """The one sign-out: ends the session's key for every staff area at once."""
    if page.csrf_valid(request.form.get("csrf_token")):
        session.pop(SESSION_KEY, None)
    return redirect(url_for("signin.form"), 303)  # type: ignore[return-value]
