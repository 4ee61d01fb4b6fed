"""Issuance numbers: ``КЖС-2026-000123`` — a configurable prefix, the year of issue, a sequence per year.

Why a printed form and an ASCII form: the number is read aloud, typed from paper and put into a URL. The
printed form keeps the Department's Cyrillic prefix; the check address uses a transliteration (``KJS-2026-
000123``) so that it survives any QR reader, mail client or log without percent-encoding. People who type a
number copy it from paper with whatever keyboard they have, so ``parse`` accepts the Cyrillic form, the ASCII
form and any mix of Cyrillic letters with their Latin look-alikes (``KЖC`` with Latin K and C), in any case,
with any dash. Everything here is pure and table-tested.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SEQUENCE_DIGITS = 6  # 999 999 documents a year before the number grows a digit (it still parses)
FIRST_YEAR = 2000
LAST_YEAR = 2999

# Kyrgyz Cyrillic → ASCII, for the address form of a prefix. Ж is J as in the Kyrgyz Latin proposals.
_TRANSLITERATION = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Е": "E", "Ё": "YO", "Ж": "J", "З": "Z", "И": "I",
    "Й": "Y", "К": "K", "Л": "L", "М": "M", "Н": "N", "Ң": "NG", "О": "O", "Ө": "OE", "П": "P", "Р": "R",
    "С": "S", "Т": "T", "У": "U", "Ү": "UE", "Ф": "F", "Х": "H", "Ц": "TS", "Ч": "CH", "Ш": "SH", "Щ": "SHCH",
    "Ъ": "", "Ы": "Y", "Ь": "", "Э": "E", "Ю": "YU", "Я": "YA",
}  # fmt: skip
# Latin letters that look like Cyrillic ones (upper case; input is upper-cased first).
_LOOK_ALIKES = str.maketrans("ABCEHKMOPTXY", "АВСЕНКМОРТХУ")
_DASHES = re.compile(r"\s*[-‐‑‒–—―−_/]\s*")
_SHAPE = re.compile(r"^(?P<prefix>[^\W\d_]+)-(?P<year>\d{4})-(?P<sequence>\d{1,9})$")
_PREFIX = re.compile(r"^[А-ЯЁҢӨҮA-Z]{1,10}$")


class NumberError(ValueError):
    """A text is not an issuance number of this Kagaz (wrong shape, other prefix, impossible year)."""


def check_prefix(prefix: str) -> str:
    """The prefix as configured, refused unless it is 1–10 capital letters (Cyrillic or Latin)."""
    if not _PREFIX.match(prefix):
        raise NumberError(f"the number prefix must be 1 to 10 capital letters, not {prefix!r}")
    return prefix


def ascii_prefix(prefix: str) -> str:
    """The prefix transliterated to ASCII capitals (Latin letters stay as they are)."""
    return "".join(_TRANSLITERATION.get(letter, letter) for letter in prefix.upper())


def _fold(text: str) -> str:
    """Upper case with every Latin look-alike turned into its Cyrillic letter: one key for mixed spellings."""
    return text.upper().translate(_LOOK_ALIKES)


@dataclass(frozen=True, order=True)
class IssueNumber:
    """One issuance number; ``str()`` is the printed form, ``ascii`` the form used in addresses."""

    prefix: str
    year: int
    sequence: int

    def __post_init__(self) -> None:
        check_prefix(self.prefix)
        if not FIRST_YEAR <= self.year <= LAST_YEAR:
            raise NumberError(f"the year of issue must be between {FIRST_YEAR} and {LAST_YEAR}, not {self.year}")
        if self.sequence < 1:
            raise NumberError(f"a sequence starts at 1, not {self.sequence}")

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}-{self.sequence:0{SEQUENCE_DIGITS}d}"

    @property
    def ascii(self) -> str:
        return f"{ascii_prefix(self.prefix)}-{self.year}-{self.sequence:0{SEQUENCE_DIGITS}d}"


def parse(text: str, prefix: str) -> IssueNumber:
    """Read a number typed or scanned by a person, for a Kagaz whose configured prefix is ``prefix``.

    Accepted: the printed form, the ASCII form, Latin look-alikes for Cyrillic letters, any case, any
    dash or spaces around dashes, a leading «№». Raises ``NumberError`` for anything else, including a
    well-formed number with another prefix (another issuer's documents are not ours to vouch for).
    """
    check_prefix(prefix)
    cleaned = _DASHES.sub("-", text.strip().lstrip("№#").strip())
    match = _SHAPE.match(cleaned)
    if match is None:
        raise NumberError(f"{text!r} is not a number of the form {prefix}-YYYY-{'0' * (SEQUENCE_DIGITS - 1)}1")
    written = match.group("prefix")
    if written.upper() != ascii_prefix(prefix) and _fold(written) != _fold(prefix):
        raise NumberError(f"{text!r} does not start with {prefix} (or {ascii_prefix(prefix)})")
    return IssueNumber(prefix, int(match.group("year")), int(match.group("sequence")))
