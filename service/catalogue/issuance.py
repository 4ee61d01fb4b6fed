"""The texts of issued documents (``service/issuance/``, ``api/issued.py``, ``web/verify.py``): the draft mark
and the signature stamp printed on documents, the register's refusals, the public check page, and what
``kagaz render`` says of the number it issued.

Apart from ``problems.py`` and ``pages.py`` only to keep the issuance's words together; the same shape, looked
up by the same ``service.catalogue.text`` / ``translate``.
"""

from __future__ import annotations

ISSUANCE: dict[str, dict[str, str]] = {
    "draft_mark": {
        "ky": "ДОЛБООР",
        "ru": "ПРОЕКТ",
        "en": "DRAFT",
    },
    "issuance_tags_missing": {
        "ky": "Шаблондо документтин номери жана QR-коду жок: кол коюу блогунан кийин, документтин аягына "
        "«{tags}» тегдерин кошуңуз",
        "ru": "В шаблоне нет номера документа и QR-кода: добавьте теги «{tags}» в конец документа, после блока подписи",
        "en": "The template does not show the document's number and QR code: add the tags «{tags}» at the end of "
        "the document, after the signature block",
    },
    "verify_rate": {
        "ky": "Бул даректен текшерүү өтө көп: мүнөтүнө {limit} жолудан ашпасын, бир мүнөттөн кийин кайталаңыз",
        "ru": "Слишком много проверок с этого адреса: не более {limit} в минуту, повторите через минуту",
        "en": "Too many checks from this address: at most {limit} a minute, try again in a minute",
    },
    "issued_unknown": {
        "ky": "{number} номери менен документ берилген эмес",
        "ru": "Документ под номером {number} не выдавался",
        "en": "No document was issued under {number}",
    },
    # ``issued_not_annullable`` reads its variant by ``state`` (``service.catalogue.VARIANTS``): the state in
    # words of the sentence's language, never the register's code
    "issued_not_annullable": {
        "ky": "{number} документин жокко чыгарууга болбойт: ал берилген эмес",
        "ru": "Документ {number} нельзя аннулировать: он не был выдан",
        "en": "{number} cannot be annulled: it was not issued",
    },
    "issued_not_annullable_annulled": {
        "ky": "{number} документи мурунтан эле жокко чыгарылган",
        "ru": "Документ {number} уже аннулирован",
        "en": "{number} is already annulled",
    },
    "issued_not_annullable_void": {
        "ky": "{number} номери боюнча документ түзүлгөн эмес (номер жараксыз деп белгиленген): "
        "жокко чыгаруучу эч нерсе жок",
        "ru": "Документ под номером {number} не был создан (номер помечен недействительным): аннулировать нечего",
        "en": "No document was made under {number} (the number is marked void): there is nothing to annul",
    },
    "issued_not_annullable_pending": {
        "ky": "{number} документи азыр түзүлүп жатат: ал берилгенден кийин жокко чыгарыңыз",
        "ru": "Документ {number} ещё создаётся: аннулируйте его после выдачи",
        "en": "{number} is still being made: annul it once it is issued",
    },
    "issued_not_a_number": {
        "ky": "«{text}» номер эмес: номер {example} түрүндө жазылат",
        "ru": "«{text}» — не номер: номер пишется в виде {example}",
        "en": "«{text}» is not a number: a number is written as {example}",
    },
    "issued_reason_missing": {
        "ky": "Документ эмне үчүн жокко чыгарылганын жазыңыз: текшерүү барагы аны көрсөтөт",
        "ru": "Укажите, почему документ аннулируется: страница проверки покажет это",
        "en": "Say why the document is annulled: the check page shows it",
    },
    "issued_not_pending": {
        "ky": "{number} номери мурунтан эле толукталган",
        "ru": "Номер {number} уже завершён",
        "en": "{number} is already complete",
    },
    "issued_input_removed": {
        "ky": "{number} документинин баштапкы маалыматы сактоо мөөнөтү бүткөндүктөн өчүрүлгөн: кайра түзүүгө болбойт",
        "ru": "Исходные данные документа {number} удалены по истечении срока хранения: повторно создать нельзя",
        "en": "The input of {number} was removed when its retention period ended: it cannot be made again",
    },
    # --- the public check page (service/web/verify.py) ---
    "verify_title": {"ky": "Документти текшерүү", "ru": "Проверка документа", "en": "Check a document"},
    "verify_lead": {
        "ky": "Сот департаменти берген документтин номерин жазыңыз же PDF файлын жүктөңүз.",
        "ru": "Введите номер документа, выданного Судебным департаментом, или загрузите его PDF-файл.",
        "en": "Type the number of a document issued by the Judicial Department, or upload its PDF file.",
    },
    "verify_number_label": {"ky": "Документтин номери", "ru": "Номер документа", "en": "Document number"},
    "verify_number_button": {"ky": "Номерди текшерүү", "ru": "Проверить номер", "en": "Check the number"},
    "verify_file_label": {"ky": "PDF файл", "ru": "PDF-файл", "en": "PDF file"},
    "verify_file_button": {"ky": "Файлды текшерүү", "ru": "Проверить файл", "en": "Check the file"},
    "verify_issued": {
        "ky": "{number} номери менен {date} берилген",
        "ru": "Выдан под номером {number} {date}",
        "en": "Issued as {number} on {date}",
    },
    "verify_annulled": {
        "ky": "Бул документ {date} жокко чыгарылган: {reason}",
        "ru": "Этот документ аннулирован {date}: {reason}",
        "en": "This document was annulled on {date}: {reason}",
    },
    "verify_unknown_number": {
        "ky": "«{number}» номери менен документ берилген эмес",
        "ru": "Документ с номером «{number}» не выдавался",
        "en": "No document was issued under «{number}»",
    },
    "verify_file_ok": {
        "ky": "{number} номери менен {date} берилген, өзгөртүлгөн эмес",
        "ru": "Выдан под номером {number} {date}, не изменён",
        "en": "Issued as {number} on {date}, unchanged",
    },
    "verify_file_bad": {
        "ky": "Бул файл Kagaz берген документ эмес, же ал өзгөртүлгөн",
        "ru": "Этот файл не является документом, выданным Kagaz, или он изменён",
        "en": "Not a document issued by Kagaz, or altered",
    },
    "verify_document": {"ky": "Документ", "ru": "Документ", "en": "Document"},
    "verify_organization": {"ky": "Уюм", "ru": "Организация", "en": "Organization"},
    "verify_template": {"ky": "Шаблондун версиясы", "ru": "Версия шаблона", "en": "Template version"},
    "verify_sha256": {"ky": "Файлдын sha256", "ru": "sha256 файла", "en": "The file's sha256"},
    "verify_signature": {"ky": "Электрондук кол", "ru": "Электронная подпись", "en": "Electronic signature"},
    "verify_signature_none": {"ky": "Кол коюлган эмес", "ru": "Не подписан", "en": "Not signed"},
    "verify_signature_ok": {
        "ky": "{signer}, сертификат № {serial}: жарактуу",
        "ru": "{signer}, сертификат № {serial}: действительна",
        "en": "{signer}, certificate No. {serial}: valid",
    },
    "verify_signature_bad": {
        "ky": "{signer}, сертификат № {serial}: жараксыз",
        "ru": "{signer}, сертификат № {serial}: недействительна",
        "en": "{signer}, certificate No. {serial}: not valid",
    },
    "verify_file_missing": {
        "ky": "Текшерүү үчүн файл жок: документтин PDF файлын тандаңыз",
        "ru": "Нет файла для проверки: выберите PDF-файл документа",
        "en": "No file to check: choose the document's PDF file",
    },
    "verify_too_large": {
        "ky": "Файл өтө чоң: {limit} байттан ашпашы керек",
        "ru": "Файл слишком большой: не более {limit} байт",
        "en": "The file is too large: at most {limit} bytes",
    },
    "signature_stamp": {
        "ky": "Электрондук кол менен кол коюлган\n{signer}\n{date}\nСертификат № {serial}",
        "ru": "Подписано электронной подписью\n{signer}\n{date}\nСертификат № {serial}",
        "en": "Signed with an electronic signature\n{signer}\n{date}\nCertificate No. {serial}",
    },
    # --- the place template validation names for the issuance tags, and the form's and CLI's words ---
    "place_end": {"ky": "документтин аягы", "ru": "конец документа", "en": "end of the document"},
    "pdfa_hint": {
        "ky": "архив үчүн (PDF/A), номери менен",
        "ru": "для архива (PDF/A), с номером",
        "en": "for the archive (PDF/A), numbered",
    },
    "cli_issued_as": {"ky": "№ {number} менен берилди", "ru": "выдан под № {number}", "en": "issued as № {number}"},
    "cli_draft": {"ky": "долбоор, номерсиз", "ru": "проект, без номера", "en": "a draft, no number"},
    # --- ``kagaz issued …`` and ``kagaz reissue`` (service/issued_cli.py) ---
    "issued_state_pending": {"ky": "түзүлүүдө", "ru": "создаётся", "en": "pending"},
    "issued_state_issued": {"ky": "берилген", "ru": "выдан", "en": "issued"},
    "issued_state_void": {"ky": "жараксыз", "ru": "недействителен", "en": "void"},
    "issued_state_annulled": {"ky": "жокко чыгарылган", "ru": "аннулирован", "en": "annulled"},
    "cli_issued_annulled": {
        "ky": "{number}: жокко чыгарылды ({reason})",
        "ru": "{number}: аннулирован ({reason})",
        "en": "{number}: annulled ({reason})",
    },
    "cli_issued_purged": {
        "ky": "{date} күнүнө чейин берилген документтердин баштапкы маалыматы өчүрүлдү: {count} жазуу",
        "ru": "Исходные данные документов, выданных до {date}, удалены: записей — {count}",
        "en": "Input data of documents issued before {date} removed: {count} entries",
    },
    "cli_reissued": {
        "ky": "{output}: {number} кайра түзүлдү ({size} байт, шаблон {template})",
        "ru": "{output}: {number} создан повторно ({size} байт, шаблон {template})",
        "en": "{output}: {number} made again ({size} bytes, template {template})",
    },
    "cli_reissued_format": {
        "ky": "Эскертүү: документ {format} форматында, {output} аны ошол бойдон сактайт",
        "ru": "Примечание: документ в формате {format}, {output} хранит его как есть",
        "en": "Note: the document is a {format}; {output} holds it as such",
    },
}
