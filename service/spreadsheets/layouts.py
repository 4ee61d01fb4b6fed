"""How each document is laid out in a workbook (and a CSV file): sheet names, labels, headers, value kinds.

One description serves both directions: ``blanks`` writes workbooks from it and ``reading`` reads them back
by it, so a header renamed here is renamed in both, and the instruction sheet is written from the same hints.
Sheets and columns are found by their Kyrgyz names (compared after ``normalize``), not by position: a clerk
may reorder columns, but not rename them.

Two shapes of sheet:

- a *form* sheet holds the document's single fields as label / value rows (``Буйрук``, ``Отчет``);
- a *table* sheet has one header row, then one row per item (a measure, an indicator).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

INSTRUCTIONS_SHEET = "Нускама"
LISTS_SHEET = "Тизмелер"  # hidden: the drop-down lists' values (Excel limits inline lists to 255 characters)
FORM_HEADERS = ("Талаа", "Маани", "Түшүндүрмө")
CSV_SHEET = "CSV"  # the "sheet" a CSV file's places name

YES_WORDS = ("ооба", "да", "yes", "true", "1")
NO_WORDS = ("жок", "нет", "no", "false", "0")


class Kind(enum.StrEnum):
    """What a cell holds, which decides how it is written, offered (drop-down) and read back."""

    TEXT = "text"  # free text; line breaks are kept
    LINES = "lines"  # a list: one item per line inside the cell
    INTEGER = "integer"
    NUMBER = "number"  # a decimal comma is accepted
    DATE = "date"  # a real date cell (dd.mm.yyyy); text dates 2026-01-15 and 15.01.2026 are accepted
    YES_NO = "yes_no"  # «ооба» / «жок»
    STATUS = "status"  # one of the four statuses (drop-down)
    MEASURE = "measure"  # a measure number of the plan in force (drop-down)
    ORGANIZATION = "organization"  # a name from the registry (drop-down); read back as the registry entry
    INFO = "info"  # shown to help the clerk (the measure's text from the plan); never read


@dataclass(frozen=True)
class Field:
    """One label row of a form sheet, or one column of a table sheet."""

    key: str  # where the value goes: a dotted path in the document ("approving_order.year") or a row's key
    label: str  # the Kyrgyz label or header the clerk sees, and the reader looks for
    kind: Kind = Kind.TEXT
    required: bool = True
    hint: str = ""  # one sentence for the instruction sheet and the header's comment
    width: int = 20  # column width in characters (tables)


@dataclass(frozen=True)
class FormSheet:
    """A sheet of label / value rows: column A the label, B the value, C a hint (not read)."""

    name: str
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class TableSheet:
    """A sheet with one header row (row 1) and one row per item; empty rows are skipped."""

    name: str
    columns: tuple[Field, ...]
    required: bool = True  # the sheet must be in the workbook and have at least one filled row
    note: str = ""  # for the instruction sheet

    def column(self, key: str) -> Field:
        return next(column for column in self.columns if column.key == key)


@dataclass(frozen=True)
class Layout:
    """A document's workbook: its form sheet, its table sheets, and what the instruction sheet says."""

    document: str
    title: str
    filename: str  # of the blank and example workbooks, without suffix
    form: FormSheet
    tables: tuple[TableSheet, ...]
    notes: tuple[str, ...]

    def sheets(self) -> tuple[FormSheet | TableSheet, ...]:
        return (self.form, *self.tables)


def normalize(text: object) -> str:
    """A label or header as compared: case, repeated spaces, a required-mark ``*`` and a colon do not count."""
    folded = " ".join(str(text or "").replace("\u00a0", " ").split()).casefold()
    return re.sub(r"[\s*:]+$", "", folded)


GENERAL_NOTES = (
    "Бул китепти Kagaz түздү. Аны толтуруп, Kagaz баракчасына жүктөңүз: Kagaz андан расмий документти "
    "(DOCX же PDF) даярдайт.",
    "Барактардын, тилкелердин жана талаалардын аталыштарын өзгөртпөңүз: Kagaz аларды аты боюнча табат. "
    "Тилкелердин ордун алмаштырса болот.",
    "* белгиси бар талаалар жана тилкелер милдеттүү.",
    "Бир уячага бир нече сап жазуу үчүн Alt+Enter (Mac: Option+Enter) басыңыз.",
    "Даталарды дата катары жазыңыз, мисалы 15.01.2026.",
    "Абалын, иш-чаранын номурун жана уюмду ылдый түшүүчү тизмеден тандаңыз.",
    "Формула колдонсоңуз, файлды Excel же LibreOffice менен сактаңыз: Kagaz эсептелген маанини окуйт.",
    "Бош саптар эсепке алынбайт. Ката болсо, Kagaz барактын, саптын жана тилкенин атын көрсөтөт.",
    "Файлды .xlsx (Excel китеби) катары сактаңыз. Эски .xls форматы жана сырсөз менен корголгон файлдар окулбайт.",
)

CSV_NOTES = (
    "CSV катары да жөнөтсө болот: UTF-8 коддоосунда (Excel: «CSV UTF-8»), бөлгүч үтүр (,) же үтүрлүү чекит (;).",
    "CSV файлынын түзүлүшү: адегенде «Талаа;Маани» саптары (бул китептин биринчи барагындагыдай), андан "
    "кийин бош сап жана таблица: баш сабы (тилкелердин аталыштары) жана саптары.",
)

ACTION_PLAN = Layout(
    document="action-plan",
    title="Иш-чаралар планы: таблицаны толтуруу боюнча нускама",
    filename="action_plan",
    form=FormSheet(
        "Буйрук",
        (
            Field("approving_order.year", "Жылы", Kind.INTEGER, hint="Буйруктун жылы, мисалы 2025."),
            Field(
                "approving_order.date",
                "Буйруктун күнү",
                Kind.DATE,
                required=False,
                hint="Буйрукка кол коюлганга чейин бош калтырыңыз: документте « » басылат.",
            ),
            Field(
                "approving_order.number",
                "Буйруктун номери",
                required=False,
                hint="Бош болсо, документте _____ басылат.",
            ),
            Field(
                "approving_order.acting",
                "Милдетин аткаруучу (м.а.)",
                Kind.YES_NO,
                required=False,
                hint="«ооба»: директордун милдетин аткаруучу кол коёт.",
            ),
            Field(
                "approving_order.issuer_position",
                "Буйрук чыгаруучунун кызматы",
                Kind.LINES,
                required=False,
                hint="Ар бир сап өзүнчө; бош болсо: «Кыргыз Республикасынын / Жогорку сотуна караштуу / "
                "Сот департаментинин / директорунун».",
            ),
            Field("title", "Пландын аталышы", hint="Тиркеменин ортодо жоон арип менен басылган аталышы."),
        ),
    ),
    tables=(
        TableSheet(
            "Иш-чаралар",
            (
                Field("section", "Бөлүм №", Kind.INTEGER, hint="Бөлүмдүн номуру: 1, 2, 3 …", width=9),
                Field(
                    "section_title",
                    "Бөлүмдүн аталышы",
                    required=False,
                    hint="Бөлүмдүн биринчи сабында жазылат; кийинки саптарда бош калса болот.",
                    width=34,
                ),
                Field("number", "№", Kind.INTEGER, hint="Иш-чаранын номуру, бүт план боюнча кайталанбайт.", width=6),
                Field("task", "Милдеттер", hint="Иш-чара аткарган милдет.", width=34),
                Field("measure", "Иш-чаралар", hint="Эмне жасалат.", width=48),
                Field(
                    "deadline",
                    "Ишке ашыруу мөөнөттөрү",
                    hint="Жазылгандай: «Ар дайым», «2025-жыл», «2025-2027-жылдар» …",
                    width=18,
                ),
                Field("expected_results", "Күтүлүүчү жыйынтыктар", width=44),
                Field(
                    "responsible",
                    "Жооптуу аткаруучулар",
                    Kind.LINES,
                    hint="Ар бир аткаруучу өзүнчө сапта (Alt+Enter).",
                    width=40,
                ),
            ),
            note="Ар бир иш-чара өзүнчө сап; бөлүмдөр номурунун тартибинде.",
        ),
    ),
    notes=(),
)

PROGRESS_REPORT = Layout(
    document="progress-report",
    title="Иш-чаралар планынын аткарылышы жөнүндө отчет: таблицаны толтуруу боюнча нускама",
    filename="progress_report",
    form=FormSheet(
        "Отчет",
        (
            Field("year", "Жылы", Kind.INTEGER, hint="Отчеттук жыл, мисалы 2025."),
            Field("organization", "Уюм", Kind.ORGANIZATION, hint="Тизмеден тандаңыз."),
            Field(
                "addressee",
                "Кимге",
                required=False,
                hint="Бош болсо: «Кыргыз Республикасынын Жогорку сотуна».",
            ),
            Field("signature.position", "Кол коюучунун кызматы", hint="Эки сапка бөлсө болот (Alt+Enter)."),
            Field("signature.full_name", "Кол коюучунун аты-жөнү", hint="Фамилиясы Аты Атасынын аты."),
            Field("signature.date", "Кол коюлган күнү", Kind.DATE, hint="Мисалы 15.01.2026."),
            Field("executor.name", "Аткаруучу", hint="Отчетту даярдаган кызматкер."),
            Field("executor.phone", "Аткаруучунун телефону", hint="Мисалы 0312 66-00-00."),
        ),
    ),
    tables=(
        TableSheet(
            "Иш-чаралар",
            (
                Field("measure", "Иш-чара №", Kind.MEASURE, hint="Пландагы иш-чаранын номуру (тизмеден).", width=10),
                Field(
                    "plan_text",
                    "Пландагы иш-чара (маалымат үчүн)",
                    Kind.INFO,
                    required=False,
                    hint="Пландан алынган; Kagaz аны окубайт.",
                    width=40,
                ),
                Field("status", "Абалы", Kind.STATUS, hint="Тизмеден тандаңыз.", width=18),
                Field(
                    "done",
                    "Эмне аткарылды",
                    required=False,
                    hint="«аткарылды» жана «аткарылууда» үчүн милдеттүү.",
                    width=50,
                ),
                Field("problems", "Көйгөйлөр жана алардын себептери", required=False, width=34),
                Field("next_steps", "Кийинки кадамдар", required=False, width=34),
            ),
            note="Ар бир иш-чара өзүнчө сап; абалы жазылбаган саптар эсепке алынбайт.",
        ),
        TableSheet(
            "Көрсөткүчтөр",
            (
                Field("measure", "Иш-чара №", Kind.MEASURE, hint="«Иш-чаралар» барагындагы номур.", width=10),
                Field("name", "Көрсөткүч", hint="Мисалы: «Өткөрүлгөн окуулар».", width=44),
                Field("unit", "Өлчөм бирдиги", hint="«саны», «адам», «%» …", width=16),
                Field("value", "Мааниси", Kind.NUMBER, width=12),
                Field("target", "Максаты", Kind.NUMBER, required=False, hint="Пландалган маани, болсо.", width=12),
            ),
            required=False,
            note="Сандык көрсөткүчтөр, болсо; ар бири өзүнчө сап.",
        ),
    ),
    notes=(
        "Кол тамганын жана мөөрдүн сүрөттөрүн (PNG же JPEG) Kagaz баракчасында файл менен кошо жүктөңүз.",
        "CSV файлында «Иш-чаралар» таблицасынан кийин бош сап жана «Көрсөткүчтөр» таблицасы келет.",
    ),
)

LAYOUTS: dict[str, Layout] = {layout.document: layout for layout in (ACTION_PLAN, PROGRESS_REPORT)}
