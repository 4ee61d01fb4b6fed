"""Spreadsheets in and out: the workbooks court staff fill, and their import into the documents' models.

- ``read(document, content, filename, reference)``: an ``.xlsx`` or ``.csv`` upload → ``Imported`` (the
  JSON API's dict and the place of every field), or an ``InputError`` naming sheet, row and column;
- ``workbook(document, reference, data=None, language="ky")``: a blank workbook, or an example filled with
  ``data``, in Kyrgyz or Russian (either is read back the same);
- ``LAYOUTS``: how each document is laid out (``layouts``), the one description both directions use.

Validation is not done here: the caller passes ``Imported.data`` to ``engine.load`` (or ``produce``) inside
``with imported.located():`` so that the model's errors name cells.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from service.documents.reference import Reference
from service.spreadsheets.cells import CellPlace, Imported
from service.spreadsheets.layouts import LAYOUTS, WORKBOOK_LANGUAGES, Layout
from service.spreadsheets.reading import read

SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt", ".xls", ".ods")  # .txt: Excel's «Unicode text»
"""File suffixes the CLI hands to ``read`` (it explains itself for the last two)."""


def workbook(document: str, reference: Reference, data: Mapping[str, Any] | None = None, language: str = "ky") -> bytes:
    """``blanks.workbook``, imported on first use: openpyxl's writer is ~32 MB resident, which a service that
    never hands out a blank workbook should not carry (reading imports openpyxl lazily for the same reason)."""
    from service.spreadsheets import blanks

    return blanks.workbook(document, reference, data, language)


__all__ = ["LAYOUTS", "SUFFIXES", "WORKBOOK_LANGUAGES", "CellPlace", "Imported", "Layout", "read", "workbook"]
