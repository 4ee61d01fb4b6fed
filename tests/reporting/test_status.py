"""A year's status is a pure function of the registry, the submissions, the plan and the moment: tables."""

from __future__ import annotations

import datetime as dt

import pytest

from service.documents.progress_report import ProgressReport
from service.documents.reference import Reference
from service.errors import InputError
from service.reporting import schedule
from service.reporting.status import State, Submission, overdue_measures, year_status

BISHKEK = schedule.BISHKEK


def at(text: str) -> dt.datetime:
    """A moment in Bishkek time, ``2026-01-15 23:59``."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=BISHKEK)


@pytest.mark.parametrize(
    ("received", "late"),
    [
        (at("2025-12-30 10:00"), False),
        (at("2026-01-15 00:00"), False),
        (at("2026-01-15 23:59:59"), False),  # the whole 15th counts, in Bishkek
        (at("2026-01-16 00:00"), True),
        (dt.datetime(2026, 1, 15, 18, 30, tzinfo=dt.UTC), True),  # 00:30 on the 16th in Bishkek (UTC+6)
        (dt.datetime(2026, 1, 15, 17, 59, tzinfo=dt.UTC), False),
        (at("2026-03-01 09:00"), True),
    ],
)
def test_a_report_is_late_after_15_january_in_bishkek(received: dt.datetime, late: bool) -> None:
    assert schedule.is_late(2025, received) is late


@pytest.mark.parametrize(
    ("now", "year"),
    [
        (dt.datetime(2026, 1, 10, 12, tzinfo=dt.UTC), 2025),
        (dt.datetime(2026, 12, 31, 19, 30, tzinfo=dt.UTC), 2026),  # already 1 January 2027 in Bishkek
        (dt.datetime(2025, 12, 31, 17, 30, tzinfo=dt.UTC), 2025),  # before the plan's first year: its first
        (dt.datetime(2031, 3, 1, tzinfo=dt.UTC), 2027),  # after it: its last
        (dt.datetime(2027, 6, 1, tzinfo=dt.UTC), 2026),
    ],
)
def test_the_year_being_gathered_is_last_year_in_bishkek_within_the_plan(now: dt.datetime, year: int) -> None:
    assert schedule.gathering_year(now) == year


@pytest.mark.parametrize(("year", "asked"), [(2024, False), (2025, True), (2026, True), (2027, True), (2028, False)])
def test_the_plan_asks_reports_for_2025_to_2027_and_check_year_refuses_the_rest(year: int, asked: bool) -> None:
    assert list(schedule.YEARS) == [2025, 2026, 2027]
    assert schedule.is_reporting_year(year) is asked
    if asked:
        schedule.check_year(year)
    else:
        with pytest.raises(InputError, match=f"{year} is not a reporting year of the plan \\(2025-2027\\)"):
            schedule.check_year(year)


def test_the_due_dates_are_measure_11s() -> None:
    assert schedule.report_due(2025) == dt.date(2026, 1, 15)
    assert schedule.generalized_due(2025) == dt.date(2026, 2, 1)
    with pytest.raises(ValueError, match="time zone"):
        schedule.bishkek_day(dt.datetime(2026, 1, 15))
    assert schedule.fixed_clock(dt.datetime(2026, 1, 10, 12))() == at("2026-01-10 12:00")


def submission(organization: str, version: int, received: dt.datetime, year: int = 2025) -> Submission:
    return Submission(
        organization, year, version, received, 7, "court-key", f"{version:064x}", "", schedule.is_late(year, received)
    )


@pytest.mark.parametrize(
    ("versions", "now", "state"),
    [
        ([], at("2026-01-10 09:00"), State.NOT_YET_DUE),
        ([], at("2026-01-15 23:00"), State.NOT_YET_DUE),
        ([], at("2026-01-16 00:01"), State.MISSING),
        ([at("2026-01-14 09:00")], at("2026-01-14 10:00"), State.SUBMITTED),
        ([at("2026-01-14 09:00")], at("2026-06-01 10:00"), State.SUBMITTED),
        ([at("2026-01-20 09:00")], at("2026-01-20 10:00"), State.SUBMITTED_LATE),
        # a correction after the due date does not make an on-time report late
        ([at("2026-01-14 09:00"), at("2026-01-25 09:00")], at("2026-02-01 10:00"), State.SUBMITTED),
    ],
)
def test_the_state_of_an_organization(
    reference: Reference, versions: list[dt.datetime], now: dt.datetime, state: State
) -> None:
    history = [submission("nookat-district-court", n, when) for n, when in enumerate(versions, 1)]
    status = year_status(2025, reference.organizations, history, {}, reference.plan, now)
    row = status.row("nookat-district-court")
    assert row.state is state
    assert row.versions == len(versions)
    assert (row.last.version if row.last else None) == (len(versions) or None)


def test_the_sample_year_has_karakol_missing_and_the_totals_add_up(
    reference: Reference, sample_reports: dict[str, ProgressReport]
) -> None:
    late = {"naryn-oblast-court", "jd-naryn-department"}
    history = [
        submission(key, 1, at("2026-01-20 11:00") if key in late else at("2026-01-12 11:00")) for key in sample_reports
    ]
    history.append(submission("osh-oblast-court", 2, at("2026-01-13 11:00")))
    history.append(submission("osh-oblast-court", 1, at("2025-01-13 11:00"), year=2024))  # another year: ignored
    status = year_status(2025, reference.organizations, history, sample_reports, reference.plan, at("2026-01-21 09:00"))
    states = {row.organization.id: row.state for row in status.rows}
    assert [key for key, state in states.items() if state is State.MISSING] == ["karakol-city-court"]
    assert {key for key, state in states.items() if state is State.SUBMITTED_LATE} == late
    assert status.totals == {
        "organizations": 20,
        "submitted": 17,
        "submitted_late": 2,
        "not_yet_due": 0,
        "missing": 1,
    }
    assert status.row("osh-oblast-court").versions == 2
    assert status.due == dt.date(2026, 1, 15) and status.generalized_due == dt.date(2026, 2, 1)
    before = year_status(2025, reference.organizations, [], {}, reference.plan, at("2026-01-15 12:00"))
    assert before.totals["not_yet_due"] == 20


def test_measures_overdue_are_those_the_report_leaves_undone_past_their_deadline(
    reference: Reference, sample_reports: dict[str, ProgressReport]
) -> None:
    found = {key: overdue_measures(report, reference.plan) for key, report in sample_reports.items()}
    assert any(found.values()), "the samples include overdue measures"
    for key, numbers in found.items():
        report = sample_reports[key]
        statuses = {item.measure: item.status.value for item in report.measures}
        assert all(statuses[number] != "аткарылды" for number in numbers), key


def test_groups_follow_the_controlling_courts_and_a_court_key_sees_its_group(reference: Reference) -> None:
    status = year_status(2025, reference.organizations, [], {}, reference.plan, at("2026-01-01 00:00"))
    groups = {head.id: [row.organization.id for row in rows] for head, rows in status.groups()}
    assert groups["osh-oblast-court"][0] == "osh-oblast-court"
    assert set(groups["osh-oblast-court"]) == {
        "osh-oblast-court",
        "osh-city-court",
        "uzgen-district-court",
        "nookat-district-court",
    }
    assert groups["jd-osh-department"] == ["jd-osh-department"]
    assert sum(len(rows) for rows in groups.values()) == 20
    seen = status.restricted({"nookat-district-court", "uzgen-district-court"})
    assert [head.id for head, _ in seen.groups()] == [
        row.organization.id for row in seen.rows
    ]  # without their controller each heads its own group
