"""``kagaz reports status|missing``, ``kagaz render … --year`` and ``kagaz batch --from-register`` read the
register the service wrote (same data folder, same database)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
from click.testing import CliRunner

from service import create_app
from service.cli import main

from .reports import sample_data
from .service import make_service


def filled_register(data_dir: Path) -> None:
    """Every sample report but Талас's, submitted through the API with each court's key."""
    service = make_service(data_dir)
    for key, report in sample_data().items():
        if key != "talas-oblast-court":
            assert service.put(report).status_code == 201


def text_of(path: Path) -> str:
    document = docx.Document(io.BytesIO(path.read_bytes()))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def test_status_missing_and_summaries_from_the_register(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    filled_register(data_dir)
    runner = CliRunner()
    env = {"KAGAZ_DATA_DIR": str(data_dir)}
    status = runner.invoke(main, ["reports", "status", "--year", "2025"], env=env)
    assert status.exit_code == 0, status.output
    karakol = next(line for line in status.output.splitlines() if "Каракол шаардык соту" in line)
    assert "Тапшырылган жок" in karakol and karakol.startswith("  ")  # under Ысык-Көл облустук соту
    assert "Уюмдар: 20; Тапшырылды: 18" in status.output
    english = runner.invoke(main, ["reports", "status", "--year", "2025", "--lang", "en", "--json"], env=env)
    printed = json.loads(english.output)
    states = {row["id"]: row["state"] for row in printed["organizations"]}
    assert states["karakol-city-court"] == "missing" and states["nookat-district-court"] == "submitted"
    # "The same JSON as GET /api/v1/reports/{year}", but for the moment it was made
    answered = create_app({"data_dir": data_dir, "start_pool": False}).test_client().get("/api/v1/reports/2025")
    assert {**answered.get_json(), "as_of": None} == {**printed, "as_of": None}
    missing = runner.invoke(main, ["reports", "missing", "--year", "2025"], env=env)
    assert sorted(line.split("\t")[0] for line in missing.output.splitlines()) == [
        "karakol-city-court",
        "talas-oblast-court",
    ]
    generalized = tmp_path / "generalized.docx"
    made = runner.invoke(main, ["render", "generalized-report", "--year", "2025", "-o", str(generalized)], env=env)
    assert made.exit_code == 0, made.output
    text = text_of(generalized)
    assert "Отчет берүүгө милдеттүү 20 уюмдун ичинен 18 уюм отчет берди." in text
    assert "Каракол шаардык соту" in text and "Талас облустук соту" in text
    # issued with the submissions and versions it was made from
    from service.db import Database
    from service.db.database import database_url
    from service.issuance import register
    from service.settings import load_settings

    database = Database(database_url(load_settings({"data_dir": data_dir, "start_pool": False})))
    try:
        [entry] = register.entries(database, document="generalized-report")
    finally:
        database.dispose()
    sources = json.loads(entry.sources or "[]")
    assert len(sources) == 18 and {item["version"] for item in sources} == {1}
    assert all(isinstance(item["submission_id"], int) for item in sources)
    regional = tmp_path / "osh.docx"
    made = runner.invoke(
        main,
        ["render", "regional-summary", "--year", "2025", "--organization", "osh-oblast-court", "-o", str(regional)],
        env=env,
    )
    assert made.exit_code == 0, made.output
    assert "Отчет берүүгө милдеттүү 4 уюмдун ичинен 4 уюм отчет берди." in text_of(regional)


def test_mistakes_on_the_command_line_exit_1(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    filled_register(data_dir)
    runner = CliRunner()
    env = {"KAGAZ_DATA_DIR": str(data_dir), "KAGAZ_LANG": "en"}
    assert runner.invoke(main, ["reports", "status", "--year", "2031"], env=env).exit_code == 1
    unknown = runner.invoke(
        main,
        ["render", "regional-summary", "--year", "2025", "--organization", "nowhere", "-o", str(tmp_path / "x.docx")],
        env=env,
    )
    assert unknown.exit_code == 1 and "nowhere" in unknown.output
    empty_year = runner.invoke(main, ["render", "generalized-report", "--year", "2026", "-o", str(tmp_path / "y.docx")],
                               env=env)  # fmt: skip
    assert empty_year.exit_code == 1 and "no report for 2026" in empty_year.output.lower()
    both = runner.invoke(main, ["batch", "--year", "2025", "--out", str(tmp_path / "o")], env=env)
    assert both.exit_code == 2 and "--from-register" in both.output
    assert not (tmp_path / "x.docx").exists()


def test_batch_from_the_register(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    filled_register(data_dir)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["batch", "--year", "2025", "--from-register", "--format", "docx", "--out", str(out)],
        env={"KAGAZ_DATA_DIR": str(data_dir)},
    )
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    entries = manifest["outputs"]
    sources = sorted(entry["source"] for entry in entries if entry["document"] == "progress-report")
    assert len(sources) == 18 and "nookat-district-court (v1).json" in sources
    assert [entry["source"] for entry in entries if entry["document"] == "generalized-report"] == ["(18 reports)"]
    assert all(entry["status"] == "ok" for entry in entries)
