"""Places in words (``service.locations``), JSON errors in words (``errors.json_problem``), and the text
comparison of two template versions (``templates.compare.text_changes``): pure functions, table-tested."""

from __future__ import annotations

import json

import pytest
from make_fixtures import DOCUMENT, HEADER_CELL, SHIPPED, W_T, replace_once, variant

from service import locations
from service.catalogue import translate
from service.errors import json_problem
from service.templates import compare, page_checks

PLACES = [
    ("measures[0].status", "ky", "тизмедеги 1-иш-чара, абалы"),
    ("measures[0].status", "ru", "мероприятие 1 в списке, статус"),
    ("sections[2].measures[0].deadline", "en", "section 3, measure 1 in the list, deadline"),
    ("signature.full_name", "ru", "подписант, фамилия, имя, отчество"),
    ("reports[4].unknown_thing", "en", "report 5, unknown_thing"),
    ("Иш-чаралар!C2", "ky", "«Иш-чаралар» барагы, 2-сап, C тилке"),
    ("Иш-чаралар!C2", "ru", "Лист «Иш-чаралар», строка 2, столбец C"),
    ("CSV!F12", "ky", "CSV файлы, 12-сап, F тилке"),
    ("Отчет!7", "en", "Sheet «Отчет», row 7"),
    ("(document)", "ky", ""),
    ("body (line 2, column 5)", "en", "body (line 2, column 5)"),  # not a field path: shown as it is
]


@pytest.mark.parametrize(("location", "language", "expected"), PLACES)
def test_places_in_words_counted_from_one(location: str, language: str, expected: str) -> None:
    assert locations.describe(location, language) == expected


def test_a_column_header_is_added_to_a_cell() -> None:
    place = locations.describe("Иш-чаралар!F7", "ky", {"header": "Ишке ашыруу мөөнөттөрү"})
    assert place == "«Иш-чаралар» барагы, 7-сап, F тилке («Ишке ашыруу мөөнөттөрү»)"


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ('{"year": 2025, "organization": }', "ky", "1-саптын 32-белгисинде"),
        ('{\n  "year": 2025,,\n}', "ru", "в строке 2, знак 16"),
        ("[" * 100_000, "en", "nested too deeply"),
    ],
)
def test_json_errors_say_line_and_character_in_words(text: str, language: str, expected: str) -> None:
    try:
        json.loads(text)
    except (ValueError, RecursionError) as error:
        problem = json_problem("(document)", error, text.encode())
    message = translate(problem.code, language, problem.params)
    assert problem.code == "invalid_json" and expected in message
    assert "Expecting" not in message and "char" not in message


def test_json_that_is_not_utf8_names_the_first_bad_byte() -> None:
    content = '{"name": "Ош"}'.encode("cp1251")  # Windows' Cyrillic code page, as Notepad saves it
    try:
        content.decode("utf-8")
    except UnicodeDecodeError as error:
        problem = json_problem("body", error, content)
    assert problem.params == {"variant": "encoding", "line": 1, "column": 11}
    assert "UTF-8" in translate(problem.code, "ky", problem.params)


def test_text_changes_name_the_cell_and_the_words() -> None:
    newer = variant({DOCUMENT: replace_once(f"{W_T}{HEADER_CELL}</w:t>", f"{W_T}Милдеттер жана максаттар</w:t>")})
    [change] = compare.text_changes(SHIPPED.read_bytes(), newer)
    assert change.kind == "changed" and change.place.describe("ky", with_tag=False) == "1-таблица, 1-сап, 2-уяча"
    assert change.pieces == (("same", "Милдеттер"), ("added", "жана максаттар"))
    assert compare.text_changes(SHIPPED.read_bytes(), SHIPPED.read_bytes()) == []


def test_a_cut_cell_is_said_with_its_real_cause() -> None:
    cells = ("7", "Соттордо электрондук документ жүгүртүүнү ишке киргизүү", "2025")
    pages = page_checks.Pages(["7 Соттордо электрондук 2025"])
    for tables, exact, code in [
        ([(1, 20000, 14000)], False, "cell_off_page"),
        ([(1, 14000, 14000)], True, "cell_overflow"),
        ([(1, 14000, 14000)], False, "cell_text_missing"),
    ]:
        rendered = page_checks.Rendered(tables=tables, rows=[page_checks.Row(1, 3, False, cells, exact)], paragraphs=[])
        [finding] = page_checks.check_cells(rendered, pages)
        assert finding.code == code
