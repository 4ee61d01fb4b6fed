"""The one SQLite file of Kagaz's own state (``data_dir/kagaz.sqlite3``): template versions and API keys.

Why SQLite: the service runs embedded on one machine, the index is small, and SQLite's ``BEGIN IMMEDIATE``
gives the one thing we need from a database — two uploads at the same moment get two distinct version
numbers, an activation is one atomic UPDATE. Connections are opened per operation (cheap, and safe across
threads and processes); WAL mode lets readers (every render asks which version is active) run while a
writer commits.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DATABASE_NAME = "kagaz.sqlite3"
BUSY_TIMEOUT_MS = 10_000  # a writer holds the lock for milliseconds; 10 s only matters on a stuck disk


def database_path(data_dir: Path) -> Path:
    return data_dir / DATABASE_NAME


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode: every write happens inside an explicit ``transaction``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    connection.row_factory = sqlite3.Row
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


@contextmanager
def transaction(path: Path) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (or ``ROLLBACK`` on any error): the write lock is taken at the start,
    so a read-then-write (the next version number) cannot interleave with another writer's."""
    connection = connect(path)
    try:
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
    finally:
        connection.close()


@contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection for reads only, closed afterwards."""
    connection = connect(path)
    try:
        yield connection
    finally:
        connection.close()


def ensure_schema(path: Path, schema: str) -> None:
    """Create the tables a module owns (``CREATE TABLE IF NOT EXISTS`` …); each module brings its own."""
    with reading(path) as connection:
        connection.executescript(schema)
