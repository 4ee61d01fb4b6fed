"""Value types shared by every document model: text that XML can carry, limits, strict base model.

Validation happens once, here, for every entry point (API, web form, spreadsheet import, CLI, batch):
the models refuse what a DOCX cannot hold (characters XML 1.0 forbids) and what is unreasonably large,
so that rendering never meets bad input.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

# XML 1.0 allows TAB, LF, CR and everything from U+0020 except surrogates and U+FFFE/U+FFFF.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Limits on what comes in (the reliability issue asks for a limit on every string and list).
MAX_TEXT = 20_000  # a measure's text or a report's "what was done": several long paragraphs
MAX_LINE = 1_000  # a name, a title, a unit
MAX_ITEMS = 200  # list lengths: sections, measures, responsible units, indicators


def _xml_safe(value: str) -> str:
    """Refuse characters that cannot appear in a DOCX (XML 1.0), naming the first one and its place."""
    match = _XML_FORBIDDEN.search(value)
    if match:
        raise ValueError(
            f"contains the character U+{ord(match.group()):04X} at position {match.start() + 1}, "
            "which a DOCX cannot carry"
        )
    return value.replace("\r\n", "\n").replace("\r", "\n")


Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT),
    AfterValidator(_xml_safe),
]
"""Required free text: may hold several paragraphs (newlines become line breaks in the document)."""

Line = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_LINE),
    AfterValidator(_xml_safe),
]
"""A required one-line value: a name, a title, a unit."""

OptionalLine = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=MAX_LINE),
    AfterValidator(_xml_safe),
]
"""A one-line value that may be blank (an order number not yet assigned)."""


class Strict(BaseModel):
    """Base of every input model: unknown fields are errors (a typo must not be silently dropped)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)
