"""What the generalized report adds when it is made from the register: a region, late reports, last year.

Pure helpers of ``generalized``:

- a **region** (an oblast court or the Bishkek city court) restricts the report to itself and the courts it
  controls: its summary for the Supreme Court, the generalized report's shape with its own title;
- **late** reports (received after 15 January) are listed with the day they came;
- **last year's** reports, when given, put each measure's counts of both years side by side, so that
  progress is visible (2026 against 2025).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import Field

from service import kyrgyz
from service.deadlines import Status
from service.documents.common import Line, Strict
from service.documents.organizations import CONTROLLING_KINDS, RegisteredOrganization
from service.reporting import tree

COMPARED = ("done", "in_progress", "not_done", "overdue")


class LateReport(Strict):
    """A report that reached the Supreme Court after its due day, and the day it came (Bishkek time)."""

    organization: Line = Field(description="The organization's id in the registry.")
    received: dt.date


def region_members(organizations: Mapping[str, RegisteredOrganization], region: str) -> dict[str, Any]:
    """The registry restricted to ``region`` and the courts it controls, in the registry's order.

    Raises ``ValueError`` (a validation message) when ``region`` is not a court that controls others."""
    found = organizations.get(region)
    if found is None:
        raise ValueError(f"region {region!r} is not an organization of the registry")
    if found.kind not in CONTROLLING_KINDS:
        raise ValueError(
            f"region {region!r} is a {found.kind}; a regional summary is made by an oblast court or the "
            "Bishkek city court"
        )
    members = set(tree.group({key: item.parent for key, item in organizations.items()}, region))
    return {key: item for key, item in organizations.items() if key in members}


def outsiders(report_organizations: Sequence[str], members: Mapping[str, Any]) -> list[str]:
    """The reports' organizations that are not in the region, in the order given."""
    return [key for key in report_organizations if key not in members]


def late_context(late: Sequence[LateReport], organizations: Mapping[str, RegisteredOrganization]) -> list[dict]:
    """The late reports as the template lists them: name and day, in Kyrgyz alphabetical order."""
    items = [
        {"name": organizations[item.organization].name, "date": kyrgyz.date_plain(item.received)}
        for item in late
        if item.organization in organizations
    ]
    return kyrgyz.sort_kyrgyz(items, key=lambda item: item["name"])


@dataclass(frozen=True)
class MeasureCounts:
    """One measure's counts of organizations in one year: the statuses compared, and the overdue ones."""

    done: int
    in_progress: int
    not_done: int
    overdue: int


def measure_counts(summary: Any) -> MeasureCounts:
    """The counts of a ``generalized.MeasureSummary`` that the comparison shows."""
    return MeasureCounts(
        done=summary.counts[Status.DONE],
        in_progress=summary.counts[Status.IN_PROGRESS],
        not_done=summary.counts[Status.NOT_DONE],
        overdue=summary.overdue,
    )


def compare(now: Any, before: Any) -> list[dict[str, Any]]:
    """Each measure of this year's summary against the same measure last year (0s where it was absent).

    ``now`` and ``before`` are ``generalized.GeneralizedReport`` values over the same plan."""
    previous = {summary.number: measure_counts(summary) for summary in before.measures}
    empty = MeasureCounts(0, 0, 0, 0)
    return [
        {
            "number": summary.number,
            "measure": summary.measure,
            "now": measure_counts(summary).__dict__,
            "before": previous.get(summary.number, empty).__dict__,
        }
        for summary in now.measures
    ]
