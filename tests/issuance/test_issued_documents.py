"""Issued documents through the real LibreOffice pool: the number and QR code on the last page, the draft
mark, PDF/A-2b and PDF/A-3b with the input inside, and byte-identical reissues."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import subprocess
import time
from pathlib import Path

import pikepdf
import pytest
import segno
import zxingcpp
from PIL import Image

from pdftools import fonts, info, last_page_png, text
from service.engine import Engine
from service.issuance import archive
from service.issuance.issuing import Issuer, Order
from service.issuance.numbers import IssueNumber

from .conftest import PUBLIC_URL, sample

pytestmark = pytest.mark.office

NUMBER = IssueNumber("КЖС", 2026, 123)
ISSUED_AT = dt.datetime(2026, 3, 4, 5, 6, 7, tzinfo=dt.UTC)
DPI = 150


def issued_pdf(engine: Engine, document: str, number: IssueNumber | None = NUMBER, options=()) -> bytes:
    model = engine.load(document, sample(document))
    rendered = engine.render(document, model, number=number, issued_at=ISSUED_AT)
    return engine.pool.convert(rendered.content, filter_options=options)


def last_page_codes(pdf: bytes, tmp_path: Path) -> list[zxingcpp.Barcode]:
    image = Image.open(last_page_png(pdf, tmp_path / "last.png", dpi=DPI))
    return zxingcpp.read_barcodes(image)


@pytest.mark.parametrize("document", ["action-plan", "progress-report", "generalized-report"])
def test_the_last_page_carries_the_number_and_a_qr_code_of_the_check_address(
    engine: Engine, document: str, tmp_path: Path
) -> None:
    pdf = issued_pdf(engine, document)
    pages = int(info(pdf)["Pages"])
    last = text(pdf, page=pages)
    assert "№ КЖС-2026-000123" in last
    codes = last_page_codes(pdf, tmp_path)
    assert [code.text for code in codes] == [f"{PUBLIC_URL}/verify/KJS-2026-000123"]
    # The module size on paper, measured from the decoded symbol's corners on the 150 dpi page.
    code = codes[0]
    width_pixels = abs(code.position.top_right.x - code.position.top_left.x)
    assert width_pixels / DPI * 25.4 / _modules(code.text) >= 0.4
    assert "ДОЛБООР" not in text(pdf)


def _modules(content: str) -> int:
    """The symbol's width in modules (what segno made for this text; zxing reports only the corners)."""
    return segno.make(content, error="m", micro=False, boost_error=False).symbol_size(scale=1, border=0)[0]


def test_a_draft_shows_the_mark_and_no_number_or_qr_code(engine: Engine, tmp_path: Path) -> None:
    pdf = issued_pdf(engine, "progress-report", number=None)
    assert "ДОЛБООР" in text(pdf)
    assert "КЖС-" not in text(pdf)
    assert last_page_codes(pdf, tmp_path) == []


def test_pdfa_2b_from_libreoffice_claims_and_keeps_what_can_be_checked(engine: Engine) -> None:
    pdf = issued_pdf(engine, "action-plan", options=archive.PDFA_2B)
    assert_pdfa(pdf, "2")


def assert_pdfa(pdf: bytes, part: str) -> None:
    """What can be checked of PDF/A without veraPDF: the XMP claim, the sRGB OutputIntent, every font
    embedded, no encryption. (Not checked: the rest of ISO 19005's rules, e.g. colour spaces of every
    object, transparency groups, annotation flags, XMP schema validity.)"""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert archive.pdfa_identification(document) == (part, "B")
        assert not document.is_encrypted
        intents = document.Root.OutputIntents
        assert len(intents) == 1
        assert intents[0].S == pikepdf.Name.GTS_PDFA1
        profile = intents[0].DestOutputProfile
        assert int(profile.N) == 3
        assert profile.read_bytes()[16:20] == b"RGB "
        assert "sRGB" in str(intents[0].get("/OutputConditionIdentifier", "")) + str(intents[0].get("/Info", ""))
    found = fonts(pdf)
    assert found
    assert all(font.embedded for font in found), found


def test_pdfa_3b_carries_the_input_byte_for_byte(engine: Engine, tmp_path: Path) -> None:
    data = '{"year": 2025, "көрсөткүч": "ң ө ү"}\n'.encode()
    pdf = archive.attach_input(issued_pdf(engine, "action-plan", options=archive.PDFA_3B), data, ISSUED_AT)
    assert_pdfa(pdf, "3")
    with pikepdf.open(io.BytesIO(pdf)) as document:
        (associated,) = list(document.Root.AF)
        assert associated.AFRelationship == pikepdf.Name.Data
        assert associated.EF.F.Subtype == pikepdf.Name("/application/json")
    path = tmp_path / "issued.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(["pdfdetach", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    assert "input.json" in listing
    subprocess.run(["pdfdetach", "-save", "1", "-o", str(tmp_path / "out.json"), str(path)], check=True)
    assert (tmp_path / "out.json").read_bytes() == data


def test_data_is_not_attached_to_a_pdf_that_is_not_pdfa_3(engine: Engine) -> None:
    with pytest.raises(ValueError, match="PDF/A-3b"):
        archive.attach_input(issued_pdf(engine, "action-plan", options=archive.PDFA_2B), b"{}", ISSUED_AT)


def test_a_reissue_is_byte_identical_docx_and_pdf(engine: Engine) -> None:
    """The same input, template version, number and moment of issue: the same DOCX and, after the dates,
    IDs and the OutputIntent's ICC date are fixed, the same PDF — though LibreOffice ran at another time."""
    model = engine.load("progress-report", sample("progress-report"))
    first = engine.render("progress-report", model, number=NUMBER, issued_at=ISSUED_AT)
    first_pdf = engine.pool.convert(first.content, filter_options=archive.PDFA_2B)
    time.sleep(2.1)  # ZIP times have a 2 s resolution; LibreOffice's dates 1 s
    second = engine.render("progress-report", model, number=NUMBER, issued_at=ISSUED_AT)
    second_pdf = engine.pool.convert(second.content, filter_options=archive.PDFA_2B)
    assert first.content == second.content
    assert first_pdf != second_pdf  # what LibreOffice alone gives: dates and IDs of the moment
    fixed = archive.fixed_pdf_identity(first_pdf, ISSUED_AT, str(NUMBER))
    assert fixed == archive.fixed_pdf_identity(second_pdf, ISSUED_AT, str(NUMBER))
    assert_pdfa(fixed, "2")
    with pikepdf.open(io.BytesIO(fixed)) as document:
        assert str(document.docinfo.CreationDate) == str(document.docinfo.ModDate) == "D:20260304050607Z"
        assert document.open_metadata()["xmp:CreateDate"].startswith("2026-03-04T05:06:07")
    other = engine.render("progress-report", model, number=IssueNumber("КЖС", 2026, 124), issued_at=ISSUED_AT)
    assert other.content != first.content


def test_a_plain_pdf_is_reproducible_and_gains_no_xmp(engine: Engine) -> None:
    """LibreOffice writes XMP into a PDF/A only: a plain PDF's dates and IDs are fixed in its Info dictionary
    and trailer, and no packet is added (it would be one more thing to keep in step)."""
    model = engine.load("action-plan", sample("action-plan"))
    docx = engine.render("action-plan", model, number=NUMBER, issued_at=ISSUED_AT).content
    first_pdf = engine.pool.convert(docx)
    time.sleep(1.1)  # LibreOffice's dates have a 1 s resolution
    second_pdf = engine.pool.convert(docx)
    assert first_pdf != second_pdf
    fixed = archive.fixed_pdf_identity(first_pdf, ISSUED_AT, str(NUMBER))
    assert fixed == archive.fixed_pdf_identity(second_pdf, ISSUED_AT, str(NUMBER))
    with pikepdf.open(io.BytesIO(fixed)) as document:
        assert "/Metadata" not in document.Root
        assert str(document.docinfo.CreationDate) == str(document.docinfo.ModDate) == "D:20260304050607Z"
        assert "/DocChecksum" not in document.trailer


@pytest.mark.parametrize(
    ("document", "fmt"), [("action-plan", "pdf"), ("progress-report", "pdf"), ("action-plan", "pdfa")]
)
def test_a_pdf_draft_carries_the_mark_across_every_page(engine: Engine, document: str, fmt: str) -> None:
    """The small mark after the signature block alone is missed at a glance: every page, landscape or
    portrait (LibreOffice turns the mark along a portrait page), says ДОЛБООР."""
    made = Issuer.for_engine(engine).produce(document, sample(document), Order(format=fmt, draft=True))
    assert made.entry is None
    pdf = made.rendered.content
    pages = int(info(pdf)["Pages"])
    assert pages > 1
    for page in range(1, pages + 1):
        assert "ДОЛБООР" in text(pdf, page=page), f"page {page} of {pages}"
    issued = Issuer.for_engine(engine).produce(document, sample(document), Order(format=fmt))
    assert "ДОЛБООР" not in text(issued.rendered.content)


def test_a_version_activated_while_a_number_is_issued_does_not_make_its_document(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The register records the version in force at allocation; the document is made with that version even
    when an editor activates another before it is rendered (it was voided before; now the two agree)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "templates"))
    from make_fixtures import header_text
    from template_helpers import docx_text

    from service.issuance import register

    issuer = Issuer.for_engine(engine)
    allocate = register.allocate

    def allocate_then_activate(*args, **kwargs):  # type: ignore[no-untyped-def]
        entry = allocate(*args, **kwargs)
        engine.registry.store("action-plan", header_text("Милдеттер (жаңы)"), by="editor", activate=True)
        return entry

    monkeypatch.setattr(register, "allocate", allocate_then_activate)
    issued = issuer.produce("action-plan", sample("action-plan"), Order(format="docx", issued_by="test"))
    assert issued.entry is not None and issued.entry.state == "issued"
    assert issued.entry.template == issued.rendered.template.label == "action-plan@1"
    assert "Милдеттер (жаңы)" not in docx_text(issued.rendered.content)
    assert engine.registry.active("action-plan").version == 2  # the next document takes the new version
    monkeypatch.setattr(register, "allocate", allocate)
    later = issuer.produce("action-plan", sample("action-plan"), Order(format="docx", issued_by="test"))
    assert later.entry is not None and later.entry.template == "action-plan@2"
    assert "Милдеттер (жаңы)" in docx_text(later.rendered.content)


def test_a_reissue_that_comes_out_different_is_still_recognised(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Byte identity holds under the Kagaz version that issued a document (the register records it); a later
    version may draw a part differently (here the QR code's PNG at another resolution). Its reissue is then a
    new file of the same document, recorded against the number, and both files pass «check a file»."""
    from service.issuance import register, stamp

    issuer = Issuer.for_engine(engine)
    first = issuer.produce("action-plan", sample("action-plan"), Order(format="docx", issued_by="test"))
    assert first.entry is not None
    monkeypatch.setattr(stamp, "PIXELS_PER_MODULE", stamp.PIXELS_PER_MODULE + 2)
    again = issuer.reissue(first.entry.issue_number)
    assert again.rendered.content != first.rendered.content
    for issued in (first, again):
        found = register.find_file(engine.database, hashlib.sha256(issued.rendered.content).hexdigest())
        assert found is not None and found.number == first.entry.number
