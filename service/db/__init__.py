"""Kagaz's shared state: one database layer on SQLAlchemy 2, migrated by Alembic, SQLite or PostgreSQL.

``KAGAZ_DATABASE_URL`` chooses the database: ``sqlite:///<data_dir>/kagaz.sqlite3`` by default (embedded,
nothing to start, one machine) or ``postgresql+psycopg://user:password@host/kagaz`` when several Kagaz
machines share their keys, template versions and activations. Everything above this package speaks
SQLAlchemy, so the same code and the same contract tests run on both.

The parts::

    base.py        ``Base`` (declarative) and its one ``MetaData`` with a naming convention
    database.py    ``Database``: the engine, sessions, write transactions that serialise (see there),
                   and the translation of storage faults into ``StorageUnavailable`` / ``StorageFull``
    migrate.py     ``upgrade`` (``kagaz db upgrade``, and at start when behind) under a lock
    migrations/    the Alembic environment and revisions, shipped in the package (no alembic.ini)

How a module adds its tables (the reporting cycle, the issuance register, …):

1. Declare them in the module that owns the noun, on ``service.db.Base`` (``class Submission(Base): …``),
   and add that module's import path to ``TABLE_MODULES`` below, so that ``Base.metadata`` (Alembic's
   autogenerate, the tests) sees every table.
2. Add one Alembic revision file to ``service/db/migrations/versions/``: ``NNNN_<noun>.py`` with
   ``revision = "NNNN_<noun>"`` and ``down_revision`` the newest revision on your branch. Write the
   ``op.create_table`` calls out (never ``Base.metadata.create_all``: a migration is a frozen snapshot,
   the models move on). Two branches that both add a revision after the same parent make two heads; the
   integrator re-chains ``down_revision`` at merge, and ``tests/db/test_migrations.py`` fails while there
   is more than one head. Generate a draft with
   ``alembic -x url=sqlite:///draft.sqlite3 -c service/db/migrations/alembic.ini revision --autogenerate``
   if you like, then read and trim it.
3. Write through ``Database.transaction(lock=...)`` when a read decides a write (the next number of
   something): it serialises writers on SQLite (``BEGIN IMMEDIATE``) and on PostgreSQL (a transaction
   advisory lock named by ``lock``), so the decision cannot race another machine's.
4. Use the ``database`` fixture of ``tests/conftest.py``: it is parametrised over SQLite and a real
   PostgreSQL, so the module's contract tests run on both.
"""

from __future__ import annotations

import importlib
from typing import Any

from service.db.base import Base, metadata
from service.db.database import Database, database_url

# Modules that declare tables on ``Base``: imported by ``load_tables`` so that the metadata is complete.
TABLE_MODULES: list[str] = [
    "service.templates.tables",
    "service.keys",
    "service.reporting.register",
    "service.issuance.tables",
]


def load_tables() -> None:
    """Import every module that declares tables, so ``Base.metadata`` knows them all."""
    for name in TABLE_MODULES:
        importlib.import_module(name)


def open_database(settings: Any) -> Database:
    """The service's database, migrated to this Kagaz's schema if it was behind (under the lock).

    Every process that uses the state (the service, the CLI, a job worker) opens it this way, so a machine
    that starts on a new release brings the shared database along, once, whichever machine is first."""
    from service.db import migrate

    database = Database.from_settings(settings)
    migrate.ensure_current(database, data_dir=settings.data_dir)
    return database


__all__ = ["TABLE_MODULES", "Base", "Database", "database_url", "load_tables", "metadata", "open_database"]
