"""CSV files as Excel and LibreOffice Calc save them: their encoding, their delimiter, their parts.

The flavours people send are a closed set, so each is recognized by rule rather than guessed:

- «CSV UTF-8» (Excel) and Calc's UTF-8: with or without a BOM;
- «Unicode text» (Excel): UTF-16 little-endian with a BOM, tab-separated; Calc's «Unicode»: the same;
- «CSV (comma delimited)» (Excel's default): the Windows code page, cp1251 on a Russian or Kyrgyz Windows,
  semicolon-separated where the decimal mark is a comma; Excel for Mac writes the Mac Cyrillic code page.

A file that is not UTF-8 is decoded in each single-byte Cyrillic code page and the one under which the most
labels and headers are recognized wins (a statistical detector guesses poorly on a few hundred bytes of
Kyrgyz). cp1251 has no ң ө ү: Excel writes «?» for them, which cannot be undone, so such a file is refused
with the way to save it as UTF-8. The delimiter is chosen the same way, by recognized labels.
"""

from __future__ import annotations

import codecs
import csv
import io
import re

from service.errors import InputError
from service.spreadsheets.files import MAX_COLUMNS, MAX_DATA_ROWS, MAX_ROW_NUMBER, Book, Sheet, problem, refuse
from service.spreadsheets.layouts import CSV_SHEET, LAYOUTS, Layout, TableSheet, normalize

DELIMITERS = (";", ",", "\t")
CODE_PAGES = ("cp1251", "mac_cyrillic", "cp866")  # Windows first: it wins a tie (KOI8-R has no №)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_LOST_LETTER = re.compile(r"[А-Яа-яЁё]\?|\?[А-Яа-яЁё]")  # «к?н?»: ү written as «?» by a code page without it


def read_records(content: bytes) -> list[list[str]]:
    """The CSV file's records, decoded and split by the delimiter under which its labels are recognized."""
    text = decode(content)
    best: tuple[int, list[list[str]]] | None = None
    for delimiter in DELIMITERS:
        try:  # not strict: a stray quote inside a cell is kept as text, as Excel does
            records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error as error:  # a NUL character, a field over the csv module's limit
            raise refuse("upload_damaged", f"the CSV file cannot be read: {error}") from None
        score = recognized(records)
        if best is None or score > best[0]:
            best = (score, records)
    assert best is not None
    return best[1]


def decode(content: bytes) -> str:
    """The file's text: by its BOM, else UTF-8 if it is valid UTF-8, else the best Cyrillic code page."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if content.startswith(bom):
            return _decoded(content[len(bom) :], encoding)
    head = content[:4096]
    if b"\x00" in head:
        # UTF-16 without a BOM (rare: Excel and Calc write one); anything else with NUL bytes is binary.
        for encoding in ("utf-16-le", "utf-16-be"):
            if _plain_text(head[: len(head) // 2 * 2], encoding):
                return _decoded(content, encoding)
        raise refuse("upload_not_spreadsheet", "binary data, not a CSV file", kind="?")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    texts = [content.decode(encoding, errors="replace") for encoding in CODE_PAGES]
    scores = [max(recognized(list(csv.reader(io.StringIO(text), delimiter=d))) for d in DELIMITERS) for text in texts]
    text = texts[scores.index(max(scores))]
    if _LOST_LETTER.search(text):
        raise refuse("sheet_csv_code_page", "the CSV file is in the Windows code page, which has no ң ө ү")
    return text


def _plain_text(head: bytes, encoding: str) -> bool:
    """Whether ``head`` reads as text in ``encoding``: no control characters but tab and line ends."""
    try:
        text = head.decode(encoding)
    except UnicodeDecodeError:
        return False
    return bool(text) and all(char.isprintable() or char in "\t\r\n" for char in text)


def _decoded(content: bytes, encoding: str) -> str:
    try:
        return content.decode(encoding)
    except UnicodeDecodeError:
        raise refuse("sheet_csv_encoding", f"the CSV file is not valid {encoding}") from None


def recognized(records: list[list[str]]) -> int:
    """How many cells of the first records are a label or header of some layout (either language)."""
    labels = _all_labels()
    return sum(1 for record in records[:500] for cell in record[:MAX_COLUMNS] if normalize(cell) in labels)


def _all_labels() -> frozenset[str]:
    found = set()
    for layout in LAYOUTS.values():
        for sheet in layout.sheets():
            fields = sheet.columns if isinstance(sheet, TableSheet) else sheet.fields
            found |= {normalize(label) for item in fields for label in item.labels}
    return frozenset(found)


def table_for_header(values: tuple[object, ...], layout: Layout) -> TableSheet | None:
    """The table whose header this row is: at least half its columns named, and the most of them."""
    cells = {normalize(value) for value in values if value is not None}
    best: tuple[int, TableSheet] | None = None
    for table in layout.tables:
        named = sum(1 for column in table.columns if any(normalize(label) in cells for label in column.labels))
        if named * 2 >= len(table.columns) and (best is None or named > best[0]):
            best = (named, table)
    return best[1] if best else None


def split(records: list[list[str]], layout: Layout) -> Book:
    """A CSV's records as the layout's sheets: label/value rows first, then each table after its header.

    A part the file lacks is absent from the book (Excel saves only the active sheet to CSV: a clerk who
    saved the table sheet has no form part), so the reader can say which parts are missing.
    """
    form_key = normalize(layout.form.name)
    book: Book = {}
    current = Sheet(CSV_SHEET)
    filled = 0
    for number, record in enumerate(records, start=1):
        values = tuple((cell if cell.strip() else None) for cell in record[:MAX_COLUMNS])
        if not any(value is not None for value in values):
            continue
        filled += 1
        if filled > MAX_DATA_ROWS or number > MAX_ROW_NUMBER:
            limit = MAX_DATA_ROWS
            raise InputError(problem("sheet_too_many_rows", f"more than {limit} rows", CSV_SHEET, limit=limit))
        table = table_for_header(values, layout)
        if table is not None and normalize(table.name) not in book:
            current = book[normalize(table.name)] = Sheet(CSV_SHEET)
        elif not book:
            current = book[form_key] = Sheet(CSV_SHEET)
        current.rows.append((number, values))
    return book
