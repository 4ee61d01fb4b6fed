"""Deadline texts → periods, and the due / overdue rules, as tables of cases."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date
from pathlib import Path

import pytest

from service.deadlines import (
    Deadline,
    DeadlineKind,
    Status,
    generalized_due_date,
    is_due,
    is_overdue,
    parse_deadline,
    parse_status,
    report_due_date,
)
from service.errors import InputError

REPOSITORY = Path(__file__).resolve().parents[1]
SHARED = REPOSITORY.parent / "shared"
SEED = SHARED / "seed" / "000_69f2d8c9f2073f39.txt"
CARBONE_PLAN = SHARED / "peers" / "carbone" / "plan.json"
SAMPLE_PLAN = REPOSITORY / "samples" / "action_plan.json"

CONTINUOUS, EACH_YEAR, BY_DATE, RANGE = (
    DeadlineKind.CONTINUOUS,
    DeadlineKind.EACH_YEAR,
    DeadlineKind.BY_DATE,
    DeadlineKind.RANGE,
)


def plan_deadlines() -> list[tuple[str, int, str]]:
    """(source, measure number, deadline text) of every measure in every copy of the plan we can find.

    The source document is read from its table rows (a measure's row starts with its number and a tab;
    the deadline is the fourth column), the JSON copies from their ``deadline`` fields.
    """
    found: list[tuple[str, int, str]] = []
    if SEED.exists():
        for line in SEED.read_text(encoding="utf-8").splitlines():
            if re.match(r"\d+\t", line):
                columns = line.split("\t")
                found.append(("seed", int(columns[0]), re.sub(r"</?p>", "", columns[3]).strip()))
    for name, path in (("carbone", CARBONE_PLAN), ("sample", SAMPLE_PLAN)):
        if path.exists():
            plan = json.loads(path.read_text(encoding="utf-8"))
            for section in plan["sections"]:
                found += [(name, measure["number"], measure["deadline"]) for measure in section["measures"]]
    return found


PLAN_DEADLINES = plan_deadlines()

# What each text of the plan means. A new text in the plan fails test_every_plan_deadline until it is added.
PLAN_PERIODS: dict[str, tuple[DeadlineKind, date | None, date | None, bool]] = {
    "Ар дайым": (CONTINUOUS, None, None, False),
    "2026-жылдын 1-жарым жылдыгында": (BY_DATE, date(2026, 1, 1), date(2026, 6, 30), False),
    "2025-2027-жылдар": (RANGE, date(2025, 1, 1), date(2027, 12, 31), False),
    "2025-жылдын III-кварталы": (BY_DATE, date(2025, 7, 1), date(2025, 9, 30), False),
    "2025-2026-жылдар": (RANGE, date(2025, 1, 1), date(2026, 12, 31), False),
    "2025-жыл": (BY_DATE, date(2025, 1, 1), date(2025, 12, 31), False),
    "2025-2027 жылдар": (RANGE, date(2025, 1, 1), date(2027, 12, 31), False),
    "2025-2027 жыл (жыл сайын)": (RANGE, date(2025, 1, 1), date(2027, 12, 31), True),
}


def period(deadline: Deadline) -> tuple[DeadlineKind, date | None, date | None, bool]:
    return (deadline.kind, deadline.start, deadline.end, deadline.each_year)


def test_the_plan_was_found() -> None:
    """Without this, a missing plan would turn the table below into zero cases that all 'pass'."""
    assert SAMPLE_PLAN.exists()
    by_source = {source for source, _number, _text in PLAN_DEADLINES}
    assert "sample" in by_source
    for source in by_source:
        assert [number for name, number, _ in PLAN_DEADLINES if name == source] == list(range(1, 12))


@pytest.mark.parametrize(
    ("source", "number", "text"),
    PLAN_DEADLINES,
    ids=[f"{source}-{number}" for source, number, _ in PLAN_DEADLINES],
)
def test_every_plan_deadline(source: str, number: int, text: str) -> None:
    assert text in PLAN_PERIODS, f"measure {number} ({source}): add «{text}» and its period to PLAN_PERIODS"
    deadline = parse_deadline(text)
    assert period(deadline) == PLAN_PERIODS[text]
    assert deadline.text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Туруктуу", (CONTINUOUS, None, None, False)),
        ("АР ДАЙЫМ", (CONTINUOUS, None, None, False)),
        ("ар  дайым.", (CONTINUOUS, None, None, False)),
        ("Үзгүлтүксүз", (CONTINUOUS, None, None, False)),
        ("Жыл сайын", (EACH_YEAR, None, None, True)),
        ("2026-жылдын II-жарым жылдыгында", (BY_DATE, date(2026, 7, 1), date(2026, 12, 31), False)),
        ("2026-жылдын 2-жарым жылдыгы", (BY_DATE, date(2026, 7, 1), date(2026, 12, 31), False)),
        ("2026-жылдын биринчи жарым жылдыгында", (BY_DATE, date(2026, 1, 1), date(2026, 6, 30), False)),
        ("2025-жылдын I-кварталы", (BY_DATE, date(2025, 1, 1), date(2025, 3, 31), False)),
        ("2025-жылдын 1-кварталы", (BY_DATE, date(2025, 1, 1), date(2025, 3, 31), False)),
        ("2024-жылдын II-кварталында", (BY_DATE, date(2024, 4, 1), date(2024, 6, 30), False)),
        ("2025-жылдын IV-кварталында", (BY_DATE, date(2025, 10, 1), date(2025, 12, 31), False)),
        ("2025-жылдын төртүнчү кварталы", (BY_DATE, date(2025, 10, 1), date(2025, 12, 31), False)),
        ("2025-ж. III-кварталы", (BY_DATE, date(2025, 7, 1), date(2025, 9, 30), False)),
        ("2025-жылдын \u0406\u0406\u0406-кварталы", (BY_DATE, date(2025, 7, 1), date(2025, 9, 30), False)),
        ("2025-жылдын 15-январына чейин", (BY_DATE, None, date(2025, 1, 15), False)),
        ("2025-жылдын 1-февралынан кечиктирбестен", (BY_DATE, None, date(2025, 2, 1), False)),
        ("2025-жылдын 30-апрелине чейин", (BY_DATE, None, date(2025, 4, 30), False)),
        ("2025-жылдын 8-августу", (BY_DATE, None, date(2025, 8, 8), False)),
        ("2025-жылдын 1-июлунда", (BY_DATE, None, date(2025, 7, 1), False)),
        ("2028-жылдын 29-февралы", (BY_DATE, None, date(2028, 2, 29), False)),
        ("2025-01-15", (BY_DATE, None, date(2025, 1, 15), False)),
        ("15.01.2025", (BY_DATE, None, date(2025, 1, 15), False)),
        ("2025-жылдын аягына чейин", (BY_DATE, None, date(2025, 12, 31), False)),
        ("2026-жылы", (BY_DATE, date(2026, 1, 1), date(2026, 12, 31), False)),
        ("2026 жыл", (BY_DATE, date(2026, 1, 1), date(2026, 12, 31), False)),
        ("2026-ж.", (BY_DATE, date(2026, 1, 1), date(2026, 12, 31), False)),
        ("2025 – 2027-жылдар", (RANGE, date(2025, 1, 1), date(2027, 12, 31), False)),
        ("2025—2027-жж.", (RANGE, date(2025, 1, 1), date(2027, 12, 31), False)),
        ("2025-2027-жылдары", (RANGE, date(2025, 1, 1), date(2027, 12, 31), False)),
        ("2025-2027-жылдар (жыл сайын)", (RANGE, date(2025, 1, 1), date(2027, 12, 31), True)),
        ("2025-2027-жылдар, жыл сайын", (RANGE, date(2025, 1, 1), date(2027, 12, 31), True)),
    ],
)
def test_other_forms_an_editor_types(text: str, expected: tuple[DeadlineKind, date, date, bool]) -> None:
    assert period(parse_deadline(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "кийин",
        "2025-жылдын V-кварталы",
        "2025-жылдын 0-кварталы",
        "2025-жылдын III-жарым жылдыгында",
        "2028-2025-жылдар",
        "2025-2025-жылдар",
        "2205-жыл",
        "2025-жыл (жыл сайын)",  # once, every year?
        "2025-жылдын 31-февралы",
        "2025-жылдын 15-январындагы",  # "dated": qualifies a noun, names no time
        "2025-жылдын 15-январына",  # "to 15 January" without «чейин»
        "2025-жылдын 15-январы чейин",
        "2025-жылдын 15-январынан",  # "from" without «кечиктирбестен»: a start, not a deadline
        "2025-жылдын 15-үчтүн айы",  # native month names are not used in official texts
        "2026-жылдын III-кварталына чейин",  # before the quarter or by its end? not guessed
        "2025-13-01",
        "32.01.2025",
        "Ар дайым жыл сайын",
        "2025",
    ],
)
def test_unrecognized_texts_are_refused_with_their_place(text: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_deadline(text, location="sections[1].measures[0].deadline")
    [problem] = raised.value.problems
    assert problem.code == "deadline_unrecognized"
    assert problem.location == "sections[1].measures[0].deadline"
    assert problem.params == {"text": text}
    assert f"«{text}»" in problem.message


def test_a_deadline_cannot_be_built_inconsistent() -> None:
    with pytest.raises(ValueError, match="end date"):
        Deadline(RANGE, date(2025, 1, 1), None, False, "x")
    with pytest.raises(ValueError, match="end date"):
        Deadline(CONTINUOUS, None, date(2025, 1, 1), False, "x")
    with pytest.raises(ValueError, match="after it ends"):
        Deadline(BY_DATE, date(2026, 1, 1), date(2025, 1, 1), False, "x")
    deadline = parse_deadline("2025-жыл")
    with pytest.raises(dataclasses.FrozenInstanceError):
        deadline.end = date(2030, 1, 1)  # type: ignore[misc]


# --------------------------------------------------------------------------------------- reporting


@pytest.mark.parametrize(
    ("text", "due_in"),
    [
        # continuous and each-year work is reported every year the caller asks about
        ("Ар дайым", {2024, 2025, 2026, 2027, 2028}),
        ("Жыл сайын", {2024, 2025, 2026, 2027, 2028}),
        ("2025-2027-жылдар", {2025, 2026, 2027}),
        ("2025-2026-жылдар", {2025, 2026}),
        ("2025-2027 жыл (жыл сайын)", {2025, 2026, 2027}),
        ("2025-жыл", {2025}),
        ("2025-жылдын III-кварталы", {2025}),
        ("2026-жылдын 1-жарым жылдыгында", {2026}),
        ("2027-жылдын 15-январына чейин", {2027}),
    ],
)
def test_is_due(text: str, due_in: set[int]) -> None:
    deadline = parse_deadline(text)
    assert {year for year in range(2024, 2029) if is_due(deadline, year)} == due_in


@pytest.mark.parametrize(
    ("text", "year", "status", "overdue"),
    [
        # a range is owed by its last year only
        ("2025-2027-жылдар", 2025, Status.IN_PROGRESS, False),
        ("2025-2027-жылдар", 2026, Status.NOT_DONE, False),
        ("2025-2027-жылдар", 2027, Status.IN_PROGRESS, True),
        ("2025-2027-жылдар", 2027, Status.DONE, False),
        ("2025-2027-жылдар", 2028, Status.NOT_DONE, True),
        ("2025-2026-жылдар", 2026, Status.NOT_YET_DUE, True),
        # a period within a year, from its year on
        ("2025-жылдын III-кварталы", 2025, Status.IN_PROGRESS, True),
        ("2025-жылдын III-кварталы", 2025, Status.DONE, False),
        ("2025-жылдын III-кварталы", 2026, Status.NOT_DONE, True),
        ("2026-жылдын 1-жарым жылдыгында", 2025, Status.NOT_YET_DUE, False),
        ("2026-жылдын 1-жарым жылдыгында", 2026, Status.NOT_DONE, True),
        ("2025-жыл", 2025, Status.NOT_DONE, True),
        ("2026-жылдын 15-январына чейин", 2025, Status.NOT_YET_DUE, False),
        ("2026-жылдын 15-январына чейин", 2026, "аткарылууда", True),
        # each year's share is owed by the end of that year
        ("2025-2027 жыл (жыл сайын)", 2024, Status.NOT_YET_DUE, False),
        ("2025-2027 жыл (жыл сайын)", 2025, Status.IN_PROGRESS, True),
        ("2025-2027 жыл (жыл сайын)", 2025, Status.DONE, False),
        ("Жыл сайын", 2026, Status.NOT_DONE, True),
        ("Жыл сайын", 2026, "done", False),
        # continuous work never ends, so it is never late
        ("Ар дайым", 2025, Status.IN_PROGRESS, False),
        ("Ар дайым", 2027, Status.NOT_DONE, False),
        ("Туруктуу", 2027, "аткарылган эмес", False),
    ],
)
def test_is_overdue(text: str, year: int, status: Status | str, overdue: bool) -> None:
    assert is_overdue(parse_deadline(text), year, status) is overdue


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("аткарылды", Status.DONE),
        ("аткарылууда", Status.IN_PROGRESS),
        ("аткарылган эмес", Status.NOT_DONE),
        ("мөөнөтү келе элек", Status.NOT_YET_DUE),
        ("  Аткарылган   эмес ", Status.NOT_DONE),
        ("in_progress", Status.IN_PROGRESS),
        ("NOT_YET_DUE", Status.NOT_YET_DUE),
        (Status.DONE, Status.DONE),
    ],
)
def test_parse_status(value: str, status: Status) -> None:
    assert parse_status(value) is status


def test_status_values_are_the_kyrgyz_texts() -> None:
    assert [(status.name, str(status)) for status in Status] == [
        ("DONE", "аткарылды"),
        ("IN_PROGRESS", "аткарылууда"),
        ("NOT_DONE", "аткарылган эмес"),
        ("NOT_YET_DUE", "мөөнөтү келе элек"),
    ]


@pytest.mark.parametrize("value", ["", "бүттү", "аткарылган"])
def test_unknown_status_is_refused(value: str) -> None:
    with pytest.raises(InputError) as raised:
        is_overdue(parse_deadline("2025-жыл"), 2025, value)
    [problem] = raised.value.problems
    assert (problem.location, problem.code, problem.params) == ("status", "status_unrecognized", {"text": value})


@pytest.mark.parametrize(
    ("year", "report", "generalized"),
    [
        (2025, date(2026, 1, 15), date(2026, 2, 1)),
        (2026, date(2027, 1, 15), date(2027, 2, 1)),
        (2027, date(2028, 1, 15), date(2028, 2, 1)),
    ],
)
def test_reporting_calendar(year: int, report: date, generalized: date) -> None:
    assert report_due_date(year) == report
    assert generalized_due_date(year) == generalized
