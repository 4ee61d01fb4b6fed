"""The same jobs on Redis, as when one machine is outgrown: the service only queues, and a separate
``huey_consumer service.jobs.worker.huey`` process (its own LibreOffice) runs the batch on the shared data dir.

Needs Debian's ``redis-server`` and the ``redis`` client (``pip install -e '.[redis]'``); skipped without them.
The server is started here on a free loopback port, with no persistence, and stopped after."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import pdftools
from conftest import ROOT
from redis_server import REDIS_SERVER, running_redis
from service.conversion.processes import free_port

from .conftest import MakeApp
from .test_batch_jobs import download, is_finished, reports, wait_for

pytest.importorskip("redis", reason="the redis client is not installed (pip install -e '.[redis]')")
pytestmark = [
    pytest.mark.skipif(REDIS_SERVER is None, reason="Debian's redis-server is not installed"),
    pytest.mark.office,
]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_redis(tmp_path_factory.mktemp("redis")) as url:
        yield url


def test_a_separate_consumer_process_runs_the_job_the_service_queued(
    make_app: MakeApp, redis_url: str, tmp_path: Path
) -> None:
    data = tmp_path / "shared"
    settings = {"jobs_backend": "redis", "redis_url": redis_url}
    client = make_app(data, jobs_workers=0, **settings).test_client()
    response = client.post("/api/v1/batches?year=2025&format=pdf", json=reports(2))
    assert response.status_code == 202
    location = response.headers["Location"]
    assert client.get(location).get_json()["state"] == "queued", "nobody consumes in the service"

    env = {
        **os.environ,
        "KAGAZ_JOBS_BACKEND": "redis",
        "KAGAZ_REDIS_URL": redis_url,
        "KAGAZ_DATA_DIR": str(data),
        "KAGAZ_POOL_SIZE": "1",
    }
    consumer_script = Path(sys.executable).parent / "huey_consumer"
    worker = subprocess.Popen(
        [str(consumer_script), "service.jobs.worker.huey", "-k", "thread", "-w", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        state = wait_for(client, location, is_finished, timeout=180)
    finally:
        worker.terminate()  # SIGTERM: the consumer stops at once; its LibreOffice goes with it
        worker.wait(timeout=60)
    assert state["state"] == "done" and state["counts"]["ok"] == 3
    with zipfile.ZipFile(io.BytesIO(download(client, state["result"]).data)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        pdf = archive.read(next(entry["file"] for entry in manifest["outputs"] if entry["file"].endswith(".pdf")))
    assert int(pdftools.info(pdf)["Pages"]) >= 1


def test_the_embedded_consumer_works_on_redis_too(make_app: MakeApp, redis_url: str, tmp_path: Path) -> None:
    client = make_app(tmp_path / "data", jobs_backend="redis", redis_url=redis_url).test_client()
    location = client.post("/api/v1/batches?format=docx", json=reports(2)).headers["Location"]
    state = wait_for(client, location, is_finished)
    assert state["state"] == "done" and state["counts"]["ok"] == 3


def test_an_unreachable_redis_refuses_a_batch_with_503_and_keeps_nothing(
    make_app: MakeApp, redis_url: str, tmp_path: Path
) -> None:
    """The jobs store's health follows Redis; with nothing listening, a submission is 503 + Retry-After in
    the person's language, and the inputs it wrote are gone."""
    reachable = make_app(tmp_path / "up", jobs_workers=0, jobs_backend="redis", redis_url=redis_url)
    assert reachable.test_client().get("/health").json["storage"]["jobs"] == {"backend": "redis", "state": "ok"}

    nobody = f"redis://127.0.0.1:{free_port()}/0"
    app = make_app(tmp_path / "data", jobs_workers=0, jobs_backend="redis", redis_url=nobody)
    client = app.test_client()
    refused = client.post("/api/v1/batches?format=docx&lang=en", json=reports(2))
    assert refused.status_code == 503 and refused.headers["Retry-After"], refused.get_json()
    assert refused.get_json()["errors"][0]["code"] == "storage_unreachable"
    folder = app.extensions["kagaz.jobs"].folder
    assert not folder.exists() or not any(folder.iterdir()), "no batch folder without its queued job"
    storage = client.get("/health").json["storage"]
    assert storage["jobs"] == {"backend": "redis", "state": "unreachable"} and storage["writable"] is False
