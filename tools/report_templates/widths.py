"""Why no table of the reports ever breaks a word: every column is measured against the words it may hold.

Column widths were chosen by measuring, in Liberation Serif (Times New Roman's metric twin), the longest
unbreakable piece of text each column may hold in the plan and the sample reports; ``check_widths``
repeats that measurement on every build and refuses a width that would break a word (or an upright
header, or a signatory's name, that would not fit), so that a new column, a narrower one or a longer
word in the samples is caught here and not in a printed report.
"""

from __future__ import annotations

from collections.abc import Sequence

from wordml import CELL_MARGIN, FONT_DIR, SAFETY_PT, unbreakable_pieces

from .generalized_report import (
    COMPARISON_COLUMNS,
    COUNT_HEADER_HEIGHT,
    GENERALIZED_COLUMNS,
    PAIR,
    TOTAL_INDICATOR_COLUMNS,
)
from .page import BODY_PT, LINE_HEIGHT, TABLE_PT
from .progress_report import INDICATOR_COLUMNS, MEASURE_COLUMNS, SUMMARY_COLUMNS
from .signature import SIGNATURE_WIDTHS
from .tables import NOT_DUE_MARK, OVERDUE_MARK, STATUSES, Column

# Long words of the subject that reports are likely to use even when the samples do not.
LONG_WORDS = (
    "Коррупцияга",
    "видеофиксациялоону",
    "автоматташтырылган",
    "маалыматтык",
    "санариптештирүү",
    "кечиктирбестен",
)


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
    form ``service.kyrgyz.initials_surname`` prints (the tools stay free of the service's imports)."""
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
