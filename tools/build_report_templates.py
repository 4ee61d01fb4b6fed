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

from report_templates.page import BODY_PT, LINE_HEIGHT, TABLE_PT, TEXT_WIDTH, document
from report_templates.signature import (
    SIGNATURE_WIDTHS,
    blank_signature_block,
    executor_block,
    issued_paragraph,
    signature_block,
)
from report_templates.styles import styles_xml
from report_templates.tables import (
    NOT_DUE_MARK,
    OVERDUE_MARK,
    STATUSES,
    Column,
    header_row,
    table,
    tag,
    text_cell,
)
from wordml import (
    CELL_MARGIN,
    FONT_DIR,
    SAFETY_PT,
    cell,
    control_row,
    package_parts,
    paragraph,
    row,
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


# The progress report's table per measure. «автоматташтырылган» 109.3 pt decides «Иш-чара»; «аткарылууда»
# 64.0 pt decides «Абалы»; «жылдыгында» 67.3 pt decides «Мөөнөтү» (a deadline may break after the hyphen
# of «2025-2027-жылдар», as the plan's own texts do); what was done gets the rest, 5.6 cm.
MEASURE_COLUMNS = (
    Column("№", "number", 510),  # 0.9 cm
    Column("Иш-чара", "measure", 2560),  # 4.5 cm
    Column("Мөөнөтү", "deadline", 1600),  # 2.8 cm
    Column("Эмне аткарылды", "report", 3154),  # 5.6 cm
    Column("Абалы", "status", 1530),  # 2.7 cm
)
INDICATOR_COLUMNS = (
    Column("Көрсөткүч", "indicator", 5154),
    Column("Бирдиги", "unit", 1400),
    Column("Мааниси", "value", 1400),
    Column("Максаты", "value", 1400),
)
SUMMARY_COLUMNS = (
    Column("Иш-чаралардын абалы", "summary", 7014),
    Column("Саны", "value", 2340),
)
# The generalized report's summary table: six count columns of 1 cm with upright headers (one line of
# bold 12 pt is 14 pt high), so that the measure's text gets 6.8 cm and its rows, which never split, stay short.
COUNT_WIDTH = 567
GENERALIZED_COLUMNS = (
    Column("№", "number", 510),
    Column("Иш-чара", "measure", 3842),  # 6.8 cm
    Column("Мөөнөтү", "deadline", 1600),  # 2.8 cm
    Column("аткарылды", "count", COUNT_WIDTH, rotated=True),
    Column("аткарылууда", "count", COUNT_WIDTH, rotated=True),
    Column("аткарылган эмес", "count", COUNT_WIDTH, rotated=True),
    Column("мөөнөтү келе элек", "count", COUNT_WIDTH, rotated=True),
    Column("маалымат жок", "count", COUNT_WIDTH, rotated=True),
    Column("мөөнөтү өткөн", "count", COUNT_WIDTH, rotated=True),
)
COUNT_HEADER_HEIGHT = 2268  # 4.0 cm: «мөөнөтү келе элек» upright in bold 12 pt on one line
# Year over year: each count cell holds «12 → 15» (last year → this year, no-break spaces), 1.8 cm.
PAIR_WIDTH = 1020
PAIR = "\u00a0→\u00a0"
COMPARISON_COLUMNS = (
    Column("№", "number", 510),
    Column("Иш-чара", "measure", 4764),  # 8.4 cm
    Column("аткарылды", "pair", PAIR_WIDTH, rotated=True),
    Column("аткарылууда", "pair", PAIR_WIDTH, rotated=True),
    Column("аткарылган эмес", "pair", PAIR_WIDTH, rotated=True),
    Column("мөөнөтү өткөн", "pair", PAIR_WIDTH, rotated=True),
)
TOTAL_INDICATOR_COLUMNS = (
    Column("№", "number", 510),
    Column("Көрсөткүч", "indicator", 3504),
    Column("Бирдиги", "unit", 1260),
    Column("Жалпы", "value", 1260),
    Column("Максаты", "value", 1260),
    Column("Уюмдардын саны", "value", 1560),
)
for columns in (
    MEASURE_COLUMNS,
    INDICATOR_COLUMNS,
    SUMMARY_COLUMNS,
    GENERALIZED_COLUMNS,
    TOTAL_INDICATOR_COLUMNS,
    COMPARISON_COLUMNS,
):
    assert sum(column.width for column in columns) == TEXT_WIDTH, columns


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


# ---------------------------------------------------------------------------------------------------
# The progress report


def measure_table() -> str:
    number, measure, deadline, report, status = MEASURE_COLUMNS
    main = row(
        [
            text_cell(number, paragraph("TableTextCentred", "{{ m.number }}")),
            text_cell(measure, paragraph("TableText", "{{ m.measure }}")),
            text_cell(deadline, paragraph("TableTextCentred", "{{ m.deadline }}")),
            text_cell(report, paragraph("TableText", '{{ m.done or "—" }}')),
            text_cell(
                status,
                paragraph("TableTextCentred", "{{ m.status }}"),
                tag("{%p if m.overdue %}"),
                paragraph("TableTextCentred", (OVERDUE_MARK, "OverdueMark")),
                tag("{%p endif %}"),
                tag(f'{{%p if not m.due and m.status != "{STATUSES[3]}" %}}'),
                paragraph("TableTextCentred", (NOT_DUE_MARK, "NotDueMark")),
                tag("{%p endif %}"),
            ),
        ],
        cant_split=False,
    )
    span = sum(column.width for column in MEASURE_COLUMNS[1:])

    def note(label: str, field: str) -> list[str]:
        return [
            control_row(f"{{%tr if m.{field} %}}", MEASURE_COLUMNS),
            row(
                [
                    text_cell(number, paragraph("TableTextCentred")),
                    cell(span, [paragraph("TableText", (label, "Strong"), f"{{{{ m.{field} }}}}")], span=4),
                ],
                cant_split=False,
            ),
            control_row("{%tr endif %}", MEASURE_COLUMNS),
        ]

    rows = [
        header_row(MEASURE_COLUMNS),
        main,
        *note("Көйгөйлөр жана алардын себептери: ", "problems"),
        *note("Кийинки кадамдар: ", "next_steps"),
    ]
    return table(MEASURE_COLUMNS, rows)


def indicator_table() -> str:
    name, unit, value, target = INDICATOR_COLUMNS
    rows = [
        header_row(INDICATOR_COLUMNS),
        control_row("{%tr for i in m.indicators %}", INDICATOR_COLUMNS),
        row(
            [
                text_cell(name, paragraph("TableText", "{{ i.name }}")),
                text_cell(unit, paragraph("TableTextCentred", "{{ i.unit }}")),
                text_cell(value, paragraph("TableTextCentred", "{{ i.value_text }}")),
                text_cell(target, paragraph("TableTextCentred", '{{ i.target_text or "—" }}')),
            ]
        ),
        control_row("{%tr endfor %}", INDICATOR_COLUMNS),
    ]
    return table(INDICATOR_COLUMNS, rows)


def summary_table() -> str:
    """The counts by status; its paragraphs keep with the next, so that the table, the heading before it
    and the signature block after it stay on one page."""
    label, count = SUMMARY_COLUMNS
    lines = [
        ("Отчетто көрсөтүлгөн иш-чаралар, бардыгы", "total"),
        ("анын ичинде: аткарылды", "done"),
        ("аткарылууда", "in_progress"),
        ("аткарылган эмес", "not_done"),
        ("мөөнөтү келе элек", "not_yet_due"),
        ("Мөөнөтү өтүп кеткен иш-чаралар", "overdue"),
    ]
    rows = [header_row(SUMMARY_COLUMNS)]
    for text, key in lines:
        style = "SummaryText" if key in ("total", "done", "overdue") else "SummaryTextIndented"
        rows.append(
            row(
                [
                    text_cell(label, paragraph(style, text)),
                    text_cell(count, paragraph("SummaryNumber", f"{{{{ summary.{key} }}}}")),
                ]
            )
        )
    return table(SUMMARY_COLUMNS, rows)


def progress_report_body() -> list[str]:
    return [
        paragraph("Addressee", "{{ addressee }}"),
        paragraph("Title", "{{ organization.name }}"),
        paragraph("Subtitle", "{{ plan_title }} боюнча {{ year }}-жылы аткарылган иштер жөнүндө"),
        paragraph("Title", "ОТЧЕТ"),
        paragraph(
            "BodyText",
            "Иш-чаралар планынын 11-пунктуна ылайык, {{ year }}-жылдын жыйынтыгы боюнча отчет "
            "{{ due_date }} кечиктирбестен берилет.",
        ),
        paragraph("Heading", "I. Иш-чаралардын аткарылышы"),
        tag("{%p for m in measures %}"),
        measure_table(),
        tag("{%p if m.indicators %}"),
        paragraph("TableCaption", "{{ m.number }}-иш-чаранын көрсөткүчтөрү"),
        indicator_table(),
        tag("{%p endif %}"),
        paragraph("TableGap"),
        tag("{%p endfor %}"),
        paragraph("Heading", "II. Жыйынтык"),
        summary_table(),
        paragraph("SignatureStart"),
        *signature_block(),
        *executor_block(),
        issued_paragraph(),
    ]


# ---------------------------------------------------------------------------------------------------
# The generalized report


def generalized_table() -> str:
    number, measure, deadline, *counts = GENERALIZED_COLUMNS
    keys = ("done", "in_progress", "not_done", "not_yet_due", "not_reported", "overdue")
    rows = [
        header_row(GENERALIZED_COLUMNS, height=COUNT_HEADER_HEIGHT),
        control_row("{%tr for m in measures %}", GENERALIZED_COLUMNS),
        row(
            [
                text_cell(number, paragraph("TableTextCentred", "{{ m.number }}")),
                text_cell(measure, paragraph("TableText", "{{ m.measure }}")),
                text_cell(
                    deadline,
                    paragraph("TableTextCentred", "{{ m.deadline }}"),
                    tag("{%p if not m.due %}"),
                    paragraph("TableTextCentred", (NOT_DUE_MARK, "NotDueMark")),
                    tag("{%p endif %}"),
                ),
                *[
                    text_cell(column, paragraph("TableNumber", f"{{{{ m.{key} }}}}"))
                    for column, key in zip(counts[:-1], keys[:-1], strict=True)
                ],
                text_cell(
                    counts[-1],
                    paragraph(
                        "TableNumber",
                        ("{% if m.overdue %}{{ m.overdue }}{% endif %}", "OverdueMark"),
                        "{% if not m.overdue %}0{% endif %}",
                    ),
                ),
            ],
        ),
        control_row("{%tr endfor %}", GENERALIZED_COLUMNS),
        row(
            [
                cell(
                    number.width + measure.width + deadline.width,
                    [paragraph("TableText", ("Бардыгы", "Strong"))],
                    span=3,
                ),
                *[  # all six: «маалымат жок» and «мөөнөтү өткөн» were blank before issue 12
                    text_cell(column, paragraph("TableNumber", (f"{{{{ totals.{key} }}}}", "Strong")))
                    for column, key in zip(counts, keys, strict=True)
                ],
            ]
        ),
    ]
    return table(GENERALIZED_COLUMNS, rows)


def indicator_totals_table() -> str:
    number, name, unit, total, target, organizations = TOTAL_INDICATOR_COLUMNS
    rows = [
        header_row(TOTAL_INDICATOR_COLUMNS),
        control_row("{%tr for m in measures %}", TOTAL_INDICATOR_COLUMNS),
        control_row("{%tr for i in m.indicators %}", TOTAL_INDICATOR_COLUMNS),
        row(
            [
                text_cell(number, paragraph("TableTextCentred", "{{ m.number }}")),
                text_cell(name, paragraph("TableText", "{{ i.name }}")),
                text_cell(unit, paragraph("TableTextCentred", "{{ i.unit }}{% if i.averaged %} (орточо){% endif %}")),
                text_cell(total, paragraph("TableTextCentred", "{{ i.total }}")),
                text_cell(target, paragraph("TableTextCentred", '{{ i.target or "—" }}')),
                text_cell(organizations, paragraph("TableTextCentred", "{{ i.organizations }}")),
            ]
        ),
        control_row("{%tr endfor %}", TOTAL_INDICATOR_COLUMNS),
        control_row("{%tr endfor %}", TOTAL_INDICATOR_COLUMNS),
    ]
    return table(TOTAL_INDICATOR_COLUMNS, rows)


def comparison_table() -> str:
    """Year over year: per measure, the organizations per status last year and this year («12 → 15»)."""
    number, measure, *pairs = COMPARISON_COLUMNS
    keys = ("done", "in_progress", "not_done", "overdue")
    rows = [
        header_row(COMPARISON_COLUMNS, height=COUNT_HEADER_HEIGHT),
        control_row("{%tr for r in comparison.rows %}", COMPARISON_COLUMNS),
        row(
            [
                text_cell(number, paragraph("TableTextCentred", "{{ r.number }}")),
                text_cell(measure, paragraph("TableText", "{{ r.measure }}")),
                *[
                    text_cell(column, paragraph("TableNumber", f"{{{{ r.before.{key} }}}}{PAIR}{{{{ r.now.{key} }}}}"))
                    for column, key in zip(pairs, keys, strict=True)
                ],
            ]
        ),
        control_row("{%tr endfor %}", COMPARISON_COLUMNS),
    ]
    return table(COMPARISON_COLUMNS, rows)


def generalized_report_body() -> list[str]:
    """The Supreme Court's generalized report, and (``region`` set) an oblast or city court's summary of
    itself and the courts it controls: the same shape, its own title and introduction."""
    return [
        paragraph("Addressee", "{{ addressee }}"),
        paragraph("Subtitle", "{{ plan_title }} боюнча {{ year }}-жылы аткарылган иштер жөнүндө"),
        tag("{%p if region %}"),
        paragraph("Title", "ЖЫЙЫНТЫКТООЧУ ОТЧЕТ"),
        paragraph("Subtitle", "{{ region }} жана ал көзөмөлдөгөн соттор"),
        paragraph(
            "BodyText",
            "Иш-чаралар планынын 11-пунктуна ылайык, облустук соттордун жана Бишкек шаардык сотунун "
            "жетекчилиги жергиликтүү соттордун ишин көзөмөлдөйт жана алардын аткарган иштерин жыйынтыктайт. "
            "Бул отчет {{ year }}-жылдын жыйынтыгы боюнча отчеттордон түзүлдү жана Кыргыз Республикасынын "
            "Жогорку сотуна {{ due_date }} кечиктирбестен берилет.",
        ),
        tag("{%p else %}"),
        paragraph("Title", "ЖАЛПЫЛАНГАН ОТЧЕТ"),
        paragraph(
            "BodyText",
            "Иш-чаралар планынын 11-пунктуна ылайык, соттор жана Сот департаментинин түзүмдүк бөлүмдөрү "
            "{{ year }}-жылдын жыйынтыгы боюнча отчетторун Кыргыз Республикасынын Жогорку сотуна беришти; "
            "жалпыланган отчет {{ due_date }} кечиктирбестен жиберилет.",
        ),
        tag("{%p endif %}"),
        paragraph(
            "BodyText",
            "Отчет берүүгө милдеттүү {{ expected_count }} уюмдун ичинен {{ reporting_count }} уюм отчет берди.",
        ),
        paragraph("Heading", "I. Иш-чаралар боюнча жыйынтык"),
        paragraph("TableCaption", "Иш-чаралардын абалы (уюмдардын саны боюнча)"),
        generalized_table(),
        paragraph("Heading", "II. Көрсөткүчтөр"),
        tag('{%p if measures|selectattr("indicators")|list %}'),
        paragraph(
            "TableNote",
            "Көрсөткүчтөр уюмдар боюнча кошулду; пайыз менен берилгендери үчүн орточо мааниси көрсөтүлдү.",
        ),
        indicator_totals_table(),
        paragraph("TableEnd"),
        tag("{%p else %}"),
        paragraph("BodyText", "Уюмдар сандык көрсөткүчтөрдү көрсөткөн жок."),
        tag("{%p endif %}"),
        paragraph("Heading", "III. Уюмдар көрсөткөн көйгөйлөр"),
        tag('{%p if measures|selectattr("problems")|list %}'),
        tag("{%p for m in measures %}"),
        tag("{%p if m.problems %}"),
        paragraph("ProblemMeasure", "{{ m.number }}-иш-чара боюнча:"),
        tag("{%p for p in m.problems %}"),
        paragraph("Problem", ("{{ p.organization }}", "Strong"), " — {{ p.text }}"),
        tag("{%p endfor %}"),
        tag("{%p endif %}"),
        tag("{%p endfor %}"),
        tag("{%p else %}"),
        paragraph("BodyText", "Уюмдар көйгөйлөрдү көрсөткөн жок."),
        tag("{%p endif %}"),
        paragraph("Heading", "IV. Диаграмма"),
        paragraph("Chart", "{{ chart }}"),
        paragraph("ChartCaption", "Иш-чаралардын аткарылышы: ар бир абал боюнча уюмдардын саны"),
        paragraph("Heading", "V. Отчет бербеген уюмдар"),
        tag("{%p if missing %}"),
        paragraph("BodyText", "Төмөнкү уюмдар {{ year }}-жылдын жыйынтыгы боюнча отчет берген жок:"),
        tag("{%p for name in missing %}"),
        paragraph("ListItem", "{{ loop.index }}. {{ name }}"),
        tag("{%p endfor %}"),
        tag("{%p else %}"),
        paragraph("BodyText", "Отчет берүүгө милдеттүү бардык уюмдар отчет беришти."),
        tag("{%p endif %}"),
        tag("{%p if late %}"),
        paragraph("BodyText", "Төмөнкү уюмдардын отчеттору {{ report_due_date }} кийин келди:"),
        tag("{%p for item in late %}"),
        paragraph("ListItem", "{{ loop.index }}. {{ item.name }} — {{ item.date }}"),
        tag("{%p endfor %}"),
        tag("{%p endif %}"),
        tag("{%p if comparison %}"),
        paragraph("Heading", "VI. {{ comparison.previous_year }}-жыл менен салыштыруу"),
        paragraph(
            "TableCaption",
            "Иш-чаралардын абалы (уюмдардын саны боюнча): {{ comparison.previous_year }}-жыл → {{ year }}-жыл",
        ),
        comparison_table(),
        paragraph("TableEnd"),
        tag("{%p endif %}"),
        paragraph("SignatureStart"),
        tag("{%p if signature %}"),
        *signature_block(),
        tag("{%p else %}"),
        *blank_signature_block(),
        tag("{%p endif %}"),
        tag("{%p if executor %}"),
        *executor_block(),
        tag("{%p endif %}"),
        issued_paragraph(),
    ]


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
