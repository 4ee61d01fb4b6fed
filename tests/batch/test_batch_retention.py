"""Old batches expire: their files and state are deleted once KAGAZ_BATCH_RETENTION_DAYS have passed."""

from __future__ import annotations

import json
import time
from pathlib import Path

from tests.batch.conftest import REPORTS, MakeApp

REPORT = json.loads(sorted(REPORTS.glob("*.json"))[0].read_text(encoding="utf-8"))


def test_a_batch_finished_longer_ago_than_the_retention_is_deleted(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app(tmp_path / "data", batch_retention_days=30)
    client = app.test_client()
    jobs = app.extensions["kagaz.jobs"]
    old, recent = (client.post("/api/v1/batches?format=docx&year=2025", json=[REPORT]) for _ in range(2))
    ids = [answer.get_json()["id"] for answer in (old, recent)]
    give_up = time.monotonic() + 120
    while any(jobs.state(job_id).state != "done" for job_id in ids):
        assert time.monotonic() < give_up
        time.sleep(0.05)
    assert jobs.expire() == []  # both just finished
    state = jobs.state(ids[0])
    state.finished = "2020-01-01T00:00:00+00:00"
    jobs.store.save(state)
    assert jobs.expire() == [ids[0]]
    assert not (tmp_path / "data" / "batches" / ids[0]).exists()
    assert client.get(f"/api/v1/batches/{ids[0]}").status_code == 404
    with client.get(f"/api/v1/batches/{ids[1]}/result.zip") as kept:
        assert kept.status_code == 200 and kept.data.startswith(b"PK")
    # 31 days from now, the recent one goes too
    assert jobs.expire(at=time.time() + 31 * 86400) == [ids[1]]
    assert list((tmp_path / "data" / "batches").iterdir()) == []
