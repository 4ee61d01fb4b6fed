"""Access control: API keys with roles, stored hashed, and the decorator that guards a view.

Roles, each including the ones before it::

    client   renders documents (the other systems on the court network)
    editor   also changes templates: uploads versions, activates one, rolls back
    admin    also manages keys (``kagaz keys …``)

A key is ``kgz_`` + 32 random bytes (URL-safe base64), shown once when it is made; the index keeps only
its SHA-256. A plain hash is enough because the key is random and long (no dictionary to try, unlike a
password); a lookup by hash then costs one indexed SELECT, and a leaked database gives no usable key.
Revoking keeps the row (who had access, when) and frees the name.

Callers present the key as ``Authorization: Bearer <key>`` (or ``X-Api-Key``). Template changes always
need an editor key. Rendering is open on the trusted network unless ``KAGAZ_AUTH_REQUIRED`` is on; then
every ``/api/`` request needs at least a client key. A wrong or revoked key is refused even where no key
is needed: a caller that sends one wants to be told. The editors' web page logs in with an editor key and
keeps the key's id, name and role in the signed session; the id is checked again on every request, so
revoking a key ends its sessions.

A key may be bound to one organization of the registry (``kagaz keys create --organization ID``): it then
submits and reads that organization's reports and, for an oblast or the Bishkek city court, those of the
courts it controls (``service.reporting.access``). The binding is a column of ``api_keys`` added by the
reporting cycle's migration, which this store runs on its file before its first use.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from flask import Flask, current_app, g, request

from service import sqlite
from service.errors import KagazError, Problem

ROLES = ("client", "editor", "admin")
RANK = {role: rank for rank, role in enumerate(ROLES)}
KEY_PREFIX = "kgz_"
NAME = re.compile(r"^[\w.@-]{1,64}$")  # printed in logs and version records: no spaces, no markup
# Under /api/ but never guarded: the description of the API is public, so that a client can find out how
# to authenticate.
OPEN_ENDPOINTS = frozenset({"static", "openapi.spec"})

SCHEMA = """
CREATE TABLE IF NOT EXISTS api_keys (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('client', 'editor', 'admin')),
    key_sha256 TEXT NOT NULL UNIQUE,
    key_prefix TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS api_keys_live_name ON api_keys (name) WHERE revoked_at IS NULL;
"""

View = TypeVar("View", bound=Callable[..., Any])


@dataclass(frozen=True)
class Principal:
    """Who is calling: the key's name and role (``anonymous`` with no role on an open route)."""

    name: str
    role: str | None
    key_id: int | None = None
    organization: str | None = None  # the organization the key is bound to (reports), if any

    def can(self, role: str) -> bool:
        return self.role is not None and RANK[self.role] >= RANK[role]


ANONYMOUS = Principal("anonymous", None)


@dataclass(frozen=True)
class KeyInfo:
    id: int
    name: str
    role: str
    prefix: str
    created_at: str
    revoked_at: str | None
    organization: str | None = None


class AuthError(KagazError):
    """Raised when a request has no acceptable key (401) or a key whose role is too weak (403)."""

    def __init__(self, status: int, problem: Problem) -> None:
        self.status = status
        self.problem = problem
        super().__init__(problem.message)


class KeyRefused(KagazError):
    """Raised by key management for a bad name or role, or a name already in use."""


def hash_key(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class KeyStore:
    """API keys in the SQLite index (``api_keys``); safe across threads and processes."""

    def __init__(self, database: Path) -> None:
        self.database = database
        sqlite.ensure_schema(database, SCHEMA)
        _bring_up_to_date(database)  # api_keys.organization (migration 0003_report_submissions)

    @classmethod
    def for_data_dir(cls, data_dir: Path) -> KeyStore:
        return cls(sqlite.database_path(data_dir))

    def create(self, name: str, role: str, organization: str | None = None) -> tuple[KeyInfo, str]:
        """A new key for ``name`` with ``role`` (bound to ``organization`` if given, an id the caller has
        checked against the registry): its record and the key itself (shown once, never stored)."""
        if not NAME.match(name):
            raise KeyRefused(f"the name {name!r} must be 1-64 letters, digits, '.', '_', '@' or '-'")
        if role not in RANK:
            raise KeyRefused(f"the role must be one of {', '.join(ROLES)}, not {role!r}")
        token = KEY_PREFIX + secrets.token_urlsafe(32)
        now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        with sqlite.transaction(self.database) as db:
            if db.execute("SELECT 1 FROM api_keys WHERE name = ? AND revoked_at IS NULL", (name,)).fetchone():
                raise KeyRefused(f"a key named {name!r} exists; revoke it first or choose another name")
            cursor = db.execute(
                "INSERT INTO api_keys (name, role, key_sha256, key_prefix, created_at, organization) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (name, role, hash_key(token), token[: len(KEY_PREFIX) + 4], now, organization),
            )
            key_id = int(cursor.lastrowid or 0)
        return KeyInfo(key_id, name, role, token[: len(KEY_PREFIX) + 4], now, None, organization), token

    def keys(self, include_revoked: bool = False) -> list[KeyInfo]:
        where = "" if include_revoked else "WHERE revoked_at IS NULL"
        with sqlite.reading(self.database) as db:
            rows = db.execute(
                "SELECT id, name, role, key_prefix, created_at, revoked_at, organization "
                f"FROM api_keys {where} ORDER BY name, id"
            ).fetchall()
        return [KeyInfo(*row) for row in rows]

    def revoke(self, name: str) -> bool:
        """Revoke the live key called ``name``; False if there is none."""
        now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        with sqlite.transaction(self.database) as db:
            cursor = db.execute("UPDATE api_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", (now, name))
            return cursor.rowcount > 0

    def verify(self, token: str) -> Principal | None:
        """The principal of a live key, or None."""
        if not token.startswith(KEY_PREFIX) or len(token) > 200:
            return None
        digest = hash_key(token)
        with sqlite.reading(self.database) as db:
            row = db.execute(
                "SELECT id, name, role, key_sha256, organization FROM api_keys "
                "WHERE key_sha256 = ? AND revoked_at IS NULL",
                (digest,),
            ).fetchone()
        if row is None or not hmac.compare_digest(row["key_sha256"], digest):
            return None
        return Principal(row["name"], row["role"], int(row["id"]), row["organization"])

    def live(self, key_id: int) -> Principal | None:
        """The principal of key ``key_id`` if it is still live (a web session re-checks its key with this)."""
        with sqlite.reading(self.database) as db:
            row = db.execute(
                "SELECT id, name, role, organization FROM api_keys WHERE id = ? AND revoked_at IS NULL", (key_id,)
            ).fetchone()
        return Principal(row["name"], row["role"], int(row["id"]), row["organization"]) if row else None


def _bring_up_to_date(path: Path) -> None:
    """Run the shipped migrations on the keys' SQLite file: the baseline adopts the table made above, and
    0003 adds its ``organization`` column. Until keys move into the shared database (issue 13) they stay in
    this file, so the migration must reach it whatever ``KAGAZ_DATABASE_URL`` says."""
    from service.db import Database, migrate

    database = Database(f"sqlite:///{path}")
    try:
        migrate.ensure_current(database)
    finally:
        database.dispose()


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
        raise AuthError(401, Problem("Authorization", "unauthorized", "an API key is required"))
    principal = keys().verify(token)
    if principal is None:
        raise AuthError(401, Problem("Authorization", "key_invalid", "the API key is wrong or revoked"))
    if role is not None and not principal.can(role):
        raise AuthError(
            403,
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


def current_principal() -> Principal:
    return g.get("principal") or ANONYMOUS


def init_app(app: Flask) -> None:
    """The key store, the JSON answer for auth errors, and — with ``KAGAZ_AUTH_REQUIRED`` — a client key
    for every ``/api/`` request (views that need more say so with ``require_role``)."""
    from service.api.errors import problem_response

    app.extensions["kagaz.keys"] = KeyStore.for_data_dir(app.config["KAGAZ"].data_dir)

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
        title = "unauthorized" if error.status == 401 else "forbidden"
        response = problem_response(error.status, title, [error.problem])
        if error.status == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="kagaz"'
        return response
