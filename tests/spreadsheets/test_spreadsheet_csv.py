"""Every CSV flavour, as a table: the same text in each encoding and with each delimiter Excel and Calc offer
reads to the same model; what cannot be read is refused with the way to save it (``sheet_csv_*``)."""

from __future__ import annotations

import codecs
import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import SAMPLES
from service import documents, spreadsheets
from service.documents.reference import Reference, load_reference
from service.errors import InputError
from service.settings import load_settings
from service.spreadsheets import csvfiles

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PLAN_CSV = (FIXTURES / "excel" / "action_plan-csv-utf8.csv").read_bytes().decode("utf-8-sig")
RUSSIAN_CSV = (FIXTURES / "excel" / "progress_report_ru-csv-comma-delimited.csv").read_bytes().decode("cp1251")
RUSSIAN_JSON = FIXTURES / "excel" / "progress_report_ru.json"


@pytest.fixture(scope="module")
def reference() -> Reference:
    settings = load_settings({"start_pool": False})
    return load_reference(settings.plan_file, settings.organizations_file)


def redelimited(text: str, delimiter: str) -> str:
    """The same records with another delimiter (the source is comma- or semicolon-separated)."""
    source = "," if text.count(",") > text.count(";") else ";"
    out = io.StringIO(newline="")
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=source)
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def model_of(document: str, content: bytes, reference: Reference) -> Any:
    imported = spreadsheets.read(document, content, "upload.csv", reference)
    with imported.located() as data:
        return documents.load(document, data, reference)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", b""),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-no-bom"],
)
def test_the_kyrgyz_plan_in_every_unicode_flavour(
    reference: Reference, encoding: str, bom: bytes, delimiter: str
) -> None:
    content = bom + redelimited(PLAN_CSV, delimiter).encode(encoding)
    expected = documents.load("action-plan", json.loads((SAMPLES / "action_plan.json").read_text("utf-8")), reference)
    assert model_of("action-plan", content, reference) == expected


@pytest.mark.parametrize("delimiter", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
@pytest.mark.parametrize("encoding", ["cp1251", "mac_cyrillic", "cp866", "utf-8"])
def test_a_russian_report_in_every_code_page(reference: Reference, encoding: str, delimiter: str) -> None:
    content = redelimited(RUSSIAN_CSV, delimiter).encode(encoding)
    expected = documents.load("progress-report", json.loads(RUSSIAN_JSON.read_text("utf-8")), reference)
    assert model_of("progress-report", content, reference) == expected


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (PLAN_CSV.encode("cp1251", errors="replace"), "sheet_csv_code_page"),
        (b"\x00\x01\x02\x03binary\x00\xff" * 50, "upload_not_spreadsheet"),
        (codecs.BOM_UTF16_LE + "Талаа;Маани".encode("utf-16-le")[:-1], "sheet_csv_encoding"),
    ],
    ids=["kyrgyz-in-cp1251", "binary", "truncated-utf16"],
)
def test_what_cannot_be_read_is_refused_with_what_to_do(reference: Reference, content: bytes, code: str) -> None:
    with pytest.raises(InputError) as refused:
        spreadsheets.read("action-plan", content, "upload.csv", reference)
    assert [problem.code for problem in refused.value.problems] == [code]


def test_the_lost_letter_rule_does_not_refuse_a_question_mark_in_russian_text() -> None:
    """«?» after a space or at a sentence's end is a question, not a letter Excel could not write."""
    text = "Поле;Значение\r\nГод;2025\r\nКому;Верховному суду — что дальше ?\r\n".encode("cp1251")
    assert "Кому" in csvfiles.decode(text)
