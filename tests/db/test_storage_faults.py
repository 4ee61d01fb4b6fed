"""Storage faults made real (issue 17, item 3): a small tmpfs as the data folder filled to the brim, then
remounted read-only; a lock held by another process. Each operation answers its problem in the person's
language (507, or 503 with Retry-After; never 500), ``/health`` tells the truth, and afterwards the
registry is consistent: every version has its file, every file its version, numbers without a gap. A batch
submission likewise keeps nothing of itself when the jobs store or the batch folders fail (no folder without
its queued job), and `/health` names the jobs store's state.

Mounting needs root (as CI runs); elsewhere the tmpfs tests are skipped with the reason."""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pagetools import csrf
from sqlalchemy import text

from conftest import SAMPLES
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


TOUCH_ACTIVE = "UPDATE template_active SET activated_by = activated_by"  # a write that changes nothing


def hold_lock(path: Path, exclusive_mode: bool = False, write: str = "") -> subprocess.Popen[str]:
    """Another process that takes SQLite's write lock on ``path`` (or, in exclusive locking mode, every lock,
    which ``write`` then really takes) and waits until killed. The database and the jobs store are both in
    WAL mode, where ``BEGIN EXCLUSIVE`` is ``BEGIN IMMEDIATE``: readers still read, writers wait."""
    script = (
        "import sqlite3, time\n"
        f"db = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
        + ("db.execute('PRAGMA locking_mode = EXCLUSIVE')\n" if exclusive_mode else "")
        + "db.execute('BEGIN EXCLUSIVE')\n"
        + (f"db.execute({write!r})\n" if write else "")
        + "print('held', flush=True)\n"
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
    holder = hold_lock(tmp_path / "data" / "kagaz.sqlite3", write=TOUCH_ACTIVE)
    try:
        locked = client.post("/api/v1/templates/action-plan/versions/2/activate", headers=headers)
        assert locked.status_code == 503 and locked.headers["Retry-After"] == "5"
        assert locked.json["errors"][0]["message"].startswith("Маалыматтар базасы башка процесс тарабынан бөгөттөлгөн")
        rendered = client.post("/api/v1/documents/action-plan?format=docx&draft=true", json=plan_data)
        assert rendered.status_code == 200, "WAL: readers never wait for a writer (a draft only reads)"
        # An issued document is a write (its number and register entry): it waits for the lock, then is a 503
        # like any writer's, and no number is taken.
        issued = client.post("/api/v1/documents/action-plan?format=docx", json=plan_data)
        assert issued.status_code == 503 and issued.headers["Retry-After"] == "5"
    finally:
        holder.kill()
        holder.communicate()
    assert client.post("/api/v1/templates/action-plan/versions/2/activate", headers=headers).status_code == 200
    assert consistent(app) == [1, 2]


def test_an_exclusive_lock_makes_renders_503_and_health_not_ready(tmp_path: Path, plan_data: dict) -> None:
    app = service_on(tmp_path)
    client = app.test_client()
    app.extensions["kagaz.engine"].database.dispose()  # exclusive mode needs to be the only connection first
    holder = hold_lock(tmp_path / "data" / "kagaz.sqlite3", exclusive_mode=True, write=TOUCH_ACTIVE)
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


# --- batch submission (the jobs store and the batch folders) ------------------------------------------
REPORTS = sorted((SAMPLES / "reports" / "2025").glob("*.json"))[:3]


def reports() -> list[dict[str, Any]]:
    """Three sample reports of 2025."""
    return [json.loads(path.read_text(encoding="utf-8")) for path in REPORTS]


def batch_service_on(data: Path, store: Path | None = None) -> Flask:
    """A service whose consumer runs elsewhere (``jobs_workers=0``): a queued job stays queued."""
    settings: dict[str, Any] = {"data_dir": data, "start_pool": False, "jobs_workers": 0}
    if store is not None:
        settings["store_dir"] = store
    app = create_app(settings)
    app.testing = True
    return app


def queued(app: Flask) -> int:
    return app.extensions["kagaz.jobs"].huey.pending_count()


def batch_folders(app: Flask) -> list[str]:
    folder = app.extensions["kagaz.jobs"].folder
    return sorted(path.name for path in folder.iterdir()) if folder.is_dir() else []


def page_submit(client: FlaskClient, lang: str = "ky") -> Any:
    token = csrf(client, "/batches")
    upload = json.dumps(reports(), ensure_ascii=False).encode()
    return client.post(
        f"/batches?lang={lang}",
        data={"csrf_token": token, "year": "2025", "format": "docx", "file": (io.BytesIO(upload), "r.json")},
        content_type="multipart/form-data",
    )


def test_a_full_disk_refuses_a_batch_with_507_and_keeps_nothing(disk: Path) -> None:
    app = batch_service_on(disk / "data")
    client = app.test_client()
    first = client.post("/api/v1/batches?year=2025&format=docx", json=reports())
    assert first.status_code == 202, first.json  # the jobs store exists and holds one job
    before = (queued(app), batch_folders(app))
    filler = fill(disk)
    try:
        full = client.post("/api/v1/batches?year=2025&format=docx", json=reports())
        assert full.status_code == 507, full.json
        assert full.json["errors"][0]["code"] == "storage_full"
        assert full.json["errors"][0]["message"].startswith("Сактагычта орун калган жок")
        russian = client.post("/api/v1/batches?year=2025&format=docx&lang=ru", json=reports())
        assert russian.status_code == 507 and russian.json["errors"][0]["message"].startswith("В хранилище нет места")
        page = page_submit(client, "en")
        assert page.status_code == 507 and "text/html" in page.content_type
        assert "storage" in page.get_data(as_text=True).lower()
        assert (queued(app), batch_folders(app)) == before, "nothing half written is left"
        health = client.get("/health").json["storage"]
        assert health["data_dir"]["state"] == "full" and health["writable"] is False
    finally:
        filler.unlink()
    assert client.post("/api/v1/batches?year=2025&format=docx", json=reports()).status_code == 202
    assert queued(app) == before[0] + 1 and len(batch_folders(app)) == len(before[1]) + 1


def test_a_full_store_folder_removes_the_inputs_it_wrote(disk: Path, tmp_path: Path) -> None:
    """Only the batch folders' disk is full (``KAGAZ_STORE_DIR``): the inputs written before the disk
    filled are removed, and no job is queued."""
    app = batch_service_on(tmp_path / "data", store=disk / "store")
    client = app.test_client()
    filler = fill(disk)
    filler.write_bytes(b"\0" * (filler.stat().st_size - 64 * 1024))  # room for the first input, not all
    try:
        full = client.post("/api/v1/batches?year=2025&format=docx", json=reports() * 20)
        assert full.status_code == 507, full.json
        assert batch_folders(app) == [] and queued(app) == 0
    finally:
        filler.unlink()


def test_a_read_only_jobs_store_is_503_with_retry_after(disk: Path) -> None:
    app = batch_service_on(disk / "data")
    client = app.test_client()
    assert client.post("/api/v1/batches?year=2025&format=docx", json=reports()).status_code == 202
    app.extensions["kagaz.jobs"].stop()  # the kernel remounts read-only only with no file open for writing
    app.extensions["kagaz.engine"].database.dispose()
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    try:
        refused = client.post("/api/v1/batches?year=2025&format=docx&lang=en", json=reports())
        assert refused.status_code == 503, refused.json
        assert refused.json["errors"][0]["code"] == "storage_read_only" and refused.headers["Retry-After"]
        page = page_submit(client, "ru")
        assert page.status_code == 503 and page.headers["Retry-After"]
        assert "Хранилище сейчас доступно только для чтения" in page.get_data(as_text=True)
        assert client.get("/health").json["storage"]["jobs"]["state"] == "read_only"
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
    assert len(batch_folders(app)) == 1, "only the batch queued before"


def test_a_write_lock_on_the_jobs_store_is_503_and_leaves_no_folder(tmp_path: Path) -> None:
    app = batch_service_on(tmp_path / "data")
    client = app.test_client()
    assert client.post("/api/v1/batches?year=2025&format=docx", json=reports()).status_code == 202
    before = (queued(app), batch_folders(app))
    holder = hold_lock(tmp_path / "data" / "jobs.sqlite3")
    try:
        assert client.get("/health").json["storage"]["jobs"] == {"backend": "sqlite", "state": "locked"}
        locked = client.post("/api/v1/batches?year=2025&format=docx&lang=en", json=reports())
        assert locked.status_code == 503 and locked.headers["Retry-After"] == "5", locked.json
        assert locked.json["errors"][0]["code"] == "storage_locked"
        assert (queued(app), batch_folders(app)) == before, "the inputs written before the lock are gone"
    finally:
        holder.kill()
        holder.communicate()
    assert client.get("/health").json["storage"]["jobs"]["state"] == "ok"
    assert client.post("/api/v1/batches?year=2025&format=docx", json=reports()).status_code == 202


def test_the_jobs_stores_sqlite_errors_map_to_their_problems() -> None:
    from service.jobs.store import translate

    assert type(translate(sqlite3.OperationalError("database or disk is full"))).__name__ == "StorageFull"
    assert translate(sqlite3.OperationalError("database is locked")).reason == "locked"  # type: ignore[attr-defined]
    assert translate(sqlite3.OperationalError("attempt to write a readonly database")).reason == "read_only"  # type: ignore[attr-defined]
    bug = sqlite3.IntegrityError("UNIQUE constraint failed")
    assert translate(bug) is bug
    assert translate(ValueError("x")).__class__ is ValueError


@pytest.mark.parametrize(
    ("error", "fault"),
    [
        (sqlite3.OperationalError("database or disk is full"), "full"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "read_only"),
        (sqlite3.OperationalError("database is locked"), "locked"),
        (sqlite3.OperationalError("database table is locked: template_active"), "locked"),
        (sqlite3.OperationalError("unable to open database file"), "unreachable"),
        (sqlite3.IntegrityError("UNIQUE constraint failed: template_versions.version"), None),
    ],
)
def test_one_reading_of_sqlites_faults_for_the_database_the_jobs_store_and_health(
    error: sqlite3.Error, fault: str | None
) -> None:
    from sqlalchemy.exc import DBAPIError

    from service.db.database import sqlite_fault, translate
    from service.jobs.store import translate as translate_jobs

    assert sqlite_fault(error) == fault
    for translated in (translate(DBAPIError.instance("SELECT 1", {}, error, sqlite3.Error)), translate_jobs(error)):
        if fault is None:
            assert not hasattr(translated, "reason")
        else:
            assert getattr(translated, "reason", "full") == fault  # StorageFull has no reason: it is its own kind
            assert type(translated).__name__ == ("StorageFull" if fault == "full" else "StorageUnavailable")


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="Debian's redis-server is not installed")
def test_the_batch_page_when_the_jobs_store_cannot_be_read_is_a_page_with_503(tmp_path: Path) -> None:
    """A batch queued on Redis, then Redis stopped: the batch's page (and its download) is a page in the
    person's language saying the database does not answer, 503 with Retry-After, never a 500 or JSON; the
    API answers the same problem as JSON. Redis back on the same data: the page shows the batch again."""
    pytest.importorskip("redis", reason="the redis client is not installed (pip install -e '.[redis]')")
    from redis_server import running_redis

    (tmp_path / "redis").mkdir()
    with running_redis(tmp_path / "redis") as url:
        app = create_app(
            {
                "data_dir": tmp_path / "data",
                "start_pool": False,
                "jobs_workers": 0,
                "jobs_backend": "redis",
                "redis_url": url,
            }
        )
        client = app.test_client()
        submitted = client.post("/api/v1/batches?year=2025&format=docx", json=reports())
        assert submitted.status_code == 202, submitted.json
        job = submitted.json["id"]
        assert client.get(f"/batches/{job}?lang=en").status_code == 200
    said = {
        "ky": ("Азыр жеткиликсиз", "Маалыматтар базасы жооп бербей жатат"),
        "ru": ("Сейчас недоступно", "База данных не отвечает"),
        "en": ("Not available right now", "The database does not answer"),
    }
    for lang, (title, reason) in said.items():
        for path in (f"/batches/{job}?lang={lang}", f"/batches/{job}/result.zip?lang={lang}"):
            page = client.get(path)
            assert page.status_code == 503, page.get_data(as_text=True)[:500]
            assert page.content_type.startswith("text/html") and int(page.headers["Retry-After"]) > 0
            body = page.get_data(as_text=True)
            assert f'<html lang="{lang}">' in body and title in body and reason in body
            assert "Traceback" not in body and '"errors"' not in body
    api = client.get(f"/api/v1/batches/{job}?lang=en")
    assert api.status_code == 503 and api.headers["Retry-After"] and api.content_type == "application/json"
    assert api.json["errors"][0]["code"] == "storage_unreachable"
    assert client.get("/health").json["storage"]["jobs"] == {"backend": "redis", "state": "unreachable"}
