"""Kyrgyz official forms that CLDR and Babel do not produce: dates, alphabetical order, signatory names.

Every template and every document module takes these forms from here, so that one tested table decides
how a date or a name is printed. All functions are pure.

Dates follow the official style of the Judicial Department's orders: the year in the genitive
(«2025-жылдын»), then the day and the Russian-derived month name with the third-person possessive and,
where the sentence needs it, a case ending: «2025-жылдын 15-июлундагы № 12 буйругу». Native month names
(«Үчтүн айы», «Бугу» …) are never used. The endings are a table written out per month, not vowel-harmony
rules computed at run time, so that a reviewer who speaks Kyrgyz can check every form by reading it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar

from service.errors import InputError, Problem

T = TypeVar("T")

# --------------------------------------------------------------------------------------------- dates


class _Endings(NamedTuple):
    """The endings that follow a month's possessive form; one set per vowel-harmony class."""

    dated: str  # attributive locative «…-дагы»: "dated", «15-июлундагы буйрук»
    locative: str  # «…-нда»: "on", «15-февралында»
    ablative: str  # «…-нан»: "from", «15-январынан баштап»
    dative: str  # «…-на»: "to, until", «15-январына чейин»


# After a possessive ending in ы or у the open vowel is а; after и it is е. No month name ends its
# possessive in ү or in a rounded open vowel (о, ө), so these two classes are all the table needs.
_BACK = _Endings(dated="ндагы", locative="нда", ablative="нан", dative="на")
_FRONT = _Endings(dated="ндеги", locative="нде", ablative="нен", dative="не")


class Month(NamedTuple):
    """One month as official Kyrgyz texts write it."""

    nominative: str  # «январь»: the dictionary form, as in a heading or a table column
    possessive: str  # «январы»: "the January (of the year)", the plain date form
    endings: _Endings


# The possessive vowel follows the month name's last vowel: а, я → ы (январы, сентябры); е → и (апрели);
# у, ю → у (августу, июлу). A final ь is dropped; «май» keeps its й and takes ы (майы).
MONTHS: tuple[Month, ...] = (
    Month("январь", "январы", _BACK),
    Month("февраль", "февралы", _BACK),
    Month("март", "марты", _BACK),
    Month("апрель", "апрели", _FRONT),
    Month("май", "майы", _BACK),
    Month("июнь", "июну", _BACK),
    Month("июль", "июлу", _BACK),
    Month("август", "августу", _BACK),
    Month("сентябрь", "сентябры", _BACK),
    Month("октябрь", "октябры", _BACK),
    Month("ноябрь", "ноябры", _BACK),
    Month("декабрь", "декабры", _BACK),
)


def _month_form(day: dt.date, ending: str) -> str:
    """«2025-жылдын 15-» + the month's possessive + one ending: the frame shared by every date form."""
    month = MONTHS[day.month - 1]
    return f"{day.year}-жылдын {day.day}-{month.possessive}{ending}"


def date_plain(day: dt.date) -> str:
    """«2026-жылдын 15-январы»: the date on its own, e.g. a report's date line."""
    return _month_form(day, "")


def date_dated(day: dt.date) -> str:
    """«2025-жылдын 15-июлундагы»: "dated", placed before an order or a letter it qualifies."""
    return _month_form(day, MONTHS[day.month - 1].endings.dated)


def date_locative(day: dt.date) -> str:
    """«2026-жылдын 1-февралында»: "on" that day."""
    return _month_form(day, MONTHS[day.month - 1].endings.locative)


def date_ablative(day: dt.date) -> str:
    """«2026-жылдын 15-январынан»: "from" that day, as in «…-январынан кечиктирбестен» (no later than)."""
    return _month_form(day, MONTHS[day.month - 1].endings.ablative)


def date_dative(day: dt.date) -> str:
    """«2026-жылдын 15-январына»: "to" that day, as in «…-январына чейин» (until)."""
    return _month_form(day, MONTHS[day.month - 1].endings.dative)


def blank_order_date(year: int) -> str:
    """«2025-ж. « » _____»: an order's date and number left blank to be written in by hand once signed."""
    return f"{year}-ж. « » _____"


def month_forms() -> dict[str, tuple[int, str]]:
    """Every written form of every month → (month number, form name); lets parsers read what we print."""
    forms: dict[str, tuple[int, str]] = {}
    for number, month in enumerate(MONTHS, start=1):
        forms[month.nominative] = (number, "nominative")
        forms[month.possessive] = (number, "plain")
        for name, ending in month.endings._asdict().items():
            forms[month.possessive + ending] = (number, name)
    return forms


# ----------------------------------------------------------------------------------------- collation

KYRGYZ_ALPHABET = "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя"
"""The 36 letters in dictionary order: the Russian alphabet with ң after н, ө after о, ү after у."""

_RANK = {letter: index for index, letter in enumerate(KYRGYZ_ALPHABET)}

# Element classes, in the order they sort: a word break before a number before any letter, so that
# «Ош облустук соту» comes before «Оштогу …» and «2-бөлүм» before «Адилет»; Latin after Cyrillic.
_BREAK, _NUMBER, _CYRILLIC, _LATIN, _OTHER = range(5)
_DIGITS = re.compile(r"\d+")

SortKey = tuple[tuple[tuple[int, int], ...], str]


def _letter_element(char: str) -> tuple[int, int] | None:
    """The sort element of one case-folded character, or None for a mark that does not count."""
    if char in _RANK:
        return (_CYRILLIC, _RANK[char])
    category = unicodedata.category(char)
    if category.startswith("M"):  # a stress accent or other combining mark left after NFC
        return None
    if category.startswith("L"):
        name = unicodedata.name(char, "")
        if name.startswith("CYRILLIC"):  # Kazakh ә, і, қ …: after я, in code-point order
            return (_CYRILLIC, len(KYRGYZ_ALPHABET) + ord(char))
        if name.startswith("LATIN"):  # é sorts with e; the tie is broken by the text itself
            return (_LATIN, ord(unicodedata.normalize("NFD", char)[0]))
        return (_OTHER, ord(char))
    return (_BREAK, 0)


def collation_key(text: str) -> SortKey:
    """A key that sorts texts in Kyrgyz alphabetical order, ignoring case.

    Runs of digits compare as numbers («2-…» before «10-…»); any run of spaces and punctuation
    (quotes, hyphens, «№») is one word break and leading or trailing ones are ignored, so that
    «"Адилет сот" мекемеси» sorts under А. Texts equal at this level are ordered by their code points,
    which makes the order total and stable across runs.
    """
    elements: list[tuple[int, int]] = []
    folded = unicodedata.normalize("NFC", text).casefold()
    position = 0
    while position < len(folded):
        digits = _DIGITS.match(folded, position)
        if digits:
            elements.append((_NUMBER, int(digits.group())))
            position = digits.end()
            continue
        element = _letter_element(folded[position])
        position += 1
        if element is None:
            continue
        if element[0] == _BREAK and (not elements or elements[-1][0] == _BREAK):
            continue
        elements.append(element)
    if elements and elements[-1][0] == _BREAK:
        elements.pop()
    return (tuple(elements), text)


def sort_kyrgyz(items: Iterable[T], key: Callable[[T], str] | None = None) -> list[T]:
    """The items in Kyrgyz alphabetical order of ``key(item)`` (the item itself when it is a string)."""
    if key is None:
        return sorted(items, key=lambda item: collation_key(str(item)))
    text_of = key
    return sorted(items, key=lambda item: collation_key(text_of(item)))


# ------------------------------------------------------------------------------------ signatory names

PATRONYMIC_MARKERS = frozenset({"уулу", "кызы"})
"""Kyrgyz patronymics are the father's name followed by «уулу» (son of) or «кызы» (daughter of)."""


@dataclass(frozen=True)
class PersonName:
    """A person's name in its parts; the only unambiguous input for initials.

    ``surname`` may be several words when a person has no family name in the Russian sense and the
    father's name serves as one («Талант уулу»); ``patronymic`` may be «Токтогулович» or «Талант уулу».
    """

    surname: str
    given_name: str
    patronymic: str | None = None


def _problem(location: str, code: str, message: str, text: str) -> InputError:
    return InputError(Problem(location, code, message, {"text": text}))


def parse_full_name(text: str, location: str = "name") -> PersonName:
    """Read «Фамилия Аты Атасынын аты», surname first: the order of official Kyrgyz and Russian lists.

    Accepts «Асанов Бакыт Токтогулович», «Асанов Бакыт», «Жумабеков Азамат Талант уулу» and the
    surname-less «Талант уулу Азамат». Any other shape (four names, «уулу» with no father's name) is
    refused rather than split by a guess; the caller can then pass the parts as a ``PersonName``.
    """
    words = text.split()
    if not words:
        raise _problem(location, "name_missing", "the name is empty", text)
    if len(words) >= 2 and words[1].casefold() in PATRONYMIC_MARKERS:
        surname, rest = " ".join(words[:2]), words[2:]
    else:
        surname, rest = words[0], words[1:]
    if not rest:
        raise _problem(location, "name_missing", f"«{text}» has no given name after the surname", text)
    given_name, tail = rest[0], rest[1:]
    if not tail:
        patronymic = None
    elif len(tail) == 1 and tail[0].casefold() not in PATRONYMIC_MARKERS:
        patronymic = tail[0]
    elif len(tail) == 2 and tail[1].casefold() in PATRONYMIC_MARKERS:
        patronymic = " ".join(tail)
    else:
        raise _problem(
            location,
            "name_unrecognized",
            f"cannot tell surname, given name and patronymic apart in «{text}»; give them separately",
            text,
        )
    return PersonName(surname=surname, given_name=given_name, patronymic=patronymic)


def _initial(part: str, location: str) -> str:
    """«Бакыт» → «Б.», «Анна-Мария» → «А.-М.», «өмүрбек» → «Ө.»; the father's name alone in «Талант уулу»."""
    word = part.split()[0] if part.split() else ""
    pieces = word.split("-")
    if not all(piece[:1].isalpha() for piece in pieces):
        raise _problem(location, "name_unrecognized", f"«{part}» does not start with a letter", part)
    return "-".join(f"{piece[0].upper()}." for piece in pieces)


def initials_surname(name: PersonName | str, location: str = "name") -> str:
    """«Б.Т.Асанов»: the form under a signature, initials first with no space before the surname.

    A string is read by ``parse_full_name`` (surname first). The surname is printed as given, with its
    spaces normalized; only the initials are upper-cased, which ``str.upper`` does right for ө, ү, ң.
    """
    person = parse_full_name(name, location) if isinstance(name, str) else name
    surname = " ".join(person.surname.split())
    if not surname or not person.given_name.strip():
        raise _problem(location, "name_missing", "a signatory needs a surname and a given name", surname)
    initials = _initial(person.given_name, location)
    patronymic = (person.patronymic or "").strip()
    if patronymic:
        if patronymic.casefold() in PATRONYMIC_MARKERS:
            raise _problem(location, "name_unrecognized", f"«{patronymic}» lacks the father's name", patronymic)
        initials += _initial(patronymic, location)
    return initials + surname


# ---------------------------------------------------------------------------------- transliteration

_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "ң": "ng", "о": "o", "ө": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ү": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip


def transliterate(text: str) -> str:
    """Kyrgyz Cyrillic in plain ASCII Latin (ө → o, ү → u, ң → ng, ж → zh), other characters kept.

    For places that cannot carry Cyrillic, such as the ASCII fallback name of a download; it is not a
    romanization for documents. A capital keeps a digraph capitalized («Жалал-Абад» → «Zhalal-Abad»), and
    all capitals stay all capitals («ЖК» → «ZHK»).
    """
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    for index, char in enumerate(text):
        latin = _TO_LATIN.get(char.lower())
        if latin is None:
            out.append(char)
        elif char.islower():
            out.append(latin)
        elif index + 1 < len(text) and text[index + 1].isupper():
            out.append(latin.upper())
        else:
            out.append(latin.capitalize())
    return "".join(out)


# ------------------------------------------------------------------------------------------- filters


def _as_date(value: dt.date | str) -> dt.date:
    """Templates see dates either as ``date`` values or as ISO strings (a context dumped to JSON)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def _name_value(value: PersonName | str | Mapping[str, Any]) -> PersonName | str:
    if isinstance(value, Mapping):
        return PersonName(
            surname=str(value["surname"]),
            given_name=str(value["given_name"]),
            patronymic=value.get("patronymic"),
        )
    return value


def _sort_filter(items: Iterable[Any], attribute: str | None = None) -> list[Any]:
    """``{{ units|kg_sort }}`` or ``{{ courts|kg_sort('name') }}``: only mapping keys, never attributes,
    so that the filter cannot reach past the sandbox."""
    if attribute is None:
        return sort_kyrgyz(items, key=str)
    if attribute.startswith("_"):
        raise ValueError(f"kg_sort cannot sort by {attribute!r}")
    return sort_kyrgyz(items, key=lambda item: str(item[attribute]))


def template_filters() -> dict[str, Callable[..., Any]]:
    """The Jinja filters every DOCX template may use; ``rendering`` registers them in its environment."""
    return {
        "kg_date": lambda value: date_plain(_as_date(value)),
        "kg_date_dated": lambda value: date_dated(_as_date(value)),
        "kg_date_on": lambda value: date_locative(_as_date(value)),
        "kg_date_from": lambda value: date_ablative(_as_date(value)),
        "kg_date_until": lambda value: date_dative(_as_date(value)),
        "kg_blank_date": blank_order_date,
        "kg_initials": lambda value: initials_surname(_name_value(value)),
        "kg_sort": _sort_filter,
    }
