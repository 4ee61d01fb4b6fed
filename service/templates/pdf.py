"""Reading the test render's PDF with poppler: the text of each page and a picture of the first.

The layout checks need the text of the PDF page by page (``pdftotext``: pages come separated by form feeds,
one process for the whole file), and the editors' page shows page 1 as an image (``pdftoppm``).
Both are Debian's poppler-utils, which the tests use too. This is an edge: processes and temp files.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

POPPLER_TIMEOUT = 60  # seconds; a 20-page render takes well under one
PREVIEW_DPI = 80  # an A4 landscape page at 80 dpi is 935×661 px: readable on the page, about 100 KB


def page_texts(pdf: bytes) -> list[str]:
    """The text of every page in the order LibreOffice wrote it (``pdftotext -raw``): a table cell's lines stay
    together, where the default reading order interleaves the lines of neighbouring cells."""
    with tempfile.TemporaryDirectory(prefix="kagaz-pdf-") as folder:
        path = Path(folder) / "render.pdf"
        path.write_bytes(pdf)
        result = subprocess.run(
            ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
            check=True,
            capture_output=True,
            timeout=POPPLER_TIMEOUT,
        )
    pages = result.stdout.decode("utf-8", errors="replace").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()  # pdftotext ends the last page with a form feed too
    return pages


def first_page_png(pdf: bytes, dpi: int = PREVIEW_DPI) -> bytes:
    """Page 1 as PNG bytes (``pdftoppm``)."""
    image = page_png(pdf, 1, dpi)
    assert image is not None, "a PDF has a first page"
    return image


def page_png(pdf: bytes, page: int, dpi: int = PREVIEW_DPI) -> bytes | None:
    """Page ``page`` (from 1) as PNG bytes; None when the PDF has no such page."""
    if page < 1:
        return None
    with tempfile.TemporaryDirectory(prefix="kagaz-pdf-") as folder:
        path = Path(folder) / "render.pdf"
        path.write_bytes(pdf)
        stem = Path(folder) / "page"
        result = subprocess.run(
            ["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi), "-png", "-singlefile", str(path), str(stem)],
            check=False,
            capture_output=True,
            timeout=POPPLER_TIMEOUT,
        )
        output = stem.with_suffix(".png")
        if result.returncode != 0 or not output.is_file():
            return None
        return output.read_bytes()
