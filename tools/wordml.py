"""WordprocessingML pieces shared by the scripts that built v1 of the official templates.

Both builders write a DOCX package by hand (no python-docx default template, which brings 164 styles on
Calibri/Cambria theme fonts); the namespaces, the settings, the font table and the package writer are
the same for every template, so they live here once.
"""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")  # Liberation Serif: metric twin of Times New Roman
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORD_ML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
FONT = "Times New Roman"
LANGUAGE = "ky-KG"
CELL_MARGIN = 85  # left and right padding inside a cell: 0.15 cm (Word's default 0.19 cm costs a page)
SAFETY_PT = 3.0  # headroom for rounding and kerning differences between Pillow and LibreOffice
# LibreOffice may end a line after a hyphen that precedes a letter («пресс-» / «конференцияларды»)
BREAK_AFTER_HYPHEN = re.compile(r"(?<=-)(?=[^\W\d_])")


def settings_xml() -> str:
    return (
        f'<w:settings xmlns:w="{W_NS}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="709"/>'
        '<w:autoHyphenation w:val="false"/><w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"'
        ' w:val="15"/></w:compat><w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/></w:settings>'
    )


def font_table_xml() -> str:
    return (
        f'<w:fonts xmlns:w="{W_NS}"><w:font w:name="{FONT}"><w:panose1 w:val="02020603050405020304"/>'
        '<w:charset w:val="CC"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>'
    )


def write_package(output: Path, parts: dict[str, str]) -> None:
    """Write the parts as a DOCX atomically and byte-identically on every run (fixed ZIP dates); every part
    is parsed first so that a typo cannot ship; the file is 0644, as the service and editors read it."""
    declaration = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    blobs = {}
    for name, xml in parts.items():
        etree.fromstring(xml.encode("utf-8"))  # well-formedness check
        blobs[name] = declaration + xml.encode("utf-8")
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=output.parent, suffix=".docx.tmp")
    try:
        with os.fdopen(handle, "wb") as stream, zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as package:
            for name, blob in blobs.items():
                package.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), blob, zipfile.ZIP_DEFLATED)
        Path(temporary).chmod(0o644)  # mkstemp creates 0600
        Path(temporary).replace(output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
