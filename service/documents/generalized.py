"""The Supreme Court's generalized report: computed from the year's progress reports, never typed by hand.

``aggregate`` is pure: the reports, the plan and the registry in, the summary out. Per measure it counts the
organizations that reported each status (and those that said nothing on it), sums the indicators (a
percentage is averaged, not summed), and collects every problem reported, with its organization's name.
Organizations of the registry that sent no report are listed, in Kyrgyz alphabetical order.

Made from the register (``service.reporting``), the input also says which reports came late, may carry last
year's reports (the counts of both years side by side) and may name a ``region``: an oblast or city court's
summary of itself and the courts it controls, addressed to the Supreme Court (``summaries``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pydantic import Field, ValidationInfo, model_validator

from service import deadlines, kyrgyz
from service.charts import status_chart
from service.deadlines import Status
from service.documents import summaries
from service.documents.action_plan import Plan
from service.documents.common import OptionalLine, Strict
from service.documents.organizations import Organization
from service.documents.progress_report import DEFAULT_ADDRESSEE as SUPREME_COURT
from service.documents.progress_report import Executor, ProgressReport, Signature, number, signature_context
from service.documents.reference import Reference, reference_from
from service.images import ImageValue

DEFAULT_ADDRESSEE = "Кыргыз Республикасынын коррупциянын алдын алуу боюнча ыйгарым укуктуу мамлекеттик органына"
MAX_REPORTS = 1000


class GeneralizedInput(Strict):
    """The year's reports, and optionally the Supreme Court's signatory; a bare list of reports is accepted."""

    reports: list[ProgressReport] = Field(min_length=1, max_length=MAX_REPORTS)
    addressee: OptionalLine | None = None
    signature: Signature | None = None
    executor: Executor | None = None
    region: OptionalLine | None = Field(
        None,
        description="An oblast court's or the Bishkek city court's id: its summary of itself and the courts it "
        "controls, addressed to the Supreme Court.",
    )
    late: list[summaries.LateReport] = Field(default_factory=list, max_length=MAX_REPORTS)
    previous: list[ProgressReport] = Field(
        default_factory=list, max_length=MAX_REPORTS, description="Last year's reports: both years side by side."
    )

    @model_validator(mode="before")
    @classmethod
    def _bare_list(cls, value: Any) -> Any:
        return {"reports": value} if isinstance(value, list) else value

    @model_validator(mode="after")
    def _one_year_each_organization_once(self) -> GeneralizedInput:
        years = sorted({report.year for report in self.reports})
        if len(years) > 1:
            raise ValueError(f"the reports are of several years ({', '.join(map(str, years))}); give one year")
        seen = Counter(report.organization.id for report in self.reports)
        twice = sorted(key for key, count in seen.items() if count > 1)
        if twice:
            raise ValueError(f"organizations that reported twice: {', '.join(twice)}")
        wrong = sorted({report.year for report in self.previous} - {self.year - 1})
        if wrong:
            raise ValueError(f"previous: reports of {', '.join(map(str, wrong))}; give those of {self.year - 1}")
        again = sorted(key for key, count in Counter(r.organization.id for r in self.previous).items() if count > 1)
        if again:
            raise ValueError(f"previous: organizations that reported twice: {', '.join(again)}")
        unknown = sorted({item.organization for item in self.late} - set(seen))
        if unknown:
            raise ValueError(f"late: organizations without a report here: {', '.join(unknown)}")
        return self

    @model_validator(mode="after")
    def _within_the_region(self, info: ValidationInfo) -> GeneralizedInput:
        reference = reference_from(info)
        if self.region is None or reference is None:
            return self
        members = summaries.region_members(reference.organizations, self.region)
        outside = summaries.outsiders([report.organization.id for report in self.reports], members)
        if outside:
            raise ValueError(f"reports of organizations outside the region {self.region!r}: {', '.join(outside)}")
        return self

    @property
    def year(self) -> int:
        return self.reports[0].year


@dataclass(frozen=True)
class IndicatorTotal:
    name: str
    unit: str
    total: float
    target: float | None
    organizations: int
    averaged: bool  # a percentage: the mean over the organizations, not a sum


@dataclass(frozen=True)
class MeasureSummary:
    number: int
    measure: str
    deadline: str
    due: bool
    counts: dict[Status, int]
    not_reported: int
    overdue: int
    indicators: list[IndicatorTotal] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (organization name, its words)


@dataclass(frozen=True)
class GeneralizedReport:
    year: int
    measures: list[MeasureSummary]
    reporting: list[Organization]
    missing: list[Organization]


def _indicator_key(name: str, unit: str) -> tuple[str, str]:
    return " ".join(name.split()).casefold(), " ".join(unit.split()).casefold()


def aggregate(reports: list[ProgressReport], plan: Plan, organizations: dict[str, Organization]) -> GeneralizedReport:
    """Sum up one year's reports per measure of the plan."""
    year = reports[0].year
    by_org = {report.organization.id: report for report in reports}
    summaries = []
    for planned in plan.measures():
        deadline = deadlines.parse_deadline(planned.deadline, f"plan measure {planned.number} deadline")
        counts: Counter[Status] = Counter()
        overdue = 0
        totals: dict[tuple[str, str], list[Any]] = {}
        problems: list[tuple[str, str]] = []
        for report in sorted(reports, key=lambda r: kyrgyz.collation_key(r.organization.name)):
            item = next((m for m in report.measures if m.measure == planned.number), None)
            if item is None:
                continue
            counts[item.status] += 1
            overdue += deadlines.is_overdue(deadline, year, item.status)
            if item.problems:
                problems.append((report.organization.name, item.problems))
            for indicator in item.indicators:
                key = _indicator_key(indicator.name, indicator.unit)
                entry = totals.setdefault(key, [indicator.name, indicator.unit, [], []])
                entry[2].append(indicator.value)
                if indicator.target is not None:
                    entry[3].append(indicator.target)
        indicators = []
        for name, unit, values, targets in totals.values():
            averaged = unit.strip() == "%"
            combine = (lambda xs: sum(xs) / len(xs)) if averaged else sum
            indicators.append(
                IndicatorTotal(
                    name, unit, combine(values), combine(targets) if targets else None, len(values), averaged
                )
            )
        summaries.append(
            MeasureSummary(
                number=planned.number,
                measure=planned.measure,
                deadline=planned.deadline,
                due=deadlines.is_due(deadline, year),
                counts={status: counts[status] for status in Status},
                not_reported=len(reports) - sum(counts.values()),
                overdue=overdue,
                indicators=indicators,
                problems=problems,
            )
        )
    reporting = [organizations.get(key) or by_org[key].organization for key in by_org]
    missing = [organization for key, organization in organizations.items() if key not in by_org]
    return GeneralizedReport(
        year=year,
        measures=summaries,
        reporting=kyrgyz.sort_kyrgyz(reporting, key=lambda o: o.name),
        missing=kyrgyz.sort_kyrgyz(missing, key=lambda o: o.name),
    )


TOTALS = ("done", "in_progress", "not_done", "not_yet_due", "not_reported", "overdue")
"""The totals row's columns: every count a measure's row has (the template shows all six)."""


def context(body: GeneralizedInput, reference: Reference) -> dict[str, Any]:
    """What ``templates_docx/generalized_report.docx`` reads."""
    organizations: dict[str, Any] = dict(reference.organizations)
    if body.region:
        organizations = summaries.region_members(reference.organizations, body.region)
    report = aggregate(body.reports, reference.plan, organizations)
    comparison = None
    if body.previous:
        before = aggregate(body.previous, reference.plan, organizations)
        comparison = {"previous_year": before.year, "rows": summaries.compare(report, before)}
    rows = []
    for summary in report.measures:
        rows.append(
            {
                "number": summary.number,
                "measure": summary.measure,
                "deadline": summary.deadline,
                "due": summary.due,
                "done": summary.counts[Status.DONE],
                "in_progress": summary.counts[Status.IN_PROGRESS],
                "not_done": summary.counts[Status.NOT_DONE],
                "not_yet_due": summary.counts[Status.NOT_YET_DUE],
                "not_reported": summary.not_reported,
                "overdue": summary.overdue,
                "indicators": [
                    {
                        "name": total.name,
                        "unit": total.unit,
                        "total": number(round(total.total, 2)),
                        "target": number(round(total.target, 2)) if total.target is not None else "",
                        "organizations": total.organizations,
                        "averaged": total.averaged,
                    }
                    for total in summary.indicators
                ],
                "problems": [{"organization": name, "text": text} for name, text in summary.problems],
            }
        )
    totals = {key: sum(row[key] for row in rows) for key in TOTALS}
    # A region's summary is due with the courts' reports (15 January), the generalized report on 1 February.
    due = deadlines.report_due_date(report.year) if body.region else deadlines.generalized_due_date(report.year)
    return {
        "year": report.year,
        "region": organizations[body.region].name if body.region else None,
        "addressee": body.addressee or (SUPREME_COURT if body.region else DEFAULT_ADDRESSEE),
        "due_date": kyrgyz.date_ablative(due),
        "due_date_plain": kyrgyz.date_plain(due),
        "report_due_date": kyrgyz.date_ablative(deadlines.report_due_date(report.year)),
        "late": summaries.late_context(body.late, organizations),
        "comparison": comparison,
        "plan_title": reference.plan.title,
        "measures": rows,
        "totals": totals,
        "chart": ImageValue(status_chart(report.year, report.measures), width_mm=160, height_mm=95),
        "reporting": [o.name for o in report.reporting],
        "reporting_count": len(report.reporting),
        "expected_count": len(organizations),
        "missing": [o.name for o in report.missing],
        "signature": signature_context(body.signature) if body.signature else None,
        "executor": body.executor.model_dump() if body.executor else None,
    }
