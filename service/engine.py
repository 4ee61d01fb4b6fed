"""The three calls every entry point goes through: ``load``, ``render``, ``convert``; and one way to open an engine.

The HTTP API, the web form, the CLI, the batch, the background jobs and template validation's test render
all hold one ``Engine`` and call nothing else to make a document, so that validation, the template in force
and the conversion pool are the same whichever way a document is asked for. Every one of them gets its
engine from ``open_engine`` (a context manager), so that a LibreOffice pool started for an engine is
stopped with it, whoever opened it.
"""

from __future__ import annotations

import datetime as dt
import string
import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import BaseModel

from service import documents
from service.db import open_database
from service.documents.reference import load_reference
from service.errors import PoolUnavailable
from service.issuance import stamp
from service.issuance.archive import fixed_zip_times
from service.issuance.numbers import IssueNumber
from service.rendering import TemplateCache
from service.settings import Settings
from service.templates.registry import Manifest, Registry, TemplateVersion

if TYPE_CHECKING:
    from service.conversion.pool import ConversionPool, Place

NO_POOL = "the LibreOffice pool is not running (KAGAZ_START_POOL is off)"

CANDIDATE = 0  # the version number of a template not yet stored (template validation's test render)

# Every output format Kagaz makes, and its media type: the API, the form, the CLI and batches all read this.
FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "pdfa": "application/pdf",  # PDF/A-2b (PDF/A-3b with the input attached): an issued archive copy
}
CONVERTED = ("pdf", "pdfa")  # the formats that take a place in the conversion queue


@dataclass(frozen=True)
class Rendered:
    """A rendered document: its bytes, the template version that made it, and its file name stem."""

    content: bytes
    template: TemplateVersion
    stem: str
    format: str = "docx"

    @property
    def filename(self) -> str:
        return f"{self.stem}.{self.format}"

    @property
    def media_type(self) -> str:
        return FORMATS[self.format]


class Converter(Protocol):
    """The conversion side of an engine: DOCX bytes in, PDF bytes out. The LibreOffice pool is one; the
    tests wrap it to count or fail conversions. Raises ``ConversionError`` subclasses."""

    def convert(self, docx: bytes) -> bytes: ...


class Engine:
    """Validation, rendering and conversion behind one object; safe to share between threads.

    ``pool`` is the converter (usually a ``ConversionPool``; None: DOCX only). Open an engine with
    ``open_engine``, which also stops a pool it started."""

    def __init__(self, settings: Settings, pool: Converter | None = None) -> None:
        self.settings = settings
        self.database = open_database(settings)  # the shared state, migrated at start when behind
        self.registry = Registry(settings.templates_dir, settings.data_dir, database=self.database)
        self.templates = TemplateCache()
        self.pool = pool
        self.reference = load_reference(settings.plan_file, settings.organizations_file)

    def load(self, document: str, data: Any) -> BaseModel:
        """Validate parsed input (JSON value, rows read from a spreadsheet) into the document's model."""
        return documents.load(document, data, self.reference)

    def render(
        self,
        document: str,
        model: BaseModel,
        template_version: int | None = None,
        *,
        candidate: bytes | None = None,
        number: IssueNumber | None = None,
        issued_at: dt.datetime | None = None,
        zip_times: bool = True,
    ) -> Rendered:
        """Fill the template in force for ``document`` (or the given version) with the model: DOCX bytes.

        ``candidate``: the DOCX of a template version not yet stored, rendered instead (template validation's
        test render goes this same way, so an editor sees what the engine will make). With ``number`` the
        document shows it and the QR code of its check address; without, it is a draft and shows the draft
        mark (see ``issuance.stamp``). With ``issued_at`` the DOCX is byte-identical whenever the same input,
        template version and number are rendered again (reissue); ``zip_times=False`` leaves the ZIP entries'
        times alone for a DOCX that only feeds LibreOffice: they never reach the PDF, and fixing them rewrites
        the whole ZIP (about 10 ms of an issued PDF's cost)."""
        kind = documents.get_kind(document)
        manifest = self.registry.for_document(kind.name)
        if candidate is not None:
            template = TemplateVersion(manifest.name, CANDIDATE, candidate)
        elif template_version is None:
            template = self.registry.active(manifest.name)
        else:
            template = self.registry.version(manifest.name, template_version)
        compiled = self.templates.get(template.content)
        moment = (issued_at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0, tzinfo=None)
        content = compiled.render(
            self.context(document, model, number),
            properties={
                "title": kind.title,
                "identifier": f"{manifest.name}@candidate" if candidate is not None else template.label,
                "version": str(template.version),
                "subject": f"{template.label} sha256:{template.sha256[:16]}",
                "author": "Kagaz",
                "language": manifest.locale,
                "created": moment,
                "modified": moment,
            },
        )
        if issued_at is not None and zip_times:
            content = fixed_zip_times(content, moment)
        return Rendered(content, template, file_stem(manifest, kind.filename_fields(model)))

    def context(self, document: str, model: BaseModel, number: IssueNumber | None = None) -> dict[str, Any]:
        """The template context of ``model``: the document kind's values and ``issued`` (number and QR)."""
        kind = documents.get_kind(document)
        return kind.context(model, self.reference) | {"issued": stamp.context(number, self.settings.public_url)}

    def convert(self, docx: bytes, place: Place | None = None, *, filter_options: Sequence[str] = ()) -> bytes:
        """DOCX bytes to PDF bytes through the LibreOffice pool (in the ``place`` ``admit`` reserved);
        ``filter_options``: the PDF exporter's options (PDF/A, see ``issuance.archive``)."""
        if self.pool is None:
            raise PoolUnavailable(NO_POOL, 30)
        # The narrow call stays one argument for a converter used without a place or options (batches, test
        # wrappers); only the pool (and LazyPool) take the others.
        if place is None and not filter_options:
            return self.pool.convert(docx)
        return self.pool.convert(docx, place, filter_options=filter_options)  # type: ignore[call-arg]

    def admit(self, format: str) -> AbstractContextManager[Place | None]:
        """Admission before work: for a PDF (PDF/A too), a place in the conversion queue, or PoolUnavailable
        at once.

        Entry points that answer one request (the API, the form) enter it before they parse, validate or
        render, and pass the place to ``produce`` (or in the issuer's ``Order``); a DOCX needs no place.
        """
        if format not in CONVERTED:
            return nullcontext(None)
        if self.pool is None:
            raise PoolUnavailable(NO_POOL, 30)
        place = getattr(self.pool, "place", None)  # a converter without a queue (LazyPool) admits everyone
        return nullcontext(None) if place is None else place()

    def refusal(self, format: str) -> PoolUnavailable | None:
        """The ``PoolUnavailable`` that ``admit(format)`` would raise now, or None; reserves nothing."""
        if format not in CONVERTED:
            return None
        if self.pool is None:
            return PoolUnavailable(NO_POOL, 30)
        refusal = getattr(self.pool, "refusal", None)  # a converter without a queue (LazyPool) refuses nobody
        return None if refusal is None else refusal()

    def produce(
        self, document: str, data: Any, format: str, template_version: int | None = None, place: Place | None = None
    ) -> Rendered:
        """``load``, ``render`` and, for PDF, ``convert``: the whole way from input to a file."""
        rendered = self.render(document, self.load(document, data), template_version)
        if format == "pdf":
            return Rendered(self.convert(rendered.content, place), rendered.template, rendered.stem, "pdf")
        return rendered


class LazyPool:
    """A LibreOffice pool started by the first conversion: a command that may never convert (a template
    refused before its test render, as most mistakes are) does not start LibreOffice at all."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._pool: ConversionPool | None = None
        self._lock = threading.Lock()

    def convert(self, docx: bytes, place: Place | None = None, *, filter_options: Sequence[str] = ()) -> bytes:
        with self._lock:
            if self._pool is None:
                self._pool = start_pool(self.settings, wait=True)
        return self._pool.convert(docx, place, filter_options=filter_options)

    def stop(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.stop()


def start_pool(settings: Settings, wait: bool) -> ConversionPool:
    """A started ``ConversionPool`` of the settings; with ``wait``, ready or ``PoolUnavailable`` (and stopped)."""
    from service.conversion.pool import ConversionPool

    pool = ConversionPool.from_settings(settings)
    if not pool.start(wait=wait):
        health = pool.health()
        pool.stop()
        raise PoolUnavailable(f"the LibreOffice pool did not start: {health}", 30)
    return pool


@contextmanager
def open_engine(
    settings: Settings, *, pdf: bool = True, converter: Converter | None = None, wait: bool = True, lazy: bool = False
) -> Iterator[Engine]:
    """The one way to open an engine, and to close it: the app, the CLI, the admin CLI, batches, job workers
    and the tests all use it.

    - ``converter``: converts as given (a pool the tests share for the session); never stopped here.
    - else ``pdf``: a LibreOffice pool of ``settings`` is started, and stopped when the block ends. ``wait``
      blocks until it is ready (``PoolUnavailable`` if it did not start); without, the engine is usable at
      once and the pool becomes ready later (``/health`` says when). ``lazy``: started by the first
      conversion instead.
    - else DOCX only: ``convert`` raises ``PoolUnavailable``.
    """
    owned: ConversionPool | LazyPool | None = None
    if converter is None and pdf:
        owned = LazyPool(settings) if lazy else start_pool(settings, wait)
        converter = owned
    engine = Engine(settings, converter)
    try:
        yield engine
    finally:
        if owned is not None:
            owned.stop()
        engine.database.dispose()  # its pooled connections (PostgreSQL's would otherwise linger until exit)


def file_stem(manifest: Manifest, fields: dict[str, Any]) -> str:
    """The output file name from the manifest's pattern; unknown placeholders stay as written."""

    class _Keep(dict[str, Any]):
        def __missing__(self, key: str) -> str:
            return "{" + key + "}"

    stem = string.Formatter().vformat(manifest.filename, (), _Keep(fields))
    return "".join(ch for ch in stem if ch.isalnum() or ch in " -_.()") or manifest.name
