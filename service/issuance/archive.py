"""Archive forms of an issued document: PDF/A, PDF/A-3 carrying its input, and reproducible bytes.

* PDF/A comes from LibreOffice's own exporter (``PDFA_2B`` / ``PDFA_3B`` are its filter options): it embeds
  every font, writes the sRGB OutputIntent and the XMP ``pdfaid`` entries. Kagaz adds nothing to PDF/A-2b.
* PDF/A-3b with ``attach_data``: the validated input as canonical JSON, embedded with ``AFRelationship
  /Data`` and listed in the catalogue's ``/AF`` (what PDF/A-3 asks of an associated file), so the document
  carries its own machine-readable data. pikepdf writes it; LibreOffice cannot.
* Reproducible bytes for a reissue: a DOCX's ZIP entry times are fixed to the moment of issue
  (``fixed_zip_times``; its core-property dates are fixed by the renderer), and a PDF's dates, XMP IDs and
  trailer ``/ID`` are rewritten from the number and the moment of issue (``fixed_pdf_identity``), so that the
  same input, template version and number give the same bytes whenever they are rendered.

Pure: bytes in, bytes out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import uuid
import zipfile
import zlib

import pikepdf

PDFA_2B = ("SelectPdfVersion=2",)
PDFA_3B = ("SelectPdfVersion=3",)
INPUT_NAME = "input.json"
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a ZIP entry can carry
_NAMESPACE = uuid.UUID("8d1f3f0e-5a0c-4f7e-9a7b-4b61a2c0f1d5")  # Kagaz's namespace for document UUIDs


def fixed_zip_times(content: bytes, moment: dt.datetime) -> bytes:
    """The same ZIP (DOCX) with every entry dated ``moment``: zipfile stamps entries with the current time,
    which alone made two renders of the same document differ."""
    stamp = max(_ZIP_EPOCH, moment.timetuple()[:6])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            copy = zipfile.ZipInfo(info.filename, date_time=stamp)
            copy.compress_type = info.compress_type
            copy.external_attr = info.external_attr
            target.writestr(copy, source.read(info))
    return out.getvalue()


def pdf_date(moment: dt.datetime) -> str:
    """A PDF date string (``D:20260101120000Z``) of an aware or UTC-naive datetime."""
    moment = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).strftime("D:%Y%m%d%H%M%SZ")


def document_uuid(number: str) -> str:
    """The XMP document ID of the document issued under ``number``: the same on every reissue."""
    return f"uuid:{uuid.uuid5(_NAMESPACE, number)}"


def attach_input(pdf: bytes, data: bytes, moment: dt.datetime, name: str = INPUT_NAME) -> bytes:
    """``pdf`` (a PDF/A-3b from LibreOffice) with ``data`` embedded as an associated file of relationship
    ``/Data``; refuses a PDF that does not already declare PDF/A-3 (attaching to PDF/A-2 would break it)."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        _attach(document, data, moment, name)
        return _save(document)


def fixed_pdf_identity(pdf: bytes, moment: dt.datetime, number: str, attachment: bytes | None = None) -> bytes:
    """``pdf`` with its creation and modification dates set to ``moment`` (Info, and XMP when it has one),
    its XMP document and instance IDs derived from ``number``, and a trailer ``/ID`` computed from its content; with
    ``attachment``, also the input embedded as ``attach_input`` does, in the same pass.

    LibreOffice writes the time of conversion and random IDs into every PDF; these are the only parts that
    differ when the same DOCX is converted twice (``tests/issuance/test_issued_documents.py`` proves it). One pass:
    a PDF/A from LibreOffice has a thousand objects or more, and opening and saving it with pikepdf costs
    about 25 ms each time."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        if attachment is not None:
            _attach(document, attachment, moment, INPUT_NAME)
        _fix_identity(document, moment, number)
        return _save(document, deterministic=True)


def _attach(document: pikepdf.Pdf, data: bytes, moment: dt.datetime, name: str) -> None:
    if pdfa_identification(document) != ("3", "B"):
        raise ValueError("data can be attached only to a PDF/A-3b (convert with PDFA_3B)")
    spec = pikepdf.AttachedFileSpec(
        document,
        data,
        description="The validated input this document was made from (JSON)",
        filename=name,
        mime_type="application/json",
        creation_date=pdf_date(moment),
        mod_date=pdf_date(moment),
        relationship=pikepdf.Name.Data,
    )
    document.attachments[name] = spec
    document.Root.AF = pikepdf.Array([spec.obj])


def _fix_identity(document: pikepdf.Pdf, moment: dt.datetime, number: str) -> None:
    date = pdf_date(moment)
    iso = (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).astimezone(dt.UTC).isoformat()
    document.docinfo[pikepdf.Name.CreationDate] = date
    document.docinfo[pikepdf.Name.ModDate] = date
    for intent in document.Root.get("/OutputIntents", pikepdf.Array()):
        profile = intent.get("/DestOutputProfile")
        if isinstance(profile, pikepdf.Stream):
            dated = dated_icc_profile(profile.read_bytes(), moment)
            profile.write(zlib.compress(dated), filter=pikepdf.Name.FlateDecode)
    if "/Metadata" in document.Root:  # LibreOffice writes XMP into a PDF/A only: none is added to the others
        _fix_xmp(document, iso, number)
    # The first /ID element is the document's permanent identifier (ISO 32000-1, 14.4): from the number;
    # qpdf then makes the second from the content (deterministic_id), where LibreOffice used the clock.
    permanent = hashlib.md5(number.encode("utf-8"), usedforsecurity=False).digest()
    document.trailer.ID = pikepdf.Array([pikepdf.String(permanent), pikepdf.String(permanent)])
    if "/DocChecksum" in document.trailer:  # LibreOffice's MD5 of its own output, so of the clock too
        del document.trailer.DocChecksum


def _fix_xmp(document: pikepdf.Pdf, iso: str, number: str) -> None:
    """The XMP packet's dates and IDs, as the Info dictionary's (a PDF/A's XMP must agree with it)."""
    with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as metadata:
        for key in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
            if key in metadata or key != "xmp:MetadataDate":
                metadata[key] = iso
        if "xmpMM:DocumentID" in metadata or "xmpMM:InstanceID" in metadata:
            metadata["xmpMM:DocumentID"] = document_uuid(number)
            metadata["xmpMM:InstanceID"] = document_uuid(number)


def dated_icc_profile(profile: bytes, moment: dt.datetime) -> bytes:
    """An ICC profile with its header's creation date set to ``moment``: LibreOffice makes the sRGB profile
    of a PDF/A's OutputIntent afresh for each PDF, stamped with the time (ICC.1 header bytes 24–35). A
    profile with an ID (an MD5 of the header) is left alone rather than made inconsistent."""
    if len(profile) < 128 or profile[36:40] != b"acsp" or any(profile[84:100]):
        return profile
    when = (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)
    fields = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    return profile[:24] + b"".join(value.to_bytes(2, "big") for value in fields) + profile[36:]


def pdfa_identification(document: pikepdf.Pdf) -> tuple[str, str] | None:
    """The XMP ``pdfaid`` part and conformance of a PDF, or None if it does not claim PDF/A."""
    metadata = document.open_metadata()
    part, conformance = metadata.get("pdfaid:part"), metadata.get("pdfaid:conformance")
    return (str(part), str(conformance).upper()) if part and conformance else None


def _save(document: pikepdf.Pdf, deterministic: bool = False) -> bytes:
    out = io.BytesIO()
    document.save(out, deterministic_id=deterministic)
    return out.getvalue()
