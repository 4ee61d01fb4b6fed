"""The staff form through Flask's test client: every refusal is the page again with the problem and its
place (never a 500, never a file), the choices are kept, CSRF is enforced, the workbooks download.

The browser tests (``test_web_browser.py``) do the same in Chromium; these are the fast, exhaustive ones.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import re
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import docx
import openpyxl
import pytest
from flask import Flask
from flask.testing import FlaskClient
from pagetools import csrf
from PIL import Image

from conftest import SAMPLES
from service import create_app
from service.spreadsheets import files

PLAN_BOOK = SAMPLES / "spreadsheets" / "action_plan.xlsx"
REPORT_BOOK = SAMPLES / "spreadsheets" / "progress_report.xlsx"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def submit(
    client: FlaskClient,
    content: bytes,
    filename: str = "plan.xlsx",
    document: str = "action-plan",
    fmt: str = "docx",
    lang: str = "ky",
    **extra: Any,
) -> Any:
    form = {
        "csrf_token": csrf(client),
        "document": document,
        "format": fmt,
        "file": (io.BytesIO(content), filename),
        **extra,
    }
    return client.post(f"/?lang={lang}", data=form, content_type="multipart/form-data")


def errors(response: Any) -> list[str]:
    """The problems the page shows, as text: «place — message»."""
    page = response.get_data(as_text=True)
    box = re.search(r'<div class="errors".*?</ul>', page, re.S)
    assert box, page[:2000]
    items = re.findall(r"<li>(.*?)</li>", box.group(0), re.S)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", item)).split()) for item in items]


def checked(response: Any, name: str) -> str:
    page = response.get_data(as_text=True)
    found = re.findall(rf'<input type="radio" name="{name}" id="[^"]+" value="([^"]+)"\s+checked', page)
    assert len(found) == 1, found
    return found[0]


def edited(path: Path, change: Any) -> bytes:
    book = openpyxl.load_workbook(path)
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------------------------- the page


def test_the_page_is_kyrgyz_with_a_safe_policy(docx_client: FlaskClient) -> None:
    response = docx_client.get("/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert '<html lang="ky">' in page
    assert "Документ даярдоо" in page and "Сот департаменти" in page
    assert 'enctype="multipart/form-data"' in page
    for link in ("/spreadsheets/action-plan.xlsx", "/spreadsheets/progress-report.xlsx?example=1"):
        assert link in page
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "<script>" not in page and "style=" not in page  # nothing inline for the policy to allow
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "SameSite=Lax" in response.headers["Set-Cookie"]


def test_the_russian_switch_is_kept_in_the_session(docx_client: FlaskClient) -> None:
    assert "Подготовка документа" in docx_client.get("/?lang=ru").get_data(as_text=True)
    page = docx_client.get("/").get_data(as_text=True)
    assert '<html lang="ru">' in page and "Подготовить документ" in page
    assert "Prepare the document" in docx_client.get("/?lang=en").get_data(as_text=True)


def test_assets_are_served(docx_client: FlaskClient) -> None:
    for name, kind in (("kagaz.css", "text/css"), ("form.js", "text/javascript")):
        response = docx_client.get(f"/assets/{name}")
        assert response.status_code == 200
        assert response.mimetype == kind
        response.close()


# ------------------------------------------------------------------------------------------- workbooks


@pytest.mark.parametrize("document", ["action-plan", "progress-report"])
@pytest.mark.parametrize("example", [False, True])
def test_workbooks_download(docx_client: FlaskClient, document: str, example: bool) -> None:
    response = docx_client.get(f"/spreadsheets/{document}.xlsx" + ("?example=1" if example else ""))
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    name = unquote(response.headers["Content-Disposition"].split("''", 1)[1])
    assert name.endswith("үлгү.xlsx" if example else "бош таблица.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    assert book.sheetnames[0] == "Нускама"


def test_an_unknown_workbook_is_404(docx_client: FlaskClient) -> None:
    assert docx_client.get("/spreadsheets/generalized-report.xlsx").status_code == 404


# ------------------------------------------------------------------------------------------ success


def test_the_example_plan_becomes_a_docx(docx_client: FlaskClient) -> None:
    response = submit(docx_client, PLAN_BOOK.read_bytes(), download_token="abc123def456")
    assert response.status_code == 200
    assert response.mimetype == DOCX_TYPE
    assert unquote(response.headers["Content-Disposition"].split("''", 1)[1]) == "Иш-чаралар планы 2025.docx"
    assert response.headers["X-Kagaz-Template"] == "action-plan"
    assert "kagaz_download=abc123def456" in response.headers["Set-Cookie"]
    text = "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(response.data)).paragraphs)
    assert "Сот департаментинин" in text
    # the form's file is issued like the API's: numbered, its number printed in it and known to the register
    number = unquote(response.headers["X-Kagaz-Number-Printed"])
    assert number.startswith("КЖС-") and number in text
    issued = docx_client.get(f"/api/v1/issued/{response.headers['X-Kagaz-Number']}").get_json()
    assert issued["format"] == "docx" and issued["output_sha256"] == hashlib.sha256(response.data).hexdigest()


def test_a_report_with_signature_and_seal_images(docx_client: FlaskClient) -> None:
    images = sorted((SAMPLES / "images").glob("osh-oblast-court-*"))
    assert len(images) == 2
    response = submit(
        docx_client,
        REPORT_BOOK.read_bytes(),
        "report.xlsx",
        document="progress-report",
        signature_image=(io.BytesIO(images[1].read_bytes()), images[1].name),
        seal_image=(io.BytesIO(images[0].read_bytes()), images[0].name),
    )
    assert response.status_code == 200, errors(response)
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        media = [name for name in archive.namelist() if name.startswith("word/media/")]
    assert len(media) == 3  # the signature, the seal and the issuance number's QR code


def test_csv_upload(docx_client: FlaskClient) -> None:
    book = openpyxl.load_workbook(PLAN_BOOK, data_only=True)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    for row in book["Буйрук"].iter_rows(values_only=True):
        writer.writerow(row[:2])
    writer.writerow([])
    for row in book["Иш-чаралар"].iter_rows(values_only=True):
        if any(row):
            writer.writerow(row)
    response = submit(docx_client, ("\ufeff" + out.getvalue()).encode(), "plan.csv")
    assert response.status_code == 200, errors(response)


# ------------------------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("content", "filename", "expected"),
    [
        (b"%PDF-1.7 renamed", "plan.xlsx", "Бул таблица эмес (PDF)"),
        (bytes.fromhex("d0cf11e0a1b11ae1") + bytes(600), "plan.xls", "эски Excel (.xls)"),
        (bytes.fromhex("d0cf11e0a1b11ae1") + "EncryptedPackage".encode("utf-16-le"), "plan.xlsx", "сырсөз"),
        ("Талаа;Маани\nЖылы;2025\nКол коюлган күнү;15.01.2026".encode("cp1251", "replace"), "plan.csv", "UTF-8"),
    ],
    ids=["pdf", "xls", "encrypted", "cp1251"],
)
@pytest.mark.office  # a PDF is admitted (a place in the real pool's queue) before its file is read
def test_files_that_cannot_be_read(client: FlaskClient, content: bytes, filename: str, expected: str) -> None:
    response = submit(client, content, filename, document="progress-report", fmt="pdf")
    assert response.status_code == 422
    assert response.mimetype == "text/html"
    [shown] = errors(response)
    assert expected in shown
    assert checked(response, "document") == "progress-report"
    assert checked(response, "format") == "pdf"


def test_a_validation_error_names_sheet_row_and_column(docx_client: FlaskClient) -> None:
    def clear(book: openpyxl.Workbook) -> None:
        book["Иш-чаралар"]["F7"].value = None

    response = submit(docx_client, edited(PLAN_BOOK, clear))
    assert response.status_code == 422
    assert errors(response) == [
        "«Иш-чаралар» барагы, 7-сап, F тилке («Ишке ашыруу мөөнөттөрү») Милдеттүү талаа толтурулган эмес"
    ]


def test_errors_in_russian(docx_client: FlaskClient) -> None:
    def clear(book: openpyxl.Workbook) -> None:
        book["Иш-чаралар"]["F7"].value = None

    response = submit(docx_client, edited(PLAN_BOOK, clear), lang="ru")
    assert errors(response) == [
        "Лист «Иш-чаралар», строка 7, столбец F («Ишке ашыруу мөөнөттөрү») Обязательное поле не заполнено"
    ]
    assert '<html lang="ru">' in response.get_data(as_text=True)


def test_missing_columns_and_formulas_are_named(docx_client: FlaskClient) -> None:
    def break_it(book: openpyxl.Workbook) -> None:
        book["Иш-чаралар"].delete_cols(7)

    [shown] = errors(submit(docx_client, edited(PLAN_BOOK, break_it)))
    assert shown == (
        "«Иш-чаралар» барагы, 1-сап Тилкелер жок: «Күтүлүүчү жыйынтыктар». "
        "Баш саптагы аталыштар бош таблицадагыдай болушу керек"
    )
    [shown] = errors(submit(docx_client, edited(PLAN_BOOK, lambda book: book["Буйрук"].__setitem__("B2", "=2024+1"))))
    assert shown.startswith("«Буйрук» барагы, 2-сап, B тилке Формуланын мааниси сакталган эмес")


def test_missing_sheet_and_empty_sheet(docx_client: FlaskClient) -> None:
    [shown] = errors(submit(docx_client, edited(PLAN_BOOK, lambda book: book.remove(book["Буйрук"]))))
    assert shown.startswith("«Буйрук» барагы «Буйрук» барагы жок")

    def empty(book: openpyxl.Workbook) -> None:
        book.remove(book["Иш-чаралар"])
        book.create_sheet("Иш-чаралар")

    [shown] = errors(submit(docx_client, edited(PLAN_BOOK, empty)))
    assert shown == "«Иш-чаралар» барагы «Иш-чаралар» барагы бош"


def test_a_zip_bomb_is_a_form_message(docx_client: FlaskClient) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(PLAN_BOOK) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(entry, source.read(entry))
        target.writestr("xl/media/zeros.bin", bytes(files.MAX_UNPACKED_BYTES + 1))
    response = submit(docx_client, out.getvalue())
    assert response.status_code == 413
    [shown] = errors(response)
    assert "Файл ачылганда өтө чоң болот" in shown


def test_a_bad_signature_image_is_named_with_the_sheet_problems(docx_client: FlaskClient) -> None:
    def blank_year(book: openpyxl.Workbook) -> None:
        book["Отчет"]["B2"].value = "эки миң"

    gif = io.BytesIO()
    Image.new("RGB", (20, 10)).save(gif, "GIF")
    response = submit(
        docx_client,
        edited(REPORT_BOOK, blank_year),
        document="progress-report",
        signature_image=(io.BytesIO(gif.getvalue()), "signature.gif"),
    )
    assert response.status_code == 422
    shown = errors(response)
    assert shown[0] == "Кол тамганын сүрөтү GIF сүрөтү кабыл алынбайт: PNG же JPEG катары сактаңыз"
    assert shown[1].startswith("«Отчет» барагы, 2-сап, B тилке («Жылы») Бүтүн сан болушу керек")


def test_no_file_and_no_choices(docx_client: FlaskClient) -> None:
    response = docx_client.post("/", data={"csrf_token": csrf(docx_client)}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert errors(response) == [
        "Документтин түрүн тандаңыз",
        "Форматты тандаңыз: DOCX же PDF",
        "Файл тандалган жок: толтурулган таблицаны (.xlsx же .csv) тандаңыз",
    ]


def test_a_pdf_without_libreoffice_is_a_form_message(docx_client: FlaskClient) -> None:
    response = submit(docx_client, PLAN_BOOK.read_bytes(), fmt="pdf")
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert errors(response)[0].startswith("PDF азыр даярдалбай жатат")


# ---------------------------------------------------------------------------------------------- safety


def test_a_post_without_the_csrf_token_is_refused(docx_client: FlaskClient) -> None:
    docx_client.get("/")
    form = {"document": "action-plan", "format": "docx", "file": (io.BytesIO(PLAN_BOOK.read_bytes()), "plan.xlsx")}
    response = docx_client.post("/", data=form, content_type="multipart/form-data")
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    assert errors(response) == ["Баракчанын мөөнөтү өтүп кетти: баракчаны жаңылап, файлды кайра жөнөтүңүз"]


def test_a_token_from_another_session_is_refused(docx_app: Flask) -> None:
    stolen = csrf(docx_app.test_client())
    victim = docx_app.test_client()
    victim.get("/")
    form = {
        "csrf_token": stolen,
        "document": "action-plan",
        "format": "docx",
        "file": (io.BytesIO(PLAN_BOOK.read_bytes()), "plan.xlsx"),
    }
    assert victim.post("/", data=form, content_type="multipart/form-data").status_code == 400


def test_an_oversized_upload_is_a_form_message(tmp_path: Path) -> None:
    app = create_app({"data_dir": tmp_path, "start_pool": False, "max_request_bytes": 64 * 1024})
    client = app.test_client()
    response = submit(client, bytes(100 * 1024), lang="ru")
    assert response.status_code == 413
    assert response.mimetype == "text/html"
    assert errors(response) == ["Файл слишком велик: всего не более 0,1 МБ"]
    assert '<html lang="ru">' in response.get_data(as_text=True)


def test_the_api_is_not_asked_for_a_csrf_token(docx_client: FlaskClient) -> None:
    response = docx_client.post(
        "/api/v1/documents/action-plan?format=docx",
        data=(SAMPLES / "action_plan.json").read_bytes(),
        content_type="application/json",
    )
    assert response.status_code == 200


def test_a_missing_label_row_names_its_field(docx_client: FlaskClient) -> None:
    response = submit(docx_client, edited(PLAN_BOOK, lambda book: book["Буйрук"].delete_rows(2)))
    assert errors(response) == ["«Буйрук» барагы («Жылы») Милдеттүү талаа толтурулган эмес"]
