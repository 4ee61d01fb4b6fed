"""The template registry: which DOCX templates exist, which version of each is active, where its bytes are.

Each template under ``templates_docx/`` has a manifest (``<name>.toml``) next to its DOCX; the shipped DOCX
is version 1 of that template. Versions uploaded later by template editors live under the data directory
and never overwrite one another (see the template-editors issue); this module is the one place that maps a
template name and version to bytes, so rendering never reads a template by another path.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

from service.errors import TemplateNotFound

MANIFEST_KEYS = ("name", "title", "document", "docx", "locale", "filename", "sample")


@dataclass(frozen=True)
class Manifest:
    """What a template is: its name, title, the document kind it renders, its output file-name pattern."""

    name: str
    title: str
    document: str
    docx: str
    locale: str
    filename: str
    sample: str
    folder: Path

    @classmethod
    def read(cls, path: Path) -> Manifest:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        missing = [key for key in MANIFEST_KEYS if not isinstance(data.get(key), str)]
        if missing:
            raise ValueError(f"{path.name}: missing or non-text keys: {', '.join(missing)}")
        return cls(**{key: data[key] for key in MANIFEST_KEYS}, folder=path.parent)


@dataclass(frozen=True)
class TemplateVersion:
    """One immutable version of a template's DOCX."""

    name: str
    version: int
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def label(self) -> str:
        return f"{self.name}@{self.version}"


class Registry:
    """Templates by name; reads manifests once, DOCX bytes on each ``active`` call (they are small)."""

    def __init__(self, templates_dir: Path) -> None:
        self.templates_dir = templates_dir
        self.manifests: dict[str, Manifest] = {}
        for path in sorted(templates_dir.glob("*.toml")):
            manifest = Manifest.read(path)
            self.manifests[manifest.name] = manifest

    def manifest(self, name: str) -> Manifest:
        try:
            return self.manifests[name]
        except KeyError:
            raise TemplateNotFound(f"no template named {name!r}") from None

    def for_document(self, document: str) -> Manifest:
        """The template that renders ``document`` (the first by name when several do)."""
        for manifest in self.manifests.values():
            if manifest.document == document:
                return manifest
        raise TemplateNotFound(f"no template renders the document {document!r}")

    def active(self, name: str) -> TemplateVersion:
        """The version of ``name`` that renders documents now."""
        return self.version(name, 1)

    def version(self, name: str, number: int) -> TemplateVersion:
        manifest = self.manifest(name)
        if number != 1:
            raise TemplateNotFound(f"template {name!r} has no version {number}")
        return TemplateVersion(name, 1, (manifest.folder / manifest.docx).read_bytes())
