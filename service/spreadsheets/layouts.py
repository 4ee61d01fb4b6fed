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

WORKBOOK_LANGUAGES = ("ky", "ru")
INSTRUCTIONS_SHEETS = {"ky": "Нускама", "ru": "Инструкция"}
INSTRUCTIONS_SHEET = INSTRUCTIONS_SHEETS["ky"]
LISTS_SHEETS = {"ky": "Тизмелер", "ru": "Списки"}  # hidden: drop-down values (Excel limits inline lists to 255 chars)
LISTS_SHEET = LISTS_SHEETS["ky"]
FORM_HEADERS_BY_LANGUAGE = {"ky": ("Талаа", "Маани", "Түшүндүрмө"), "ru": ("Поле", "Значение", "Пояснение")}
FORM_HEADERS = FORM_HEADERS_BY_LANGUAGE["ky"]
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
    ru: str = ""  # the Russian label: the Russian workbook's, and accepted in any workbook
    hint_ru: str = ""

    @property
    def labels(self) -> tuple[str, ...]:
        """Every name the reader accepts for this field (Kyrgyz, Russian)."""
        return (self.label, self.ru) if self.ru else (self.label,)

    def label_in(self, language: str) -> str:
        return self.ru if language == "ru" and self.ru else self.label

    def hint_in(self, language: str) -> str:
        return self.hint_ru if language == "ru" else self.hint


@dataclass(frozen=True)
class FormSheet:
    """A sheet of label / value rows: column A the label, B the value, C a hint (not read)."""

    name: str
    fields: tuple[Field, ...]
    ru: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, self.ru) if self.ru else (self.name,)

    def name_in(self, language: str) -> str:
        return self.ru if language == "ru" and self.ru else self.name


@dataclass(frozen=True)
class TableSheet:
    """A sheet with one header row (row 1) and one row per item; empty rows are skipped."""

    name: str
    columns: tuple[Field, ...]
    required: bool = True  # the sheet must be in the workbook and have at least one filled row
    note: str = ""  # for the instruction sheet
    ru: str = ""
    note_ru: str = ""
    fill_down: tuple[str, ...] = ()  # columns whose cell may be merged down over the rows it groups

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, self.ru) if self.ru else (self.name,)

    def name_in(self, language: str) -> str:
        return self.ru if language == "ru" and self.ru else self.name

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
    title_ru: str = ""
    notes_ru: tuple[str, ...] = ()

    def sheets(self) -> tuple[FormSheet | TableSheet, ...]:
        return (self.form, *self.tables)


def normalize(text: object) -> str:
    """A label or header as compared: case, repeated spaces, a required-mark ``*``, a colon and ё/е do not count."""
    folded = " ".join(str(text or "").replace("\u00a0", " ").split()).casefold().replace("ё", "е")
    return re.sub(r"[\s*:]+$", "", folded)


ACTION_PLAN = Layout(
    document="action-plan",
    title="Иш-чаралар планы: таблицаны толтуруу боюнча нускама",
    filename="action_plan",
    form=FormSheet(
        "Буйрук",
        ru="Приказ",
        fields=(
            Field(
                "approving_order.year",
                "Жылы",
                Kind.INTEGER,
                hint="Буйруктун жылы, мисалы 2025.",
                ru="Год",
                hint_ru="Год приказа, например 2025.",
            ),
            Field(
                "approving_order.date",
                "Буйруктун күнү",
                Kind.DATE,
                required=False,
                hint="Буйрукка кол коюлганга чейин бош калтырыңыз: документте « » басылат.",
                ru="Дата приказа",
                hint_ru="Оставьте пустой, пока приказ не подписан: в документе будет « ».",
            ),
            Field(
                "approving_order.number",
                "Буйруктун номери",
                required=False,
                hint="Бош болсо, документте _____ басылат.",
                ru="Номер приказа",
                hint_ru="Если пусто, в документе будет _____.",
            ),
            Field(
                "approving_order.acting",
                "Милдетин аткаруучу (м.а.)",
                Kind.YES_NO,
                required=False,
                hint="«ооба»: директордун милдетин аткаруучу кол коёт.",
                ru="Исполняющий обязанности (и.о.)",
                hint_ru="«да»: подписывает исполняющий обязанности директора.",
            ),
            Field(
                "approving_order.issuer_position",
                "Буйрук чыгаруучунун кызматы",
                Kind.LINES,
                required=False,
                hint="Ар бир сап өзүнчө; бош болсо: «Кыргыз Республикасынын / Жогорку сотуна караштуу / "
                "Сот департаментинин / директорунун».",
                ru="Должность издавшего приказ",
                hint_ru="Каждая строка отдельно; если пусто: «Кыргыз Республикасынын / Жогорку сотуна караштуу / "
                "Сот департаментинин / директорунун».",
            ),
            Field(
                "title",
                "Пландын аталышы",
                hint="Тиркеменин ортодо жоон арип менен басылган аталышы.",
                ru="Название плана",
                hint_ru="Название приложения, напечатанное жирным шрифтом по центру.",
            ),
        ),
    ),
    tables=(
        TableSheet(
            "Иш-чаралар",
            (
                Field(
                    "section",
                    "Бөлүм №",
                    Kind.INTEGER,
                    hint="Бөлүмдүн номуру: 1, 2, 3 …",
                    width=9,
                    ru="Раздел №",
                    hint_ru="Номер раздела: 1, 2, 3 …",
                ),
                Field(
                    "section_title",
                    "Бөлүмдүн аталышы",
                    required=False,
                    hint="Бөлүмдүн биринчи сабында жазылат; кийинки саптарда бош калса болот.",
                    width=34,
                    ru="Название раздела",
                    hint_ru="Пишется в первой строке раздела; в следующих строках можно не писать.",
                ),
                Field(
                    "number",
                    "№",
                    Kind.INTEGER,
                    hint="Иш-чаранын номуру, бүт план боюнча кайталанбайт.",
                    width=6,
                    hint_ru="Номер мероприятия, не повторяется во всём плане.",
                ),
                Field(
                    "task",
                    "Милдеттер",
                    hint="Иш-чара аткарган милдет.",
                    width=34,
                    ru="Задачи",
                    hint_ru="Задача, которую решает мероприятие.",
                ),
                Field(
                    "measure",
                    "Иш-чаралар",
                    hint="Эмне жасалат.",
                    width=48,
                    ru="Мероприятия",
                    hint_ru="Что будет сделано.",
                ),
                Field(
                    "deadline",
                    "Ишке ашыруу мөөнөттөрү",
                    hint="Жазылгандай: «Ар дайым», «2025-жыл», «2025-2027-жылдар» …",
                    width=18,
                    ru="Сроки реализации",
                    hint_ru="Как в документе, по-кыргызски: «Ар дайым», «2025-жыл», «2025-2027-жылдар» …",
                ),
                Field("expected_results", "Күтүлүүчү жыйынтыктар", width=44, ru="Ожидаемые результаты"),
                Field(
                    "responsible",
                    "Жооптуу аткаруучулар",
                    Kind.LINES,
                    hint="Ар бир аткаруучу өзүнчө сапта (Alt+Enter).",
                    width=40,
                    ru="Ответственные исполнители",
                    hint_ru="Каждый исполнитель на отдельной строке (Alt+Enter).",
                ),
            ),
            note="Ар бир иш-чара өзүнчө сап; бөлүмдөр номурунун тартибинде.",
            ru="Мероприятия",
            note_ru="Каждое мероприятие — отдельная строка; разделы по порядку номеров.",
            fill_down=("section", "section_title"),
        ),
    ),
    notes=(),
    title_ru="План мероприятий: инструкция по заполнению таблицы",
)

PROGRESS_REPORT = Layout(
    document="progress-report",
    title="Иш-чаралар планынын аткарылышы жөнүндө отчет: таблицаны толтуруу боюнча нускама",
    filename="progress_report",
    form=FormSheet(
        "Отчет",
        ru="Отчёт",
        fields=(
            Field(
                "year",
                "Жылы",
                Kind.INTEGER,
                hint="Отчеттук жыл, мисалы 2025.",
                ru="Год",
                hint_ru="Отчётный год, например 2025.",
            ),
            Field(
                "organization",
                "Уюм",
                Kind.ORGANIZATION,
                hint="Тизмеден тандаңыз.",
                ru="Организация",
                hint_ru="Выберите из списка.",
            ),
            Field(
                "addressee",
                "Кимге",
                required=False,
                hint="Бош болсо: «Кыргыз Республикасынын Жогорку сотуна».",
                ru="Кому",
                hint_ru="Если пусто: «Кыргыз Республикасынын Жогорку сотуна».",
            ),
            Field(
                "signature.position",
                "Кол коюучунун кызматы",
                hint="Эки сапка бөлсө болот (Alt+Enter).",
                ru="Должность подписывающего",
                hint_ru="Можно разбить на две строки (Alt+Enter).",
            ),
            Field(
                "signature.full_name",
                "Кол коюучунун аты-жөнү",
                hint="Фамилиясы Аты Атасынын аты.",
                ru="ФИО подписывающего",
                hint_ru="Фамилия Имя Отчество.",
            ),
            Field(
                "signature.date",
                "Кол коюлган күнү",
                Kind.DATE,
                hint="Мисалы 15.01.2026.",
                ru="Дата подписи",
                hint_ru="Например 15.01.2026.",
            ),
            Field(
                "executor.name",
                "Аткаруучу",
                hint="Отчетту даярдаган кызматкер.",
                ru="Исполнитель",
                hint_ru="Сотрудник, подготовивший отчёт.",
            ),
            Field(
                "executor.phone",
                "Аткаруучунун телефону",
                hint="Мисалы 0312 66-00-00.",
                ru="Телефон исполнителя",
                hint_ru="Например 0312 66-00-00.",
            ),
        ),
    ),
    tables=(
        TableSheet(
            "Иш-чаралар",
            (
                Field(
                    "measure",
                    "Иш-чара №",
                    Kind.MEASURE,
                    hint="Пландагы иш-чаранын номуру (тизмеден).",
                    width=10,
                    ru="Мероприятие №",
                    hint_ru="Номер мероприятия в плане (из списка).",
                ),
                Field(
                    "plan_text",
                    "Пландагы иш-чара (маалымат үчүн)",
                    Kind.INFO,
                    required=False,
                    hint="Пландан алынган; Kagaz аны окубайт.",
                    width=40,
                    ru="Мероприятие по плану (для справки)",
                    hint_ru="Взято из плана; Kagaz его не читает.",
                ),
                Field(
                    "status",
                    "Абалы",
                    Kind.STATUS,
                    hint="Тизмеден тандаңыз.",
                    width=18,
                    ru="Статус",
                    hint_ru="Выберите из списка.",
                ),
                Field(
                    "done",
                    "Эмне аткарылды",
                    required=False,
                    hint="«аткарылды» жана «аткарылууда» үчүн милдеттүү.",
                    width=50,
                    ru="Что сделано",
                    hint_ru="Обязательно для «выполнено» и «выполняется».",
                ),
                Field(
                    "problems", "Көйгөйлөр жана алардын себептери", required=False, width=34, ru="Проблемы и их причины"
                ),
                Field("next_steps", "Кийинки кадамдар", required=False, width=34, ru="Дальнейшие шаги"),
            ),
            note="Ар бир иш-чара өзүнчө сап; абалы жазылбаган саптар эсепке алынбайт.",
            ru="Мероприятия",
            note_ru="Каждое мероприятие — отдельная строка; строки без статуса не учитываются.",
        ),
        TableSheet(
            "Көрсөткүчтөр",
            (
                Field(
                    "measure",
                    "Иш-чара №",
                    Kind.MEASURE,
                    hint="«Иш-чаралар» барагындагы номур.",
                    width=10,
                    ru="Мероприятие №",
                    hint_ru="Номер с листа «Мероприятия».",
                ),
                Field(
                    "name",
                    "Көрсөткүч",
                    hint="Мисалы: «Өткөрүлгөн окуулар».",
                    width=44,
                    ru="Показатель",
                    hint_ru="Например: «Өткөрүлгөн окуулар».",
                ),
                Field(
                    "unit",
                    "Өлчөм бирдиги",
                    hint="«саны», «адам», «%» …",
                    width=16,
                    ru="Единица измерения",
                    hint_ru="«саны», «адам», «%» …",
                ),
                Field("value", "Мааниси", Kind.NUMBER, width=12, ru="Значение"),
                Field(
                    "target",
                    "Максаты",
                    Kind.NUMBER,
                    required=False,
                    hint="Пландалган маани, болсо.",
                    width=12,
                    ru="Цель",
                    hint_ru="Плановое значение, если есть.",
                ),
            ),
            required=False,
            note="Сандык көрсөткүчтөр, болсо; ар бири өзүнчө сап.",
            ru="Показатели",
            note_ru="Числовые показатели, если есть; каждый — отдельная строка.",
        ),
    ),
    notes=(
        "Кол тамганын жана мөөрдүн сүрөттөрүн (PNG же JPEG) Kagaz баракчасында файл менен кошо жүктөңүз.",
        "CSV файлында «Иш-чаралар» таблицасынан кийин бош сап жана «Көрсөткүчтөр» таблицасы келет.",
    ),
    title_ru="Отчёт о выполнении плана мероприятий: инструкция по заполнению таблицы",
    notes_ru=(
        "Изображения подписи и печати (PNG или JPEG) загрузите на странице Kagaz вместе с файлом.",
        "В файле CSV после таблицы «Мероприятия» идут пустая строка и таблица «Показатели».",
    ),
)

LAYOUTS: dict[str, Layout] = {layout.document: layout for layout in (ACTION_PLAN, PROGRESS_REPORT)}
