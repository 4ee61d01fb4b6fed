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
    "status_unrecognized": {
        "ky": "Абалы таанылган жок: «{text}» (аткарылды, аткарылууда, аткарылган эмес, мөөнөтү келе элек)",
        "ru": "Статус не распознан: «{text}» (аткарылды, аткарылууда, аткарылган эмес, мөөнөтү келе элек)",
        "en": "Unrecognized status: '{text}' (аткарылды, аткарылууда, аткарылган эмес, мөөнөтү келе элек)",
    },
    "name_missing": {
        "ky": "Аты-жөнү толук эмес: «{text}»",
        "ru": "Неполное имя: «{text}»",
        "en": "Incomplete name: '{text}'",
    },
    "name_unrecognized": {
        "ky": "Аты-жөнүн окуу мүмкүн эмес: «{text}» (Фамилиясы Аты Атасынын аты)",
        "ru": "Не удалось разобрать имя: «{text}» (Фамилия Имя Отчество)",
        "en": "Cannot read the name '{text}' (Surname Name Patronymic)",
    },
    "empty_folder": {
        "ky": "Папкада JSON отчеттор жок",
        "ru": "В папке нет JSON-отчётов",
        "en": "The folder has no JSON reports",
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
    # --- uploads, spreadsheets and the web form (service/spreadsheets, service/web) ---
    "upload_missing": {
        "ky": "Файл тандалган жок: толтурулган таблицаны (.xlsx же .csv) тандаңыз",
        "ru": "Файл не выбран: выберите заполненную таблицу (.xlsx или .csv)",
        "en": "No file chosen: choose the filled spreadsheet (.xlsx or .csv)",
    },
    "upload_empty": {"ky": "Файл бош", "ru": "Файл пуст", "en": "The file is empty"},
    "upload_too_large": {
        "ky": "Файл өтө чоң: баары биригип эң көп {limit_mb} МБ",
        "ru": "Файл слишком велик: всего не более {limit_mb} МБ",
        "en": "The upload is too large: at most {limit_mb} MB in all",
    },
    "upload_not_spreadsheet": {
        "ky": "Бул таблица эмес ({kind}): Excel китебин (.xlsx) же CSV файлын жүктөңүз",
        "ru": "Это не таблица ({kind}): загрузите книгу Excel (.xlsx) или файл CSV",
        "en": "Not a spreadsheet ({kind}): upload an Excel workbook (.xlsx) or a CSV file",
    },
    "upload_xls": {
        "ky": "Бул эски Excel (.xls) файлы: Excel'де «Башкача сактоо» → «Excel китеби (.xlsx)» тандап, кайра жүктөңүз",
        "ru": "Это файл старого Excel (.xls): выберите «Сохранить как» → «Книга Excel (.xlsx)» и загрузите снова",
        "en": "An old Excel (.xls) file: choose Save As → Excel Workbook (.xlsx) and upload it again",
    },
    "upload_encrypted": {
        "ky": "Китеп сырсөз менен корголгон: сырсөздү алып салып (Файл → Маалымат → Китепти коргоо), кайра сактаңыз",
        "ru": "Книга защищена паролем: снимите пароль (Файл → Сведения → Защита книги) и сохраните снова",
        "en": "The workbook is password-protected: remove the password (File → Info → Protect Workbook) and save",
    },
    "upload_ods": {
        "ky": "Бул OpenDocument (.ods) таблицасы: аны Excel китеби (.xlsx) катары сактаңыз",
        "ru": "Это таблица OpenDocument (.ods): сохраните её как книгу Excel (.xlsx)",
        "en": "An OpenDocument (.ods) spreadsheet: save it as an Excel workbook (.xlsx)",
    },
    "upload_damaged": {
        "ky": "Файл бузулган же окулбайт: аны Excel же LibreOffice менен ачып, .xlsx катары кайра сактаңыз",
        "ru": "Файл повреждён или не читается: откройте его в Excel или LibreOffice и сохраните как .xlsx",
        "en": "The file is damaged or unreadable: open it in Excel or LibreOffice and save it as .xlsx",
    },
    "upload_zip_entries": {
        "ky": "Файлдын ичинде өтө көп бөлүк бар ({count}): бул кадимки таблица эмес",
        "ru": "В файле слишком много частей ({count}): это не обычная таблица",
        "en": "The file has too many parts ({count}): not an ordinary spreadsheet",
    },
    "upload_unpacked_too_large": {
        "ky": "Файл ачылганда өтө чоң болот (эң көп {limit_mb} МБ): бул кадимки таблица эмес",
        "ru": "В распакованном виде файл слишком велик (не более {limit_mb} МБ): это не обычная таблица",
        "en": "The file unpacks too large (at most {limit_mb} MB): not an ordinary spreadsheet",
    },
    "upload_compression_ratio": {
        "ky": "Файлдын бөлүгү ({name}) шектүү даражада кысылган: бул кадимки таблица эмес",
        "ru": "Часть файла ({name}) сжата подозрительно сильно: это не обычная таблица",
        "en": "A part of the file ({name}) is suspiciously compressed: not an ordinary spreadsheet",
    },
    "upload_doctype": {
        "ky": "Файлда тыюу салынган XML бар (DOCTYPE же ENTITY, {name})",
        "ru": "В файле запрещённый XML (DOCTYPE или ENTITY, {name})",
        "en": "The file contains forbidden XML (DOCTYPE or ENTITY, {name})",
    },
    "upload_image": {
        "ky": "Сүрөт кабыл алынган жок: PNG же JPEG болушу керек ({error})",
        "ru": "Изображение не принято: нужен PNG или JPEG ({error})",
        "en": "The image was not accepted: it must be PNG or JPEG ({error})",
    },
    "sheet_csv_encoding": {
        "ky": "CSV файлы UTF-8 коддоосунда эмес: Excel'де «CSV UTF-8» катары сактаңыз",
        "ru": "Файл CSV не в кодировке UTF-8: сохраните его в Excel как «CSV UTF-8»",
        "en": "The CSV file is not UTF-8: save it from Excel as «CSV UTF-8»",
    },
    "sheet_missing": {
        "ky": "«{sheet}» барагы жок (китепте: {found}): бош таблицаны жүктөп алып, ошону толтуруңуз",
        "ru": "Нет листа «{sheet}» (в книге: {found}): скачайте пустую таблицу и заполните её",
        "en": "No sheet «{sheet}» (the workbook has {found}): download the blank workbook and fill it",
    },
    "sheet_empty": {"ky": "«{sheet}» барагы бош", "ru": "Лист «{sheet}» пуст", "en": "The sheet «{sheet}» is empty"},
    "sheet_no_rows": {
        "ky": "«{sheet}» барагында толтурулган сап жок",
        "ru": "На листе «{sheet}» нет заполненных строк",
        "en": "The sheet «{sheet}» has no filled rows",
    },
    "sheet_missing_columns": {
        "ky": "Тилкелер жок: {columns}. Баш саптагы аталыштар бош таблицадагыдай болушу керек",
        "ru": "Нет столбцов: {columns}. Заголовки должны быть как в пустой таблице",
        "en": "Missing columns: {columns}. The headers must be as in the blank workbook",
    },
    "sheet_unknown_column": {
        "ky": "Белгисиз тилке «{value}»: аталышын бош таблицадагыдай жазыңыз же тилкени өчүрүңүз",
        "ru": "Неизвестный столбец «{value}»: исправьте заголовок как в пустой таблице или удалите столбец",
        "en": "Unknown column «{value}»: name it as in the blank workbook or delete it",
    },
    "sheet_duplicate_column": {
        "ky": "«{value}» тилкеси эки жолу бар",
        "ru": "Столбец «{value}» встречается дважды",
        "en": "The column «{value}» appears twice",
    },
    "sheet_unknown_label": {
        "ky": "Белгисиз талаа «{value}»: аталышын бош таблицадагыдай жазыңыз",
        "ru": "Неизвестное поле «{value}»: напишите его как в пустой таблице",
        "en": "Unknown field «{value}»: name it as in the blank workbook",
    },
    "sheet_duplicate_label": {
        "ky": "«{value}» талаасы эки жолу жазылган (биринчиси {first}-сапта)",
        "ru": "Поле «{value}» указано дважды (первое в строке {first})",
        "en": "The field «{value}» appears twice (first on row {first})",
    },
    "sheet_too_many_rows": {
        "ky": "Саптар өтө көп: эң көп {limit}",
        "ru": "Слишком много строк: не более {limit}",
        "en": "Too many rows: at most {limit}",
    },
    "sheet_formula_no_value": {
        "ky": "Формуланын мааниси сакталган эмес: файлды Excel же LibreOffice менен ачып сактаңыз, же маанини жазыңыз",
        "ru": "У формулы нет сохранённого значения: сохраните файл в Excel или LibreOffice, или впишите значение",
        "en": "The formula has no saved value: open and save the file in Excel or LibreOffice, or type the value",
    },
    "sheet_cell_error": {
        "ky": "Уячада ката бар: {value}",
        "ru": "В ячейке ошибка: {value}",
        "en": "The cell shows an error: {value}",
    },
    "sheet_unknown_organization": {
        "ky": "«{value}» уюмдардын тизмесинде жок: тизмеден тандаңыз",
        "ru": "«{value}» нет в списке организаций: выберите из списка",
        "en": "«{value}» is not in the registry of organizations: choose from the list",
    },
    "sheet_unknown_measure": {
        "ky": "{value} номурлуу иш-чара планда жок (планда {first}–{last})",
        "ru": "Мероприятия № {value} нет в плане (в плане {first}–{last})",
        "en": "There is no measure {value} in the plan (the plan has {first}–{last})",
    },
    "sheet_duplicate_measure": {
        "ky": "{value} номурлуу иш-чара эки жолу жазылган (биринчиси {first}-сапта)",
        "ru": "Мероприятие № {value} указано дважды (первое в строке {first})",
        "en": "Measure {value} appears twice (first on row {first})",
    },
    "sheet_indicator_without_measure": {
        "ky": "{value} номурлуу иш-чара «Иш-чаралар» барагында жок: көрсөткүч ошол иш-чарага тиешелүү болушу керек",
        "ru": "Мероприятия № {value} нет на листе «Иш-чаралар»: показатель должен относиться к нему",
        "en": "Measure {value} is not on the «Иш-чаралар» sheet: an indicator belongs to a reported measure",
    },
    "sheet_section_order": {
        "ky": "Бөлүмдүн номуру {value}: бул жерде {expected} болушу керек (бөлүмдөр 1ден баштап катары менен)",
        "ru": "Номер раздела {value}: здесь должен быть {expected} (разделы по порядку с 1)",
        "en": "Section number {value}: {expected} expected here (sections run in order from 1)",
    },
    "sheet_section_title_conflict": {
        "ky": "{value}-бөлүмдүн аталышы мурунку саптагыдан башкача",
        "ru": "Название раздела {value} отличается от указанного выше",
        "en": "Section {value} has a different title from the one above",
    },
    "sheet_place_cell": {
        "ky": "«{sheet}» барагы, {row}-сап, {column} тилке",
        "ru": "Лист «{sheet}», строка {row}, столбец {column}",
        "en": "Sheet «{sheet}», row {row}, column {column}",
    },
    "sheet_place_row": {
        "ky": "«{sheet}» барагы, {row}-сап",
        "ru": "Лист «{sheet}», строка {row}",
        "en": "Sheet «{sheet}», row {row}",
    },
    "sheet_place_sheet": {"ky": "«{sheet}» барагы", "ru": "Лист «{sheet}»", "en": "Sheet «{sheet}»"},
    "sheet_place_csv_cell": {
        "ky": "CSV файлы, {row}-сап, {column} тилке",
        "ru": "Файл CSV, строка {row}, столбец {column}",
        "en": "CSV file, row {row}, column {column}",
    },
    "sheet_place_csv_row": {
        "ky": "CSV файлы, {row}-сап",
        "ru": "Файл CSV, строка {row}",
        "en": "CSV file, row {row}",
    },
    "form_csrf": {
        "ky": "Баракчанын мөөнөтү өтүп кетти: баракчаны жаңылап, файлды кайра жөнөтүңүз",
        "ru": "Срок действия страницы истёк: обновите страницу и отправьте файл снова",
        "en": "The page has expired: reload it and send the file again",
    },
    "form_document": {
        "ky": "Документтин түрүн тандаңыз",
        "ru": "Выберите вид документа",
        "en": "Choose the kind of document",
    },
    "form_format": {
        "ky": "Форматты тандаңыз: DOCX же PDF",
        "ru": "Выберите формат: DOCX или PDF",
        "en": "Choose the format: DOCX or PDF",
    },
    "form_busy": {
        "ky": "PDF азыр даярдалбай жатат: бир аздан кийин кайра аракет кылыңыз же DOCX тандаңыз",
        "ru": "PDF сейчас не может быть подготовлен: попробуйте чуть позже или выберите DOCX",
        "en": "The PDF cannot be made right now: try again shortly or choose DOCX",
    },
    "form_internal": {
        "ky": "Күтүлбөгөн ката кетти: кайра аракет кылыңыз; кайталанса, администраторго {request_id} номурун айтыңыз",
        "ru": "Непредвиденная ошибка: попробуйте снова; если повторится, сообщите администратору номер {request_id}",
        "en": "An unexpected error: try again; if it repeats, give the administrator the number {request_id}",
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
