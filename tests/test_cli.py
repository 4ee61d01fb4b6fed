"""``kagaz render``: the file, its format from the suffix, and exit codes that say whose fault a failure is."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

import pdftools
from conftest import ROOT, SAMPLES
from service.cli import main


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``kagaz render`` issues documents: their register goes to this test's folder, never the machine's."""
    monkeypatch.setenv("KAGAZ_DATA_DIR", str(tmp_path / "data"))


def test_render_action_plan_to_docx(tmp_path: Path) -> None:
    out = tmp_path / "appendix.docx"
    result = CliRunner().invoke(main, ["render", "action-plan", str(SAMPLES / "action_plan.json"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "action-plan@1" in result.output
    document = docx.Document(io.BytesIO(out.read_bytes()))
    assert len(document.tables[0].rows) == 17


def test_generalized_report_from_a_folder(tmp_path: Path) -> None:
    out = tmp_path / "generalized.docx"
    folder = SAMPLES / "reports" / "2025"
    result = CliRunner().invoke(main, ["render", "generalized-report", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(out.read_bytes())).paragraphs)
    assert "Каракол шаардык соту" in text, "the organization that did not report is listed"


def test_invalid_input_exits_1_with_places_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    data = json.loads((SAMPLES / "action_plan.json").read_text(encoding="utf-8"))
    data["sections"][3]["measures"][2]["responsible"] = []
    bad.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(main, ["render", "action-plan", str(bad), "-o", str(out)])
    assert result.exit_code == 1
    assert "sections[3].measures[2].responsible" in result.output
    assert not out.exists() and not list(tmp_path.glob(".out.docx.*")), "no file, not even half of one"


def test_unknown_output_suffix_exits_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["render", "action-plan", str(SAMPLES / "action_plan.json"), "-o", str(tmp_path / "x.odt")]
    )
    assert result.exit_code == 1
    assert "чыгуучу файлдын аты .docx же .pdf менен бүтүшү керек" in result.output, "Kyrgyz by default"


@pytest.mark.parametrize(
    ("arguments", "environment", "expected"),
    [
        (["--lang", "en"], {}, "the output must end in .docx or .pdf"),
        ([], {"KAGAZ_LANG": "ru"}, "имя выходного файла должно оканчиваться на .docx или .pdf"),
        (["--lang", "en"], {"KAGAZ_LANG": "ru"}, "the output must end in .docx or .pdf"),  # the option wins
        ([], {"KAGAZ_LANG": "fr"}, "чыгуучу файлдын аты"),  # a language Kagaz does not speak: Kyrgyz
    ],
)
def test_the_command_line_speaks_lang_or_kagaz_lang(
    tmp_path: Path, arguments: list[str], environment: dict[str, str], expected: str
) -> None:
    sample = str(SAMPLES / "action_plan.json")
    result = CliRunner(env=environment).invoke(
        main, [*arguments, "render", "action-plan", sample, "-o", str(tmp_path / "x.odt")]
    )
    assert result.exit_code == 1
    assert expected in result.output


def test_problems_are_printed_in_the_chosen_language(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    data = json.loads((SAMPLES / "action_plan.json").read_text(encoding="utf-8"))
    del data["title"]
    bad.write_text(json.dumps(data), encoding="utf-8")
    for lang, header, message in [
        ("ky", "маалыматта каталар бар", "Милдеттүү талаа толтурулган эмес"),
        ("ru", "в данных есть ошибки", "Обязательное поле не заполнено"),
        ("en", "invalid input", "Required field is missing"),
    ]:
        result = CliRunner().invoke(
            main, ["--lang", lang, "render", "action-plan", str(bad), "-o", str(tmp_path / "o.docx")]
        )
        assert result.exit_code == 1
        assert header in result.output and f"title: {message}" in result.output, result.output


@pytest.mark.office
def test_render_to_pdf_through_libreoffice(tmp_path: Path) -> None:
    """The real command, its own LibreOffice started and stopped: the PDF has the plan's text."""
    out = tmp_path / "appendix.pdf"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "service.cli",
            "render",
            "action-plan",
            str(SAMPLES / "action_plan.json"),
            "-o",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert completed.returncode == 0, completed.stderr
    assert "видеофиксациялоону" in pdftools.text(out.read_bytes()).replace("-\n", "")


def test_deeply_nested_json_is_an_input_error_not_a_traceback(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", "action-plan", str(deep), "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 1
    assert "JSON өтө терең уюштурулган" in result.output
    assert "Traceback" not in result.output


def test_an_unknown_document_kind_is_the_users_mistake_in_their_language(tmp_path: Path) -> None:
    """The same kind (not found) is a 404 over HTTP and exit code 1 here: each edge chooses from the kind."""
    sample = str(SAMPLES / "action_plan.json")
    result = CliRunner().invoke(
        main, ["--lang", "ru", "render", "no-such-kind", sample, "-o", str(tmp_path / "x.docx")]
    )
    assert result.exit_code == 1
    assert "document: Такого документа нет: «no-such-kind»" in result.output
