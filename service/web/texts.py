"""The page's own words (labels, buttons, hints) in Kyrgyz, Russian and English.

Kept beside the page rather than in ``service.messages``: that catalogue holds the texts of problems, keyed by
the stable codes every entry point reports; these are the labels of one page. Same shape, same fallback
(Kyrgyz), so a translator edits both the same way.
"""

from __future__ import annotations

from service.messages import pick

TEXTS: dict[str, dict[str, str]] = {
    "html_lang": {"ky": "ky", "ru": "ru", "en": "en"},
    "department": {
        "ky": "Кыргыз Республикасынын Жогорку сотуна караштуу Сот департаменти",
        "ru": "Судебный департамент при Верховном суде Кыргызской Республики",
        "en": "Judicial Department under the Supreme Court of the Kyrgyz Republic",
    },
    "title": {"ky": "Документ даярдоо", "ru": "Подготовка документа", "en": "Prepare a document"},
    "lead": {
        "ky": "Таблицаны толтуруп жүктөңүз — расмий документти DOCX же PDF түрүндө аласыз.",
        "ru": "Заполните и загрузите таблицу — получите официальный документ в формате DOCX или PDF.",
        "en": "Fill in and upload the spreadsheet — get the official document as DOCX or PDF.",
    },
    "languages": {"ky": "Тил", "ru": "Язык", "en": "Language"},
    "step_document": {"ky": "1. Документ", "ru": "1. Документ", "en": "1. Document"},
    "action-plan": {
        "ky": "Иш-чаралар планы (буйрукка тиркеме)",
        "ru": "План мероприятий (приложение к приказу)",
        "en": "Action plan (appendix to the order)",
    },
    "progress-report": {
        "ky": "Иш-чаралар планынын аткарылышы жөнүндө отчет",
        "ru": "Отчёт о выполнении плана мероприятий",
        "en": "Report on the action plan's progress",
    },
    "blank": {"ky": "Бош таблица (.xlsx)", "ru": "Пустая таблица (.xlsx)", "en": "Blank workbook (.xlsx)"},
    "example": {"ky": "Толтурулган үлгү (.xlsx)", "ru": "Заполненный образец (.xlsx)", "en": "Filled example (.xlsx)"},
    "step_file": {"ky": "2. Толтурулган таблица", "ru": "2. Заполненная таблица", "en": "2. The filled spreadsheet"},
    "file_label": {"ky": "Файл (.xlsx же .csv)", "ru": "Файл (.xlsx или .csv)", "en": "File (.xlsx or .csv)"},
    "file_hint": {
        "ky": "Excel китеби же CSV (UTF-8, бөлгүч «,» же «;»); баары биригип {limit_mb} МБ чейин.",
        "ru": "Книга Excel или CSV (UTF-8, разделитель «,» или «;»); всего до {limit_mb} МБ.",
        "en": "An Excel workbook or CSV (UTF-8, comma or semicolon); up to {limit_mb} MB in all.",
    },
    "step_images": {
        "ky": "3. Кол тамга жана мөөр",
        "ru": "3. Подпись и печать",
        "en": "3. Signature and seal",
    },
    "images_hint": {
        "ky": "Отчет үчүн гана, милдеттүү эмес: PNG же JPEG сүрөт.",
        "ru": "Только для отчёта, необязательно: изображение PNG или JPEG.",
        "en": "For the report only, optional: a PNG or JPEG image.",
    },
    "signature_label": {"ky": "Кол тамганын сүрөтү", "ru": "Изображение подписи", "en": "Signature image"},
    "seal_label": {"ky": "Мөөрдүн сүрөтү", "ru": "Изображение печати", "en": "Seal image"},
    "step_format": {"ky": "4. Формат", "ru": "4. Формат", "en": "4. Format"},
    "docx_hint": {"ky": "Word, оңдоого болот", "ru": "Word, можно править", "en": "Word, editable"},
    "pdf_hint": {"ky": "басып чыгаруу үчүн", "ru": "для печати", "en": "for printing"},
    "submit": {"ky": "Документти даярдоо", "ru": "Подготовить документ", "en": "Prepare the document"},
    "working_pdf": {"ky": "PDF даярдалууда…", "ru": "PDF готовится…", "en": "Preparing the PDF…"},
    "working_docx": {"ky": "Документ даярдалууда…", "ru": "Документ готовится…", "en": "Preparing the document…"},
    "errors_title": {
        "ky": "Файлда каталар табылды. Оңдоп, кайра жүктөңүз:",
        "ru": "В файле найдены ошибки. Исправьте и загрузите снова:",
        "en": "The file has errors. Fix them and upload it again:",
    },
    "error_title": {"ky": "Документ даярдалган жок", "ru": "Документ не подготовлен", "en": "No document was made"},
    "file_again": {
        "ky": "Файлды кайра тандаңыз: браузер аны коопсуздук үчүн сактабайт.",
        "ru": "Выберите файл снова: браузер не сохраняет его из соображений безопасности.",
        "en": "Choose the file again: browsers do not keep it, for safety.",
    },
    "file_place": {"ky": "Файл", "ru": "Файл", "en": "File"},
    "too_large_js": {
        "ky": "Файл өтө чоң: баары биригип {limit_mb} МБ чейин.",
        "ru": "Файл слишком велик: всего до {limit_mb} МБ.",
        "en": "The file is too large: up to {limit_mb} MB in all.",
    },
    "footer": {
        "ky": "Kagaz — расмий документтерди даярдоо кызматы",
        "ru": "Kagaz — служба подготовки официальных документов",
        "en": "Kagaz — the official documents service",
    },
    "help": {
        "ky": "Кантип толтуруу керек — таблицанын «Нускама» барагында.",
        "ru": "Как заполнять — на листе «Нускама» в таблице.",
        "en": "How to fill it in: see the «Нускама» sheet of the workbook.",
    },
}


def text(key: str, language: str, **params: object) -> str:
    """The page text ``key`` in ``language`` (Kyrgyz when a translation is missing)."""
    value = pick(TEXTS[key], language)
    return value.format(**params) if params else value
