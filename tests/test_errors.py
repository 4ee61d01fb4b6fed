"""Errors carry their kind; the HTTP status and the exit code are chosen from it in one table each, and no
code sets a status on an error after making it (issue 12 found nine places, two outside HTTP)."""

from __future__ import annotations

import ast

import pytest

from conftest import ROOT
from service.auth import Forbidden, KeyRefused, Unauthorized
from service.errors import (
    ConversionFailed,
    ConversionTimeout,
    InputError,
    KagazError,
    MalformedRequest,
    NotFound,
    NotReady,
    PayloadTooLarge,
    PoolUnavailable,
    Problem,
    TemplateError,
    TemplateNotFound,
    UnknownDocument,
    UnsupportedFormat,
    UnsupportedMediaType,
    exit_code,
    http_status,
)
from service.settings import ConfigurationError

PROBLEM = Problem("body", "missing", "missing")


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        (InputError(PROBLEM), 422, 1),
        (MalformedRequest(PROBLEM), 400, 1),
        (UnsupportedFormat(PROBLEM), 400, 1),
        (UnsupportedMediaType(PROBLEM), 415, 1),
        (PayloadTooLarge(PROBLEM), 413, 1),
        (UnknownDocument(PROBLEM), 404, 1),
        (NotReady(PROBLEM), 409, 1),
        (TemplateError(PROBLEM), 422, 1),
        (TemplateNotFound("x"), 404, 1),
        (NotFound("x"), 404, 1),
        (ConversionFailed("x"), 422, 2),
        (ConversionTimeout("x"), 503, 2),
        (PoolUnavailable("x"), 503, 2),
        (Unauthorized(PROBLEM), 401, 1),
        (Forbidden(PROBLEM), 403, 1),
        (KeyRefused("key_name_taken", "taken", name="x"), 422, 1),
        (ConfigurationError("x"), 500, 1),
        (KagazError("a bug"), 500, 2),
        (ValueError("a bug"), 500, 2),
    ],
)
def test_status_and_exit_code_follow_the_kind(error: Exception, status: int, code: int) -> None:
    assert (http_status(error), exit_code(error)) == (status, code)


def test_a_relocated_error_keeps_its_kind() -> None:
    """The spreadsheet import re-raises with cells for places: the same class, so the same 413."""
    from service.spreadsheets.cells import CellPlace, Imported

    imported = Imported("action-plan", {}, {"title": CellPlace("Буйрук", 7, "B")})
    with pytest.raises(PayloadTooLarge) as caught, imported.located():
        raise PayloadTooLarge(Problem("title", "too_large", "too large"))
    assert caught.value.problems[0].location == "Буйрук!B7" and http_status(caught.value) == 413


def test_no_code_sets_a_status_on_an_error() -> None:
    offenders = []
    for path in sorted((ROOT / "service").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else []
            for target in targets:
                if isinstance(target, ast.Attribute) and target.attr == "status":
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
