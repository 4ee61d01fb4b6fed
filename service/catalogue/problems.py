"""The texts of problems: every ``Problem.code`` (and every pydantic error type the models raise).

Keys are the codes clients see in ``errors[].code``; params fill the placeholders with ``str.format``. A
test (``tests/test_catalogue.py``) fails when a code Kagaz can emit has no entry here, or an entry no code
uses.
"""

from __future__ import annotations

PROBLEMS: dict[str, dict[str, str]] = {
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
        "ky": "Системалык ката: «{error}»",
        "ru": "Системная ошибка: «{error}»",
        "en": "System error: {error}",
    },
    # --- answers of the HTTP edge that carry no problem of their own (service/api/errors.py) ---
    "conversion_timeout": {  # the API says ``timeout``, a batch's manifest ``conversion_timeout``: one text
        "ky": "PDFке айландыруу өтө көп убакыт алды: кайра аракет кылыңыз",
        "ru": "Преобразование в PDF заняло слишком много времени: повторите попытку",
        "en": "The conversion to PDF took too long: try again",
    },
    "not_found": {
        "ky": "Мындай нерсе жок: дарегин текшериңиз",
        "ru": "Такого нет: проверьте адрес",
        "en": "There is no such thing: check the address",
    },
    "http": {
        "ky": "Суроо аткарылган жок (HTTP {status})",
        "ru": "Запрос не выполнен (HTTP {status})",
        "en": "The request was not served (HTTP {status})",
    },
    "http_400": {
        "ky": "Суроо туура эмес түзүлгөн",
        "ru": "Запрос составлен неверно",
        "en": "The request is malformed",
    },
    "http_403": {
        "ky": "Бул ачкыч менен бул барак ачылбайт",
        "ru": "С этим ключом эта страница недоступна",
        "en": "This key does not open this page",
    },
    "http_404": {
        "ky": "Мындай дарек жок",
        "ru": "Такого адреса нет",
        "en": "There is no such address",
    },
    "http_405": {
        "ky": "Бул дарек мындай ыкма менен суралбайт",
        "ru": "Этот адрес не принимает такой метод запроса",
        "en": "This address does not take that request method",
    },
    "http_415": {
        "ky": "Суроонун денесинин түрү туура эмес",
        "ru": "Неверный тип тела запроса",
        "en": "The request body is of the wrong type",
    },
    "broken_xml": {
        "ky": "Толтурулган документтин «{part}» бөлүгү туура XML эмес: шаблондун тегдерин текшериңиз",
        "ru": "Часть «{part}» заполненного документа — неверный XML: проверьте теги шаблона",
        "en": "The part «{part}» of the filled document is not valid XML: check the template's tags",
    },
    "pool_unavailable": {
        "ky": "LibreOffice бош эмес же иштебей турат: бир аздан кийин кайра аракет кылыңыз",
        "ru": "LibreOffice занят или не работает: повторите чуть позже",
        "en": "LibreOffice is busy or down: try again shortly",
    },
    # --- template activations (service/templates/registry.py) ---
    "expected_active_invalid": {
        "ky": "«expected_active» (же «If-Match») бир версиянын номери болушу керек",
        "ru": "«expected_active» (или «If-Match») должен быть номером одной версии",
        "en": "«expected_active» (or «If-Match») must be the number of one version",
    },
    "activation_conflict": {
        "ky": "«{name}»: {expected}-версия мындан ары активдүү эмес, азыр {active}-версия активдүү; "
        "аны карап чыгып, кайра чечиңиз",
        "ru": "«{name}»: версия {expected} больше не активна, сейчас активна версия {active}; "
        "посмотрите её и решите снова",
        "en": "{name}: version {expected} is no longer active; version {active} is: look at it and decide again",
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
    "string_pattern_mismatch": {
        "ky": "Талап кылынган түргө дал келбейт",
        "ru": "Не соответствует требуемому виду",
        "en": "Does not have the required form",
    },
    "bytes_type": {
        "ky": "Файлдын мазмуну болушу керек (base64 текст)",
        "ru": "Должно быть содержимым файла (текст base64)",
        "en": "Must be a file's content (base64 text)",
    },
    "date_from_datetime_inexact": {
        "ky": "Убакытсыз дата болушу керек (ЖЖЖЖ-АА-КК)",
        "ru": "Должна быть дата без времени (ГГГГ-ММ-ДД)",
        "en": "Must be a date without a time (YYYY-MM-DD)",
    },
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
    "less_than_equal": {
        "ky": "{le} же андан кичине болушу керек",
        "ru": "Должно быть не больше {le}",
        "en": "Must be at most {le}",
    },
    "enum": {
        "ky": "Уруксат берилген маанилердин бири болушу керек: {expected}",
        "ru": "Должно быть одним из: {expected}",
        "en": "Must be one of: {expected}",
    },
    "value_error": {
        "ky": "Маани туура эмес: «{error}»",
        "ru": "Неверное значение: «{error}»",
        "en": "Invalid: {error}",
    },
    "value_invalid": {
        "ky": "Маани туура эмес",
        "ru": "Неверное значение",
        "en": "Invalid value",
    },
    "xml_char": {
        "ky": "Текстте документке жазылбай турган көзгө көрүнбөс белги бар ({character}, {position}-белги): "
        "аны өчүрүп, текстти кайра териңиз",
        "ru": "В тексте невидимый символ, который документ не может содержать ({character}, {position}-й знак): "
        "удалите его и наберите текст заново",
        "en": "The text holds an invisible character a document cannot carry ({character}, character {position}): "
        "delete it and retype the text",
    },
    "plan_order_date_year": {
        "ky": "Буйруктун күнү {date} буйруктун жылына ({year}) туура келбейт",
        "ru": "Дата приказа {date} не относится к году приказа ({year})",
        "en": "The order's date {date} is not in the order's year ({year})",
    },
    "plan_section_number": {
        "ky": "Бөлүмдүн номуру {number}: бул жерде {expected} болушу керек (бөлүмдөр 1ден баштап катары менен)",
        "ru": "Номер раздела {number}: здесь должен быть {expected} (разделы по порядку с 1)",
        "en": "Section number {number}: {expected} expected here (sections run in order from 1)",
    },
    "plan_measure_twice": {
        "ky": "{number} номурлуу иш-чара планда эки жолу бар",
        "ru": "Мероприятие № {number} встречается в плане дважды",
        "en": "Measure {number} appears twice in the plan",
    },
    "report_done_missing": {
        "ky": "Абалы «{status}» болгон иш-чара үчүн эмне аткарылганын жазыңыз",
        "ru": "Для мероприятия со статусом «{status}» опишите, что сделано",
        "en": "A measure reported «{status}» needs the text of what was done",
    },
    "report_measures_twice": {
        "ky": "Иш-чаралар эки жолу жазылган: {numbers}",
        "ru": "Мероприятия указаны дважды: {numbers}",
        "en": "Measures reported twice: {numbers}",
    },
    "report_organization_unknown": {
        "ky": "«{name}» отчет берүүчү уюмдардын тизмесинде жок",
        "ru": "«{name}» нет в списке отчитывающихся организаций",
        "en": "«{name}» is not in the registry of reporting organizations",
    },
    "report_organization_mismatch": {
        "ky": "Тизмеде бул уюм «{known}» деп аталат, «{name}» эмес",
        "ru": "В списке эта организация называется «{known}», а не «{name}»",
        "en": "The registry names this organization «{known}», not «{name}»",
    },
    "report_measures_not_in_plan": {
        "ky": "Бул номурлуу иш-чаралар планда жок: {numbers} (планда {first}–{last})",
        "ru": "Мероприятий с этими номерами нет в плане: {numbers} (в плане {first}–{last})",
        "en": "Measure numbers not in the plan: {numbers} (the plan has {first}–{last})",
    },
    "report_not_yet_due": {
        "ky": "«{status}» деп жазылган, бирок бул иш-чаралардын мөөнөтү {year}-жылы келген: {measures}",
        "ru": "Указано «{status}», но срок этих мероприятий наступил в {year} году: {measures}",
        "en": "«{status}» is given for measures whose deadline came in {year}: {measures}",
    },
    "report_signature_date": {
        "ky": "Кол коюлган күнү {date} {year}- же {next_year}-жылда болушу керек",
        "ru": "Дата подписи {date} должна быть в {year} или {next_year} году",
        "en": "The signature's date {date} must be in {year} or {next_year}",
    },
    # --- Kagaz's own codes ---
    "invalid_json": {
        "ky": "JSON туура эмес: «{error}»",
        "ru": "Неверный JSON: «{error}»",
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
        "ky": "PDF түзүлгөн жок: «{error}»",
        "ru": "Не удалось создать PDF: «{error}»",
        "en": "The PDF could not be made: {error}",
    },
    "deadline_unrecognized": {
        "ky": "Мөөнөт таанылган жок: «{text}»",
        "ru": "Срок не распознан: «{text}»",
        "en": "Unrecognized deadline: '{text}'",
    },
    "status_unrecognized": {
        "ky": "Абалы таанылган жок: «{text}». Булардын бирин тандаңыз: аткарылды, аткарылууда, аткарылган эмес, "
        "мөөнөтү келе элек",
        "ru": "Статус не распознан: «{text}». Выберите один из: выполнено, выполняется, не выполнено, срок не наступил",
        "en": "Unrecognized status: «{text}». Use one of: done, in_progress, not_done, not_yet_due "
        "(in the workbook: «аткарылды», «аткарылууда», «аткарылган эмес», «мөөнөтү келе элек»)",
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
        "ky": "Шаблондун тегинде ката бар: тегди текшериңиз",
        "ru": "Ошибка в теге шаблона: проверьте тег",
        "en": "A template tag is wrong: check the tag",
    },
    # --- access control (service/auth.py) ---
    "unauthorized": {
        "ky": "API ачкычы керек («Authorization: Bearer …»)",
        "ru": "Нужен ключ API («Authorization: Bearer …»)",
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
    # --- requests refused before they are read (service/server, service/http/refusals.py) ---
    "request_line_too_long": {
        "ky": "Суроонун сабы (дареги менен) өтө узун: эң көп {limit} байт",
        "ru": "Строка запроса (вместе с адресом) слишком длинная: не более {limit} байт",
        "en": "The request line (with its address) is too long: at most {limit} bytes",
    },
    "headers_too_large": {
        "ky": "Суроонун баш саптары өтө чоң: баары бирге эң көп {limit} байт",
        "ru": "Заголовки запроса слишком велики: все вместе не более {limit} байт",
        "en": "The request's headers are too large: at most {limit} bytes together",
    },
    "bad_request": {
        "ky": "Суроо HTTP эрежелерине ылайык эмес",
        "ru": "Запрос не соответствует правилам HTTP",
        "en": "The request does not follow the rules of HTTP",
    },
    # --- issue 16: batches, editors, error pages ---
    "invalid_json_syntax": {
        "ky": "Файл туура JSON эмес: {line}-саптын {column}-белгисинде ката (үтүр, тырмакча же кашаа жетишпейт же "
        "ашыкча)",
        "ru": "Файл не является верным JSON: ошибка в строке {line}, знак {column} (лишняя или пропущенная запятая, "
        "кавычка или скобка)",
        "en": "Not valid JSON: an error at line {line}, character {column} (a comma, quote or bracket missing or "
        "extra)",
    },
    "invalid_json_encoding": {
        "ky": "Файл UTF-8 коддоосунда эмес ({line}-сап, {column}-белги): аны UTF-8 катары кайра сактаңыз",
        "ru": "Файл не в кодировке UTF-8 (строка {line}, знак {column}): сохраните его в UTF-8",
        "en": "The file is not UTF-8 (line {line}, character {column}): save it as UTF-8",
    },
    "invalid_json_depth": {
        "ky": "JSON өтө терең уюштурулган: отчеттун түзүлүшү мындай болбойт",
        "ru": "JSON вложен слишком глубоко: у отчёта не бывает такой структуры",
        "en": "The JSON is nested too deeply: no report has such a shape",
    },
    "invalid_json_number": {
        "ky": "JSON ичинде өтө узун сан бар",
        "ru": "В JSON слишком длинное число",
        "en": "The JSON holds a number with too many digits",
    },
    "item_sections": {
        "ky": "{n}-бөлүм",
        "ru": "раздел {n}",
        "en": "section {n}",
    },
    "item_measures": {
        "ky": "тизмедеги {n}-иш-чара",
        "ru": "мероприятие {n} в списке",
        "en": "measure {n} in the list",
    },
    "item_indicators": {
        "ky": "{n}-көрсөткүч",
        "ru": "показатель {n}",
        "en": "indicator {n}",
    },
    "item_reports": {
        "ky": "{n}-отчет",
        "ru": "отчёт {n}",
        "en": "report {n}",
    },
    "item_responsible": {
        "ky": "{n}-аткаруучу",
        "ru": "исполнитель {n}",
        "en": "responsible body {n}",
    },
    "item_issuer_position": {
        "ky": "{n}-сап",
        "ru": "строка {n}",
        "en": "line {n}",
    },
    "item_other": {
        "ky": "{n}-элемент",
        "ru": "элемент {n}",
        "en": "item {n}",
    },
    "field_year": {
        "ky": "жылы",
        "ru": "год",
        "en": "year",
    },
    "field_organization": {
        "ky": "уюм",
        "ru": "организация",
        "en": "organization",
    },
    "field_addressee": {
        "ky": "кимге жөнөтүлөт",
        "ru": "адресат",
        "en": "addressee",
    },
    "field_measures": {
        "ky": "иш-чаралар",
        "ru": "мероприятия",
        "en": "measures",
    },
    "field_measure": {
        "ky": "иш-чаранын номуру же тексти",
        "ru": "номер или текст мероприятия",
        "en": "the measure's number or text",
    },
    "field_status": {
        "ky": "абалы",
        "ru": "статус",
        "en": "status",
    },
    "field_done": {
        "ky": "эмне аткарылды",
        "ru": "что сделано",
        "en": "what was done",
    },
    "field_problems": {
        "ky": "көйгөйлөр",
        "ru": "проблемы",
        "en": "problems",
    },
    "field_next_steps": {
        "ky": "кийинки кадамдар",
        "ru": "дальнейшие шаги",
        "en": "next steps",
    },
    "field_indicators": {
        "ky": "көрсөткүчтөр",
        "ru": "показатели",
        "en": "indicators",
    },
    "field_name": {
        "ky": "аталышы же аты",
        "ru": "название или имя",
        "en": "name",
    },
    "field_unit": {
        "ky": "өлчөм бирдиги",
        "ru": "единица измерения",
        "en": "unit",
    },
    "field_value": {
        "ky": "мааниси",
        "ru": "значение",
        "en": "value",
    },
    "field_target": {
        "ky": "максаттуу мааниси",
        "ru": "целевое значение",
        "en": "target",
    },
    "field_signature": {
        "ky": "кол коюучу",
        "ru": "подписант",
        "en": "signatory",
    },
    "field_position": {
        "ky": "кызматы",
        "ru": "должность",
        "en": "position",
    },
    "field_full_name": {
        "ky": "аты-жөнү",
        "ru": "фамилия, имя, отчество",
        "en": "full name",
    },
    "field_date": {
        "ky": "датасы",
        "ru": "дата",
        "en": "date",
    },
    "field_signature_image": {
        "ky": "кол тамганын сүрөтү",
        "ru": "изображение подписи",
        "en": "signature image",
    },
    "field_seal_image": {
        "ky": "мөөрдүн сүрөтү",
        "ru": "изображение печати",
        "en": "seal image",
    },
    "field_executor": {
        "ky": "аткаруучу",
        "ru": "исполнитель",
        "en": "executor",
    },
    "field_phone": {
        "ky": "телефону",
        "ru": "телефон",
        "en": "phone",
    },
    "field_approving_order": {
        "ky": "бекиткен буйрук",
        "ru": "утверждающий приказ",
        "en": "approving order",
    },
    "field_issuer_position": {
        "ky": "буйрукка кол койгондун кызматы",
        "ru": "должность подписавшего приказ",
        "en": "issuer's position",
    },
    "field_acting": {
        "ky": "милдетин аткаруучу (м.а.)",
        "ru": "исполняющий обязанности (и.о.)",
        "en": "acting (a.i.)",
    },
    "field_number": {
        "ky": "номуру",
        "ru": "номер",
        "en": "number",
    },
    "field_title": {
        "ky": "аталышы",
        "ru": "заголовок",
        "en": "title",
    },
    "field_sections": {
        "ky": "бөлүмдөр",
        "ru": "разделы",
        "en": "sections",
    },
    "field_task": {
        "ky": "милдеттер",
        "ru": "задачи",
        "en": "task",
    },
    "field_deadline": {
        "ky": "ишке ашыруу мөөнөтү",
        "ru": "срок исполнения",
        "en": "deadline",
    },
    "field_expected_results": {
        "ky": "күтүлүүчү жыйынтыктар",
        "ru": "ожидаемые результаты",
        "en": "expected results",
    },
    "field_responsible": {
        "ky": "жооптуу аткаруучулар",
        "ru": "ответственные исполнители",
        "en": "responsible bodies",
    },
    "field_reports": {
        "ky": "отчеттор",
        "ru": "отчёты",
        "en": "reports",
    },
    "field_id": {
        "ky": "коду",
        "ru": "код",
        "en": "code",
    },
    "field_order": {
        "ky": "буйрук",
        "ru": "приказ",
        "en": "order",
    },
    "field_lines": {
        "ky": "саптар",
        "ru": "строки",
        "en": "lines",
    },
    "field_chart": {
        "ky": "диаграмма",
        "ru": "диаграмма",
        "en": "chart",
    },
    "field_due_date": {
        "ky": "отчет тапшыруу мөөнөтү",
        "ru": "срок сдачи отчёта",
        "en": "report due date",
    },
    "field_expected_count": {
        "ky": "отчет бериши керек уюмдардын саны",
        "ru": "сколько организаций должны отчитаться",
        "en": "organizations expected to report",
    },
    "field_due": {
        "ky": "мөөнөтү келдиби",
        "ru": "наступил ли срок",
        "en": "whether it is due",
    },
    "field_in_progress": {
        "ky": "аткарылууда",
        "ru": "выполняется",
        "en": "in progress",
    },
    "field_not_done": {
        "ky": "аткарылган эмес",
        "ru": "не выполнено",
        "en": "not done",
    },
    "field_not_reported": {
        "ky": "отчет бербегендер",
        "ru": "не отчитались",
        "en": "not reported",
    },
    "field_not_yet_due": {
        "ky": "мөөнөтү келе элек",
        "ru": "срок не наступил",
        "en": "not yet due",
    },
    "field_overdue": {
        "ky": "мөөнөтү өтүп кеткен",
        "ru": "просрочено",
        "en": "overdue",
    },
    "field_averaged": {
        "ky": "орточо маани",
        "ru": "среднее значение",
        "en": "averaged",
    },
    "field_organizations": {
        "ky": "уюмдар",
        "ru": "организации",
        "en": "organizations",
    },
    "field_total": {
        "ky": "жалпы саны",
        "ru": "итого",
        "en": "total",
    },
    "field_missing": {
        "ky": "отчет бербеген уюмдар",
        "ru": "не отчитавшиеся организации",
        "en": "organizations that did not report",
    },
    "field_plan_title": {
        "ky": "пландын аталышы",
        "ru": "название плана",
        "en": "the plan's title",
    },
    "field_reporting_count": {
        "ky": "отчет берген уюмдардын саны",
        "ru": "сколько организаций отчиталось",
        "en": "organizations that reported",
    },
    "field_totals": {
        "ky": "жыйынтыктар",
        "ru": "итоги",
        "en": "totals",
    },
    "field_summary": {
        "ky": "кыскача жыйынтык",
        "ru": "сводка",
        "en": "summary",
    },
}

PROBLEMS["timeout"] = PROBLEMS["conversion_timeout"]
