"""The texts of what template validation finds in an editor's DOCX (``service/templates/``): its codes.

Apart from ``problems.py`` only for size; the same shape, looked up by the same ``service.catalogue.translate``.
"""

from __future__ import annotations

TEMPLATE_PROBLEMS: dict[str, dict[str, str]] = {
    # --- where in the template (service/templates/findings.py): a place's pieces, then places outside the text ---
    "place_table": {"ky": "{n}-таблица", "ru": "таблица {n}", "en": "table {n}"},
    "place_row": {"ky": "{n}-сап", "ru": "строка {n}", "en": "row {n}"},
    "place_cell": {"ky": "{n}-уяча", "ru": "ячейка {n}", "en": "cell {n}"},
    "place_paragraph": {"ky": "{n}-абзац", "ru": "абзац {n}", "en": "paragraph {n}"},
    "place_header": {"ky": "{n}-жогорку колонтитул", "ru": "верхний колонтитул {n}", "en": "header {n}"},
    "place_footer": {"ky": "{n}-төмөнкү колонтитул", "ru": "нижний колонтитул {n}", "en": "footer {n}"},
    "place_footnote": {"ky": "{n}-шилтеме", "ru": "сноска {n}", "en": "footnote {n}"},
    "place_endnote": {"ky": "{n}-акыркы шилтеме", "ru": "концевая сноска {n}", "en": "endnote {n}"},
    "place_file": {"ky": "файл", "ru": "файл", "en": "file"},
    "place_sample": {"ky": "үлгү маалымат", "ru": "образец данных", "en": "sample"},
    "place_pdf": {"ky": "PDF", "ru": "PDF", "en": "pdf"},
    "place_model": {"ky": "модель", "ru": "модель", "en": "model"},
    # --- the report as a terminal shows it (kagaz templates check) ---
    "report_error": {"ky": "КАТА", "ru": "ОШИБКА", "en": "ERROR"},
    "report_warning": {"ky": "эскертүү", "ru": "предупреждение", "en": "warning"},
    "verdict_ok": {"ky": "ЖАРАКТУУ", "ru": "ГОДЕН", "en": "OK"},
    "verdict_refused": {"ky": "КАБЫЛ АЛЫНБАДЫ", "ru": "ОТКЛОНЁН", "en": "REFUSED"},
    "report_counts": {
        "ky": "{errors} ката, {warnings} эскертүү; текшерилди: {stages}",
        "ru": "ошибок: {errors}, предупреждений: {warnings}; проверено: {stages}",
        "en": "{errors} error(s), {warnings} warning(s); checked: {stages}",
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
        "ky": "Файлдын ичи өтө чоң же өтө көп бөлүктөн турат («{what}»): мындай файл ачылбайт",
        "ru": "Содержимое файла слишком велико или из слишком многих частей («{what}»): такой файл не открывается",
        "en": "The file unpacks too large or into too many parts ({what}): it is not opened",
    },
    "xml_doctype": {
        "ky": "«{part}» бөлүгүндө «DOCTYPE» же «ENTITY» жарыяланган: мындай файл коопсуздук үчүн кабыл алынбайт",
        "ru": "В части «{part}» объявлен «DOCTYPE» или «ENTITY»: такой файл не принимается из соображений безопасности",
        "en": "The part «{part}» declares a DOCTYPE or ENTITY: such a file is refused for safety",
    },
    "xml_broken": {
        "ky": "«{part}» бөлүгү бузулган (туура XML эмес): «{error}»",
        "ru": "Часть «{part}» повреждена (неверный XML): «{error}»",
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
        "ky": "Тег бир нече бөлүккө бөлүнүп, ичине ашыкча белги же боштук кирип калган: аны бир жолу, бир форматта "
        "кайра териңиз",
        "ru": "Тег разбит на части, и внутрь попал лишний знак или пробел: наберите его заново, целиком и в одном "
        "формате",
        "en": "The tag is split into pieces and a stray space or character got inside: retype it in one go, in one "
        "format",
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
        "ky": "Шаблон коопсуздук үчүн тыюу салынган нерсеге кайрылат («{error}»): «_» менен башталган аттар "
        "колдонулбайт",
        "ru": "Шаблон обращается к запрещённому из соображений безопасности («{error}»): имена, начинающиеся с «_», "
        "недоступны",
        "en": "The template reaches for something forbidden for safety ({error}): names starting with «_» are not "
        "available",
    },
    "sample_missing": {
        "ky": "Шаблондун үлгү маалыматы окулбай калды: сынамык документ түзүлбөйт",
        "ru": "Не удалось прочитать образец данных шаблона: пробный документ не создаётся",
        "en": "The template's sample data could not be read: no test document can be made",
    },
    "render_failed": {
        "ky": "Үлгү маалымат менен сынамык документ түзүлгөн жок: «{error}»",
        "ru": "Не удалось заполнить шаблон образцом данных: «{error}»",
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
        "ky": "Сынамык документ PDF'ке айландырылган жок: «{error}»",
        "ru": "Пробный документ не удалось преобразовать в PDF: «{error}»",
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
    # --- issue 16: batches, editors, error pages ---
    "docx_tracked_changes": {
        "ky": "Бул жерде кабыл алына элек оңдоолор бар (түзөтүүлөрдү көзөмөлдөө): алар PDF'ке белгилери менен "
        "чыгат. Word'до «Рецензирование → Принять → Принять все исправления» (же баарын четке кагыңыз), "
        "LibreOffice'то «Правка → Отслеживание изменений → Принять все», анан көзөмөлдөөнү өчүрүп сактаңыз",
        "ru": "Здесь есть непринятые исправления (запись исправлений): они попадут в PDF с пометками. В Word: "
        "«Рецензирование → Принять → Принять все исправления» (или отклоните все), в LibreOffice: «Правка → "
        "Отслеживание изменений → Принять все»; затем выключите запись исправлений и сохраните",
        "en": "Tracked changes here are not accepted: they would print with their marks. Accept or reject all "
        "changes (Word: Review → Accept → Accept All Changes; LibreOffice: Edit → Track Changes → Accept All), turn "
        "tracking off and save",
    },
    "docx_comment": {
        "ky": "Бул жерде эскертүү (примечание) бар: аны өчүрүңүз (Word: «Рецензирование → Удалить → Удалить все "
        "примечания»; LibreOffice: эскертүүнүн менюсунан «Удалить все»)",
        "ru": "Здесь есть примечание (комментарий): удалите его (Word: «Рецензирование → Удалить → Удалить все "
        "примечания»; LibreOffice: меню примечания → «Удалить все»)",
        "en": "A comment is attached here: delete it (Word: Review → Delete → Delete All Comments; LibreOffice: the "
        "comment's menu → Delete All)",
    },
    "docx_hidden_text": {
        "ky": "Бул жерде жашырылган текст бар: ал экранда көрүнбөйт, бирок документте калат. Аны тандап, «Шрифт» "
        "терезесинде «Скрытый» белгисин алып салыңыз же өчүрүңүз",
        "ru": "Здесь есть скрытый текст: его не видно на экране, но он остаётся в документе. Выделите его и в окне "
        "«Шрифт» снимите отметку «Скрытый» или удалите его",
        "en": "Hidden text is here: it does not show on screen but stays in the document. Select it and clear "
        "Hidden in the Font dialog, or delete it",
    },
    "font_missing": {
        "ky": "Серверде «{font}» ариби жок: PDF'те анын ордуна «{replacement}» колдонулат, саптар жана барактар "
        "башкача бөлүнүшү мүмкүн. Серверде бар арипти тандаңыз (мисалы, «Times New Roman»)",
        "ru": "На сервере нет шрифта «{font}»: в PDF вместо него будет «{replacement}», строки и страницы могут "
        "разбиться иначе. Выберите шрифт, который есть на сервере (например, «Times New Roman»)",
        "en": "The server has no «{font}» font: the PDF uses «{replacement}» instead, so lines and pages may break "
        "differently. Choose a font the server has («Times New Roman», say)",
    },
    "cell_off_page": {
        "ky": "Сынамык документте {cells}-уячалардын текстинин аягы PDF'ке түшкөн жок: таблица барактын четинен "
        "чыгып кетет. Таблицанын же мамычалардын туурасын азайтыңыз",
        "ru": "В пробном документе конец текста ячеек {cells} не попал в PDF: таблица выходит за край страницы. "
        "Уменьшите ширину таблицы или столбцов",
        "en": "In the test document the end of the text of cell(s) {cells} is not in the PDF: the table runs past "
        "the page's edge. Make the table or its columns narrower",
    },
    "cell_text_missing": {
        "ky": "Сынамык документте {cells}-уячалардын текстинин аягы PDF'ке түшкөн жок (текст жашырылган, ак түстө "
        "же алкактан чыгып кетет): уячанын форматын текшериңиз",
        "ru": "В пробном документе конец текста ячеек {cells} не попал в PDF (текст скрыт, белый или выходит за "
        "рамку): проверьте формат ячейки",
        "en": "In the test document the end of the text of cell(s) {cells} is not in the PDF (hidden, white, or "
        "outside its frame): check the cell's formatting",
    },
    "template_syntax_unknown_tag": {
        "ky": "«{name}» деген тег жок: тегдин аты туура жазылганын текшериңиз («for», «if», «endfor», «endif» …)",
        "ru": "Тега «{name}» не существует: проверьте написание («for», «if», «endfor», «endif» …)",
        "en": "There is no tag «{name}»: check its spelling («for», «if», «endfor», «endif» …)",
    },
    "template_syntax_end_without_start": {
        "ky": "«{name}» теги бар, бирок ал жапкан блок ачылган эмес же мурда жабылган: ашыкча тегди өчүрүңүз",
        "ru": "Есть тег «{name}», но блок, который он закрывает, не открыт или уже закрыт: удалите лишний тег",
        "en": "«{name}» closes a block that was never opened here, or was closed already: delete the extra tag",
    },
    "template_syntax_unknown_filter": {
        "ky": "«{name}» деген чыпка (фильтр) жок: тегдеги «|» белгисинен кийинки сөздү текшериңиз",
        "ru": "Фильтра «{name}» нет: проверьте слово после знака «|» в теге",
        "en": "There is no filter «{name}»: check the word after «|» in the tag",
    },
    "template_syntax_bad_syntax": {
        "ky": "Тег туура эмес жазылган: кашааларды, тырмакчаларды, чекиттерди жана аралыктарды текшериңиз",
        "ru": "Тег написан неверно: проверьте скобки, кавычки, точки и пробелы",
        "en": "The tag is written wrongly: check its brackets, quotes, dots and spaces",
    },
    "place_fonts": {
        "ky": "арип",
        "ru": "шрифты",
        "en": "fonts",
    },
}
