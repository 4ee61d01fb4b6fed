"""Bring a database to the schema this Kagaz expects: ``kagaz db upgrade``, and at every start when behind.

Alembic runs programmatically from the environment shipped in ``service/db/migrations`` (no ``alembic.ini``
at run time). Two machines starting together must not both migrate, so the upgrade runs under a lock and
re-reads the current revision once it holds it (the second one then finds nothing to do):

- PostgreSQL: a transaction-level advisory lock, and the whole upgrade in that one transaction (its DDL is
  transactional: a failed migration leaves the old schema, never half of the new one).
- SQLite: an exclusive ``flock`` on ``<file>.migrate-lock`` beside the database (waits as long as the other
  process migrates, where SQLite's busy timeout would give up after seconds), then ``BEGIN IMMEDIATE``.
"""

from __future__ import annotations

import fcntl
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect
from sqlalchemy import text as sql_text

from service.db.database import Database, faults, lock_key

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
LOCK_NAME = "kagaz.migrations"


@dataclass(frozen=True)
class Upgrade:
    """What an upgrade did: the revision before (None: an empty or unversioned database) and after."""

    before: str | None
    after: str | None

    @property
    def changed(self) -> bool:
        return self.before != self.after


def config(connection: Connection | None = None, **attributes: object) -> Config:
    """Alembic's configuration, built in code; ``connection`` is the one migrations run on."""
    from alembic.config import Config

    alembic_config = Config()
    alembic_config.set_main_option("script_location", str(MIGRATIONS))
    alembic_config.attributes["connection"] = connection
    alembic_config.attributes.update(attributes)
    return alembic_config


def heads() -> list[str]:
    """The newest revisions of the shipped history (exactly one in a consistent tree)."""
    from alembic.script import ScriptDirectory

    return list(ScriptDirectory.from_config(config()).get_heads())


REVISION = re.compile(r'^revision\s*=\s*"([^"]+)"', re.MULTILINE)
DOWN_REVISION = re.compile(r'^down_revision\s*=\s*"([^"]+)"', re.MULTILINE)


def _shipped_head() -> str | None:
    """The head read from the revision files' ``revision``/``down_revision`` lines, without Alembic: every
    start asks it, and Alembic (with Mako and every dialect's DDL module) costs the service ~8 MB to load.
    None when the files cannot be read this way (then Alembic decides)."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        if found := REVISION.search(source):
            revisions.add(found.group(1))
            parents.update(DOWN_REVISION.findall(source))
    tops = revisions - parents
    return tops.pop() if len(tops) == 1 else None


def head() -> str:
    found = heads()
    if len(found) != 1:
        raise RuntimeError(f"the migration history has {len(found)} heads {found}: re-chain down_revision")
    return found[0]


def current(database: Database) -> str | None:
    """The revision the database is at (None: empty, or the unversioned file of the release before)."""
    with faults(), database.engine.connect() as connection:
        return _revision(connection)


def _revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(sql_text("SELECT version_num FROM alembic_version")).scalar()


def is_current(database: Database) -> bool:
    return current(database) == (_shipped_head() or head())


def upgrade(database: Database, target: str = "head", *, data_dir: Path | None = None) -> Upgrade:
    """Migrate ``database`` to ``target`` under the lock; a no-op when another process already did.

    ``data_dir`` is the data folder of the release before, whose template files a migration reads in
    (default: the SQLite file's folder)."""
    if data_dir is None and database.path is not None:
        data_dir = database.path.parent
    with _locked(database) as connection:
        before = _revision(connection)
        if before != head() or target != "head":
            from alembic import command

            command.upgrade(config(connection, data_dir=data_dir), target)
        after = _revision(connection)
        connection.commit()
    return Upgrade(before, after)


def ensure_current(database: Database, *, data_dir: Path | None = None) -> Upgrade | None:
    """At start: upgrade when behind (one cheap read when not); None when nothing was to do."""
    if is_current(database):
        return None
    return upgrade(database, data_dir=data_dir)


@contextmanager
def _locked(database: Database) -> Iterator[Connection]:
    """A connection inside a transaction that holds the migration lock of ``database``."""
    with faults(), _file_lock(database.path):
        engine = database.engine
        if database.backend == "sqlite":
            engine = engine.execution_options(kagaz_begin="BEGIN IMMEDIATE")
        with engine.connect() as connection:
            connection.begin()
            if database.backend == "postgresql":
                connection.execute(sql_text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key(LOCK_NAME)})
            yield connection


@contextmanager
def _file_lock(path: Path | None) -> Iterator[None]:
    if path is None:
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path.with_name(path.name + ".migrate-lock"), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock
