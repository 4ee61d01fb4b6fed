"""The editors' page's own words in Kyrgyz, Russian and English (problems' texts are in ``service.messages``).

Kept apart from ``texts.py`` (the staff form's labels) so the two pages can change without touching each
other; same shape and the same fallback to Kyrgyz.
"""

from __future__ import annotations

from service.messages import pick
from service.web.texts import text as form_text

TEXTS: dict[str, dict[str, str]] = {
    "editors_title": {"ky": "Документтердин шаблондору", "ru": "Шаблоны документов", "en": "Document templates"},
    "editors_lead": {
        "ky": "Жаңы версияны жүктөңүз: ал текшерилет, үлгү маалымат менен толтурулат жана PDF'ке айландырылат. "
        "Андан кийин гана аны иштетүүгө болот. Мурунку версиялардын баары сакталат, каалаган убакта кайра "
        "иштетсе болот.",
        "ru": "Загрузите новую версию: она будет проверена, заполнена образцом данных и преобразована в PDF. "
        "Только после этого её можно включить. Все прежние версии сохраняются, к любой можно вернуться.",
        "en": "Upload a new version: it is checked, filled with the sample data and converted to PDF. Only then "
        "can it be activated. Every earlier version is kept and can be activated again.",
    },
    "login_title": {"ky": "Редактордун кирүүсү", "ru": "Вход для редактора", "en": "Editor sign-in"},
    "login_lead": {
        "ky": "Шаблон редакторунун API ачкычын киргизиңиз (аны администратор берет).",
        "ru": "Введите ключ API редактора шаблонов (его выдаёт администратор).",
        "en": "Enter a template editor's API key (an administrator gives it).",
    },
    "key_label": {"ky": "API ачкычы", "ru": "Ключ API", "en": "API key"},
    "login_button": {"ky": "Кирүү", "ru": "Войти", "en": "Sign in"},
    "logout_button": {"ky": "Чыгуу", "ru": "Выйти", "en": "Sign out"},
    "login_failed": {
        "ky": "Ачкыч туура эмес же жокко чыгарылган",
        "ru": "Ключ неверен или отозван",
        "en": "The key is wrong or revoked",
    },
    "login_weak": {
        "ky": "Бул ачкычтын ролу («{role}») шаблондорду өзгөртүүгө жетишсиз: редактордун ачкычы керек",
        "ru": "Роли этого ключа («{role}») недостаточно для изменения шаблонов: нужен ключ редактора",
        "en": "This key's role («{role}») cannot change templates: an editor's key is needed",
    },
    "signed_in_as": {
        "ky": "Кирген: {name} ({role})",
        "ru": "Вошёл: {name} ({role})",
        "en": "Signed in: {name} ({role})",
    },
    "col_template": {"ky": "Шаблон", "ru": "Шаблон", "en": "Template"},
    "col_active": {"ky": "Иштеп жаткан версия", "ru": "Действующая версия", "en": "Active version"},
    "col_versions": {"ky": "Версиялар", "ru": "Версий", "en": "Versions"},
    "col_version": {"ky": "Версия", "ru": "Версия", "en": "Version"},
    "col_status": {"ky": "Абалы", "ru": "Состояние", "en": "State"},
    "col_by": {"ky": "Ким", "ru": "Кто", "en": "By"},
    "col_when": {"ky": "Качан", "ru": "Когда", "en": "When"},
    "col_note": {"ky": "Эскертме", "ru": "Примечание", "en": "Note"},
    "col_warnings": {"ky": "Эскертүү", "ru": "Предупр.", "en": "Warnings"},
    "status_active": {"ky": "иштеп жатат", "ru": "действует", "en": "active"},
    "status_candidate": {"ky": "иштетиле элек", "ru": "ещё не включалась", "en": "not yet active"},
    "status_accepted": {"ky": "мурда иштеген", "ru": "действовала раньше", "en": "was active"},
    "open": {"ky": "Ачуу", "ru": "Открыть", "en": "Open"},
    "download": {"ky": "DOCX", "ru": "DOCX", "en": "DOCX"},
    "preview_link": {"ky": "Көрүнүшү", "ru": "Вид", "en": "Preview"},
    "activate": {"ky": "Иштетүү", "ru": "Включить", "en": "Activate"},
    "rollback": {"ky": "Ушуга кайтуу", "ru": "Вернуться к ней", "en": "Roll back to it"},
    "upload_title": {"ky": "Жаңы версия жүктөө", "ru": "Загрузить новую версию", "en": "Upload a new version"},
    "file_label": {"ky": "Шаблон (.docx)", "ru": "Шаблон (.docx)", "en": "Template (.docx)"},
    "note_label": {"ky": "Эмне өзгөрдү (эскертме)", "ru": "Что изменено (примечание)", "en": "What changed (note)"},
    "upload_button": {"ky": "Текшерүү жана сактоо", "ru": "Проверить и сохранить", "en": "Check and store"},
    "report_refused": {
        "ky": "Шаблон кабыл алынган жок: каталарды оңдоп, кайра жүктөңүз. Ал версия катары сакталган жок.",
        "ru": "Шаблон не принят: исправьте ошибки и загрузите снова. Он не сохранён как версия.",
        "en": "The template was refused: fix the errors and upload it again. It was not stored as a version.",
    },
    "report_stored": {
        "ky": "Шаблон текшерүүдөн өттү жана {version}-версия катары сакталды. Ал азырынча иштетилген жок.",
        "ru": "Шаблон прошёл проверку и сохранён как версия {version}. Пока он не включён.",
        "en": "The template passed the checks and was stored as version {version}. It is not active yet.",
    },
    "report_duplicate": {
        "ky": "Бул файл мурда эле {version}-версия катары сакталган.",
        "ru": "Этот файл уже сохранён как версия {version}.",
        "en": "This file is already stored as version {version}.",
    },
    "errors_heading": {"ky": "Каталар", "ru": "Ошибки", "en": "Errors"},
    "warnings_heading": {"ky": "Эскертүүлөр", "ru": "Предупреждения", "en": "Warnings"},
    "no_problems": {
        "ky": "Ката да, эскертүү да табылган жок.",
        "ru": "Ни ошибок, ни предупреждений.",
        "en": "No errors and no warnings.",
    },
    "preview_title": {
        "ky": "Сынамык документтин биринчи барагы (үлгү маалымат менен)",
        "ru": "Первая страница пробного документа (с образцом данных)",
        "en": "Page 1 of the test document (with the sample data)",
    },
    "activated": {
        "ky": "{version}-версия иштетилди: мындан ары документтер ушул версия менен түзүлөт.",
        "ru": "Версия {version} включена: теперь документы создаются по ней.",
        "en": "Version {version} is active: documents are now made with it.",
    },
    "compare_title": {"ky": "Версияларды салыштыруу", "ru": "Сравнение версий", "en": "Compare versions"},
    "compare_button": {"ky": "Салыштыруу", "ru": "Сравнить", "en": "Compare"},
    "compare_older": {"ky": "Мурунку", "ru": "Прежняя", "en": "Older"},
    "compare_newer": {"ky": "Жаңы", "ru": "Новая", "en": "Newer"},
    "vars_added": {"ky": "Кошулган маанилер", "ru": "Добавленные значения", "en": "Values added"},
    "vars_removed": {"ky": "Алынып салынган маанилер", "ru": "Удалённые значения", "en": "Values removed"},
    "vars_same": {
        "ky": "Шаблон окуган маанилер өзгөргөн жок.",
        "ru": "Значения, которые читает шаблон, не изменились.",
        "en": "The values the template reads did not change.",
    },
    "back": {"ky": "← Бардык шаблондор", "ru": "← Все шаблоны", "en": "← All templates"},
    "version_n": {"ky": "{version}-версия", "ru": "версия {version}", "en": "version {version}"},
    "no_preview": {
        "ky": "Көрүнүшү жок (сынамык документ түзүлгөн жок)",
        "ru": "Нет изображения (пробный документ не создан)",
        "en": "No preview (the test document was not made)",
    },
    "checked_stages": {"ky": "Текшерилди", "ru": "Проверено", "en": "Checked"},
    "stage_package": {"ky": "файл", "ru": "файл", "en": "file"},
    "stage_tags": {"ky": "тегдер", "ru": "теги", "en": "tags"},
    "stage_syntax": {"ky": "синтаксис", "ru": "синтаксис", "en": "syntax"},
    "stage_variables": {"ky": "маанилер", "ru": "значения", "en": "values"},
    "stage_compile": {"ky": "docxtpl", "ru": "docxtpl", "en": "docxtpl"},
    "stage_render": {"ky": "үлгү менен толтуруу", "ru": "заполнение образцом", "en": "test render"},
    "stage_fields": {"ky": "милдеттүү талаалар", "ru": "обязательные поля", "en": "required fields"},
    "stage_pdf": {"ky": "PDF", "ru": "PDF", "en": "PDF"},
    "stage_layout": {"ky": "барактар", "ru": "вёрстка", "en": "layout"},
    "pages": {"ky": "{pages} барак", "ru": "страниц: {pages}", "en": "{pages} page(s)"},
}


def text(key: str, language: str, **params: object) -> str:
    """A label of the editors' page; the staff form's labels (``department``, ``footer`` …) otherwise."""
    entry = TEXTS.get(key)
    if entry is None:
        return form_text(key, language, **params)
    value = pick(entry, language)
    return value.format(**params) if params else value
