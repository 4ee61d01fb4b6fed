"""``kagaz batch``: exit codes, problems with their places on screen, and a run killed with SIGKILL half way
that a second run completes with no corrupt file."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import pdftools
from conftest import ROOT
from service.cli import main

from .conftest import BROKEN, copy_reports


def test_docx_batch_exit_codes_and_problems_on_screen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAGAZ_DATA_DIR", str(tmp_path / "data"))
    folder, out = copy_reports(tmp_path / "in", 2), tmp_path / "out"
    arguments = ["batch", "--year", "2025", "--input", str(folder), "--out", str(out), "--format", "docx"]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    assert "3 жасалды, 0 жаңы бойдон, 0 ишке ашкан жок" in result.output, "Kyrgyz by default"
    monkeypatch.setenv("KAGAZ_LANG", "en")
    result = CliRunner().invoke(main, [*arguments, "--force"])
    assert result.exit_code == 0, result.output
    assert "3 made, 0 up to date, 0 failed" in result.output
    assert (out / "batch-2025.zip").is_file()

    (folder / "zz-broken.json").write_text(BROKEN, encoding="utf-8")
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 1
    assert "zz-broken.json" in result.output and "Not valid JSON: an error at line 1" in result.output
    assert "0 made, 3 up to date, 1 failed" in result.output, "a bad input changes no valid report's output"


def test_bad_arguments(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    base = ["batch", "--year", "2025", "--out", str(tmp_path / "out")]
    assert CliRunner().invoke(main, [*base, "--input", str(folder), "--format", "odt"]).exit_code == 2  # usage
    result = CliRunner().invoke(main, ["--lang", "en", *base, "--input", str(folder), "--format", "docx"])
    assert result.exit_code == 1 and "no report files (.json, .xlsx, .csv)" in result.output


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.office
def test_a_batch_killed_half_way_is_completed_by_the_next_run(tmp_path: Path) -> None:
    folder, out = copy_reports(tmp_path / "in", 6), tmp_path / "out"
    env = {**os.environ, "KAGAZ_DATA_DIR": str(tmp_path / "data"), "KAGAZ_POOL_SIZE": "1"}
    command = [sys.executable, "-m", "service.cli", "batch", "--year", "2025", "--input", str(folder)]
    command += ["--out", str(out), "--format", "pdf", "--workers", "2"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while len(list(out.glob("*.pdf"))) < 2:
            assert process.poll() is None, "the batch ended before it could be killed"
            assert time.monotonic() < deadline, "no PDF appeared in time"
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    made_before = {path.name for path in out.glob("*.pdf")}
    assert len(made_before) < 7, "killed before the end"
    interrupted = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert interrupted["complete"] is False
    for entry in interrupted["outputs"]:  # even a killed run's manifest is true to the files it lists
        assert entry["status"] != "ok" or sha256(out / entry["file"]) == entry["sha256"]

    completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr

    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] is True
    outputs = manifest["outputs"]
    assert len(outputs) == 7 and all(entry["status"] in ("ok", "skipped-up-to-date") for entry in outputs)
    skipped = {entry["file"] for entry in outputs if entry["status"] == "skipped-up-to-date"}
    assert skipped and skipped <= made_before, "what the killed run finished was not redone"
    assert not list(out.glob(".*.part")), "no temp file is left"
    assert {path.name for path in out.glob("*.pdf")} == {entry["file"] for entry in outputs}
    for entry in outputs:
        path = out / entry["file"]
        assert sha256(path) == entry["sha256"]
        assert int(pdftools.info(path.read_bytes())["Pages"]) >= 1
