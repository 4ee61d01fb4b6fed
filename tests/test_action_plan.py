"""The order appendix end to end: sample JSON → DOCX (python-docx) → PDF through the real LibreOffice (poppler)."""

from __future__ import annotations

import io
from typing import Any, get_args

import docx
import pytest
from docx.oxml.ns import qn
from pydantic import BaseModel, ValidationError

import pdftools
from conftest import ARTIFACTS
from service import documents
from service.documents.action_plan import Plan, order_lines
from service.engine import Engine
from service.errors import InputError

HEADERS = ["№", "Милдеттер", "Иш-чаралар", "Ишке ашыруу мөөнөттөрү", "Күтүлүүчү жыйынтыктар", "Жооптуу аткаруучулар"]


@pytest.fixture(scope="module")
def engine(docx_engine: Engine) -> Engine:
    return docx_engine


@pytest.fixture
def rendered(engine: Engine, plan_data: dict[str, Any]) -> docx.document.Document:
    model = engine.load("action-plan", plan_data)
    return docx.Document(io.BytesIO(engine.render("action-plan", model).content))


def cell_text(cell: Any) -> str:
    return "\n".join(paragraph.text for paragraph in cell.paragraphs)


def test_appendix_block_and_title(rendered: Any, plan_data: dict[str, Any]) -> None:
    texts = [p.text for p in rendered.paragraphs if p.text.strip()]
    assert texts[:6] == [
        "Кыргыз Республикасынын",
        "Жогорку сотуна караштуу",
        "Сот департаментинин",
        "директорунун м.а.",
        "2025-ж. « » _____",
        "сандуу буйругуна тиркемеси",
    ]
    title = next(p for p in rendered.paragraphs if p.text == plan_data["title"])
    assert all(run.bold or (run.bold is None and title.style.font.bold) for run in title.runs if run.text.strip())


def test_table_structure_and_every_text_in_its_cell(rendered: Any, plan_data: dict[str, Any]) -> None:
    assert len(rendered.tables) == 1
    table = rendered.tables[0]
    rows = table.rows
    assert [cell_text(c) for c in rows[0].cells] == HEADERS
    header_props = rows[0]._tr.trPr
    assert header_props is not None and header_props.find(qn("w:tblHeader")) is not None, "header must repeat"
    assert all(row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None for row in rows[1:]), (
        "only the first row repeats"
    )

    expected: list[tuple[str, Any]] = []
    for section in plan_data["sections"]:
        expected.append(("section", section))
        expected.extend(("measure", measure) for measure in section["measures"])
    assert len(rows) == 1 + len(expected) == 1 + 5 + 11

    for row, (kind, item) in zip(rows[1:], expected, strict=True):
        cells = row._tr.tc_lst
        if kind == "section":
            assert len(cells) == 1, "a section row is one cell spanning the table"
            assert cells[0].tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "6"
            assert cell_text(row.cells[0]) == f"{item['number']}. {item['title']}"
        else:
            assert len(cells) == 6
            texts = [cell_text(c) for c in row.cells]
            assert texts[:5] == [
                str(item["number"]),
                item["task"],
                item["measure"],
                item["deadline"],
                item["expected_results"],
            ]
            units = [p.text for p in row.cells[5].paragraphs if p.text]
            assert units == item["responsible"], "responsible units one per line, in order"


def test_landscape_a4(rendered: Any) -> None:
    section = rendered.sections[0]
    assert section.page_width > section.page_height
    assert abs(section.page_width.mm - 297) < 1 and abs(section.page_height.mm - 210) < 1


def test_order_lines_with_date_and_number() -> None:
    order = Plan.model_fields["approving_order"].annotation.model_validate(  # type: ignore[union-attr]
        {"acting": False, "year": 2025, "date": "2025-07-15", "number": "45"}
    )
    lines = order_lines(order)
    assert lines[3] == "директорунун"
    assert lines[4:] == ["2025-жылдын 15-июлундагы № 45", "буйругуна тиркемеси"]


@pytest.mark.office
def test_pdf_has_every_word_one_embedded_serif_family_landscape(
    engine: Engine, pool: Any, plan_data: dict[str, Any]
) -> None:
    model = engine.load("action-plan", plan_data)
    pdf = pool.convert(engine.render("action-plan", model).content)
    pdftools.first_page_png(pdf, ARTIFACTS / "action-plan-page1.png")

    width, height = pdftools.page_size_points(pdf)
    assert width > height, "the appendix is landscape"
    assert abs(width - 842) < 2 and abs(height - 595) < 2, "A4"

    fonts = pdftools.fonts(pdf)
    assert fonts, "the PDF has text fonts"
    assert all(font.embedded for font in fonts), [f.name for f in fonts if not f.embedded]
    assert {font.family for font in fonts} == {"LiberationSerif"}, "one serif family, no fallback for ң ө ү"

    text = pdftools.text(pdf)
    for letter in "ңөүҢӨҮ":
        if any(letter in word for word in _all_words(plan_data)):
            assert letter in text, f"{letter} lost in the PDF"
    found = pdftools.pdf_pieces(pdf)
    missing = [piece for word in _all_words(plan_data) for piece in pdftools.pieces(word) if piece not in found]
    assert not missing, f"words missing or broken across lines in the PDF: {missing[:20]}"
    assert int(pdftools.info(pdf)["Pages"]) >= 3


def _all_words(plan_data: dict[str, Any]) -> list[str]:
    texts = [plan_data["title"], *order_lines(Plan.model_validate(plan_data).approving_order)]
    for section in plan_data["sections"]:
        texts.append(f"{section['number']}. {section['title']}")
        for m in section["measures"]:
            texts += [str(m["number"]), m["task"], m["measure"], m["deadline"], m["expected_results"]]
            texts += m["responsible"]
    texts += HEADERS
    return [word for text in texts for word in text.split()]


@pytest.mark.parametrize("value", [0, 1, "yes", "true", "ооба", 1.0])
def test_acting_accepts_only_json_booleans(plan_data: dict[str, Any], value: object) -> None:
    """``0``, ``1``, ``"yes"`` are not a yes/no in JSON (issue 12); a spreadsheet maps its own words."""
    plan_data["approving_order"]["acting"] = value
    with pytest.raises(InputError) as caught:
        documents.load("action-plan", plan_data)
    [problem] = caught.value.problems
    assert (problem.location, problem.code) == ("approving_order.acting", "bool_type")
    for flag in (True, False):
        plan_data["approving_order"]["acting"] = flag
        assert documents.load("action-plan", plan_data).approving_order.acting is flag  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("year", "code"), [(1999, "greater_than_equal"), (2000, None), (2100, None), (2101, "less_than_equal")]
)
def test_the_orders_year_is_between_2000_and_2100(plan_data: dict[str, Any], year: int, code: str | None) -> None:
    plan_data["approving_order"]["year"] = year
    if code is None:
        assert documents.load("action-plan", plan_data).approving_order.year == year  # type: ignore[attr-defined]
        return
    with pytest.raises(InputError) as caught:
        documents.load("action-plan", plan_data)
    [problem] = caught.value.problems
    assert (problem.location, problem.code) == ("approving_order.year", code)


def _flag_fields(model: type[BaseModel], seen: set[type[BaseModel]]) -> list[tuple[type[BaseModel], str]]:
    """Every yes/no field of ``model`` and of the models it holds."""
    found = []
    seen.add(model)
    for name, info in model.model_fields.items():
        stack = [info.annotation]
        while stack:
            annotation = stack.pop()
            if annotation is bool:
                found.append((model, name))
            elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
                if annotation not in seen:
                    found += _flag_fields(annotation, seen)
            else:
                stack += list(get_args(annotation))
    return found


def test_every_yes_no_field_of_every_input_model_refuses_numbers_and_words() -> None:
    fields = [field for kind in documents.KINDS.values() for field in _flag_fields(kind.model, set())]
    assert ("ApprovingOrder", "acting") in {(model.__name__, name) for model, name in fields}
    for model, name in fields:
        for value in (1, "yes"):
            with pytest.raises(ValidationError) as caught:
                model.model_validate({name: value})
            types = {error["type"] for error in caught.value.errors() if error["loc"] == (name,)}
            assert types == {"bool_type"}, (model.__name__, name, value)
