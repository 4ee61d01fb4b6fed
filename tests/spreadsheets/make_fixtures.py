"""Make the spreadsheet fixtures under ``tests/spreadsheets/fixtures/``: files as people really save them.

    .venv/bin/python tests/spreadsheets/make_fixtures.py     # needs soffice with Calc (libreoffice-calc-nogui)

- ``calc/``: workbooks Kagaz wrote (or edited as a clerk would in Excel), then opened and saved again by
  LibreOffice Calc through ``soffice --headless --convert-to``: its .xlsx (its own styles, shared strings,
  merged ranges), and its CSV flavours (UTF-8 comma, «Unicode» UTF-16 tab, Windows-1251 semicolon, one sheet).
- ``excel/``: CSV files written byte for byte as Excel's «Save As» writes them: «CSV UTF-8» (BOM, comma,
  CRLF), «Unicode text» (.txt, UTF-16LE with BOM, tabs), «CSV (comma delimited)» on a Russian Windows
  (cp1251, semicolon: Excel's list separator there), where ң ө ү become «?».
- ``corpus/``: files Excel and LibreOffice saved, from a public test corpus (copied by hand; see README.md).

What each file must give is in ``expected.toml``; ``test_spreadsheet_fixtures.py`` holds every file to it.
The files are committed, so the tests need no soffice; run this again after a layout changes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import openpyxl

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from service import spreadsheets  # noqa: E402
from service.documents.reference import load_reference  # noqa: E402
from service.settings import load_settings  # noqa: E402
from service.spreadsheets.samples import example_data  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# LibreOffice's CSV filter options: separator, text quote, character set (76 UTF-8, 65535 UTF-16 with BOM,
# 34 Windows-1251), first line, cell format, language, quote all text, detect numbers, save as shown.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):{separator},34,{charset},1,,0,false,true,true,false,false{sheet}"
UTF8, UTF16, CP1251 = 76, 65535, 34

RUSSIAN_REPORT = {
    "year": 2025,
    "organization": "Бишкек шаардык соту",
    "signature": {"position": "Председатель суда", "full_name": "Асанов Бакыт Токтогулович", "date": "15.01.2026"},
    "executor": {"name": "Иванова Анна", "phone": "0312 66-00-00"},
    "measures": [
        (
            1,
            "выполняется",
            "Проведены 2 пресс-конференции; 14 материалов опубликовано в СМИ.",
            "Мало эфирного времени.",
        ),
        (4, "выполнено", "Все судьи прошли обучение по антикоррупционному законодательству.", None),
        (9, "выполняется", "Начато внедрение электронного распределения дел.", None),
    ],
}


def main() -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        sys.exit("soffice not found: apt-get install libreoffice-calc-nogui")
    settings = load_settings({"start_pool": False})
    reference = load_reference(settings.plan_file, settings.organizations_file)
    for folder in ("calc", "excel"):
        (FIXTURES / folder).mkdir(parents=True, exist_ok=True)
    plan = example_data("action-plan", reference)
    report = example_data("progress-report", reference)
    with tempfile.TemporaryDirectory(prefix="kagaz-fixtures-") as work:
        calc = Calc(soffice, Path(work))
        calc.xlsx("action_plan.xlsx", spreadsheets.workbook("action-plan", reference, plan))
        calc.xlsx("progress_report_ru.xlsx", spreadsheets.workbook("progress-report", reference, report, "ru"))
        calc.xlsx("progress_report_blank.xlsx", spreadsheets.workbook("progress-report", reference))
        calc.xlsx(
            "action_plan-merged-sections.xlsx", merged_sections(spreadsheets.workbook("action-plan", reference, plan))
        )
        calc.xlsx(
            "action_plan-hidden-row-and-column.xlsx",
            hidden_parts(spreadsheets.workbook("action-plan", reference, plan)),
        )
        calc.xlsx(
            "progress_report-merged-measure.xlsx",
            merged_measure(spreadsheets.workbook("progress-report", reference, report)),
        )
        one_sheet_plan = one_sheet(spreadsheets.workbook("action-plan", reference, plan))
        calc.csv("action_plan-utf8-comma.csv", one_sheet_plan, 44, UTF8)
        calc.csv("action_plan-unicode-tab.csv", one_sheet_plan, 9, UTF16)
        one_sheet_ru = one_sheet(spreadsheets.workbook("action-plan", reference, plan, "ru"))
        calc.csv("action_plan_ru-cp1251-semicolon.csv", one_sheet_ru, 59, CP1251)
        # Excel and Calc save only one sheet to CSV: here the measures sheet of the report (sheet 3).
        calc.csv(
            "progress_report-measures-sheet-only.csv",
            spreadsheets.workbook("progress-report", reference, report),
            59,
            UTF8,
            sheet=3,
        )
    excel_flavours(plan)
    russian = russian_report(reference)
    (FIXTURES / "excel" / "progress_report_ru.json").write_text(
        json.dumps(russian["json"], ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    excel_csv(FIXTURES / "excel" / "progress_report_ru-csv-comma-delimited.csv", russian["rows"], ";", "cp1251")
    for path in sorted(FIXTURES.rglob("*")):
        if path.is_file():
            print(f"{path.relative_to(ROOT)} ({path.stat().st_size:,} bytes)")


class Calc:
    """``soffice --convert-to`` with a profile of its own, so a running LibreOffice is never disturbed."""

    def __init__(self, soffice: str, work: Path) -> None:
        self.soffice = soffice
        self.work = work
        self.profile = (work / "profile").as_uri()

    def convert(self, name: str, content: bytes, target: str) -> list[Path]:
        source = self.work / "in" / name.rsplit(".", 1)[0]
        source.parent.mkdir(exist_ok=True)
        source = source.with_suffix(".xlsx")
        source.write_bytes(content)
        out = self.work / "out"
        shutil.rmtree(out, ignore_errors=True)
        command = [self.soffice, f"-env:UserInstallation={self.profile}", "--headless", "--convert-to", target]
        subprocess.run([*command, "--outdir", str(out), str(source)], check=True, capture_output=True, timeout=180)
        return sorted(out.iterdir())

    def xlsx(self, name: str, content: bytes) -> None:
        [saved] = self.convert(name, content, "xlsx:Calc MS Excel 2007 XML")
        shutil.copyfile(saved, FIXTURES / "calc" / name)

    def csv(self, name: str, content: bytes, separator: int, charset: int, sheet: int | None = None) -> None:
        target = CSV_FILTER.format(separator=separator, charset=charset, sheet=f",{sheet}" if sheet else "")
        [saved] = self.convert(name, content, target)
        shutil.copyfile(saved, FIXTURES / "calc" / name)


def edit(content: bytes, change: Any) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(content))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def merged_sections(content: bytes) -> bytes:
    """The plan as a clerk formats it for print: each section's number and title merged down its rows."""

    def change(book: openpyxl.Workbook) -> None:
        sheet = book["Иш-чаралар"]
        rows = [row for row in range(2, sheet.max_row + 1) if sheet.cell(row, 3).value is not None]
        starts = [row for row in rows if sheet.cell(row, 1).value is not None]
        for first, following in zip(starts, [*starts[1:], rows[-1] + 1], strict=True):
            last = following - 1
            if last > first:
                title = sheet.cell(first, 2).value
                for column in ("A", "B"):
                    sheet.merge_cells(f"{column}{first}:{column}{last}")
                sheet.cell(first, 2).value = title

    return edit(content, change)


def merged_measure(content: bytes) -> bytes:
    """The report as a clerk extends it: a row inserted under measure 2 for more text, its number merged."""

    def change(book: openpyxl.Workbook) -> None:
        sheet = book["Иш-чаралар"]
        sheet.insert_rows(4)
        sheet["D4"] = "Кошумча: 2025-жылдын декабрында дагы бир жолугушуу өттү."
        sheet.merge_cells("A3:A4")

    return edit(content, change)


def hidden_parts(content: bytes) -> bytes:
    """The plan with a measure's row and the «Милдеттер» column hidden, as a clerk hides what is done."""

    def change(book: openpyxl.Workbook) -> None:
        sheet = book["Иш-чаралар"]
        sheet.row_dimensions[3].hidden = True
        sheet.column_dimensions["D"].hidden = True

    return edit(content, change)


def one_sheet(content: bytes) -> bytes:
    """The workbook's parts gathered on one sheet, as the CSV layout wants them: what a clerk does by hand."""
    source = openpyxl.load_workbook(io.BytesIO(content))
    book = openpyxl.Workbook()
    target = book.active
    assert target is not None
    row = 1
    for sheet in source.worksheets[1:]:
        if sheet.sheet_state != "visible":
            continue
        for cells in sheet.iter_rows():
            values = [cell.value for cell in cells[:8]]
            if not any(value is not None for value in values):
                continue
            if sheet is source.worksheets[1]:
                values = values[:2]  # the form's hint column is not part of the CSV
            for column, (cell, value) in enumerate(zip(cells, values, strict=False), start=1):
                written = target.cell(row, column, value)
                written.number_format = cell.number_format
            row += 1
        row += 1  # a blank line between the parts
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rows_of(content: bytes) -> list[list[Any]]:
    """The one-sheet rows, values as Excel shows them (dates dd.mm.yyyy)."""
    sheet = openpyxl.load_workbook(io.BytesIO(one_sheet(content))).active
    assert sheet is not None
    rows = []
    for cells in sheet.iter_rows(values_only=True):
        shown = [
            "" if value is None else value.strftime("%d.%m.%Y") if isinstance(value, dt.date) else value
            for value in cells
        ]
        while shown and shown[-1] == "":
            shown.pop()
        rows.append(shown)
    return rows


def excel_csv(path: Path, rows: list[list[Any]], delimiter: str, encoding: str, bom: bool = False) -> None:
    """As Excel writes it: CRLF between records, LF inside a quoted cell, unencodable letters as «?»."""
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    data = out.getvalue().encode(encoding, errors="replace")
    prefix = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe"}.get(encoding, b"") if bom else b""
    path.write_bytes(prefix + data)


def excel_flavours(plan: dict[str, Any]) -> None:
    settings = load_settings({"start_pool": False})
    reference = load_reference(settings.plan_file, settings.organizations_file)
    rows = rows_of(spreadsheets.workbook("action-plan", reference, plan))
    excel_csv(FIXTURES / "excel" / "action_plan-csv-utf8.csv", rows, ",", "utf-8", bom=True)
    excel_csv(FIXTURES / "excel" / "action_plan-unicode-text.txt", rows, "\t", "utf-16-le", bom=True)
    excel_csv(FIXTURES / "excel" / "action_plan-csv-comma-delimited.csv", rows, ";", "cp1251")


def russian_report(reference: Any) -> dict[str, Any]:
    """A report typed in Russian throughout (labels, statuses, text), and its JSON for the API."""
    layout = spreadsheets.LAYOUTS["progress-report"]
    values = RUSSIAN_REPORT
    form = {
        "year": values["year"],
        "organization": values["organization"],
        "signature.position": values["signature"]["position"],
        "signature.full_name": values["signature"]["full_name"],
        "signature.date": values["signature"]["date"],
        "executor.name": values["executor"]["name"],
        "executor.phone": values["executor"]["phone"],
    }
    rows: list[list[Any]] = [["Поле", "Значение"]]
    rows += [[field.ru, form[field.key]] for field in layout.form.fields if field.key in form]
    rows.append([])
    measures = layout.tables[0]
    keys = ("measure", "status", "done", "problems")
    rows.append([measures.column(key).ru for key in keys])
    rows += [["" if value is None else value for value in measure] for measure in values["measures"]]
    organization = next(item for item in reference.organizations.values() if item.name == values["organization"])
    statuses = {"выполнено": "аткарылды", "выполняется": "аткарылууда"}
    day, month, year = values["signature"]["date"].split(".")
    data = {
        "year": values["year"],
        "organization": organization.model_dump(mode="json"),
        "signature": {**values["signature"], "date": f"{year}-{month}-{day}"},
        "executor": values["executor"],
        "measures": [
            {"measure": number, "status": statuses[status], "done": done} | ({"problems": problems} if problems else {})
            for number, status, done, problems in values["measures"]
        ],
    }
    return {"rows": rows, "json": data}


if __name__ == "__main__":
    main()
