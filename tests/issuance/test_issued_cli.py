"""``kagaz render`` issues, ``kagaz issued list/show/annul/purge`` read and change the register, ``kagaz
reissue`` makes the same file again — all on the test's own data folder."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from service.cli import main
from service.engine import Engine

from .conftest import PUBLIC_URL, sample

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
    assert code == 0 and "removed: 0 entries" in output


def test_an_unknown_or_malformed_number_exits_1() -> None:
    assert run("issued", "show", "КЖС-2026-999999")[0] == 1
    assert run("issued", "show", "not-a-number")[0] == 1
    assert run("reissue", "КЖС-2026-999999", "-o", "/tmp/never.pdf")[0] == 1


LATIN_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_register_commands_speak_the_language_of_the_run(tmp_path: Path, lang: str) -> None:
    """Every line of ``kagaz issued`` and ``kagaz reissue`` in the run's language: refusals, states, what was
    done; no English word inside a Kyrgyz or Russian line (the number, a path and a sha256 aside)."""
    code, output = run("--lang", lang, "render", "progress-report", str(SAMPLE), "-o", str(tmp_path / "r.docx"))
    assert code == 0, output
    number = re.findall(r"КЖС-\d{4}-\d{6}", output)[0]
    lines: list[str] = []
    for arguments, expected in [
        (("issued", "show", "КЖС-2026-999999"), 1),
        (("issued", "show", "not-a-number"), 1),
        (("issued", "annul", "не-номер", "--reason", "x"), 1),
        (("issued", "annul", number, "--reason", "   "), 1),
        (("issued", "annul", number, "--reason", "ж" * 1001), 1),
        (("reissue", "КЖС-2026-999999", "-o", str(tmp_path / "never.docx")), 1),
        (("reissue", number, "-o", str(tmp_path / "again.pdf")), 0),
        (("issued", "annul", number, "--reason", "ката"), 0),
        (("issued", "annul", number, "--reason", "дагы"), 1),
        (("issued", "list"), 0),
        (("issued", "purge"), 0),
    ]:
        code, output = run("--lang", lang, *arguments)
        assert code == expected, (arguments, output)
        assert output.strip(), arguments
        lines += output.splitlines()
    words = {
        word
        for line in lines
        # what the person typed (a wrong number, an option's name) and paths are theirs, not the command's words
        for word in LATIN_WORD.findall(re.sub(r"not-a-number|--reason|\S*/\S+", "", line))
        if word not in ("progress", "report", "osh", "oblast", "court", "docx", "pdf", "DOCX", "PDF", "cli")
        and not re.fullmatch(r"[0-9a-f]+", word)
    }
    assert not words, (words, lines)
    joined = "\n".join(lines)
    state = {"ky": "жокко чыгарылган", "ru": "аннулирован"}[lang]
    assert state in joined and "1000" in joined


def test_reissue_opens_and_migrates_the_database_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``kagaz reissue`` opens one ``Database`` and checks its schema once: the engine's, which also finds
    the entry (a second opening cost a second migration check, and on PostgreSQL a second connection pool)."""
    from service.db import Database, migrate

    first = tmp_path / "report.docx"
    code, output = run("render", "progress-report", str(SAMPLE), "-o", str(first))
    assert code == 0, output
    number = output.split("№ ")[1].strip()
    opened: list[str] = []
    checked: list[str] = []
    made, ensure_current = Database.__init__, migrate.ensure_current

    def counted_init(self: Database, *arguments: object, **options: object) -> None:
        made(self, *arguments, **options)
        opened.append(self.describe())

    def counted_check(database: Database, **options: object) -> object:
        checked.append(database.describe())
        return ensure_current(database, **options)

    monkeypatch.setattr(Database, "__init__", counted_init)
    monkeypatch.setattr(migrate, "ensure_current", counted_check)
    again = tmp_path / "again.docx"
    code, output = run("reissue", number, "-o", str(again))
    assert code == 0, output
    assert again.read_bytes() == first.read_bytes()
    assert len(opened) == 1 and len(checked) == 1, (opened, checked)


@pytest.mark.office
def test_reissue_of_a_pdf_starts_libreoffice_itself_and_makes_the_same_file(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engine of ``kagaz reissue`` starts LibreOffice with its first conversion: a PDF issued by the
    service comes out of the command byte-identical (unsigned), checked by its number and sha256."""
    from service.issuance.issuing import Issuer, Order

    monkeypatch.setenv("KAGAZ_PUBLIC_URL", PUBLIC_URL)  # the QR code's address, as the service issued it
    model = engine.load("progress-report", sample("progress-report"))
    issued = Issuer.for_engine(engine).issue("progress-report", model, Order(format="pdf", issued_by="test"))
    again = Path(str(engine.settings.data_dir)).parent / "again.pdf"
    code, output = run("reissue", str(issued.number), "-o", str(again))
    assert code == 0, output
    assert again.read_bytes() == issued.rendered.content and again.read_bytes().startswith(b"%PDF-")
    assert issued.output_sha256 == hashlib.sha256(again.read_bytes()).hexdigest()
