"""API keys in the shared database: made, listed, revoked, and checked on every request.

A key is ``kgz_`` + 32 random bytes (URL-safe base64), shown once when it is made; the database keeps only
its SHA-256. A plain hash is enough because the key is random and long (no dictionary to try, unlike a
password); a lookup by hash then costs one indexed SELECT, and a leaked database gives no usable key.
Revoking keeps the row (who had access, when) and frees the name.

Nothing here is cached: every request's key is looked up in the database (one indexed SELECT). So a key
made on one machine works on every other at once, and a revoked key stops on every machine at its next
request: the bound on revocation is zero, at the price of one round trip per authenticated request.
This module knows no Flask; ``service.auth`` guards the views with it.

A key may be bound to one organization of the registry (``kagaz keys create --organization ID``): it then
submits and reads that organization's reports and, for an oblast or the Bishkek city court, those of the
courts it controls (``service.reporting.access``). The binding is the column ``api_keys.organization``, added
by the reporting cycle's migration ``0003_report_submissions``; null for keys made before, which keep what
they could do.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import CheckConstraint, Index, Integer, Text, select, update
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Mapped, mapped_column

from service.db import Base, Database
from service.db.database import DATABASE_NAME
from service.errors import KagazError, Kind, Problem
from service.roles import RANK, ROLES

KEY_PREFIX = "kgz_"
NAME = re.compile(r"^[\w.@-]{1,64}$")  # printed in logs and version records: no spaces, no markup


class KeyRow(Base):
    """Mirrors ``api_keys`` of migration ``0001_baseline``, with ``organization`` of ``0003_report_submissions``."""

    __tablename__ = "api_keys"
    __table_args__ = (
        CheckConstraint("role IN ('client', 'editor', 'admin')", name="role_known"),
        # Partial (WHERE revoked_at IS NULL) on both backends, as migration 0001 creates it; only SQLite's form
        # is repeated here: naming postgresql_where would load SQLAlchemy's PostgreSQL dialect, and with it
        # psycopg, into every embedded service.
        Index("api_keys_live_name", "name", unique=True, sqlite_where=sql_text("revoked_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(Text)
    key_sha256: Mapped[str] = mapped_column(Text, unique=True)
    key_prefix: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(Text)
    revoked_at: Mapped[str | None] = mapped_column(Text)
    organization: Mapped[str | None] = mapped_column(Text)


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


__all__ = ["ANONYMOUS", "KEY_PREFIX", "NAME", "RANK", "ROLES", "KeyInfo", "KeyRefused", "KeyStore", "Principal"]


class KeyRefused(KagazError):
    """Raised by key management for a bad name or role, or a name already in use; ``problem`` says which
    (its code is the catalogue's key, so the CLI says it in its language)."""

    kind = Kind.INVALID

    def __init__(self, code: str, message: str, **params: object) -> None:
        self.problem = Problem("name" if code != "key_role_unknown" else "role", code, message, dict(params))
        super().__init__(message)


def hash_key(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


class KeyStore:
    """API keys in the database (``api_keys``); safe across threads, processes and machines."""

    def __init__(self, database: Database | Path) -> None:
        if isinstance(database, Path):  # the SQLite file of a data folder, as the release before took it
            from service.db import migrate

            database = Database(f"sqlite:///{database}")
            migrate.ensure_current(database, data_dir=database.path.parent if database.path else None)
        self.database = database

    @classmethod
    def for_data_dir(cls, data_dir: Path) -> KeyStore:
        return cls(data_dir / DATABASE_NAME)

    def create(self, name: str, role: str, organization: str | None = None) -> tuple[KeyInfo, str]:
        """A new key for ``name`` with ``role`` (bound to ``organization`` if given, an id the caller has
        checked against the registry): its record and the key itself (shown once, never stored)."""
        if not NAME.match(name):
            raise KeyRefused(
                "key_name_invalid", f"the name {name!r} must be 1-64 letters, digits, '.', '_', '@' or '-'", name=name
            )
        if role not in RANK:
            raise KeyRefused("key_role_unknown", f"the role must be one of {', '.join(ROLES)}, not {role!r}", role=role)
        token = KEY_PREFIX + secrets.token_urlsafe(32)
        row = KeyRow(name=name, role=role, key_sha256=hash_key(token), key_prefix=token[: len(KEY_PREFIX) + 4],
                     created_at=_now(), organization=organization)  # fmt: skip
        # The lock makes "is the name free? then insert" one step on every machine; the partial unique
        # index would refuse a second live key of the same name anyway.
        with self.database.transaction(lock="api_keys") as session:
            live = select(KeyRow.id).where(KeyRow.name == name, KeyRow.revoked_at.is_(None))
            if session.execute(live).first() is not None:
                raise KeyRefused(
                    "key_name_taken", f"a key named {name!r} exists; revoke it first or choose another name", name=name
                )
            session.add(row)
            session.flush()
        return _info(row), token

    def keys(self, include_revoked: bool = False) -> list[KeyInfo]:
        query = select(KeyRow).order_by(KeyRow.name, KeyRow.id)
        if not include_revoked:
            query = query.where(KeyRow.revoked_at.is_(None))
        with self.database.reading() as session:
            return [_info(row) for row in session.execute(query).scalars()]

    def revoke(self, name: str) -> bool:
        """Revoke the live key called ``name``; False if there is none."""
        with self.database.transaction(lock="api_keys") as session:
            result = session.execute(
                update(KeyRow).where(KeyRow.name == name, KeyRow.revoked_at.is_(None)).values(revoked_at=_now())
            )
            return bool(result.rowcount)  # type: ignore[attr-defined]

    def verify(self, token: str) -> Principal | None:
        """The principal of a live key, or None: one indexed SELECT, nothing cached (see the module)."""
        if not token.startswith(KEY_PREFIX) or len(token) > 200:
            return None
        digest = hash_key(token)
        query = select(KeyRow.id, KeyRow.name, KeyRow.role, KeyRow.key_sha256, KeyRow.organization).where(
            KeyRow.key_sha256 == digest, KeyRow.revoked_at.is_(None)
        )
        with self.database.reading() as session:
            row = session.execute(query).first()
        if row is None or not hmac.compare_digest(row.key_sha256, digest):
            return None
        return Principal(row.name, row.role, int(row.id), row.organization)

    def live(self, key_id: int) -> Principal | None:
        """The principal of key ``key_id`` if it is still live (a web session re-checks its key with this)."""
        query = select(KeyRow.id, KeyRow.name, KeyRow.role, KeyRow.organization).where(
            KeyRow.id == key_id, KeyRow.revoked_at.is_(None)
        )
        with self.database.reading() as session:
            row = session.execute(query).first()
        return Principal(row.name, row.role, int(row.id), row.organization) if row else None


def _info(row: KeyRow) -> KeyInfo:
    return KeyInfo(row.id, row.name, row.role, row.key_prefix, row.created_at, row.revoked_at, row.organization)
