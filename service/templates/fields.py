"""Required fields of a document's model that a template never shows: a warning, not an error.

A field counts as shown when the template reads its path (``sections[].measures[].deadline``, from the
static walk in ``variables.py``) or, failing that, when most of the sample's values for it are visible in
the test render's text: a field may reach the page transformed (``signature.full_name`` printed as initials
and surname, ``approving_order.year`` inside ``order.lines``). Pure.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel


def required_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Leaf paths of the fields a valid input must have: ``sections[].measures[].deadline``."""
    paths = []
    for name, info in model.model_fields.items():
        if not info.is_required():
            continue
        path = f"{prefix}.{name}" if prefix else name
        inner, is_list = _unwrap(info.annotation)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            paths += required_paths(inner, f"{path}[]" if is_list else path)
        else:
            paths.append(path)
    return paths


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (list, tuple, set, frozenset):
        args = typing.get_args(annotation)
        return (_unwrap(args[0])[0] if args else Any), True
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return _unwrap(options[0]) if len(options) == 1 else (Any, False)
    return annotation, False


def values_at(data: Any, path: str) -> list[Any]:
    """Every value at ``path`` in plain data (lists are walked): the sample's values of a field."""
    values = [data]
    for piece in path.split("."):
        many = piece.endswith("[]")
        key = piece.removesuffix("[]")
        found = []
        for value in values:
            item = value.get(key) if isinstance(value, Mapping) else None
            if many and isinstance(item, list):
                found += item
            elif item is not None:
                found.append(item)
        values = found
    flat: list[Any] = []
    for value in values:
        flat += value if isinstance(value, list) else [value]
    return flat


SHORT_TEXT = 40


def _distinctive(value: Any) -> list[str]:
    """Pieces of a sample value that, found in the rendered text, show that the template printed it."""
    if isinstance(value, bool) or value is None:
        return []
    if isinstance(value, int | float):
        return [str(value)] if abs(value) >= 100 else []
    if isinstance(value, dt.date):
        return [str(value.year)]
    if isinstance(value, str):
        text = " ".join(value.split())
        if len(text) > SHORT_TEXT:  # a long text is printed whole: its beginning must be there
            return [text[:SHORT_TEXT]]
        # A short one (a name, a title) may be printed in another form: «Асанов Үсөн» as «Ү. Асанов».
        words = [word.strip('.,;:()«»"') for word in text.split()]
        return ([text] if len(text) >= 4 else []) + [word for word in words if len(word) >= 4]
    return []


def fields_not_shown(model: type[BaseModel], data: Any, used: set[str], rendered_text: str) -> list[str]:
    """Required fields neither read by the template (by path) nor visible in its test render (by value)."""
    folded = " ".join(rendered_text.split()).casefold()
    missing = []
    for path in required_paths(model):
        if any(item == path or item.startswith((f"{path}.", f"{path}[")) for item in used):
            continue
        distinct = {repr(value): value for value in values_at(data, path)}.values()
        judged = [pieces for value in distinct if (pieces := _distinctive(value))]
        seen = sum(1 for pieces in judged if any(piece.casefold() in folded for piece in pieces))
        if judged and seen * 2 >= len(judged):  # most of the sample's values are in the text: it is shown
            continue
        missing.append(path)
    return missing
