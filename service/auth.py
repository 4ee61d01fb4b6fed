"""Access control: the decorator that guards a view, and who is calling; keys themselves are ``service.keys``.

Roles, each including the ones before it::

    client   renders documents (the other systems on the court network)
    editor   also changes templates: uploads versions, activates one, rolls back
    admin    also manages keys (``kagaz keys …``)

Callers present the key as ``Authorization: Bearer <key>`` (or ``X-Api-Key``). Template changes always
need an editor key. Rendering is open on the trusted network unless ``KAGAZ_AUTH_REQUIRED`` is on; then
every ``/api/`` request needs at least a client key. A wrong or revoked key is refused even where no key
is needed: a caller that sends one wants to be told. The editors' web page logs in with an editor key and
keeps the key's id, name and role in the signed session; the id is checked again on every request, so
revoking a key ends its sessions (on every machine: keys live in the shared database, uncached).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, current_app, g, request

from service.errors import KagazError, Kind, Problem, http_status
from service.http.problems import problem_response
from service.keys import (  # re-exported: the names callers used before keys had a module of their own
    ANONYMOUS,
    KEY_PREFIX,
    NAME,
    RANK,
    ROLES,
    KeyInfo,
    KeyRefused,
    KeyStore,
    Principal,
    hash_key,
)

# Under /api/ but never guarded: the description of the API is public, so that a client can find out how
# to authenticate.
# Open even with KAGAZ_AUTH_REQUIRED: the public check of issued documents answers anyone who holds one.
OPEN_ENDPOINTS = frozenset({"static", "openapi.spec", "issued.verify", "issued.show"})

__all__ = [
    "ANONYMOUS", "KEY_PREFIX", "NAME", "RANK", "ROLES", "AuthError", "Forbidden", "KeyInfo", "KeyRefused",
    "KeyStore", "Principal", "Unauthorized", "authenticate", "current_principal", "hash_key", "init_app", "keys",
    "require_role",
]  # fmt: skip

View = TypeVar("View", bound=Callable[..., Any])


class AuthError(KagazError):
    """Base of the refusals of a request's key; carries the one problem to show."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.message)


class Unauthorized(AuthError):
    """Raised when a request has no key, or a key that is wrong or revoked (401)."""

    kind = Kind.UNAUTHORIZED


class Forbidden(AuthError):
    """Raised when a request's key is live but its role is too weak (403)."""

    kind = Kind.FORBIDDEN


def keys() -> KeyStore:
    """The key store of the current app."""
    return current_app.extensions["kagaz.keys"]


def presented_key() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get("X-Api-Key") or None


def authenticate(role: str | None) -> Principal:
    """The caller of this request, who must have at least ``role`` (None: anyone, even without a key)."""
    token = presented_key()
    if token is None:
        if role is None:
            return ANONYMOUS
        raise Unauthorized(Problem("Authorization", "unauthorized", "an API key is required"))
    principal = keys().verify(token)
    if principal is None:
        raise Unauthorized(Problem("Authorization", "key_invalid", "the API key is wrong or revoked"))
    if role is not None and not principal.can(role):
        raise Forbidden(
            Problem("Authorization", "forbidden", f"needs the {role} role", {"role": role, "have": principal.role}),
        )
    return principal


def require_role(role: str) -> Callable[[View], View]:
    """Guard a view: 401 without a live key, 403 with a weaker role. ``client`` routes are open (anonymous)
    unless ``KAGAZ_AUTH_REQUIRED``; ``editor`` and ``admin`` routes always need a key."""
    if role not in RANK:
        raise ValueError(f"unknown role {role!r}")

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            needed = None if role == "client" and not current_app.config["KAGAZ"].auth_required else role
            g.principal = authenticate(needed)
            return view(*args, **kwargs)

        return guarded  # type: ignore[return-value]

    return decorate


def may_read(principal: Principal, owner: int | None, auth_required: bool) -> bool:
    """Whether ``principal`` may read what key ``owner`` submitted (a batch's state and files).

    The owner is the key's id, not its name (a name can be given again to a new key). Admins read
    everything; a thing submitted without a key (``owner`` None) is open only while authentication is off,
    as on a trusted network; anything else only to its own key.
    """
    if principal.can("admin"):
        return True
    if owner is None:
        return not auth_required
    return principal.key_id == owner


def current_principal() -> Principal:
    return g.get("principal") or ANONYMOUS


def init_app(app: Flask) -> None:
    """The key store, the JSON answer for auth errors, and — with ``KAGAZ_AUTH_REQUIRED`` — a client key
    for every ``/api/`` request (views that need more say so with ``require_role``)."""
    app.extensions["kagaz.keys"] = KeyStore(app.extensions["kagaz.engine"].database)

    @app.before_request
    def _api_needs_a_key() -> None:
        if (
            app.config["KAGAZ"].auth_required
            and request.path.startswith("/api/")
            and request.endpoint not in OPEN_ENDPOINTS
        ):
            g.principal = authenticate("client")

    @app.errorhandler(AuthError)
    def _auth(error: AuthError) -> Any:
        response = problem_response(http_status(error), error.kind.value, [error.problem])
        if isinstance(error, Unauthorized):
            response.headers["WWW-Authenticate"] = 'Bearer realm="kagaz"'
        return response
