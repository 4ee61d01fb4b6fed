"""Layout checks on the test render: what a template editor cannot see in one sample but a reader would.

All warnings, never errors (the sample may be longer or shorter than real data):

- **a table wider than the text width** of its section (page width less margins and gutter), from the
  rendered DOCX's grid — Word and LibreOffice then push it into the margin or off the page;
- **a signature block split across two pages**: the block (the paragraphs that print the signature's
  values, or paragraphs in a "Signature" style) begins on one page of the PDF and ends on the next;
- **a cell whose text runs past the page**: words of a cell that never reach the PDF, named by their
  cause (the table runs past the page's edge; an exact row height cuts them; else hidden or white text),
  and a row marked "do not split" that still spans two pages because it is taller than a page
  (LibreOffice breaks it, Word cuts it off).

Pure: the rendered DOCX, the PDF's page texts and the sample context in; findings out.
"""

from __future__ import annotations

import bisect
import io
import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from lxml import etree

from service.templates.findings import Finding, TemplatePlace, warning
from service.templates.tags import TBL, TC, TR, Paragraph, W, content_children, read_part

TWIPS_PER_CM = 566.93
WIDTH_TOLERANCE = 57  # 1 mm: rounding in a hand-made grid is not worth a warning
SIGNATURE_KEYS = re.compile(r"sign|кол|подпис", re.IGNORECASE)
_SNIPPET = 30  # characters (without spaces) that identify a piece of text on a page


@dataclass(frozen=True)
class Row:
    table: int
    row: int
    cant_split: bool
    cells: tuple[str, ...]
    exact_height: bool = False  # w:trHeight hRule="exact": the row never grows, text past it is cut


@dataclass(frozen=True)
class Rendered:
    """What the layout checks need from a rendered DOCX."""

    tables: list[tuple[int, int, int]]  # (table number, right edge in twips, text width in twips)
    rows: list[Row]
    paragraphs: list[Paragraph]

    @property
    def text(self) -> str:
        return "\n".join(paragraph.text for paragraph in self.paragraphs)


def inspect(docx: bytes) -> Rendered:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        xml = archive.read("word/document.xml")
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    body = root.find(W + "body")
    tables: list[tuple[int, int, int]] = []
    rows: list[Row] = []
    if body is not None:
        pending: list[tuple[int, int]] = []
        number = 0
        for element in content_children(body):
            if element.tag == TBL:
                number += 1
                pending.append((number, _table_width(element)))
                rows += _rows(element, number)
            section = element.find(f"{W}pPr/{W}sectPr") if element.tag == W + "p" else None
            if element.tag == W + "sectPr":
                section = element
            if section is not None:
                tables += [(n, width, _text_width(section)) for n, width in pending]
                pending = []
    return Rendered(tables, rows, read_part(xml).paragraphs)


def _table_width(table: etree._Element) -> int:
    grid = sum(_int(col.get(W + "w")) for col in table.iterfind(f"{W}tblGrid/{W}gridCol"))
    declared = table.find(f"{W}tblPr/{W}tblW")
    if declared is not None and declared.get(W + "type") == "dxa":
        grid = max(grid, _int(declared.get(W + "w")))
    indent = table.find(f"{W}tblPr/{W}tblInd")
    return grid + (_int(indent.get(W + "w")) if indent is not None and indent.get(W + "type") == "dxa" else 0)


def _text_width(section: etree._Element) -> int:
    size = section.find(W + "pgSz")
    margins = section.find(W + "pgMar")
    width = _int(size.get(W + "w")) if size is not None else 11906
    if margins is None:
        return width - 2 * 1440
    return width - sum(_int(margins.get(W + side)) for side in ("left", "right", "gutter"))


def _rows(table: etree._Element, number: int) -> Iterator[Row]:
    for index, row in enumerate((row for row in content_children(table) if row.tag == TR), 1):
        cant_split = row.find(f"{W}trPr/{W}cantSplit") is not None
        height = row.find(f"{W}trPr/{W}trHeight")
        exact = height is not None and height.get(W + "hRule") == "exact"
        header = row.find(f"{W}trPr/{W}tblHeader") is not None
        cells = tuple(
            "".join(t.text or "" for t in cell.iter(W + "t")) for cell in content_children(row) if cell.tag == TC
        )
        if not header:
            yield Row(number, index, cant_split, cells, exact)


def _int(value: str | None) -> int:
    try:
        return int(float(value or 0))
    except ValueError:
        return 0


def _squash(text: str) -> str:
    return "".join(text.replace("\u00ad", "").split()).casefold()


class Pages:
    """The PDF's text with spaces removed, all pages in one string, searchable for a piece of the document's
    text and telling on which page a match is (``pdftotext -raw`` keeps a cell's text together)."""

    def __init__(self, pages: list[str]) -> None:
        squashed = [_squash(page) for page in pages]
        self.text = "".join(squashed)
        self.starts = [sum(len(page) for page in squashed[:number]) for number in range(len(squashed))]
        # A word LibreOffice hyphenated at a line end comes out as "hyphen-\nated": search both ways.
        self.dehyphenated = "".join(_squash(re.sub(r"-\n", "", page)) for page in pages)

    def page_at(self, index: int) -> int:
        return bisect.bisect_right(self.starts, index) - 1

    def contains(self, text: str) -> bool:
        piece = _squash(text)
        return piece in self.text or piece in self.dehyphenated

    def span(self, head: str, tail: str, last: bool = False) -> tuple[int, int] | None:
        """The pages of ``head`` (its first occurrence, or its ``last``) and of the first ``tail`` after it."""
        head, tail = _squash(head), _squash(tail)
        start = self.text.rfind(head) if last else self.text.find(head)
        if start < 0:
            return None
        end = self.text.find(tail, start)
        if end < 0:
            return None
        return self.page_at(start), self.page_at(end)


def check(rendered: Rendered, pages: list[str], context: Mapping[str, Any]) -> list[Finding]:
    findings = check_tables(rendered)
    searchable = Pages(pages)
    findings += check_cells(rendered, searchable)
    signature = check_signature(rendered, searchable, signature_values(context))
    return findings + ([signature] if signature else [])


def check_tables(rendered: Rendered) -> list[Finding]:
    findings = []
    for number, width, available in rendered.tables:
        if width > available + WIDTH_TOLERANCE:
            findings.append(
                warning(
                    "table_too_wide",
                    f"the table is {width / TWIPS_PER_CM:.1f} cm wide; the page has {available / TWIPS_PER_CM:.1f} cm",
                    TemplatePlace(cells=((number, 0, 0),)),
                    width=f"{width / TWIPS_PER_CM:.1f}",
                    available=f"{available / TWIPS_PER_CM:.1f}",
                )
            )
    return findings


def _words(text: str) -> list[str]:
    return text.split()


def _cut(text: str, pages: Pages) -> bool:
    """True when the last words of ``text`` are not in the PDF: neither together nor one by one (a cell
    split across pages has its words apart)."""
    tail = _words(text)[-3:]
    if not tail or pages.contains("".join(tail)):
        return False
    return not all(pages.contains(word) for word in tail)


def _cause(row: Row, too_wide: set[int]) -> str:
    """Why a cell's text does not reach the PDF, named by what the document says: the table runs past the
    page's edge; or the row has an exact height; or neither (hidden or white text, a frame): said so."""
    if row.table in too_wide:
        return "cell_off_page"
    return "cell_overflow" if row.exact_height else "cell_text_missing"


def check_cells(rendered: Rendered, pages: Pages) -> list[Finding]:
    findings = []
    too_wide = {number for number, width, available in rendered.tables if width > available + WIDTH_TOLERANCE}
    for row in rendered.rows:
        cut = [number for number, text in enumerate(row.cells, 1) if _cut(text, pages)]
        if cut:
            text = " ".join(_words(row.cells[cut[0] - 1])[-8:])
            findings.append(
                warning(
                    _cause(row, too_wide),
                    f"the end of the text of cell(s) {', '.join(map(str, cut))} is not on any page of the PDF",
                    TemplatePlace(cells=((row.table, row.row, cut[0]),), text=text),
                    cells=", ".join(map(str, cut)),
                )
            )
        if row.cant_split:
            spans = _row_pages(row, pages)
            if spans and spans[1] > spans[0]:
                longest = max(row.cells, key=len)
                findings.append(
                    warning(
                        "row_too_tall",
                        "this row may not break across pages, but it is taller than a page: Word cuts it off",
                        TemplatePlace(cells=((row.table, row.row, 1),), text=" ".join(_words(longest)[:8])),
                        first=spans[0] + 1,
                        second=spans[1] + 1,
                    )
                )
    return findings


def _row_pages(row: Row, pages: Pages) -> tuple[int, int] | None:
    """The page where the row begins and the last page any of its cells' text reaches."""
    head = _squash("".join(row.cells))[:_SNIPPET]
    if not head:
        return None
    last = None
    for cell in row.cells:
        tail = _squash(cell)[-_SNIPPET:]
        found = pages.span(head, tail) if tail else None
        if found:
            last = found if last is None else (found[0], max(last[1], found[1]))
    return last


def signature_values(context: Mapping[str, Any]) -> list[str]:
    """The texts of the signature block in the sample: every text under a key that names a signature."""
    found: list[str] = []

    def collect(value: Any, inside: bool) -> None:
        if isinstance(value, Mapping):
            for key, item in value.items():
                collect(item, inside or bool(SIGNATURE_KEYS.search(str(key))))
        elif isinstance(value, list | tuple):
            for item in value:
                collect(item, inside)
        elif inside and isinstance(value, str) and len(_squash(value)) >= 3:
            found.append(value)

    collect(context, False)
    return found


def check_signature(rendered: Rendered, pages: Pages, values: list[str]) -> Finding | None:
    """The block is the run of paragraphs from the first to the last that prints a signature value or has a
    signature style; split when its start and its end are on different pages."""
    block = [
        index
        for index, paragraph in enumerate(rendered.paragraphs)
        if paragraph.text.strip()
        and (
            SIGNATURE_KEYS.search(paragraph.style) or any(_squash(value) in _squash(paragraph.text) for value in values)
        )
    ]
    if not block:
        return None
    start = _squash(rendered.paragraphs[block[0]].text)[:_SNIPPET]
    end = _squash(rendered.paragraphs[block[-1]].text)[-_SNIPPET:]
    pages_of = pages.span(start, end, last=True)
    if pages_of and pages_of[1] > pages_of[0]:
        first, second = pages_of[0] + 1, pages_of[1] + 1
        return warning(
            "signature_split",
            f"the signature block begins on page {first} and ends on page {second}",
            rendered.paragraphs[block[0]].place,
            first=first,
            second=second,
        )
    return None
