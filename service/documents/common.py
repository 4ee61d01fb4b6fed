"""Value types shared by every document model: text that XML can carry, limits, strict base model.

Validation happens once, here, for every entry point (API, web form, spreadsheet import, CLI, batch):
the models refuse what a DOCX cannot hold (characters XML 1.0 forbids) and what is unreasonably large,
so that rendering never meets bad input.
"""

from __future__ import annotations

import re
import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

# XML 1.0 allows TAB, LF, CR and everything from U+0020 except surrogates and U+FFFE/U+FFFF.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Limits on what comes in (the reliability issue asks for a limit on every string and list).
MAX_TEXT = 20_000  # a measure's text or a report's "what was done": several long paragraphs
MAX_LINE = 1_000  # a name, a title, a unit
MAX_ITEMS = 200  # list lengths: sections, measures, responsible units, indicators
FIRST_YEAR, LAST_YEAR = 2000, 2100  # the years a document or a batch may name: a typo such as 20255 is refused


def _xml_safe(value: str) -> str:
    """Refuse characters that cannot appear in a DOCX (XML 1.0), naming the first one and its place."""
    match = XML_FORBIDDEN.search(value)
    if match:
        raise refused(
            "xml_char",
            "contains the character {character} at position {position}, which a DOCX cannot carry",
            character=f"U+{ord(match.group()):04X}",
            position=match.start() + 1,
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


def refused(code: str, message: str, **params: object) -> PydanticCustomError:
    """A model rule's refusal with a catalogue code and its parameters, rather than English prose.

    A plain ``ValueError`` reaches the caller as ``value_error`` with its English sentence inside every
    language's message; this reaches it as ``code`` with ``params``, which the catalogue words in ky/ru/en.
    ``message`` (``{name}`` placeholders, filled from ``params``) is the English text for logs and fallbacks.
    ``at`` (a field path below the model, ``signature.date``) places a whole-model rule on the field it is
    about, so that a spreadsheet names that field's cell rather than the sheet.
    """
    return PydanticCustomError(code, message, dict(params))


_NOT_A_NUMBER = {"int": "Input should be a valid integer", "float": "Input should be a valid number"}


def _number_kind(annotation: Any) -> str | None:
    """``int`` or ``float`` when a field holds a number (``int``, ``float | None`` …), else None."""
    if get_origin(annotation) in (Union, types.UnionType):
        kinds = {_number_kind(arg) for arg in get_args(annotation)} - {None}
        return kinds.pop() if len(kinds) == 1 else None
    return {int: "int", float: "float"}.get(annotation)


def _is_flag(annotation: Any) -> bool:
    """Whether a field holds a yes/no (``bool``, ``bool | None``)."""
    if get_origin(annotation) in (Union, types.UnionType):
        return bool in get_args(annotation)
    return annotation is bool


class Strict(BaseModel):
    """Base of every input model: unknown fields are errors (a typo must not be silently dropped), and
    ``true``/``false`` are neither numbers nor strings: pydantic's lax mode would read ``"number": true`` as
    measure 1, and ``"acting": 1`` or ``"acting": "yes"`` as true. A spreadsheet's «ооба»/«жок» cell is
    mapped to a JSON boolean by the reader (``spreadsheets.reading``), before the model sees it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_booleans_as_numbers(cls, value: Any, info: ValidationInfo) -> Any:
        if info.field_name is None:
            return value
        annotation = cls.model_fields[info.field_name].annotation
        if isinstance(value, bool):
            kind = _number_kind(annotation)
            if kind is not None:
                raise PydanticCustomError(f"{kind}_type", _NOT_A_NUMBER[kind])
        elif value is not None and _is_flag(annotation):
            raise PydanticCustomError("bool_type", "Input should be a valid boolean")
        return value
