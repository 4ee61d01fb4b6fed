"""WordprocessingML pieces shared by the scripts that built v1 of the official templates.

Both builders write a DOCX package by hand (no python-docx default template, which brings 164 styles on
Calibri/Cambria theme fonts); the namespaces, the runs, paragraphs, cells and rows, the base styles, the
settings, the font table, the package's parts and its writer are the same for every template, so they live
here once. Each builder keeps what is its own: page geometry, columns, tables and its own styles.
"""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol
from xml.sax.saxutils import escape

from lxml import etree

FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")  # Liberation Serif: metric twin of Times New Roman
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORD_ML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
FONT = "Times New Roman"
LANGUAGE = "ky-KG"
CELL_MARGIN = 85  # left and right padding inside a cell: 0.15 cm (Word's default 0.19 cm costs a page)
SAFETY_PT = 3.0  # headroom for rounding and kerning differences between Pillow and LibreOffice
# LibreOffice may end a line after a hyphen that precedes a letter («пресс-» / «конференцияларды»)
BREAK_AFTER_HYPHEN = re.compile(r"(?<=-)(?=[^\W\d_])")


class HasWidth(Protocol):
    """A table column of either builder: only its width (twips) matters here."""

    @property
    def width(self) -> int: ...


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


# ---------------------------------------------------------------------------------------------------
# Runs, paragraphs, cells, rows


def run(text: str, style: str | None = None) -> str:
    """One run with one piece of text: a docxtpl tag must never be split over runs."""
    properties = f'<w:rPr><w:rStyle w:val="{style}"/></w:rPr>' if style else ""
    return f'<w:r>{properties}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def paragraph(style: str, *runs: str | tuple[str, str]) -> str:
    """A paragraph of ``style``; each run is a text or a (text, character style) pair."""
    content = "".join(run(*item) if isinstance(item, tuple) else run(item) for item in runs if item)
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{content}</w:p>'


def cell(
    width: int,
    paragraphs: Iterable[str],
    *,
    span: int = 1,
    v_align: str | None = None,
    rotated: bool = False,
    borders: str = "",
) -> str:
    properties = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        properties += f'<w:gridSpan w:val="{span}"/>'
    if borders:
        properties += f"<w:tcBorders>{borders}</w:tcBorders>"
    if rotated:
        properties += '<w:textDirection w:val="btLr"/>'
    if v_align:
        properties += f'<w:vAlign w:val="{v_align}"/>'
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{''.join(paragraphs)}</w:tc>"


def row(cells: Iterable[str], *, header: bool = False, cant_split: bool = True, height: int | None = None) -> str:
    """A table row; a header row repeats on every page and, like any row by default, is never split."""
    properties = ("<w:cantSplit/>" if cant_split or header else "") + ("<w:tblHeader/>" if header else "")
    if height:
        properties += f'<w:trHeight w:val="{height}" w:hRule="atLeast"/>'
    return f"<w:tr>{f'<w:trPr>{properties}</w:trPr>' if properties else ''}{''.join(cells)}</w:tr>"


def control_row(statement: str, columns: Sequence[HasWidth]) -> str:
    """A row holding only a ``{%tr … %}`` tag: docxtpl replaces the whole row by the Jinja statement."""
    width = sum(column.width for column in columns)
    return row([cell(width, [paragraph("TableText", statement)], span=len(columns))], cant_split=False)


# ---------------------------------------------------------------------------------------------------
# Styles


def size(points: float) -> str:
    return f'<w:sz w:val="{round(points * 2)}"/><w:szCs w:val="{round(points * 2)}"/>'


def spacing(before: int = 0, after: int = 0) -> str:
    """Space before and after a paragraph, in twips (20 a point); both are always written, 0 unless given."""
    return f'<w:spacing w:before="{before}" w:after="{after}"/>'


CELL_MARGINS = (
    f'<w:top w:w="0" w:type="dxa"/><w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
    f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/>'
)
_BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
GRID_BORDERS = "".join(f"<w:{side} {_BORDER}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV"))


def base_styles(font_pt: float) -> list[str]:
    """The defaults (Times New Roman at ``font_pt``, Kyrgyz, single spacing, no hyphenation) and the
    styles every template bases its own on: Normal, Default Paragraph Font, Normal Table."""
    fonts = f'<w:rFonts w:ascii="{FONT}" w:eastAsia="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>'
    single = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
    return [
        "<w:docDefaults>"
        f'<w:rPrDefault><w:rPr>{fonts}{size(font_pt)}<w:lang w:val="{LANGUAGE}"/></w:rPr></w:rPrDefault>'
        f"<w:pPrDefault><w:pPr><w:suppressAutoHyphens/>{single}</w:pPr></w:pPrDefault>"
        "</w:docDefaults>",
        # Widow/orphan control: Word then starts a measure row that breaks across pages with at least two
        # lines of each cell. LibreOffice ignores it inside rows that may split; forbidding rows to split
        # (w:cantSplit) instead would have cost the action plan's sample three pages of white space.
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        "<w:pPr><w:widowControl/></w:pPr></w:style>",
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>'
        "</w:style>",
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
        f'<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>{CELL_MARGINS}</w:tblCellMar></w:tblPr>'
        "</w:style>",
    ]


def table_style(style_id: str, name: str, borders: str = GRID_BORDERS) -> str:
    """A table style based on Normal Table, with the cells' padding and (by default) a full grid."""
    return (
        f'<w:style w:type="table" w:customStyle="1" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        '<w:basedOn w:val="TableNormal"/><w:qFormat/>'
        f'<w:tblPr><w:tblInd w:w="0" w:type="dxa"/>{f"<w:tblBorders>{borders}</w:tblBorders>" if borders else ""}'
        f"<w:tblCellMar>{CELL_MARGINS}</w:tblCellMar></w:tblPr></w:style>"
    )


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


def character_style(style_id: str, name: str, r_pr: str) -> str:
    """A character style based on Default Paragraph Font, so that a run's emphasis has a name, not direct
    formatting."""
    return (
        f'<w:style w:type="character" w:customStyle="1" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        f'<w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/><w:rPr>{r_pr}</w:rPr></w:style>'
    )


# ---------------------------------------------------------------------------------------------------
# The package's other parts


def settings_xml() -> str:
    return (
        f'<w:settings xmlns:w="{W_NS}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="709"/>'
        '<w:autoHyphenation w:val="false"/><w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"'
        ' w:val="15"/></w:compat><w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/></w:settings>'
    )


def font_table_xml() -> str:
    return (
        f'<w:fonts xmlns:w="{W_NS}"><w:font w:name="{FONT}"><w:panose1 w:val="02020603050405020304"/>'
        '<w:charset w:val="CC"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>'
    )


def core_xml(title: str) -> str:
    return (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>Kagaz</dc:creator>"
        f"<dc:language>{LANGUAGE}</dc:language></cp:coreProperties>"
    )


def package_parts(title: str, document_xml: str, styles_xml: str, images: bool = False) -> dict[str, str]:
    """Every part of the package, in the order they are written ([Content_Types].xml first). ``images``
    declares the PNG and JPEG types, so that the images docxtpl adds at render time have theirs."""
    image_types = (
        '<Default Extension="png" ContentType="image/png"/><Default Extension="jpeg" ContentType="image/jpeg"/>'
        if images
        else ""
    )
    return {
        "[Content_Types].xml": (
            f'<Types xmlns="{PACKAGE}/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{image_types}'
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
        "docProps/core.xml": core_xml(title),
        "word/document.xml": document_xml,
        "word/_rels/document.xml.rels": (
            f'<Relationships xmlns="{PACKAGE}/relationships">'
            f'<Relationship Id="rId1" Type="{OFFICE}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId2" Type="{OFFICE}/settings" Target="settings.xml"/>'
            f'<Relationship Id="rId3" Type="{OFFICE}/fontTable" Target="fontTable.xml"/></Relationships>'
        ),
        "word/styles.xml": styles_xml,
        "word/settings.xml": settings_xml(),
        "word/fontTable.xml": font_table_xml(),
    }


def write_package(output: Path, parts: dict[str, str]) -> None:
    """Write the parts as a DOCX atomically and byte-identically on every run (fixed ZIP dates); every part
    is parsed first so that a typo cannot ship; the file is 0644, as the service and editors read it."""
    declaration = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    blobs = {}
    for name, xml in parts.items():
        etree.fromstring(xml.encode("utf-8"))  # well-formedness check
        blobs[name] = declaration + xml.encode("utf-8")
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=output.parent, suffix=".docx.tmp")
    try:
        with os.fdopen(handle, "wb") as stream, zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as package:
            for name, blob in blobs.items():
                package.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), blob, zipfile.ZIP_DEFLATED)
        Path(temporary).chmod(0o644)  # mkstemp creates 0600
        Path(temporary).replace(output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
