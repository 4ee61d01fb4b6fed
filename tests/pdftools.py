"""Reading PDFs in tests with poppler, as a person's PDF reader would: text, fonts, page size."""

from __future__ import annotations

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


def text(pdf: bytes, layout: bool = False) -> str:
    """The PDF's text in reading order (``pdftotext``), UTF-8."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"]
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
