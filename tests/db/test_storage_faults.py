"""Storage faults made real (issue 17, item 3): a small tmpfs as the data folder filled to the brim, then
remounted read-only; a lock held by another process. Each operation answers its problem in the person's
language (507, or 503 with Retry-After; never 500), ``/health`` tells the truth, and afterwards the
registry is consistent: every version has its file, every file its version, numbers without a gap.

Mounting needs root (as CI runs); elsewhere the tmpfs tests are skipped with the reason."""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import text

from service import create_app
from service.http.resources import engine

LEGACY_V2 = (Path(__file__).parent / "legacy-data" / "templates" / "action-plan" / "v2.docx").read_bytes()


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    """A 6 MiB tmpfs, unmounted after."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def service_on(folder: Path) -> Flask:
    app = create_app({"data_dir": folder / "data", "start_pool": False})
    app.testing = True
    with app.app_context():
        engine().registry.add("action-plan", LEGACY_V2, by="aigul", note="v2")
    return app


def fill(folder: Path) -> Path:
    """Write zeros until the filesystem says no more: the disk is full to the brim."""
    filler = folder / "filler"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (65536, 512, 1):
            with contextlib.suppress(OSError):
                while True:
                    os.write(descriptor, b"\0" * size)
    finally:
        os.close(descriptor)
    return filler


def editor_headers(app: Flask) -> dict[str, str]:
    _info, token = app.extensions["kagaz.keys"].create("aigul", "editor")
    return {"Authorization": f"Bearer {token}"}


def consistent(app: Flask) -> list[int]:
    with app.app_context(), engine().database.reading() as session:
        versions = session.execute(text("SELECT version FROM template_versions WHERE name = 'action-plan'")).all()
        files = session.execute(
            text("SELECT version FROM template_files WHERE name = 'action-plan' AND kind = 'docx'")
        ).all()
    numbers = sorted(number for (number,) in versions)
    assert numbers == sorted(number for (number,) in files) == list(range(1, len(numbers) + 1))
    return numbers


def test_a_full_disk_is_507_in_the_persons_language_and_leaves_no_half_state(disk: Path) -> None:
    app = service_on(disk)
    client = app.test_client()
    headers = editor_headers(app)
    filler = fill(disk)
    try:
        full = client.post("/api/v1/templates/action-plan/versions/2/activate", headers=headers)
        assert full.status_code == 507, full.json
        assert full.json["errors"][0]["code"] == "storage_full"
        assert full.json["errors"][0]["message"].startswith("Сактагычта орун калган жок")
        russian = client.post("/api/v1/templates/action-plan/versions/2/activate?lang=ru", headers=headers)
        assert russian.status_code == 507 and russian.json["errors"][0]["message"].startswith("В хранилище нет места")
        with app.app_context():
            with pytest.raises(Exception) as caught:
                engine().registry.add("action-plan", LEGACY_V2 + b"\0" * 200_000, by="aigul")
            assert type(caught.value).__name__ == "StorageFull"
        health = client.get("/health").json["storage"]
        assert health["data_dir"]["state"] == "full" and health["writable"] is False
        assert client.post("/api/v1/documents/action-plan?format=docx", json={}).status_code == 422, "still reads"
    finally:
        filler.unlink()
    assert consistent(app) == [1, 2]
    done = client.post("/api/v1/templates/action-plan/versions/2/activate", headers=headers)
    assert done.status_code == 200
    with app.app_context():
        assert engine().registry.add("action-plan", LEGACY_V2 + b"\0", by="aigul").version == 3, "no number skipped"
    assert client.get("/health").json["storage"]["writable"] is True


def test_a_read_only_disk_is_503_with_the_reason(disk: Path, plan_data: dict) -> None:
    app = service_on(disk)
    client = app.test_client()
    headers = editor_headers(app)
    # The kernel refuses to remount a filesystem read-only while files are open for writing ("busy"): close
    # the pooled connections first, as a disk that turns read-only under load leaves the next ones.
    app.extensions["kagaz.engine"].database.dispose()
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    try:
        refused = client.post("/api/v1/templates/action-plan/versions/2/activate", headers=headers)
        assert refused.status_code == 503, refused.json
        assert refused.json["errors"][0]["code"] == "storage_read_only" and refused.headers["Retry-After"]
        # SQLite in WAL mode cannot even be read from a read-only disk once its -wal/-shm files are gone (it
        # must create them): renders are 503 too, and /health is not ready, saying why.
        rendered = client.post("/api/v1/documents/action-plan?format=docx&lang=ru", json=plan_data)
        assert rendered.status_code == 503 and rendered.headers["Retry-After"]
        assert rendered.json["errors"][0]["message"].startswith("Хранилище сейчас доступно только для чтения")
        health = client.get("/health")
        assert health.status_code == 503
        assert health.json["storage"]["database"]["state"] == "read_only"
        assert health.json["storage"]["data_dir"]["state"] == "read_only"
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
    assert consistent(app) == [1, 2]
    assert client.post("/api/v1/templates/action-plan/versions/2/activate", headers=headers).status_code == 200


def hold_lock(path: Path, exclusive_mode: bool) -> subprocess.Popen[str]:
    """Another process that takes SQLite's write lock (or, in exclusive locking mode, every lock) and waits."""
    script = (
        "import sqlite3, time\n"
        f"db = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
        + ("db.execute('PRAGMA locking_mode = EXCLUSIVE')\n" if exclusive_mode else "")
        + "db.execute('BEGIN EXCLUSIVE')\n"
        'db.execute("UPDATE template_active SET activated_by = activated_by")\n'
        "print('held', flush=True)\n"
        "time.sleep(60)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None
    if holder.stdout.readline().strip() != "held":
        holder.kill()
        holder.communicate()
        pytest.fail("the lock holder did not take its lock")
    return holder


def test_a_write_lock_held_elsewhere_is_503_with_retry_after(tmp_path: Path, plan_data: dict) -> None:
    app = service_on(tmp_path)
    client = app.test_client()
    headers = editor_headers(app)
    holder = hold_lock(tmp_path / "data" / "kagaz.sqlite3", exclusive_mode=False)
    try:
        locked = client.post("/api/v1/templates/action-plan/versions/2/activate", headers=headers)
        assert locked.status_code == 503 and locked.headers["Retry-After"] == "5"
        assert locked.json["errors"][0]["message"].startswith("Маалыматтар базасы башка процесс тарабынан бөгөттөлгөн")
        rendered = client.post("/api/v1/documents/action-plan?format=docx", json=plan_data)
        assert rendered.status_code == 200, "WAL: readers never wait for a writer"
    finally:
        holder.kill()
        holder.communicate()
    assert client.post("/api/v1/templates/action-plan/versions/2/activate", headers=headers).status_code == 200
    assert consistent(app) == [1, 2]


def test_an_exclusive_lock_makes_renders_503_and_health_not_ready(tmp_path: Path, plan_data: dict) -> None:
    app = service_on(tmp_path)
    client = app.test_client()
    app.extensions["kagaz.engine"].database.dispose()  # exclusive mode needs to be the only connection first
    holder = hold_lock(tmp_path / "data" / "kagaz.sqlite3", exclusive_mode=True)
    try:
        health = client.get("/health")
        assert health.status_code == 503 and health.json["storage"]["database"]["state"] == "locked"
        assert health.json["storage"]["readable"] is False
        rendered = client.post("/api/v1/documents/action-plan?format=docx&lang=en", json=plan_data)
        assert rendered.status_code == 503 and rendered.headers["Retry-After"]
        assert rendered.json["errors"][0]["message"] == "The database is locked by another process: try again shortly"
    finally:
        holder.kill()
        holder.communicate()
    assert client.post("/api/v1/documents/action-plan?format=docx", json=plan_data).status_code == 200


def test_the_os_errors_of_a_store_map_to_their_problems() -> None:
    from service.db.database import translate_os

    assert type(translate_os(OSError(errno.ENOSPC, "full"))).__name__ == "StorageFull"
    assert translate_os(OSError(errno.EROFS, "ro")).reason == "read_only"  # type: ignore[attr-defined]
    other = OSError(errno.ENOENT, "gone")
    assert translate_os(other) is other
