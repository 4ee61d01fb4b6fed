"""The reporting calendar of a year in Asia/Bishkek time, and the clock the tests can set.

Measure 11: every court body reports on year Y to the Supreme Court no later than 15 January of Y+1 (a
report received on the 15th, at any hour of the day in Bishkek, is on time); the Supreme Court sends the
generalized report to the authorized anti-corruption body no later than 1 February. The dates themselves
come from ``service.deadlines``; this module adds the time zone and the clock, so that "late" is decided by
when Kagaz received a report in Bishkek, whatever zone the server runs in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from service import deadlines

BISHKEK = ZoneInfo("Asia/Bishkek")
FIRST_YEAR, LAST_YEAR = 2025, 2027  # the plan runs 2025-2027: three reporting cycles
"""The years the plan asks reports for; the register refuses others."""
YEARS = range(FIRST_YEAR, LAST_YEAR + 1)
"""The same years, in order: what a page offers to choose from."""

Clock = Callable[[], dt.datetime]
"""Returns the present moment, time-zone aware. Injected so that tests can stand before or after a due date."""


def system_clock() -> dt.datetime:
    """The present moment in Bishkek."""
    return dt.datetime.now(BISHKEK)


def fixed_clock(moment: dt.datetime) -> Clock:
    """A clock stopped at ``moment`` (naive means Bishkek time): for tests and for re-computing a past status."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=BISHKEK)
    return lambda: aware


def bishkek_day(moment: dt.datetime) -> dt.date:
    """The calendar day ``moment`` falls on in Bishkek."""
    if moment.tzinfo is None:
        raise ValueError("a moment without a time zone cannot be placed in Bishkek's calendar")
    return moment.astimezone(BISHKEK).date()


def gathering_year(now: dt.datetime) -> int:
    """The year whose reports are being gathered at ``now``: last year in Bishkek, within the plan's years."""
    return min(max(bishkek_day(now).year - 1, FIRST_YEAR), LAST_YEAR)


def report_due(year: int) -> dt.date:
    """The last day a court's report on ``year`` is on time: 15 January of the next year."""
    return deadlines.report_due_date(year)


def generalized_due(year: int) -> dt.date:
    """The last day the Supreme Court's generalized report on ``year`` is on time: 1 February."""
    return deadlines.generalized_due_date(year)


def is_late(year: int, received: dt.datetime) -> bool:
    """Whether a report on ``year`` received at ``received`` came after its due day (in Bishkek)."""
    return bishkek_day(received) > report_due(year)


def is_past_due(year: int, now: dt.datetime) -> bool:
    """Whether the due day of the reports on ``year`` is over at ``now``: a court without one is missing."""
    return bishkek_day(now) > report_due(year)


def is_reporting_year(year: int) -> bool:
    """Whether the plan asks reports for ``year``: the one test behind every check, refusal and 404."""
    return year in YEARS


def check_year(year: int) -> None:
    """Refuse a year the plan asks no report for (a typo such as 2205), naming the years it does."""
    if not is_reporting_year(year):
        from service.errors import InputError, Problem

        raise InputError(
            Problem(
                "year",
                "reports_year_range",
                f"{year} is not a reporting year of the plan ({FIRST_YEAR}-{LAST_YEAR})",
                {"year": year, "first": FIRST_YEAR, "last": LAST_YEAR},
            )
        )
