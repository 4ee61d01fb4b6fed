"""The progress report end to end: each sample report → DOCX (python-docx) → PDF through the real LibreOffice.

The year's sample reports (``samples/reports/2025/*.json``) are the input. Expected values are computed here
from the JSON and the plan, not taken from the context the service builds, so that a wrong context fails.
Until the samples exist, ``sample_reports`` builds a set of the same shape (19 organizations of the
registry, two with signature and seal images, several statuses, indicators, problems and next steps).
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import re
import subprocess
import tempfile
import tomllib
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from PIL import Image

import pdftools
from conftest import ARTIFACTS, ROOT, SAMPLES
from pdftools import last_page_png, pdf_pieces, pdf_words_at, pieces
from service import deadlines
from service.engine import Engine
from service.kyrgyz import initials_surname

YEAR = 2025
REPORTS_DIR = SAMPLES / "reports" / str(YEAR)
IMAGES_DIR = SAMPLES / "images"
OVERDUE_MARK = "мөөнөтү өтүп кеткен"
NOT_DUE_MARK = "(мөөнөтү келе элек)"
HEADERS = ["№", "Иш-чара", "Мөөнөтү", "Эмне аткарылды", "Абалы"]
INDICATOR_HEADERS = ["Көрсөткүч", "Бирдиги", "Мааниси", "Максаты"]
# Month names in the possessive, as official Kyrgyz texts date a document: «2026-жылдын 15-январы».
MONTHS = ("январы", "февралы", "марты", "апрели", "майы", "июну",
          "июлу", "августу", "сентябры", "октябры", "ноябры", "декабры")  # fmt: skip
STATUS_NAMES = {
    "done": "аткарылды",
    "in_progress": "аткарылууда",
    "not_done": "аткарылган эмес",
    "not_yet_due": "мөөнөтү келе элек",
}


# ---------------------------------------------------------------------------------------------------
# Input: the sample reports, or a set of the same shape built here


def plan() -> dict[str, Any]:
    return json.loads((SAMPLES / "action_plan.json").read_text(encoding="utf-8"))


def plan_measures() -> dict[int, dict[str, Any]]:
    return {m["number"]: m for section in plan()["sections"] for m in section["measures"]}


def registry() -> list[dict[str, str]]:
    return tomllib.loads((ROOT / "data" / "organizations.toml").read_text(encoding="utf-8"))["organization"]


def status_text(value: str) -> str:
    """A report's status as the document prints it (reports may use the Kyrgyz text or the English name)."""
    folded = " ".join(value.split()).casefold()
    return STATUS_NAMES.get(folded, folded)


def _image(name: str, fallback_size: tuple[int, int], exif: bool = False) -> str:
    """A sample image as base64; drawn here (with EXIF if asked) when ``samples/images`` lacks it."""
    path = IMAGES_DIR / name
    if path.exists():
        return base64.b64encode(path.read_bytes()).decode("ascii")
    picture = Image.new("RGB", fallback_size, "white")
    pixels = picture.load()
    for x in range(fallback_size[0]):
        y = int(fallback_size[1] / 2 + fallback_size[1] / 4 * ((x // 7) % 5 - 2) / 2)
        pixels[x, y] = (20, 40, 160)
    out = io.BytesIO()
    if exif:
        tags = Image.Exif()
        tags[0x010F] = "Phone maker"  # Make
        picture.save(out, "JPEG", exif=tags.tobytes())
    else:
        picture.save(out, "PNG")
    return base64.b64encode(out.getvalue()).decode("ascii")


def build_reports() -> list[dict[str, Any]]:
    """19 valid reports: every organization of the registry but the last, statuses and texts varied."""
    statuses = ["аткарылды", "аткарылууда", "аткарылган эмес", "мөөнөтү келе элек", "done"]
    measures = sorted(plan_measures())
    reports = []
    for index, organization in enumerate(registry()[:-1]):
        items = []
        for number in measures:
            if (index + number) % 7 == 0:
                continue  # some organizations say nothing on some measures
            status = statuses[(index * 3 + number) % len(statuses)]
            item: dict[str, Any] = {"measure": number, "status": status}
            if status_text(status) in ("аткарылды", "аткарылууда"):
                item["done"] = (
                    f"{organization['name']}: {number}-иш-чара боюнча маалыматтык-түшүндүрүү иштери жүргүзүлдү.\n"
                    "Сот залдарын видеофиксациялоону камсыз кылуу үчүн автоматташтырылган тутум колдонулду."
                )
            if number % 3 == 0:
                item["indicators"] = [
                    {"name": "Өткөрүлгөн окуулардын саны", "unit": "саны", "value": index + number, "target": 10},
                    {"name": "Окуудан өткөн кызматкерлердин үлүшү", "unit": "%", "value": 50 + index * 2.5},
                ]
            if (index + number) % 4 == 0:
                item["problems"] = f"Коррупцияга каршы окууларга каражат жетишсиз ({organization['name']})."
            if (index + number) % 5 == 0:
                item["next_steps"] = "Кийинки жылы өңүттөштүрүлгөн окуулар уюштурулат."
            items.append(item)
        report: dict[str, Any] = {
            "year": YEAR,
            "organization": organization,
            "measures": items,
            "signature": {
                "position": "Төрага",
                "full_name": "Асанов Бакыт Токтогулович" if index % 2 else "Жумабеков Азамат Талант уулу",
                "date": f"{YEAR + 1}-01-{10 + index % 5:02d}",
            },
            "executor": {"name": "Өмүрбекова Айгүл", "phone": "+996 312 66-12-34"},
        }
        if organization["id"] in ("osh-oblast-court", "bishkek-city-court"):
            stem = organization["id"]
            signature = "signature.png" if stem == "osh-oblast-court" else "signature.jpg"
            report["signature"]["signature_image"] = _image(f"{stem}-{signature}", (600, 240), exif=True)
            report["signature"]["seal_image"] = _image(f"{stem}-seal.png", (500, 500))
        reports.append(report)
    return reports


@cache
def _reports_text() -> str:
    files = sorted(REPORTS_DIR.glob("*.json"))
    if files:
        return json.dumps([json.loads(path.read_text(encoding="utf-8")) for path in files], ensure_ascii=False)
    return json.dumps(build_reports(), ensure_ascii=False)


def sample_reports() -> list[dict[str, Any]]:
    """A fresh copy of the year's reports: the samples when present, else the built set."""
    return json.loads(_reports_text())


def has_images(report: dict[str, Any]) -> bool:
    return bool(report["signature"].get("signature_image") or report["signature"].get("seal_image"))


def kyrgyz_date(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day.year}-жылдын {day.day}-{MONTHS[day.month - 1]}"


def overdue_pairs(reports: list[dict[str, Any]]) -> set[tuple[str, int]]:
    """(organization id, measure) of every measure reported not done past its deadline, per the plan."""
    measures = plan_measures()
    pairs = set()
    for report in reports:
        for item in report["measures"]:
            deadline = deadlines.parse_deadline(measures[item["measure"]]["deadline"])
            if deadlines.is_overdue(deadline, report["year"], status_text(item["status"])):
                pairs.add((report["organization"]["id"], item["measure"]))
    return pairs


def report_texts(report: dict[str, Any]) -> list[str]:
    """Every text of the input that the document must show, one line each."""
    texts = [report["organization"]["name"], initials_surname(report["signature"]["full_name"])]
    texts += report["signature"]["position"].splitlines()
    texts += [report["executor"]["name"], report["executor"]["phone"]]
    for item in report["measures"]:
        for key in ("done", "problems", "next_steps"):
            texts += [line for line in (item.get(key) or "").splitlines() if line.strip()]
        for indicator in item.get("indicators", []):
            texts += [indicator["name"], indicator["unit"]]
    return texts


# ---------------------------------------------------------------------------------------------------
# Reading the outputs


def number_text(value: float) -> str:
    """12.0 → «12», 87.5 → «87,5»: how the document prints a number."""
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def paragraph_text(element: Any) -> str:
    """A paragraph's text with its tabs and line breaks, as the reader sees it."""
    marks = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:br"): "\n"}
    return "".join((node.text or "") if marks[node.tag] is None else marks[node.tag] for node in element.iter(*marks))


def all_text(document: Any) -> str:
    """Every paragraph of the body and of every table cell, one per line."""
    return "\n".join(paragraph_text(p) for p in document.element.body.iter(qn("w:p")))


def flat(text: str) -> str:
    return " ".join(text.split())


def cell_text(cell: Any) -> str:
    return "\n".join(paragraph.text for paragraph in cell.paragraphs).strip()


def media_parts(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        return {name: package.read(name) for name in package.namelist() if name.startswith("word/media/")}


def assert_no_metadata(name: str, blob: bytes) -> None:
    """An embedded image carries no EXIF (a phone photo's GPS, camera, time) nor text chunks."""
    assert b"Exif\x00\x00" not in blob, f"{name} carries EXIF"
    with Image.open(io.BytesIO(blob)) as picture:
        assert not dict(picture.getexif()), f"{name} carries EXIF tags"
        assert "exif" not in picture.info, f"{name} carries EXIF"


def pdf_images(pdf: bytes) -> list[list[str]]:
    """``pdfimages -list``: one row per image (page, num, type, width, height, …)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        lines = subprocess.run(["pdfimages", "-list", str(path)], check=True, capture_output=True, text=True).stdout
    return [line.split() for line in lines.splitlines()[2:] if line.strip()]


def measure_tables(document: Any) -> dict[int, Any]:
    """The table of each measure, by the measure's number."""
    found = {}
    for table in document.tables:
        if [cell_text(c) for c in table.rows[0].cells] == HEADERS:
            found[int(cell_text(table.rows[1].cells[0]))] = table
    return found


# ---------------------------------------------------------------------------------------------------
# Fixtures: render each report once, convert a representative subset once


@pytest.fixture(scope="module")
def engine(docx_engine: Engine) -> Engine:
    return docx_engine


@pytest.fixture(scope="module")
def reports() -> list[dict[str, Any]]:
    return sample_reports()


@pytest.fixture(scope="module")
def rendered(engine: Engine, reports: list[dict[str, Any]]) -> dict[str, bytes]:
    """DOCX bytes of every report, by organization id."""
    return {
        report["organization"]["id"]: engine.render("progress-report", engine.load("progress-report", report)).content
        for report in reports
    }


def representative(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The reports worth converting: those with images, the longest, the one with most overdue measures."""
    chosen = [report for report in reports if has_images(report)]
    longest = max(reports, key=lambda report: len(json.dumps(report, ensure_ascii=False)) * (not has_images(report)))
    pairs = overdue_pairs(reports)
    most_overdue = max(reports, key=lambda r: sum(1 for org, _ in pairs if org == r["organization"]["id"]))
    for report in (longest, most_overdue):
        if report not in chosen:
            chosen.append(report)
    return chosen


@pytest.fixture(scope="module")
def converted(pool: Any, rendered: dict[str, bytes], reports: list[dict[str, Any]]) -> dict[str, bytes]:
    """PDF bytes of the representative reports, by organization id; page 1 of each kept as a PNG."""
    pdfs = {}
    for report in representative(reports):
        key = report["organization"]["id"]
        pdfs[key] = pool.convert(rendered[key])
        pdftools.first_page_png(pdfs[key], ARTIFACTS / f"progress-report-{key}-page1.png", dpi=80)
        if has_images(report):
            last_page_png(pdfs[key], ARTIFACTS / f"progress-report-{key}-last-page.png")
    return pdfs


# ---------------------------------------------------------------------------------------------------
# DOCX


def test_samples_cover_what_the_tests_need(reports: list[dict[str, Any]]) -> None:
    assert len(reports) == 19
    assert sum(has_images(report) for report in reports) == 2
    ids = {report["organization"]["id"] for report in reports}
    assert len(ids) == 19 and len({o["id"] for o in registry()} - ids) == 1, "one organization did not report"
    assert overdue_pairs(reports), "some measure is overdue"


def test_every_text_of_every_report_is_in_its_document(
    rendered: dict[str, bytes], reports: list[dict[str, Any]]
) -> None:
    for report in reports:
        document = docx.Document(io.BytesIO(rendered[report["organization"]["id"]]))
        text = all_text(document)
        missing = [line for line in report_texts(report) if line not in text]
        assert not missing, f"{report['organization']['id']}: not in the DOCX: {missing[:5]}"


def test_each_measure_has_its_table_with_status_done_and_indicators(
    rendered: dict[str, bytes], reports: list[dict[str, Any]]
) -> None:
    measures = plan_measures()
    for report in reports:
        document = docx.Document(io.BytesIO(rendered[report["organization"]["id"]]))
        tables = measure_tables(document)
        assert sorted(tables) == sorted(item["measure"] for item in report["measures"])
        for item in report["measures"]:
            table = tables[item["measure"]]
            header = table.rows[0]._tr.trPr
            assert header is not None and header.find(qn("w:tblHeader")) is not None, "the header row repeats"
            _, measure, deadline, done, status = (cell_text(c) for c in table.rows[1].cells)
            planned = measures[item["measure"]]
            assert measure == planned["measure"]
            assert deadline.startswith(planned["deadline"])
            assert status.splitlines()[0] == status_text(item["status"])
            assert done == (item.get("done") or "—").strip()
            rest = "\n".join(cell_text(row.cells[1]) for row in table.rows[2:])
            for key in ("problems", "next_steps"):
                if item.get(key):
                    assert item[key].strip() in rest
            if item.get("indicators"):
                elements = [t._tbl for t in document.tables]
                indicators = document.tables[elements.index(table._tbl) + 1]
                rows = [[cell_text(c) for c in row.cells] for row in indicators.rows]
                assert rows[0] == INDICATOR_HEADERS
                assert rows[1:] == [
                    [
                        i["name"],
                        i["unit"],
                        number_text(i["value"]),
                        number_text(i["target"]) if i.get("target") is not None else "—",
                    ]
                    for i in item["indicators"]
                ]


def test_overdue_measures_are_marked_exactly(rendered: dict[str, bytes], reports: list[dict[str, Any]]) -> None:
    expected = overdue_pairs(reports)
    found = set()
    for report in reports:
        key = report["organization"]["id"]
        for number, table in measure_tables(docx.Document(io.BytesIO(rendered[key]))).items():
            status_cell = table.rows[1].cells[4]
            if OVERDUE_MARK in cell_text(status_cell):
                found.add((key, number))
                mark = next(p for p in status_cell.paragraphs if p.text == OVERDUE_MARK)
                assert mark.runs[0].style.font.bold, "the overdue mark is bold"
    assert found == expected


def test_not_due_measures_are_marked(rendered: dict[str, bytes], reports: list[dict[str, Any]]) -> None:
    measures = plan_measures()
    for report in reports:
        tables = measure_tables(docx.Document(io.BytesIO(rendered[report["organization"]["id"]])))
        for item in report["measures"]:
            deadline = deadlines.parse_deadline(measures[item["measure"]]["deadline"])
            due = deadlines.is_due(deadline, report["year"])
            status = cell_text(tables[item["measure"]].rows[1].cells[4])
            marked = NOT_DUE_MARK in status
            assert marked == (not due and status_text(item["status"]) != "мөөнөтү келе элек"), (item, status)


def test_summary_counts(rendered: dict[str, bytes], reports: list[dict[str, Any]]) -> None:
    pairs = overdue_pairs(reports)
    for report in reports:
        key = report["organization"]["id"]
        document = docx.Document(io.BytesIO(rendered[key]))
        summary = next(t for t in document.tables if cell_text(t.rows[0].cells[0]) == "Иш-чаралардын абалы")
        counts = [int(cell_text(row.cells[1])) for row in summary.rows[1:]]
        statuses = [status_text(item["status"]) for item in report["measures"]]
        assert counts == [
            len(statuses),
            statuses.count("аткарылды"),
            statuses.count("аткарылууда"),
            statuses.count("аткарылган эмес"),
            statuses.count("мөөнөтү келе элек"),
            sum(1 for org, _ in pairs if org == key),
        ]


def test_dates_and_signature_block(rendered: dict[str, bytes], reports: list[dict[str, Any]]) -> None:
    for report in reports:
        document = docx.Document(io.BytesIO(rendered[report["organization"]["id"]]))
        text = all_text(document)
        assert "2026-жылдын 15-январынан кечиктирбестен" in text
        addressee = report.get("addressee") or "Кыргыз Республикасынын Жогорку сотуна"
        assert document.paragraphs[0].text == addressee
        signature = document.tables[-1]
        position, _, name = (cell_text(c) for c in signature.rows[0].cells)
        assert position == report["signature"]["position"]
        assert name == initials_surname(report["signature"]["full_name"])
        assert cell_text(signature.rows[1].cells[2]) == kyrgyz_date(report["signature"]["date"])
        assert re.fullmatch(r"\d{4}-жылдын \d{1,2}-\w+ы", cell_text(signature.rows[1].cells[2]))
        rows = signature._tbl.tr_lst
        assert all(tr.trPr is not None and tr.trPr.find(qn("w:cantSplit")) is not None for tr in rows)


def test_images_only_where_given_and_without_metadata(
    rendered: dict[str, bytes], reports: list[dict[str, Any]]
) -> None:
    for report in reports:
        media = media_parts(rendered[report["organization"]["id"]])
        expected = sum(1 for key in ("signature_image", "seal_image") if report["signature"].get(key))
        assert len(media) == expected, (report["organization"]["id"], sorted(media))
        for name, blob in media.items():
            assert_no_metadata(name, blob)


def test_portrait_a4(rendered: dict[str, bytes]) -> None:
    section = docx.Document(io.BytesIO(next(iter(rendered.values())))).sections[0]
    assert abs(section.page_width.mm - 210) < 1 and abs(section.page_height.mm - 297) < 1


# ---------------------------------------------------------------------------------------------------
# PDF


@pytest.mark.office
def test_pdf_text_fonts_and_letters(converted: dict[str, bytes], reports: list[dict[str, Any]]) -> None:
    by_id = {report["organization"]["id"]: report for report in reports}
    for key, pdf in converted.items():
        report = by_id[key]
        width, height = pdftools.page_size_points(pdf)
        assert abs(width - 595) < 2 and abs(height - 842) < 2, "A4 portrait"
        fonts = pdftools.fonts(pdf)
        assert fonts and all(font.embedded for font in fonts), [f.name for f in fonts if not f.embedded]
        assert {font.family for font in fonts} == {"LiberationSerif"}, "one serif family, no fallback for ң ө ү"
        text = pdftools.text(pdf)
        found = pdf_pieces(pdf)
        words = [word for line in report_texts(report) for word in line.split()]
        missing = [piece for line in report_texts(report) for piece in pieces(line) if piece not in found]
        assert not missing, f"{key}: words missing or broken across lines in the PDF: {missing[:10]}"
        for letter in "ңөү":
            if any(letter in word for word in words):
                assert letter in text, f"{letter} lost in the PDF"
        assert "2026-жылдын 15-январынан кечиктирбестен" in flat(text)
        assert kyrgyz_date(report["signature"]["date"]) in flat(text)


@pytest.mark.office
def test_pdf_marks_overdue_measures(converted: dict[str, bytes], reports: list[dict[str, Any]]) -> None:
    """The mark wraps inside the narrow status column, so it is counted there by its place on the page:
    the last word of the mark, right of where the status column starts (3 cm margin + 13.8 cm)."""
    status_column_left = (3 + 13.8) / 2.54 * 72 - 2
    last_word = OVERDUE_MARK.split()[-1]
    pairs = overdue_pairs(reports)
    for key, pdf in converted.items():
        expected = sum(1 for org, _ in pairs if org == key)
        marks = [w for w in pdf_words_at(pdf) if w[3] == last_word and w[1] >= status_column_left]
        assert len(marks) == expected, key


@pytest.mark.office
def test_pdf_images(converted: dict[str, bytes], reports: list[dict[str, Any]]) -> None:
    by_id = {report["organization"]["id"]: report for report in reports}
    with_images = [key for key in converted if has_images(by_id[key])]
    assert len(with_images) == 2
    for key, pdf in converted.items():
        images = pdf_images(pdf)
        main = [row for row in images if row[2] == "image"]
        expected = sum(1 for k in ("signature_image", "seal_image") if by_id[key]["signature"].get(k))
        assert len(main) == expected, (key, images)
        if expected:
            page = {row[0] for row in main}
            assert len(page) == 1, "signature and seal are on one page"
        assert b"Exif\x00\x00" not in pdf, f"{key}: an image in the PDF carries EXIF"
