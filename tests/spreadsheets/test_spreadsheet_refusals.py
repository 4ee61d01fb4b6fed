"""Files the import refuses as a whole, each with its own clear problem, before anything is rendered.

Every broken file is made here: with openpyxl (a clerk's edits), with zipfile (bombs, DOCTYPE, damage) or as
raw bytes (a PDF renamed .xlsx, an old .xls, a password-protected workbook, a CP1251 CSV).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest

from conftest import SAMPLES
from service import spreadsheets
from service.documents.reference import Reference, load_reference
from service.errors import InputError, PayloadTooLarge, Problem
from service.settings import load_settings
from service.spreadsheets import files

OLE = bytes.fromhex("d0cf11e0a1b11ae1")
ENCRYPTED = OLE + b"\x00" * 500 + "EncryptionInfo".encode("utf-16-le") + "EncryptedPackage".encode("utf-16-le")


@pytest.fixture(scope="module")
def reference() -> Reference:
    settings = load_settings({"start_pool": False})
    return load_reference(settings.plan_file, settings.organizations_file)


@pytest.fixture(scope="module")
def plan_book() -> bytes:
    return (SAMPLES / "spreadsheets" / "action_plan.xlsx").read_bytes()


def refused(content: bytes, reference: Reference, filename: str = "upload.xlsx") -> list[Problem]:
    with pytest.raises(InputError) as caught:
        spreadsheets.read("action-plan", content, filename, reference)
    return caught.value.problems


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


def edited(content: bytes, change: Callable[[openpyxl.Workbook], Any]) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(content))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rezipped(content: bytes, replace: dict[str, bytes | None], extra: dict[str, bytes] | None = None) -> bytes:
    """The workbook's ZIP with parts replaced (None: removed) and added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            if entry.filename in replace:
                if replace[entry.filename] is not None:
                    target.writestr(entry.filename, replace[entry.filename])  # type: ignore[arg-type]
            else:
                target.writestr(entry, source.read(entry))
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def sheet_part(content: bytes, title: str) -> str:
    """The ZIP part name of the sheet called ``title``."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet[^>]*name="{title}"[^>]*r:id="(rId\d+)"', workbook) or re.search(
        rf'<sheet[^>]*r:id="(rId\d+)"[^>]*name="{title}"', workbook
    )
    assert rid, workbook
    target = re.search(rf'Id="{rid.group(1)}"[^>]*Target="([^"]+)"', rels) or re.search(
        rf'Target="([^"]+)"[^>]*Id="{rid.group(1)}"', rels
    )
    assert target
    return "xl/" + target.group(1).lstrip("/").removeprefix("xl/")


# ----------------------------------------------------------------------------------- not a workbook


@pytest.mark.parametrize(
    ("content", "filename", "code"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n", "plan.xlsx", "upload_not_spreadsheet"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "plan.xlsx", "upload_not_spreadsheet"),
        (b"plain text, but called .xlsx", "plan.xlsx", "upload_not_spreadsheet"),
        (OLE + b"\x00" * 500 + "Workbook".encode("utf-16-le") + b"\x00" * 500, "plan.xls", "upload_xls"),
        (ENCRYPTED, "plan.xlsx", "upload_encrypted"),
        (b"", "plan.xlsx", "upload_empty"),
        (b"\x00\x01binary\x00" * 20, "plan.csv", "upload_not_spreadsheet"),
    ],
    ids=["pdf-renamed", "png-renamed", "text-renamed", "xls", "encrypted", "empty", "binary-csv"],
)
def test_files_that_are_not_workbooks(reference: Reference, content: bytes, filename: str, code: str) -> None:
    problem = only(refused(content, reference, filename))
    assert problem.code == code
    assert problem.location == "file"


def test_the_pdf_is_named_as_a_pdf(reference: Reference) -> None:
    assert only(refused(b"%PDF-1.4 ...", reference)).params == {"kind": "PDF"}


def test_a_zip_that_is_not_a_workbook(reference: Reference) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert only(refused(out.getvalue(), reference)).code == "upload_not_spreadsheet"


def test_an_opendocument_spreadsheet(reference: Reference) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    assert only(refused(out.getvalue(), reference, "plan.ods")).code == "upload_ods"


def test_a_damaged_workbook(reference: Reference, plan_book: bytes) -> None:
    broken = rezipped(plan_book, {"xl/workbook.xml": b"<workbook><sheets><sheet name="})
    assert only(refused(broken, reference)).code == "upload_damaged"


def test_a_truncated_workbook(reference: Reference, plan_book: bytes) -> None:
    assert only(refused(plan_book[: len(plan_book) // 2], reference)).code == "upload_damaged"


def test_a_cp1251_csv_that_lost_kyrgyz_letters_is_told_to_be_saved_as_utf8(reference: Reference) -> None:
    """Excel's «CSV (comma delimited)» writes «?» for ң ө ү (cp1251 has none): refused, never read as «?»."""
    content = "Талаа;Маани\nЖылы;2025\nБуйруктун күнү;14.03.2025\n".encode("cp1251", errors="replace")
    assert b"?" in content
    assert only(refused(content, reference, "plan.csv")).code == "sheet_csv_code_page"


# ------------------------------------------------------------------------------------------ zip bombs


def test_a_zip_bomb_is_refused_by_its_unpacked_size(reference: Reference, plan_book: bytes) -> None:
    bomb = rezipped(plan_book, {}, {"xl/media/zeros.bin": bytes(files.MAX_UNPACKED_BYTES + 1)})
    assert len(bomb) < 200_000  # what is uploaded is small; what it unpacks to is not
    with pytest.raises(PayloadTooLarge) as caught:
        spreadsheets.read("action-plan", bomb, "plan.xlsx", reference)
    assert only(caught.value.problems).code == "upload_unpacked_too_large"


def test_a_part_compressed_beyond_any_spreadsheet_is_refused(reference: Reference, plan_book: bytes) -> None:
    part = sheet_part(plan_book, "Иш-чаралар")
    with zipfile.ZipFile(io.BytesIO(plan_book)) as archive:
        xml = archive.read(part)
    padded = xml.replace(b"</worksheet>", b"<!--" + b" " * (4 * 1024 * 1024) + b"--></worksheet>")
    problem = only(refused(rezipped(plan_book, {part: padded}), reference))
    assert problem.code == "upload_compression_ratio"
    assert problem.params == {"name": part}


def test_too_many_parts(reference: Reference, plan_book: bytes) -> None:
    extra = {f"xl/media/image{index}.png": b"x" for index in range(files.MAX_ZIP_ENTRIES)}
    assert only(refused(rezipped(plan_book, {}, extra), reference)).code == "upload_zip_entries"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_xml_with_a_doctype_or_entities_is_refused(reference: Reference, plan_book: bytes, encoding: str) -> None:
    with zipfile.ZipFile(io.BytesIO(plan_book)) as archive:
        xml = archive.read("xl/workbook.xml").decode("utf-8")
    laughs = '<!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
    body = xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>'
    hostile = (declaration + laughs + body).encode(encoding)
    problem = only(refused(rezipped(plan_book, {"xl/workbook.xml": hostile}), reference))
    assert problem.code == "upload_doctype"


# -------------------------------------------------------------------------------- sheets and columns


def test_a_missing_sheet_is_named(reference: Reference, plan_book: bytes) -> None:
    problem = only(refused(edited(plan_book, lambda book: book.remove(book["Иш-чаралар"])), reference))
    assert problem.code == "sheet_missing"
    assert problem.params["sheet"] == "Иш-чаралар"
    assert "«Буйрук»" in str(problem.params["found"])


def test_an_empty_sheet(reference: Reference, plan_book: bytes) -> None:
    def empty(book: openpyxl.Workbook) -> None:
        book.remove(book["Иш-чаралар"])
        book.create_sheet("Иш-чаралар")

    problem = only(refused(edited(plan_book, empty), reference))
    assert (problem.code, problem.location) == ("sheet_empty", "Иш-чаралар")


def test_a_sheet_with_only_its_header(reference: Reference, plan_book: bytes) -> None:
    problem = only(refused(edited(plan_book, lambda book: book["Иш-чаралар"].delete_rows(2, 100)), reference))
    assert problem.code == "sheet_no_rows"


def test_missing_columns_are_named(reference: Reference, plan_book: bytes) -> None:
    def drop(book: openpyxl.Workbook) -> None:
        book["Иш-чаралар"].delete_cols(6)  # Ишке ашыруу мөөнөттөрү

    problem = only(refused(edited(plan_book, drop), reference))
    assert problem.code == "sheet_missing_columns"
    assert problem.location == "Иш-чаралар!1:1"
    assert problem.params["columns"] == "«Ишке ашыруу мөөнөттөрү»"


def test_an_unknown_column_header(reference: Reference, plan_book: bytes) -> None:
    problem = only(refused(edited(plan_book, lambda book: book["Иш-чаралар"].cell(1, 9, "Эскертүү")), reference))
    assert (problem.code, problem.location) == ("sheet_unknown_column", "Иш-чаралар!I1")


def test_an_unknown_label(reference: Reference, plan_book: bytes) -> None:
    """The unknown label at its cell, and in the same answer the required field it left without a row."""
    unknown, missing = refused(edited(plan_book, lambda book: book["Буйрук"].cell(2, 1, "Жыл")), reference)
    assert (unknown.code, unknown.location) == ("sheet_unknown_label", "Буйрук!A2")
    assert (missing.code, missing.location, missing.params["header"]) == ("missing", "Буйрук", "Жылы")


def test_too_many_rows(reference: Reference, plan_book: bytes) -> None:
    def grow(book: openpyxl.Workbook) -> None:
        sheet = book["Иш-чаралар"]
        for row in range(2, files.MAX_DATA_ROWS + 3):
            sheet.cell(row, 3, row)

    problem = only(refused(edited(plan_book, grow), reference))
    assert (problem.code, problem.params["limit"]) == ("sheet_too_many_rows", files.MAX_DATA_ROWS)


def test_a_value_far_below_the_table(reference: Reference, plan_book: bytes) -> None:
    def far(book: openpyxl.Workbook) -> None:
        book["Иш-чаралар"].cell(files.MAX_ROW_NUMBER + 5, 1, 1)

    problem = only(refused(edited(plan_book, far), reference))
    assert problem.code == "sheet_too_many_rows"


# -------------------------------------------------------------------------------- formulas and errors


def test_a_formula_without_a_saved_value_is_named(reference: Reference, plan_book: bytes) -> None:
    # openpyxl, like a script, writes formulas without their computed values.
    broken = edited(plan_book, lambda book: book["Иш-чаралар"].__setitem__("F7", '="2025"&"-жыл"'))
    problem = only(refused(broken, reference))
    assert (problem.code, problem.location) == ("sheet_formula_no_value", "Иш-чаралар!F7")


def test_a_formula_with_a_saved_value_is_read_as_its_value(reference: Reference, plan_book: bytes) -> None:
    formula = edited(plan_book, lambda book: book["Иш-чаралар"].__setitem__("F7", '="2025"&"-жыл"'))
    part = sheet_part(formula, "Иш-чаралар")
    with zipfile.ZipFile(io.BytesIO(formula)) as archive:
        xml = archive.read(part).decode()
    cell = re.search(r'<c r="F7"[^>]*>.*?</c>', xml)
    assert cell and "<f>" in cell.group(0)
    saved = re.sub(r"<v>.*?</v>|<v\s*/>", "", cell.group(0)).replace("</f>", "</f><v>2025-жыл</v>")
    saved = re.sub(r'\st="[^"]*"', "", saved).replace("<c ", '<c t="str" ', 1)
    content = rezipped(formula, {part: xml.replace(cell.group(0), saved).encode()})
    imported = spreadsheets.read("action-plan", content, "plan.xlsx", reference)
    [path] = [path for path, place in imported.places.items() if place.location == "Иш-чаралар!F7"]
    section, measure = map(int, re.findall(r"\[(\d+)\]", path))
    assert imported.data["sections"][section]["measures"][measure]["deadline"] == "2025-жыл"


def test_a_cell_showing_an_error(reference: Reference, plan_book: bytes) -> None:
    problem = only(refused(edited(plan_book, lambda book: book["Иш-чаралар"].__setitem__("C5", "#REF!")), reference))
    assert (problem.code, problem.location, problem.params) == ("sheet_cell_error", "Иш-чаралар!C5", {"value": "#REF!"})
