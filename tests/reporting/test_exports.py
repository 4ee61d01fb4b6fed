"""The status table as CSV and XLSX: the same rows as the page, in the person's language, dates official."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest

from service.documents.reference import Reference
from service.reporting import exports, schedule
from service.reporting.status import Submission, YearStatus, year_status

WORDS = {
    "ky": ("Уюм", "Тапшырылган жок", "Кечигип тапшырылды", "2026-жылдын 20-январы, 10:30"),
    "ru": ("Организация", "Не сдан", "Сдан с опозданием", "20.01.2026, 10:30"),
    "en": ("Organization", "Missing", "Submitted late", "20.01.2026, 10:30"),
}


def status(reference: Reference) -> YearStatus:
    received = dt.datetime(2026, 1, 20, 10, 30, tzinfo=schedule.BISHKEK)
    history = [Submission("nookat-district-court", 2025, 1, received, 3, "nookat", "0" * 64, "", True)]
    now = dt.datetime(2026, 1, 21, tzinfo=schedule.BISHKEK)
    return year_status(2025, reference.organizations, history, {}, reference.plan, now)


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_csv_and_xlsx_hold_the_pages_rows(reference: Reference, lang: str) -> None:
    header, missing, late, when = WORDS[lang]
    table = list(csv.reader(io.StringIO(exports.to_csv(status(reference), lang).decode("utf-8-sig"))))
    assert table[0][0] == header and len(table) == 21
    nookat = next(row for row in table if row[0] == "Ноокат райондук соту")
    assert nookat[1:5] == ["Ош облустук соту", late, "1", when]
    assert sum(row[2] == missing for row in table) == 19
    sheet = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(status(reference), lang))).active
    values = [[cell if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert [str(value) for value in values[1]] == table[1]
    assert values[0][0] == header and sheet.freeze_panes == "A2"
    assert [[str(value) for value in row] for row in values] == table
