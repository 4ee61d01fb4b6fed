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

import datetime as dt
import io
import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any

from service.errors import InputError, PayloadTooLarge, Problem
from service.spreadsheets.layouts import LAYOUTS, normalize

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
    """A sheet's filled rows: ``(row number, values)``, values indexed by column (0 is column A).

    ``merged`` are its merged ranges as ``(first column, first row, last column, last row)``, 1-based: a
    merged range shows its value only in the first cell, so the reader decides what the others mean.
    ``problems`` are the sheet's own (a cell showing an error, a formula without a value): reported only
    when the document read uses the sheet, so a clerk's own sheet never fails the upload.
    """

    name: str  # as the place of a problem names it: the sheet's title, or ``CSV``
    rows: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


Book = dict[str, Sheet]
"""Sheets by their normalized (Kyrgyz) layout name; a sheet the file does not have is absent."""


@dataclass
class Grid:
    """What a file holds before a document's layout is applied: a workbook's sheets, or a CSV's records."""

    sheets: dict[str, Sheet] = field(default_factory=dict)  # by normalized title (workbooks)
    records: list[list[str]] | None = None  # a CSV file's records, each a list of cells

    @property
    def is_csv(self) -> bool:
        return self.records is not None


def problem(code: str, message: str, location: str = "file", **params: object) -> Problem:
    return Problem(location, code, message, dict(params))


def refuse(code: str, message: str, location: str = "file", **params: object) -> InputError:
    return InputError(problem(code, message, location, **params))


def sniff(content: bytes, filename: str) -> str:
    """``xlsx`` or ``csv`` by the file's first bytes, or one ``InputError`` saying what else it is.

    The bytes decide, not the name: a PDF renamed ``.xlsx`` is a PDF. An OLE compound file is an old
    ``.xls`` or a password-protected workbook (Office encrypts OOXML into an OLE container).
    """
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if not content.strip():
        raise refuse("upload_empty", "the file is empty")
    if content.startswith(ZIP_MAGIC):
        return "xlsx"
    if content.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in content:
            raise refuse("upload_encrypted", "the workbook is password-protected; remove the password and save it")
        raise refuse("upload_xls", "an old Excel (.xls) file; save it as an Excel workbook (.xlsx)")
    for magic, kind in _SNIFFED.items():
        if content.startswith(magic):
            raise refuse("upload_not_spreadsheet", f"a {kind} file, not a spreadsheet", kind=kind)
    if suffix in ("xlsx", "xlsm", "xls", "ods"):
        raise refuse("upload_not_spreadsheet", "not a spreadsheet (.xlsx or .csv)", kind=suffix.upper())
    return "csv"


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


def read_xlsx(content: bytes) -> dict[str, Sheet]:
    """Values (cached results, not formulas) of the sheets any layout names, by normalized title."""
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
                return _sheets(values, formulas)
            finally:
                values.close()
                formulas.close()
    except InputError:
        raise
    except (*_BROKEN, *_BROKEN_IO, InvalidFileException) as error:
        raise refuse("upload_damaged", f"the workbook cannot be read: {error.__class__.__name__}") from None


def _sheets(values: Any, formulas: Any) -> dict[str, Sheet]:
    wanted = sheet_names()
    book: dict[str, Sheet] = {}
    for worksheet in values.worksheets:
        key = normalize(worksheet.title)
        if key not in wanted or key in book or not hasattr(worksheet, "reset_dimensions"):
            continue  # the instruction and list sheets, a clerk's own sheets, chartsheets
        sheet = Sheet(worksheet.title, merged=merged_ranges(worksheet))
        problems = sheet.problems
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
    return book


def sheet_names() -> set[str]:
    """Every sheet name some layout reads, in either language, normalized."""
    return {normalize(name) for layout in LAYOUTS.values() for sheet in layout.sheets() for name in sheet.names}


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]{1,3}\d+:[A-Z]{1,3}\d+)"')


def merged_ranges(worksheet: Any) -> list[tuple[int, int, int, int]]:
    """The sheet's merged ranges, read from its XML (openpyxl's read-only mode does not parse them).

    The ``<mergeCells>`` element follows the sheet's data; the part was already measured and scanned for
    DOCTYPE by ``check_zip``, so reading it in chunks here costs one more pass and nothing more.
    """
    from openpyxl.utils.cell import range_boundaries

    found: list[tuple[int, int, int, int]] = []
    tail = b""
    with worksheet._get_source() as stream:  # read-only sheets expose no other way to their part
        while chunk := stream.read(256 * 1024):
            window = tail + chunk
            cut = window.rfind(b"<")
            complete, tail = (window[:cut], window[cut:]) if cut > 0 else (window, b"")
            for ref in _MERGE.findall(complete):
                low_col, low_row, high_col, high_row = range_boundaries(ref.decode("ascii"))
                found.append((low_col, low_row, high_col, high_row))
            if len(found) > MAX_DATA_ROWS:
                break
    return found


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
