"""The database layer itself, on SQLite and on a real PostgreSQL: migrations, the migration lock, writers
that serialise, and storage faults that become ``StorageUnavailable`` / ``StorageFull``."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from service.db import Database, migrate
from service.errors import StorageUnavailable

LEGACY = Path(__file__).parent / "legacy-data"
TABLES = {"template_versions", "template_active", "template_activations", "api_keys"}


def test_the_history_has_one_head() -> None:
    assert len(migrate.heads()) == 1, "two revisions share a parent: re-chain down_revision"


def test_upgrade_creates_the_schema_once(database_url: str) -> None:
    database = Database(database_url)
    try:
        assert migrate.current(database) is None and not migrate.is_current(database)
        first = migrate.upgrade(database)
        assert first.before is None and first.after == migrate.head() and first.changed
        assert set(inspect(database.engine).get_table_names()) >= TABLES
        again = migrate.upgrade(database)
        assert not again.changed and migrate.is_current(database)
        assert migrate.ensure_current(database) is None
    finally:
        database.dispose()


def test_the_unversioned_file_of_the_release_before_is_adopted_as_it_stands(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(LEGACY, folder, ignore=shutil.ignore_patterns("*.sqlite3-*"))
    path = folder / "kagaz.sqlite3"
    with sqlite3.connect(path) as raw:
        before = {table: raw.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall() for table in TABLES}
    database = Database(f"sqlite:///{path}")
    try:
        assert migrate.upgrade(database).before is None
        assert migrate.is_current(database)
    finally:
        database.dispose()
    with sqlite3.connect(path) as raw:
        for table, rows in before.items():
            after = raw.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()[: len(rows)]
            # the release's columns as they were; later revisions may add columns after them
            assert [row[: len(rows[0])] for row in after] == rows if rows else after == rows, table


def test_two_machines_starting_together_migrate_once(database_url: str, tmp_path: Path) -> None:
    """Two ``kagaz db upgrade`` processes at the same moment: both succeed, exactly one migrates."""
    env = {**os.environ, "KAGAZ_DATABASE_URL": database_url, "KAGAZ_DATA_DIR": str(tmp_path / "data")}
    command = [sys.executable, "-m", "service.cli", "db", "upgrade"]
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(3)]  # fmt: skip
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], outputs
    said = [out for out, _err in outputs]
    assert sum("upgraded from no revision" in out for out in said) == 1, said
    assert sum("already at" in out for out in said) == 2, said


def test_writers_with_the_same_lock_never_interleave(database: Database) -> None:
    """Read the highest number, wait, write the next: with the lock, eight writers never collide."""
    with database.transaction() as session:
        session.execute(text("CREATE TABLE numbers (n INTEGER PRIMARY KEY)"))
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            for _ in range(3):
                with database.transaction(lock="numbers") as session:
                    top = session.execute(text("SELECT COALESCE(MAX(n), 0) FROM numbers")).scalar_one()
                    time.sleep(0.01)  # widen the window a race would need
                    session.execute(text("INSERT INTO numbers (n) VALUES (:n)"), {"n": top + 1})
        except BaseException as error:  # reported below, with the thread's traceback
            errors.append(error)

    threads = [threading.Thread(target=writer) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    with database.reading() as session:
        assert session.execute(text("SELECT n FROM numbers ORDER BY n")).scalars().all() == list(range(1, 25))


def test_a_quick_transaction_skips_the_disk_wait_for_itself_only(database: Database) -> None:
    """``durable=False`` lowers the safety level of its own commit; the next transaction on the same
    connection is durable again, and the quick one's work is there for everyone at once."""
    setting = "PRAGMA synchronous" if database.backend == "sqlite" else "SHOW synchronous_commit"
    with database.transaction() as session:
        session.execute(text("CREATE TABLE quick (n INTEGER PRIMARY KEY)"))
        durable = str(session.execute(text(setting)).scalar_one())
    for round_number in range(3):  # one pooled connection goes quick, durable, quick …
        with database.transaction(lock="quick", durable=False) as session:
            assert str(session.execute(text(setting)).scalar_one()) in ("1", "off")  # NORMAL / off
            session.execute(text("INSERT INTO quick (n) VALUES (:n)"), {"n": round_number})
        with database.reading() as session:
            assert session.execute(text("SELECT COUNT(*) FROM quick")).scalar_one() == round_number + 1
        with database.transaction() as session:
            assert str(session.execute(text(setting)).scalar_one()) == durable
    if database.backend == "sqlite":
        assert durable == "2"  # FULL: an ordinary commit waits for the disk


def test_a_write_lock_held_by_another_process_is_a_storage_fault(tmp_path: Path) -> None:
    path = tmp_path / "kagaz.sqlite3"
    database = Database(f"sqlite:///{path}", busy_timeout=0.5)
    migrate.upgrade(database)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys, time\n"
         f"db = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
         "db.execute('BEGIN EXCLUSIVE'); print('held', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        with pytest.raises(StorageUnavailable) as caught, database.transaction() as session:
            session.execute(text("DELETE FROM api_keys"))
        assert caught.value.reason == "locked" and caught.value.retry_after
        assert time.monotonic() - started < 5, "the busy timeout bounds the wait"
    finally:
        holder.kill()
        holder.communicate()
        database.dispose()


def test_a_read_only_database_is_a_storage_fault(tmp_path: Path) -> None:
    path = tmp_path / "kagaz.sqlite3"
    database = Database(f"sqlite:///{path}")
    migrate.upgrade(database)
    database.dispose()
    # root ignores file modes: open it read-only instead (the app-level tests remount a tmpfs read-only)
    readonly = Database(f"sqlite:///file:{path}?mode=ro&uri=true", busy_timeout=0.5)
    try:
        with readonly.reading() as session:
            assert session.execute(text("SELECT COUNT(*) FROM api_keys")).scalar_one() == 0
        with pytest.raises(StorageUnavailable) as caught, readonly.transaction() as session:
            session.execute(
                text(
                    "INSERT INTO template_activations (name, version, activated_by, activated_at) "
                    "VALUES ('x', 1, 'x', 'x')"
                )
            )
        assert caught.value.reason == "read_only"
    finally:
        readonly.dispose()


def test_an_unreachable_server_is_a_storage_fault() -> None:
    import postgres

    database = Database(f"postgresql+psycopg://postgres@127.0.0.1:{postgres.free_port()}/kagaz")
    try:
        with pytest.raises(StorageUnavailable) as caught:
            database.ping()
        assert caught.value.reason == "unreachable"
    finally:
        database.dispose()


def test_the_head_read_without_alembic_is_alembics() -> None:
    """Every start compares the database with the head read from the files (Alembic is not loaded then)."""
    assert migrate._shipped_head() == migrate.head()
