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
    with tempfile.TemporaryDirectory(prefix="kagaz-pdf-") as folder:
        path = Path(folder) / "render.pdf"
        path.write_bytes(pdf)
        stem = Path(folder) / "page"
        subprocess.run(
            ["pdftoppm", "-f", "1", "-l", "1", "-r", str(dpi), "-png", "-singlefile", str(path), str(stem)],
            check=True,
            capture_output=True,
            timeout=POPPLER_TIMEOUT,
        )
        return stem.with_suffix(".png").read_bytes()
