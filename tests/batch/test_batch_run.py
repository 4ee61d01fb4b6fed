"""A year's batch through the real LibreOffice pool: the 19 sample reports plus a broken one.

Each good input gives a PDF poppler opens, the broken one is in the manifest with its error, the
generalized report is there, every hash in the manifest is the file's, the ZIP holds them all; a second run
converts nothing (the pool is counted, not faked)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import time
import zipfile
from pathlib import Path

import pytest

import pdftools
from conftest import ARTIFACTS
from service import batch
from service.engine import Engine

from .conftest import REPORTS, CountingPool

pytestmark = pytest.mark.office


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_year_of_reports_and_a_broken_one(engine: Engine, reports_with_a_broken_one: Path, tmp_path: Path) -> None:
    counting: CountingPool = engine.pool  # type: ignore[assignment]
    out = tmp_path / "out"
    sources = batch.read_folder(reports_with_a_broken_one)
    started = time.monotonic()
    outcome = batch.run(engine, sources, out, batch.Options(year=2025, formats=("pdf",)))
    seconds = time.monotonic() - started
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "batch-throughput.txt").write_text(
        f"{outcome.made} PDFs in {seconds:.1f} s = {outcome.made / seconds:.2f} documents/s, pool of 2\n",
        encoding="utf-8",
    )

    assert outcome.exit_code == 1, "one input was bad"
    assert counting.conversions == 20 == outcome.made

    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] is True and manifest["year"] == 2025
    assert manifest["counts"] == {"ok": 20, "skipped-up-to-date": 0, "error": 1}
    outputs = manifest["outputs"]
    broken = [entry for entry in outputs if entry["status"] == "error"]
    assert [(entry["source"], entry["errors"][0]["code"]) for entry in broken] == [("zz-broken.json", "invalid_json")]
    assert broken[0]["file"] is None and broken[0]["failure"] == "input"

    made = [entry for entry in outputs if entry["status"] == "ok"]
    sources_made = {entry["source"] for entry in made}
    assert sources_made == {path.name for path in REPORTS.glob("*.json")} | {"(19 reports)"}
    generalized = [entry for entry in made if entry["document"] == "generalized-report"]
    assert len(generalized) == 1 and generalized[0]["template"] == "generalized-report@1"
    for entry in made:
        path = out / entry["file"]
        assert entry["size"] == path.stat().st_size
        assert entry["sha256"] == sha256(path), entry["file"]
        assert entry["template"] in ("progress-report@1", "generalized-report@1")
        info = pdftools.info(path.read_bytes())  # pdfinfo opens it
        assert int(info["Pages"]) >= 1
    assert "Каракол шаардык соту" in pdftools.text((out / generalized[0]["file"]).read_bytes()), (
        "the generalized report lists the organization that did not report"
    )
    assert not list(out.glob(".*.part"))

    rows = list(csv.DictReader(io.StringIO((out / "manifest.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == 21
    assert {row["status"] for row in rows} == {"ok", "error"}
    assert any("invalid_json" not in row["error"] and "not valid JSON" in row["error"] for row in rows)

    with zipfile.ZipFile(outcome.zip_path or "") as archive:
        names = set(archive.namelist())
        assert names == {entry["file"] for entry in made} | {"manifest.json", "manifest.csv"}
        for entry in made:
            assert hashlib.sha256(archive.read(entry["file"])).hexdigest() == entry["sha256"]

    # The second run: nothing to convert, every output listed as up to date, the same files.
    before = counting.conversions
    again = batch.run(engine, sources, out, batch.Options(year=2025, formats=("pdf",)))
    assert counting.conversions == before, "a second run converts nothing"
    assert again.made == 0
    assert again.count(batch.SKIPPED) == 20 and again.count(batch.ERROR) == 1
    second = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {entry["file"]: entry["sha256"] for entry in second["outputs"] if entry["file"]} == {
        entry["file"]: entry["sha256"] for entry in made
    }


def test_pdf_and_docx_render_once_and_convert_once_per_document(engine: Engine, tmp_path: Path) -> None:
    """Both formats: each document is converted once, and the DOCX beside the PDF is the one converted."""
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(REPORTS.glob("*.json"))[:2]:
        (folder / path.name).write_bytes(path.read_bytes())
    counting: CountingPool = engine.pool  # type: ignore[assignment]
    outcome = batch.run(engine, batch.read_folder(folder), tmp_path / "out", batch.Options(2025, ("pdf", "docx")))
    assert outcome.exit_code == 0
    assert counting.conversions == 3
    assert sorted(entry.format for entry in outcome.entries) == ["docx", "docx", "docx", "pdf", "pdf", "pdf"]
