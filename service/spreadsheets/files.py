"""Uploaded bytes to grids of cell values: what kind of file it is, whether it is safe to open, and its rows.

Nothing here knows a document's fields; it answers "which sheets, which rows, which values" or refuses the
file as a whole with one clear problem. Everything is done in memory: the bytes are never written to disk.

The order of the checks matters: the file's first bytes decide its kind (a PDF renamed ``.xlsx`` is a PDF);
an OLE compound file is either an old ``.xls`` or a password-protected workbook (Office encrypts OOXML into
an OLE container); a ZIP is measured (entries, unpacked size, compression ratio) and its XML scanned for
DOCTYPE declarations *before* openpyxl opens it, so that a zip bomb or an entity expansion never reaches a
parser.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any

from service.errors import InputError, PayloadTooLarge, Problem
from service.spreadsheets.layouts import CSV_SHEET, Layout, TableSheet, normalize

# ZIP limits, checked on the central directory before anything is unpacked. The workbooks Kagaz writes have
# ~15 entries and unpack to well under 1 MiB for the whole plan; Excel adds a few entries per sheet, image
# or comment. zipfile stops at each entry's declared size, so the declared sizes bound what is unpacked.
MAX_ZIP_ENTRIES = 500
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_RATIO = 200  # sheet XML compresses 5-30x; a bomb 1000x and more. Only entries over 1 MiB are judged.
RATIO_FLOOR_BYTES = 1024 * 1024

MAX_COLUMNS = 30  # columns read per sheet; the layouts use at most 8
MAX_DATA_ROWS = 2_000  # filled rows per sheet; the models allow at most 200 measures
MAX_ROW_NUMBER = 20_000  # a sheet whose rows go on past this is refused rather than scanned to row 1 048 576

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_SNIFFED = {b"%PDF": "PDF", b"\x89PNG": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF8": "GIF", b"{\\rtf": "RTF"}
_DOCTYPE_MARKS = tuple(
    mark.encode(encoding) for mark in ("<!DOCTYPE", "<!ENTITY") for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)


@dataclass
class Sheet:
    """A sheet's filled rows: ``(row number, values)``, values indexed by column (0 is column A)."""

    name: str  # as the place of a problem names it: the sheet's title, or ``CSV``
    rows: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list)


Book = dict[str, Sheet]
"""Sheets by their normalized layout name; a sheet the file does not have is absent."""


def problem(code: str, message: str, location: str = "file", **params: object) -> Problem:
    return Problem(location, code, message, dict(params))


def refuse(code: str, message: str, location: str = "file", **params: object) -> InputError:
    return InputError(problem(code, message, location, **params))


def read_book(content: bytes, filename: str, layout: Layout) -> Book:
    """The file's sheets as rows of values, or one ``InputError`` saying why it cannot be read at all."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if not content.strip():
        raise refuse("upload_empty", "the file is empty")
    if content.startswith(ZIP_MAGIC):
        return read_xlsx(content, layout)
    if content.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in content:
            raise refuse("upload_encrypted", "the workbook is password-protected; remove the password and save it")
        raise refuse("upload_xls", "an old Excel (.xls) file; save it as an Excel workbook (.xlsx)")
    for magic, kind in _SNIFFED.items():
        if content.startswith(magic):
            raise refuse("upload_not_spreadsheet", f"a {kind} file, not a spreadsheet", kind=kind)
    if suffix in ("xlsx", "xlsm", "xls", "ods") or b"\x00" in content[:4096]:
        raise refuse("upload_not_spreadsheet", "not a spreadsheet (.xlsx or .csv)", kind=suffix.upper() or "?")
    return read_csv(content, layout)


# ------------------------------------------------------------------------------------------------ xlsx


def check_zip(archive: zipfile.ZipFile) -> None:
    """Refuse archives that would unpack too much, or carry XML with DOCTYPE/entities, before any parsing."""
    entries = archive.infolist()
    if len(entries) > MAX_ZIP_ENTRIES:
        raise refuse("upload_zip_entries", f"{len(entries)} parts in the file", count=len(entries))
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNPACKED_BYTES:
        error = PayloadTooLarge(
            problem("upload_unpacked_too_large", f"unpacks to {total:,} bytes", limit_mb=MAX_UNPACKED_BYTES >> 20)
        )
        raise error
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
            raise PayloadTooLarge(
                problem("upload_compression_ratio", f"{entry.filename} is compressed {ratio:.0f}x", name=entry.filename)
            )
    names = {entry.filename for entry in entries}
    if "xl/workbook.xml" not in names:
        if "mimetype" in names and b"opendocument.spreadsheet" in archive.read("mimetype")[:100]:
            raise refuse("upload_ods", "an OpenDocument spreadsheet (.ods); save it as .xlsx")
        raise refuse("upload_not_spreadsheet", "a ZIP file that is not an Excel workbook", kind="ZIP")
    if any("vbaproject" in name.lower() for name in names):
        # openpyxl never runs VBA, but a macro workbook is refused as a .docm template is: one rule for both.
        raise refuse("upload_macro", "a macro-enabled workbook (.xlsm); save it as .xlsx without macros")
    for entry in entries:
        # Every part, whatever its name: Excel finds the parts by the package's relationships, not by suffix.
        if _has_doctype(archive, entry):
            raise refuse("upload_doctype", f"{entry.filename} declares a DOCTYPE or entities", name=entry.filename)


def _has_doctype(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bool:
    """Whether the part contains ``<!DOCTYPE``/``<!ENTITY`` (a literal ``<`` cannot occur in XML text)."""
    tail = b""
    with archive.open(entry) as stream:
        while chunk := stream.read(64 * 1024):
            window = tail + chunk
            if any(mark in window for mark in _DOCTYPE_MARKS):
                return True
            tail = window[-32:]
    return False


# openpyxl on a hostile or damaged file can fail in many ways; each means "this file cannot be read".
_BROKEN = (zipfile.BadZipFile, zlib.error, KeyError, ValueError, TypeError, AttributeError, IndexError)
_BROKEN_IO = (OSError, EOFError, SyntaxError, NotImplementedError)


def read_xlsx(content: bytes, layout: Layout) -> Book:
    """Values (cached results, not formulas) of the layout's sheets; formula cells without a value refused."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            check_zip(archive)
        with warnings.catch_warnings():
            # openpyxl warns about features it drops (extensions, unknown styles); none matter for values.
            warnings.simplefilter("ignore", UserWarning)
            values = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            formulas = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
            try:
                book, problems = _sheets(values, formulas, layout)
            finally:
                values.close()
                formulas.close()
    except InputError:
        raise
    except (*_BROKEN, *_BROKEN_IO, InvalidFileException) as error:
        raise refuse("upload_damaged", f"the workbook cannot be read: {error.__class__.__name__}") from None
    if problems:
        raise InputError(problems)
    return book


def _sheets(values: Any, formulas: Any, layout: Layout) -> tuple[Book, list[Problem]]:
    wanted = {normalize(sheet.name) for sheet in layout.sheets()}
    book: Book = {}
    problems: list[Problem] = []
    for worksheet in values.worksheets:
        key = normalize(worksheet.title)
        if key not in wanted or not hasattr(worksheet, "reset_dimensions"):
            continue  # the instruction and list sheets, a clerk's own sheets, chartsheets
        sheet = Sheet(worksheet.title)
        formula_cells = _formula_cells(formulas[worksheet.title])
        worksheet.reset_dimensions()  # a declared dimension may lie (A1:XFD1048576); read the rows present
        for number, cells in enumerate(worksheet.iter_rows(max_col=MAX_COLUMNS), start=1):
            if number > MAX_ROW_NUMBER:
                problems.append(_too_many(sheet.name, MAX_ROW_NUMBER))
                break
            row = []
            for column, cell in enumerate(cells, start=1):
                value = getattr(cell, "value", None)
                where = f"{sheet.name}!{_letter(column)}{number}"
                if getattr(cell, "data_type", None) == "e":
                    problems.append(problem("sheet_cell_error", f"the cell shows {value}", where, value=value))
                    value = None
                elif value is None and (number, column) in formula_cells:
                    problems.append(problem("sheet_formula_no_value", "a formula without a saved value", where))
                value = _plain(value)
                row.append(value)
            if any(value is not None for value in row):
                sheet.rows.append((number, tuple(row)))
                if len(sheet.rows) > MAX_DATA_ROWS:
                    problems.append(_too_many(sheet.name, MAX_DATA_ROWS))
                    break
        book[key] = sheet
    return book, problems


def _formula_cells(worksheet: Any) -> set[tuple[int, int]]:
    """Where the formula view of the sheet has a formula (``data_only`` shows those cells' cached values)."""
    found: set[tuple[int, int]] = set()
    if not hasattr(worksheet, "reset_dimensions"):
        return found
    worksheet.reset_dimensions()
    for number, cells in enumerate(worksheet.iter_rows(max_col=MAX_COLUMNS), start=1):
        if number > MAX_ROW_NUMBER:
            break
        for column, cell in enumerate(cells, start=1):
            if getattr(cell, "data_type", None) == "f":
                found.add((number, column))
    return found


def _plain(value: Any) -> Any:
    """A cell value as the reader wants it: blank text is None, a midnight datetime a date."""
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, dt.datetime) and value.time() == dt.time(0, 0):
        return value.date()
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    return value


def _too_many(sheet: str, limit: int) -> Problem:
    return problem("sheet_too_many_rows", f"more than {limit} rows", sheet, sheet=sheet, limit=limit)


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


# ------------------------------------------------------------------------------------------------- csv


def read_csv(content: bytes, layout: Layout) -> Book:
    """A CSV file in the documented layout: label/value rows, then each table after its header row.

    UTF-8 with or without BOM; the delimiter (comma or semicolon) is the one under which the file's labels
    and headers are recognized best, which is sturdier than guessing from character counts.
    """
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise refuse("sheet_csv_encoding", "the CSV file is not UTF-8; save it as «CSV UTF-8»") from None
    best: tuple[int, list[list[str]]] | None = None
    for delimiter in (";", ","):
        try:  # not strict: a stray quote inside a cell is kept as text, as Excel does
            records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error as error:  # a NUL byte, a field over the csv module's limit
            raise refuse("upload_damaged", f"the CSV file cannot be read: {error}") from None
        score = _recognized(records, layout)
        if best is None or score > best[0]:
            best = (score, records)
    assert best is not None
    return _split_csv(best[1], layout)


def _recognized(records: list[list[str]], layout: Layout) -> int:
    labels = {normalize(field.label) for sheet in layout.sheets() for field in _fields(sheet)}
    return sum(1 for record in records[:500] for cell in record[:MAX_COLUMNS] if normalize(cell) in labels)


def _fields(sheet: Any) -> tuple[Any, ...]:
    return sheet.columns if isinstance(sheet, TableSheet) else sheet.fields


def table_for_header(values: tuple[Any, ...], layout: Layout) -> TableSheet | None:
    """The table whose header this row is: at least half its columns named, and the most of them."""
    cells = {normalize(value) for value in values if value is not None}
    best: tuple[int, TableSheet] | None = None
    for table in layout.tables:
        named = sum(1 for column in table.columns if normalize(column.label) in cells)
        if named * 2 >= len(table.columns) and (best is None or named > best[0]):
            best = (named, table)
    return best[1] if best else None


def _split_csv(records: list[list[str]], layout: Layout) -> Book:
    book: Book = {normalize(layout.form.name): Sheet(CSV_SHEET)}
    current = book[normalize(layout.form.name)]
    filled = 0
    for number, record in enumerate(records, start=1):
        values = tuple((cell if cell.strip() else None) for cell in record[:MAX_COLUMNS])
        if not any(value is not None for value in values):
            continue
        filled += 1
        if filled > MAX_DATA_ROWS or number > MAX_ROW_NUMBER:
            raise InputError(_too_many(CSV_SHEET, MAX_DATA_ROWS))
        table = table_for_header(values, layout)
        if table is not None and normalize(table.name) not in book:
            current = book[normalize(table.name)] = Sheet(CSV_SHEET)
        current.rows.append((number, values))
    return book
