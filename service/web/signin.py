"""Sign-in for the staff pages (the document form at ``/`` and the batch pages) with a client key.

With ``KAGAZ_AUTH_REQUIRED`` the API needs a key on every request, and so do the pages that reach the same
work: a clerk signs in once at ``/signin`` with a key of role client or higher, as template editors do at
``/editors/login``. The session keeps only the key's id and re-checks it on every request, so a revoked key
is signed out at once; an editor already signed in to the editors' page counts as signed in here. With
authentication off the pages stay open, as on a trusted network, and a clerk may still sign in (batches
submitted signed in then belong to the key).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, current_app, g, redirect, render_template, request, session, url_for

from service.auth import ANONYMOUS, Principal, keys
from service.catalogue import text, translate
from service.web import page

bp = Blueprint("signin", __name__, template_folder="templates")
bp.after_request(page.secure_headers)
SESSION_KEY = "staff"
EDITOR_SESSION_KEY = "editor"  # service.web.editors' session: an editor is staff too


def staff_principal() -> Principal | None:
    """The key this session signed in with, if it is still live (client role or higher)."""
    for name in (SESSION_KEY, EDITOR_SESSION_KEY):
        stored = session.get(name)
        if not isinstance(stored, dict) or not isinstance(stored.get("id"), int):
            continue
        principal = keys().live(stored["id"])
        if principal is not None and principal.can("client"):
            return principal
        session.pop(name, None)
    return None


def staff_page(view: Callable[..., Any]) -> Callable[..., Any]:
    """A staff page: with KAGAZ_AUTH_REQUIRED, only for a signed-in key (else to the sign-in page, and back).

    Sets ``g.principal`` (``ANONYMOUS`` when authentication is off and nobody signed in), which is what the
    API's views read too, so ownership checks are the same on both sides.
    """

    @functools.wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        principal = staff_principal()
        if principal is None and current_app.config["KAGAZ"].auth_required:
            back = request.full_path if request.method == "GET" else request.path
            return redirect(url_for("signin.form", next=back.rstrip("?")), 303)
        g.principal = principal or ANONYMOUS
        return view(*args, **kwargs)

    return guarded


def _show(status: int = 200, problem: str = "") -> Response:
    lang = page.language(request.args.get("lang"))
    body = render_template(
        "web/signin.html",
        lang=lang,
        words={key: text(key, lang) for key in ("signin_title", "signin_lead", "signin_key", "signin_button")},
        problem=problem,
        csrf_token=page.csrf_token(),
        choices=_Language(lang),
        t=lambda key, **params: text(key, lang, **params),
    )
    return Response(body, status=status, mimetype="text/html")


def _safe_next(target: str) -> str:
    """Only a path of this site (no ``//host``), else the form."""
    return target if target.startswith("/") and not target.startswith("//") else url_for("form.index")


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
    return redirect(_safe_next(request.args.get("next", "")), 303)  # type: ignore[return-value]


@bp.post("/signout")
def signout() -> Response:
    if page.csrf_valid(request.form.get("csrf_token")):
        session.pop(SESSION_KEY, None)
        session.pop(EDITOR_SESSION_KEY, None)
    return redirect(url_for("signin.form"), 303)  # type: ignore[return-value]


class _Language:
    """What ``base.html`` reads from the page (the language)."""

    def __init__(self, language: str) -> None:
        self.language = language
