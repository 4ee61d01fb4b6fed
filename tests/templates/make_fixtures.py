"""Make the broken (and the deliberately changed) templates under ``tests/templates/fixtures/``.

Each fixture is the shipped ``templates_docx/action_plan.docx`` with one thing done to it the way a template
editor (or an attacker) would do it, so the tests exercise real DOCX files, not strings. The fixtures are
committed; run this script again after the shipped template changes:

    .venv/bin/python tests/templates/make_fixtures.py

``variant`` is also used by the tests to make distinct good versions on the fly.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "templates_docx" / "action_plan.docx"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DOCUMENT = "word/document.xml"
RELS = "word/_rels/document.xml.rels"
TYPES = "[Content_Types].xml"
W_T = '<w:t xml:space="preserve">'
HEADER_CELL = "Милдеттер"  # the second column's header: a visible, harmless thing to change


def variant(
    changes: dict[str, Callable[[str], str]] | None = None,
    extra: dict[str, bytes] | None = None,
    source: Path = SHIPPED,
) -> bytes:
    """The shipped DOCX with ``changes`` applied to parts' text and ``extra`` parts added (ZIP order kept)."""
    changes = changes or {}
    out = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in original.infolist():
            data = original.read(item)
            if item.filename in changes:
                data = changes[item.filename](data.decode("utf-8")).encode("utf-8")
            copy.writestr(item, data)
        for name, data in (extra or {}).items():
            copy.writestr(name, data)
    return out.getvalue()


def replace_once(old: str, new: str) -> Callable[[str], str]:
    def change(xml: str) -> str:
        assert xml.count(old) >= 1, f"{old!r} is not in the part"
        return xml.replace(old, new, 1)

    return change


def header_text(text: str) -> bytes:
    """A good version whose second header cell reads ``text`` instead of «Милдеттер»."""
    return variant({DOCUMENT: replace_once(f"{W_T}{HEADER_CELL}</w:t>", f"{W_T}{text}</w:t>")})


def _run(text: str, bold: bool = False) -> str:
    properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f"<w:r>{properties}{W_T}{text}</w:t></w:r>"


def split_tag() -> bytes:
    """``{{ m.dead`` in a bold run, `` line }}`` in a plain one: a space typed into a tag Word had split."""
    old = f"<w:r>{W_T}{{{{ m.deadline }}}}</w:t></w:r>"
    return variant({DOCUMENT: replace_once(old, _run("{{ m.dead", bold=True) + _run(" line }}"))})


def split_tag_clean() -> bytes:
    """``{{ m.dead`` bold + ``line }}`` plain, with Word's spell-check marks between: docxtpl joins it."""
    old = f"<w:r>{W_T}{{{{ m.deadline }}}}</w:t></w:r>"
    marks = '<w:proofErr w:type="spellStart"/>'
    return variant({DOCUMENT: replace_once(old, _run("{{ m.dead", bold=True) + marks + _run("line }}"))})


def unclosed_for() -> bytes:
    """The last row, ``{%tr endfor %}`` of the sections loop, deleted."""

    def change(xml: str) -> str:
        end = f"{W_T}{{%tr endfor %}}</w:t>"
        position = xml.rindex(end)
        start = xml.rindex("<w:tr>", 0, position)
        stop = xml.index("</w:tr>", position) + len("</w:tr>")
        return xml[:start] + xml[stop:]

    return variant({DOCUMENT: change})


def unknown_variable() -> bytes:
    return variant({DOCUMENT: replace_once("{{ m.deadline }}", "{{ m.dedline }}")})


def sandbox_escape() -> bytes:
    return variant({DOCUMENT: replace_once("{{ title }}", "{{ ''.__class__.__mro__ }}")})


def sandbox_dynamic() -> bytes:
    """An attribute name built at run time: no static walk can see it, the sandbox must refuse it."""
    return variant({DOCUMENT: replace_once("{{ title }}", "{{ title|attr('_' ~ '_class__') }}")})


def macro_document() -> bytes:
    """A .docm: the macro-enabled main content type and a VBA project part."""
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    macro = "application/vnd.ms-word.document.macroEnabled.main+xml"
    rel = (
        '<Relationship Id="rId90" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
        'Target="vbaProject.bin"/></Relationships>'
    )
    return variant(
        {
            TYPES: replace_once(main, macro),
            RELS: replace_once("</Relationships>", rel),
        },
        {"word/vbaProject.bin": bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504 + b"Attribute VB_Name"},
    )


def renamed_pdf() -> bytes:
    """A small but real one-page PDF, as if an editor had exported to PDF and renamed it to .docx."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length 0 >>\nstream\n\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def encrypted() -> bytes:
    """What Word writes for a password-protected DOCX: an OLE compound file holding EncryptionInfo and
    EncryptedPackage streams (the header and the stream names; the content does not matter here)."""
    header = bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 16 + bytes.fromhex("3E000300FEFF0900")
    names = "".join(name.ljust(32, "\0") for name in ("EncryptionInfo", "EncryptedPackage")).encode("utf-16-le")
    return header + b"\0" * (512 - len(header)) + names + b"\0" * 1024


def doctype() -> bytes:
    """``word/document.xml`` with an internal DTD and an entity: XXE / billion laughs start like this."""
    decl = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    dtd = '<!DOCTYPE w:document [<!ENTITY kagaz "Kagaz">]>'
    return variant({DOCUMENT: replace_once(decl, decl + dtd)})


def external_image() -> bytes:
    rel = (
        '<Relationship Id="rId91" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
        'Target="http://192.0.2.1/logo.png" TargetMode="External"/></Relationships>'
    )
    return variant({RELS: replace_once("</Relationships>", rel)})


def too_wide() -> bytes:
    """The «Иш-чаралар» column made 10 cm wider than it is: the table no longer fits the page."""
    return variant({DOCUMENT: replace_once('<w:gridCol w:w="3288"/>', '<w:gridCol w:w="8958"/>')})


def signature_split() -> bytes:
    """A 40-line signature block (paragraphs in a «Signature» style) after the table: it cannot fit the
    rest of the last page, so it begins on one page and ends on the next."""
    lines = ["Сот департаментинин директору"] + [f"Макулдашылды {n}" for n in range(1, 39)] + ["А. Б. Асанов"]
    block = "".join(f'<w:p><w:pPr><w:pStyle w:val="Signature"/></w:pPr>{_run(line)}</w:p>' for line in lines)
    return variant({DOCUMENT: replace_once("<w:sectPr>", block + "<w:sectPr>")})


def clipped_rows() -> bytes:
    """The measure row given an exact height of 0.5 cm: every long cell is cut off."""
    old = (
        '<w:tr><w:tc><w:tcPr><w:tcW w:w="567" w:type="dxa"/></w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="TableTextCentred"/></w:pPr>{_run("{{ m.number }}")}'
    )
    new = old.replace("<w:tr>", '<w:tr><w:trPr><w:trHeight w:val="283" w:hRule="exact"/></w:trPr>', 1)
    return variant({DOCUMENT: replace_once(old, new)})


def no_issuance_tags() -> bytes:
    """The paragraph with the issuance number and its QR code deleted (an editor tidying the end away)."""
    old = _run("{{ issued.qr }} {{ issued.number }}")
    return variant({DOCUMENT: replace_once(old, "")})


FIXTURES_MADE: dict[str, Callable[[], bytes]] = {
    "no_issuance_tags.docx": no_issuance_tags,
    "split_tag.docx": split_tag,
    "split_tag_clean.docx": split_tag_clean,
    "unclosed_for.docx": unclosed_for,
    "unknown_variable.docx": unknown_variable,
    "sandbox_escape.docx": sandbox_escape,
    "sandbox_dynamic.docx": sandbox_dynamic,
    "macro.docm": macro_document,
    "renamed_pdf.docx": renamed_pdf,
    "encrypted.docx": encrypted,
    "doctype.docx": doctype,
    "external_image.docx": external_image,
    "too_wide.docx": too_wide,
    "signature_split.docx": signature_split,
    "clipped_rows.docx": clipped_rows,
}


def main() -> None:
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for name, make in FIXTURES_MADE.items():
        (FIXTURES / name).write_bytes(make())
        print(f"{FIXTURES / name}")


if __name__ == "__main__":
    main()
