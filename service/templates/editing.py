"""What a template editor does, over one engine: check a DOCX, upload it as a version, activate, preview, compare.

The HTTP API, the editors' page and the CLI all call this one object, so a candidate is validated the same
way whichever door it came through: with the template's own sample data, through the engine's sandboxed
renderer and its LibreOffice pool. A report is cached by the candidate's sha256 for a few minutes' worth
of uploads, so "check, then upload the same file" converts it once.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from service import documents
from service.errors import InputError
from service.templates import compare, pdf
from service.templates.findings import Report
from service.templates.registry import Manifest, VersionInfo
from service.templates.validation import Render, Sample, validate

if TYPE_CHECKING:
    from service.engine import Engine

CACHE_SIZE = 16
PAGE_CACHE_SIZE = 64  # page pictures: a comparison of two 7-page renders holds 14


@dataclass(frozen=True)
class Upload:
    """The outcome of an upload: the report, and the version stored (None when refused)."""

    report: Report
    version: VersionInfo | None
    duplicate: bool = False  # the same bytes were already a version: nothing new was stored


@dataclass(frozen=True)
class Comparison:
    """Two versions: the values each reads, their text paragraph by paragraph, and their test renders'
    pages (``pages``: for each page number, whether its picture differs between the two)."""

    older: VersionInfo
    newer: VersionInfo
    changes: compare.VariableChanges
    text: list[compare.TextChange]
    pages: list[tuple[int, bool]]


class TemplateEditing:
    """Template validation and versions for one engine; safe to share between threads."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.registry = engine.registry
        self._reports: OrderedDict[tuple[str, str, str], Report] = OrderedDict()
        self._hidden: dict[str, list[str]] = {}
        self._pages: OrderedDict[tuple[str, int, int], bytes | None] = OrderedDict()
        self._lock = threading.Lock()

    def sample(self, manifest: Manifest) -> Sample | None:
        """The manifest's sample data, validated by the document's model, and the context it renders with."""
        path = manifest.sample_path()
        try:
            if path.is_dir():
                data: Any = [json.loads(item.read_text(encoding="utf-8")) for item in sorted(path.glob("*.json"))]
            else:
                data = json.loads(path.read_text(encoding="utf-8"))
            model = self.engine.load(manifest.document, data)
        except (OSError, ValueError, InputError):
            return None
        return Sample(model, model.model_dump(mode="python"), self.engine.context(manifest.document, model))

    def check(self, name: str, content: bytes) -> Report:
        """Validate ``content`` as a version of ``name`` (a cached report for the same bytes)."""
        manifest = self.registry.manifest(name)
        # The active version is part of the key: the report's field warnings are relative to it.
        key = (name, hashlib.sha256(content).hexdigest(), self.registry.active(name).sha256)
        with self._lock:
            if key in self._reports:
                self._reports.move_to_end(key)
                return self._reports[key]
        kind = documents.get_kind(manifest.document)
        sample = self.sample(manifest)
        report = validate(
            content,
            name,
            kind.model,
            sample,
            self._render(manifest.document),
            self.engine.convert,
            self.engine.templates.get,
            hidden_before=self._hidden_by_active(name, kind.model, sample),
        )
        with self._lock:
            self._reports[key] = report
            while len(self._reports) > CACHE_SIZE:
                self._reports.popitem(last=False)
        return report

    def _render(self, document: str) -> Render:
        """The test render: ``Engine.render`` of the candidate, the very path documents take."""
        return lambda content, model: self.engine.render(document, model, candidate=content).content

    def _hidden_by_active(self, name: str, model: type[BaseModel], sample: Sample | None) -> list[str]:
        """The required fields the active version does not show (a quick check: no PDF), cached by its hash."""
        active = self.registry.active(name)
        with self._lock:
            if active.sha256 in self._hidden:
                return self._hidden[active.sha256]
        render = self._render(self.registry.manifest(name).document)
        hidden = validate(active.content, name, model, sample, render, None, self.engine.templates.get).hidden
        with self._lock:
            self._hidden[active.sha256] = hidden
        return hidden

    def upload(
        self,
        name: str,
        content: bytes,
        *,
        by: str,
        note: str = "",
        activate: bool = False,
        expected_active: int | None = None,
    ) -> Upload:
        """Validate, then store as the next version when there is no error (and activate it if asked, only
        if ``expected_active`` is still the active version when given).

        Bytes that already are a version are not validated nor stored again: that version is the answer."""
        existing = self.registry.find(name, hashlib.sha256(content).hexdigest())
        if existing is not None:
            version = (
                self.activate(name, existing.version, by=by, expected_active=expected_active) if activate else existing
            )
            return Upload(self.report_of(name, existing.version), version, duplicate=True)
        report = self.check(name, content)
        if not report.ok:
            return Upload(report, None)
        artifacts = {kind: data for kind, data in (("pdf", report.pdf), ("png", report.preview)) if data}
        version, created = self.registry.store(
            name,
            content,
            by=by,
            note=note,
            report=report.as_json(),
            activate=activate,
            artifacts=artifacts,
            expected_active=expected_active,
        )
        return Upload(report, version, duplicate=not created)

    def activate(self, name: str, number: int, *, by: str, expected_active: int | None = None) -> VersionInfo:
        """Switch to ``number``; with ``expected_active``, only if that version is still the active one."""
        return self.registry.activate(name, number, by=by, expected_active=expected_active)

    def report_of(self, name: str, number: int) -> Report:
        """The stored report of a version; for a version stored without one (the shipped v1), made now."""
        info = self.registry.info(name, number)
        if info.report.get("sha256"):
            return Report.from_json(info.report)
        report = self.check(name, self.registry.version(name, number).content)
        self.registry.record_report(name, number, report.as_json())
        self._keep_artifacts(name, number, report)
        return report

    def preview(self, name: str, number: int) -> bytes | None:
        """Page 1 of the version's test render as PNG (made and kept on first request)."""
        stored = self.registry.artifact(name, number, "png")
        if stored is not None:
            return stored
        report = self.check(name, self.registry.version(name, number).content)
        self._keep_artifacts(name, number, report)
        return report.preview

    def compare(self, name: str, older: int, newer: int) -> Comparison:
        first, second = self.report_of(name, older), self.report_of(name, newer)
        count = max(first.pages or 0, second.pages or 0)
        pages = [
            (number, self.page(name, older, number) != self.page(name, newer, number)) for number in range(1, count + 1)
        ]
        return Comparison(
            self.registry.info(name, older),
            self.registry.info(name, newer),
            compare.variable_changes(first.variables, second.variables),
            compare.text_changes(
                self.registry.version(name, older).content, self.registry.version(name, newer).content
            ),
            pages,
        )

    def page(self, name: str, number: int, page: int) -> bytes | None:
        """Page ``page`` of the version's test render as PNG; None past its last page or without a render."""
        key = (name, number, page)
        with self._lock:
            if key in self._pages:
                self._pages.move_to_end(key)
                return self._pages[key]
        document = self.registry.artifact(name, number, "pdf")
        if document is None:
            report = self.check(name, self.registry.version(name, number).content)
            self._keep_artifacts(name, number, report)
            document = report.pdf
        image = pdf.page_png(document, page) if document is not None else None
        with self._lock:
            self._pages[key] = image
            while len(self._pages) > PAGE_CACHE_SIZE:
                self._pages.popitem(last=False)
        return image

    def side_by_side(self, name: str, older: int, newer: int) -> bytes | None:
        left, right = self.preview(name, older), self.preview(name, newer)
        if left is None or right is None:
            return None
        return compare.side_by_side(left, right, f"{name} v{older}", f"{name} v{newer}")

    def _keep_artifacts(self, name: str, number: int, report: Report) -> None:
        for kind, data in (("pdf", report.pdf), ("png", report.preview)):
            if data:
                self.registry.store_artifact(name, number, kind, data)
