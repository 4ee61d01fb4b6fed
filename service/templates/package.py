"""The container checks: is this upload a plain DOCX that is safe to open at all?

Run before anything parses the document (python-docx, docxtpl, LibreOffice), on the bytes alone:

- the file type by its magic: a PDF renamed to ``.docx``, an encrypted or legacy Word file (OLE compound
  file ``D0 CF 11 E0``: Word writes a password-protected DOCX as one), anything that is not a ZIP;
- the ZIP's directory, before one byte is inflated: entry count, total uncompressed size and the
  compression ratio of each entry (a zip bomb stops here);
- the package's content types: a macro-enabled document (``.docm``), a Word template (``.dotx``) or a
  VBA project part are refused;
- every XML part is parsed with defusedxml with DTDs forbidden: a DOCTYPE or ENTITY declaration (XXE,
  billion laughs) is refused whatever its encoding;
- relationships with ``TargetMode="External"``: a hyperlink is normal, an external image, attached
  template, OLE object or frame makes LibreOffice (or Word) fetch something from elsewhere — refused.

Pure: bytes in, findings out.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeXml

from service.templates.findings import Finding, error, warning

# Limits on the archive, checked from its directory before inflating anything. An official template is a
# few dozen parts and well under 10 MB unpacked (the action plan: 9 parts, 30 KB); a picture-heavy one
# stays far below these.
MAX_ENTRIES = 1000
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 200  # XML compresses about 10:1; a zip bomb's entries compress 1000:1 and more
RATIO_MIN_BYTES = 1024 * 1024  # small entries (a run of spaces) may compress well without harm

MAIN_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_DOCUMENT = "application/vnd.ms-word.document.macroEnabled.main+xml"
MACRO_TEMPLATE = "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"
WORD_TEMPLATE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
EMBEDDED_KINDS = ("oleObject", "package", "activeX", "control")


def check_package(content: bytes) -> list[Finding]:
    """Every container problem of ``content``; an empty list means the bytes may be opened as a DOCX."""
    kind = _magic(content)
    if kind is not None:
        return [kind]
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError) as exc:
        return [error("not_docx", f"not a DOCX file (not a ZIP package: {exc})", location="file")]
    with archive:
        findings = _limits(archive)
        if findings:
            return findings
        names = set(archive.namelist())
        findings = _content_types(archive, names)
        if any(finding.is_error for finding in findings):
            return findings
        findings += _xml_parts(archive)
        if _main_part(archive) != "word/document.xml":
            # Word and python-docx follow _rels/.rels; Kagaz's checks read word/document.xml. A package whose
            # main part lives elsewhere (a decoy left at the usual name) is refused rather than half-checked.
            return [*findings, error("not_docx", "the main part is not word/document.xml", location="_rels/.rels")]
        findings += _relationships(archive)
    return findings


def _magic(content: bytes) -> Finding | None:
    if content.startswith(b"%PDF"):
        return error("docx_is_pdf", "this is a PDF file renamed to .docx, not a Word document", location="file")
    if content.startswith(OLE_MAGIC):
        return error(
            "docx_encrypted",
            "the file is encrypted (password-protected) or an old binary .doc; save it as a plain .docx",
            location="file",
        )
    if not content.startswith(b"PK\x03\x04"):
        return error("not_docx", "not a DOCX file", location="file")
    return None


def _limits(archive: zipfile.ZipFile) -> list[Finding]:
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        return [error("zip_limit", f"{len(entries)} parts, over {MAX_ENTRIES}", location="file", what="entries")]
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNPACKED_BYTES:
        return [error("zip_limit", f"{total} bytes unpacked, over {MAX_UNPACKED_BYTES}", location="file", what="size")]
    for entry in entries:
        if entry.file_size > RATIO_MIN_BYTES and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            return [
                error(
                    "zip_limit",
                    f"{entry.filename} compresses over {MAX_RATIO}:1",
                    location=entry.filename,
                    what="ratio",
                )
            ]
        if entry.flag_bits & 0x1:
            return [error("docx_encrypted", "a part of the ZIP is encrypted", location=entry.filename)]
    return []


def _content_types(archive: zipfile.ZipFile, names: set[str]) -> list[Finding]:
    if "[Content_Types].xml" not in names:
        return [error("not_docx", "not a DOCX file ([Content_Types].xml is missing)", location="file")]
    try:
        root = SafeXml.fromstring(archive.read("[Content_Types].xml"), forbid_dtd=True)
    except (ParseError, DefusedXmlException) as exc:
        return [error("xml_doctype", str(exc), location="[Content_Types].xml", part="[Content_Types].xml")]
    types = {item.get("ContentType", "") for item in root.iter(f"{CT_NS}Override")}
    types |= {item.get("ContentType", "") for item in root.iter(f"{CT_NS}Default")}
    lowered = {name.lower() for name in names}
    if (
        MACRO_DOCUMENT in types
        or MACRO_TEMPLATE in types
        or any("vbaproject" in name or "vbadata" in name for name in lowered)
        or any("macroenabled" in kind.lower() for kind in types)
    ):
        return [error("docx_macro", "a macro-enabled document (.docm) is not accepted", location="file")]
    if WORD_TEMPLATE in types:
        return [error("docx_template_type", "a Word template (.dotx); save it as a .docx document", location="file")]
    if MAIN_DOCUMENT not in types or "word/document.xml" not in names:
        return [error("not_docx", "not a Word document (no main document part)", location="file")]
    return []


def _main_part(archive: zipfile.ZipFile) -> str | None:
    """The part ``_rels/.rels`` names as the office document, as a package path without a leading slash."""
    try:
        root = SafeXml.fromstring(archive.read("_rels/.rels"), forbid_dtd=True)
    except (KeyError, ParseError, DefusedXmlException):
        return None
    for rel in root:
        if rel.get("Type", "").endswith("/officeDocument"):
            return rel.get("Target", "").lstrip("/")
    return None


_DECLARATIONS = tuple(
    mark.encode(encoding) for mark in ("<!DOCTYPE", "<!ENTITY") for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)


def _xml_parts(archive: zipfile.ZipFile) -> list[Finding]:
    findings = []
    for entry in archive.infolist():
        data = archive.read(entry)
        if not entry.filename.lower().endswith((".xml", ".rels")):
            # A part may be XML under any name: refuse a declaration anywhere, in any of XML's encodings.
            if any(mark in data for mark in _DECLARATIONS):
                findings.append(
                    error(
                        "xml_doctype",
                        "the part declares a DOCTYPE or ENTITY",
                        location=entry.filename,
                        part=entry.filename,
                    )
                )
            continue
        try:
            SafeXml.fromstring(data, forbid_dtd=True)
        except DefusedXmlException:
            findings.append(
                error(
                    "xml_doctype", "the part declares a DOCTYPE or ENTITY", location=entry.filename, part=entry.filename
                )
            )
        except ParseError as exc:
            findings.append(error("xml_broken", str(exc), location=entry.filename, part=entry.filename, error=str(exc)))
    return findings


def _relationships(archive: zipfile.ZipFile) -> list[Finding]:
    findings = []
    for entry in archive.infolist():
        if not entry.filename.endswith(".rels"):
            continue
        try:
            root = SafeXml.fromstring(archive.read(entry), forbid_dtd=True)
        except (ParseError, DefusedXmlException):
            continue  # already reported by _xml_parts
        for rel in root.iter(f"{REL_NS}Relationship"):
            kind = rel.get("Type", "")
            short = kind.rsplit("/", 1)[-1]
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External" and kind != HYPERLINK:
                findings.append(
                    error(
                        "external_link",
                        f"an external {short} ({target}): a template must not load anything from elsewhere",
                        location=entry.filename,
                        kind=short,
                        target=target[:200],
                    )
                )
            elif short in EMBEDDED_KINDS:
                findings.append(
                    warning(
                        "embedded_object",
                        f"an embedded {short} object ({target}): it is printed as a picture, never run",
                        location=entry.filename,
                        kind=short,
                        target=target[:200],
                    )
                )
    return findings
