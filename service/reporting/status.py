"""The status of a reporting year: for every organization of the registry, where its report stands.

Pure: the registry, the year's submissions (every version), the current reports' models, the plan and the
present moment in; a ``YearStatus`` out. The API, the page, the CSV/XLSX download and ``kagaz reports
status`` all show this one value, so they cannot disagree.

An organization's ``state`` is decided by its *first* submission: a court that reported on time and later
sent a correction after 15 January has reported on time (the correction itself is marked late, with its
date, in the history). With no submission, it is ``not_yet_due`` until the end of 15 January in Bishkek and
``missing`` after.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from service import deadlines
from service.documents.action_plan import Plan
from service.documents.organizations import RegisteredOrganization
from service.documents.progress_report import ProgressReport
from service.reporting import schedule, tree


class State(enum.StrEnum):
    """Where an organization's report for the year stands."""

    SUBMITTED = "submitted"
    SUBMITTED_LATE = "submitted_late"
    NOT_YET_DUE = "not_yet_due"
    MISSING = "missing"


@dataclass(frozen=True)
class Submission:
    """One stored version of an organization's report: who sent it, when Kagaz received it, what it was."""

    organization: str
    year: int
    version: int
    received_at: dt.datetime  # aware; shown in Bishkek time
    key_id: int | None
    key_name: str
    sha256: str
    note: str
    late: bool
    id: int | None = None  # the register's row id: what an issued copy of this version is recorded against


@dataclass(frozen=True)
class OrganizationStatus:
    """One row of the status table."""

    organization: RegisteredOrganization
    state: State
    versions: int
    first: Submission | None
    last: Submission | None
    overdue_measures: tuple[int, ...]  # measures of the current report that should be done and are not


@dataclass(frozen=True)
class YearStatus:
    """The whole year: the rows in the registry's (Kyrgyz) order, the totals, the due dates, the moment."""

    year: int
    as_of: dt.datetime
    due: dt.date
    generalized_due: dt.date
    rows: tuple[OrganizationStatus, ...]

    @property
    def totals(self) -> dict[str, int]:
        counts = Counter(row.state for row in self.rows)
        return {"organizations": len(self.rows)} | {state.value: counts[state] for state in State}

    def row(self, organization: str) -> OrganizationStatus:
        return next(row for row in self.rows if row.organization.id == organization)

    def restricted(self, organizations: set[str] | None) -> YearStatus:
        """The same status with only ``organizations`` (None: all): what a court's key may see."""
        if organizations is None:
            return self
        rows = tuple(row for row in self.rows if row.organization.id in organizations)
        return YearStatus(self.year, self.as_of, self.due, self.generalized_due, rows)

    def groups(self) -> list[tuple[RegisteredOrganization, list[OrganizationStatus]]]:
        """The rows grouped by controlling court: each court that names no parent, then those it controls.

        A court whose controller is not among the rows (a key that sees only part of the tree) heads its
        own group."""
        present = {row.organization.id: row for row in self.rows}
        parents = {key: row.organization.parent for key, row in present.items()}
        parents = {key: (parent if parent in present else None) for key, parent in parents.items()}
        result = []
        for key, parent in parents.items():
            if parent is None:
                members = tree.group(parents, key)
                result.append((present[key].organization, [present[member] for member in members]))
        return result


def overdue_measures(report: ProgressReport, plan: Plan) -> tuple[int, ...]:
    """The measures the report says are not done although their deadline has come in the report's year."""
    planned = {measure.number: measure for measure in plan.measures()}
    found = []
    for item in sorted(report.measures, key=lambda m: m.measure):
        measure = planned.get(item.measure)
        if measure is None:
            continue
        deadline = deadlines.parse_deadline(measure.deadline, f"plan measure {measure.number} deadline")
        if deadlines.is_overdue(deadline, report.year, item.status):
            found.append(item.measure)
    return tuple(found)


def year_status(
    year: int,
    organizations: Mapping[str, RegisteredOrganization],
    submissions: Sequence[Submission],
    current: Mapping[str, ProgressReport],
    plan: Plan,
    now: dt.datetime,
) -> YearStatus:
    """Every organization's state for ``year`` at ``now``; see the module docstring for the rules."""
    by_organization: dict[str, list[Submission]] = {}
    for submission in sorted(submissions, key=lambda s: (s.organization, s.version)):
        if submission.year == year:
            by_organization.setdefault(submission.organization, []).append(submission)
    past_due = schedule.is_past_due(year, now)
    rows = []
    for key, organization in organizations.items():
        versions = by_organization.get(key, [])
        if versions:
            state = State.SUBMITTED_LATE if versions[0].late else State.SUBMITTED
        else:
            state = State.MISSING if past_due else State.NOT_YET_DUE
        report = current.get(key)
        rows.append(
            OrganizationStatus(
                organization=organization,
                state=state,
                versions=len(versions),
                first=versions[0] if versions else None,
                last=versions[-1] if versions else None,
                overdue_measures=overdue_measures(report, plan) if report is not None else (),
            )
        )
    return YearStatus(year, now, schedule.report_due(year), schedule.generalized_due(year), tuple(rows))


# The JSON the API answers and `kagaz reports status --json` prints: one shape, written once.
def submission_json(submission: Submission) -> dict[str, Any]:
    return {
        "version": submission.version,
        "received_at": submission.received_at.isoformat(),
        "late": submission.late,
        "key_id": submission.key_id,
        "key_name": submission.key_name,
        "sha256": submission.sha256,
        "note": submission.note,
    }


def status_json(status: YearStatus) -> dict[str, Any]:
    return {
        "year": status.year,
        "as_of": status.as_of.isoformat(),
        "due": status.due.isoformat(),
        "generalized_due": status.generalized_due.isoformat(),
        "totals": status.totals,
        "organizations": [
            {
                "id": row.organization.id,
                "name": row.organization.name,
                "kind": row.organization.kind.value,
                "parent": row.organization.parent,
                "state": row.state.value,
                "versions": row.versions,
                "first_received_at": row.first.received_at.isoformat() if row.first else None,
                "last": submission_json(row.last) if row.last else None,
                "overdue_measures": list(row.overdue_measures),
            }
            for row in status.rows
        ],
    }
