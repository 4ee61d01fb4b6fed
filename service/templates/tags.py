"""The text of a DOCX as an editor sees it: paragraphs with their places, and the docxtpl tags in them.

docxtpl reads a tag from the XML after joining the runs it is split across (Word splits ``{{ m.deadline }}``
into several runs when part of it was retyped, spell-checked or formatted differently). Here every paragraph's
visible text is joined the same way, so each tag is found once, whole, with its place: the part (body,
header, footer), the nested table/row/cell and the paragraph. The tags of one part, one per line, make a
*tag stream*: a Jinja source whose line numbers lead back to places, so a syntax error or an unknown name
found by Jinja is reported at ``table 1, row 5, cell 4: {{ m.dedline }}`` and not at "line 1".

Pure: bytes in, values out.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from lxml import etree

from service.templates.findings import Finding, TemplatePlace, error, warning

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
P, R, T, TBL, TR, TC = (W + name for name in ("p", "r", "t", "tbl", "tr", "tc"))
TXBX = W + "txbxContent"
# Elements that only wrap content (content controls, custom XML, smart tags): their children are read
# as if they stood in the wrapper's place.
WRAPPERS = frozenset(W + name for name in ("sdt", "sdtContent", "customXml", "smartTag", "ins"))
_TAG = re.compile(r"\{\{(?:(?!\}\}).)*\}\}|\{%(?:(?!%\}).)*%\}|\{#(?:(?!#\}).)*#\}", re.DOTALL)
_OPEN = re.compile(r"\{\{|\{%|\{#")
_NEAR_MISS = re.compile(r"\{\s+[{%]|[}%]\s+\}|\}\}|%\}")
_PREFIX = re.compile(r"^\{([{%#])(-?)(tr|tc|p|r)\s")
_EXTENSION = re.compile(r"^\{%-?\s*(colspan|cellbg)\s+(.*?)\s*-?%\}$", re.DOTALL)
_MARKER = re.compile(r"^\{%-?\s*(vm|hm)\s*-?%\}$")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})  # as docxtpl's clean_tags
TEXT_EXCERPT = 100
# Revision marks (tracked insertions, deletions, moves, format changes) and comment anchors: what a template
# must not carry, since LibreOffice prints revisions with their marks and comments in the margin.
MARKS = {
    "revision": tuple(
        W + name for name in ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "cellIns", "cellDel")
    ),
    "comment": (W + "commentRangeStart", W + "commentReference"),
}


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: its place, its joined visible text, and which run each character came from."""

    place: TemplatePlace
    text: str
    run_keys: tuple[str, ...]  # one formatting key per character of ``text`` (the run's w:rPr)
    style: str
    marks: frozenset[str] = frozenset()  # what Word keeps out of sight here: "revision", "comment", "hidden"


@dataclass(frozen=True)
class Tag:
    """One docxtpl tag as typed (``raw``), as Jinja reads it (``source``), and its docxtpl level prefix."""

    raw: str
    source: str
    level: str  # "", "p", "r", "tr" or "tc"
    place: TemplatePlace
    paragraph: Paragraph
    split: bool  # its characters come from differently formatted runs


@dataclass
class Part:
    """A templated XML part: the body (``word/document.xml``), a header or a footer."""

    name: str  # the part's path in the package
    kind: str  # "body", "header", "footer"
    number: int
    paragraphs: list[Paragraph] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def stream(self) -> str:
        """The tag stream: one tag per line, line N is ``tags[N-1]``."""
        return "\n".join(tag.source for tag in self.tags)

    def tag_at(self, lineno: int | None) -> Tag | None:
        if lineno is None or not self.tags:
            return None
        return self.tags[min(max(lineno, 1), len(self.tags)) - 1]


def read_parts(content: bytes) -> list[Part]:
    """The body, headers and footers of a DOCX that passed ``package.check_package``."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = set(archive.namelist())
        parts = [("word/document.xml", "body", 0)]
        rels = "word/_rels/document.xml.rels"
        if rels in names:
            root = _parse(archive.read(rels))
            for rel in root.iter(REL + "Relationship"):
                kind = rel.get("Type", "").rsplit("/", 1)[-1]
                target = rel.get("Target", "")
                kind = {"footnotes": "footnote", "endnotes": "endnote"}.get(kind, kind)
                if kind in ("header", "footer", "footnote", "endnote") and rel.get("TargetMode") != "External":
                    path = "word/" + target.lstrip("/").removeprefix("word/")
                    number = int(re.sub(r"\D", "", target.rsplit("/", 1)[-1]) or 0)
                    parts.append((path, kind, number))
        result = []
        for path, kind, number in sorted(parts, key=lambda item: (item[1] != "body", item[1], item[2])):
            if path in names:
                result.append(read_part(archive.read(path), path, kind, number))
        return result


def read_part(xml: bytes, name: str = "word/document.xml", kind: str = "body", number: int = 0) -> Part:
    part = Part(name, kind, number)
    root = _parse(xml)
    if kind in ("footnote", "endnote"):
        # Each w:footnote/w:endnote holds its own paragraphs; Word numbers them by their w:id.
        containers = [(note, int(note.get(W + "id", "0") or 0)) for note in root if note.tag == W + kind]
    else:
        body = root.find(W + "body") if kind == "body" else root
        containers = [] if body is None else [(body, number)]
    for container, place_number in containers:
        for paragraph in _walk(container, kind, place_number, ()):
            part.paragraphs.append(paragraph)
            tags, findings = _tags(paragraph)
            part.tags += tags
            part.findings += findings
    return part


def _parse(xml: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    return etree.fromstring(xml, parser)


def content_children(node: etree._Element) -> Iterator[etree._Element]:
    """The children of ``node`` as Word lays them out: content controls and custom XML see-through."""
    for child in node:
        if child.tag in WRAPPERS:
            yield from content_children(child)
        else:
            yield child


def _walk(container: etree._Element, kind: str, number: int, cells: tuple) -> Iterator[Paragraph]:
    paragraphs = tables = 0
    for child in content_children(container):
        if child.tag == P:
            paragraphs += 1
            yield _paragraph(child, TemplatePlace(kind, number, cells, paragraphs))
            for box in _own(child, TXBX):  # text boxes anchored in this paragraph
                yield from _walk(box, kind, number, cells)
        elif child.tag == TBL:
            tables += 1
            rows = [row for row in content_children(child) if row.tag == TR]
            for row_number, row in enumerate(rows, 1):
                row_cells = [cell for cell in content_children(row) if cell.tag == TC]
                for cell_number, cell in enumerate(row_cells, 1):
                    yield from _walk(cell, kind, number, (*cells, (tables, row_number, cell_number)))


def _own(paragraph: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Descendants ``tag`` of ``paragraph`` that belong to it and not to a paragraph nested in a text box."""
    for element in paragraph.iter(tag):
        if element is paragraph:
            continue
        parent = element.getparent()
        while parent is not None and parent.tag != P:
            parent = parent.getparent()
        if parent is paragraph:
            yield element


def _paragraph(element: etree._Element, place: TemplatePlace) -> Paragraph:
    text: list[str] = []
    keys: list[str] = []
    for t in _own(element, T):
        value = t.text or ""
        run = t.getparent()
        properties = run.find(W + "rPr") if run is not None else None
        key = etree.tostring(properties).decode() if properties is not None else ""
        text.append(value)
        keys += [key] * len(value)
    style = element.find(f"{W}pPr/{W}pStyle")
    joined = "".join(text)
    marks = frozenset(mark for mark, names in MARKS.items() if any(True for name in names for _ in _own(element, name)))
    if any(_vanished(t.getparent()) for t in _own(element, T)):
        marks |= {"hidden"}
    excerpt = " ".join(joined.split())
    excerpt = excerpt if len(excerpt) <= TEXT_EXCERPT else excerpt[: TEXT_EXCERPT - 1] + "…"
    return Paragraph(
        TemplatePlace(place.part, place.part_number, place.cells, place.paragraph, "", excerpt),
        joined,
        tuple(keys),
        style.get(W + "val", "") if style is not None else "",
        marks,
    )


def _vanished(run: etree._Element | None) -> bool:
    """Whether a run's own formatting hides it (``w:vanish`` not switched off)."""
    if run is None:
        return False
    vanish = run.find(f"{W}rPr/{W}vanish")
    return vanish is not None and vanish.get(W + "val", "true").lower() not in ("0", "false", "off")


def normalize(raw: str) -> tuple[str, str]:
    """A docxtpl tag as plain Jinja, and its level prefix: ``{%tr for s in x %}`` → ``{% for s in x %}``."""
    text = raw.translate(_QUOTES).replace("\n", " ")
    level = ""
    match = _PREFIX.match(text)
    if match:
        level = match.group(3)
        text = "{" + match.group(1) + match.group(2) + " " + text[match.end() :]
    extension = _EXTENSION.match(text)
    if extension:  # docxtpl's {% colspan n %} and {% cellbg c %} print an expression into the cell's XML
        return "{{ " + extension.group(2) + " }}", level
    if _MARKER.match(text):  # {% vm %} and {% hm %} merge cells; no expression
        return "{# " + text[2:-2].strip(" -") + " #}", level
    return text, level


def _tags(paragraph: Paragraph) -> tuple[list[Tag], list[Finding]]:
    tags: list[Tag] = []
    findings: list[Finding] = []
    text = paragraph.text
    rest = []
    position = 0
    for match in _TAG.finditer(text):
        rest.append(text[position : match.start()])
        position = match.end()
        raw = match.group()
        source, level = normalize(raw)
        place = replace(paragraph.place, tag=raw)
        split = len(set(paragraph.run_keys[match.start() : match.end()])) > 1
        tag = Tag(raw, source, level, place, paragraph, split)
        tags.append(tag)
        findings += _tag_findings(tag)
    rest.append(text[position:])
    leftover = "".join(rest)
    opening = _OPEN.search(leftover)
    if opening:
        piece = leftover[opening.start() : opening.start() + 40]
        place = replace(paragraph.place, tag=piece)
        findings.append(error("tag_unclosed", f"the tag «{piece}» does not end in this paragraph", place, text=piece))
    elif _NEAR_MISS.search(leftover):
        piece = _NEAR_MISS.search(leftover)
        assert piece is not None
        excerpt = leftover[max(piece.start() - 10, 0) : piece.end() + 20]
        place = replace(paragraph.place, tag=excerpt.strip())
        findings.append(
            warning("tag_looks_broken", f"«{excerpt.strip()}» looks like a broken tag and is not filled", place)
        )
    return tags, findings


def _tag_findings(tag: Tag) -> list[Finding]:
    findings = []
    if tag.split:
        findings.append(
            warning(
                "tag_split_runs",
                "the tag is made of differently formatted pieces; the value takes the first piece's format",
                tag.place,
            )
        )
    if tag.level in ("tr", "tc") and not tag.place.cells:
        findings.append(
            error("tag_needs_table", f"a {{%{tag.level} %}} tag must stand in a table cell", tag.place, level=tag.level)
        )
    if tag.level in ("p", "tr", "tc") and tag.paragraph.text.strip() != tag.raw.strip():
        others = tag.paragraph.text.replace(tag.raw, "").strip()
        if others and not _TAG.fullmatch(others):
            findings.append(
                warning(
                    "tag_drops_text",
                    f"docxtpl removes the whole paragraph of a {{%{tag.level} %}} tag; «{others[:60]}» is lost",
                    tag.place,
                    level=tag.level,
                    text=others[:60],
                )
            )
    return findings


def unclosed_block(part: Part) -> Tag | None:
    """The innermost block tag (``for``, ``if`` …) that has no end tag, for "unexpected end of template"."""
    stack: list[tuple[str, Tag]] = []
    for tag in part.tags:
        if not tag.source.startswith("{%"):
            continue
        words = tag.source[2:-2].strip(" -+").split()
        if not words:
            continue
        word = words[0]
        if word in ("for", "if", "macro", "call", "filter", "with", "block", "raw", "autoescape") or (
            word == "set" and "=" not in tag.source
        ):
            stack.append((word, tag))
        elif word.startswith("end") and stack and stack[-1][0] == word[3:]:
            stack.pop()
    return stack[-1][1] if stack else None
