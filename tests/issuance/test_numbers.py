"""Issuance numbers: the printed and ASCII forms, and parsing what people type (a table of cases)."""

from __future__ import annotations

import pytest

from service.issuance.numbers import IssueNumber, NumberError, ascii_prefix, parse

PREFIX = "КЖС"


@pytest.mark.parametrize(
    ("number", "printed", "ascii"),
    [
        (IssueNumber("КЖС", 2026, 123), "КЖС-2026-000123", "KJS-2026-000123"),
        (IssueNumber("КЖС", 2027, 1), "КЖС-2027-000001", "KJS-2027-000001"),
        (IssueNumber("КЖС", 2026, 1234567), "КЖС-2026-1234567", "KJS-2026-1234567"),
        (IssueNumber("ҮӨҢ", 2026, 5), "ҮӨҢ-2026-000005", "UEOENG-2026-000005"),
        (IssueNumber("SD", 2026, 5), "SD-2026-000005", "SD-2026-000005"),
    ],
)
def test_printed_and_ascii_forms(number: IssueNumber, printed: str, ascii: str) -> None:
    assert str(number) == printed
    assert number.ascii == ascii
    assert number.ascii.isascii()
    assert parse(printed, number.prefix) == number
    assert parse(ascii, number.prefix) == number


@pytest.mark.parametrize(
    "text",
    [
        "КЖС-2026-000123",
        "KJS-2026-000123",
        "kjs-2026-000123",
        "кжс-2026-000123",
        "KЖC-2026-000123",  # Latin K and C, Cyrillic Ж: typed on a mixed keyboard
        "КЖC-2026-000123",  # Latin C only
        "kЖc-2026-000123",
        "КЖС–2026–000123",  # en dashes, as a word processor makes them
        "КЖС — 2026 — 000123",
        "№ КЖС-2026-000123",
        "  КЖС-2026-123  ",  # without the zeros
        "KJS_2026_000123",
    ],
)
def test_parse_accepts_what_people_type(text: str) -> None:
    assert parse(text, PREFIX) == IssueNumber(PREFIX, 2026, 123)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "КЖС",
        "КЖС-2026",
        "КЖС-26-000123",
        "КЖС-2026-0000x1",
        "АБВ-2026-000123",  # another issuer's prefix
        "KZS-2026-000123",  # a wrong transliteration is not a look-alike
        "КЖС-1999-000123",  # before Kagaz could have issued it
        "КЖС-2026-000000",  # sequences start at 1
        "КЖС-2026-000123-1",
        "КЖС2026000123",
        "../../etc/passwd",
    ],
)
def test_parse_refuses_what_is_not_our_number(text: str) -> None:
    with pytest.raises(NumberError):
        parse(text, PREFIX)


def test_numbers_sort_by_year_then_sequence() -> None:
    numbers = [IssueNumber(PREFIX, 2027, 1), IssueNumber(PREFIX, 2026, 10), IssueNumber(PREFIX, 2026, 9)]
    assert [str(number) for number in sorted(numbers)] == ["КЖС-2026-000009", "КЖС-2026-000010", "КЖС-2027-000001"]


@pytest.mark.parametrize("prefix", ["", "кжс", "К-С", "ABCDEFGHIJK", "K1"])
def test_a_bad_prefix_is_refused(prefix: str) -> None:
    with pytest.raises(NumberError):
        IssueNumber(prefix, 2026, 1)


def test_ascii_prefix_transliterates_kyrgyz_letters() -> None:
    assert ascii_prefix("ЖЧШҢӨҮ") == "JCHSHNGOEUE"
