"""``Database``: one engine and its sessions for the URL in ``KAGAZ_DATABASE_URL``, on SQLite or PostgreSQL.

What a caller may rely on, on either backend:

- ``reading()`` is a session for reads. On PostgreSQL its connection is in autocommit, so one SELECT is
  one round trip (no BEGIN, no ROLLBACK): the render path asks for the template in force this way.
- ``transaction(lock=...)`` is a session whose work commits together or not at all. Writers that pass the
  same ``lock`` name run one after another, across threads, processes and machines: SQLite takes its write
  lock at the start (``BEGIN IMMEDIATE``; one writer per file anyway), PostgreSQL takes a transaction-level
  advisory lock on a 64-bit key derived from the name. So "read the highest number, write the next" and
  "activate only if version N is still active" cannot interleave with another writer's.
  ``transaction(durable=False)`` commits without waiting for the disk (SQLite ``synchronous=NORMAL`` in WAL
  mode, PostgreSQL ``synchronous_commit=off``): it is atomic, isolated and at once visible to every other
  writer, but a crash of the machine (not of Kagaz) may take back the last such commits. Both backends write
  one log in commit order, and the next durable commit flushes it up to itself, so a non-durable commit is
  durable as soon as any later durable one is. For work nothing outside the database relies on until a
  durable commit follows (an issuance number, recorded durably with its file's hash before the file leaves).
- Storage faults never escape as driver errors: a database that is locked past the busy timeout,
  read-only, unreachable or out of space raises ``StorageUnavailable`` (503 + Retry-After) or
  ``StorageFull`` (507), which every door turns into a message in the person's language.

SQLite runs in WAL mode (readers never wait for the writer), with foreign keys on and a busy timeout, and
the pysqlite driver's own transaction handling off (it would not send ``BEGIN IMMEDIATE``; SQLAlchemy's
documented recipe). PostgreSQL connections have a ``lock_timeout``, so a lock held elsewhere is a 503 after
a few seconds, not a request thread hung for good. There is no pre-ping (it would cost a round trip on every
render): a connection found dead fails its one request with a 503, and the pool replaces it.
"""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy import text as sql_text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker

from service.errors import StorageFull, StorageUnavailable

DATABASE_NAME = "kagaz.sqlite3"
BUSY_TIMEOUT = 5.0  # seconds a writer waits for another's lock; a write holds it for milliseconds
CONNECT_TIMEOUT = 5  # seconds to reach PostgreSQL before the request is answered 503
RETRY_LOCKED, RETRY_DOWN, RETRY_READ_ONLY = 5, 10, 60  # Retry-After per fault: a lock passes, a repair takes time


def database_url(settings: Any) -> str:
    """The URL of the service's database: ``KAGAZ_DATABASE_URL``, or the SQLite file in the data folder."""
    configured = getattr(settings, "database_url", None)
    return configured or f"sqlite:///{Path(settings.data_dir) / DATABASE_NAME}"


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for ``pg_advisory_xact_lock`` from a lock's name."""
    return int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big", signed=True)


class Database:
    """The engine and sessions of one database; safe to share between threads, one per process."""

    def __init__(self, url: str | URL, *, busy_timeout: float = BUSY_TIMEOUT) -> None:
        self.url = make_url(url)
        self.backend = self.url.get_backend_name()
        if self.backend == "sqlite":
            self.engine = self._sqlite_engine(busy_timeout)
            self._writer: Engine = self.engine.execution_options(kagaz_begin="BEGIN IMMEDIATE")
            self._quick_writer: Engine = self._writer.execution_options(kagaz_synchronous="NORMAL")
            self._reader: Engine = self.engine
        elif self.backend == "postgresql":
            try:
                import psycopg  # noqa: F401
            except ImportError:
                raise ValueError(
                    "KAGAZ_DATABASE_URL names PostgreSQL, but its client is not installed: "
                    "pip install -e '.[postgresql]'"
                ) from None
            lock_ms = int(busy_timeout * 1000)
            self.engine = create_engine(
                self.url,
                pool_size=8,  # connections kept open per process; `kagaz serve` runs 16 request threads,
                max_overflow=24,  # and a render holds one for one SELECT: bursts borrow, then give back
                pool_timeout=BUSY_TIMEOUT,  # no connection free in time: a 503, not a thread stuck for 30 s
                pool_recycle=1800,
                connect_args={"connect_timeout": CONNECT_TIMEOUT, "options": f"-c lock_timeout={lock_ms}"},
            )
            self._writer = self._quick_writer = self.engine
            self._reader = self.engine.execution_options(isolation_level="AUTOCOMMIT")
        else:
            raise ValueError(f"KAGAZ_DATABASE_URL: Kagaz runs on sqlite or postgresql, not {self.backend!r}")
        self._read_sessions = sessionmaker(self._reader, expire_on_commit=False)
        self._write_sessions = sessionmaker(self._writer, expire_on_commit=False)
        self._quick_write_sessions = sessionmaker(self._quick_writer, expire_on_commit=False)

    @classmethod
    def from_settings(cls, settings: Any) -> Database:
        return cls(database_url(settings))

    @property
    def path(self) -> Path | None:
        """The SQLite file (None for PostgreSQL or an in-memory database)."""
        if self.backend != "sqlite" or self.url.database in (None, "", ":memory:"):
            return None
        if self.url.query.get("uri"):  # file:<path>?mode=ro&uri=true
            return Path((self.url.database or "").removeprefix("file:"))
        return Path(self.url.database or "")

    def describe(self) -> str:
        """The URL without its password, for logs and ``/health``."""
        return self.url.render_as_string(hide_password=True)

    def _sqlite_engine(self, busy_timeout: float) -> Engine:
        database = self.url.database
        if self.path is not None and not self.url.query.get("uri"):
            self.path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(self.url, connect_args={"timeout": busy_timeout, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None  # SQLAlchemy sends BEGIN itself (below)
            cursor = dbapi_connection.cursor()
            try:
                cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
                cursor.execute("PRAGMA foreign_keys = ON")
                if database and database != ":memory:":
                    cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA synchronous = FULL")  # every commit on disk unless a transaction is quick
            finally:
                cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(connection: Any) -> None:
            options = connection.get_execution_options()
            # SQLite refuses to change the safety level inside a transaction: set it before each BEGIN, and
            # only when this connection's differs (FULL, SQLite's default, unless this transaction is quick).
            synchronous = options.get("kagaz_synchronous", "FULL")
            if connection.connection.info.get("synchronous", "FULL") != synchronous:
                connection.exec_driver_sql(f"PRAGMA synchronous = {synchronous}")
                connection.connection.info["synchronous"] = synchronous
            connection.exec_driver_sql(options.get("kagaz_begin", "BEGIN"))

        return engine

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads; nothing it does is committed."""
        with self._faults(), self._read_sessions() as session:
            yield session

    @contextmanager
    def transaction(self, lock: str | None = None, *, durable: bool = True) -> Iterator[Session]:
        """A session committed at the end (rolled back on any error); writers with the same ``lock`` are
        serialised across machines; ``durable=False`` does not wait for the disk (see the module's docstring)."""
        sessions = self._write_sessions if durable else self._quick_write_sessions
        with self._faults(), sessions() as session, session.begin():
            if not durable and self.backend == "postgresql":
                session.execute(sql_text("SET LOCAL synchronous_commit = off"))
            if lock is not None and self.backend == "postgresql":
                session.execute(sql_text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key(lock)})
            yield session

    @contextmanager
    def _faults(self) -> Iterator[None]:
        """``faults()``, and on SQLite a file that cannot be opened on a read-only filesystem is said to be
        read-only (SQLite only says "unable to open": in WAL mode it must create its -wal and -shm files)."""
        try:
            with faults():
                yield
        except StorageUnavailable as error:
            if error.reason == "unreachable" and self.path is not None and read_only_filesystem(self.path.parent):
                raise StorageUnavailable("read_only", "the database's disk is read-only", RETRY_READ_ONLY) from error
            raise

    def ping(self) -> None:
        """One trivial query: raises ``StorageUnavailable`` when the database cannot answer."""
        with self.reading() as session:
            session.execute(sql_text("SELECT 1"))

    def dispose(self) -> None:
        """Close every pooled connection (at exit, or after a restore replaced the database)."""
        self.engine.dispose()


def read_only_filesystem(folder: Path) -> bool:
    """True when ``folder`` is on a filesystem mounted read-only."""
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


@contextmanager
def faults() -> Iterator[None]:
    """Turn a driver's storage faults into ``StorageUnavailable`` / ``StorageFull``; anything else passes."""
    try:
        yield
    except PoolTimeout as error:
        raise StorageUnavailable("unavailable", "every database connection is busy", RETRY_LOCKED) from error
    except DBAPIError as error:
        translated = translate(error)
        if translated is error:
            raise
        raise translated from error
    except OSError as error:
        translated = translate_os(error)
        if translated is error:
            raise
        raise translated from error


def message_fault(message: str) -> str | None:
    """``full``, ``read_only`` or ``locked`` when a driver's message says so (SQLite says it only in words),
    else None. The one reading of those words: the database, the jobs store and ``/health`` all ask here."""
    message = message.lower()
    if "disk is full" in message or "disk full" in message:
        return "full"
    if "readonly" in message or "read-only" in message:
        return "read_only"
    if "locked" in message or "busy" in message:
        return "locked"
    return None


def sqlite_fault(error: sqlite3.Error, folder: Path | None = None) -> str | None:
    """The storage fault a ``sqlite3`` error is (``full``, ``read_only``, ``locked``, ``unreachable``), or
    None for a bug. SQLite says only "unable to open" for a file on a read-only filesystem (in WAL mode it
    must create its -wal and -shm files), so ``folder``, the file's folder, tells read-only from unreachable."""
    fault = message_fault(str(error))
    if fault is None and isinstance(error, sqlite3.OperationalError):
        fault = "read_only" if folder is not None and read_only_filesystem(folder) else "unreachable"
    return fault


def translate(error: DBAPIError) -> Exception:
    """The Kagaz error for a driver error, by SQLSTATE (PostgreSQL) or SQLite's message; a bug stays itself."""
    original = error.orig
    code = getattr(original, "sqlstate", None) or getattr(getattr(original, "diag", None), "sqlstate", None)
    fault = message_fault(str(original))
    if code == "53100" or fault == "full":
        return StorageFull("the database has no space left")
    if code == "25006" or fault == "read_only":
        return StorageUnavailable("read_only", "the database is read-only", RETRY_READ_ONLY)
    if code in ("55P03", "40P01", "57014") or fault == "locked":
        return StorageUnavailable("locked", "the database is locked by another process", RETRY_LOCKED)
    if error.connection_invalidated or (code or "").startswith(("08", "57P")) or code is None:
        if code is None and not _is_operational(error):
            return error  # an IntegrityError or a programming error: a bug or a race the caller handles
        return StorageUnavailable("unreachable", "the database cannot be reached", RETRY_DOWN)
    return error


def translate_os(error: OSError) -> Exception:
    """The Kagaz error for a file-store fault (no space, read-only); other OS errors stay themselves."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return StorageFull("the file store has no space left")
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return StorageUnavailable("read_only", "the file store is read-only", RETRY_READ_ONLY)
    return error


def _is_operational(error: DBAPIError) -> bool:
    from sqlalchemy.exc import OperationalError

    return isinstance(error, OperationalError)


__all__ = [
    "DATABASE_NAME",
    "Database",
    "SQLAlchemyError",
    "database_url",
    "faults",
    "lock_key",
    "message_fault",
    "sqlite_fault",
    "translate",
]
