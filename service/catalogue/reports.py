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
}
