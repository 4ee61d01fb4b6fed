"""What a template shows of an issued document: its number and the QR code of its check address.

Every template reads ``issued.number`` and ``issued.qr`` (template validation refuses a version without
them). For an issued document ``issued.number`` is the printed number and ``issued.qr`` the QR code of
``KAGAZ_PUBLIC_URL/verify/{ascii number}``; for a draft — anything rendered without a number: ``?draft=true``,
template validation's test render, previews — ``issued.number`` is the visible mark «ДОЛБООР» and
``issued.qr`` is empty, so a draft can never pass for an issued paper.

The shipped templates print both small after the signature block at the end of the document rather than
in every page's footer: LibreOffice 7.4 has no reliable last-page-only footer, a QR code in every footer
would repeat the same address on each of the plan's many landscape pages and take space from its table, and
the end of the document is where a reader looks for the signature the number vouches for.

Why 0.5 mm modules: a QR code must decode from the page scanned or rendered at 150 dpi (≈ 0.17 mm a pixel),
which needs about three pixels a module; 0.4 mm is the floor the issue sets, and 0.5 mm leaves room for a
worn print. Error correction M survives a fold or a stamp over a corner.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import segno
from PIL import Image, ImageOps

from service.catalogue import translate
from service.images import ImageValue
from service.issuance.numbers import IssueNumber

MODULE_MM = 0.5
QUIET_ZONE = 4  # modules of white border the QR standard requires around the code
PIXELS_PER_MODULE = 4  # 200 dpi at 0.5 mm a module: the code decodes at 150 dpi; 8 px doubled segno's PNG time
# segno scores the 8 mask patterns in pure Python to pick the best: 3 of the QR code's 4.6 ms (2-core machine).
# Pattern 3 is a fixed choice instead: over 270 check addresses (3 public URLs, 90 numbers) its penalty score
# was at most 16 % (median 1.7 %) above the best pattern's, and it was itself the best for 97 of them;
# every pattern is one a reader must decode (ISO/IEC 18004, 7.8). tests/issuance/test_stamp.py decodes a
# spread of numbers at 150 dpi.
MASK = 3
DOCUMENT_LANGUAGE = "ky"  # documents speak Kyrgyz, whatever the language of the page that asked for them
TAGS = ("issued.number", "issued.qr")


# A PDF draft also carries the mark across every page, drawn by LibreOffice's PDF exporter (its
# ``Watermark`` option, light grey, horizontal so that the words stay text a reader and a test can find):
# the small mark after the signature block alone went unnoticed on a page-one glance. A DOCX draft is
# editable, so it keeps only that mark: any watermark put into it would be one click from removal.
WATERMARK_GREY = 0xD0D0D0


def draft_watermark() -> tuple[str, ...]:
    """LibreOffice PDF export options that print the draft mark across every page."""
    return (f"Watermark={translate('draft_mark', DOCUMENT_LANGUAGE)}", f"WatermarkColor={WATERMARK_GREY}")


def check_address(public_url: str, number: IssueNumber) -> str:
    """The public address that shows what was issued under ``number``."""
    return f"{public_url.rstrip('/')}/verify/{number.ascii}"


@dataclass(frozen=True)
class QrCode:
    """A QR code as a PNG and its printed size."""

    png: bytes
    size_mm: float
    modules: int  # symbol width in modules, without the quiet zone


def qr_code(text: str, module_mm: float = MODULE_MM) -> QrCode:
    """The QR code of ``text`` (error correction M) at ``module_mm`` millimetres a module.

    segno makes the symbol; Pillow draws its PNG (a third of the time of segno's pure-Python PNG writer:
    0.4 against 1.4 ms here, on every issued document)."""
    code = segno.make(text, error="m", micro=False, boost_error=False, mask=MASK)
    modules = len(code.matrix)
    dark = Image.frombytes("L", (modules, modules), bytes(0 if bit else 255 for row in code.matrix for bit in row))
    framed = ImageOps.expand(dark, border=QUIET_ZONE, fill=255)
    width = framed.width
    out = io.BytesIO()
    framed.resize((width * PIXELS_PER_MODULE,) * 2, Image.Resampling.NEAREST).convert("1").save(
        out, "PNG", compress_level=1
    )
    return QrCode(out.getvalue(), width * module_mm, modules)


def context(number: IssueNumber | None, public_url: str) -> dict[str, Any]:
    """The ``issued`` value of a template context: the number and QR code, or the draft mark alone."""
    if number is None:
        return {"number": translate("draft_mark", DOCUMENT_LANGUAGE), "qr": "", "url": "", "draft": True}
    address = check_address(public_url, number)
    code = qr_code(address)
    return {
        "number": f"№ {number}",
        "qr": ImageValue(code.png, code.size_mm, code.size_mm),
        "url": address,
        "draft": False,
    }
