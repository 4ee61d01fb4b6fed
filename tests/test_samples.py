"""The sample plan (``samples/action_plan.json``) against its source document.

The source is a table extracted from the signed PDF (``../shared/seed/``): one line per table row, cells
separated by tabs. A page break split some cells: the rest of such a cell is on a later *continuation
line* (its first cell empty), in the same column, sometimes wrapped in ``<p>…</p>``; ``---`` lines are
separators. The tests read the seed into cells, each cell being its head fragment followed by its
continuation fragments, and require every text of the sample to be exactly one whole cell, word for
word, in its own row and column. A changed, added or missing word, or a missed fragment, fails.

The sample also has to fit the template: no word in it may be wider than its column in
``templates_docx/action_plan.docx``, or LibreOffice would break the word inside.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from service.documents.action_plan import Plan

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "action_plan.json"
TEMPLATE = ROOT / "templates_docx" / "action_plan.docx"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_69f2d8c9f2073f39.txt"
FONTS = Path("/usr/share/fonts/truetype/liberation2")

FIELDS = ("task", "measure", "deadline", "expected_results", "responsible")  # columns 1-5 of the seed
UNIT_STARTS = ("КР ЖСна караштуу СДнин ", '"Адилет сот"')
LINE_BREAK = re.compile(r"(?<=-)(?=[^\W\d_])")  # after a hyphen before a letter; not in "2025-2027"


# ---------------------------------------------------------------------------------------------------
# Reading the seed


def normalize(text: str) -> list[str]:
    """A fragment's words: ``<p>``/``</p>`` and the ``**`` bold markers dropped, whitespace collapsed."""
    return re.sub(r"</?p>|\*\*", " ", text).split()


@dataclass
class Cell:
    """A cell of the seed: the words of its head fragment and of every continuation fragment, joined."""

    line: int
    column: int
    words: list[str]
    fragments: list[int] = field(default_factory=list)  # line numbers of the continuation fragments


@dataclass
class Seed:
    paragraphs: list[list[str]]  # text outside the table (the appendix block, the title, one section row)
    rows: list[list[Cell]]  # table rows in order, the header row included

    def row(self, label: str) -> list[Cell]:
        """The row whose first cell is ``label`` (a measure number, or «2.» for a section row)."""
        found = [row for row in self.rows if row[0].words[:1] == [label]]
        assert len(found) == 1, f"{len(found)} rows of the seed start with {label!r}"
        return found[0]


def read_seed(text: str) -> Seed:
    """Split the seed into paragraphs and table rows; continuation lines extend the cells above them."""
    paragraphs: list[list[str]] = []
    rows: list[list[Cell]] = []
    paragraph: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "\t" not in line:
            if line.strip() and not set(line.strip()) <= {"-"}:
                paragraph += normalize(line)
            elif paragraph:
                paragraphs.append(paragraph)
                paragraph = []
            continue
        if paragraph:
            paragraphs.append(paragraph)
            paragraph = []
        cells = line.split("\t")
        if all(set(cell.strip()) <= {"-"} for cell in cells):
            continue  # a separator line such as "---\t---\t--"
        # A section row's number may be glued to its title ("2.Коррупцияны"): split it off.
        cells[0] = re.sub(r"^\s*(\d+)\.(?=\S)", r"\1. ", cells[0])
        if normalize(cells[0]):
            rows.append([Cell(number, column, normalize(cell)) for column, cell in enumerate(cells)])
            continue
        assert rows, f"line {number}: a continuation fragment before any table row"
        for column, cell in enumerate(cells):
            words = normalize(cell)
            if words:  # a fragment continues the cell in the same column of the last row
                target = rows[-1][column]
                target.words += words
                target.fragments.append(number)
    if paragraph:
        paragraphs.append(paragraph)
    return Seed(paragraphs, rows)


def section_text(seed: Seed, number: int) -> list[str]:
    """The words of section ``number``'s row, its number included: a table row or a paragraph of its own."""
    label = f"{number}."
    rows = [row for row in seed.rows if row[0].words[:1] == [label] and not any(c.words for c in row[1:])]
    paragraphs = [paragraph for paragraph in seed.paragraphs if paragraph[:1] == [label]]
    found = [row[0].words for row in rows] + paragraphs
    assert len(found) == 1, f"section {number}: {len(found)} places in the seed"
    return found[0]


# ---------------------------------------------------------------------------------------------------
# Comparing a plan with the seed


def differences(plan: dict[str, Any], seed: Seed) -> list[str]:
    """Every text of ``plan`` that is not word for word its cell of the seed, as readable messages."""
    problems = []

    def compare(place: str, sample: str, source: list[str]) -> None:
        if sample.split() != source:
            problems.append(f"{place}: sample {sample!r} but the seed has {' '.join(source)!r}")

    title = [paragraph for paragraph in seed.paragraphs if paragraph[:1] == plan["title"].split()[:1]]
    compare("title", plan["title"], title[0] if title else [])
    for section in plan["sections"]:
        number = section["number"]
        compare(f"section {number} title", f"{number}. {section['title']}", section_text(seed, number))
        for measure in section["measures"]:
            row = seed.row(str(measure["number"]))
            for column, name in enumerate(FIELDS, start=1):
                value = measure[name]
                text = " ".join(value) if name == "responsible" else value
                compare(f"measure {measure['number']} {name}", text, row[column].words)
    return problems


@pytest.fixture(scope="module")
def seed() -> Seed:
    if not SEED.is_file():
        pytest.skip(f"the source document is not here: {SEED} (it lives in the shared folder next to the repo)")
    return read_seed(SEED.read_text(encoding="utf-8"))


@pytest.fixture
def plan_json() -> dict[str, Any]:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------------------
# The sample's shape


def test_sample_validates_against_the_model() -> None:
    plan = Plan.model_validate_json(SAMPLE.read_text(encoding="utf-8"))
    assert plan.approving_order.acting
    assert (plan.approving_order.year, plan.approving_order.date, plan.approving_order.number) == (2025, None, None)


def test_sample_has_five_sections_and_eleven_measures_in_order() -> None:
    plan = Plan.model_validate_json(SAMPLE.read_text(encoding="utf-8"))
    assert [section.number for section in plan.sections] == [1, 2, 3, 4, 5]
    assert [len(section.measures) for section in plan.sections] == [3, 1, 1, 5, 1]
    assert [measure.number for measure in plan.measures()] == list(range(1, 12))


def test_each_responsible_unit_is_one_item() -> None:
    plan = Plan.model_validate_json(SAMPLE.read_text(encoding="utf-8"))
    units = {measure.number: measure.responsible for measure in plan.measures()}
    assert len(units[6]) == 8
    assert [len(units[number]) for number in range(1, 12)] == [2, 4, 3, 4, 3, 8, 8, 4, 4, 7, 3]
    for number, names in units.items():
        for name in names:
            assert name.startswith(UNIT_STARTS), f"measure {number}: {name!r} does not start a unit"
            # A unit that holds another unit's start was not split.
            assert all(name.find(start, 1) == -1 for start in UNIT_STARTS), f"measure {number}: {name!r}"


# ---------------------------------------------------------------------------------------------------
# The sample against the seed


def test_seed_reads_as_a_table_of_sections_and_measures(seed: Seed) -> None:
    labels = [row[0].words[0] for row in seed.rows]
    assert labels == ["№", "1.", "1", "2", "3", "2.", "4", "3.", "5", "6", "7", "8", "9", "10", "5.", "11"]
    assert section_text(seed, 4)[:2] == ["4.", "Санариптештирүү"]  # the section row outside the table
    # Page breaks split the cells of measures 2, 4, 10 and 11; measure 4 over three columns.
    fragments = {row[0].words[0]: [cell.column for cell in row if cell.fragments] for row in seed.rows}
    assert {label: columns for label, columns in fragments.items() if columns} == {
        "2": [5],
        "4": [2, 4, 5],
        "10": [2, 4, 5],
        "11": [4],
    }


def test_every_text_of_the_sample_is_its_cell_of_the_seed(seed: Seed, plan_json: dict[str, Any]) -> None:
    assert differences(plan_json, seed) == []


def _change_word(plan: dict[str, Any]) -> None:
    measure = plan["sections"][0]["measures"][1]
    measure["measure"] = measure["measure"].replace("чагышдырган", "чагылдырган")  # "fixing" the seed's typo


def _drop_last_word(plan: dict[str, Any]) -> None:
    measure = plan["sections"][0]["measures"][0]
    measure["task"] = measure["task"].rsplit(" ", 1)[0]


def _drop_fragment(plan: dict[str, Any]) -> None:
    measure = plan["sections"][4]["measures"][0]  # measure 11: its result continues after a page break
    measure["expected_results"] = measure["expected_results"].split(" планын ишке ашыруу боюнча толук")[0]


def _add_space(plan: dict[str, Any]) -> None:
    measure = plan["sections"][3]["measures"][2]  # measure 8 writes "Адилет сот"маалыматтык
    measure["responsible"][-1] = measure["responsible"][-1].replace('"маалыматтык', '" маалыматтык')


def _swap_columns(plan: dict[str, Any]) -> None:
    measure = plan["sections"][2]["measures"][0]
    measure["task"], measure["measure"] = measure["measure"], measure["task"]


def _drop_unit(plan: dict[str, Any]) -> None:
    plan["sections"][3]["measures"][0]["responsible"].pop(3)


def _change_section_title(plan: dict[str, Any]) -> None:
    plan["sections"][1]["title"] = plan["sections"][1]["title"].replace("камсыздоо", "камсыз кылуу")


@pytest.mark.parametrize(
    ("mutate", "place"),
    [
        (_change_word, "measure 2 measure"),
        (_drop_last_word, "measure 1 task"),
        (_drop_fragment, "measure 11 expected_results"),
        (_add_space, "measure 8 responsible"),
        (_swap_columns, "measure 5 "),
        (_drop_unit, "measure 6 responsible"),
        (_change_section_title, "section 2 title"),
    ],
    ids=lambda value: value.__name__.strip("_") if callable(value) else None,
)
def test_a_changed_sample_is_caught(
    seed: Seed, plan_json: dict[str, Any], mutate: Callable[[dict[str, Any]], None], place: str
) -> None:
    """The comparison can fail: each small edit of the sample is reported, at its place and nowhere else."""
    mutate(plan_json)
    problems = differences(plan_json, seed)
    assert problems
    assert all(problem.startswith(place) for problem in problems), problems


# ---------------------------------------------------------------------------------------------------
# The sample against the template's column widths


def _column_widths_pt() -> tuple[list[float], float]:
    """The template's grid column widths and its cells' left+right padding, in points."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(TEMPLATE) as package:
        document = etree.fromstring(package.read("word/document.xml"))
        styles = etree.fromstring(package.read("word/styles.xml"))
    table = document.find(f"{w}body/{w}tbl")
    widths = [int(column.get(f"{w}w")) / 20 for column in table.iter(f"{w}gridCol")]
    style_id = table.find(f"{w}tblPr/{w}tblStyle").get(f"{w}val")
    style = styles.find(f"{w}style[@{w}styleId='{style_id}']")
    margins = style.find(f"{w}tblPr/{w}tblCellMar")
    padding = sum(int(margins.find(f"{w}{side}").get(f"{w}w")) for side in ("left", "right")) / 20
    return widths, padding


def test_no_word_of_the_sample_is_wider_than_its_column(plan_json: dict[str, Any]) -> None:
    """LibreOffice breaks a line at a space or after a hyphen followed by a letter; a piece of text
    between two such places that is wider than its cell would be broken inside a word."""
    image_font = pytest.importorskip("PIL.ImageFont")
    if not (FONTS / "LiberationSerif-Regular.ttf").is_file():
        pytest.skip(f"Liberation Serif (Debian's fonts-liberation2) is not in {FONTS}")
    font = image_font.truetype(str(FONTS / "LiberationSerif-Regular.ttf"), 1200)  # 12 pt, in 1/100 pt
    widths, padding = _column_widths_pt()
    assert len(widths) == 1 + len(FIELDS)
    texts: list[list[str]] = [[] for _ in widths]
    for section in plan_json["sections"]:
        for measure in section["measures"]:
            texts[0].append(str(measure["number"]))
            for column, name in enumerate(FIELDS, start=1):
                value = measure[name]
                texts[column] += value if isinstance(value, list) else [value]
    for column, (width, column_texts) in enumerate(zip(widths, texts, strict=True)):
        pieces = {piece for text in column_texts for word in text.split() for piece in LINE_BREAK.split(word)}
        widest = max(pieces, key=font.getlength)
        assert font.getlength(widest) / 100 < width - padding, f"column {column + 1}: {widest!r} does not fit"
