"""The three calls every entry point goes through: ``load``, ``render``, ``convert``.

The HTTP API, the web form, the CLI, the batch and the background jobs all hold one ``Engine`` and call
nothing else to make a document, so that validation, the template in force and the conversion pool are
the same whichever way a document is asked for.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from service import documents
from service.db import open_database
from service.documents.reference import load_reference
from service.errors import PoolUnavailable
from service.rendering import TemplateCache
from service.settings import Settings
from service.templates.registry import Manifest, Registry, TemplateVersion

if TYPE_CHECKING:
    from service.conversion.pool import ConversionPool

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


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


class Engine:
    """Validation, rendering and conversion behind one object; safe to share between threads."""

    def __init__(self, settings: Settings, pool: ConversionPool | None = None) -> None:
        self.settings = settings
        self.database = open_database(settings)  # the shared state, migrated at start when behind
        self.registry = Registry(settings.templates_dir, settings.data_dir, database=self.database)
        self.templates = TemplateCache()
        self.pool = pool
        self.reference = load_reference(settings.plan_file, settings.organizations_file)

    def load(self, document: str, data: Any) -> BaseModel:
        """Validate parsed input (JSON value, rows read from a spreadsheet) into the document's model."""
        return documents.load(document, data, self.reference)

    def render(self, document: str, model: BaseModel, template_version: int | None = None) -> Rendered:
        """Fill the template in force for ``document`` (or the given version) with the model: DOCX bytes."""
        kind = documents.get_kind(document)
        manifest = self.registry.for_document(kind.name)
        template = (
            self.registry.active(manifest.name)
            if template_version is None
            else self.registry.version(manifest.name, template_version)
        )
        compiled = self.templates.get(template.content)
        content = compiled.render(
            kind.context(model, self.reference),
            properties={
                "title": kind.title,
                "identifier": template.label,
                "version": str(template.version),
                "subject": f"{template.label} sha256:{template.sha256[:16]}",
                "author": "Kagaz",
                "language": manifest.locale,
                "created": dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None),
                "modified": dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None),
            },
        )
        return Rendered(content, template, file_stem(manifest, kind.filename_fields(model)))

    def convert(self, docx: bytes) -> bytes:
        """DOCX bytes to PDF bytes through the LibreOffice pool."""
        if self.pool is None:
            raise PoolUnavailable("the LibreOffice pool is not running (KAGAZ_START_POOL is off)", 30)
        return self.pool.convert(docx)

    def produce(self, document: str, data: Any, format: str, template_version: int | None = None) -> Rendered:
        """``load``, ``render`` and, for PDF, ``convert``: the whole way from input to a file."""
        rendered = self.render(document, self.load(document, data), template_version)
        if format == "pdf":
            return Rendered(self.convert(rendered.content), rendered.template, rendered.stem, "pdf")
        return rendered


def file_stem(manifest: Manifest, fields: dict[str, Any]) -> str:
    """The output file name from the manifest's pattern; unknown placeholders stay as written."""

    class _Keep(dict[str, Any]):
        def __missing__(self, key: str) -> str:
            return "{" + key + "}"

    stem = string.Formatter().vformat(manifest.filename, (), _Keep(fields))
    return "".join(ch for ch in stem if ch.isalnum() or ch in " -_.()") or manifest.name
