"""The reporting cycle end to end on PostgreSQL (the register's table there, keys as they are), and the year
over year made from the register once it holds two years."""

from __future__ import annotations

import copy
import io
from pathlib import Path

import docx
import pytest

from .reports import next_year, sample_data
from .service import make_service


@pytest.mark.postgres
def test_submit_resubmit_and_status_on_postgresql(tmp_path: Path, postgres_url: str) -> None:
    service = make_service(tmp_path / "data", database_url=postgres_url)
    data = sample_data()
    for key in ("osh-oblast-court", "nookat-district-court", "uzgen-district-court"):
        assert service.put(data[key]).status_code == 201
    corrected = copy.deepcopy(data["nookat-district-court"])
    corrected["executor"]["phone"] = "+996 555 00-00-02"
    assert service.put(corrected).get_json()["version"] == 2
    assert service.put(corrected).status_code == 200  # the same data: no third version
    status = service.client.get("/api/v1/reports/2025").get_json()
    assert status["totals"]["submitted"] == 3
    history = service.client.get("/api/v1/reports/2025/nookat-district-court").get_json()["history"]
    assert [item["version"] for item in history] == [1, 2]
    summary = service.client.get("/api/v1/reports/2025/summary/osh-oblast-court?format=docx")
    assert summary.status_code == 200
    from sqlalchemy import create_engine, text

    engine = create_engine(postgres_url)
    try:
        with engine.connect() as connection:
            count = connection.execute(text("SELECT count(*) FROM report_submissions")).scalar_one()
    finally:
        engine.dispose()
    assert count == 4  # the register is on PostgreSQL, not in the data folder


def test_two_years_in_the_register_are_compared(tmp_path: Path) -> None:
    service = make_service(tmp_path / "data")
    before = sample_data()
    for report in before.values():
        assert service.put(report, kind="admin").status_code == 201
    for report in before.values():
        assert service.put(next_year(report), kind="admin").status_code == 201
    answer = service.client.get("/api/v1/reports/2026/generalized?format=docx")
    assert answer.status_code == 200, answer.get_json()
    text = [paragraph.text for paragraph in docx.Document(io.BytesIO(answer.data)).paragraphs]
    assert "VI. 2025-жыл менен салыштыруу" in text
    alone = service.client.get("/api/v1/reports/2025/generalized?format=docx")
    assert "салыштыруу" not in " ".join(p.text for p in docx.Document(io.BytesIO(alone.data)).paragraphs)
    page = service.client.get("/reports/2026?lang=en").get_data(as_text=True)
    assert "Compared with 2025 (number of organizations)" in page
    assert "2025 → 2026" in page
