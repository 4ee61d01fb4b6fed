"""A court's (or regional department's) yearly report on the action plan, due 15 January of the next year.

The model checks what can be checked against reference data passed as validation context
(``Reference``): the organization must be in the registry, and each measure number must exist in the plan.
``context`` adds what the template shows but nobody types: deadlines, due/overdue marks, summary counts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from pydantic import Field, ValidationInfo, field_validator, model_validator

from service import deadlines, kyrgyz
from service.deadlines import Status
from service.documents.common import LAST_YEAR, MAX_ITEMS, Line, OptionalLine, Strict, Text, refused
from service.documents.organizations import Organization
from service.documents.reference import Reference, reference_from
from service.errors import InputError
from service.images import ImageData, ImageValue, knock_out_paper


class Indicator(Strict):
    """A quantitative indicator of a measure: trainings held, employees trained, share in %, …"""

    name: Line
    unit: Line = Field(description="«саны», «адам», «%», …")
    value: float = Field(ge=0, allow_inf_nan=False)
    target: float | None = Field(None, ge=0, allow_inf_nan=False)


class MeasureReport(Strict):
    """What the organization did on one measure of the plan in the reporting year."""

    measure: int = Field(ge=1, description="The measure's number in the plan.")
    status: Status
    done: Text | None = Field(None, description="What was done: free text, several paragraphs.")
    indicators: list[Indicator] = Field(default_factory=list, max_length=MAX_ITEMS)
    problems: Text | None = Field(None, description="Problems met and their reasons.")
    next_steps: Text | None = Field(None, description="Planned next steps.")

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return deadlines.parse_status(value)
        except InputError as error:  # pydantic reports only its own errors at the field's path
            raise _as_pydantic(error) from None

    @model_validator(mode="after")
    def _done_text(self) -> MeasureReport:
        if self.status in (Status.DONE, Status.IN_PROGRESS) and not self.done:
            raise refused(
                "report_done_missing",
                "a measure reported «{status}» needs the text of what was done",
                status=self.status.value,
            )
        return self


class Signature(Strict):
    """The signature block: position, name (printed as initials + surname), date, optional images."""

    position: Text = Field(description="The signatory's position, may span two lines.")
    full_name: Line = Field(description="«Фамилия Аты Атасынын аты», surname first.")
    date: dt.date
    signature_image: ImageData | None = Field(None, description="PNG or JPEG, base64 or a data: URL.")
    seal_image: ImageData | None = Field(None, description="PNG or JPEG, base64 or a data: URL.")

    @field_validator("full_name")
    @classmethod
    def _name(cls, value: str) -> str:
        try:
            kyrgyz.initials_surname(value)
        except InputError as error:  # pydantic reports only its own errors at the field's path
            raise _as_pydantic(error) from None
        return value


class Executor(Strict):
    """Who prepared the report, printed small at the bottom of the last page."""

    name: Line
    phone: Line


class ProgressReport(Strict):
    """One organization's report for one year."""

    year: int = Field(ge=2025, le=LAST_YEAR)  # from the plan's first year (reporting.schedule sits above)
    organization: Organization
    addressee: OptionalLine | None = Field(None, description="Whom the report is sent to; default: the Supreme Court.")
    measures: list[MeasureReport] = Field(min_length=1, max_length=MAX_ITEMS)
    signature: Signature
    executor: Executor

    @model_validator(mode="after")
    def _against_reference(self, info: ValidationInfo) -> ProgressReport:
        reference = reference_from(info)
        numbers = Counter(item.measure for item in self.measures)
        twice = sorted(number for number, count in numbers.items() if count > 1)
        if twice:
            second = [index for index, item in enumerate(self.measures) if item.measure == twice[0]][1]
            raise refused(
                "report_measures_twice",
                "measures reported twice: {numbers}",
                numbers=_listed(twice),
                at=f"measures[{second}].measure",
            )
        if reference is None:
            return self
        known = reference.organizations.get(self.organization.id)
        if known is None:
            raise refused(
                "report_organization_unknown",
                "the organization «{name}» ({id}) is not in the registry of reporting organizations",
                id=self.organization.id,
                name=self.organization.name,
                at="organization",
            )
        if known.name != self.organization.name or known.kind != self.organization.kind:
            raise refused(
                "report_organization_mismatch",
                "the organization {id} is «{known}» in the registry, not «{name}»",
                id=self.organization.id,
                known=known.name,
                name=self.organization.name,
                at="organization",
            )
        plan_numbers = {measure.number for measure in reference.plan.measures()}
        unknown = sorted(set(numbers) - plan_numbers)
        if unknown:
            raise refused(
                "report_measures_not_in_plan",
                "measure numbers not in the plan: {numbers} (the plan has {first}–{last})",
                numbers=_listed(unknown),
                first=min(plan_numbers),
                last=max(plan_numbers),
                at=f"measures[{next(i for i, item in enumerate(self.measures) if item.measure in unknown)}].measure",
            )
        contradictions, first = [], None
        for index, item in enumerate(self.measures):
            if item.status is not Status.NOT_YET_DUE:
                continue
            planned = next(m for m in reference.plan.measures() if m.number == item.measure)
            deadline = deadlines.parse_deadline(planned.deadline, f"measures[{index}]")
            if deadlines.is_overdue(deadline, self.year, Status.NOT_DONE):
                contradictions.append(f"{item.measure} («{planned.deadline}»)")
                first = index if first is None else first
        if contradictions:
            raise refused(
                "report_not_yet_due",
                "«{status}» for measures whose deadline has come in {year}: {measures}",
                status=Status.NOT_YET_DUE.value,
                year=self.year,
                measures=", ".join(contradictions),
                at=f"measures[{first}].status",
            )
        return self

    @model_validator(mode="after")
    def _signed_after_the_year_began(self) -> ProgressReport:
        if not self.year <= self.signature.date.year <= self.year + 1:
            raise refused(
                "report_signature_date",
                "the signature's date {date} is not in {year} or {next_year}",
                date=self.signature.date.strftime("%d.%m.%Y"),
                year=self.year,
                next_year=self.year + 1,
                at="signature.date",
            )
        return self


def _as_pydantic(error: InputError) -> Exception:
    """A domain parser's first problem as pydantic's error at the field, keeping its code and parameters."""
    first = error.problems[0]
    return refused(first.code, first.message, **first.params)


def _listed(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers))


DEFAULT_ADDRESSEE = "Кыргыз Республикасынын Жогорку сотуна"


def _ink(content: bytes | None, width_mm: float, height_mm: float) -> ImageValue | None:
    """A signature or seal image ready to lie over the signature line: its paper made transparent."""
    return None if content is None else ImageValue(knock_out_paper(content), width_mm, height_mm)


def signature_context(signature: Signature) -> dict[str, Any]:
    return {
        "position": signature.position,
        "name": kyrgyz.initials_surname(signature.full_name),
        "date": kyrgyz.date_plain(signature.date),
        "signature_image": _ink(signature.signature_image, width_mm=35, height_mm=18),
        "seal_image": _ink(signature.seal_image, width_mm=38, height_mm=38),
    }


def context(report: ProgressReport, reference: Reference) -> dict[str, Any]:
    """What ``templates_docx/progress_report.docx`` reads."""
    plan_measures = {measure.number: measure for measure in reference.plan.measures()}
    rows = []
    for item in sorted(report.measures, key=lambda m: m.measure):
        planned = plan_measures[item.measure]
        deadline = deadlines.parse_deadline(planned.deadline, f"plan measure {planned.number} deadline")
        rows.append(
            {
                "number": item.measure,
                "task": planned.task,
                "measure": planned.measure,
                "deadline": planned.deadline,
                "responsible": planned.responsible,
                "status": item.status.value,
                "status_key": item.status.name.lower(),
                "done": item.done or "",
                "indicators": [
                    indicator.model_dump()
                    | {"value_text": number(indicator.value), "target_text": number(indicator.target)}
                    for indicator in item.indicators
                ],
                "problems": item.problems or "",
                "next_steps": item.next_steps or "",
                "due": deadlines.is_due(deadline, report.year),
                "overdue": deadlines.is_overdue(deadline, report.year, item.status),
            }
        )
    counts = Counter(item.status for item in report.measures)
    return {
        "year": report.year,
        "organization": report.organization.model_dump(mode="json"),
        "addressee": report.addressee or DEFAULT_ADDRESSEE,
        "due_date": kyrgyz.date_ablative(deadlines.report_due_date(report.year)),
        "due_date_plain": kyrgyz.date_plain(deadlines.report_due_date(report.year)),
        "plan_title": reference.plan.title,
        "measures": rows,
        "summary": {
            "total": len(rows),
            "done": counts[Status.DONE],
            "in_progress": counts[Status.IN_PROGRESS],
            "not_done": counts[Status.NOT_DONE],
            "not_yet_due": counts[Status.NOT_YET_DUE],
            "overdue": sum(1 for row in rows if row["overdue"]),
        },
        "signature": signature_context(report.signature),
        "executor": report.executor.model_dump(),
    }


def number(value: float | None) -> str:
    """12.0 → «12», 87.5 → «87,5» (the decimal comma of Kyrgyz official texts); None → «»."""
    if value is None:
        return ""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")
