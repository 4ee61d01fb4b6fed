"""Build v1 of the two report templates: ``progress_report.docx`` and ``generalized_report.docx``.

After v1 the DOCX files are the source of truth: template editors change them in Word or LibreOffice, and
this script is kept to show how v1 was made and why it looks the way it does. Running it again overwrites
both templates, so do that only to start over.

It follows ``build_action_plan_template.py`` (the order appendix): every part of the package is written
here rather than taken from python-docx's default template, so that there is no theme (whose fonts are
Calibri/Cambria), no numbering part and no unused style, and LibreOffice finds only Times New Roman
(Liberation Serif) to lay out:

- A4 portrait with the margins of an official letter (left 3 cm, right 1.5 cm, top and bottom 2 cm),
  Times New Roman in every font slot of the defaults, language ky-KG, automatic hyphenation off.
- Named styles carry all formatting ("Addressee", "Title", "Body text", "Table header", …, the
  character styles "Strong", "Overdue mark" and "Not due mark", the table styles "Report table" and
  "Signature table"). Paragraphs and runs carry no direct formatting, with one exception below; each
  docxtpl tag sits whole in one run.
- Table column widths come from measuring the longest unbreakable piece of text each column may hold
  in the plan and the sample reports (``check_widths``), so that no word is ever broken inside; the
  numeric columns of the generalized report are 1 cm wide and their headers are turned upright (btLr)
  instead of being broken. Header rows repeat on every page.
- The progress report has one table per measure (№ | measure | deadline | what was done | status, with
  «мөөнөтү өтүп кеткен» in bold under an overdue status and «(мөөнөтү келе элек)» in italics under a
  measure not due this year), then its indicators, problems and next steps; the summary table, the
  heading before it and the signature block keep together on one page.
- The signature block is a borderless table (position | signature over the line | name, date under it)
  whose rows do not split and whose paragraphs keep with the next down to the executor's lines. The seal
  is a paragraph in a Word frame (``framePr``, text flowing through) placed over the left end of the
  signature line, so that it overlaps the position and the signature as a stamped seal does; the frame
  is the one piece of direct paragraph formatting, because LibreOffice ignores ``framePr`` in a style.
  Both images are optional: without them the line is left blank for a handwritten signature.

Usage: ``python tools/build_report_templates.py [--output-dir DIR] [--reports DIR]``
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from report_templates.generalized_report import (
    COMPARISON_COLUMNS,
    COUNT_HEADER_HEIGHT,
    GENERALIZED_COLUMNS,
    PAIR,
    TOTAL_INDICATOR_COLUMNS,
    generalized_report_body,
)
from report_templates.page import BODY_PT, LINE_HEIGHT, TABLE_PT, document
from report_templates.progress_report import (
    INDICATOR_COLUMNS,
    MEASURE_COLUMNS,
    SUMMARY_COLUMNS,
    progress_report_body,
)
from report_templates.signature import (
    SIGNATURE_WIDTHS,
)
from report_templates.styles import styles_xml
from report_templates.tables import (
    NOT_DUE_MARK,
    OVERDUE_MARK,
    STATUSES,
    Column,
)
from wordml import (
    CELL_MARGIN,
    FONT_DIR,
    SAFETY_PT,
    package_parts,
    unbreakable_pieces,
    write_package,
)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT_DIR = ROOT / "templates_docx"
DEFAULT_PLAN = ROOT / "samples" / "action_plan.json"
DEFAULT_REPORTS = ROOT / "samples" / "reports" / "2025"


# Long words of the subject that reports are likely to use even when the samples do not.
LONG_WORDS = (
    "Коррупцияга",
    "видеофиксациялоону",
    "автоматташтырылган",
    "маалыматтык",
    "санариптештирүү",
    "кечиктирбестен",
)


# ---------------------------------------------------------------------------------------------------
# Word measurement


def texts_by_kind(plan: dict, reports: Sequence[dict]) -> dict[str, list[str]]:
    """Every text of the plan and the sample reports, by the kind of column that shows it."""
    texts: dict[str, list[str]] = {
        "number": [str(number) for number in range(1, 100)],
        "measure": [],
        "deadline": [],
        "report": list(LONG_WORDS),
        "status": [*STATUSES, OVERDUE_MARK, NOT_DUE_MARK],
        "indicator": list(LONG_WORDS),
        "unit": ["саны", "адам", "%", "(орточо)"],
        "value": ["1 000 000,25"],
        "summary": [*STATUSES, "Бардыгы", OVERDUE_MARK],
        # counts of organizations: the registry has 20; a three-digit count (18 pt) would still fit the
        # 19.9 pt of a count cell, only without the headroom
        "count": [str(number) for number in range(100)],
        "pair": [f"{before}{PAIR}{after}" for before in (0, 20, 99) for after in (0, 20, 99)],
    }
    for section in plan["sections"]:
        for measure in section["measures"]:
            texts["measure"].append(measure["measure"])
            texts["deadline"].append(measure["deadline"])
    for report in reports:
        for item in report.get("measures", []):
            texts["report"] += [item.get(key) or "" for key in ("done", "problems", "next_steps")]
            for indicator in item.get("indicators", []):
                texts["indicator"].append(indicator["name"])
                texts["unit"].append(indicator["unit"])
    return texts


def check_widths(plan: dict, reports: Sequence[dict]) -> list[tuple[str, Column, str, float]]:
    """Measure the widest unbreakable piece per column and refuse widths that would break a word.

    Returns (table, column, widest piece, its width in pt). Headers are measured in bold; an upright
    header is measured against the header row's height instead of the column's width.
    """
    from PIL import ImageFont

    regular = ImageFont.truetype(str(FONT_DIR / "LiberationSerif-Regular.ttf"), TABLE_PT * 100)
    bold = ImageFont.truetype(str(FONT_DIR / "LiberationSerif-Bold.ttf"), TABLE_PT * 100)
    texts = texts_by_kind(plan, reports)
    tables = {
        "measure": MEASURE_COLUMNS,
        "indicators": INDICATOR_COLUMNS,
        "summary": SUMMARY_COLUMNS,
        "generalized": GENERALIZED_COLUMNS,
        "indicator totals": TOTAL_INDICATOR_COLUMNS,
        "comparison": COMPARISON_COLUMNS,
    }
    report = []
    for table_name, columns in tables.items():
        for column in columns:
            candidates = [
                (piece, regular.getlength(piece) / 100, column.width)
                for text in texts[column.kind]
                for piece in unbreakable_pieces(text, column.whole)
            ]
            header_room = COUNT_HEADER_HEIGHT if column.rotated else column.width
            header = column.header if column.rotated else None
            pieces = [header] if header else unbreakable_pieces(column.header)
            candidates += [(piece, bold.getlength(piece) / 100, header_room) for piece in pieces]
            for piece, width_pt, room in candidates:
                available_pt = (room - 2 * CELL_MARGIN) / 20
                if width_pt + SAFETY_PT > available_pt:
                    raise SystemExit(
                        f"{table_name} table, column {column.header!r} is too narrow: {piece!r} needs "
                        f"{width_pt:.1f} pt + {SAFETY_PT} pt headroom, the cell has {available_pt:.1f} pt"
                    )
            if column.rotated and (column.width - 2 * CELL_MARGIN) / 20 < TABLE_PT * LINE_HEIGHT + SAFETY_PT:
                raise SystemExit(f"{table_name} table, column {column.header!r} cannot hold one upright line")
            piece, width_pt, _ = max(candidates, key=lambda candidate: candidate[1] / candidate[2])
            report.append((table_name, column, piece, width_pt))
    check_signatory_names(reports)
    return report


def signatory_name(full_name: str) -> str:
    """«Асанов Бакыт Токтогулович» → «Б.Т.Асанов», «Токтогулов Нурлан Асан уулу» → «Н.А.Токтогулов»: the
    form ``service.kyrgyz.initials_surname`` prints (this script stays free of the service's imports)."""
    words = full_name.split()
    surname_words = 2 if len(words) > 2 and words[1].casefold() in ("уулу", "кызы") else 1
    surname, rest = " ".join(words[:surname_words]), words[surname_words:]
    return "".join(f"{word[0].upper()}." for word in rest if word.casefold() not in ("уулу", "кызы")) + surname


def check_signatory_names(reports: Sequence[dict]) -> None:
    """The signatory's «initials+surname» (bold, body size) must fit the name column on one line."""
    from PIL import ImageFont

    bold = ImageFont.truetype(str(FONT_DIR / "LiberationSerif-Bold.ttf"), BODY_PT * 100)
    available_pt = (SIGNATURE_WIDTHS[2] - 2 * CELL_MARGIN) / 20
    for report in reports:
        name = signatory_name(report["signature"]["full_name"])
        if bold.getlength(name) / 100 + SAFETY_PT > available_pt:
            raise SystemExit(f"signature block: «{name}» does not fit the name column ({available_pt:.1f} pt)")


def build(output: Path, title: str, body: list[str]) -> None:
    """Write the package atomically; every part is parsed first so that a typo cannot ship."""
    write_package(output, package_parts(title, document(body), styles_xml(), images=True))


TEMPLATES = {
    "progress_report.docx": ("Иш-чаралар планынын аткарылышы жөнүндө отчет", progress_report_body),
    "generalized_report.docx": ("Иш-чаралар планынын аткарылышы жөнүндө жалпыланган отчет", generalized_report_body),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", type=Path, default=DEFAULT_OUTPUT_DIR)
    parser.add_argument("--plan", type=Path, default=DEFAULT_PLAN, help="the plan whose words must fit")
    parser.add_argument("--reports", type=Path, default=DEFAULT_REPORTS, help="sample reports whose words must fit")
    arguments = parser.parse_args()
    plan = json.loads(arguments.plan.read_text(encoding="utf-8"))
    reports = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(arguments.reports.glob("*.json"))]
    for table_name, column, piece, width_pt in check_widths(plan, reports):
        room = COUNT_HEADER_HEIGHT if column.rotated else column.width
        available = (room - 2 * CELL_MARGIN) / 20
        centimetres = column.width / 566.93
        print(
            f"{table_name:17} {column.header:22} {centimetres:4.2f} cm  {piece!r}: {width_pt:.1f} of {available:.1f} pt"
        )
    for name, (title, body) in TEMPLATES.items():
        build(arguments.output_dir / name, title, body())
        print(f"wrote {arguments.output_dir / name}")


if __name__ == "__main__":
    main()
