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
        "ky": "Бул «OpenDocument» (.ods) таблицасы: аны Excel китеби (.xlsx) катары сактаңыз",
        "ru": "Это таблица «OpenDocument» (.ods): сохраните её как книгу Excel (.xlsx)",
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
        "ky": "Файлдын бөлүгү («{name}») шектүү даражада кысылган: бул кадимки таблица эмес",
        "ru": "Часть файла («{name}») сжата подозрительно сильно: это не обычная таблица",
        "en": "A part of the file ({name}) is suspiciously compressed: not an ordinary spreadsheet",
    },
    "upload_macro": {
        "ky": "Макросу бар китеп (.xlsm) кабыл алынбайт: аны макросу жок .xlsx катары сактаңыз",
        "ru": "Книга с макросами (.xlsm) не принимается: сохраните её как .xlsx без макросов",
        "en": "A macro-enabled workbook (.xlsm) is not accepted: save it as .xlsx without macros",
    },
    "upload_doctype": {
        "ky": "Файлда тыюу салынган XML бар («DOCTYPE» же «ENTITY», «{name}»)",
        "ru": "В файле запрещённый XML («DOCTYPE» или «ENTITY», «{name}»)",
        "en": "The file contains forbidden XML (DOCTYPE or ENTITY, {name})",
    },
    "image_too_large": {
        "ky": "Сүрөт өтө чоң: эң көп {limit_mb} МБ",
        "ru": "Изображение слишком велико: не более {limit_mb} МБ",
        "en": "The image is too large: at most {limit_mb} MB",
    },
    "image_format": {
        "ky": "{format} сүрөтү кабыл алынбайт: PNG же JPEG катары сактаңыз",
        "ru": "Изображение {format} не принимается: сохраните его как PNG или JPEG",
        "en": "{format} images are not accepted: save it as PNG or JPEG",
    },
    "image_too_many_pixels": {
        "ky": "Сүрөттүн пикселдери өтө көп: эң көп {limit} миллион пиксел; сүрөттү кичирейтип сактаңыз",
        "ru": "В изображении слишком много пикселей: не более {limit} млн; уменьшите его и сохраните",
        "en": "The image has too many pixels: at most {limit} million; make it smaller and save it",
    },
    "image_unreadable": {
        "ky": "Сүрөт окулбайт: PNG же JPEG сүрөтүн тандаңыз",
        "ru": "Изображение не читается: выберите картинку PNG или JPEG",
        "en": "The image cannot be read: choose a PNG or JPEG picture",
    },
    "image_damaged": {
        "ky": "Сүрөт бузулган: аны кайра сактап же башка сүрөт тандаңыз",
        "ru": "Изображение повреждено: пересохраните его или выберите другое",
        "en": "The image is damaged: save it again or choose another",
    },
    "image_base64": {
        "ky": "Сүрөт base64 текст же «data:» шилтемеси болушу керек",
        "ru": "Изображение должно быть текстом base64 или ссылкой «data:»",
        "en": "An image must be base64 text or a «data:» URL",
    },
    "sheet_csv_encoding": {
        "ky": "CSV файлынын коддоосу бузулган: аны Excel'де «CSV UTF-8» катары кайра сактаңыз",
        "ru": "Кодировка файла CSV повреждена: сохраните его в Excel заново как «CSV UTF-8»",
        "en": "The CSV file's encoding is damaged: save it again from Excel as «CSV UTF-8»",
    },
    "sheet_csv_code_page": {
        "ky": "CSV файлы Windows коддоосунда сакталган, анда ң, ө, ү тамгалары жок: Excel аларды «?» менен "
        "алмаштырган. Файлды Excel'де «CSV UTF-8» катары (же .xlsx китеп катары) кайра сактаңыз",
        "ru": "Файл CSV сохранён в кодировке Windows, в которой нет букв ң, ө, ү: Excel заменил их на «?». "
        "Сохраните файл в Excel как «CSV UTF-8» (или как книгу .xlsx)",
        "en": "The CSV file was saved in the Windows code page, which has no «ң», «ө», «ү»: Excel replaced them with "
        "«?». Save it from Excel as «CSV UTF-8» (or as an .xlsx workbook)",
    },
    "sheet_csv_missing_part": {
        "ky": "CSV файлында «{part}» бөлүгү жок (файлда бар: {found}). Excel CSV'ге учурдагы баракты гана "
        "сактайт: бардык бөлүктөрдү бир баракка чогултуңуз же .xlsx китебин жүктөңүз",
        "ru": "В файле CSV нет части «{part}» (в файле есть: {found}). Excel сохраняет в CSV только текущий "
        "лист: соберите все части на одном листе или загрузите книгу .xlsx",
        "en": "The CSV file has no «{part}» part (it has: {found}). Excel saves only the active sheet to CSV: "
        "put every part on one sheet, or upload the .xlsx workbook",
    },
    "sheet_merged_cells": {
        "ky": "{cells} уячалары бириктирилген: Kagaz ар бир маанини өз уячасынан окуйт. Бириктирүүнү алып "
        "салып, ар бир иш-чараны өзүнчө сапка жазыңыз",
        "ru": "Ячейки {cells} объединены: Kagaz читает каждое значение из своей ячейки. Отмените объединение "
        "и запишите каждое мероприятие в отдельной строке",
        "en": "The cells {cells} are merged: Kagaz reads each value from its own cell. Unmerge them and put "
        "each measure on a row of its own",
    },
    "sheet_date": {
        "ky": "Дата туура эмес: датаны мисалы 15.01.2026 деп жазыңыз",
        "ru": "Неверная дата: напишите дату, например 15.01.2026",
        "en": "Not a valid date: write the date like 15.01.2026",
    },
    "sheet_document_is_action_plan": {
        "ky": "Бул файл «Иш-чаралар планынын» таблицасы, отчеттун эмес",
        "ru": "Это таблица «Плана мероприятий», а не отчёта",
        "en": "This file is the action plan's workbook, not the report's",
    },
    "sheet_document_is_progress_report": {
        "ky": "Бул файл отчеттун таблицасы, «Иш-чаралар планынын» эмес",
        "ru": "Это таблица отчёта, а не «Плана мероприятий»",
        "en": "This file is the report's workbook, not the action plan's",
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
        "ky": "{value} номурлуу иш-чара «{measures_sheet}» барагында жок: көрсөткүч ошол иш-чарага тиешелүү "
        "болушу керек",
        "ru": "Мероприятия № {value} нет на листе «{measures_sheet}»: показатель должен относиться к нему",
        "en": "Measure {value} is not on the «{measures_sheet}» sheet: an indicator belongs to a reported measure",
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
    "form_document_is_action_plan": {
        "ky": "Бул файл «Иш-чаралар планынын» таблицасы, ал эми 1-кадамда отчет тандалган: документ катары "
        "«Иш-чаралар планы» тандалды, файлды кайра жөнөтүңүз",
        "ru": "Это таблица «Плана мероприятий», а на шаге 1 выбран отчёт: выбран документ «План мероприятий», "
        "отправьте файл снова",
        "en": "This file is the action plan's workbook, but step 1 chose the report: «Action plan» is now chosen, "
        "send the file again",
    },
    "form_document_is_progress_report": {
        "ky": "Бул файл отчеттун таблицасы, ал эми 1-кадамда «Иш-чаралар планы» тандалган: документ катары "
        "отчет тандалды, файлды кайра жөнөтүңүз",
        "ru": "Это таблица отчёта, а на шаге 1 выбран «План мероприятий»: выбран документ «Отчёт», отправьте "
        "файл снова",
        "en": "This file is the report's workbook, but step 1 chose the action plan: the report is now chosen, "
        "send the file again",
    },
    "form_template_failed": {
        "ky": "Документтин шаблону азыр иштебей турат: бул сиздин катаңыз эмес, администраторго кабарлаңыз",
        "ru": "Шаблон документа сейчас не работает: это не ваша ошибка, сообщите администратору",
        "en": "The document's template is not working right now: not your mistake; tell the administrator",
    },
    "form_conversion_failed": {
        "ky": "PDF түзүлгөн жок: кайра аракет кылыңыз же DOCX тандаңыз; кайталанса, администраторго кабарлаңыз",
        "ru": "PDF не создан: попробуйте снова или выберите DOCX; если повторится, сообщите администратору",
        "en": "The PDF was not made: try again or choose DOCX; if it repeats, tell the administrator",
    },
    "form_internal": {
        "ky": "Күтүлбөгөн ката кетти: кайра аракет кылыңыз; кайталанса, администраторго {request_id} номурун айтыңыз",
        "ru": "Непредвиденная ошибка: попробуйте снова; если повторится, сообщите администратору номер {request_id}",
        "en": "An unexpected error: try again; if it repeats, give the administrator the number {request_id}",
    },
}
