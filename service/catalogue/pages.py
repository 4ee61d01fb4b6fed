"""The staff pages' own words: labels, buttons, hints of the form, the batch pages and the editors' pages.

Keys are the names the Jinja templates pass to ``t('…')``; every page reads them through
``service.catalogue.text``, so one key means one text wherever it appears.
"""

from __future__ import annotations

PAGES: dict[str, dict[str, str]] = {
    # --- what every page shares, and the staff form at / (service/web/form.py) ---
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
    "workbook_blank": {
        "ky": "{document} — бош таблица",
        "ru": "{document} — пустая таблица",
        "en": "{document} — blank workbook",
    },
    "workbook_example": {
        "ky": "{document} — үлгү",
        "ru": "{document} — образец",
        "en": "{document} — example",
    },
    "language_ky": {"ky": "кыргызча", "ru": "кыргызский", "en": "Kyrgyz"},
    "language_ru": {"ky": "орусча", "ru": "русский", "en": "Russian"},
    "step_file": {"ky": "2. Толтурулган таблица", "ru": "2. Заполненная таблица", "en": "2. The filled spreadsheet"},
    "file_label": {"ky": "Файл (.xlsx же .csv)", "ru": "Файл (.xlsx или .csv)", "en": "File (.xlsx or .csv)"},
    "file_hint": {
        "ky": "Excel китеби (.xlsx) же CSV (UTF-8 же «Юникод текст»; бөлгүч «,», «;» же табуляция); баары "
        "биригип {limit_mb} МБ чейин.",
        "ru": "Книга Excel (.xlsx) или CSV (UTF-8 или «Юникод-текст»; разделитель «,», «;» или табуляция); всего "
        "до {limit_mb} МБ.",
        "en": "An Excel workbook (.xlsx) or CSV (UTF-8 or «Unicode text»; comma, semicolon or tab); up to "
        "{limit_mb} MB in all.",
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
        "ky": "Кантип толтуруу керек — таблицанын «Нускама» барагында. Таблицаны кыргызча же орусча толтурса болот.",
        "ru": "Как заполнять — на листе «Инструкция» в таблице. Таблицу можно заполнять по-русски или по-кыргызски.",
        "en": "How to fill it in: the workbook's first sheet («Нускама» in Kyrgyz, «Инструкция» in Russian).",
    },
    # --- the batch pages at /batches (service/web/batches.py) ---
    "batch_title": {"ky": "Отчеттордун топтому", "ru": "Пакет отчётов", "en": "A batch of reports"},
    "batch_lead": {
        "ky": "Бир жылдын бардык отчетторун жүктөңүз: ар бир уюмдун отчету жана жалпыланган отчет даярдалат.",
        "ru": "Загрузите все отчёты за год: будут подготовлены отчёт каждой организации и обобщённый отчёт.",
        "en": "Upload a year's reports: each organization's report and the generalized report are made.",
    },
    "batch_file": {
        "ky": "Отчеттор: ZIP (.json, .xlsx, .csv файлдар), же таблицалар (ар бир уюмга бирден), же JSON тизме",
        "ru": "Отчёты: ZIP (файлы .json, .xlsx, .csv), или таблицы (по одной на организацию), или JSON-список",
        "en": "Reports: a ZIP (.json, .xlsx, .csv files), or workbooks (one per organization), or a JSON list",
    },
    "batch_year": {"ky": "Жыл", "ru": "Год", "en": "Year"},
    "batch_formats": {"ky": "Форматтар", "ru": "Форматы", "en": "Formats"},
    "batch_submit": {"ky": "Топтомду баштоо", "ru": "Запустить пакет", "en": "Start the batch"},
    "batch_state_queued": {"ky": "Кезекте", "ru": "В очереди", "en": "Queued"},
    "batch_state_running": {"ky": "Даярдалууда", "ru": "Выполняется", "en": "Running"},
    "batch_state_done": {
        "ky": "Бүттү",
        "ru": "Завершён",
        "en": "Finished",
    },
    "batch_state_failed": {"ky": "Ишке ашкан жок", "ru": "Не удалось", "en": "Failed"},
    "batch_progress": {
        "ky": "{done} / {total} документ каралды",
        "ru": "обработано документов: {done} из {total}",
        "en": "{done} of {total} documents handled",
    },
    "batch_download": {"ky": "ZIP жүктөп алуу", "ru": "Скачать ZIP", "en": "Download the ZIP"},
    "batch_errors": {"ky": "Көйгөйлөр", "ru": "Проблемы", "en": "Problems"},
    "batch_new": {"ky": "Жаңы топтом", "ru": "Новый пакет", "en": "A new batch"},
    # --- the template editors' pages at /editors/ (service/web/editors.py) ---
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
    "logout_button": {"ky": "Чыгуу", "ru": "Выйти", "en": "Sign out"},
    "login_weak": {
        "ky": "Бул ачкычтын ролу («{role}») шаблондорду өзгөртүүгө жетишсиз: редактордун ачкычы керек",
        "ru": "Роли этого ключа («{role}») недостаточно для изменения шаблонов: нужен ключ редактора",
        "en": "This key's role («{role}») cannot change templates: an editor's key is needed",
    },
    "signed_in_as": {
        "ky": "Кирген: «{name}» ({role_name})",
        "ru": "Вошёл: «{name}» ({role_name})",
        "en": "Signed in: {name} ({role_name})",
    },
    "col_template": {"ky": "Шаблон", "ru": "Шаблон", "en": "Template"},
    "col_active": {"ky": "Иштеп жаткан версия", "ru": "Действующая версия", "en": "Active version"},
    "col_versions": {"ky": "Версиялар", "ru": "Версий", "en": "Versions"},
    "col_version": {"ky": "Версия", "ru": "Версия", "en": "Version"},
    "col_status": {"ky": "Абалы", "ru": "Состояние", "en": "State"},
    "col_by": {"ky": "Ким", "ru": "Кто", "en": "By"},
    "col_when": {"ky": "Качан", "ru": "Когда", "en": "When"},
    "col_note": {"ky": "Эскертме", "ru": "Примечание", "en": "Note"},
    "newer_shipped": {
        "ky": "Жаңы чыгарылыш {version}-версияны алып келди (оңдоолору менен), бирок ал иштетилген жок, анткени "
        "редактордун версиясы иштеп жатат: аны карап чыгып, иштетиңиз",
        "ru": "Новый выпуск принёс версию {version} (с исправлениями), но она не включена, потому что действует "
        "версия редактора: просмотрите её и включите",
        "en": "A new release brought version {version} (with its fixes), but it is not active because an "
        "editor's version is: review it and activate it",
    },
    "status_active": {"ky": "иштеп жатат", "ru": "действует", "en": "active"},
    "status_candidate": {"ky": "иштетиле элек", "ru": "ещё не включалась", "en": "not yet active"},
    "status_accepted": {"ky": "мурда иштеген", "ru": "действовала раньше", "en": "was active"},
    "download": {"ky": "DOCX", "ru": "DOCX", "en": "DOCX"},
    "preview_link": {"ky": "Көрүнүшү", "ru": "Вид", "en": "Preview"},
    "activate": {"ky": "Иштетүү", "ru": "Включить", "en": "Activate"},
    "rollback": {"ky": "Ушуга кайтуу", "ru": "Вернуться к ней", "en": "Roll back to it"},
    "upload_title": {"ky": "Жаңы версия жүктөө", "ru": "Загрузить новую версию", "en": "Upload a new version"},
    "template_file_label": {"ky": "Шаблон (.docx)", "ru": "Шаблон (.docx)", "en": "Template (.docx)"},
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
    "checked_stages": {"ky": "Текшерилди", "ru": "Проверено", "en": "Checked"},
    "stage_package": {"ky": "файл", "ru": "файл", "en": "file"},
    "stage_tags": {"ky": "тегдер", "ru": "теги", "en": "tags"},
    "stage_syntax": {"ky": "синтаксис", "ru": "синтаксис", "en": "syntax"},
    "stage_variables": {"ky": "маанилер", "ru": "значения", "en": "values"},
    "stage_compile": {
        "ky": "шаблондун түзүлүшү",
        "ru": "сборка шаблона",
        "en": "docxtpl",
    },
    "stage_render": {"ky": "үлгү менен толтуруу", "ru": "заполнение образцом", "en": "test render"},
    "stage_fields": {"ky": "милдеттүү талаалар", "ru": "обязательные поля", "en": "required fields"},
    "stage_pdf": {"ky": "PDF", "ru": "PDF", "en": "PDF"},
    "stage_layout": {"ky": "барактар", "ru": "вёрстка", "en": "layout"},
    "pages": {"ky": "{pages} барак", "ru": "страниц: {pages}", "en": "{pages} page(s)"},
    # --- a request refused before it was read (service/web/refusals.py) ---
    "refused_title": {"ky": "Суроо кабыл алынган жок", "ru": "Запрос не принят", "en": "The request was not accepted"},
    "refused_back": {"ky": "Башкы бетке кайтуу", "ru": "Вернуться на главную страницу", "en": "Back to the first page"},
    # --- staff sign-in (service/web/signin.py) ---
    "signin_title": {"ky": "Кызматкердин кирүүсү", "ru": "Вход для сотрудника", "en": "Staff sign-in"},
    "signin_lead": {
        "ky": "Документ даярдоо, отчеттордун топтомдору, уюмдун отчетторун тапшыруу жана шаблондорду оңдоо үчүн "
        "API ачкычыңызды киргизиңиз (аны администратор берет).",
        "ru": "Для подготовки документов, пакетов отчётов, сдачи отчётов организации и правки шаблонов введите "
        "свой ключ API (его выдаёт администратор).",
        "en": "To prepare documents and batches, submit your organization's reports or edit templates, enter your "
        "API key (an administrator gives it).",
    },
    "staff_signed_in": {"ky": "Кирген: «{name}»", "ru": "Вход: «{name}»", "en": "Signed in: {name}"},
    "signin_other_key": {
        "ky": "Башка ачкыч менен кирүү",
        "ru": "Войти с другим ключом",
        "en": "Sign in with another key",
    },
    "signin_key": {"ky": "API ачкычы", "ru": "Ключ API", "en": "API key"},
    "signin_button": {"ky": "Кирүү", "ru": "Войти", "en": "Sign in"},
    "signin_failed": {
        "ky": "Ачкыч туура эмес же жокко чыгарылган",
        "ru": "Ключ неверен или отозван",
        "en": "The key is wrong or revoked",
    },
    # --- issue 16: batches, editors, error pages ---
    "title_has_errors": {
        "ky": "Каталар бар",
        "ru": "Есть ошибки",
        "en": "Errors found",
    },
    "skip_to_main": {
        "ky": "Негизги бөлүккө өтүү",
        "ru": "Перейти к содержимому",
        "en": "Skip to the content",
    },
    "sections": {
        "ky": "Бөлүмдөр",
        "ru": "Разделы",
        "en": "Sections",
    },
    "nav_form": {
        "ky": "Бир документ",
        "ru": "Один документ",
        "en": "One document",
    },
    "nav_batches": {
        "ky": "Отчеттордун топтомдору",
        "ru": "Пакеты отчётов",
        "en": "Batches of reports",
    },
    "nav_editors": {
        "ky": "Шаблондор",
        "ru": "Шаблоны",
        "en": "Templates",
    },
    "error_page_not_found": {
        "ky": "Бет табылган жок",
        "ru": "Страница не найдена",
        "en": "Page not found",
    },
    "error_page_not_found_lead": {
        "ky": "Мындай дарек жок же ал өчүрүлгөн. Шилтемени текшериңиз же башкы бетке кайтыңыз.",
        "ru": "Такого адреса нет, или он удалён. Проверьте ссылку или вернитесь на главную страницу.",
        "en": "There is no such address, or it was removed. Check the link or go back to the main page.",
    },
    "error_page_method": {
        "ky": "Бул аракет бул жерде жок",
        "ru": "Здесь так нельзя",
        "en": "Not possible here",
    },
    "error_page_method_lead": {
        "ky": "Бул дарек мындай суроону кабыл албайт. Баракты кайра ачып, формадагы баскычты басыңыз.",
        "ru": "Этот адрес не принимает такой запрос. Откройте страницу заново и нажмите кнопку формы.",
        "en": "This address does not take this kind of request. Open the page again and use the form's button.",
    },
    "error_page_too_large": {
        "ky": "Файл өтө чоң",
        "ru": "Файл слишком велик",
        "en": "The file is too large",
    },
    "error_page_too_large_lead": {
        "ky": "Жөнөтүлгөн файл чектен ашат. Кичирээк файлды тандаңыз.",
        "ru": "Отправленный файл больше допустимого. Выберите файл поменьше.",
        "en": "The file sent is over the limit. Choose a smaller file.",
    },
    "error_page_internal": {
        "ky": "Күтүлбөгөн ката",
        "ru": "Непредвиденная ошибка",
        "en": "An unexpected error",
    },
    "error_page_internal_lead": {
        "ky": "Кызматта ката кетти. Бир аздан кийин кайра аракет кылыңыз; кайталанса, администраторго кайрылыңыз.",
        "ru": "В службе произошла ошибка. Повторите чуть позже; если повторится, обратитесь к администратору.",
        "en": "Something went wrong in the service. Try again shortly; if it repeats, tell an administrator.",
    },
    "error_page_other": {
        "ky": "Суроо аткарылган жок",
        "ru": "Запрос не выполнен",
        "en": "The request failed",
    },
    "error_page_other_lead": {
        "ky": "Суроо кабыл алынган жок.",
        "ru": "Запрос не принят.",
        "en": "The request was not accepted.",
    },
    "error_page_unavailable": {
        "ky": "Азыр жеткиликсиз",
        "ru": "Сейчас недоступно",
        "en": "Not available right now",
    },
    "error_page_unavailable_lead": {
        "ky": "Кызмат азыр бул суроого жооп бере албайт. Эч нерсе жоголгон жок: бир аздан кийин кайра аракет кылыңыз.",
        "ru": "Служба сейчас не может ответить на этот запрос. Ничего не потеряно: повторите чуть позже.",
        "en": "The service cannot answer this request now. Nothing was lost: try again shortly.",
    },
    "error_page_request": {
        "ky": "Суроонун номери: {request_id}",
        "ru": "Номер запроса: {request_id}",
        "en": "Request number: {request_id}",
    },
    "error_page_home": {
        "ky": "Башкы бетке",
        "ru": "На главную",
        "en": "To the main page",
    },
    "role_client": {
        "ky": "кардар",
        "ru": "клиент",
        "en": "client",
    },
    "role_editor": {
        "ky": "редактор",
        "ru": "редактор",
        "en": "editor",
    },
    "role_admin": {
        "ky": "администратор",
        "ru": "администратор",
        "en": "administrator",
    },
    "stage_hidden": {
        "ky": "оңдоолор, эскертүүлөр, жашырылган текст",
        "ru": "исправления, примечания, скрытый текст",
        "en": "tracked changes, comments, hidden text",
    },
    "pages_title": {
        "ky": "Сынамык документтин барактары (үлгү маалымат менен)",
        "ru": "Страницы пробного документа (с образцом данных)",
        "en": "The test document's pages (with the sample data)",
    },
    "page_n": {
        "ky": "{page}-барак",
        "ru": "Страница {page}",
        "en": "Page {page}",
    },
    "page_alt": {
        "ky": "{version}-версиянын сынамык документинин {page}-барагы",
        "ru": "Страница {page} пробного документа версии {version}",
        "en": "Page {page} of version {version}'s test document",
    },
    "page_differs": {
        "ky": "өзгөргөн",
        "ru": "изменилась",
        "en": "changed",
    },
    "page_same": {
        "ky": "өзгөргөн жок",
        "ru": "без изменений",
        "en": "unchanged",
    },
    "pages_compare_title": {
        "ky": "Барактар катар-катар",
        "ru": "Страницы рядом",
        "en": "The pages side by side",
    },
    "text_title": {
        "ky": "Тексттин айырмасы (абзацтар боюнча)",
        "ru": "Различия в тексте (по абзацам)",
        "en": "Text differences (paragraph by paragraph)",
    },
    "text_title_active": {
        "ky": "Иштеп жаткан {version}-версиядан тексттин айырмасы",
        "ru": "Отличия текста от действующей версии {version}",
        "en": "Text differences from the active version {version}",
    },
    "text_same": {
        "ky": "Шаблондун тексти өзгөргөн жок.",
        "ru": "Текст шаблона не изменился.",
        "en": "The template's text did not change.",
    },
    "change_added": {
        "ky": "кошулду",
        "ru": "добавлено",
        "en": "added",
    },
    "change_removed": {
        "ky": "алынып салынды",
        "ru": "удалено",
        "en": "removed",
    },
    "change_changed": {
        "ky": "өзгөрдү",
        "ru": "изменено",
        "en": "changed",
    },
    "vars_read": {
        "ky": "Шаблон окуган маанилер",
        "ru": "Значения, которые читает шаблон",
        "en": "The values the template reads",
    },
    "confirm_title": {
        "ky": "{version}-версияны иштетесизби?",
        "ru": "Включить версию {version}?",
        "en": "Activate version {version}?",
    },
    "confirm_lead": {
        "ky": "Иштетилгенден кийин бардык соттордун жаңы документтери ушул версия менен түзүлөт. Азыр "
        "{active}-версия иштеп жатат; ага каалаган убакта кайтууга болот.",
        "ru": "После включения новые документы всех судов будут создаваться по этой версии. Сейчас действует версия "
        "{active}; к ней можно вернуться в любой момент.",
        "en": "Once active, every court's new documents are made with this version. Version {active} is active now; "
        "you can return to it at any time.",
    },
    "confirm_button": {
        "ky": "Ооба, {version}-версияны иштетүү",
        "ru": "Да, включить версию {version}",
        "en": "Yes, activate version {version}",
    },
    "cancel": {
        "ky": "Жок, артка",
        "ru": "Нет, назад",
        "en": "No, go back",
    },
    "checking": {
        "ky": "Шаблон текшерилүүдө: файл окулат, үлгү маалымат менен толтурулат жана PDF'ке айландырылат. Бул бир "
        "мүнөткө чейин созулушу мүмкүн…",
        "ru": "Шаблон проверяется: файл читается, заполняется образцом данных и преобразуется в PDF. Это может "
        "занять до минуты…",
        "en": "Checking the template: reading the file, filling it with the sample data, converting it to PDF. This "
        "can take up to a minute…",
    },
    "batch_made": {
        "ky": "Даярдалган файлдар",
        "ru": "Готовых файлов",
        "en": "Files made",
    },
    "batch_skipped": {
        "ky": "Мурунтан даяр (кайра жасалган жок)",
        "ru": "Уже были готовы (не переделывались)",
        "en": "Already up to date (not made again)",
    },
    "batch_failed": {
        "ky": "Даярдалбаган документтер",
        "ru": "Документов не подготовлено",
        "en": "Documents not made",
    },
    "batch_failed_note": {
        "ky": "Төмөндөгү көйгөйлөрдү оңдоп, ошол файлдарды кайра жүктөңүз: калгандары кайра жасалбайт.",
        "ru": "Исправьте проблемы ниже и загрузите эти файлы снова: остальное не будет переделываться.",
        "en": "Fix the problems below and upload those files again: the rest is not made again.",
    },
    "batch_failed_system": {
        "ky": "Топтом системалык себептен улам (LibreOffice же диск) бүтпөй калды: бир аздан кийин кайра баштаңыз; "
        "кайталанса, администраторго кайрылыңыз.",
        "ru": "Пакет не завершён по системной причине (LibreOffice или диск): запустите его чуть позже; если "
        "повторится, обратитесь к администратору.",
        "en": "The batch stopped for a system reason (LibreOffice or the disk): start it again shortly; if it "
        "repeats, tell an administrator.",
    },
    "batch_history": {
        "ky": "Мурунку топтомдор",
        "ru": "Прежние пакеты",
        "en": "Earlier batches",
    },
    "batch_history_all": {
        "ky": "Администратор катары бардык топтомдор көрсөтүлдү.",
        "ru": "Как администратору показаны все пакеты.",
        "en": "As an administrator you see every batch.",
    },
    "batch_history_own": {
        "ky": "Сиздин ачкыч менен башталган топтомдор гана көрсөтүлдү (кирүүсүз — ачкычсыз башталгандар).",
        "ru": "Показаны только пакеты, запущенные с вашим ключом (без входа — запущенные без ключа).",
        "en": "Only the batches started with your key are shown (without sign-in: those started without a key).",
    },
    "batch_history_unavailable": {
        "ky": "Мурунку топтомдордун тизмесин азыр окуу мүмкүн эмес: бир аздан кийин баракты жаңылаңыз.",
        "ru": "Список прежних пакетов сейчас не прочитать: обновите страницу чуть позже.",
        "en": "The list of earlier batches cannot be read now: reload the page shortly.",
    },
    "batch_history_none": {
        "ky": "Азырынча топтом жок.",
        "ru": "Пакетов пока нет.",
        "en": "No batches yet.",
    },
    "batch_col_created": {
        "ky": "Качан",
        "ru": "Когда",
        "en": "When",
    },
    "batch_col_state": {
        "ky": "Абалы",
        "ru": "Состояние",
        "en": "State",
    },
    "batch_col_result": {
        "ky": "Жыйынтык",
        "ru": "Итог",
        "en": "Outcome",
    },
    "batch_col_by": {
        "ky": "Ким",
        "ru": "Кто",
        "en": "By",
    },
    "batch_open": {
        "ky": "{year}-жыл, {created}",
        "ru": "{year} год, {created}",
        "en": "{year}, {created}",
    },
    "batch_outcome": {
        "ky": "{made} файл даяр, {failed} документ даярдалган жок",
        "ru": "файлов готово: {made}, документов не подготовлено: {failed}",
        "en": "{made} files made, {failed} documents not made",
    },
    "batch_web": {
        "ky": "веб-баракча",
        "ru": "веб-страница",
        "en": "web page",
    },
    "batch_source": {
        "ky": "Файл",
        "ru": "Файл",
        "en": "File",
    },
    "no_preview": {
        "ky": "Көрүнүшү жок (сынамык документ түзүлгөн жок)",
        "ru": "Нет изображения (пробный документ не создан)",
        "en": "No preview (the test document was not made)",
    },
    "open": {
        "ky": "Ачуу",
        "ru": "Открыть",
        "en": "Open",
    },
}
