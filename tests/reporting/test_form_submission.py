"""The staff form's «submit to the register» choice through Flask's test client: sign-in needed whatever
``KAGAZ_AUTH_REQUIRED`` says, only the key's own organizations, the spreadsheet's problems named by sheet,
row and column in ky/ru/en exactly as rendering names them, nothing stored on a refusal, and a confirmation
that says version, time (Asia/Bishkek), late or not, sha256 and links. The Chromium test is in
``test_reports_page.py``.
"""

from __future__ import annotations

import base64
import html
import io
import re
from typing import Any

import openpyxl
import pytest
from flask.testing import FlaskClient
from pagetools import csrf

from service import spreadsheets

from .reports import sample_data
from .service import AFTER_DUE, Service, make_service

COURT = "nookat-district-court"


@pytest.fixture
def service(tmp_path: Any) -> Service:
    return make_service(tmp_path / "data")


def workbook(service: Service, organization: str = COURT, broken: bool = False) -> bytes:
    reference = service.app.extensions["kagaz.engine"].reference
    content = spreadsheets.workbook("progress-report", reference, sample_data()[organization])
    if not broken:
        return content
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book["Иш-чаралар"]
    header = [cell.value for cell in sheet[1]]
    column = next(i for i, value in enumerate(header, 1) if value and str(value).startswith("Абалы"))
    sheet.cell(row=2, column=column).value = "бүттү"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def signed_in(service: Service, organization: str | None) -> FlaskClient:
    client = service.app.test_client()
    if organization is not None:
        key = service.key_for(organization)
        answer = client.post("/signin", data={"csrf_token": csrf(client, "/signin"), "key": key})
        assert answer.status_code == 303
    return client


def send(client: FlaskClient, content: bytes, lang: str = "ky", **fields: Any) -> Any:
    form = {
        "csrf_token": csrf(client),
        "document": "progress-report",
        "format": "pdf",
        "purpose": "submit",
        "year": "2025",
        "organization": COURT,
        "file": (io.BytesIO(content), "report.xlsx"),
    } | fields
    return client.post(f"/?lang={lang}", data=form, content_type="multipart/form-data")


def page_text(answer: Any) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", answer.get_data(as_text=True)))


def stored(service: Service) -> int:
    return service.client.get(f"/api/v1/reports/2025/{COURT}").status_code


def test_the_old_submission_address_opens_the_form_with_the_year_chosen(service: Service) -> None:
    moved = service.client.get("/reports/2025/submit?lang=ru")
    assert moved.status_code == 301 and moved.headers["Location"] == "/?submit=2025&lang=ru#choice"
    page = service.client.get("/?submit=2025&lang=ru").get_data(as_text=True)
    assert '<option value="2025" selected>' in page
    assert 'id="document-progress-report" value="progress-report"\n               checked' in page
    # nobody signed in (keys not required here): the page says so and links to the sign-in, coming back
    assert "Чтобы сдать отчёт, войдите с ключом своей организации" in page
    assert "/signin?next=/?submit%3D2025%26document%3Dprogress-report%26lang%3Dru" in page


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_submitting_needs_a_signed_in_key_and_keeps_the_choices(service: Service, lang: str) -> None:
    answer = send(service.app.test_client(), workbook(service), lang, note="биринчи")
    assert answer.status_code == 401
    words = {
        "ky": "Отчет тапшыруу үчүн уюмуңуздун ачкычы менен кириңиз",
        "ru": "Чтобы сдать отчёт, войдите с ключом своей организации",
        "en": "To submit a report, sign in with your organization's key",
    }
    assert words[lang] in page_text(answer)
    assert '<option value="2025" selected>' in answer.get_data(as_text=True)
    assert stored(service) == 404


def test_a_court_submits_its_workbook_and_gets_a_confirmation(service: Service) -> None:
    client = signed_in(service, COURT)
    page = client.get("/?submit=2025").get_data(as_text=True)
    assert f'<option value="{COURT}" selected>' in page and "naryn-oblast-court" not in page  # its own only
    assert 'name="note" maxlength="1000"' in page  # what the register keeps (cycle.NOTE_LIMIT)
    answer = send(client, workbook(service), "ky", note="Чыныгы отчет")
    assert answer.status_code == 201, page_text(answer)[:500]
    text = page_text(answer)
    body = service.client.get(f"/api/v1/reports/2025/{COURT}").get_json()["current"]
    assert "Отчет 1-версия катары сакталды" in text
    assert "2026-жылдын 10-январы, 11:00" in text  # the test clock, in Bishkek time
    assert "Тапшырылды" in text and body["sha256"] in text
    assert body["note"] == "Чыныгы отчет" and body["key_name"] == f"key-{COURT}" and body["late"] is False
    page = answer.get_data(as_text=True)
    assert f'href="/reports/2025/{COURT}?lang=ky"' in page and 'href="/reports/2025?lang=ky"' in page
    assert f'href="/reports/2025/{COURT}.pdf?version=1"' in page
    # the same workbook again makes no new version; after the due date a change is late
    again = send(client, workbook(service), "en")
    assert again.status_code == 200 and "This data is already version 1" in page_text(again)
    service.set_clock(AFTER_DUE)
    changed = sample_data()[COURT]
    changed["executor"]["phone"] = "+996 555 00-00-02"
    reference = service.app.extensions["kagaz.engine"].reference
    late = send(client, spreadsheets.workbook("progress-report", reference, changed), "ru")
    assert late.status_code == 201
    assert "Отчёт сохранён как версия 2" in page_text(late) and "Сдан с опозданием" in page_text(late)


@pytest.mark.parametrize(
    ("lang", "place"),
    [
        ("ky", "«Иш-чаралар» барагы, 2-сап, C"),
        ("ru", "Лист «Иш-чаралар», строка 2, столбец C"),
        ("en", "Sheet «Иш-чаралар», row 2, column C"),
    ],
)
def test_the_workbooks_problems_are_named_as_rendering_names_them(service: Service, lang: str, place: str) -> None:
    client = signed_in(service, COURT)
    refused = send(client, workbook(service, broken=True), lang)
    made = client.post(
        f"/?lang={lang}",
        data={"csrf_token": csrf(client), "document": "progress-report", "format": "docx", "purpose": "make",
              "file": (io.BytesIO(workbook(service, broken=True)), "report.xlsx")},
        content_type="multipart/form-data",
    )  # fmt: skip
    assert refused.status_code == made.status_code == 422
    problems = re.findall(r"<li>.*?</li>", refused.get_data(as_text=True), re.S)
    assert problems == re.findall(r"<li>.*?</li>", made.get_data(as_text=True), re.S)  # the same words
    assert place in page_text(refused)
    assert stored(service) == 404


def test_another_organization_or_document_is_refused(service: Service) -> None:
    client = signed_in(service, COURT)
    other = send(client, workbook(service, "uzgen-district-court"), "en", organization="uzgen-district-court")
    assert other.status_code == 403 and "This key cannot submit for «Өзгөн райондук соту»" in page_text(other)
    assert service.client.get("/api/v1/reports/2025/uzgen-district-court").status_code == 404
    plan = send(client, workbook(service), "en", document="action-plan")
    assert plan.status_code == 400 and "Only a progress report can be submitted" in page_text(plan)
    wrong_year = send(client, workbook(service), "en", year="1999")
    assert wrong_year.status_code == 400 and "Choose a reporting year from 2025 to 2027" in page_text(wrong_year)
    unbound = service.app.test_client()
    key = service.keys["unbound"]
    assert unbound.post("/signin", data={"csrf_token": csrf(unbound, "/signin"), "key": key}).status_code == 303
    assert "This key cannot submit reports" in page_text(unbound.get("/?submit=2025&lang=en"))
    # an oblast court submits for a court it controls
    osh = signed_in(service, "osh-oblast-court")
    assert send(osh, workbook(service), "en").status_code == 201


def test_the_signature_and_seal_go_with_the_submission(service: Service) -> None:
    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGBA", (120, 60), (20, 40, 160, 255)).save(picture, "PNG")
    client = signed_in(service, COURT)
    refused = send(client, workbook(service, broken=True), "en", seal_image=(io.BytesIO(b"not an image"), "seal.png"))
    assert refused.status_code == 422
    text = page_text(refused)
    assert "Seal image" in text and "Sheet «Иш-чаралар», row 2, column C" in text  # every problem at once
    assert stored(service) == 404
    answer = send(client, workbook(service), "en", seal_image=(io.BytesIO(picture.getvalue()), "seal.png"))
    assert answer.status_code == 201, page_text(answer)[:500]
    kept = service.client.get(f"/api/v1/reports/2025/{COURT}").get_json()["current"]["data"]
    assert base64.b64decode(kept["signature"]["seal_image"]).startswith(b"\x89PNG")
