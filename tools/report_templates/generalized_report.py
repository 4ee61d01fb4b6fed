"""The generalized report's own part: the progress reports of many organizations summed up in one.

The Supreme Court's generalized report, or an oblast or city court's summary of itself and the courts it
controls: per measure, how many organizations report each status; then the indicators summed over the
organizations, the problems they name, a chart, who did not report or reported late and, when last
year's counts are given, both years side by side. The count columns are narrow with upright headers, so
that the measure's text keeps its room.
"""

from __future__ import annotations

from wordml import cell, control_row, paragraph, row

from .page import TEXT_WIDTH
from .signature import blank_signature_block, executor_block, issued_paragraph, signature_block
from .tables import NOT_DUE_MARK, Column, header_row, table, tag, text_cell

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

for columns in (GENERALIZED_COLUMNS, TOTAL_INDICATOR_COLUMNS, COMPARISON_COLUMNS):
    assert sum(column.width for column in columns) == TEXT_WIDTH, columns


def generalized_table() -> str:
    """Per measure, how many organizations report each status, then the totals row; «(мөөнөтү келе элек)»
    under the deadline of a measure not due this year, and an overdue count in bold."""
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
    """Each measure's indicators summed over the organizations (averaged ones marked «(орточо)»), with how
    many organizations gave each."""
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
