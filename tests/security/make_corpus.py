"""Make the binary part of the bad-input corpus under ``tests/security/corpus/``: hostile and broken files.

The corpus is committed so that any tool (curl, another fuzzer, a later benchmark) can replay it; this script
writes the binary files again, byte for byte (fixed ZIP dates), after a shipped template or sample changes:

    .venv/bin/python tests/security/make_corpus.py

The hostile packages start from the real thing — the shipped ``templates_docx/action_plan.docx`` and the
example workbook ``samples/spreadsheets/action_plan.xlsx`` — with one thing done to each, so that a case
proves that exact thing is refused, not that the file was broken anyway. What each file is sent to and what
must come back is in ``corpus/cases.toml``; the text cases there (JSON bodies, values) are written by hand.
"""

from __future__ import annotations

import base64
import io
import json
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "corpus"
DOCX = ROOT / "templates_docx" / "action_plan.docx"
XLSX = ROOT / "samples" / "spreadsheets" / "action_plan.xlsx"
DATE = (2025, 1, 1, 0, 0, 0)
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
BOMB_BYTES = 32 * 1024 * 1024  # zeros: deflate packs them about 1000:1, so each bomb stays ~32 KB

W_DOC = "word/document.xml"
TYPES = "[Content_Types].xml"
MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"
XLSX_MACRO_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
XLSX_MAIN_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
SHEET = "xl/worksheets/sheet3.xml"  # «Иш-чаралар», the sheet the import reads


def xxe(root: str) -> str:
    return f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def laughs(root: str) -> str:
    """Billion laughs: ten levels of ten references each, 10⁹ "lol"s if a parser expanded them."""
    entities = ['<!ENTITY lol0 "lol">']
    entities += [f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)]
    return f"<!DOCTYPE {root} [{''.join(entities)}]>"


def _zip(entries: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(zipfile.ZipInfo(name, DATE), data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def variant(
    source: Path, changes: dict[str, Callable[[str], str]] | None = None, extra: dict[str, bytes] | None = None
) -> bytes:
    """``source`` with some parts' text changed and parts added (order kept, dates fixed)."""
    changes = changes or {}
    entries = []
    with zipfile.ZipFile(source) as original:
        for item in original.infolist():
            data = original.read(item)
            if item.filename in changes:
                data = changes[item.filename](data.decode("utf-8")).encode("utf-8")
            entries.append((item.filename, data))
    return _zip(entries + list((extra or {}).items()))


def part(source: Path, name: str) -> str:
    with zipfile.ZipFile(source) as archive:
        return archive.read(name).decode("utf-8")


def prolog(declaration: str) -> Callable[[str], str]:
    """Put ``declaration`` (a DOCTYPE) right after the XML declaration, or first when there is none."""

    def change(xml: str) -> str:
        end = xml.index("?>") + 2 if xml.startswith("<?xml") else 0
        return xml[:end] + declaration + xml[end:]

    return change


def replace(old: str, new: str) -> Callable[[str], str]:
    def change(xml: str) -> str:
        assert old in xml, f"{old!r} is not in the part"
        return xml.replace(old, new, 1)

    return change


def both(*changes: Callable[[str], str]) -> Callable[[str], str]:
    def change(xml: str) -> str:
        for step in changes:
            xml = step(xml)
        return xml

    return change


def png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width``×``height`` pixels, with one tiny IDAT: a decompression bomb's shape."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(bytes(64))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


# --- DOCX templates (sent to the template upload) ------------------------------------------------------
def docx_renamed_main_part() -> bytes:
    """The main document moved to ``word/main.dat`` (a name that does not end in .xml) with an XXE DOCTYPE
    that nothing references, a decoy left at ``word/document.xml``: python-docx follows the relationship and
    the content type, not the name, so the DOCTYPE must be found by the part's type too."""
    main = prolog(xxe("w:document"))(part(DOCX, W_DOC))
    return variant(
        DOCX,
        {
            "_rels/.rels": replace('Target="word/document.xml"', 'Target="word/main.dat"'),
            TYPES: replace('PartName="/word/document.xml"', 'PartName="/word/main.dat"'),
        },
        {"word/main.dat": main.encode("utf-8")},
    )


def docx_external_image() -> bytes:
    link = (
        '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
        'Target="http://203.0.113.7/track.png" TargetMode="External"/></Relationships>'
    )
    return variant(DOCX, {"word/_rels/document.xml.rels": replace("</Relationships>", link)})


DOCX_FILES: dict[str, Callable[[], bytes]] = {
    "zip-bomb.docx": lambda: variant(DOCX, extra={"word/media/padding.bin": bytes(BOMB_BYTES)}),
    "xxe-document.docx": lambda: variant(
        DOCX, {W_DOC: both(prolog(xxe("w:document")), replace("{{ title }}", "&xxe;"))}
    ),
    "billion-laughs-styles.docx": lambda: variant(
        DOCX, {"word/styles.xml": both(prolog(laughs("w:styles")), replace("</w:styles>", "&lol9;</w:styles>"))}
    ),
    "doctype-content-types.docx": lambda: variant(DOCX, {TYPES: prolog("<!DOCTYPE Types>")}),
    "doctype-in-renamed-main-part.docx": docx_renamed_main_part,
    "macro.docm": lambda: variant(
        DOCX, {TYPES: replace(MAIN_TYPE, MACRO_TYPE)}, {"word/vbaProject.bin": OLE_MAGIC + bytes(512)}
    ),
    "renamed-pdf.docx": lambda: b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n",
    "ole-encrypted.docx": lambda: OLE_MAGIC + bytes(4096),
    "png-as-docx.docx": lambda: png_header(16, 16),
    "external-image.docx": docx_external_image,
    "truncated.docx": lambda: DOCX.read_bytes()[: len(DOCX.read_bytes()) // 2],
    "ssti-class-mro.docx": lambda: variant(
        DOCX, {W_DOC: replace("{{ title }}", "{{ ''.__class__.__mro__[1].__subclasses__() }}")}
    ),
    "ssti-cycler-os-popen.docx": lambda: variant(
        DOCX, {W_DOC: replace("{{ title }}", "{{ cycler.__init__.__globals__.os.popen('id').read() }}")}
    ),
}


# --- workbooks (sent to the staff form's spreadsheet upload) ---------------------------------------------
def xlsx_renamed_sheet() -> bytes:
    """The plan's sheet moved to ``sheet3.dat`` with an XXE DOCTYPE: found by content, not by name?"""
    sheet = both(prolog(xxe("worksheet")))(part(XLSX, SHEET))
    return variant(
        XLSX,
        {
            "xl/_rels/workbook.xml.rels": replace("/xl/worksheets/sheet3.xml", "/xl/worksheets/sheet3.dat"),
            TYPES: replace('PartName="/xl/worksheets/sheet3.xml"', 'PartName="/xl/worksheets/sheet3.dat"'),
        },
        {"xl/worksheets/sheet3.dat": sheet.encode("utf-8")},
    )


def xlsx_utf16_sheet() -> bytes:
    """The sheet re-encoded as UTF-16 with an XXE DOCTYPE: a scan for the ASCII bytes ``<!DOCTYPE`` misses it."""
    xml = part(XLSX, SHEET)
    xml = xml[xml.index("?>") + 2 :] if xml.startswith("<?xml") else xml
    sheet = ('<?xml version="1.0" encoding="UTF-16"?>' + xxe("worksheet") + xml).encode("utf-16")
    entries = []
    with zipfile.ZipFile(XLSX) as original:
        entries = [(item.filename, original.read(item)) for item in original.infolist()]
    return _zip([(name, sheet if name == SHEET else data) for name, data in entries])


XLSX_FILES: dict[str, Callable[[], bytes]] = {
    "zip-bomb.xlsx": lambda: variant(XLSX, extra={"xl/media/padding.bin": bytes(BOMB_BYTES)}),
    "xxe-sheet.xlsx": lambda: variant(XLSX, {SHEET: prolog(xxe("worksheet"))}),
    "billion-laughs-workbook.xlsx": lambda: variant(XLSX, {"xl/workbook.xml": prolog(laughs("workbook"))}),
    "xxe-utf16-sheet.xlsx": xlsx_utf16_sheet,
    "doctype-in-renamed-sheet.xlsx": xlsx_renamed_sheet,
    "macro.xlsm": lambda: variant(
        XLSX, {TYPES: replace(XLSX_MAIN_TYPE, XLSX_MACRO_TYPE)}, {"xl/vbaProject.bin": OLE_MAGIC + bytes(512)}
    ),
    "legacy.xls": lambda: OLE_MAGIC + bytes(4096),
    "renamed-pdf.xlsx": lambda: b"%PDF-1.7\n%%EOF\n",
    "opendocument.ods": lambda: _zip(
        [("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", b"<office/>")]
    ),
}


# --- images and archives -------------------------------------------------------------------------------
IMAGE_FILES: dict[str, Callable[[], bytes]] = {
    "png-30000x30000-header.png": lambda: png_header(30_000, 30_000),
    "png-5000x5000-header.png": lambda: png_header(5_000, 5_000),
    "gif.gif": lambda: b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
    "svg-script.svg": lambda: b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
}

BATCH_FILES: dict[str, Callable[[], bytes]] = {
    "zip-bomb-of-reports.zip": lambda: _zip([("report.json", b" " * BOMB_BYTES)]),
    "nested-zip.zip": lambda: _zip([("inner.zip", _zip([("report.json", b"{}")]))]),
    "executable.zip": lambda: _zip([("report.exe", b"MZ\x90\x00")]),
}


# --- JSON bodies (sent to POST /api/v1/documents/action-plan) ------------------------------------------
PLAN = ROOT / "samples" / "action_plan.json"


def plan_with(change: Callable[[dict], object]) -> bytes:
    """The sample plan with one thing changed, as the API's JSON body."""
    data = json.loads(PLAN.read_text(encoding="utf-8"))
    change(data)
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _set(path: str, value: object) -> Callable[[dict], object]:
    """Set a dotted path (``sections.0.measures.0.number``) of the plan to ``value``."""

    def change(data: dict) -> None:
        *parents, last = path.split(".")
        target: object = data
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]  # type: ignore[index]
        target[int(last) if isinstance(target, list) else last] = value  # type: ignore[index]

    return change


def _first_section_measures(count: int) -> Callable[[dict], object]:
    def change(data: dict) -> None:
        measure = data["sections"][0]["measures"][0]
        data["sections"] = data["sections"][:1]
        data["sections"][0]["measures"] = [measure | {"number": number} for number in range(1, count + 1)]

    return change


def _raw_number(path_literal: str, literal: str) -> Callable[[], bytes]:
    """The plan with a JSON number written as ``literal`` (NaN, Infinity, 5000 digits: json.dumps won't)."""
    return lambda: plan_with(lambda _data: None).replace(path_literal.encode(), literal.encode(), 1)


JSON_FILES: dict[str, Callable[[], bytes]] = {
    "trailing-comma.json": lambda: b'{"title": "x",}',
    "unclosed.json": lambda: PLAN.read_bytes()[:5000],
    "single-quotes.json": lambda: b"{'title': 'x'}",
    "empty.json": lambda: b"",
    "latin1.json": lambda: '{"title": "Département"}'.encode("latin-1"),
    "utf16.json": lambda: PLAN.read_text(encoding="utf-8").encode("utf-16"),
    "utf8-bom.json": lambda: b"\xef\xbb\xbf" + PLAN.read_bytes(),
    "null.json": lambda: b"null",
    "number.json": lambda: b"42",
    "string.json": lambda: b'"action-plan"',
    "array-of-numbers.json": lambda: b"[1, 2, 3]",
    "deep-arrays.json": lambda: b"[" * 5000 + b"]" * 5000,
    "deep-objects.json": lambda: b'{"a":' * 3000 + b"1" + b"}" * 3000,
    "huge-integer.json": _raw_number('"year": 2025', '"year": ' + "9" * 5000),
    "nan.json": _raw_number('"year": 2025', '"year": NaN'),
    "infinity.json": _raw_number('"year": 2025', '"year": Infinity'),
    "year-as-words.json": lambda: plan_with(_set("approving_order.year", "эки миң жыйырма беш")),
    "number-as-boolean.json": lambda: plan_with(_set("sections.0.measures.0.number", True)),
    "number-as-object.json": lambda: plan_with(_set("sections.0.number", {"$gt": 0})),
    "title-null.json": lambda: plan_with(_set("title", None)),
    "sections-null.json": lambda: plan_with(_set("sections", None)),
    "measure-null.json": lambda: plan_with(_set("sections.0.measures", [None])),
    "title-as-list.json": lambda: plan_with(_set("title", ["a", "b"])),
    "unknown-field.json": lambda: plan_with(_set("__proto__", {"admin": True})),
    "title-30000-chars.json": lambda: plan_with(_set("title", "Ы" * 30_000)),
    "responsible-1001-chars.json": lambda: plan_with(_set("sections.0.measures.0.responsible.0", "ж" * 1001)),
    "300-measures.json": lambda: plan_with(_first_section_measures(300)),
    "nul-character.json": lambda: plan_with(_set("title", "План\u0000")),
    "escape-character.json": lambda: plan_with(_set("title", "\u001b[31mПлан")),
    "lone-surrogate.json": lambda: plan_with(lambda _data: None).replace(b'"title": "', b'"title": "\\ud800', 1),
    "noncharacter.json": lambda: plan_with(_set("title", "План\uffff")),
    "oversize.json": lambda: plan_with(_set("title", "Ы" + " " * (1_200_000) + "Ы")),
}


# Values that must come out of the DOCX exactly as they went in: never evaluated, never parsed as markup.
VALUE_FILES: dict[str, Callable[[], bytes]] = {
    name: (lambda text=text: text.encode("utf-8"))
    for name, text in {
        "jinja-expression.txt": "{{ 7*7 }}",
        "jinja-statement.txt": "{% for x in range(3) %}{{ x }}{% endfor %}",
        "jinja-comment.txt": "before {# hidden? #} after",
        "jinja-class-mro.txt": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "jinja-globals.txt": "{{ cycler.__init__.__globals__.os.popen('id').read() }} {{ config }} {{ request }}",
        "jinja-format-string.txt": "{{ '{0.__class__}'.format(title) }} %(x)s {0}",
        "docxtpl-escaped-braces.txt": "{_{ title }_} {_% if 1 %_}",
        "docxtpl-paragraph-tags.txt": "{%p if true %} {%tr for x in y %} {%tc endfor %} {{r title }}",
        "xml-close-tags.txt": '</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">injected',
        "xml-cdata.txt": "<![CDATA[ ]]> ]]> <![CDATA[",
        "xml-entities.txt": "&lt; &amp; &#x41; &#0; &xxe; &lol9;",
        "xml-doctype.txt": '<!DOCTYPE x [<!ENTITY a SYSTEM "file:///etc/passwd">]>&a;',
        "xml-processing-instruction.txt": '<?xml version="1.0"?><?mso-application progid="Word.Document"?>',
        "quotes-and-brackets.txt": "\"'<>&` «» „“ ‘’",
        "rtl-and-kyrgyz.txt": "Сот департаменти — المحكمة العليا — בית המשפט — ң ө ү",
        "astral-and-combining.txt": "𝕂𝔸𝔾𝔸ℤ 😀👩‍⚖️ e\u0301 ﷽",
        "invisible-characters.txt": "a\u200bb\u200dc\ufeffd\u00ade\u2028f",
    }.items()
}


def image_value(name: str) -> str:
    """An image of the corpus as the JSON field carries it: a base64 data URL."""
    kind = "svg+xml" if name.endswith(".svg") else name.rsplit(".", 1)[-1]
    return f"data:image/{kind};base64," + base64.b64encode((CORPUS / "images" / name).read_bytes()).decode("ascii")


def main() -> None:
    groups = {
        "json": JSON_FILES,
        "values": VALUE_FILES,
        "docx": DOCX_FILES,
        "xlsx": XLSX_FILES,
        "images": IMAGE_FILES,
        "batches": BATCH_FILES,
    }
    written = {}
    for folder, builders in groups.items():
        (CORPUS / folder).mkdir(parents=True, exist_ok=True)
        for name, build in builders.items():
            data = build()
            (CORPUS / folder / name).write_bytes(data)
            written[f"{folder}/{name}"] = len(data)
    print(json.dumps(written, indent=2))


if __name__ == "__main__":
    main()
