"""Two Kagaz machines sharing one PostgreSQL (and Redis for jobs, and one file store): two real
``kagaz serve`` processes with different data folders. An editor key made on A works on B at once; a
version uploaded and activated on A is what B renders with, next request; uploads on A and B at the same
moment get distinct numbers; 200 documents issued at once on both get distinct, gap-free register numbers;
a batch queued on A is seen on B; a key revoked on A stops on B at once."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import requests
from click.testing import CliRunner
from make_legacy_data import changed_docx

from bench.load import serve_subprocess
from conftest import ROOT, SAMPLES
from redis_server import REDIS_SERVER, running_redis
from service.cli import main

pytestmark = [pytest.mark.office, pytest.mark.postgres]
SHIPPED = ROOT / "templates_docx" / "action_plan.docx"


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    if REDIS_SERVER is None:
        pytest.skip("Debian's redis-server is not installed")
    pytest.importorskip("redis")
    with running_redis(tmp_path) as url:
        yield url


@contextlib.contextmanager
def machine(name: str, env: dict[str, str], folder: Path) -> Iterator[str]:
    """``kagaz serve`` with its own data folder (``folder/name``) and LibreOffice; its base URL once /health
    says ready (``bench.load.serve_subprocess``, which the load benchmark starts its service with)."""
    with serve_subprocess(1, environment=env, data_dir=folder / name) as (base, _pid):
        yield base


def upload(base: str, key: str, content: bytes, **fields: str) -> requests.Response:
    return requests.post(
        f"{base}/api/v1/templates/action-plan/versions",
        headers={"Authorization": f"Bearer {key}"},
        files={"file": ("template.docx", content)},
        data=fields,
        timeout=120,
    )


def test_two_machines_share_keys_versions_activations_and_batches(
    postgres_url: str, redis_url: str, tmp_path: Path, plan_data: dict[str, Any]
) -> None:
    shared = {
        "KAGAZ_DATABASE_URL": postgres_url,
        "KAGAZ_JOBS_BACKEND": "redis",
        "KAGAZ_REDIS_URL": redis_url,
        "KAGAZ_JOBS_WORKERS": "0",
        "KAGAZ_STORE_DIR": str(tmp_path / "store"),
        "KAGAZ_SECRET_KEY": "one secret for every machine",
    }
    with machine("a", shared, tmp_path) as a, machine("b", shared, tmp_path) as b:
        created = CliRunner().invoke(main, ["keys", "create", "--name", "aigul", "--role", "editor"],
                                     env={**shared, "KAGAZ_DATA_DIR": str(tmp_path / "a")})  # fmt: skip
        assert created.exit_code == 0, created.output
        key = created.stdout.strip().splitlines()[-1]
        auth = {"Authorization": f"Bearer {key}"}
        assert requests.get(f"{b}/api/v1/templates/action-plan/versions", headers=auth, timeout=30).ok

        stored = upload(a, key, changed_docx(SHIPPED, "Жаңы кол коюучу ң ө ү"), note="A", activate="1",
                        expected_active="1")  # fmt: skip
        assert stored.status_code == 201, stored.text
        number = stored.json()["version"]
        rendered = requests.post(f"{b}/api/v1/documents/action-plan?format=pdf", json=plan_data, timeout=120)
        assert rendered.status_code == 200 and rendered.content.startswith(b"%PDF")
        assert rendered.headers["X-Kagaz-Template-Version"] == str(number)
        assert rendered.headers["X-Kagaz-Template"] == "action-plan"

        answers: dict[str, requests.Response] = {}
        barrier = threading.Barrier(2)

        def concurrent(name: str, base: str) -> None:
            barrier.wait()
            answers[name] = upload(base, key, changed_docx(SHIPPED, f"from {name}"), note=name)

        threads = [threading.Thread(target=concurrent, args=item) for item in (("a", a), ("b", b))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert [answers[name].status_code for name in "ab"] == [201, 201], {n: r.text for n, r in answers.items()}
        numbers = sorted(answers[name].json()["version"] for name in "ab")
        assert numbers == [number + 1, number + 2]
        listing = requests.get(f"{a}/api/v1/templates/action-plan/versions", timeout=30).json()
        assert [item["version"] for item in listing["versions"]] == [number + 2, number + 1, number, 1]

        stale = requests.post(f"{b}/api/v1/templates/action-plan/versions/1/activate",
                              headers={**auth, "If-Match": '"1"'}, timeout=30)  # fmt: skip
        assert stale.status_code == 409 and stale.json()["active_version"] == number

        reports = [(SAMPLES / "reports/2025/osh-oblast-court.json").read_text(encoding="utf-8")]
        queued = requests.post(f"{a}/api/v1/batches?year=2025&format=docx", data=f"[{reports[0]}]",
                               headers={"Content-Type": "application/json"}, timeout=60)  # fmt: skip
        assert queued.status_code == 202, queued.text
        seen = requests.get(b + queued.headers["Location"], timeout=30)
        assert seen.status_code == 200 and seen.json()["state"] == "queued"

        # 200 documents issued at once, half on each machine: 200 distinct numbers, contiguous with the PDF above
        def issue(index: int) -> str:
            base = (a, b)[index % 2]
            made = requests.post(f"{base}/api/v1/documents/action-plan?format=docx", json=plan_data, timeout=120)
            assert made.status_code == 200, made.text
            return made.headers["X-Kagaz-Number"]

        with ThreadPoolExecutor(8) as executor:
            issued = list(executor.map(issue, range(200)))
        assert len(set(issued)) == 200
        sequences = sorted(int(item.rsplit("-", 1)[1]) for item in [*issued, rendered.headers["X-Kagaz-Number"]])
        assert sequences == list(range(1, 202))
        public = requests.get(f"{a}/api/v1/issued/{issued[-1]}", timeout=30).json()
        assert public["state"] == "issued" and public["format"] == "docx"

        revoked = CliRunner().invoke(main, ["keys", "revoke", "aigul"],
                                     env={**shared, "KAGAZ_DATA_DIR": str(tmp_path / "a")})  # fmt: skip
        assert revoked.exit_code == 0, revoked.output
        assert requests.get(f"{b}/api/v1/templates", headers=auth, timeout=30).status_code == 401
