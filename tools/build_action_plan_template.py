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
from xml.sax.saxutils import escape

from wordml import (
    BREAK_AFTER_HYPHEN,
    CELL_MARGIN,
    FONT,
    FONT_DIR,
    LANGUAGE,
    OFFICE,
    PACKAGE,
    R_NS,
    SAFETY_PT,
    W_NS,
    WORD_ML,
    font_table_xml,
    settings_xml,
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


def unbreakable_pieces(text: str, whole_words: bool = False) -> list[str]:
    """The pieces a line may not be broken inside: words, split after a hyphen that precedes a letter.

    This mirrors the Unicode line-breaking rules LibreOffice applies: a line may end after "-" in
    «социалдык-психологиялык», but not inside "2025-2027" (a hyphen before a digit) nor around quotes.
    """
    words = text.split()
    if whole_words:
        return words
    return [piece for word in words for piece in BREAK_AFTER_HYPHEN.split(word)]


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


def run(text: str) -> str:
    """One run with one piece of text: a docxtpl tag must never be split over runs."""
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def paragraph(style: str, text: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{run(text) if text else ""}</w:p>'


def cell(width: int, paragraphs: list[str], span: int = 1, v_align: str | None = None) -> str:
    properties = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        properties += f'<w:gridSpan w:val="{span}"/>'
    if v_align:
        properties += f'<w:vAlign w:val="{v_align}"/>'
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{''.join(paragraphs)}</w:tc>"


def row(cells: list[str], *, header: bool = False, cant_split: bool = False) -> str:
    properties = ("<w:cantSplit/>" if cant_split or header else "") + ("<w:tblHeader/>" if header else "")
    return f"<w:tr>{f'<w:trPr>{properties}</w:trPr>' if properties else ''}{''.join(cells)}</w:tr>"


def control_row(tag: str) -> str:
    """A row holding only a ``{%tr … %}`` tag: docxtpl replaces the whole row by the Jinja statement."""
    return row([cell(TEXT_WIDTH, [paragraph("TableText", tag)], span=len(COLUMNS))])


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
        control_row("{%tr for s in sections %}"),
        section,
        control_row("{%tr for m in s.measures %}"),
        row(measure_cells),
        control_row("{%tr endfor %}"),
        control_row("{%tr endfor %}"),
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


def paragraph_style(
    style_id: str, name: str, p_pr: str = "", r_pr: str = "", next_style: str | None = None, gallery: bool = True
) -> str:
    """A paragraph style based on Normal; ``gallery`` shows it in Word's quick style gallery."""
    following = f'<w:next w:val="{next_style or style_id}"/>'
    custom = "" if style_id == "Title" else ' w:customStyle="1"'  # "Title" redefines Word's built-in style
    return (
        f'<w:style w:type="paragraph"{custom} w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="Normal"/>{following}{"<w:qFormat/>" if gallery else ""}'
        f"{f'<w:pPr>{p_pr}</w:pPr>' if p_pr else ''}{f'<w:rPr>{r_pr}</w:rPr>' if r_pr else ''}</w:style>"
    )


def styles_xml() -> str:
    fonts = f'<w:rFonts w:ascii="{FONT}" w:eastAsia="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>'
    size = TABLE_FONT_PT * 2
    single = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
    border = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
    borders = "".join(f"<w:{side} {border}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    cell_margins = (
        f'<w:top w:w="0" w:type="dxa"/><w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
        f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/>'
    )
    styles = [
        "<w:docDefaults>"
        f'<w:rPrDefault><w:rPr>{fonts}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
        f'<w:lang w:val="{LANGUAGE}"/></w:rPr></w:rPrDefault>'
        f"<w:pPrDefault><w:pPr><w:suppressAutoHyphens/>{single}</w:pPr></w:pPrDefault>"
        "</w:docDefaults>",
        # Widow/orphan control: Word then starts a measure row that breaks across pages with at least two
        # lines of each cell. LibreOffice ignores it inside rows that may split; forbidding rows to split
        # (w:cantSplit) instead would have cost the sample three pages of white space.
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        "<w:pPr><w:widowControl/></w:pPr></w:style>",
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>'
        "</w:style>",
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
        f'<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>{cell_margins}</w:tblCellMar></w:tblPr>'
        "</w:style>",
        '<w:style w:type="table" w:customStyle="1" w:styleId="PlanTable"><w:name w:val="Plan table"/>'
        '<w:basedOn w:val="TableNormal"/><w:qFormat/>'
        f'<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders>'
        f"<w:tblCellMar>{cell_margins}</w:tblCellMar></w:tblPr></w:style>",
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


def core_xml() -> str:
    return (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<dc:title>Иш-чаралар Планы: буйрукка тиркеме</dc:title><dc:creator>Kagaz</dc:creator>"
        f"<dc:language>{LANGUAGE}</dc:language></cp:coreProperties>"
    )


def parts() -> dict[str, str]:
    """Every part of the package, in the order they are written ([Content_Types].xml first)."""
    return {
        "[Content_Types].xml": (
            f'<Types xmlns="{PACKAGE}/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{WORD_ML}.document.main+xml"/>'
            f'<Override PartName="/word/styles.xml" ContentType="{WORD_ML}.styles+xml"/>'
            f'<Override PartName="/word/settings.xml" ContentType="{WORD_ML}.settings+xml"/>'
            f'<Override PartName="/word/fontTable.xml" ContentType="{WORD_ML}.fontTable+xml"/>'
            '<Override PartName="/docProps/core.xml"'
            ' ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{PACKAGE}/relationships">'
            f'<Relationship Id="rId1" Type="{OFFICE}/officeDocument" Target="word/document.xml"/>'
            f'<Relationship Id="rId2" Type="{PACKAGE}/relationships/metadata/core-properties"'
            ' Target="docProps/core.xml"/></Relationships>'
        ),
        "docProps/core.xml": core_xml(),
        "word/document.xml": document_xml(),
        "word/_rels/document.xml.rels": (
            f'<Relationships xmlns="{PACKAGE}/relationships">'
            f'<Relationship Id="rId1" Type="{OFFICE}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId2" Type="{OFFICE}/settings" Target="settings.xml"/>'
            f'<Relationship Id="rId3" Type="{OFFICE}/fontTable" Target="fontTable.xml"/></Relationships>'
        ),
        "word/styles.xml": styles_xml(),
        "word/settings.xml": settings_xml(),
        "word/fontTable.xml": font_table_xml(),
    }


def build(output: Path) -> None:
    """Write the package atomically; every part is parsed first so that a typo cannot ship."""
    write_package(output, parts())


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
