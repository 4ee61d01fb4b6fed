"""A real PostgreSQL server for the tests: a throwaway cluster started once per session, stopped after.

PostgreSQL refuses to run as root, and CI runs as root, so the cluster belongs to Debian's ``postgres``
user (``runuser``) in a folder it owns, outside pytest's private (0700) temp tree. It listens on a free
loopback port with trust authentication and without durability (``fsync=off``): the tests want the
server's semantics (locks, transactions, SQLSTATEs), not its crash safety. Each test that asks gets a
database of its own (``fresh_database``), so tests never see each other's rows.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

USER = "postgres"


def binaries() -> Path | None:
    """Debian's versioned PostgreSQL bin folder (the newest), or None when not installed."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda path: int(path.parts[-3]))
    return found[-1].parent if found else None


def unavailable() -> str | None:
    """Why a server cannot be started here (None: it can)."""
    if binaries() is None:
        return "Debian's postgresql is not installed (test: postgresql in debian-packages.txt)"
    try:
        pwd.getpwnam(USER)
    except KeyError:
        return "there is no postgres user"
    if os.geteuid() != 0 and pwd.getpwuid(os.geteuid()).pw_name != USER:
        return "the PostgreSQL tests start the server as postgres: run them as root or postgres"
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Server:
    """A running cluster: where it listens, and how to make a database on it."""

    host: str
    port: int
    folder: Path

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{USER}@{self.host}:{self.port}/{database}"

    def psql(self, sql: str, database: str = "postgres") -> str:
        command = [str(binaries() / "psql"), "-X", "-q", "-A", "-t", "-h", self.host, "-p", str(self.port),
                   "-U", USER, "-d", database, "-c", sql]  # fmt: skip
        return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()

    def create_database(self) -> str:
        """A new empty database; its name."""
        name = "kagaz_" + uuid.uuid4().hex[:12]
        self.psql(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        self.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _as_postgres(*command: str) -> list[str]:
    return list(command) if os.geteuid() != 0 else ["runuser", "-u", USER, "--", *command]


@contextmanager
def running_server() -> Iterator[Server]:
    """initdb + pg_ctl start in a temporary folder owned by postgres; pg_ctl stop and removal after."""
    bin_dir = binaries()
    assert bin_dir is not None
    folder = Path(tempfile.mkdtemp(prefix="kagaz-pg-"))
    data = folder / "data"
    account = pwd.getpwnam(USER)
    os.chown(folder, account.pw_uid, account.pw_gid)
    folder.chmod(0o700)
    port = free_port()
    try:
        subprocess.run(
            _as_postgres(str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", USER, "-E", "UTF8",
                         "--locale=C.UTF-8", "--no-sync"),
            check=True, capture_output=True,
        )  # fmt: skip
        options = (f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories='{folder}' "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200")  # fmt: skip
        subprocess.run(
            _as_postgres(str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-o", options,
                         "-w", "-t", "60", "start"),
            check=True, capture_output=True,
        )  # fmt: skip
        server = Server("127.0.0.1", port, folder)
        deadline = time.monotonic() + 30
        while True:
            try:
                server.psql("SELECT 1")
                break
            except subprocess.CalledProcessError:
                assert time.monotonic() < deadline, (folder / "log").read_text(errors="replace")
                time.sleep(0.1)
        yield server
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                _as_postgres(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"),
                check=False, capture_output=True,
            )  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)
