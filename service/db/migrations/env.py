"""Alembic's environment for Kagaz: migrations run on the connection ``service.db.migrate`` hands in.

At run time there is no ``alembic.ini``: ``migrate.config()`` builds the configuration and passes the
connection (already inside a transaction holding the migration lock) as ``config.attributes["connection"]``.
For a developer's ``alembic revision --autogenerate`` the ``alembic.ini`` beside this file is used with
``-x url=…``, and a connection is opened here.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from service.db import Base, load_tables

load_tables()
config = context.config


def _configure(connection: object) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite alters a table by copying it: batch mode does that on both backends
        transactional_ddl=True,  # both backends run DDL in the transaction (pysqlite: its own BEGIN is off)
        compare_type=True,
    )


connection = config.attributes.get("connection")
if connection is not None:
    _configure(connection)
    with context.begin_transaction():
        context.run_migrations()
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    with create_engine(url).connect() as opened:
        _configure(opened)
        with context.begin_transaction():
            context.run_migrations()
        opened.commit()
