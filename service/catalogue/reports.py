"""The reporting cycle's words: its problems (a submission refused, a year out of range, a key that may not),
the status page and its table, the submission page, and ``kagaz reports``.

Keys start with ``reports_``: the API's problem codes (``reports_not_yours`` …), the pages' labels
(``reports_page_…``), the table's columns and states (``reports_column_…``, ``reports_state_…``), which the
CSV, the workbook and the command line read as well.
"""

from __future__ import annotations

REPORTS: dict[str, dict[str, str]] = {
    # --- the reporting cycle (service/reporting, api/reports.py, web/reports.py) ---
    "reports_year_mismatch": {
        "ky": "Отчет {year}-жыл үчүн, ал эми дарек {expected}-жылды көрсөтөт",
        "ru": "Отчёт за {year} год, а адрес указывает {expected} год",
        "en": "The report is for {year}; the address is for {expected}",
    },
    "reports_organization_mismatch": {
        "ky": "Отчет «{organization}» уюмунуку, ал эми дарек «{expected}» уюмун көрсөтөт",
        "ru": "Отчёт организации «{organization}», а адрес указывает «{expected}»",
        "en": "The report is of «{organization}»; the address names «{expected}»",
    },
    "reports_unknown_organization": {
        "ky": "Уюмдардын тизмесинде «{organization}» деген уюм жок",
        "ru": "В реестре нет организации «{organization}»",
        "en": "There is no organization «{organization}» in the registry",
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
    "reports_page_signed_in": {"ky": "Кирген: «{name}»", "ru": "Вход: «{name}»", "en": "Signed in: {name}"},
    "reports_page_sign_out": {"ky": "Чыгуу", "ru": "Выйти", "en": "Sign out"},
    "reports_page_nothing": {
        "ky": "Бул ачкыч эч бир уюмдун отчетторуна жетпейт",
        "ru": "Этот ключ не даёт доступа к отчётам ни одной организации",
        "en": "This key gives access to no organization's reports",
    },
    "reports_page_history": {"ky": "Версиялары", "ru": "Версии", "en": "Versions"},
    "reports_page_version": {"ky": "{number}-версия", "ru": "Версия {number}", "en": "Version {number}"},
    "reports_page_draft": {"ky": "долбоор (PDF)", "ru": "черновик (PDF)", "en": "draft (PDF)"},
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
    "reports_page_for": {"ky": "Уюм", "ru": "Организация", "en": "Organization"},
    "reports_page_note": {
        "ky": "Эскертүү (милдеттүү эмес)",
        "ru": "Примечание (необязательно)",
        "en": "Note (optional)",
    },
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
    "reports_page_back": {"ky": "Абалына кайтуу", "ru": "К состоянию отчётов", "en": "Back to the status"},
    "reports_page_generalized": {
        "ky": "Жалпыланган отчет (PDF)",
        "ru": "Обобщённый отчёт (PDF)",
        "en": "Generalized report (PDF)",
    },
    "reports_page_summary": {"ky": "Жыйынтыктоочу отчет (PDF)", "ru": "Сводный отчёт (PDF)", "en": "Summary (PDF)"},
    # --- the form's «submit to the register» choice (service/web/submission.py) ---
    "step_submit": {
        "ky": "5. Реестрге тапшыруу (отчет үчүн гана)",
        "ru": "5. Сдача в реестр (только для отчёта)",
        "en": "5. Submitting to the register (a report only)",
    },
    "action_submit": {"ky": "Реестрге тапшыруу", "ru": "Сдать в реестр", "en": "Submit to the register"},
    "action_submit_hint": {
        "ky": "Толтурулган отчетту документ кылбай, тандалган жылдын реестрине уюмдун отчету катары тапшырса "
        "болот. Ал үчүн уюмдун ачкычы менен кирүү керек.",
        "ru": "Заполненный отчёт можно не оформлять документом, а сдать в реестр выбранного года как отчёт "
        "организации. Для этого нужен вход с ключом организации.",
        "en": "Instead of making the document, a filled report can be submitted to the chosen year's register as "
        "the organization's report. This needs sign-in with the organization's key.",
    },
    "submit_year": {"ky": "Отчеттук жыл", "ru": "Отчётный год", "en": "Reporting year"},
    "form_submit_signin": {
        "ky": "Отчет тапшыруу үчүн уюмуңуздун ачкычы менен кириңиз",
        "ru": "Чтобы сдать отчёт, войдите с ключом своей организации",
        "en": "To submit a report, sign in with your organization's key",
    },
    "submit_signin_link": {
        "ky": "Кирип, отчетту тапшыруу",
        "ru": "Войти и сдать отчёт",
        "en": "Sign in to submit",
    },
    "submit_no_organization": {
        "ky": "Бул ачкыч менен отчет тапшырууга болбойт: ал эч бир уюмга байланган эмес.",
        "ru": "С этим ключом сдать отчёт нельзя: он не привязан к организации.",
        "en": "This key cannot submit reports: it is not bound to an organization.",
    },
    "form_submit_only_report": {
        "ky": "Реестрге аткаруу жөнүндө отчет гана тапшырылат: «1. Документ» бөлүгүнөн отчетту тандаңыз",
        "ru": "В реестр сдаётся только отчёт о выполнении плана: выберите его в разделе «1. Документ»",
        "en": "Only a progress report can be submitted to the register: choose it under «1. Document»",
    },
    "form_submit_year": {
        "ky": "Отчеттук жылды {first}–{last} жылдардын ичинен тандаңыз",
        "ru": "Выберите отчётный год от {first} до {last}",
        "en": "Choose a reporting year from {first} to {last}",
    },
    "submitted_title": {"ky": "Отчет тапшырылды", "ru": "Отчёт сдан", "en": "Report submitted"},
    "submitted_version": {"ky": "Версиясы", "ru": "Версия", "en": "Version"},
    "submitted_received": {
        "ky": "Кабыл алынды (Бишкек убактысы)",
        "ru": "Получен (время Бишкека)",
        "en": "Received (Bishkek time)",
    },
    "submitted_state": {"ky": "Абалы", "ru": "Состояние", "en": "State"},
    "submitted_again": {"ky": "Формага кайтуу", "ru": "Вернуться к форме", "en": "Back to the form"},
    # --- a batch from the register (service/http/batches.py, the batch page) ---
    "batch_register_title": {
        "ky": "Же отчеттордун реестринен",
        "ru": "Или из реестра отчётов",
        "en": "Or from the register of reports",
    },
    "batch_register_hint": {
        "ky": "Файл керек эмес: тандалган жылдын реестриндеги ар бир отчеттун акыркы версиясы алынат (ачкычыңыз "
        "көрө алган отчеттор). Кайсы версиялар алынганы топтомдо жазылат.",
        "ru": "Файл не нужен: берётся текущая версия каждого отчёта выбранного года из реестра (тех, что видит ваш "
        "ключ). Какие версии взяты, записывается в пакете.",
        "en": "No file needed: the current version of each report of the chosen year in the register is taken "
        "(those your key may read). The versions taken are recorded with the batch.",
    },
    "batch_register_submit": {
        "ky": "Реестрден топтомду баштоо",
        "ru": "Запустить пакет из реестра",
        "en": "Start the batch from the register",
    },
    "batch_register_used": {
        "ky": "Реестрден алынган отчеттор: {count}",
        "ru": "Отчётов взято из реестра: {count}",
        "en": "Reports taken from the register: {count}",
    },
    "batch_register_not_allowed": {
        "ky": "Реестрден топтом администратордун же уюмга байланган ачкыч менен гана түзүлөт",
        "ru": "Пакет из реестра можно запустить только ключом администратора или ключом организации",
        "en": "A batch from the register needs an administrator's key or a key bound to an organization",
    },
    "batch_register_and_reports": {
        "ky": "Же «reports» тизмесин, же «from_register» белгисин бериңиз, экөөнү тең эмес",
        "ru": "Укажите либо список «reports», либо «from_register», но не оба",
        "en": "Give either «reports» or «from_register», not both",
    },
}
