"""The plan's deadline texts («Ишке ашыруу мөөнөттөрү») read as periods, and what is due or overdue when.

The plan states deadlines as Kyrgyz phrases: «Ар дайым», «2025-жыл», «2025-2027-жылдар»,
«2026-жылдын 1-жарым жылдыгында», «2025-жылдын III-кварталы», «2025-2027 жыл (жыл сайын)». Reports and the
generalized report need them as dates, so this module reads every such phrase into a ``Deadline`` and
refuses anything else with ``deadline_unrecognized``: a deadline read by a guess would mark a measure
overdue, or not, on no one's word. All functions are pure.

The reporting calendar comes from the plan itself (measure 11): courts report by 15 January of the next
year, the Supreme Court sends the generalized report by 1 February.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
import unicodedata
from dataclasses import dataclass

from service.errors import InputError, Problem
from service.kyrgyz import month_forms

FIRST_YEAR, LAST_YEAR = 2000, 2099
"""Years a deadline may name; a year outside is a typo («2205-жыл»), not a plan."""


class DeadlineKind(enum.StrEnum):
    """The shape of a deadline's period."""

    CONTINUOUS = "continuous"  # «Ар дайым», «Туруктуу»: ongoing, never finished, no dates
    EACH_YEAR = "each_year"  # «Жыл сайын» with no years named: repeated every year of the plan
    BY_DATE = "by_date"  # one year, half-year, quarter or day: done by ``end``
    RANGE = "range"  # «2025-2027-жылдар»: worked on every year, finished by the end of the last


class Status(enum.StrEnum):
    """A measure's status as reports write it (the Kyrgyz text is the value)."""

    DONE = "аткарылды"
    IN_PROGRESS = "аткарылууда"
    NOT_DONE = "аткарылган эмес"
    NOT_YET_DUE = "мөөнөтү келе элек"


RUSSIAN_STATUSES = {
    Status.DONE: "выполнено",
    Status.IN_PROGRESS: "выполняется",
    Status.NOT_DONE: "не выполнено",
    Status.NOT_YET_DUE: "срок не наступил",
}
"""The statuses as the Russian workbook's drop-down offers them; read as the same Kyrgyz values."""


@dataclass(frozen=True)
class Deadline:
    """A deadline text and the period it names.

    ``start`` and ``end`` are both None for continuous and plain each-year deadlines; ``start`` is None for
    «…-январына чейин» (by a day, from no stated day). ``end`` is the last day of the period: a half-year
    ends on 30 June or 31 December, a quarter on its last day, a year or range on 31 December.
    ``each_year`` says the work is owed again every year (``EACH_YEAR``, or a range marked «жыл сайын»).
    """

    kind: DeadlineKind
    start: dt.date | None
    end: dt.date | None
    each_year: bool
    text: str

    def __post_init__(self) -> None:
        dated = self.kind in (DeadlineKind.BY_DATE, DeadlineKind.RANGE)
        if dated != (self.end is not None):
            raise ValueError(f"a {self.kind} deadline {'needs' if dated else 'has no'} end date")
        if self.start is not None and (self.end is None or self.start > self.end):
            raise ValueError(f"deadline starts on {self.start} after it ends on {self.end}")


# ----------------------------------------------------------------------------------------- parsing

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")
_ROMAN_I = dict.fromkeys(map(ord, "\u0456\u04cf"), "i")  # Cyrillic і and palochka typed for Roman I
_NUMERALS = {
    "1": 1, "i": 1, "биринчи": 1,
    "2": 2, "ii": 2, "экинчи": 2,
    "3": 3, "iii": 3, "үчүнчү": 3,
    "4": 4, "iv": 4, "төртүнчү": 4,
}  # fmt: skip
_NUMERAL = "|".join(sorted(_NUMERALS, key=len, reverse=True))
_YEAR_OF = r"(?P<year>\d{4})[- ](?:жылдын|ж)"  # «2025-жылдын», «2025-ж.» (the dot is dropped by _normalize)
_EACH_YEAR_NOTE = r"(?P<each> ?\(жыл сайын\)|,? жыл сайын)?"

_CONTINUOUS = re.compile(r"ар дайым|дайыма|туруктуу|үзгүлтүксүз")
_EACH_YEAR = re.compile(r"жыл сайын")
_RANGE = re.compile(
    r"(?P<first>\d{4})-(?P<last>\d{4})[- ]"
    r"(?:жылдар|жылдары|жылдарда|жылдарга|жылдар ичинде|жылдардын ичинде|жыл|жж)" + _EACH_YEAR_NOTE
)
_YEAR = re.compile(r"(?P<year>\d{4})[- ](?:жыл|жылы|жылда|жылдын ичинде|ж)")
_YEAR_END = re.compile(_YEAR_OF + r" аягына чейин")
_HALF = re.compile(_YEAR_OF + rf" (?P<part>{_NUMERAL})[- ]?жарым ?жылдыгы(?:нда|нын ичинде)?")
_QUARTER = re.compile(_YEAR_OF + rf" (?P<part>{_NUMERAL})[- ]?квартал(?:ы|ында|ынын ичинде)?")
_DAY = re.compile(_YEAR_OF + r" (?P<day>\d{1,2})[- ](?P<month>\w+)(?: (?P<particle>чейин|кечиктирбестен))?")
_ISO_DATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")
_DOTTED_DATE = re.compile(r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})")

_MONTH_FORMS = month_forms()
# Which month forms make a deadline, and the word that must follow each: «15-январы», «15-январында»,
# «15-январына чейин», «15-январынан кечиктирбестен». «15-январындагы» (dated) qualifies a noun, not a time.
_PARTICLE_OF_FORM = {
    "nominative": None,
    "plain": None,
    "locative": None,
    "dative": "чейин",
    "ablative": "кечиктирбестен",
}


class _UnreadableError(Exception):
    """A text that matched a shape but names an impossible period; turned into ``InputError``."""


def _normalize(text: str) -> str:
    """One spelling for the variants editors type: case, dashes, spaces around hyphens, a final dot."""
    folded = unicodedata.normalize("NFC", text).translate(_DASHES).casefold().translate(_ROMAN_I)
    spaced = re.sub(r"\s*-\s*", "-", " ".join(folded.split()))
    return spaced.removesuffix(".").replace("ж.", "ж").strip()


def _year(value: str) -> int:
    year = int(value)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _UnreadableError(f"the year {year} is outside {FIRST_YEAR}-{LAST_YEAR}")
    return year


def _day(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise _UnreadableError(f"{day:02d}.{month:02d}.{year} is not a calendar date") from None


def _year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def _months(year: int, first_month: int, last_month: int) -> tuple[dt.date, dt.date]:
    """The first day of ``first_month`` and the last day of ``last_month`` in ``year``."""
    return dt.date(year, first_month, 1), dt.date(year, last_month, calendar.monthrange(year, last_month)[1])


def _read(text: str) -> Deadline:
    """The deadline ``text`` names, or ``_UnreadableError`` saying why not."""
    original, text = text, _normalize(text)
    if _CONTINUOUS.fullmatch(text):
        return Deadline(DeadlineKind.CONTINUOUS, None, None, False, original)
    if _EACH_YEAR.fullmatch(text):
        return Deadline(DeadlineKind.EACH_YEAR, None, None, True, original)
    if match := _RANGE.fullmatch(text):
        first, last = _year(match["first"]), _year(match["last"])
        if first >= last:
            raise _UnreadableError(f"the range {first}-{last} does not run forwards")
        each = match["each"] is not None
        return Deadline(DeadlineKind.RANGE, dt.date(first, 1, 1), _year_end(last), each, original)
    if match := _YEAR.fullmatch(text):
        year = _year(match["year"])
        return Deadline(DeadlineKind.BY_DATE, dt.date(year, 1, 1), _year_end(year), False, original)
    if match := _YEAR_END.fullmatch(text):
        return Deadline(DeadlineKind.BY_DATE, None, _year_end(_year(match["year"])), False, original)
    if match := _HALF.fullmatch(text):
        half = _NUMERALS[match["part"]]
        if half > 2:
            raise _UnreadableError(f"a year has two halves, not {match['part'].upper()}")
        start, end = _months(_year(match["year"]), 6 * half - 5, 6 * half)
        return Deadline(DeadlineKind.BY_DATE, start, end, False, original)
    if match := _QUARTER.fullmatch(text):
        quarter = _NUMERALS[match["part"]]
        start, end = _months(_year(match["year"]), 3 * quarter - 2, 3 * quarter)
        return Deadline(DeadlineKind.BY_DATE, start, end, False, original)
    if (match := _DAY.fullmatch(text)) and match["month"] in _MONTH_FORMS:
        month, form = _MONTH_FORMS[match["month"]]
        if form not in _PARTICLE_OF_FORM or _PARTICLE_OF_FORM[form] != match["particle"]:
            raise _UnreadableError(f"«{match['month']}» {match['particle'] or ''} does not name a deadline")
        end = _day(_year(match["year"]), month, int(match["day"]))
        return Deadline(DeadlineKind.BY_DATE, None, end, False, original)
    if match := _ISO_DATE.fullmatch(text) or _DOTTED_DATE.fullmatch(text):
        end = _day(_year(match["year"]), int(match["month"]), int(match["day"]))
        return Deadline(DeadlineKind.BY_DATE, None, end, False, original)
    raise _UnreadableError("it is none of the forms a deadline is written in")


def parse_deadline(text: str, location: str = "deadline") -> Deadline:
    """The period a deadline text names; an unreadable text raises ``InputError`` (``deadline_unrecognized``).

    Read (case, dashes and spaces around hyphens do not matter): «Ар дайым», «Туруктуу», «Жыл сайын»;
    «2025-жыл»; «2025-2027-жылдар» or «2025-2027 жылдар», optionally «(жыл сайын)»;
    «2026-жылдын 1-жарым жылдыгында» (1, 2, I, II); «2025-жылдын III-кварталы» (1-4, I-IV);
    «2025-жылдын 15-январына чейин», «…-январынан кечиктирбестен», «…-январы»; «2025-01-15», «15.01.2025»;
    «2025-жылдын аягына чейин». ``location`` names the field in the error.
    """
    try:
        return _read(text)
    except _UnreadableError as reason:
        raise InputError(
            Problem(
                location,
                "deadline_unrecognized",
                f"«{text}» is not a deadline Kagaz can read: {reason}. Write e.g. «2025-жыл», "
                "«2025-2027-жылдар», «2026-жылдын 1-жарым жылдыгында», «2025-жылдын III-кварталы», "
                "«2025-жылдын 15-январына чейин», «Жыл сайын» or «Ар дайым»",
                {"text": text},
            )
        ) from None


def parse_status(value: Status | str, location: str = "status") -> Status:
    """A status from its Kyrgyz text («аткарылды»), its Russian one («выполнено», ё as е) or English name
    («done»); anything else is refused."""
    if isinstance(value, Status):
        return value
    folded = " ".join(value.split()).casefold().replace("ё", "е")
    for status in Status:
        if folded in (status.value, status.name.casefold(), RUSSIAN_STATUSES[status]):
            return status
    choices = ", ".join(f"«{status.value}»" for status in Status)
    raise InputError(
        Problem(
            location,
            "status_unrecognized",
            f"«{value}» is not a status; use one of {choices}",
            {"text": value},
        )
    )


# --------------------------------------------------------------------------------------- reporting


def is_due(deadline: Deadline, year: int) -> bool:
    """Whether the measure's report for ``year`` must say it was done or is under way.

    Continuous and each-year measures are due every year the caller asks about (the caller passes the
    plan's years); a range is due in each of its years; any other deadline in the year of its end.
    """
    if deadline.kind in (DeadlineKind.CONTINUOUS, DeadlineKind.EACH_YEAR):
        return True
    assert deadline.end is not None  # guaranteed by Deadline.__post_init__ for dated kinds
    if deadline.kind is DeadlineKind.RANGE:
        assert deadline.start is not None
        return deadline.start.year <= year <= deadline.end.year
    return deadline.end.year == year


def is_overdue(deadline: Deadline, year: int, status: Status | str) -> bool:
    """Whether, at the close of reporting year ``year``, the measure should be done and is not.

    A continuous measure never ends and so is never overdue. An each-year measure owes each year's share
    by 31 December of that year, from the first year of its range on. Any other measure is overdue once its
    end date falls on or before 31 December of ``year``: a range only in and after its last year.
    """
    if parse_status(status) is Status.DONE or deadline.kind is DeadlineKind.CONTINUOUS:
        return False
    if deadline.each_year:
        return deadline.start is None or deadline.start.year <= year
    assert deadline.end is not None
    return deadline.end <= _year_end(year)


def report_due_date(year: int) -> dt.date:
    """15 January after the reporting year: when a court's report for ``year`` reaches the Supreme Court."""
    return dt.date(year + 1, 1, 15)


def generalized_due_date(year: int) -> dt.date:
    """1 February after the reporting year: when the generalized report for ``year`` must be sent."""
    return dt.date(year + 1, 2, 1)
