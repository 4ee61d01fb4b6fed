"""The texts of what is wrong with an upload: a spreadsheet, its sheets, rows and cells, the form around it.

Apart from ``problems.py`` only for size; the same shape, looked up by the same ``service.catalogue.translate``.
"""

from __future__ import annotations

UPLOAD_PROBLEMS: dict[str, dict[str, str]] = {
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
}
