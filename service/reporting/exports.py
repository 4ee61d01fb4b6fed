"""The status table of a year as rows a person reads: for the page, a CSV and an XLSX. Pure: values in, bytes out.

One function (``rows``) decides the columns and the words in the person's language; the page, the CSV and
the workbook show the same rows, so a downloaded table never disagrees with the screen. Dates are written
the official Kyrgyz way on a Kyrgyz table («2026-жылдын 15-январы») and as 15.01.2026 in Russian and English,
so that no table mixes two languages.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from service import kyrgyz
from service.catalogue import translate
from service.reporting import schedule
from service.reporting.status import OrganizationStatus, YearStatus

COLUMNS = ("organization", "controlled_by", "state", "versions", "last", "overdue")


def day(value: dt.date, lang: str) -> str:
    """A date in the language's official form."""
    return kyrgyz.date_plain(value) if lang == "ky" else value.strftime("%d.%m.%Y")


def due_day(value: dt.date, lang: str) -> str:
    """A due date as «… no later than» needs it: Kyrgyz takes the ablative («15-январынан»)."""
    return kyrgyz.date_ablative(value) if lang == "ky" else value.strftime("%d.%m.%Y")


def moment(value: dt.datetime, lang: str) -> str:
    """A moment in Bishkek time: the day as ``day`` writes it, then the hour."""
    local = value.astimezone(schedule.BISHKEK)
    return f"{day(local.date(), lang)}, {local:%H:%M}"


def state_text(row: OrganizationStatus, lang: str) -> str:
    return translate(f"reports_state_{row.state.value}", lang)


def headers(lang: str) -> list[str]:
    return [translate(f"reports_column_{column}", lang) for column in COLUMNS]


def rows(status: YearStatus, lang: str) -> list[list[str]]:
    """One row per organization, grouped by controlling court as the page shows them."""
    result = []
    for head, members in status.groups():
        for row in members:
            result.append(
                [
                    row.organization.name,
                    head.name if row.organization.id != head.id else "",
                    state_text(row, lang),
                    str(row.versions),
                    moment(row.last.received_at, lang) if row.last else "",
                    ", ".join(map(str, row.overdue_measures)),
                ]
            )
    return result


def to_csv(status: YearStatus, lang: str) -> bytes:
    """UTF-8 with a BOM (Excel opens Kyrgyz letters right), comma-separated, a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers(lang))
    writer.writerows(rows(status, lang))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(status: YearStatus, lang: str) -> bytes:
    """A workbook of one sheet: the header frozen and bold, the columns wide enough to read."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(status.year)
    sheet.append(headers(lang))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(status, lang):
        sheet.append([int(value) if index == 3 else value for index, value in enumerate(row)])
    for letter, width in zip("ABCDEF", (60, 30, 22, 10, 26, 22), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
