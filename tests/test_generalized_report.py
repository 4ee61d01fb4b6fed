"""The generalized report end to end: the year's reports → DOCX (python-docx) → PDF through the real LibreOffice.

Every number the document shows is computed here again, straight from the JSON of the reports, the plan
and the registry file (never through ``service.documents.generalized.aggregate``), and compared with the
document: per measure and status, the organizations that said nothing, the overdue ones, the summed
indicators, the problems with their organizations, the organizations that did not report.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from test_progress_report import (
    STATUS_NAMES,
    all_text,
    assert_no_metadata,
    cell_text,
    flat,
    kyrgyz_date,
    media_parts,
    number_text,
    paragraph_text,
    pdf_images,
    plan_measures,
    registry,
    sample_reports,
    status_text,
)

import pdftools
from conftest import ARTIFACTS
from pdftools import last_page_png, pdf_pieces, pdf_words_at, pieces
from service import deadlines
from service.engine import Engine
from service.kyrgyz import initials_surname

STATUSES = list(STATUS_NAMES.values())  # аткарылды, аткарылууда, аткарылган эмес, мөөнөтү келе элек
COUNT_HEADERS = [*STATUSES, "маалымат жок", "мөөнөтү өткөн"]
SIGNATORY = {
    "position": "Кыргыз Республикасынын Жогорку сотуна караштуу\nСот департаментинин директору",
    "full_name": "Сыдыков Нурбек Жолдошевич",
    "date": "2026-01-28",
}
EXECUTOR = {"name": "Өмүрзакова Чынара Бекболотовна", "phone": "+996 (312) 66-33-77"}


# ---------------------------------------------------------------------------------------------------
# Expected values, from the JSON


def expected_rows(reports: list[dict[str, Any]]) -> dict[int, list[int]]:
    """Per measure of the plan: organizations per status, those that said nothing, the overdue ones."""
    rows = {}
    for number, planned in plan_measures().items():
        deadline = deadlines.parse_deadline(planned["deadline"])
        said = [(report, item) for report in reports for item in report["measures"] if item["measure"] == number]
        statuses = [status_text(item["status"]) for _, item in said]
        overdue = sum(
            deadlines.is_overdue(deadline, report["year"], status_text(item["status"])) for report, item in said
        )
        rows[number] = [*(statuses.count(status) for status in STATUSES), len(reports) - len(said), overdue]
    return rows


def expected_indicators(reports: list[dict[str, Any]]) -> list[tuple[str, ...]]:
    """(measure, name, unit, total, target, organizations) per indicator summed over the organizations;
    the same indicator is recognized by its name and unit regardless of case and spacing; a percentage is
    averaged. Names are compared case-folded."""
    groups: dict[tuple[int, str, str], list[dict[str, Any]]] = defaultdict(list)
    for report in reports:
        for item in report["measures"]:
            for indicator in item.get("indicators", []):
                key = (item["measure"], " ".join(indicator["name"].split()).casefold(), indicator["unit"].strip())
                groups[key].append(indicator)
    rows = []
    for (measure, name, unit), found in groups.items():
        averaged = unit == "%"

        def combine(values: list[float], averaged: bool = averaged) -> float:
            return sum(values) / len(values) if averaged else sum(values)

        values = [indicator["value"] for indicator in found]
        targets = [indicator["target"] for indicator in found if indicator.get("target") is not None]
        rows.append(
            (
                str(measure),
                name,
                unit + (" (орточо)" if averaged else ""),
                number_text(round(combine(values), 2)),
                number_text(round(combine(targets), 2)) if targets else "—",
                str(len(found)),
            )
        )
    return sorted(rows)


def expected_problems(reports: list[dict[str, Any]]) -> dict[int, set[str]]:
    problems: dict[int, set[str]] = defaultdict(set)
    for report in reports:
        for item in report["measures"]:
            if item.get("problems"):
                problems[item["measure"]].add(f"{report['organization']['name']} — {item['problems'].strip()}")
    return dict(problems)


def missing_names(reports: list[dict[str, Any]]) -> set[str]:
    reported = {report["organization"]["id"] for report in reports}
    return {organization["name"] for organization in registry() if organization["id"] not in reported}


def signed_input(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """The reports with the Supreme Court's signatory, whose signature and seal images are Osh's samples."""
    with_images = [report for report in reports if report["signature"].get("seal_image")]
    # a PNG signature (base64 of "\x89PNG") if there is one: it has no paper behind the ink
    osh = next((r for r in with_images if r["signature"]["signature_image"].startswith("iVBOR")), with_images[0])
    images = {key: osh["signature"][key] for key in ("signature_image", "seal_image")}
    return {"reports": reports, "signature": SIGNATORY | images, "executor": EXECUTOR}


# ---------------------------------------------------------------------------------------------------
# Fixtures: render each input once, convert each once


@pytest.fixture(scope="module")
def engine(docx_engine: Engine) -> Engine:
    return docx_engine


@pytest.fixture(scope="module")
def reports() -> list[dict[str, Any]]:
    return sample_reports()


@pytest.fixture(scope="module")
def signed(engine: Engine, reports: list[dict[str, Any]]) -> bytes:
    """DOCX of the reports with a signatory and images."""
    return engine.render("generalized-report", engine.load("generalized-report", signed_input(reports))).content


@pytest.fixture(scope="module")
def bare(engine: Engine, reports: list[dict[str, Any]]) -> bytes:
    """DOCX of the bare list of reports: no signatory, no executor."""
    return engine.render("generalized-report", engine.load("generalized-report", reports)).content


@pytest.fixture(scope="module")
def signed_pdf(pool: Any, signed: bytes) -> bytes:
    pdf = pool.convert(signed)
    pdftools.first_page_png(pdf, ARTIFACTS / "generalized-report-page1.png", dpi=80)
    last_page_png(pdf, ARTIFACTS / "generalized-report-last-page.png")
    return pdf


@pytest.fixture(scope="module")
def bare_pdf(pool: Any, bare: bytes) -> bytes:
    return pool.convert(bare)


def summary_table(document: Any) -> Any:
    return next(t for t in document.tables if [cell_text(c) for c in t.rows[0].cells][3:] == COUNT_HEADERS)


# ---------------------------------------------------------------------------------------------------
# DOCX


def test_counts_per_measure_and_status_equal_the_reports(signed: bytes, reports: list[dict[str, Any]]) -> None:
    table = summary_table(docx.Document(io.BytesIO(signed)))
    header = table.rows[0]._tr.trPr
    assert header is not None and header.find(qn("w:tblHeader")) is not None, "the header row repeats"
    expected = expected_rows(reports)
    measures = plan_measures()
    body = table.rows[1:-1]
    assert len(body) == len(expected)
    for row in body:
        texts = [cell_text(c) for c in row.cells]
        number = int(texts[0])
        assert texts[1] == measures[number]["measure"]
        assert texts[2].startswith(measures[number]["deadline"])
        assert [int(text) for text in texts[3:]] == expected[number], f"measure {number}"
    totals = [cell_text(c) for c in table.rows[-1].cells]
    assert totals[0] == "Бардыгы"
    assert totals[3:] == [str(total) for total in column_totals(expected)], "all six columns, none blank"


def column_totals(expected: dict[int, list[int]]) -> list[int]:
    """The totals row as the reports make it: each of the six count columns summed over the measures."""
    return [sum(row[column] for row in expected.values()) for column in range(len(COUNT_HEADERS))]


def test_every_organization_is_counted_once_per_measure(reports: list[dict[str, Any]]) -> None:
    for counts in expected_rows(reports).values():
        assert sum(counts[:5]) == len(reports)
    assert any(counts[5] for counts in expected_rows(reports).values()), "some measure is overdue"


def test_summed_indicators(signed: bytes, reports: list[dict[str, Any]]) -> None:
    document = docx.Document(io.BytesIO(signed))
    table = next(t for t in document.tables if cell_text(t.rows[0].cells[1]) == "Көрсөткүч")
    rows = []
    for row in table.rows[1:]:
        number, name, unit, total, target, organizations = (cell_text(c) for c in row.cells)
        rows.append((number, " ".join(name.split()).casefold(), unit, total, target, organizations))
    assert sorted(rows) == expected_indicators(reports)


def test_problems_under_their_measure_with_the_organization_in_bold(
    signed: bytes, reports: list[dict[str, Any]]
) -> None:
    document = docx.Document(io.BytesIO(signed))
    found: dict[int, set[str]] = defaultdict(set)
    measure = None
    for paragraph in document.paragraphs:
        heading = re.fullmatch(r"(\d+)-иш-чара боюнча:", paragraph.text)
        if heading:
            measure = int(heading[1])
        elif paragraph.style.name == "Problem":
            assert measure is not None
            found[measure].add(paragraph_text(paragraph._p))
            organization = paragraph.runs[0]
            assert organization.style.name == "Strong" and organization.style.font.bold
        elif paragraph.style.name == "Report heading":
            measure = None
    assert dict(found) == expected_problems(reports)


def test_missing_organization_and_reporting_count(signed: bytes, reports: list[dict[str, Any]]) -> None:
    document = docx.Document(io.BytesIO(signed))
    items = [re.sub(r"^\d+\. ", "", p.text) for p in document.paragraphs if p.style.name == "List item"]
    assert set(items) == missing_names(reports) and len(items) == 1
    text = all_text(document)
    assert f"Отчет берүүгө милдеттүү {len(registry())} уюмдун ичинен {len(reports)} уюм отчет берди." in text
    assert "2026-жылдын 1-февралынан кечиктирбестен" in text


def test_all_reported_says_so(engine: Engine, reports: list[dict[str, Any]]) -> None:
    """With every organization of the registry reporting, the list gives way to a sentence."""
    missing = missing_names(reports)
    extra = next(o for o in registry() if o["name"] in missing)
    extra = {key: value for key, value in extra.items() if key != "parent"}  # the registry's word, not the report's
    template = next(r for r in reports if not r["signature"].get("seal_image"))
    complete = [*reports, template | {"organization": extra}]
    document = docx.Document(
        io.BytesIO(engine.render("generalized-report", engine.load("generalized-report", complete)).content)
    )
    assert not [p for p in document.paragraphs if p.style.name == "List item"]
    assert "Отчет берүүгө милдеттүү бардык уюмдар отчет беришти." in all_text(document)


def test_chart_and_signature_images(signed: bytes, bare: bytes) -> None:
    assert len(media_parts(bare)) == 1, "the chart"
    media = media_parts(signed)
    assert len(media) == 3, "the chart, the signature, the seal"
    for name, blob in media.items():
        assert_no_metadata(name, blob)
    chart = docx.Document(io.BytesIO(bare)).paragraphs
    centred = [p for p in chart if p.style.name == "Chart"]
    assert len(centred) == 1 and centred[0]._p.findall(".//" + qn("w:drawing")), "the chart in its own paragraph"


def test_signature_block_or_blank_lines(signed: bytes, bare: bytes) -> None:
    document = docx.Document(io.BytesIO(signed))
    block = document.tables[-1]
    position, _, name = (cell_text(c) for c in block.rows[0].cells)
    assert position == SIGNATORY["position"]
    assert name == initials_surname(SIGNATORY["full_name"])
    assert cell_text(block.rows[1].cells[2]) == kyrgyz_date(SIGNATORY["date"]) == "2026-жылдын 28-январы"
    assert f"Аткаруучу: {EXECUTOR['name']}" in all_text(document)

    blank = docx.Document(io.BytesIO(bare))
    lines = blank.tables[-1]
    captions = [cell_text(c) for c in lines.rows[1].cells]
    assert captions == ["(кызмат орду)", "(колу)", "(аты-жөнү)"]
    assert "«___» ______________ 2026-ж." in all_text(blank)
    assert "Аткаруучу" not in all_text(blank)


# ---------------------------------------------------------------------------------------------------
# PDF


@pytest.mark.office
def test_pdf_text_fonts_letters_and_images(signed_pdf: bytes, bare_pdf: bytes, reports: list[dict[str, Any]]) -> None:
    for pdf in (signed_pdf, bare_pdf):
        width, height = pdftools.page_size_points(pdf)
        assert abs(width - 595) < 2 and abs(height - 842) < 2, "A4 portrait"
        fonts = pdftools.fonts(pdf)
        assert fonts and all(font.embedded for font in fonts), [f.name for f in fonts if not f.embedded]
        assert {font.family for font in fonts} == {"LiberationSerif"}, "one serif family; the chart is a raster"

    text = pdftools.text(signed_pdf)
    found = pdf_pieces(signed_pdf)
    texts = [m["measure"] for m in plan_measures().values()] + sorted(missing_names(reports))
    texts += [line for problems in expected_problems(reports).values() for line in problems]
    missing = [piece for line in texts for piece in pieces(line) if piece not in found]
    assert not missing, f"words missing or broken across lines in the PDF: {missing[:10]}"
    for letter in "ңөүҢӨҮ":
        if any(letter in line for line in texts):
            assert letter in text, f"{letter} lost in the PDF"
    assert all(letter in text for letter in "ңөү")
    assert "2026-жылдын 1-февралынан кечиктирбестен" in flat(text)
    assert "2026-жылдын 28-январы" in flat(text)
    assert initials_surname(SIGNATORY["full_name"]) in text

    assert len([row for row in pdf_images(bare_pdf) if row[2] == "image"]) == 1, "the chart"
    assert len([row for row in pdf_images(signed_pdf) if row[2] == "image"]) == 3, "chart, signature, seal"
    assert b"Exif\x00\x00" not in signed_pdf, "an image in the PDF carries EXIF"
    pdftools.first_page_png(bare_pdf, ARTIFACTS / "generalized-report-unsigned-page1.png", dpi=50)


@pytest.mark.office
def test_pdf_counts_per_measure(signed_pdf: bytes, reports: list[dict[str, Any]]) -> None:
    """The summary table read from the PDF by the words' places: each measure's number in the first column
    and, on the same line, the six counts (the table ends at «Бардыгы»)."""
    first_column_right = (3 + 0.9) / 2.54 * 72
    counts_left = (3 + 16.5 - 6 * 1.0) / 2.54 * 72 - 2
    words = sorted(pdf_words_at(signed_pdf), key=lambda w: (w[0], w[2], w[1]))
    end = next(index for index, word in enumerate(words) if word[3] == "Бардыгы")
    table = words[:end]
    found = {}
    for page, x, y, word in table:
        if x < first_column_right and word.isdigit():
            line = [w for w in table if w[0] == page and abs(w[2] - y) < 1 and w[1] >= counts_left]
            found[int(word)] = [int(w[3]) for w in sorted(line, key=lambda w: w[1])]
    assert found == expected_rows(reports)
    page, _x, y, _word = words[end]
    totals = [
        int(w[3])
        for w in sorted(words, key=lambda w: w[1])
        if w[0] == page and abs(w[2] - y) < 1 and w[1] >= counts_left
    ]
    expected = column_totals(expected_rows(reports))
    assert expected[5] > 0, "the 2025 samples have overdue measures: a blank total would show"
    assert totals == expected, "the totals row fills all six columns (issue 12: two were blank)"
