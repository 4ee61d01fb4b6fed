"""Make the templates "as people really edit them" under ``tests/templates/fixtures/office/``.

Two kinds, each with the outcome the tests expect (``test_office_templates.py``):

- **saved by LibreOffice Writer**: the shipped action-plan template with one thing an editor does (a tracked
  change, a comment, hidden text, a font the server lacks, a tag split with a stray space), then opened and
  saved again as DOCX by ``soffice --convert-to docx`` — Writer rewrites the whole package its own way;
  the plain round trip must still be accepted;
- **saved by Word**, from public test corpora (fetched, small, unchanged): docx4j's
  ``unmarshallFromTemplateDirtyExample.docx`` (tracked insertions; Apache License 2.0) and python-docx's
  ``comments-rich-para.docx`` (comments) and ``doc-word-default-blank.docx`` (Word's default Calibri; MIT);
  see ``fixtures/office/SOURCES.md``.

Run again after the shipped template changes (needs LibreOffice; the corpus files are kept as they are)::

    .venv/bin/python tests/templates/make_office_fixtures.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_fixtures import DOCUMENT, HEADER_CELL, RELS, TYPES, W_T, replace_once, split_tag, variant

OFFICE = Path(__file__).resolve().parent / "fixtures" / "office"
AFTER_HEADER = f"{W_T}{HEADER_CELL}</w:t></w:r>"  # the end of the second header cell's run


def _after_header(runs: str) -> Callable[[str], str]:
    """Put ``runs`` (whole runs or run-level elements) right after the «Милдеттер» header's run."""
    return replace_once(AFTER_HEADER, AFTER_HEADER + runs)


def tracked_change() -> bytes:
    by = 'w:author="Айгүл" w:date="2026-01-10T10:00:00Z"'
    inserted = f'<w:ins w:id="901" {by}><w:r><w:t xml:space="preserve"> (жаңы)</w:t></w:r></w:ins>'
    deleted = f'<w:del w:id="902" {by}><w:r><w:delText xml:space="preserve"> эски</w:delText></w:r></w:del>'
    return variant({DOCUMENT: _after_header(inserted + deleted)})


COMMENTS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:comment w:id="0" w:author="Айгүл" w:date="2026-01-10T10:00:00Z" w:initials="А">'
    "<w:p><w:r><w:t>Бул мамычанын атын текшерүү керек</w:t></w:r></w:p></w:comment></w:comments>"
)


def comment() -> bytes:
    anchor = (
        '<w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve"> </w:t></w:r><w:commentRangeEnd w:id="0"/>'
        '<w:r><w:commentReference w:id="0"/></w:r>'
    )
    rel = (
        '<Relationship Id="rId95" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" '
        'Target="comments.xml"/></Relationships>'
    )
    kind = (
        '<Override PartName="/word/comments.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>'
    )
    changes = {DOCUMENT: _after_header(anchor), RELS: replace_once("</Relationships>", rel)}
    changes[TYPES] = replace_once("</Types>", kind)
    return variant(changes, {"word/comments.xml": COMMENTS.encode("utf-8")})


def hidden_text() -> bytes:
    run = '<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve"> жашыруун эскертме</w:t></w:r>'
    return variant({DOCUMENT: _after_header(run)})


MISSING_FONT = "PT Astra Serif"  # a font Russian and Kyrgyz offices use that the server does not have


def missing_font() -> bytes:
    fonts = f'<w:rFonts w:ascii="{MISSING_FONT}" w:hAnsi="{MISSING_FONT}" w:cs="{MISSING_FONT}"/>'
    run = f'<w:r><w:rPr>{fonts}</w:rPr><w:t xml:space="preserve"> (2026)</w:t></w:r>'
    return variant({DOCUMENT: _after_header(run)})


def shipped() -> bytes:
    return variant()


WRITER: dict[str, Callable[[], bytes]] = {
    "writer-roundtrip.docx": shipped,
    "writer-tracked-changes.docx": tracked_change,
    "writer-comment.docx": comment,
    "writer-hidden-text.docx": hidden_text,
    "writer-missing-font.docx": missing_font,
    "writer-split-tag.docx": split_tag,
}


def save_with_writer(content: bytes, name: str, folder: Path) -> bytes:
    """``content`` opened and saved as DOCX by LibreOffice Writer (its own profile: no clash with a pool)."""
    source = folder / "in" / name
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_bytes(content)
    out = folder / "out"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return (out / name).read_bytes()


def main() -> None:
    OFFICE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kagaz-fixtures-") as temp:
        for name, make in WRITER.items():
            (OFFICE / name).write_bytes(save_with_writer(make(), name, Path(temp)))
            print(OFFICE / name)


if __name__ == "__main__":
    main()
