"""Files as people really save them (LibreOffice Calc, Excel's CSV flavours, a public corpus of Excel files)
give what ``fixtures/expected.toml`` says: the same model as the JSON sample, or exactly the listed problems.

The fixtures are made by ``make_fixtures.py`` and committed; ``test_the_fixtures_are_listed`` keeps the list
and the folder in step, so a new fixture without an expected outcome fails.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from service import documents, spreadsheets
from service.documents.reference import Reference, load_reference
from service.errors import InputError
from service.settings import load_settings

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXPECTED: list[dict[str, Any]] = tomllib.loads((FIXTURES / "expected.toml").read_text(encoding="utf-8"))["file"]
OTHER = {"action-plan": "progress-report", "progress-report": "action-plan"}


@pytest.fixture(scope="module")
def reference() -> Reference:
    settings = load_settings({"start_pool": False})
    return load_reference(settings.plan_file, settings.organizations_file)


def outcome(document: str, path: Path, reference: Reference) -> Any:
    """The model the file gives, or its problems as ``[code, location]`` pairs."""
    try:
        imported = spreadsheets.read(document, path.read_bytes(), path.name, reference)
        with imported.located() as data:
            return documents.load(document, data, reference)
    except InputError as error:
        return [[problem.code, problem.location] for problem in error.problems]


def without_images(model: Any) -> Any:
    if not hasattr(model, "signature"):
        return model
    signature = model.signature.model_copy(update={"signature_image": None, "seal_image": None})
    return model.model_copy(update={"signature": signature})


@pytest.mark.parametrize("case", EXPECTED, ids=[case["path"] for case in EXPECTED])
def test_a_saved_file_gives_what_is_expected(case: dict[str, Any], reference: Reference) -> None:
    path = FIXTURES / case["path"]
    got = outcome(case["document"], path, reference)
    if "same_as" in case:
        raw = json.loads((ROOT / case["same_as"]).read_text(encoding="utf-8"))
        assert not isinstance(got, list), got
        assert without_images(got) == without_images(documents.load(case["document"], raw, reference))
    else:
        assert got == case["problems"]
    if "other" in case:
        assert outcome(OTHER[case["document"]], path, reference) == case["other"]


def test_the_fixtures_are_listed() -> None:
    listed = {case["path"] for case in EXPECTED}
    present = {
        str(path.relative_to(FIXTURES))
        for path in FIXTURES.rglob("*")
        if path.is_file() and path.suffix not in (".toml", ".md", ".json")
    }
    assert listed == present


def test_calc_really_saved_the_calc_fixtures() -> None:
    """The calc/ workbooks are LibreOffice's own output, not Kagaz's (whose creator is «Kagaz»)."""
    import zipfile

    for path in sorted((FIXTURES / "calc").glob("*.xlsx")):
        with zipfile.ZipFile(path) as archive:
            assert b"<Application>LibreOffice" in archive.read("docProps/app.xml"), path.name


def test_the_code_page_csv_really_lost_the_kyrgyz_letters() -> None:
    """What makes the cp1251 files refused is real: «?» where ң ө ү were, as Excel and Calc write them."""
    for name in ("excel/action_plan-csv-comma-delimited.csv", "calc/action_plan_ru-cp1251-semicolon.csv"):
        text = (FIXTURES / name).read_bytes().decode("cp1251")
        assert "?" in text and "ү" not in text, name
