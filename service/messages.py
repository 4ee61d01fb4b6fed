"""The message catalogue: every user-facing text of an error, in Kyrgyz, Russian and English.

One module rather than literals scattered through views: a translator edits this table only. Keys are the
stable ``Problem.code`` values (pydantic's error types for validation, Kagaz's own for the rest); params
are filled with ``str.format``. Kyrgyz is the default language of the documents and of the web page.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = ("ky", "ru", "en")
DEFAULT_LANGUAGE = "ky"

CATALOGUE: dict[str, dict[str, str]] = {
    # --- validation of values (pydantic error types) ---
    "missing": {
        "ky": "Милдеттүү талаа толтурулган эмес",
        "ru": "Обязательное поле не заполнено",
        "en": "Required field is missing",
    },
    "extra_forbidden": {
        "ky": "Белгисиз талаа: мындай талаа бул документте жок",
        "ru": "Неизвестное поле: в этом документе такого поля нет",
        "en": "Unknown field: this document has no such field",
    },
    "string_too_short": {
        "ky": "Бош болбошу керек",
        "ru": "Не должно быть пустым",
        "en": "Must not be empty",
    },
    "string_too_long": {
        "ky": "Өтө узун: эң көп {max_length} белги",
        "ru": "Слишком длинно: не более {max_length} символов",
        "en": "Too long: at most {max_length} characters",
    },
    "too_short": {
        "ky": "Жок дегенде {min_length} элемент болушу керек",
        "ru": "Должно быть не меньше {min_length} элементов",
        "en": "Must have at least {min_length} items",
    },
    "too_long": {
        "ky": "Өтө көп элемент: эң көп {max_length}",
        "ru": "Слишком много элементов: не более {max_length}",
        "en": "Too many items: at most {max_length}",
    },
    "string_type": {"ky": "Текст болушу керек", "ru": "Должно быть текстом", "en": "Must be text"},
    "int_type": {"ky": "Бүтүн сан болушу керек", "ru": "Должно быть целым числом", "en": "Must be a whole number"},
    "int_parsing": {
        "ky": "Бүтүн сан болушу керек",
        "ru": "Должно быть целым числом",
        "en": "Must be a whole number",
    },
    "int_from_float": {
        "ky": "Бүтүн сан болушу керек",
        "ru": "Должно быть целым числом",
        "en": "Must be a whole number",
    },
    "float_type": {"ky": "Сан болушу керек", "ru": "Должно быть числом", "en": "Must be a number"},
    "float_parsing": {"ky": "Сан болушу керек", "ru": "Должно быть числом", "en": "Must be a number"},
    "finite_number": {
        "ky": "Чектүү сан болушу керек",
        "ru": "Должно быть конечным числом",
        "en": "Must be a finite number",
    },
    "bool_type": {"ky": "Ооба же жок болушу керек", "ru": "Должно быть да или нет", "en": "Must be true or false"},
    "bool_parsing": {
        "ky": "Ооба же жок болушу керек",
        "ru": "Должно быть да или нет",
        "en": "Must be true or false",
    },
    "list_type": {"ky": "Тизме болушу керек", "ru": "Должно быть списком", "en": "Must be a list"},
    "dict_type": {"ky": "Объект болушу керек", "ru": "Должно быть объектом", "en": "Must be an object"},
    "model_type": {"ky": "Объект болушу керек", "ru": "Должно быть объектом", "en": "Must be an object"},
    "model_attributes_type": {
        "ky": "Объект болушу керек",
        "ru": "Должно быть объектом",
        "en": "Must be an object",
    },
    "date_type": {
        "ky": "Дата болушу керек (ЖЖЖЖ-АА-КК)",
        "ru": "Должно быть датой (ГГГГ-ММ-ДД)",
        "en": "Must be a date (YYYY-MM-DD)",
    },
    "date_parsing": {
        "ky": "Дата туура эмес (ЖЖЖЖ-АА-КК)",
        "ru": "Неверная дата (ГГГГ-ММ-ДД)",
        "en": "Invalid date (YYYY-MM-DD)",
    },
    "date_from_datetime_parsing": {
        "ky": "Дата туура эмес (ЖЖЖЖ-АА-КК)",
        "ru": "Неверная дата (ГГГГ-ММ-ДД)",
        "en": "Invalid date (YYYY-MM-DD)",
    },
    "greater_than_equal": {
        "ky": "{ge} же андан чоң болушу керек",
        "ru": "Должно быть не меньше {ge}",
        "en": "Must be at least {ge}",
    },
    "greater_than": {"ky": "{gt} дан чоң болушу керек", "ru": "Должно быть больше {gt}", "en": "Must be over {gt}"},
    "less_than_equal": {
        "ky": "{le} же андан кичине болушу керек",
        "ru": "Должно быть не больше {le}",
        "en": "Must be at most {le}",
    },
    "less_than": {
        "ky": "{lt} дан кичине болушу керек",
        "ru": "Должно быть меньше {lt}",
        "en": "Must be under {lt}",
    },
    "enum": {
        "ky": "Уруксат берилген маанилердин бири болушу керек: {expected}",
        "ru": "Должно быть одним из: {expected}",
        "en": "Must be one of: {expected}",
    },
    "literal_error": {
        "ky": "Уруксат берилген маанилердин бири болушу керек: {expected}",
        "ru": "Должно быть одним из: {expected}",
        "en": "Must be one of: {expected}",
    },
    "value_error": {"ky": "Маани туура эмес: {error}", "ru": "Неверное значение: {error}", "en": "Invalid: {error}"},
    # --- Kagaz's own codes ---
    "invalid_json": {
        "ky": "JSON туура эмес: {error}",
        "ru": "Неверный JSON: {error}",
        "en": "Invalid JSON: {error}",
    },
    "not_json_object": {
        "ky": "Суроонун денеси JSON объект болушу керек",
        "ru": "Тело запроса должно быть JSON-объектом",
        "en": "The request body must be a JSON object",
    },
    "too_large": {
        "ky": "Файл же суроо өтө чоң: эң көп {limit} байт",
        "ru": "Файл или запрос слишком велик: не более {limit} байт",
        "en": "The file or request is too large: at most {limit} bytes",
    },
    "unknown_format": {
        "ky": "Белгисиз формат «{value}»: {allowed} болушу мүмкүн",
        "ru": "Неизвестный формат «{value}»: возможны {allowed}",
        "en": "Unknown format '{value}': one of {allowed}",
    },
    "unknown_document": {
        "ky": "Мындай документ жок: «{value}»",
        "ru": "Такого документа нет: «{value}»",
        "en": "No such document: '{value}'",
    },
    "conversion_failed": {
        "ky": "PDF түзүлгөн жок: {error}",
        "ru": "Не удалось создать PDF: {error}",
        "en": "The PDF could not be made: {error}",
    },
    "deadline_unrecognized": {
        "ky": "Мөөнөт таанылган жок: «{text}»",
        "ru": "Срок не распознан: «{text}»",
        "en": "Unrecognized deadline: '{text}'",
    },
    "not_docx": {
        "ky": "Бул DOCX файл эмес",
        "ru": "Это не файл DOCX",
        "en": "This is not a DOCX file",
    },
    "template_syntax": {
        "ky": "Шаблондо ката: {error}",
        "ru": "Ошибка в шаблоне: {error}",
        "en": "Template error: {error}",
    },
}


def translate(code: str, language: str, params: Mapping[str, object] | None = None, default: str = "") -> str:
    """The text for ``code`` in ``language`` (falling back to Kyrgyz, then to ``default``)."""
    entry = CATALOGUE.get(code)
    if entry is None:
        return default or code
    text = entry.get(language) or entry[DEFAULT_LANGUAGE]
    try:
        return text.format(**(params or {}))
    except (KeyError, IndexError, ValueError):
        return default or text


def negotiate(accept_language: str | None) -> str:
    """The best of ``LANGUAGES`` for an Accept-Language header (or a ``lang`` choice); Kyrgyz by default."""
    if not accept_language:
        return DEFAULT_LANGUAGE
    choices: list[tuple[float, str]] = []
    for item in accept_language.split(","):
        tag, _, quality = item.strip().partition(";q=")
        try:
            weight = float(quality) if quality else 1.0
        except ValueError:
            weight = 0.0
        choices.append((weight, tag.split("-")[0].strip().lower()))
    for _weight, tag in sorted(choices, key=lambda choice: -choice[0]):
        if tag in LANGUAGES:
            return tag
    return DEFAULT_LANGUAGE
