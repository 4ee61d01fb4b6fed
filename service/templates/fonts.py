"""Fonts a template asks for that the server does not have: LibreOffice then quietly uses another one.

A template made on a desk with «PT Astra Serif» or Word's default «Calibri» converts on the server with a
replacement whose letters are wider or narrower, so lines, table rows and pages break differently from
what the editor saw. The check names each such font and its replacement, as fontconfig (which LibreOffice
asks) picks it: ``fc-match``. A replacement made to have the same letter widths (Liberation Serif for Times
New Roman, Carlito for Calibri …) changes nothing on the page and is not reported.

``used_fonts`` is pure (bytes in, names out); ``replacement`` runs ``fc-match`` (an edge).
"""

from __future__ import annotations

import functools
import io
import subprocess
import zipfile
from collections.abc import Callable

from lxml import etree

from service.templates.findings import Finding, warning
from service.templates.tags import W

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
FC_TIMEOUT = 10  # seconds; fc-match answers in milliseconds from fontconfig's cache
# fontconfig's metric aliases (30-metric-aliases.conf): same widths, so the same lines and pages.
METRIC_COMPATIBLE = {
    "times new roman": "liberation serif",
    "arial": "liberation sans",
    "helvetica": "liberation sans",
    "courier new": "liberation mono",
    "courier": "liberation mono",
    "arial narrow": "liberation sans narrow",
    "calibri": "carlito",
    "cambria": "caladea",
}
ATTRIBUTES = ("ascii", "hAnsi", "cs")  # the scripts Kyrgyz and Russian text is set in; not eastAsia
THEMES = {"minorHAnsi": "minor", "minorAscii": "minor", "majorHAnsi": "major", "majorAscii": "major"}


def used_fonts(content: bytes) -> list[str]:
    """The font families the document's text asks for, in the styles, the body, headers and footers."""
    names: set[str] = set()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        parts = [name for name in archive.namelist() if _text_part(name)]
        theme = _theme_fonts(archive)
        for name in parts:
            root = _parse(archive.read(name))
            for fonts in root.iter(W + "rFonts"):
                for attribute in ATTRIBUTES:
                    value = fonts.get(W + attribute)
                    if value:
                        names.add(value.strip())
                    themed = fonts.get(W + attribute + "Theme")
                    if themed in THEMES and theme.get(THEMES[themed]):
                        names.add(theme[THEMES[themed]])
    return sorted(name for name in names if name)


def _text_part(name: str) -> bool:
    short = name.rsplit("/", 1)[-1]
    top_level = name.startswith("word/") and name.count("/") == 1
    return top_level and short.startswith(("document", "styles", "header", "footer"))


def _theme_fonts(archive: zipfile.ZipFile) -> dict[str, str]:
    """The theme's body (``minor``) and heading (``major``) Latin fonts: Word's default text uses them."""
    try:
        root = _parse(archive.read("word/theme/theme1.xml"))
    except KeyError:
        return {}
    found = {}
    for kind in ("minor", "major"):
        latin = root.find(f".//{A}{kind}Font/{A}latin")
        if latin is not None and latin.get("typeface"):
            found[kind] = latin.get("typeface", "")
    return found


def _parse(xml: bytes) -> etree._Element:
    return etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))


@functools.lru_cache(maxsize=256)
def replacement(font: str) -> str | None:
    """The family fontconfig gives for ``font``; None when ``fc-match`` is not there or fails."""
    try:
        result = subprocess.run(
            ["fc-match", "-f", "%{family}", font], check=True, capture_output=True, timeout=FC_TIMEOUT
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.decode("utf-8", errors="replace").split(",")[0].strip() or None


def check_fonts(content: bytes, lookup: Callable[[str], str | None] = replacement) -> list[Finding]:
    findings = []
    for font in used_fonts(content):
        found = lookup(font)
        if found is None or found.casefold() == font.casefold():
            continue
        if METRIC_COMPATIBLE.get(font.casefold()) == found.casefold():
            continue
        findings.append(
            warning(
                "font_missing",
                f"the server has no font «{font}»; the PDF uses «{found}»",
                location="fonts",
                font=font,
                replacement=found,
            )
        )
    return findings
