"""Reading PDFs in tests with poppler, as a person's PDF reader would: text, fonts, page size."""

from __future__ import annotations

import html as html_module
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


def _run(args: list[str], pdf: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        return subprocess.run([*args, str(path)], check=True, capture_output=True, text=True).stdout


def text(pdf: bytes, layout: bool = False, page: int | None = None) -> str:
    """The PDF's text in reading order (``pdftotext``), UTF-8; of one ``page`` (from 1) when given."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        pages = [] if page is None else ["-f", str(page), "-l", str(page)]
        args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), *pages, str(path), "-"]
        return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def words(pdf: bytes) -> list[str]:
    return text(pdf).split()


@dataclass(frozen=True)
class Font:
    name: str
    type: str
    embedded: bool
    subset: bool
    unicode: bool

    @property
    def family(self) -> str:
        """``ABCDEF+LiberationSerif-Bold`` → ``LiberationSerif``."""
        return self.name.split("+", 1)[-1].split("-", 1)[0].split(",", 1)[0]


def fonts(pdf: bytes) -> list[Font]:
    """Every font of the PDF (``pdffonts``)."""
    lines = _run(["pdffonts"], pdf).splitlines()[2:]
    found = []
    for line in lines:
        parts = line.split()
        # name type [encoding words...] emb sub uni object ID
        name, kind = parts[0], parts[1]
        emb, sub, uni = parts[-5], parts[-4], parts[-3]
        found.append(Font(name, kind, emb == "yes", sub == "yes", uni == "yes"))
    return found


def info(pdf: bytes) -> dict[str, str]:
    """``pdfinfo`` as a dict: Pages, Page size, Title …"""
    result = {}
    for line in _run(["pdfinfo"], pdf).splitlines():
        key, _, value = line.partition(":")
        result[key.strip()] = value.strip()
    return result


def page_size_points(pdf: bytes) -> tuple[float, float]:
    match = re.match(r"([\d.]+) x ([\d.]+) pts", info(pdf)["Page size"])
    assert match, info(pdf)
    return float(match.group(1)), float(match.group(2))


def first_page_png(pdf: bytes, out: Path, dpi: int = 60) -> Path:
    """Page 1 as a PNG (``pdftoppm``), kept as a test artifact to look at."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        stem = out.with_suffix("")
        subprocess.run(
            ["pdftoppm", "-f", "1", "-l", "1", "-r", str(dpi), "-png", "-singlefile", str(path), str(stem)],
            check=True,
        )
    return out


def pdf_words_at(pdf: bytes) -> list[tuple[int, float, float, str]]:
    """Every word of the PDF with its place: (page, x of its left edge in pt, y of its top, word)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        html = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-bbox", str(path), "-"], check=True, capture_output=True, text=True
        ).stdout
    words = []
    for page, content in enumerate(html.split("<page ")[1:], start=1):
        for match in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', content):
            words.append((page, float(match[1]), float(match[2]), html_module.unescape(match[3])))
    return words


def pieces(text: str) -> list[str]:
    """The pieces a line may not be broken inside: words, split after a hyphen that precedes a letter.

    LibreOffice may end a line after the hyphen of «29-августундагы» (as Word does); a word broken anywhere
    else shows up as pieces that are not in the text.
    """
    return [piece for word in text.split() for piece in re.split(r"(?<=-)(?=[^\W\d_])", word)]


def pdf_pieces(pdf: bytes) -> set[str]:
    """The pieces of every word the PDF shows, as laid out (``pdftotext -bbox``, which, unlike plain
    ``pdftotext``, does not join a line ending in a hyphen to whatever text it reads next)."""
    return {piece for *_, word in pdf_words_at(pdf) for piece in pieces(word)}


def last_page_png(pdf: bytes, out: Path, dpi: int = 80) -> Path:
    """The last page (where the signature block is) as a PNG, kept as a test artifact to look at."""
    pages = int(info(pdf)["Pages"])
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        args = ["pdftoppm", "-f", str(pages), "-l", str(pages), "-r", str(dpi), "-png", "-singlefile"]
        subprocess.run([*args, str(path), str(out.with_suffix(""))], check=True)
    return out
