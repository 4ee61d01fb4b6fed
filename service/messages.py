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
    # --- batches and jobs (service/batch, service/api/batches.py) ---
    "batch_wrong_year": {
        "ky": "Отчет {year}-жыл үчүн, ал эми топтом {expected}-жыл үчүн",
        "ru": "Отчёт за {year} год, а пакет — за {expected} год",
        "en": "The report is for {year}; the batch is for {expected}",
    },
    "batch_duplicate_organization": {
        "ky": "«{organization}» эки жолу отчет берген; {first} ичиндеги отчет колдонулат",
        "ru": "«{organization}» отчиталась дважды; используется отчёт из {first}",
        "en": "«{organization}» is reported twice; the report in {first} is used",
    },
    "batch_no_valid_reports": {
        "ky": "Бир да туура отчет жок: жалпыланган отчетко жок дегенде бирөө керек",
        "ru": "Нет ни одного верного отчёта: для обобщённого отчёта нужен хотя бы один",
        "en": "No valid report: the generalized report needs at least one",
    },
    "batch_zip_damaged": {
        "ky": "ZIP файлы окулбайт же бузулган",
        "ru": "ZIP-файл не читается или повреждён",
        "en": "The ZIP file cannot be read or is damaged",
    },
    "batch_zip_empty": {
        "ky": "ZIP файлында отчет файлдары жок",
        "ru": "В ZIP-файле нет файлов отчётов",
        "en": "The ZIP has no report files",
    },
    "batch_zip_entry_type": {
        "ky": "Отчет файлы эмес: .json, .xlsx же .csv болушу керек",
        "ru": "Не файл отчёта: нужен .json, .xlsx или .csv",
        "en": "Not a report file: it must be .json, .xlsx or .csv",
    },
    "batch_zip_encrypted": {
        "ky": "Файл сырсөз менен корголгон",
        "ru": "Файл защищён паролем",
        "en": "The file is password-protected",
    },
    "batch_too_many": {
        "ky": "Отчеттор өтө көп: эң көп {limit}",
        "ru": "Слишком много отчётов: не более {limit}",
        "en": "Too many reports: at most {limit}",
    },
    "batch_year_conflict": {
        "ky": "Жыл эки жолу, ар башка берилди: суроодо жана денесинде",
        "ru": "Год указан дважды и по-разному: в запросе и в теле",
        "en": "The year is given twice, differently: in the query and in the body",
    },
    "batch_year_missing": {
        "ky": "Топтомдун жылын көрсөтүңүз (?year=2025)",
        "ru": "Укажите год пакета (?year=2025)",
        "en": "Give the batch's year (?year=2025)",
    },
    "batch_year_range": {
        "ky": "{year} отчеттук жыл эмес",
        "ru": "{year} — не отчётный год",
        "en": "{year} is not a reporting year",
    },
    "batch_not_list": {
        "ky": "Суроонун денеси отчеттордун бош эмес JSON тизмеси болушу керек",
        "ru": "Тело запроса должно быть непустым JSON-списком отчётов",
        "en": "The body must be a non-empty JSON list of reports",
    },
    "batch_not_ready": {
        "ky": "Топтом али даяр эмес",
        "ru": "Пакет ещё не готов",
        "en": "The batch is not done yet",
    },
    "batch_system_error": {
        "ky": "Системалык ката: {error}",
        "ru": "Системная ошибка: {error}",
        "en": "System error: {error}",
    },
    "conversion_timeout": {
        "ky": "PDFке айландыруу өтө көп убакыт алды: кайра аракет кылыңыз",
        "ru": "Преобразование в PDF заняло слишком много времени: повторите попытку",
        "en": "The conversion to PDF took too long: try again",
    },
    "pool_unavailable": {
        "ky": "LibreOffice бош эмес же иштебей турат: бир аздан кийин кайра аракет кылыңыз",
        "ru": "LibreOffice занят или не работает: повторите чуть позже",
        "en": "LibreOffice is busy or down: try again shortly",
    },
    # --- shared state: the database and the file store (service/db) ---
    "storage_locked": {
        "ky": "Маалыматтар базасы башка процесс тарабынан бөгөттөлгөн: бир аздан кийин кайра аракет кылыңыз",
        "ru": "База данных заблокирована другим процессом: повторите чуть позже",
        "en": "The database is locked by another process: try again shortly",
    },
    "storage_read_only": {
        "ky": "Сактагыч азыр окуу үчүн гана: өзгөртүүлөр сакталбайт, администраторго кайрылыңыз",
        "ru": "Хранилище сейчас доступно только для чтения: изменения не сохраняются, обратитесь к администратору",
        "en": "The storage is read-only for now: changes cannot be saved; tell the administrator",
    },
    "storage_unreachable": {
        "ky": "Маалыматтар базасы жооп бербей жатат: бир аздан кийин кайра аракет кылыңыз",
        "ru": "База данных не отвечает: повторите чуть позже",
        "en": "The database does not answer: try again shortly",
    },
    "storage_unavailable": {
        "ky": "Сактагыч азыр иштебей турат: бир аздан кийин кайра аракет кылыңыз",
        "ru": "Хранилище сейчас недоступно: повторите чуть позже",
        "en": "The storage is unavailable for now: try again shortly",
    },
    "storage_full": {
        "ky": "Сактагычта орун калган жок: эч нерсе сакталган жок, администраторго кайрылыңыз",
        "ru": "В хранилище нет места: ничего не сохранено, обратитесь к администратору",
        "en": "The storage is full: nothing was saved; tell the administrator",
    },
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
    # --- the HTTP edge (service/api/documents.py, service/api/errors.py) ---
    "unsupported_media_type": {
        "ky": "Документти application/json катары жөнөтүңүз, {value} эмес",
        "ru": "Отправьте документ как application/json, а не {value}",
        "en": "Send the document as application/json, not {value}",
    },
    "internal": {
        "ky": "Ички ката; журналдан суроонун номери боюнча караңыз",
        "ru": "Внутренняя ошибка; см. журнал по номеру запроса",
        "en": "An internal error; see the log by request id",
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
    "upload_macro": {
        "ky": "Макросу бар китеп (.xlsm) кабыл алынбайт: аны макросу жок .xlsx катары сактаңыз",
        "ru": "Книга с макросами (.xlsm) не принимается: сохраните её как .xlsx без макросов",
        "en": "A macro-enabled workbook (.xlsm) is not accepted: save it as .xlsx without macros",
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
    # --- template editors: validation of a candidate DOCX (service/templates/) ---
    "docx_is_pdf": {
        "ky": "Бул PDF файл, Word документи (.docx) эмес: шаблонду Word'до .docx катары сактаңыз",
        "ru": "Это PDF-файл, а не документ Word (.docx): сохраните шаблон в Word как .docx",
        "en": "This is a PDF file, not a Word document (.docx): save the template in Word as .docx",
    },
    "docx_encrypted": {
        "ky": "Файл шифрленген (сырсөз менен корголгон) же эски .doc форматында: сырсөздү алып, .docx катары сактаңыз",
        "ru": "Файл зашифрован (защищён паролем) или в старом формате .doc: снимите пароль и сохраните как .docx",
        "en": "The file is encrypted (password-protected) or an old .doc: remove the password and save as .docx",
    },
    "docx_macro": {
        "ky": "Макросу бар документ (.docm) кабыл алынбайт: аны макросуз .docx катары сактаңыз",
        "ru": "Документ с макросами (.docm) не принимается: сохраните его как .docx без макросов",
        "en": "A macro-enabled document (.docm) is not accepted: save it as a .docx without macros",
    },
    "docx_template_type": {
        "ky": "Бул Word шаблону (.dotx): аны .docx документ катары сактаңыз",
        "ru": "Это шаблон Word (.dotx): сохраните его как документ .docx",
        "en": "This is a Word template (.dotx): save it as a .docx document",
    },
    "zip_limit": {
        "ky": "Файлдын ичи өтө чоң же өтө көп бөлүктөн турат ({what}): мындай файл ачылбайт",
        "ru": "Содержимое файла слишком велико или из слишком многих частей ({what}): такой файл не открывается",
        "en": "The file unpacks too large or into too many parts ({what}): it is not opened",
    },
    "xml_doctype": {
        "ky": "«{part}» бөлүгүндө DOCTYPE же ENTITY жарыяланган: мындай файл коопсуздук үчүн кабыл алынбайт",
        "ru": "В части «{part}» объявлен DOCTYPE или ENTITY: такой файл не принимается из соображений безопасности",
        "en": "The part «{part}» declares a DOCTYPE or ENTITY: such a file is refused for safety",
    },
    "xml_broken": {
        "ky": "«{part}» бөлүгү бузулган (туура XML эмес): {error}",
        "ru": "Часть «{part}» повреждена (неверный XML): {error}",
        "en": "The part «{part}» is damaged (not valid XML): {error}",
    },
    "external_link": {
        "ky": "Документ тышкы булакка шилтеме берет ({kind}: {target}): шаблон сырттан эч нерсе жүктөбөшү керек, "
        "сүрөттү документтин ичине кыстарыңыз",
        "ru": "Документ ссылается на внешний ресурс ({kind}: {target}): шаблон не должен ничего загружать извне, "
        "вставьте рисунок в сам документ",
        "en": "The document links to something outside it ({kind}: {target}): a template must load nothing from "
        "elsewhere; insert the picture into the document",
    },
    "embedded_object": {
        "ky": "Документке объект кыстарылган ({kind}): ал сүрөт катары гана басылат, эч качан иштетилбейт",
        "ru": "В документ встроен объект ({kind}): он печатается только как рисунок и никогда не запускается",
        "en": "An object is embedded in the document ({kind}): it is printed as a picture, never run",
    },
    "tag_unclosed": {
        "ky": "Тег бул абзацта жабылбайт: «{text}» — тегдин башы да, аягы да бир абзацта болушу керек",
        "ru": "Тег не закрывается в этом абзаце: «{text}» — начало и конец тега должны быть в одном абзаце",
        "en": "The tag does not close in this paragraph: «{text}» — a tag must begin and end in one paragraph",
    },
    "tag_looks_broken": {
        "ky": "Бул тегге окшош, бирок тег катары окулбайт (кашаалардын ортосунда боштук же башка белги бар): "
        "маани толтурулбайт",
        "ru": "Похоже на тег, но не читается как тег (между скобками пробел или другой знак): значение не подставится",
        "en": "This looks like a tag but does not read as one (a space or another character between the braces): "
        "nothing will be filled in",
    },
    "tag_split_runs": {
        "ky": "Тег ар башка форматтагы бөлүктөрдөн турат (мисалы, бир бөлүгү калың): маани биринчи бөлүктүн "
        "форматын алат. Тегди бир форматта кайра териңиз",
        "ru": "Тег состоит из частей с разным форматированием (например, часть жирная): значение получит формат "
        "первой части. Наберите тег заново в одном формате",
        "en": "The tag is made of differently formatted pieces (part of it bold, say): the value takes the first "
        "piece's format. Retype the tag in one format",
    },
    "tag_split_broken": {
        "ky": "Тег бир нече бөлүккө бөлүнүп, ичине ашыкча белги же боштук кирип калган: аны бир жолу, бир "
        "форматта кайра териңиз ({error})",
        "ru": "Тег разбит на части, и внутрь попал лишний знак или пробел: наберите его заново, целиком и в одном "
        "формате ({error})",
        "en": "The tag is split into pieces and a stray space or character got inside: retype it in one go, in "
        "one format ({error})",
    },
    "tag_needs_table": {
        "ky": "«{{%{level} … %}}» теги таблицанын уячасында гана турушу керек",
        "ru": "Тег «{{%{level} … %}}» должен стоять в ячейке таблицы",
        "en": "A «{{%{level} … %}}» tag must stand in a table cell",
    },
    "tag_drops_text": {
        "ky": "«{{%{level} … %}}» тегинин абзацы толугу менен өчүрүлөт, «{text}» тексти жоголот: тегди өзүнчө "
        "абзацка коюңуз",
        "ru": "Абзац тега «{{%{level} … %}}» удаляется целиком, текст «{text}» пропадёт: поставьте тег в "
        "отдельный абзац",
        "en": "The paragraph of a «{{%{level} … %}}» tag is removed whole, so «{text}» is lost: put the tag in a "
        "paragraph of its own",
    },
    "tag_unclosed_block": {
        "ky": "«{block}» блогу ушул жерде ачылган, бирок жабылган эмес: «{end_tag}» тегин кошуңуз",
        "ru": "Блок «{block}» открыт здесь, но не закрыт: добавьте тег «{end_tag}»",
        "en": "The «{block}» block opens here and is never closed: add «{end_tag}»",
    },
    "tag_not_allowed": {
        "ky": "«{tag}» шаблондо колдонулбайт: шаблон бир гана DOCX файлдан турат",
        "ru": "«{tag}» в шаблоне недоступен: шаблон — это один файл DOCX",
        "en": "«{tag}» is not available: a template is one DOCX file",
    },
    "unknown_variable": {
        "ky": "«{name}» деген маани бул документте жок. Бар маанилер: {known}",
        "ru": "В этом документе нет значения «{name}». Есть: {known}",
        "en": "This document has no value «{name}». It has: {known}",
    },
    "unknown_variable_suggest": {
        "ky": "«{name}» деген маани бул документте жок. Балким «{suggestion}»? Бар маанилер: {known}",
        "ru": "В этом документе нет значения «{name}». Возможно, «{suggestion}»? Есть: {known}",
        "en": "This document has no value «{name}». Did you mean «{suggestion}»? It has: {known}",
    },
    "unknown_field": {
        "ky": "«{name}»: «{field}» деген талаа жок. Бар талаалар: {known}",
        "ru": "«{name}»: поля «{field}» нет. Есть поля: {known}",
        "en": "«{name}»: there is no field «{field}». The fields are: {known}",
    },
    "unknown_field_suggest": {
        "ky": "«{name}»: «{field}» деген талаа жок. Балким «{suggestion}»? Бар талаалар: {known}",
        "ru": "«{name}»: поля «{field}» нет. Возможно, «{suggestion}»? Есть поля: {known}",
        "en": "«{name}»: there is no field «{field}». Did you mean «{suggestion}»? The fields are: {known}",
    },
    "sandbox": {
        "ky": "Шаблон коопсуздук үчүн тыюу салынган нерсеге кайрылат ({error}): «_» менен башталган аттар колдонулбайт",
        "ru": "Шаблон обращается к запрещённому из соображений безопасности ({error}): имена, начинающиеся с «_», "
        "недоступны",
        "en": "The template reaches for something forbidden for safety ({error}): names starting with «_» are "
        "not available",
    },
    "sample_missing": {
        "ky": "Шаблондун үлгү маалыматы окулбай калды: сынамык документ түзүлбөйт",
        "ru": "Не удалось прочитать образец данных шаблона: пробный документ не создаётся",
        "en": "The template's sample data could not be read: no test document can be made",
    },
    "render_failed": {
        "ky": "Үлгү маалымат менен сынамык документ түзүлгөн жок: {error}",
        "ru": "Не удалось заполнить шаблон образцом данных: {error}",
        "en": "The template could not be filled with the sample data: {error}",
    },
    "field_not_shown": {
        "ky": "Милдеттүү талаа шаблондо эч жерде көрсөтүлбөйт: {field}",
        "ru": "Обязательное поле нигде не выводится в шаблоне: {field}",
        "en": "A required field is never shown by the template: {field}",
    },
    "pdf_skipped": {
        "ky": "PDF'ке айландыруу текшерилген жок (LibreOffice иштеген жок)",
        "ru": "Преобразование в PDF не проверено (LibreOffice не запущен)",
        "en": "Conversion to PDF was not checked (LibreOffice is not running)",
    },
    "pdf_failed": {
        "ky": "Сынамык документ PDF'ке айландырылган жок: {error}",
        "ru": "Пробный документ не удалось преобразовать в PDF: {error}",
        "en": "The test document could not be converted to PDF: {error}",
    },
    "table_too_wide": {
        "ky": "Таблица барактын текст аянтынан кенен: {width} см, ал эми баракта {available} см бар",
        "ru": "Таблица шире текстовой области страницы: {width} см при доступных {available} см",
        "en": "The table is wider than the page's text area: {width} cm where {available} cm fit",
    },
    "cell_overflow": {
        "ky": "Сынамык документте {cells}-уячалардын текстинин аягы PDF'ке түшкөн жок: катардын бийиктиги "
        "текстти кесип салат",
        "ru": "В пробном документе конец текста ячеек {cells} не попал в PDF: высота строки обрезает текст",
        "en": "In the test document the end of the text of cell(s) {cells} is not in the PDF: the row's height "
        "cuts it off",
    },
    "row_too_tall": {
        "ky": "Сынамык документте бул катар бир барактан узун ({first}–{second}-барактар), бирок «барактарга "
        "бөлүнбөсүн» белгиленген: Word аны кесип салат",
        "ru": "В пробном документе эта строка длиннее страницы (страницы {first}–{second}), но отмечена «не "
        "разрывать между страницами»: Word её обрежет",
        "en": "In the test document this row is taller than a page (pages {first}–{second}) but marked «do not "
        "break across pages»: Word cuts it off",
    },
    "signature_split": {
        "ky": "Кол коюу блогу эки баракка бөлүнүп калды: {first}-барактан башталып, {second}-баракта бүтөт",
        "ru": "Блок подписи разорван между страницами: начинается на странице {first}, кончается на странице {second}",
        "en": "The signature block is split across pages: it begins on page {first} and ends on page {second}",
    },
    "version_tampered": {
        "ky": "Шаблондун версиясынын файлы өзгөртүлгөн (sha256 дал келбейт): администраторго кайрылыңыз",
        "ru": "Файл версии шаблона изменён (sha256 не совпадает): обратитесь к администратору",
        "en": "The template version's file was changed (sha256 mismatch): call an administrator",
    },
    "template_file_missing": {
        "ky": "DOCX файл тиркелген жок: шаблондун .docx файлын тандаңыз",
        "ru": "Файл DOCX не приложен: выберите файл шаблона .docx",
        "en": "No DOCX file was attached: choose the template's .docx file",
    },
    # --- the reporting cycle (service/reporting, api/reports.py, web/reports.py) ---
    "report_year_mismatch": {
        "ky": "Отчет {year}-жыл үчүн, ал эми дарек {expected}-жылды көрсөтөт",
        "ru": "Отчёт за {year} год, а адрес указывает {expected} год",
        "en": "The report is for {year}; the address is for {expected}",
    },
    "report_organization_mismatch": {
        "ky": "Отчет «{organization}» уюмунуку, ал эми дарек «{expected}» уюмун көрсөтөт",
        "ru": "Отчёт организации «{organization}», а адрес указывает «{expected}»",
        "en": "The report is of «{organization}»; the address names «{expected}»",
    },
    "reports_year_range": {
        "ky": "{year} пландын отчеттук жылы эмес ({first}–{last})",
        "ru": "{year} — не отчётный год плана ({first}–{last})",
        "en": "{year} is not a reporting year of the plan ({first}–{last})",
    },
    "reports_none_submitted": {
        "ky": "{year}-жыл үчүн бир да отчет тапшырылган эмес",
        "ru": "За {year} год не сдано ни одного отчёта",
        "en": "No report for {year} has been submitted",
    },
    "reports_submit_needs_key": {
        "ky": "Отчет тапшыруу үчүн уюмуңуздун API ачкычы керек",
        "ru": "Чтобы сдать отчёт, нужен ключ API вашей организации",
        "en": "Submitting a report needs your organization's API key",
    },
    "reports_not_yours": {
        "ky": "Бул ачкыч «{organization}» уюмунун отчетторуна жетпейт",
        "ru": "Этот ключ не даёт доступа к отчётам организации «{organization}»",
        "en": "This key gives no access to the reports of «{organization}»",
    },
    "reports_cannot_submit": {
        "ky": "Бул ачкыч менен «{organization}» үчүн отчет тапшырууга болбойт: ачкыч уюмга байланган эмес же "
        "башка уюмдуку",
        "ru": "Этим ключом нельзя сдать отчёт за «{organization}»: ключ не привязан к организации или "
        "принадлежит другой",
        "en": "This key cannot submit for «{organization}»: it is bound to no organization, or to another",
    },
    "reports_stored_invalid": {
        "ky": "Сакталган отчет учурдагы план же уюмдардын тизмеси боюнча текшерүүдөн өтпөйт: уюм отчетун "
        "оңдоп, кайра тапшырышы керек",
        "ru": "Сохранённый отчёт не проходит проверку по действующему плану или реестру: организация должна "
        "исправить и сдать его заново",
        "en": "A stored report no longer passes the plan or registry in force: the organization must correct "
        "and submit it again",
    },
    # --- the reporting cycle's status page and table (web/reports.py, reporting/exports.py) ---
    "reports_page_title": {"ky": "Отчеттордун абалы", "ru": "Состояние отчётов", "en": "Reports status"},
    "reports_page_year": {"ky": "{year}-жыл", "ru": "{year} год", "en": "Year {year}"},
    "reports_page_due": {
        "ky": "Соттордун отчеттору Жогорку сотко {date} кечиктирбестен берилет",
        "ru": "Суды сдают отчёты в Верховный суд не позднее {date}",
        "en": "Courts report to the Supreme Court by {date}",
    },
    "reports_page_generalized_due": {
        "ky": "Жалпыланган отчет ыйгарым укуктуу органга {date} кечиктирбестен жиберилет",
        "ru": "Обобщённый отчёт направляется уполномоченному органу не позднее {date}",
        "en": "The generalized report goes to the anti-corruption body by {date}",
    },
    "reports_page_as_of": {"ky": "Абалы: {moment}", "ru": "По состоянию на {moment}", "en": "As of {moment}"},
    "reports_page_group": {
        "ky": "{name} жана ал көзөмөлдөгөн соттор",
        "ru": "{name} и подконтрольные суды",
        "en": "{name} and the courts it controls",
    },
    "reports_page_download": {"ky": "Таблицаны жүктөп алуу", "ru": "Скачать таблицу", "en": "Download the table"},
    "reports_page_sign_in": {
        "ky": "Уюмуңуздун ачкычы менен кириңиз",
        "ru": "Войдите с ключом вашей организации",
        "en": "Sign in with your organization's key",
    },
    "reports_page_signed_in": {"ky": "Кирген: {name}", "ru": "Вход: {name}", "en": "Signed in: {name}"},
    "reports_page_sign_out": {"ky": "Чыгуу", "ru": "Выйти", "en": "Sign out"},
    "reports_page_key": {"ky": "API ачкычы", "ru": "Ключ API", "en": "API key"},
    "reports_page_enter": {"ky": "Кирүү", "ru": "Войти", "en": "Sign in"},
    "reports_page_key_wrong": {
        "ky": "Ачкыч туура эмес же жокко чыгарылган",
        "ru": "Ключ неверен или отозван",
        "en": "The key is wrong or revoked",
    },
    "reports_page_nothing": {
        "ky": "Бул ачкыч эч бир уюмдун отчетторуна жетпейт",
        "ru": "Этот ключ не даёт доступа к отчётам ни одной организации",
        "en": "This key gives access to no organization's reports",
    },
    "reports_page_history": {"ky": "Версиялары", "ru": "Версии", "en": "Versions"},
    "reports_page_version": {"ky": "{number}-версия", "ru": "Версия {number}", "en": "Version {number}"},
    "reports_page_late_on": {"ky": "кечикти: {date}", "ru": "с опозданием: {date}", "en": "late: {date}"},
    "reports_page_comparison": {
        "ky": "{before}-жыл менен салыштыруу (уюмдардын саны)",
        "ru": "Сравнение с {before} годом (число организаций)",
        "en": "Compared with {before} (number of organizations)",
    },
    "reports_column_organization": {"ky": "Уюм", "ru": "Организация", "en": "Organization"},
    "reports_column_controlled_by": {"ky": "Көзөмөлдөгөн сот", "ru": "Контролирующий суд", "en": "Controlled by"},
    "reports_column_state": {"ky": "Абалы", "ru": "Состояние", "en": "State"},
    "reports_column_versions": {"ky": "Версиялар", "ru": "Версий", "en": "Versions"},
    "reports_column_last": {"ky": "Акыркы тапшыруу", "ru": "Последняя сдача", "en": "Last submission"},
    "reports_column_overdue": {
        "ky": "Мөөнөтү өткөн иш-чаралар",
        "ru": "Просроченные мероприятия",
        "en": "Measures overdue",
    },
    "reports_column_report": {"ky": "Отчет", "ru": "Отчёт", "en": "Report"},
    "reports_column_measure": {"ky": "Иш-чара", "ru": "Мероприятие", "en": "Measure"},
    "reports_state_submitted": {"ky": "Тапшырылды", "ru": "Сдан", "en": "Submitted"},
    "reports_state_submitted_late": {"ky": "Кечигип тапшырылды", "ru": "Сдан с опозданием", "en": "Submitted late"},
    "reports_state_not_yet_due": {"ky": "Мөөнөтү келе элек", "ru": "Срок не наступил", "en": "Not yet due"},
    "reports_state_missing": {"ky": "Тапшырылган жок", "ru": "Не сдан", "en": "Missing"},
    "reports_total_organizations": {"ky": "Уюмдар", "ru": "Организаций", "en": "Organizations"},
    "reports_status_done": {"ky": "аткарылды", "ru": "выполнено", "en": "done"},
    "reports_status_in_progress": {"ky": "аткарылууда", "ru": "выполняется", "en": "in progress"},
    "reports_status_not_done": {"ky": "аткарылган эмес", "ru": "не выполнено", "en": "not done"},
    "reports_status_overdue": {"ky": "мөөнөтү өткөн", "ru": "просрочено", "en": "overdue"},
    "reports_page_submit": {"ky": "Отчет тапшыруу", "ru": "Сдать отчёт", "en": "Submit a report"},
    "reports_page_submit_lead": {
        "ky": "Толтурулган отчеттун таблицасын (.xlsx же .csv) жүктөңүз: ал текшерилип, Жогорку соттун реестрине "
        "жаңы версия катары сакталат.",
        "ru": "Загрузите заполненную таблицу отчёта (.xlsx или .csv): она будет проверена и сохранена в реестре "
        "Верховного суда как новая версия.",
        "en": "Upload the filled report workbook (.xlsx or .csv): it is checked and kept in the Supreme Court's "
        "register as a new version.",
    },
    "reports_page_for": {"ky": "Уюм", "ru": "Организация", "en": "Organization"},
    "reports_page_file": {"ky": "Отчеттун файлы", "ru": "Файл отчёта", "en": "The report's file"},
    "reports_page_note": {
        "ky": "Эскертүү (милдеттүү эмес)",
        "ru": "Примечание (необязательно)",
        "en": "Note (optional)",
    },
    "reports_page_send": {"ky": "Тапшыруу", "ru": "Сдать", "en": "Submit"},
    "reports_page_stored": {
        "ky": "Отчет {number}-версия катары сакталды",
        "ru": "Отчёт сохранён как версия {number}",
        "en": "The report was stored as version {number}",
    },
    "reports_page_unchanged": {
        "ky": "Бул маалымат {number}-версияда мурунтан эле бар: жаңы версия түзүлгөн жок",
        "ru": "Эти данные уже есть в версии {number}: новая версия не создана",
        "en": "This data is already version {number}: no new version was made",
    },
    "reports_page_errors": {
        "ky": "Отчет кабыл алынган жок. Оңдоп, кайра жүктөңүз:",
        "ru": "Отчёт не принят. Исправьте и загрузите снова:",
        "en": "The report was not accepted. Fix it and upload again:",
    },
    "reports_page_no_file": {"ky": "Файл тандалган жок", "ru": "Файл не выбран", "en": "No file was chosen"},
    "reports_page_csrf": {
        "ky": "Форманын мөөнөтү бүттү: баракты жаңыртып, кайра аракет кылыңыз",
        "ru": "Срок действия формы истёк: обновите страницу и повторите",
        "en": "The form expired: reload the page and try again",
    },
    "reports_page_back": {"ky": "Абалына кайтуу", "ru": "К состоянию отчётов", "en": "Back to the status"},
    "reports_page_generalized": {
        "ky": "Жалпыланган отчет (PDF)",
        "ru": "Обобщённый отчёт (PDF)",
        "en": "Generalized report (PDF)",
    },
    "reports_page_summary": {"ky": "Жыйынтыктоочу отчет (PDF)", "ru": "Сводный отчёт (PDF)", "en": "Summary (PDF)"},
    # --- access control (service/auth.py) ---
    "unauthorized": {
        "ky": "API ачкычы керек (Authorization: Bearer …)",
        "ru": "Нужен ключ API (Authorization: Bearer …)",
        "en": "An API key is required (Authorization: Bearer …)",
    },
    "key_invalid": {
        "ky": "API ачкычы туура эмес же жокко чыгарылган",
        "ru": "Ключ API неверен или отозван",
        "en": "The API key is wrong or revoked",
    },
    "forbidden": {
        "ky": "Бул аракет үчүн «{role}» ролу керек; ачкычтын ролу — «{have}»",
        "ru": "Для этого действия нужна роль «{role}»; у ключа роль «{have}»",
        "en": "This needs the «{role}» role; the key has «{have}»",
    },
}


def pick(entry: Mapping[str, str], language: str) -> str:
    """An entry's text in ``language``, or in Kyrgyz when it has no translation: every catalogue's rule."""
    return entry.get(language) or entry[DEFAULT_LANGUAGE]


def translate(code: str, language: str, params: Mapping[str, object] | None = None, default: str = "") -> str:
    """The text for ``code`` in ``language`` (falling back to Kyrgyz, then to ``default``)."""
    entry = CATALOGUE.get(code)
    if entry is None:
        return default or code
    text = pick(entry, language)
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
