"""The number and QR code a template shows: the QR decodes to the check address, modules ≥ 0.4 mm."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image

from service.issuance import stamp
from service.issuance.numbers import IssueNumber

NUMBER = IssueNumber("КЖС", 2026, 123)


@pytest.mark.parametrize("public_url", ["https://kagaz.sot.kg", "https://kagaz.sot.kg/", "http://10.0.0.5:8000/kagaz"])
def test_the_check_address_uses_the_ascii_number(public_url: str) -> None:
    address = stamp.check_address(public_url, NUMBER)
    assert address == public_url.rstrip("/") + "/verify/KJS-2026-000123"
    assert address.isascii()


def test_the_qr_code_decodes_to_the_address_and_is_printed_with_half_millimetre_modules() -> None:
    address = stamp.check_address("https://kagaz.sot.kg", NUMBER)
    code = stamp.qr_code(address)
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(code.png)))
    assert [result.text for result in decoded] == [address]
    assert code.size_mm / (code.modules + 2 * stamp.QUIET_ZONE) == pytest.approx(stamp.MODULE_MM)
    assert stamp.MODULE_MM >= 0.4
    image = Image.open(io.BytesIO(code.png)).convert("L")
    side = (code.modules + 2 * stamp.QUIET_ZONE) * stamp.PIXELS_PER_MODULE
    assert image.size == (side, side)
    quiet = stamp.QUIET_ZONE * stamp.PIXELS_PER_MODULE  # the white border the standard asks for, all round
    for box in [(0, 0, side, quiet), (0, side - quiet, side, side), (0, 0, quiet, side), (side - quiet, 0, side, side)]:
        assert image.crop(box).getextrema() == (255, 255)
    assert image.crop((quiet, quiet, quiet + 7 * stamp.PIXELS_PER_MODULE, quiet + 1)).getextrema() == (0, 0)


@pytest.mark.parametrize("public_url", ["https://kagaz.sot.kg", "http://10.0.0.5:8000/kagaz"])
def test_qr_codes_of_a_spread_of_numbers_decode_at_150_dpi_with_the_fixed_mask(public_url: str) -> None:
    """The mask pattern is fixed (``stamp.MASK``) rather than chosen per code: every code of a spread of
    numbers still decodes when printed at 0.5 mm a module and seen at 150 dpi (about 3 pixels a module)."""
    for year, sequence in [(2026, 1), (2026, 9), (2026, 123), (2027, 4567), (2030, 99999), (2999, 999999)]:
        address = stamp.check_address(public_url, IssueNumber("КЖС", year, sequence))
        code = stamp.qr_code(address)
        image = Image.open(io.BytesIO(code.png)).convert("L")
        side = round(code.size_mm / 25.4 * 150)  # the printed size at 150 dpi
        seen = image.resize((side, side), Image.Resampling.BILINEAR)
        assert [result.text for result in zxingcpp.read_barcodes(seen)] == [address], address


def test_an_issued_context_has_number_and_qr_a_draft_the_mark_only() -> None:
    issued = stamp.context(NUMBER, "https://kagaz.sot.kg")
    assert issued["number"] == "№ КЖС-2026-000123"
    assert issued["qr"].width_mm == issued["qr"].height_mm > 15
    assert issued["draft"] is False
    draft = stamp.context(None, "https://kagaz.sot.kg")
    assert draft == {"number": "ДОЛБООР", "qr": "", "url": "", "draft": True}
