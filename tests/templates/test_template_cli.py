"""``kagaz templates …``: the report on stdout, exit 0/1, and the same versions the service uses."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from make_fixtures import SHIPPED, header_text
from template_helpers import FIXTURES

from service.cli import main
from service.templates.registry import Registry


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    # The assertions read English; Kyrgyz is the command line's default (tests/test_cli.py checks it).
    return {"KAGAZ_DATA_DIR": str(tmp_path / "data"), "KAGAZ_LANG": "en"}


def test_check_prints_each_error_with_its_place_and_exits_1(env: dict[str, str]) -> None:
    """Refused before the test render: LibreOffice is never started."""
    runner = CliRunner()
    result = runner.invoke(
        main, ["templates", "check", str(FIXTURES / "unclosed_for.docx"), "--template", "action-plan"], env=env
    )
    assert result.exit_code == 1
    assert "ERROR: table 1, row 2, cell 1: {%tr for s in sections %}" in result.stdout
    assert "add «{%tr endfor %}»" in result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("REFUSED: 1 error(s)")
    kyrgyz = runner.invoke(
        main,
        ["templates", "check", str(FIXTURES / "encrypted.docx"), "--template", "action-plan", "--lang", "ky"],
        env=env,
    )
    assert kyrgyz.exit_code == 1 and "КАТА: файл" in kyrgyz.stdout and "шифрленген" in kyrgyz.stdout


@pytest.mark.office
def test_check_upload_versions_activate(env: dict[str, str], tmp_path: Path) -> None:
    """One LibreOffice start per command that converts: the good template's check, then its upload."""
    runner = CliRunner()
    good = runner.invoke(main, ["templates", "check", str(SHIPPED), "--template", "action-plan"], env=env)
    assert good.exit_code == 0, good.output
    assert "OK: 0 error(s), 0 warning(s)" in good.stdout and "7 page(s)" in good.stdout

    candidate = tmp_path / "new.docx"
    candidate.write_bytes(header_text("Милдеттер (CLI)"))
    args = ["templates", "upload", "action-plan", str(candidate), "--note", "from the shell", "--by", "aigul"]
    uploaded = runner.invoke(main, args, env=env)
    assert uploaded.exit_code == 0, uploaded.output
    assert "stored as action-plan@2 (not active)" in uploaded.stdout

    activated = runner.invoke(main, ["templates", "activate", "action-plan", "2", "--by", "aigul"], env=env)
    assert (activated.exit_code, activated.stdout.strip()) == (0, "action-plan@2 is active")
    versions = runner.invoke(main, ["templates", "versions", "action-plan"], env=env)
    assert versions.stdout.splitlines()[0].startswith("* v2") and "«from the shell»" in versions.stdout
    listing = runner.invoke(main, ["templates", "list"], env=env)
    assert listing.stdout.startswith("action-plan") and "v2" in listing.stdout.splitlines()[0]

    registry = Registry(Path(__file__).resolve().parents[2] / "templates_docx", Path(env["KAGAZ_DATA_DIR"]))
    assert registry.active("action-plan").content == candidate.read_bytes()
    assert runner.invoke(main, ["templates", "activate", "action-plan", "9"], env=env).exit_code == 1
