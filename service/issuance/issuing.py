"""Issuing a document: allocate its number → render with the number and QR → convert (PDF/A, attachment) →
fix its dates and IDs → sign last → record the output's hash. Reissuing the same from the register.

``Issuer`` is what every door that hands a file out calls (API, staff form, CLI, batch): ``produce`` for a
document from input, ``reissue`` for a number. A draft (``draft=True``) is rendered without a number, with
the «ДОЛБООР» mark, and is not registered. Validation happens before a number is allocated, so a refused
input never consumes one; a failure after allocation (rendering, conversion, signing) voids the number with
its reason and re-raises. DOCX is an editable copy: it gets a number and an entry of its own (``format
docx``), and the check vouches only for the file as handed out.

Formats: ``pdf``, ``pdfa`` (PDF/A-2b, or PDF/A-3b carrying the input with ``attach_data``), ``docx``.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import importlib.metadata
import json
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from service.db import Database
from service.engine import FORMATS, Engine, Rendered
from service.errors import StorageUnavailable
from service.issuance import archive, register, signing, stamp
from service.issuance.numbers import IssueNumber
from service.issuance.register import Application, Entry

_OPENING = threading.Lock()
# How long a second open of a report waits for the first to finish issuing it (a conversion takes seconds),
# and after how long a pending entry is taken for abandoned (its process died): both well past a slow render.
PENDING_WAIT = 60.0
PENDING_ABANDONED = 600.0

if TYPE_CHECKING:
    from service.conversion.pool import Place


@dataclass(frozen=True)
class Order:
    """Who asks for what: everything the register records beside the document itself."""

    format: str = "pdf"
    template_version: int | None = None
    draft: bool = False
    attach_data: bool = False
    issued_by: str = "api"
    key_id: int | None = None
    request_id: str | None = None
    upload_sha256: str | None = None
    place: Place | None = None  # the conversion place ``Engine.admit`` reserved for this request
    # What the document was made from in the reporting register (submission ids and versions): recorded as
    # the entry's ``sources`` instead of the reports' hashes alone, so the register says which versions.
    sources: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class Issued:
    """The file handed out, its register entry (None for a draft), and the sha256 of this very file.

    ``output_sha256`` is the hash the register recorded for it (computed once, where it is recorded): the
    entry's own ``output_sha256`` is the first issue's, which a signed reissue no longer matches."""

    rendered: Rendered
    entry: Entry | None
    output_sha256: str | None

    @property
    def number(self) -> str | None:
        return None if self.entry is None else self.entry.number


def canonical_json(model: BaseModel) -> str:
    """The validated input as canonical JSON: what the register keeps, PDF/A-3 embeds and a reissue loads."""
    return json.dumps(model.model_dump(mode="json"), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def sha256(content: bytes | str) -> str:
    return hashlib.sha256(content.encode("utf-8") if isinstance(content, str) else content).hexdigest()


@functools.cache
def kagaz_version() -> str:
    """This Kagaz's version, read once: ``importlib.metadata`` scans the installed packages on each call."""
    try:
        return importlib.metadata.version("kagaz")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


class Issuer:
    """Issues documents through one engine into one register; safe to share between threads."""

    def __init__(
        self,
        engine: Engine,
        database: Database,
        signing_config: signing.SigningConfig | None = None,
        font_dir: Path | None = None,
    ) -> None:
        self.engine = engine
        self.database = database
        self.signing = signing_config
        self.prefix = engine.settings.number_prefix
        self.font_dir = font_dir or Path(engine.settings.data_dir) / "fonts"
        self._roots: list[Any] | None = None

    @classmethod
    def open(cls, engine: Engine, database: Database | None = None) -> Issuer:
        """The issuer of ``engine``: ``database``, else the engine's (the shared database, migrated when the
        engine opened it); and the signing identities of ``KAGAZ_SIGNING_FILE``."""
        database = database or engine.database
        settings = engine.settings
        config = signing.load_config(settings.signing_file) if settings.signing_file else None
        return cls(engine, database, config)

    @classmethod
    def for_engine(cls, engine: Engine) -> Issuer:
        """The one issuer of ``engine`` (opened on first use): the app, the CLI and the job workers share it."""
        with _OPENING:
            found = engine.__dict__.get("_issuer")
            if found is None:
                found = engine.__dict__["_issuer"] = cls.open(engine)
            return found

    @functools.cached_property
    def signers(self) -> Any:
        """Each identity's key, loaded once and again when its file changes (``pades.SignerCache``). Made on
        first use, so that pyHanko is imported only by an issuer that signs or reads signatures (``signing``);
        two threads that both make one on first use lose nothing but the spare."""
        from service.issuance import pades

        return pades.SignerCache()

    def trust_roots(self) -> list[Any]:
        """The self-signed roots of the configured signing identities' chains: what the check trusts when it
        reads a signature (a document signed by anyone else is reported as not trusted)."""
        if self._roots is None:
            roots: list[Any] = []
            for identity in self.signing.identities.values() if self.signing else ():
                for certificate in self.signers.signer(identity).cert_registry:
                    if certificate.self_signed and certificate not in roots:
                        roots.append(certificate)
            self._roots = roots
        return self._roots

    # --- issuing --------------------------------------------------------------------------------------
    def produce(self, document: str, data: Any, order: Order) -> Issued:
        """Validate ``data`` and issue it (or make a draft): the one way from input to a handed-out file."""
        return self.issue(document, self.engine.load(document, data), order)

    def issue(self, document: str, model: BaseModel, order: Order) -> Issued:
        """Issue an already validated ``model`` (the batch and the form validate first to report problems)."""
        if order.format not in FORMATS:
            raise ValueError(f"unknown format {order.format!r}")
        if order.draft:
            rendered = self.engine.render(document, model, order.template_version)
            return Issued(self._convert_draft(rendered, order), None, None)
        template = self._template(document, order.template_version)
        entry = register.allocate(self.database, self.prefix, self._application(document, model, template, order))
        return self._complete(document, model, entry, order)

    def issue_version(
        self, document: str, model: BaseModel, order: Order, submission_id: int, wait: float = PENDING_WAIT
    ) -> Issued:
        """Issue a submitted report's version the first time it is asked for, and hand out that same document
        (its number, reissued from the register: byte-identical when unsigned) every later time.

        Why: a report opened from the status page is the court's submitted version, not a new document; a
        new number per click would fill the register with copies nobody issued on purpose. Two first opens
        at once keep one number (``register.allocate_once``); the other waits for it to be made (at most
        ``wait`` seconds, then «busy, try again») and reissues it. A pending entry older than
        ``PENDING_ABANDONED`` (its process died mid-render) is voided with that reason and a new number made.

        Most opens are reopens: the version's entry is looked up once with a read, and the issuance lock
        (``register.allocate_once``) is taken only when there is no entry to hand out yet. A pending one is
        waited for with reads too, so a wait holds up no other court's first issue."""
        if order.draft:
            return self.issue(document, model, order)
        application: Application | None = None
        deadline = time.monotonic() + wait
        entry = register.issued_for(self.database, submission_id, order.format)
        while True:
            if entry is None or not entry.reusable:
                if application is None:
                    template = self._template(document, order.template_version)
                    application = self._application(document, model, template, order)
                entry, created = register.allocate_once(self.database, self.prefix, application, submission_id)
                if created:
                    return self._complete(document, model, entry, order)
            if entry.state != "pending":
                return self.reissue_entry(entry)
            age = (dt.datetime.now(dt.UTC) - entry.moment).total_seconds()
            if age > PENDING_ABANDONED:
                register.void(self.database, entry.number, f"abandoned: still pending after {age:.0f} s")
            elif time.monotonic() > deadline:
                raise StorageUnavailable("locked", f"{entry.number} is still being issued", retry_after=5)
            else:
                time.sleep(0.2)
            entry = register.issued_for(self.database, submission_id, order.format)

    def _complete(self, document: str, model: BaseModel, entry: Entry, order: Order) -> Issued:
        """Render, convert and sign under an allocated number; void it with the reason if any step fails."""
        try:
            rendered, signature = self._make(document, model, entry, order.place)
        except BaseException as error:
            register.void(self.database, entry.number, f"{type(error).__name__}: {error}")
            raise
        digest = sha256(rendered.content)
        entry = register.complete(self.database, entry, digest, len(rendered.content), **signature)
        return Issued(rendered, entry, digest)

    def reissue(self, number: IssueNumber) -> Issued:
        """Render the document issued under ``number`` again from its recorded input and template version
        (never from stored bytes), and recognise the new file under the same number.

        DOCX and an unsigned PDF come out byte-identical to the first issue; a signed one is signed anew
        (a signature holds its own time), so it is a new file of the same document."""
        entry = register.find(self.database, str(number))
        if entry is None:
            raise register.RegisterError("issued_unknown", f"no document was issued under {number}", number=number)
        return self.reissue_entry(entry)

    def reissue_entry(self, entry: Entry) -> Issued:
        """``reissue`` of an entry already looked up (a report version's by ``issue_version``, the one
        ``kagaz reissue`` found): the register is not read again."""
        number = entry.issue_number
        if entry.state not in ("issued", "annulled"):
            raise register.RegisterError("issued_unknown", f"no document was issued under {number}", number=number)
        if entry.input_json is None:
            raise register.RegisterError(
                "issued_input_removed", f"the input of {number} was removed (retention)", number=str(number)
            )
        model = self.engine.load(entry.document, json.loads(entry.input_json))
        rendered, _signature = self._make(entry.document, model, entry)
        digest = sha256(rendered.content)
        register.record_file(self.database, entry.number, digest, len(rendered.content))
        return Issued(rendered, entry, digest)

    # --- the steps ------------------------------------------------------------------------------------
    def _make(
        self, document: str, model: BaseModel, entry: Entry, place: Place | None = None
    ) -> tuple[Rendered, dict[str, Any]]:
        """The file of ``entry``, rendered with the template version its entry records (``name@version``):
        the one in force when the number was allocated, even if another was activated since, so that the
        register says what made the document; and a version's bytes are cached, where asking for the one
        in force again would cost a database read."""
        moment = entry.moment
        version = int(entry.template.rpartition("@")[2])
        rendered = self.engine.render(
            document, model, version, number=entry.issue_number, issued_at=moment, zip_times=entry.format == "docx"
        )
        if entry.format == "docx":
            return rendered, {}
        options = archive.PDFA_3B if entry.attach_data else archive.PDFA_2B if entry.format == "pdfa" else ()
        pdf = self.engine.convert(rendered.content, place, filter_options=options)
        attachment = entry.input_json.encode("utf-8") if entry.attach_data and entry.input_json is not None else None
        pdf = archive.fixed_pdf_identity(pdf, moment, entry.number, attachment)
        pdf, signature = self._sign(pdf, entry.organization)
        return replace(rendered, content=pdf, format="pdf"), signature

    def _sign(self, pdf: bytes, organization: str | None) -> tuple[bytes, dict[str, Any]]:
        identity = self.signing.identity_for(organization) if self.signing else None
        if self.signing is None or identity is None:
            return pdf, {}
        from service.issuance import pades  # see ``signing``: pyHanko only once something is signed

        signer = self.signers.signer(identity)
        signed = pades.sign_pdf(
            pdf,
            signer,
            visible=self.signing.stamp == "visible",
            timestamp_url=self.signing.timestamp_url,
            font_dir=self.font_dir,
        )
        certificate = signer.signing_cert
        return signed, {
            "signer": str(certificate.subject.native.get("common_name", "")) if certificate else None,
            "certificate_serial": format(certificate.serial_number, "X") if certificate else None,
            "timestamped": self.signing.timestamp_url is not None,
        }

    def _convert_draft(self, rendered: Rendered, order: Order) -> Rendered:
        if order.format == "docx":
            return rendered
        options = (archive.PDFA_2B if order.format == "pdfa" else ()) + stamp.draft_watermark()
        pdf = self.engine.convert(rendered.content, order.place, filter_options=options)
        return replace(rendered, content=pdf, format="pdf")

    def _template(self, document: str, version: int | None) -> Any:
        from service import documents

        manifest = self.engine.registry.for_document(documents.get_kind(document).name)
        registry = self.engine.registry
        return registry.active(manifest.name) if version is None else registry.version(manifest.name, version)

    def _application(self, document: str, model: BaseModel, template: Any, order: Order) -> Application:
        from service import documents

        canonical = canonical_json(model)
        organization = getattr(getattr(model, "organization", None), "id", None)
        reports = getattr(model, "reports", None)
        sources = None
        if order.sources:
            sources = json.dumps(list(order.sources), ensure_ascii=False)
        elif reports:
            sources = json.dumps(
                [
                    {"organization": report.organization.id, "input_sha256": sha256(canonical_json(report))}
                    for report in reports
                ],
                ensure_ascii=False,
            )
        fmt = "pdfa3" if order.format == "pdfa" and order.attach_data else order.format
        return Application(
            document=document,
            title=documents.get_kind(document).title,
            organization=organization,
            format=fmt,
            template=template.label,
            template_sha256=template.sha256,
            kagaz_version=kagaz_version(),
            input_json=canonical,
            input_sha256=sha256(canonical),
            issued_by=order.issued_by,
            upload_sha256=order.upload_sha256,
            sources=sources,
            attach_data=order.format == "pdfa" and order.attach_data,
            key_id=order.key_id,
            request_id=order.request_id,
        )
