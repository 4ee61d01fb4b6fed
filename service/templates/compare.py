"""Two versions of a template side by side: which context paths each reads, and page 1 of each as images.

Pure: reports' variable lists and PNG bytes in, a difference and one PNG out.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

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
