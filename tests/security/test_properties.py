"""Property tests of the renderer: any text XML can carry comes back out of the DOCX exactly; any other is refused.

Text is drawn from all of Unicode (astral planes, combining marks, right-to-left scripts, ``<&"'``, tabs and
newlines included) and filtered by the rule the models use (``common.XML_FORBIDDEN``). It goes into a measure
of a one-row plan, through validation and the real template, and is read back from the table cell with
python-docx (a line break reads as ``\\n``, a tab as ``\\t``). The expected text is what the model kept:
surrounding whitespace stripped, ``\\r\\n`` and ``\\r`` turned into ``\\n``.
"""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from service.documents.common import MAX_TEXT, XML_FORBIDDEN
from service.engine import Engine
from service.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
FIELD = "sections[0].measures[0].measure"
# docxtpl's escapes for literal braces in templates: a value holding them must come out unchanged too.
DOCXTPL_ESCAPES = ("{_{", "}_}", "{_%", "%_}")

any_character = st.characters(min_codepoint=0, max_codepoint=0x10FFFF)  # surrogates aside: not Python text
carried = (
    st.lists(
        st.one_of(
            any_character,
            st.sampled_from("<>&\"'\t\n\r {}%#_\u0301\u05d0\u0627\U0001d542\U0001f600"),
            st.sampled_from(DOCXTPL_ESCAPES),
        ),
        min_size=1,
        max_size=150,
    )
    .map("".join)
    .filter(lambda text: not XML_FORBIDDEN.search(text) and text.strip())
)
forbidden = st.one_of(  # what XML 1.0 forbids: C0 controls but TAB/LF/CR, lone surrogates, U+FFFE/U+FFFF
    st.integers(0x0, 0x8), st.integers(0xB, 0xC), st.integers(0xE, 0x1F), st.integers(0xD800, 0xDFFF)
).map(chr) | st.sampled_from(["\ufffe", "\uffff"])


@pytest.fixture(scope="module")
def engine(docx_engine: Engine) -> Engine:
    return docx_engine


@pytest.fixture(scope="module")
def small_plan() -> dict[str, Any]:
    """The sample plan cut to one section with one measure: the cheapest real render."""
    plan = json.loads((ROOT / "samples" / "action_plan.json").read_text(encoding="utf-8"))
    plan["sections"] = plan["sections"][:1]
    plan["sections"][0]["measures"] = plan["sections"][0]["measures"][:1]
    return plan


def with_measure_text(plan: dict[str, Any], text: str) -> dict[str, Any]:
    changed = copy.deepcopy(plan)
    changed["sections"][0]["measures"][0]["measure"] = text
    return changed


def measure_cell(content: bytes) -> str:
    table = docx.Document(io.BytesIO(content)).tables[0]
    return table.rows[-1].cells[2].text  # the measure's row; columns: №, task, measure, deadline, …


@given(text=carried)
@example(text="a\nb\tc  d <w:t>&amp;</w:t> \"'")
@example(text="{{ 7*7 }} {% if x %} {# c #}")
@example(text="\U0001d542\U0001d538\U0001d53e e\u0301 \u05e9\u05dc\u05d5\u05dd \u0627\u0644\u0633\u0644\u0627\u0645")
@example(text="line\r\nline\rline")
@example(text="\u2028\u2029\u0085\u00a0x\ufeff")
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_text_xml_can_carry_comes_back_unchanged(engine: Engine, small_plan: dict[str, Any], text: str) -> None:
    model = engine.load("action-plan", with_measure_text(small_plan, text))
    kept = model.sections[0].measures[0].measure  # type: ignore[attr-defined]
    assert kept == text.strip().replace("\r\n", "\n").replace("\r", "\n")
    assert measure_cell(engine.render("action-plan", model).content) == kept


@given(before=st.text(max_size=20), character=forbidden, after=st.text(max_size=20))
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_text_xml_cannot_carry_is_refused_with_the_field_path(
    engine: Engine, small_plan: dict[str, Any], before: str, character: str, after: str
) -> None:
    assert XML_FORBIDDEN.match(character), "the strategy draws only what the model's rule forbids"
    text = "x" + before + character + after + "y"  # inside: the model strips the ends first
    with pytest.raises(InputError) as refused:
        engine.load("action-plan", with_measure_text(small_plan, text))
    problems = {problem.location: problem for problem in refused.value.problems}
    assert FIELD in problems, problems
    assert problems[FIELD].code in ("xml_char", "string_unicode")


def test_the_longest_text_allowed_renders_and_one_more_is_refused(engine: Engine, small_plan: dict[str, Any]) -> None:
    longest = "ы" * MAX_TEXT
    model = engine.load("action-plan", with_measure_text(small_plan, longest))
    assert measure_cell(engine.render("action-plan", model).content) == longest
    with pytest.raises(InputError) as refused:
        engine.load("action-plan", with_measure_text(small_plan, longest + "ы"))
    assert [(problem.location, problem.code) for problem in refused.value.problems] == [(FIELD, "string_too_long")]
