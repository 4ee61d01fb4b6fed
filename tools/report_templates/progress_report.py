"""The progress report's own part: an organization's report on the plan's measures for one year.

One table per measure (№ | measure | deadline | what was done | status, with «мөөнөтү өтүп кеткен» in bold
under an overdue status and «(мөөнөтү келе элек)» in italics under a measure not due this year), then
its indicators, problems and next steps; the summary table, the heading before it and the signature
block keep together on one page.
"""

from __future__ import annotations

from wordml import cell, control_row, paragraph, row

from .page import TEXT_WIDTH
from .signature import executor_block, issued_paragraph, signature_block
from .tables import NOT_DUE_MARK, OVERDUE_MARK, STATUSES, Column, header_row, table, tag, text_cell

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

for columns in (MEASURE_COLUMNS, INDICATOR_COLUMNS, SUMMARY_COLUMNS):
    assert sum(column.width for column in columns) == TEXT_WIDTH, columns


def measure_table() -> str:
    """One measure's table, repeated by the body's ``{%p for m in measures %}``; its main row may split
    across pages, since what was done can be long, and problems and next steps get a row only when given."""
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
        """A row under the measure's text columns: ``label`` in bold, then ``m.<field>``, when that is set."""
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
    """A measure's indicators, one row each; a missing target shows «—»."""
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
    """The progress report top to bottom: addressee, title, one table per measure with its indicators,
    the summary, the signature block, the executor and the issuance paragraph."""
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
