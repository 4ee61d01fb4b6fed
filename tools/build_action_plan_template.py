"""Build v1 of ``templates_docx/action_plan.docx``: the order appendix with the 2025-2027 action plan.

After v1 the DOCX itself is the source of truth: template editors change it in Word or LibreOffice, and
this script is kept to show how v1 was made and why it looks the way it does. Running it again
overwrites the template, so do that only to start over.

The document is written part by part rather than through python-docx's default template, because that
template brings 164 styles (most unused, many on the theme's fonts: Calibri/Cambria), a theme, numbering,
customXml and a thumbnail; here every byte is known:

- A4 landscape, 2 cm margins, Times New Roman everywhere (every font slot of the defaults, no theme,
  no numbering, no header/footer), language ky-KG, automatic hyphenation off.
- Named styles carry all formatting: "Appendix block", "Title", "Table header", "Table section",
  "Table text", "Table text centred", "Table end" and the table style "Plan table" (grid borders,
  cell margins). Paragraphs and runs carry no direct formatting; each docxtpl tag sits in one run.
- The table's column widths come from measuring the sample's longest unbreakable piece of text per
  column (see ``COLUMNS`` and ``check_widths``), so that no word is ever broken inside.

Usage: ``python tools/build_action_plan_template.py [--output PATH] [--sample PATH]``
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

from wordml import (
    CELL_MARGIN,
    FONT_DIR,
    R_NS,
    SAFETY_PT,
    W_NS,
    base_styles,
    cell,
    control_row,
    package_parts,
    paragraph,
    paragraph_style,
    row,
    table_style,
    unbreakable_pieces,
    write_package,
)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = ROOT / "templates_docx" / "action_plan.docx"
DEFAULT_SAMPLE = ROOT / "samples" / "action_plan.json"


# Page geometry in twips (1/20 pt; 1 cm = 566.9 twips).
PAGE_WIDTH, PAGE_HEIGHT = 16838, 11906  # A4 landscape
MARGIN = 1134  # 2 cm on every side
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN  # 14570 twips = 25.7 cm
BLOCK_INDENT = 10773  # 19 cm: the appendix block is the right-hand 6.7 cm of the text width
TABLE_FONT_PT = 12
TITLE = "Иш-чаралар Планы: буйрукка тиркеме"  # the package's title (docProps/core.xml)


@dataclass(frozen=True)
class Column:
    """One column of the plan table: its header, the measure's field it shows, its width in twips."""

    header: str
    field: str
    width: int


# Widths: each column is wider than the widest piece of text that cannot be broken (measured by
# ``check_widths``: a word, or the part of a hyphenated word up to its hyphen, in Liberation Serif
# 12 pt) plus the cell padding and SAFETY_PT. The slack left over (about 2.6 cm) was spread to make the
# rows as short as possible: the widths below give the fewest lines in total for the sample (203) among
# all splits in 1 mm steps, and with them the sample fits 7 pages (Word's default 0.19 cm padding and
# the same search give 208 lines and 8 pages, the last one holding two lines).
COLUMNS = (
    Column("№", "number", 567),  # 1.0 cm; "11" is 12 pt wide
    Column("Милдеттер", "task", 2438),  # 4.3 cm; «видеофиксациялоону» 108.8 pt
    Column("Иш-чаралар", "measure", 3288),  # 5.8 cm; «автоматташтырылган» 109.3 pt
    Column("Ишке ашыруу мөөнөттөрү", "deadline", 2154),  # 3.8 cm; «2025-2027-жылдар» whole, 95.8 pt
    Column("Күтүлүүчү жыйынтыктар", "expected_results", 2948),  # 5.2 cm; «аракеттенүү"сайтындагы» 128.0 pt
    Column("Жооптуу аткаруучулар", "responsible", 3175),  # 5.6 cm; «башкармалыктарынын» 115.8 pt
)
# Columns whose whole words (hyphens included) must fit, not only the pieces between hyphens.
WHOLE_WORD_FIELDS = frozenset({"number", "deadline"})

assert sum(column.width for column in COLUMNS) == TEXT_WIDTH


# ---------------------------------------------------------------------------------------------------
# Word measurement


def column_texts(plan: dict) -> dict[str, list[str]]:
    """Every text of the sample that lands in each column, by field name."""
    texts: dict[str, list[str]] = {column.field: [] for column in COLUMNS}
    for section in plan["sections"]:
        for measure in section["measures"]:
            for column in COLUMNS:
                value = measure[column.field]
                texts[column.field].extend(value if isinstance(value, list) else [str(value)])
    return texts


def check_widths(plan: dict) -> list[tuple[Column, str, float]]:
    """Measure the widest unbreakable piece per column and refuse widths that would break a word.

    Returns (column, widest piece, its width in pt) per column. Headers are measured in bold.
    """
    from PIL import ImageFont

    regular = ImageFont.truetype(str(FONT_DIR / "LiberationSerif-Regular.ttf"), TABLE_FONT_PT * 100)
    bold = ImageFont.truetype(str(FONT_DIR / "LiberationSerif-Bold.ttf"), TABLE_FONT_PT * 100)
    texts = column_texts(plan)
    report = []
    for column in COLUMNS:
        whole = column.field in WHOLE_WORD_FIELDS
        candidates = [
            (piece, regular.getlength(piece) / 100)
            for text in texts[column.field]
            for piece in unbreakable_pieces(text, whole)
        ]
        candidates += [(piece, bold.getlength(piece) / 100) for piece in unbreakable_pieces(column.header)]
        piece, width_pt = max(candidates, key=lambda candidate: candidate[1])
        available_pt = (column.width - 2 * CELL_MARGIN) / 20
        if width_pt + SAFETY_PT > available_pt:
            raise SystemExit(
                f"column {column.header!r} is too narrow: {piece!r} needs {width_pt:.1f} pt "
                f"+ {SAFETY_PT} pt headroom, the cell has {available_pt:.1f} pt"
            )
        report.append((column, piece, width_pt))
    return report


# ---------------------------------------------------------------------------------------------------
# WordprocessingML


def table() -> str:
    grid = "".join(f'<w:gridCol w:w="{column.width}"/>' for column in COLUMNS)
    header = row([cell(c.width, [paragraph("TableHeader", c.header)], v_align="center") for c in COLUMNS], header=True)
    section = row(
        [
            cell(
                TEXT_WIDTH,
                [paragraph("TableSection", "{{ s.number }}. {{ s.title }}")],
                span=len(COLUMNS),
                v_align="center",
            )
        ],
        cant_split=True,
    )
    measure_cells = []
    for column in COLUMNS:
        if column.field == "responsible":
            content = [
                paragraph("TableText", "{%p for r in m.responsible %}"),
                paragraph("TableText", "{{ r }}"),
                paragraph("TableText", "{%p endfor %}"),
            ]
        else:
            style = "TableTextCentred" if column.field in ("number", "deadline") else "TableText"
            content = [paragraph(style, f"{{{{ m.{column.field} }}}}")]
        measure_cells.append(cell(column.width, content))
    rows = [
        header,
        control_row("{%tr for s in sections %}", COLUMNS),
        section,
        control_row("{%tr for m in s.measures %}", COLUMNS),
        row(measure_cells, cant_split=False),
        control_row("{%tr endfor %}", COLUMNS),
        control_row("{%tr endfor %}", COLUMNS),
    ]
    look = (
        '<w:tblLook w:val="0600" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"'
        ' w:noHBand="1" w:noVBand="1"/>'
    )
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="PlanTable"/>'
        f'<w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/><w:tblLayout w:type="fixed"/>{look}</w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def document_xml() -> str:
    body = [
        paragraph("AppendixBlock", "{%p for line in order.lines %}"),
        paragraph("AppendixBlock", "{{ line }}"),
        paragraph("AppendixBlock", "{%p endfor %}"),
        paragraph("Title", "{{ title }}"),
        table(),
        # Word requires a paragraph after a table that ends the body; "Table end" is 1 pt high so
        # that it never spills onto a page of its own.
        paragraph("TableEnd"),
        # The issuance number and the QR code of its check address, small, at the end of the document
        # (service/issuance/stamp.py says why there and not in every footer); a draft shows «ДОЛБООР».
        paragraph("Issued", "{{ issued.qr }} {{ issued.number }}"),
        f'<w:sectPr><w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}" w:orient="landscape"/>'
        f'<w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" w:left="{MARGIN}"'
        ' w:header="709" w:footer="709" w:gutter="0"/><w:cols w:space="708"/></w:sectPr>',
    ]
    return f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{"".join(body)}</w:body></w:document>'


def styles_xml() -> str:
    styles = [
        *base_styles(TABLE_FONT_PT),
        table_style("PlanTable", "Plan table"),
        paragraph_style("AppendixBlock", "Appendix block", f'<w:ind w:left="{BLOCK_INDENT}"/><w:jc w:val="left"/>'),
        paragraph_style(
            "Title",
            "Title",
            '<w:keepNext/><w:spacing w:before="360" w:after="240"/><w:jc w:val="center"/>',
            '<w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/>',
            next_style="Normal",
        ),
        paragraph_style("TableHeader", "Table header", '<w:keepNext/><w:jc w:val="center"/>', "<w:b/><w:bCs/>"),
        paragraph_style("TableSection", "Table section", '<w:keepNext/><w:jc w:val="center"/>', "<w:b/><w:bCs/>"),
        paragraph_style("TableText", "Table text", '<w:jc w:val="left"/>'),
        paragraph_style("TableTextCentred", "Table text centred", '<w:jc w:val="center"/>'),
        paragraph_style("Issued", "Issued", '<w:keepLines/><w:spacing w:before="120"/>', '<w:sz w:val="16"/>'),
        paragraph_style(
            "TableEnd", "Table end", "", '<w:sz w:val="2"/><w:szCs w:val="2"/>', next_style="Normal", gallery=False
        ),
    ]
    return f'<w:styles xmlns:w="{W_NS}">{"".join(styles)}</w:styles>'


def build(output: Path) -> None:
    """Write the package atomically; every part is parsed first so that a typo cannot ship."""
    write_package(output, package_parts(TITLE, document_xml(), styles_xml()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--sample", type=Path, default=DEFAULT_SAMPLE, help="the plan whose words must fit")
    arguments = parser.parse_args()
    plan = json.loads(arguments.sample.read_text(encoding="utf-8"))
    for column, piece, width_pt in check_widths(plan):
        available = (column.width - 2 * CELL_MARGIN) / 20
        centimetres = column.width / 566.93
        print(f"{column.header:24} {centimetres:4.2f} cm  widest {piece!r}: {width_pt:.1f} of {available:.1f} pt")
    build(arguments.output)
    print(f"wrote {arguments.output}")


if __name__ == "__main__":
    main()
