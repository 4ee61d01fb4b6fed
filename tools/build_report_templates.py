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

The templates' parts live in ``tools/report_templates/``, one module each (its ``__init__`` lists them);
this script checks the column widths and writes the two packages with ``wordml``.

Usage: ``python tools/build_report_templates.py [--output-dir DIR] [--reports DIR]``
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from report_templates.generalized_report import COUNT_HEADER_HEIGHT, generalized_report_body
from report_templates.page import document
from report_templates.progress_report import progress_report_body
from report_templates.styles import styles_xml
from report_templates.widths import check_widths
from wordml import CELL_MARGIN, package_parts, write_package

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT_DIR = ROOT / "templates_docx"
DEFAULT_PLAN = ROOT / "samples" / "action_plan.json"
DEFAULT_REPORTS = ROOT / "samples" / "reports" / "2025"


def build(output: Path, title: str, body: list[str]) -> None:
    """Write the package atomically; every part is parsed first so that a typo cannot ship."""
    write_package(output, package_parts(title, document(body), styles_xml(), images=True))


TEMPLATES = {
    "progress_report.docx": ("Иш-чаралар планынын аткарылышы жөнүндө отчет", progress_report_body),
    "generalized_report.docx": ("Иш-чаралар планынын аткарылышы жөнүндө жалпыланган отчет", generalized_report_body),
}


def main() -> None:
    """Measure every column against the plan's and the sample reports' words, print how full the widest
    piece leaves it, then write both templates; a column too narrow stops the build before anything is written."""
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
