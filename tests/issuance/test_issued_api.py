"""End to end over HTTP: a PDF comes with its number, its QR code opens the check page, the uploaded file is
recognised and the same file with one changed byte is not; drafts, PDF/A-3 with the input, a failed
conversion's void entry, annulment, reissue of version 1 after version 2 was activated, access and limits."""

from __future__ import annotations

import hashlib
import io
import json
import re
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pikepdf
import pytest
import zxingcpp
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image

from pdftools import last_page_png, text
from service import create_app
from service.errors import ConversionFailed
from service.http.resources import issuer

from .conftest import PUBLIC_URL, sample
from .test_issued_documents import assert_pdfa

PDF_TYPE = "application/pdf"  # POST /api/v1/verify reads a body of this type (or a form)
pytestmark = pytest.mark.office
ROOT = Path(__file__).resolve().parents[2]


def make_app(pool: Any, data_dir: Path, **settings: Any) -> Flask:
    application = create_app(
        {"data_dir": data_dir, "start_pool": False, "public_url": PUBLIC_URL, **settings}, pool=pool
    )
    application.testing = True
    return application


@pytest.fixture
def issuing_app(pool: Any, tmp_path: Path) -> Flask:
    return make_app(pool, tmp_path / "data")


_KEYS: dict[tuple[str, str], dict[str, str]] = {}


def key(app: Flask, role: str) -> dict[str, str]:
    """An Authorization header with a live key of ``role`` on the app's data folder (made once per folder)."""
    from service.auth import KeyStore

    data_dir = str(app.config["KAGAZ"].data_dir)
    if (data_dir, role) not in _KEYS:
        _info, token = KeyStore.for_data_dir(app.config["KAGAZ"].data_dir).create(f"test-{role}", role)
        _KEYS[data_dir, role] = {"Authorization": f"Bearer {token}"}
    return _KEYS[data_dir, role]


def post(client: FlaskClient, document: str, query: str = "", **headers: str) -> Any:
    body = json.dumps(sample(document), ensure_ascii=False).encode()
    return client.post(
        f"/api/v1/documents/{document}?{query}", data=body, content_type="application/json", headers=headers
    )


@pytest.mark.parametrize("document", ["action-plan", "progress-report"])
def test_an_issued_pdf_is_numbered_its_qr_opens_the_check_and_the_file_is_recognised(
    issuing_app: Flask, document: str, tmp_path: Path
) -> None:
    client = issuing_app.test_client()
    response = post(client, document, "format=pdf")
    assert response.status_code == 200, response.data[:500]
    ascii_number = response.headers["X-Kagaz-Number"]
    number = unquote(response.headers["X-Kagaz-Number-Printed"])
    assert number.startswith("КЖС-") and ascii_number == "KJS-" + number.removeprefix("КЖС-")
    pdf = response.data

    codes = zxingcpp.read_barcodes(Image.open(last_page_png(pdf, tmp_path / "last.png", dpi=150)))
    address = f"{PUBLIC_URL}/verify/{ascii_number}"
    assert [code.text for code in codes] == [address]

    page = client.get(address.removeprefix(PUBLIC_URL))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert number in html and "Иш-чаралар" in html
    assert page.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert "Set-Cookie" not in page.headers

    checked = client.post("/api/v1/verify", data=pdf, content_type="application/pdf")
    assert checked.status_code == 200
    assert checked.json["recognised"] is True and checked.json["document"]["number"] == number
    assert "input" not in checked.json["document"]

    altered = bytearray(pdf)
    altered[len(pdf) // 2] ^= 0x01
    refused = client.post("/api/v1/verify", data=bytes(altered), content_type="application/pdf")
    assert refused.status_code == 200 and refused.json["recognised"] is False

    form = client.post("/verify", data={"file": (io.BytesIO(pdf), "doc.pdf")}, content_type="multipart/form-data")
    assert f"{number} номери менен" in form.get_data(as_text=True) and "өзгөртүлгөн эмес" in form.get_data(as_text=True)
    form = client.post(
        "/verify?lang=en", data={"file": (io.BytesIO(bytes(altered)), "doc.pdf")}, content_type="multipart/form-data"
    )
    assert "Not a document issued by Kagaz, or altered" in form.get_data(as_text=True)


def test_an_issued_file_is_hashed_once_and_its_header_is_the_registers_hash(
    issuing_app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The output's sha256 is computed where it is recorded (issue and reissue) and handed to the answer, not
    computed again for ``X-Kagaz-Output-Sha256``: a PDF of some megabytes costs its hash once."""
    real = hashlib.sha256
    hashed: list[bytes] = []

    def counted(data: Any = b"", **options: Any) -> Any:
        hashed.append(bytes(data))
        return real(data, **options)

    client = issuing_app.test_client()
    admin = key(issuing_app, "admin")
    monkeypatch.setattr(hashlib, "sha256", counted)
    for query in ("format=docx", "format=pdf"):
        hashed.clear()
        issued = post(client, "action-plan", query)
        assert issued.status_code == 200 and hashed.count(issued.data) == 1
        number = issued.headers["X-Kagaz-Number"]
        recorded = client.get(f"/api/v1/issued/{number}", headers=admin).json["output_sha256"]
        assert issued.headers["X-Kagaz-Output-Sha256"] == real(issued.data).hexdigest() == recorded
        hashed.clear()
        again = client.post(f"/api/v1/issued/{number}/reissue", headers=admin)
        assert again.status_code == 200 and hashed.count(again.data) == 1
        assert again.headers["X-Kagaz-Output-Sha256"] == real(again.data).hexdigest()


def test_a_draft_has_no_number_and_shows_its_mark(issuing_app: Flask) -> None:
    client = issuing_app.test_client()
    response = post(client, "progress-report", "format=pdf&draft=true")
    assert response.status_code == 200
    assert "X-Kagaz-Number" not in response.headers
    assert "ДОЛБООР" in text(response.data)
    assert client.post("/api/v1/verify", data=response.data, content_type=PDF_TYPE).json["recognised"] is False
    admin = key(issuing_app, "admin")
    assert client.get("/api/v1/issued", headers=admin).json["issued"] == []


def test_pdfa_3_carries_the_registered_input_and_the_admin_sees_it(issuing_app: Flask, tmp_path: Path) -> None:
    client = issuing_app.test_client()
    response = post(client, "progress-report", "format=pdfa&attach_data=true")
    assert response.status_code == 200
    number = response.headers["X-Kagaz-Number"]
    path = tmp_path / "issued.pdf"
    path.write_bytes(response.data)
    subprocess.run(["pdfdetach", "-save", "1", "-o", str(tmp_path / "input.json"), str(path)], check=True)
    with pikepdf.open(path) as document:
        assert document.open_metadata()["pdfaid:part"] == "3"
        (associated,) = list(document.Root.AF)  # attached and identity fixed in one pikepdf pass
        assert associated.AFRelationship == pikepdf.Name.Data
        assert str(document.docinfo.CreationDate) == str(document.docinfo.ModDate)
    assert_pdfa(response.data, "3")
    admin = client.get(f"/api/v1/issued/{number}", headers=key(issuing_app, "admin")).json
    assert json.loads((tmp_path / "input.json").read_text(encoding="utf-8")) == admin["input"]
    assert admin["format"] == "pdfa3" and admin["organization"] == "osh-oblast-court"
    assert admin["output_sha256"] == response.headers["X-Kagaz-Output-Sha256"]
    public = client.get(f"/api/v1/issued/{number}").json
    assert "input" not in public and "issued_by" not in public
    assert public["template"] == "progress-report@1"


def test_a_failed_conversion_leaves_a_void_entry_and_the_next_number_follows(
    issuing_app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = issuing_app.test_client()
    first = post(client, "action-plan", "format=docx")
    with issuing_app.app_context():
        engine = issuer().engine

    def fail(docx: bytes, *arguments: Any, **options: Any) -> bytes:
        raise ConversionFailed("LibreOffice could not convert the document (test)")

    monkeypatch.setattr(engine, "convert", fail)
    failed = post(client, "action-plan", "format=pdf")
    assert failed.status_code == 422
    monkeypatch.undo()
    after = post(client, "action-plan", "format=docx")
    numbers = [first.headers["X-Kagaz-Number"], after.headers["X-Kagaz-Number"]]
    assert [int(number[-6:]) for number in numbers] == [1, 3]
    listed = client.get("/api/v1/issued?state=void", headers=key(issuing_app, "admin")).json["issued"]
    assert [entry["ascii"] for entry in listed] == [numbers[0][:-6] + "000002"]
    void = client.get(f"/api/v1/issued/{listed[0]['number']}", headers=key(issuing_app, "admin")).json
    assert "LibreOffice could not convert" in void["void_reason"]
    assert client.get(f"/verify/{listed[0]['number']}").status_code == 404  # a void number vouches for nothing


def test_an_annulled_document_is_shown_as_annulled(issuing_app: Flask) -> None:
    client = issuing_app.test_client()
    response = post(client, "progress-report", "format=pdf")
    number = response.headers["X-Kagaz-Number"]
    assert client.post(f"/api/v1/issued/{number}/annul", json={"reason": "x"}).status_code in (401, 403)
    annulled = client.post(
        f"/api/v1/issued/{number}/annul", json={"reason": "ката менен берилген"}, headers=key(issuing_app, "admin")
    )
    assert annulled.status_code == 200 and annulled.json["state"] == "annulled"
    page = client.get(f"/verify/{response.headers['X-Kagaz-Number']}?lang=ky").get_data(as_text=True)
    assert "жокко чыгарылган: ката менен берилген" in page
    again = client.post(f"/api/v1/issued/{number}/annul", json={"reason": "again"}, headers=key(issuing_app, "admin"))
    assert again.status_code == 422 and again.json["errors"][0]["code"] == "issued_not_annullable"
    english = {"Accept-Language": "en"} | key(issuing_app, "admin")
    again = client.post(f"/api/v1/issued/{number}/annul", json={"reason": "again"}, headers=english)
    printed = annulled.json["number"]  # the header carries the ASCII form; messages print the number
    assert again.json["errors"][0]["message"] == f"{printed} is already annulled"
    kyrgyz = {"Accept-Language": "ky"} | key(issuing_app, "admin")
    again = client.post(f"/api/v1/issued/{number}/annul", json={"reason": "дагы"}, headers=kyrgyz)
    assert again.json["errors"][0]["message"] == f"{printed} документи мурунтан эле жокко чыгарылган"
    # a reason too long is refused where it is, not cut short without a word; an empty one says what is missing
    for reason, code in [("ж" * 1001, "string_too_long"), ("  ", "issued_reason_missing")]:
        refused = client.post(f"/api/v1/issued/{number}/annul", json={"reason": reason}, headers=kyrgyz)
        assert refused.status_code == 422
        (error,) = refused.json["errors"]
        assert (error["location"], error["code"]) == ("body.reason", code), error
        assert not re.search(r"[A-Za-z]{3,}", error["message"]), error


def test_reissue_of_version_1_after_version_2_is_active_reproduces_version_1(issuing_app: Flask) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "tests" / "templates"))
    from make_fixtures import header_text
    from template_helpers import docx_text

    client = issuing_app.test_client()
    admin = key(issuing_app, "admin")
    first_pdf = post(client, "action-plan", "format=pdf")
    first_docx = post(client, "action-plan", "format=docx")
    new = header_text("Милдеттер (2026-жылдан)")
    editor = key(issuing_app, "editor")
    uploaded = client.post(
        "/api/v1/templates/action-plan/versions",
        data={"file": (io.BytesIO(new), "template.docx"), "note": "v2"},
        headers=editor,
        content_type="multipart/form-data",
    )
    assert uploaded.status_code == 201, uploaded.json
    assert client.post("/api/v1/templates/action-plan/versions/2/activate", headers=editor).status_code == 200
    current = post(client, "action-plan", "format=docx")
    assert current.headers["X-Kagaz-Template-Version"] == "2"
    assert "Милдеттер (2026-жылдан)" in docx_text(current.data)

    for first in (first_pdf, first_docx):
        number = first.headers["X-Kagaz-Number"]
        again = client.post(f"/api/v1/issued/{number}/reissue", headers=admin)
        assert again.status_code == 200
        assert again.headers["X-Kagaz-Template"] == "action-plan" and again.headers["X-Kagaz-Template-Version"] == "1"
        assert again.headers["X-Kagaz-Number"] == number
        assert again.data == first.data  # byte-identical: the same input, version 1, number and moment
    reissued = client.post(f"/api/v1/issued/{first_docx.headers['X-Kagaz-Number']}/reissue", headers=admin)
    assert "Милдеттер (2026-жылдан)" not in docx_text(reissued.data) and "Милдеттер" in docx_text(reissued.data)


def test_the_check_is_open_with_keys_required_and_rate_limited_across_processes(pool: Any, tmp_path: Path) -> None:
    first = make_app(pool, tmp_path / "data", auth_required=True, verify_per_minute=3)
    second = make_app(pool, tmp_path / "data", auth_required=True, verify_per_minute=3)  # another process
    client = first.test_client()
    assert post(client, "progress-report").status_code == 401
    issued = post(client, "progress-report", "format=docx", **key(first, "client"))
    number = issued.headers["X-Kagaz-Number"]
    assert client.get(f"/verify/{number}").status_code == 200
    assert "input" not in client.get(f"/api/v1/issued/{number}").json
    assert client.get(f"/api/v1/issued/{number}", headers=key(first, "admin")).json["input"] is not None
    answers = [
        app.test_client().post("/api/v1/verify", data=issued.data, content_type=PDF_TYPE).status_code
        for app in (first, second, first, second)
    ]
    assert answers == [200, 200, 200, 429]
    limited = second.test_client().post(
        "/api/v1/verify", data=issued.data, content_type=PDF_TYPE, headers={"Accept-Language": "ru"}
    )
    assert limited.headers["Retry-After"] == "60"
    assert "не более 3 в минуту" in limited.json["errors"][0]["message"]


def test_a_check_over_the_size_limit_is_refused_before_it_is_read(pool: Any, tmp_path: Path) -> None:
    app = make_app(pool, tmp_path / "data", verify_max_bytes=2048)
    response = app.test_client().post("/api/v1/verify", data=b"%PDF" + b"0" * 4096, content_type=PDF_TYPE)
    assert response.status_code == 413
    untyped = app.test_client().post("/api/v1/verify", data=b"%PDF-1.7", content_type="text/plain")
    assert untyped.status_code == 415 and untyped.json["errors"][0]["code"] == "unsupported_media_type"


def test_a_check_may_be_larger_than_other_bodies_up_to_its_own_limit(pool: Any, tmp_path: Path) -> None:
    """KAGAZ_VERIFY_MAX_BYTES, not KAGAZ_MAX_REQUEST_BYTES, bounds a PDF to check: in the app (API and page)
    and at the front of `kagaz serve`, which refuses by the same rule before a view runs."""
    from service.server.limits import ServerLimits

    app = make_app(pool, tmp_path / "data", max_request_bytes=2048, verify_max_bytes=8192)
    client = app.test_client()
    within = b"%PDF" + b"0" * 4096  # over the general limit, within the check's
    assert client.post("/api/v1/verify", data=within, content_type=PDF_TYPE).status_code == 200
    page = client.post("/verify?lang=en", data={"file": (io.BytesIO(within), "x.pdf")})
    assert page.status_code == 200 and "Not a document issued by Kagaz" in page.get_data(as_text=True)
    over = b"%PDF" + b"0" * 9000
    assert client.post("/api/v1/verify", data=over, content_type=PDF_TYPE).status_code == 413
    refused = client.post("/verify?lang=en", data={"file": (io.BytesIO(over), "x.pdf")})
    assert refused.status_code == 413 and "at most 8192 bytes" in refused.get_data(as_text=True)
    limits = ServerLimits.from_settings(app.config["KAGAZ"])
    assert [limits.body_limit(path) for path in ("/api/v1/verify", "/verify", "/api/v1/documents/x")] == [
        8192,
        8192,
        2048,
    ]


def test_a_check_of_unstated_length_is_bounded_by_the_app_alone(pool: Any, tmp_path: Path) -> None:
    """Under a WSGI server other than ``kagaz serve`` (no front), a chunked body of no stated length is
    refused at KAGAZ_VERIFY_MAX_BYTES by the app itself, on the API and on the page, and one within is read."""
    app = make_app(pool, tmp_path / "data", max_request_bytes=2048, verify_max_bytes=8192)
    client = app.test_client()
    chunked = {"wsgi.input_terminated": True}  # what gunicorn says of a chunked body it de-chunks

    def post(path: str, body: bytes, content_type: str) -> Any:
        return client.post(path, input_stream=io.BytesIO(body), content_type=content_type, environ_overrides=chunked)

    over = b"%PDF" + b"0" * 9000
    refused = post("/api/v1/verify", over, PDF_TYPE)
    assert refused.status_code == 413 and "8192" in refused.json["errors"][0]["message"]
    assert post("/api/v1/verify", b"%PDF" + b"0" * 4096, PDF_TYPE).json["size"] == 4100  # read whole
    boundary = "kagaz-boundary"
    form = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.pdf"\r\n'
            f"Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + over
        + f"\r\n--{boundary}--\r\n".encode()
    )
    page = post("/verify?lang=en", form, f"multipart/form-data; boundary={boundary}")
    assert page.status_code == 413 and "at most 8192 bytes" in page.get_data(as_text=True)
