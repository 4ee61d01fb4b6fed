"""A real Redis server for the tests that need one (the scaled-out job queue), started on a free loopback port
in a folder of the test's and stopped after, as ``tests/postgres.py`` does for PostgreSQL."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from service.conversion.processes import free_port

REDIS_SERVER = shutil.which("redis-server")


@contextlib.contextmanager
def running_redis(folder: Path) -> Iterator[str]:
    """Start Debian's ``redis-server`` (no persistence) and yield its URL once it answers PING."""
    import redis

    assert REDIS_SERVER is not None, "Debian's redis-server is not installed"
    port = free_port()
    server = subprocess.Popen(
        [REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no",
         "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)
        yield url
    finally:
        client.close()
        server.terminate()
        server.wait(timeout=10)
