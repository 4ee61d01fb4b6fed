"""Two versions of a template compared: which context paths each reads, their text paragraph by paragraph
(with the table cell of each change), and their pages as images.

Pure: reports' variable lists, DOCX and PNG bytes in; differences and one PNG out.
"""

from __future__ import annotations

import difflib
import io
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

from service.templates.findings import TemplatePlace
from service.templates.tags import read_parts

GAP = 24  # pixels between the two pages
LABEL_HEIGHT = 36


@dataclass(frozen=True)
class VariableChanges:
    """Paths the newer version reads that the older does not (``added``), and the other way (``removed``)."""

    added: list[str]
    removed: list[str]
    kept: list[str]


def variable_changes(older: list[str], newer: list[str]) -> VariableChanges:
    before, after = set(older), set(newer)
    return VariableChanges(sorted(after - before), sorted(before - after), sorted(before & after))


@dataclass(frozen=True)
class TextChange:
    """One paragraph added, removed or changed; ``older``/``newer`` are its places in each version, and
    ``pieces`` the changed paragraph's words as ``(kind, text)`` with kind ``same``, ``removed``, ``added``."""

    kind: str  # "added", "removed", "changed"
    older: TemplatePlace | None
    newer: TemplatePlace | None
    before: str
    after: str
    pieces: tuple[tuple[str, str], ...] = ()

    @property
    def place(self) -> TemplatePlace:
        place = self.newer or self.older
        assert place is not None
        return place


def paragraphs(content: bytes) -> list[tuple[TemplatePlace, str]]:
    """Every paragraph with text, in the body, headers, footers and notes, with its place."""
    return [
        (paragraph.place, " ".join(paragraph.text.split()))
        for part in read_parts(content)
        for paragraph in part.paragraphs
        if paragraph.text.strip()
    ]


def text_changes(older: bytes, newer: bytes) -> list[TextChange]:
    """The paragraphs that differ between two DOCX files, in document order."""
    before, after = paragraphs(older), paragraphs(newer)
    matcher = difflib.SequenceMatcher(None, [text for _, text in before], [text for _, text in after], autojunk=False)
    changes: list[TextChange] = []
    for operation, start, end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            continue
        old_items, new_items = before[start:end], after[new_start:new_end]
        paired = min(len(old_items), len(new_items)) if operation == "replace" else 0
        for (old_place, old_text), (new_place, new_text) in zip(old_items[:paired], new_items[:paired], strict=True):
            changes.append(TextChange("changed", old_place, new_place, old_text, new_text, _pieces(old_text, new_text)))
        changes += [TextChange("removed", place, None, text, "") for place, text in old_items[paired:]]
        changes += [TextChange("added", None, place, "", text) for place, text in new_items[paired:]]
    return changes


def _pieces(before: str, after: str) -> tuple[tuple[str, str], ...]:
    old_words, new_words = before.split(" "), after.split(" ")
    pieces: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for operation, start, end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            pieces.append(("same", " ".join(old_words[start:end])))
            continue
        if end > start:
            pieces.append(("removed", " ".join(old_words[start:end])))
        if new_end > new_start:
            pieces.append(("added", " ".join(new_words[new_start:new_end])))
    return tuple(pieces)


def side_by_side(left: bytes, right: bytes, left_label: str, right_label: str) -> bytes:
    """One PNG: ``left`` and ``right`` (page images) next to each other on white, each under its label."""
    with Image.open(io.BytesIO(left)) as first, Image.open(io.BytesIO(right)) as second:
        first_rgb, second_rgb = first.convert("RGB"), second.convert("RGB")
    width = first_rgb.width + GAP + second_rgb.width
    height = LABEL_HEIGHT + max(first_rgb.height, second_rgb.height)
    canvas = Image.new("RGB", (width, height), "white")
    canvas.paste(first_rgb, (0, LABEL_HEIGHT))
    canvas.paste(second_rgb, (first_rgb.width + GAP, LABEL_HEIGHT))
    draw = ImageDraw.Draw(canvas)
    font = ImageFont.load_default(size=20)
    draw.text((8, 8), left_label, fill="black", font=font)
    draw.text((first_rgb.width + GAP + 8, 8), right_label, fill="black", font=font)
    draw.line([(first_rgb.width + GAP // 2, 0), (first_rgb.width + GAP // 2, height)], fill="#999999", width=1)
    out = io.BytesIO()
    canvas.save(out, "PNG", optimize=True)
    return out.getvalue()
