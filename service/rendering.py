"""DOCX rendering: docxtpl in a sandboxed, autoescaping Jinja environment, with compiled templates cached.

Why a sandbox: template editors are not programmers and templates are uploaded over HTTP; a tag such as
``{{ ''.__class__.__mro__ }}`` must be refused, not executed (docxtpl issues #549 and #632).
Why autoescape: values are inserted into WordprocessingML; ``<``, ``&`` and quotes must come out literally.
Newlines and tabs in values become line breaks and tabs (docxtpl's ``resolve_listing``).

Why a cache: docxtpl re-parses and re-compiles the template on every render. ``CompiledTemplate`` does the
XML patching and Jinja compilation once per template file; each render then only runs the compiled code
on a fresh copy of the document. The functions here are pure: bytes and values in, bytes out.
"""

from __future__ import annotations

import hashlib
import io
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import jinja2
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from lxml import etree

from service.errors import Problem, TemplateError
from service.images import ImageValue

_TAG_TEXT = re.compile(r"<[^>]+>")


def make_environment(filters: Mapping[str, Callable[..., Any]] | None = None) -> jinja2.Environment:
    """The one Jinja environment every template renders in: sandboxed, immutable, autoescaping, strict."""
    env = ImmutableSandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters.update(filters or {})
    return env


def _template_filters() -> dict[str, Callable[..., Any]]:
    from service import kyrgyz

    return kyrgyz.template_filters()


def template_environment() -> jinja2.Environment:
    """A fresh environment exactly like the one templates render in (template validation compiles in it)."""
    return make_environment(_template_filters())


@dataclass(frozen=True)
class _Part:
    """One XML part of the template (body, header or footer), patched and compiled once."""

    key: str  # "body" or the relationship id of a header/footer
    source: str  # the patched XML, kept to point at the place of an error
    template: jinja2.Template


class _CachedDocxTemplate(DocxTemplate):
    """A DocxTemplate that takes its compiled parts from a ``CompiledTemplate`` instead of re-parsing."""

    def __init__(self, source: bytes, compiled: CompiledTemplate) -> None:
        super().__init__(io.BytesIO(source))
        self._compiled = compiled

    def build_xml(self, context: dict[str, Any], jinja_env: jinja2.Environment | None = None) -> str:
        return self._compiled.render_part("body", self.docx._part, self, context)

    def build_headers_footers_xml(self, context, uri, jinja_env=None):  # type: ignore[no-untyped-def]
        for rel_key, part in self.get_headers_footers(uri):
            xml = self._compiled.render_part(rel_key, part, self, context)
            yield rel_key, xml.encode("utf-8")

    def render_properties(self, context: dict[str, Any], jinja_env: jinja2.Environment | None = None) -> None:
        """Core properties are not templated in Kagaz (they hold the template version instead)."""

    def render_footnotes(self, context: dict[str, Any], jinja_env: jinja2.Environment | None = None) -> None:
        """Footnotes and endnotes from the compiled parts, so their errors are ``TemplateError`` too."""
        for part in self.docx.part.package.parts:
            key = _note_key(part)
            if key is not None:
                part._blob = self._compiled.render_part(key, part, self, context).encode("utf-8")


class CompiledTemplate:
    """A DOCX template compiled once; ``render`` is safe to call from many threads at once."""

    def __init__(self, source: bytes, environment: jinja2.Environment | None = None) -> None:
        self.source = source
        self.sha256 = hashlib.sha256(source).hexdigest()
        self.environment = environment or make_environment(_template_filters())
        self._parts: dict[str, _Part] = {}
        self._compile_all()

    def _compile_all(self) -> None:
        """Patch and compile every templated part now, so that a broken template fails at load, not later."""
        try:
            probe = DocxTemplate(io.BytesIO(self.source))
            probe.init_docx()
        except Exception as error:  # python-docx raises many types for a file that is not a DOCX
            raise TemplateError(Problem("file", "not_docx", f"not a readable DOCX file: {error}")) from None
        parts: list[tuple[str, str]] = [("body", probe.patch_xml(probe.get_xml()))]
        for uri in (RELATIONSHIP_TYPE.HEADER, RELATIONSHIP_TYPE.FOOTER):
            for rel_key, part in probe.get_headers_footers(uri):
                parts.append((rel_key, probe.patch_xml(probe.get_part_xml(part))))
        for part in probe.docx.part.package.parts:
            key = _note_key(part)
            if key is not None:
                parts.append((key, probe.patch_xml(part.blob.decode("utf-8"))))
        for key, xml in parts:
            xml = _literal_braces(re.sub(r"<w:p([ >])", r"\n<w:p\1", xml))
            try:
                template = self.environment.from_string(xml)
            except jinja2.TemplateSyntaxError as error:
                raise TemplateError(_problem_at(key, xml, error.lineno, error.message or str(error))) from None
            self._parts[key] = _Part(key, xml, template)

    def render_part(self, key: str, part: Any, doc: DocxTemplate, context: dict[str, Any]) -> str:
        compiled = self._parts[key]
        doc.current_rendering_part = part
        try:
            xml = compiled.template.render(context)
        except SecurityError as error:
            message = f"the template tried something not allowed: {error}"
            raise TemplateError(_problem_at(key, compiled.source, _error_line(error), message, "sandbox")) from None
        except jinja2.UndefinedError as error:
            raise TemplateError(_problem_at(key, compiled.source, _error_line(error), str(error))) from None
        except jinja2.TemplateError as error:
            raise TemplateError(_problem_at(key, compiled.source, _error_line(error), str(error))) from None
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        xml = doc.resolve_listing(xml)
        _check_well_formed(key, xml)
        return xml

    def render(self, context: dict[str, Any], properties: Mapping[str, str] | None = None) -> bytes:
        """Fill the template with ``context``; ``properties`` go into the DOCX's custom-free core fields."""
        doc = _CachedDocxTemplate(self.source, self)
        doc.init_docx()
        try:
            doc.render(_place_images(context, doc), jinja_env=self.environment, autoescape=True)
        except jinja2.TemplateError as error:  # every part renders through render_part; this is a safety net
            raise TemplateError(Problem("document", "template_syntax", str(error), {"error": str(error)})) from None
        core = doc.docx.core_properties
        for name, value in (properties or {}).items():
            setattr(core, name, value)
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()

    def variables(self) -> set[str]:
        """Top-level names the template reads (for validation against a model)."""
        from jinja2 import meta

        names: set[str] = set()
        for part in self._parts.values():
            names |= meta.find_undeclared_variables(self.environment.parse(part.source))
        return names


_NOTES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml": "footnotes",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml": "endnotes",
}
_ESCAPES = {"{_{": "{{ '{{' }}", "}_}": "{{ '}}' }}", "{_%": "{{ '{%' }}", "%_}": "{{ '%}' }}"}


def _note_key(part: Any) -> str | None:
    kind = _NOTES.get(part.content_type)
    return f"{kind}:{part.partname}" if kind else None


def _literal_braces(xml: str) -> str:
    """docxtpl's escapes for literal braces in a template (``{_{`` …) become Jinja string output here, at
    compile time, rather than a replace over the rendered XML, which would also change a value that
    happens to contain them."""
    return re.sub(r"\{_\{|\}_\}|\{_%|%_\}", lambda match: _ESCAPES[match.group()], xml)


def _place_images(value: Any, doc: DocxTemplate) -> Any:
    """Replace every ``ImageValue`` in the context by a docxtpl ``InlineImage`` bound to this document."""
    if isinstance(value, ImageValue):
        width, height = value.fitted_mm()
        return InlineImage(doc, io.BytesIO(value.content), width=Mm(width), height=Mm(height))
    if isinstance(value, dict):
        return {key: _place_images(item, doc) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_place_images(item, doc) for item in value]
    return value


def _check_well_formed(key: str, xml: str) -> None:
    """docxtpl parses with ``recover=True``, which silently drops broken markup; refuse it instead."""
    try:
        etree.fromstring(xml.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        raise TemplateError(
            Problem(
                _part_name(key),
                "broken_xml",
                f"the rendered document is not valid XML: {error}",
                {"part": _part_name(key)},
            )
        ) from None


def _error_line(error: Exception) -> int | None:
    """The template line an error was raised at: its ``lineno``, else the innermost template frame of its
    traceback (Jinja rewrites tracebacks so that a template's frames carry template line numbers; an
    ``UndefinedError`` or a ``SecurityError`` has no ``lineno`` of its own)."""
    line = getattr(error, "lineno", None)
    trace = error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == "<template>":
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


def _part_name(key: str) -> str:
    if key == "body":
        return "document body"
    if key.startswith(("footnotes:", "endnotes:")):
        return key.split(":", 1)[0]
    return f"header/footer {key}"


def _problem_at(key: str, xml: str, lineno: int | None, message: str, code: str = "template_syntax") -> Problem:
    """Point at the paragraph of the template where Jinja stopped, by its visible text."""
    place = _part_name(key)
    if lineno:
        lines = xml.splitlines()
        text = _TAG_TEXT.sub("", lines[lineno - 1] if 0 < lineno <= len(lines) else "").strip()
        if text:
            place = f"{place}, paragraph «{text[:120]}»"
    return Problem(place, code, message, {"error": message})


class TemplateCache:
    """Compiled templates by content hash: a new version of a template is compiled once, on first use."""

    def __init__(self, limit: int = 32) -> None:
        self._items: dict[str, CompiledTemplate] = {}
        self._limit = limit
        self._lock = threading.Lock()

    def get(self, source: bytes) -> CompiledTemplate:
        digest = hashlib.sha256(source).hexdigest()
        with self._lock:
            found = self._items.get(digest)
        if found is not None:
            return found
        compiled = CompiledTemplate(source)
        with self._lock:
            if len(self._items) >= self._limit:
                self._items.pop(next(iter(self._items)))
            self._items[digest] = compiled
        return compiled
