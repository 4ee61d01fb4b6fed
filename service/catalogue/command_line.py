"""The command line's own words (``kagaz render``, ``kagaz batch``, ``kagaz templates``, ``kagaz keys``).

Problems it prints are the problems' texts (``problems.py``); these are the lines around them. Option help
stays English, as click writes its own usage and errors in English.
"""

from __future__ import annotations

COMMAND_LINE: dict[str, dict[str, str]] = {
    "cli_invalid_input": {
        "ky": "{source}: маалыматта каталар бар:",
        "ru": "{source}: в данных есть ошибки:",
        "en": "{source}: invalid input:",
    },
    "cli_the_register": {"ky": "Отчеттордун реестри", "ru": "Реестр отчётов", "en": "the register"},
    "cli_template_failed": {
        "ky": "Шаблонду толтуруу мүмкүн болгон жок:",
        "ru": "Шаблон не удалось заполнить:",
        "en": "The template could not be filled:",
    },
    "cli_output_suffix": {
        "ky": "{output}: чыгуучу файлдын аты .docx же .pdf менен бүтүшү керек",
        "ru": "{output}: имя выходного файла должно оканчиваться на .docx или .pdf",
        "en": "{output}: the output must end in .docx or .pdf",
    },
    "cli_written": {
        "ky": "{output} ({size} байт, шаблон {template})",
        "ru": "{output} ({size} байт, шаблон {template})",
        "en": "{output} ({size} bytes, template {template})",
    },
    "cli_file_written": {
        "ky": "{path} ({size} байт)",
        "ru": "{path} ({size} байт)",
        "en": "{path} ({size} bytes)",
    },
    "cli_sample_invalid": {
        "ky": "{document}: үлгү маалыматта каталар бар:",
        "ru": "{document}: в образце данных есть ошибки:",
        "en": "{document}: the sample is invalid:",
    },
    "cli_cannot_listen": {
        "ky": "{address} дарегинде угуу мүмкүн эмес: «{error}»",
        "ru": "Не удаётся слушать адрес {address}: «{error}»",
        "en": "Cannot listen on {address}: {error}",
    },
    "cli_configuration": {
        "ky": "Жөндөө туура эмес, кызмат иштей албайт: «{error}»",
        "ru": "Настройка неверна, служба не может работать: «{error}»",
        "en": "The configuration is wrong; the service cannot run: {error}",
    },
    "cli_no_reports": {
        "ky": "{path}: отчет файлдары (.json, .xlsx, .csv) жок",
        "ru": "{path}: нет файлов отчётов (.json, .xlsx, .csv)",
        "en": "{path}: no report files (.json, .xlsx, .csv)",
    },
    "cli_interrupted": {
        "ky": "Токтотулду: даяр файлдар сакталды; бүтүрүү үчүн ошол эле буйрукту кайра иштетиңиз",
        "ru": "Прервано: готовые файлы сохранены; чтобы закончить, запустите ту же команду снова",
        "en": "Interrupted: the finished outputs are kept; run the same command again to finish",
    },
    "cli_up_to_date": {
        "ky": "{count} файл жаңы бойдон, кайра жасалган жок",
        "ru": "Файлов без изменений, не переделаны: {count}",
        "en": "{count} outputs up to date, not redone",
    },
    "cli_reading": {"ky": "файлдар окулууда", "ru": "чтение файлов", "en": "reading inputs"},
    "cli_documents": {"ky": "документтер", "ru": "документы", "en": "documents"},
    "cli_summary": {
        "ky": "{folder}: {made} жасалды, {skipped} жаңы бойдон, {failed} ишке ашкан жок",
        "ru": "{folder}: сделано {made}, без изменений {skipped}, не удалось {failed}",
        "en": "{folder}: {made} made, {skipped} up to date, {failed} failed",
    },
    "cli_manifest": {
        "ky": "Тизмелер: {json}, {csv}",
        "ru": "Описи: {json}, {csv}",
        "en": "manifest: {json}, {csv}",
    },
    "cli_zip": {"ky": "ZIP: {path}", "ru": "ZIP: {path}", "en": "zip: {path}"},
    "cli_leftovers": {
        "ky": "Үзгүлтүккө учураган иштин {count} убактылуу файлы өчүрүлдү",
        "ru": "Удалено временных файлов прерванного запуска: {count}",
        "en": "removed {count} temp files of an interrupted run",
    },
    "cli_stored": {
        "ky": "{label} катары сакталды ({state})",
        "ru": "Сохранено как {label} ({state})",
        "en": "stored as {label} ({state})",
    },
    "cli_already_stored": {
        "ky": "Мурда эле {label} катары сакталган ({state})",
        "ru": "Уже сохранено как {label} ({state})",
        "en": "already stored as {label} ({state})",
    },
    "cli_active": {"ky": "иштеп жатат", "ru": "действует", "en": "active"},
    "cli_not_active": {"ky": "иштетиле элек", "ru": "не включена", "en": "not active"},
    "cli_activated": {
        "ky": "{label} иштетилди",
        "ru": "{label} включена",
        "en": "{label} is active",
    },
    "cli_key_created": {
        "ky": "«{name}» («{role}») ачкычы түзүлдү; аны азыр сактап алыңыз, ал кайра көрсөтүлбөйт:",
        "ru": "Создан ключ «{name}» («{role}»); сохраните его сейчас, он больше не будет показан:",
        "en": "Created the {role} key «{name}»; keep it now, it is not shown again:",
    },
    "cli_key_created_for": {
        "ky": "«{organization}» уюму үчүн «{name}» («{role}») ачкычы түзүлдү; аны азыр сактап алыңыз, ал кайра "
        "көрсөтүлбөйт:",
        "ru": "Создан ключ «{name}» («{role}») для «{organization}»; сохраните его сейчас, он больше не будет показан:",
        "en": "Created the {role} key «{name}» for «{organization}»; keep it now, it is not shown again:",
    },
    "cli_organization_unknown": {
        "ky": "{file} ичинде «{organization}» деген уюм жок",
        "ru": "В {file} нет организации «{organization}»",
        "en": "No organization «{organization}» in {file}",
    },
    "cli_organization_unknown_close": {
        "ky": "{file} ичинде «{organization}» деген уюм жок; балким: {close}?",
        "ru": "В {file} нет организации «{organization}»; возможно: {close}?",
        "en": "No organization «{organization}» in {file}; did you mean {close}?",
    },
    "cli_key_revoked": {
        "ky": "«{name}» ачкычы жокко чыгарылды",
        "ru": "Ключ «{name}» отозван",
        "en": "Revoked the key «{name}»",
    },
    "cli_key_unknown": {
        "ky": "«{name}» деген иштеп жаткан ачкыч жок",
        "ru": "Действующего ключа «{name}» нет",
        "en": "No live key named «{name}»",
    },
    "key_name_invalid": {
        "ky": "«{name}» деген ат туура эмес: 1–64 белги, тамгалар, сандар, «.», «_», «@» же «-»",
        "ru": "Имя «{name}» не подходит: 1–64 знака, буквы, цифры, «.», «_», «@» или «-»",
        "en": "The name «{name}» does not fit: 1–64 characters, letters, digits, «.», «_», «@» or «-»",
    },
    "key_role_unknown": {
        "ky": "«{role}» деген роль жок: «client», «editor» же «admin»",
        "ru": "Роли «{role}» нет: «client», «editor» или «admin»",
        "en": "There is no role «{role}»: client, editor or admin",
    },
    "key_name_taken": {
        "ky": "«{name}» деген ачкыч бар: адегенде аны жокко чыгарыңыз же башка ат тандаңыз",
        "ru": "Ключ «{name}» уже есть: сначала отзовите его или выберите другое имя",
        "en": "A key named «{name}» exists: revoke it first or choose another name",
    },
}
