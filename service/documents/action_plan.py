"""The action plan: the order appendix of the 2025-2027 anti-corruption plan of the Judicial Department.

The model is the API's contract (its JSON Schema is served at ``/api/v1/templates/action-plan/schema``) and
the spreadsheet import's target; ``context`` turns a validated plan into what the DOCX template reads.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field, model_validator

from service.documents.common import FIRST_YEAR, LAST_YEAR, MAX_ITEMS, Line, OptionalLine, Strict, Text, refused

DEFAULT_ISSUER = ("Кыргыз Республикасынын", "Жогорку сотуна караштуу", "Сот департаментинин", "директорунун")


class ApprovingOrder(Strict):
    """The order that approves the plan; date and number may be blank until the order is signed."""

    issuer_position: list[Line] = Field(
        default_factory=lambda: list(DEFAULT_ISSUER),
        min_length=1,
        max_length=6,
        description="The issuer's position in the genitive, one line of the appendix block per item.",
    )
    acting: bool = Field(False, description="The issuer signs as acting (м.а.: милдетин аткаруучу).")
    year: int = Field(ge=FIRST_YEAR, le=LAST_YEAR, description="The order's year; printed even when the date is blank.")
    date: dt.date | None = Field(None, description="The order's date; blank prints « » as in the original.")
    number: OptionalLine | None = Field(None, description="The order's number; blank prints _____.")

    @model_validator(mode="after")
    def _date_in_year(self) -> ApprovingOrder:
        if self.date is not None and self.date.year != self.year:
            raise refused(
                "plan_order_date_year",
                "the date {date} is not in the order's year {year}",
                date=self.date.strftime("%d.%m.%Y"),
                year=self.year,
                at="date",
            )
        return self


class Measure(Strict):
    """One row of the plan: a task, the measure that carries it out, when, what for, and by whom."""

    number: int = Field(ge=1, le=999, description="The measure's number, unique across the plan.")
    task: Text = Field(description="Милдеттер: the task the measure serves.")
    measure: Text = Field(description="Иш-чаралар: what will be done.")
    deadline: Line = Field(description="Ишке ашыруу мөөнөттөрү, as written: «Ар дайым», «2025-жыл» …")
    expected_results: Text = Field(description="Күтүлүүчү жыйынтыктар.")
    responsible: list[Line] = Field(
        min_length=1, max_length=MAX_ITEMS, description="Жооптуу аткаруучулар: one unit per item."
    )


class Section(Strict):
    """A numbered section of the plan: a row spanning the table, then its measures."""

    number: int = Field(ge=1, le=99)
    title: Text
    measures: list[Measure] = Field(min_length=1, max_length=MAX_ITEMS)


class Plan(Strict):
    """The whole action plan as the appendix prints it."""

    approving_order: ApprovingOrder
    title: Text = Field(description="The bold centred title of the appendix.")
    sections: list[Section] = Field(min_length=1, max_length=MAX_ITEMS)

    @model_validator(mode="after")
    def _numbering(self) -> Plan:
        seen: set[int] = set()
        for index, section in enumerate(self.sections):
            if section.number != index + 1:
                raise refused(
                    "plan_section_number",
                    "section number {number}: {expected} expected here",
                    number=section.number,
                    expected=index + 1,
                    at=f"sections[{index}].number",
                )
            for place, measure in enumerate(section.measures):
                if measure.number in seen:
                    raise refused(
                        "plan_measure_twice",
                        "measure {number} appears twice",
                        number=measure.number,
                        at=f"sections[{index}].measures[{place}].number",
                    )
                seen.add(measure.number)
        return self

    def measures(self) -> list[Measure]:
        """Every measure in plan order."""
        return [measure for section in self.sections for measure in section.measures]


def order_lines(order: ApprovingOrder) -> list[str]:
    """The six-line appendix block at the top right, blank fields printed as the original prints them."""
    from service.kyrgyz import blank_order_date, date_dated

    lines = list(order.issuer_position)
    if order.acting:
        lines[-1] = f"{lines[-1]} м.а."
    date_text = date_dated(order.date) if order.date else blank_order_date(order.year).removesuffix(" _____")
    if order.number:
        lines += [f"{date_text} № {order.number}", "буйругуна тиркемеси"]
    else:
        lines += [f"{date_text} _____", "сандуу буйругуна тиркемеси"]
    return lines


def context(plan: Plan) -> dict[str, Any]:
    """What ``templates_docx/action_plan.docx`` reads: the plan's fields plus the appendix block's lines."""
    data = plan.model_dump(mode="python")
    data["order"] = {"lines": order_lines(plan.approving_order), **data.pop("approving_order")}
    return data
