"""What every table of both reports is built from: the column, the status words, the table and its rows.

A column carries its header, the kind of text it shows and its width, so that the same definition lays
out the table and lets ``widths`` prove that no word is broken inside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from wordml import cell, paragraph, row

# Statuses as reports write them (service.deadlines.Status); the status column must hold each whole.
STATUSES = ("аткарылды", "аткарылууда", "аткарылган эмес", "мөөнөтү келе элек")
OVERDUE_MARK = "мөөнөтү өтүп кеткен"
NOT_DUE_MARK = "(мөөнөтү келе элек)"


@dataclass(frozen=True)
class Column:
    """One table column: header, the texts it shows (a key of ``texts_by_kind``), width in twips.

    ``rotated``: the header is turned upright (only the cell's width in the other direction matters);
    ``whole``: whole words must fit, not only the pieces between hyphens (numbers such as «2025-2027»).
    """

    header: str
    kind: str
    width: int
    rotated: bool = False
    whole: bool = False


def tag(statement: str) -> str:
    """A paragraph holding only a ``{%p … %}`` tag: docxtpl replaces the paragraph by the statement."""
    return paragraph("BodyText", statement)


def table(columns: Sequence[Column], rows: Iterable[str], style: str = "ReportTable") -> str:
    """A table of fixed layout whose grid is the columns' widths, so that Word and LibreOffice never
    recompute them from the content."""
    grid = "".join(f'<w:gridCol w:w="{column.width}"/>' for column in columns)
    width = sum(column.width for column in columns)
    look = (
        '<w:tblLook w:val="0600" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"'
        ' w:noHBand="1" w:noVBand="1"/>'
    )
    return (
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{style}"/><w:tblW w:w="{width}" w:type="dxa"/>'
        f'<w:tblLayout w:type="fixed"/>{look}</w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def header_row(columns: Sequence[Column], height: int | None = None) -> str:
    """The columns' headers, centred, upright where the column says so; the row repeats on every page."""
    return row(
        [cell(c.width, [paragraph("TableHeader", c.header)], v_align="center", rotated=c.rotated) for c in columns],
        header=True,
        height=height,
    )


def text_cell(column: Column, *paragraphs: str) -> str:
    """A cell as wide as its column."""
    return cell(column.width, paragraphs)
