"""Small DOCX files for the real-LibreOffice tests, made with python-docx, and poppler-based checks."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import docx
from docx.shared import Pt
from PIL import Image

KYRGYZ_TEXT = "ң ө ү Өкмөт Үй Маңыз"


def kyrgyz_docx() -> bytes:
    """One paragraph of Kyrgyz in Times New Roman (Liberation Serif on this machine)."""
    document = docx.Document()
    run = document.add_paragraph().add_run(KYRGYZ_TEXT)
    run.font.name = "Times New Roman"
    run.font.size = Pt(14)
    return _save(document)


def long_docx(rows: int) -> bytes:
    """A table of ``rows`` rows: about 1 s of LibreOffice work per 600 rows on this machine."""
    document = docx.Document()
    table = document.add_table(rows=rows, cols=4)
    for number, row in enumerate(table.rows):
        for column, cell in enumerate(row.cells):
            cell.text = f"{KYRGYZ_TEXT} {number}.{column}"
    return _save(document)


def external_image_docx(url: str) -> bytes:
    """A DOCX whose only image is a relationship with ``TargetMode="External"`` pointing at ``url``."""
    png = io.BytesIO()
    Image.new("RGB", (40, 40), "red").save(png, "PNG")
    png.seek(0)
    document = docx.Document()
    document.add_paragraph("Сүрөттүн алдында")
    document.add_picture(png)
    document.add_paragraph("Сүрөттөн кийин")
    source = zipfile.ZipFile(io.BytesIO(_save(document)))
    result = io.BytesIO()
    with source, zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("word/media/"):
                continue  # no embedded copy to fall back on
            if item.filename == "word/_rels/document.xml.rels":
                data = re.sub(
                    rb'Target="media/[^"]+"',
                    f'Target="{url}" TargetMode="External"'.encode(),
                    data,
                )
            elif item.filename == "word/document.xml":
                data = data.replace(b"r:embed=", b"r:link=")
            target.writestr(item, data)
    return result.getvalue()


def _save(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def pdf_fonts(pdf: Path) -> list[tuple[str, bool]]:
    """(font name, embedded?) for every font of the PDF, as ``pdffonts`` lists them."""
    output = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    header, _, *rows = output.splitlines()
    embedded_at = header.index("emb")
    return [(row.split()[0], row[embedded_at : embedded_at + 3] == "yes") for row in rows if row.strip()]


def pdf_image_count(pdf: Path) -> int:
    output = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    return len(output.splitlines()) - 2  # two header lines


def pdf_pages(pdf: Path) -> int:
    output = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", output, re.MULTILINE).group(1))  # type: ignore[union-attr]
