"""``kagaz render`` issues, ``kagaz issued list/show/annul/purge`` read and change the register, ``kagaz
reissue`` makes the same file again — all on the test's own data folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from service.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "reports" / "2025" / "osh-oblast-court.json"


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAGAZ_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KAGAZ_LANG", "en")  # the words the assertions read


def run(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(arguments))
    return result.exit_code, result.output


def test_render_list_show_reissue_annul_purge(tmp_path: Path) -> None:
    first = tmp_path / "report.docx"
    code, output = run("render", "progress-report", str(SAMPLE), "-o", str(first))
    assert code == 0, output
    assert "№ КЖС-" in output
    assert output.rstrip().endswith(f"issued as № {output.split('№ ')[1].strip()}")
    number = output.split("№ ")[1].strip()

    code, output = run("render", "progress-report", str(SAMPLE), "-o", str(tmp_path / "draft.docx"), "--draft")
    assert code == 0 and output.rstrip().endswith("a draft, no number")

    code, output = run("issued", "list")
    assert code == 0 and output.count("КЖС-") == 1 and "issued" in output and "osh-oblast-court" in output

    code, output = run("issued", "show", number.replace("КЖС", "KJS"))  # the ASCII form works too
    shown = json.loads(output)
    assert shown["number"] == number and "input" not in shown and shown["issued_by"].startswith("cli (")
    code, output = run("issued", "show", number, "--input")
    assert json.loads(output)["input"]["organization"]["id"] == "osh-oblast-court"

    again = tmp_path / "again.docx"
    code, output = run("reissue", number, "-o", str(again))
    assert code == 0, output
    assert again.read_bytes() == first.read_bytes()

    code, output = run("issued", "annul", number, "--reason", "ката")
    assert code == 0 and "annulled" in output
    code, output = run("issued", "annul", number, "--reason", "again")
    assert code == 1
    code, output = run("issued", "list", "--state", "annulled")
    assert number in output and "ката" in output

    code, output = run("issued", "purge")
    assert code == 0 and "removed from 0 entries" in output


def test_an_unknown_or_malformed_number_exits_1() -> None:
    assert run("issued", "show", "КЖС-2026-999999")[0] == 1
    assert run("issued", "show", "not-a-number")[0] == 1
    assert run("reissue", "КЖС-2026-999999", "-o", "/tmp/never.pdf")[0] == 1
