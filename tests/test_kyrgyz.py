"""Kyrgyz official forms: every month in every date form, collation order, initials."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from pathlib import Path

import pytest
from jinja2.sandbox import ImmutableSandboxedEnvironment

from service.errors import InputError
from service.kyrgyz import (
    KYRGYZ_ALPHABET,
    MONTHS,
    PersonName,
    blank_order_date,
    collation_key,
    date_ablative,
    date_dated,
    date_dative,
    date_locative,
    date_plain,
    initials_surname,
    month_forms,
    parse_full_name,
    sort_kyrgyz,
    template_filters,
    transliterate,
)

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_69f2d8c9f2073f39.txt"

# Written out by hand, not derived: month, plain (possessive), dated, locative ("on"), ablative ("from"),
# dative ("to"). Back-vowel possessives (ы, у) take а-endings; the front one (апрели) takes е-endings.
MONTH_FORMS = [
    (1, "январы", "январындагы", "январында", "январынан", "январына"),
    (2, "февралы", "февралындагы", "февралында", "февралынан", "февралына"),
    (3, "марты", "мартындагы", "мартында", "мартынан", "мартына"),
    (4, "апрели", "апрелиндеги", "апрелинде", "апрелинен", "апрелине"),
    (5, "майы", "майындагы", "майында", "майынан", "майына"),
    (6, "июну", "июнундагы", "июнунда", "июнунан", "июнуна"),
    (7, "июлу", "июлундагы", "июлунда", "июлунан", "июлуна"),
    (8, "августу", "августундагы", "августунда", "августунан", "августуна"),
    (9, "сентябры", "сентябрындагы", "сентябрында", "сентябрынан", "сентябрына"),
    (10, "октябры", "октябрындагы", "октябрында", "октябрынан", "октябрына"),
    (11, "ноябры", "ноябрындагы", "ноябрында", "ноябрынан", "ноябрына"),
    (12, "декабры", "декабрындагы", "декабрында", "декабрынан", "декабрына"),
]
FORM_FUNCTIONS = [date_plain, date_dated, date_locative, date_ablative, date_dative]


@pytest.mark.parametrize(
    ("month", "form", "expected"),
    [
        (row[0], function.__name__, row[index + 1])
        for row in MONTH_FORMS
        for index, function in enumerate(FORM_FUNCTIONS)
    ],
)
def test_every_month_in_every_form(month: int, form: str, expected: str) -> None:
    function = next(f for f in FORM_FUNCTIONS if f.__name__ == form)
    assert function(dt.date(2026, month, 15)) == f"2026-жылдын 15-{expected}"


@pytest.mark.parametrize(
    ("function", "day", "expected"),
    [
        (date_plain, dt.date(2026, 1, 15), "2026-жылдын 15-январы"),
        (date_plain, dt.date(2015, 3, 30), "2015-жылдын 30-марты"),
        (date_plain, dt.date(2012, 8, 8), "2012-жылдын 8-августу"),
        (date_plain, dt.date(2025, 7, 1), "2025-жылдын 1-июлу"),
        (date_dated, dt.date(2025, 7, 15), "2025-жылдын 15-июлундагы"),
        (date_dated, dt.date(2024, 4, 9), "2024-жылдын 9-апрелиндеги"),
        (date_locative, dt.date(2026, 2, 1), "2026-жылдын 1-февралында"),
        (date_ablative, dt.date(2026, 1, 15), "2026-жылдын 15-январынан"),
        (date_ablative, dt.date(2026, 4, 30), "2026-жылдын 30-апрелинен"),
        (date_dative, dt.date(2025, 12, 31), "2025-жылдын 31-декабрына"),
        (date_plain, dt.datetime(2025, 5, 9, 23, 59), "2025-жылдын 9-майы"),
    ],
)
def test_examples_from_official_texts(function, day: dt.date, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert function(day) == expected


def test_the_table_has_twelve_months_and_no_native_names() -> None:
    assert [month.nominative for month in MONTHS] == [
        "январь", "февраль", "март", "апрель", "май", "июнь",
        "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
    ]  # fmt: skip


def test_month_forms_read_back_every_printed_form() -> None:
    forms = month_forms()
    assert len(forms) == 12 * 6  # no two months or forms share a spelling
    for row in MONTH_FORMS:
        for name, written in zip(("plain", "dated", "locative", "ablative", "dative"), row[1:], strict=True):
            assert forms[written] == (row[0], name)
    assert forms["сентябрь"] == (9, "nominative")


def test_blank_order_date_is_the_originals() -> None:
    assert blank_order_date(2025) == "2025-ж. « » _____"
    assert blank_order_date(2026) == "2026-ж. « » _____"


@pytest.mark.skipif(not SEED.exists(), reason="the source document is not beside the repository")
def test_blank_order_date_appears_in_the_source_document() -> None:
    header = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()[:12]]
    assert blank_order_date(2025) in header


# ----------------------------------------------------------------------------------------- collation

COURTS_IN_ORDER = [
    "10-участок",
    '"Адилет сот" маалыматтык технологиялар мекемеси',
    "Бишкек шаардык соту",
    "Нарын облустук соту",
    "Ноокат районунун соту",
    "Ңаа сынамык соту",
    "Ош облустук соту",
    "Ош шаардык соту",
    "Оштогу борбор",
    "Өзгөн районунун соту",
    "Үзгөн районунун соту",
    "Ысык-Ата районунун соту",
    "Ысык-Көл облустук соту",
    "Ысыккөл",
    "Adilet Sot",
]


def test_courts_sort_in_kyrgyz_order() -> None:
    shuffled = COURTS_IN_ORDER[:]
    random.Random(2025).shuffle(shuffled)
    assert sort_kyrgyz(shuffled) == COURTS_IN_ORDER
    assert sorted(COURTS_IN_ORDER) != COURTS_IN_ORDER  # code-point order would put Ң, Ө, Ү after Я


def test_the_alphabet_sorts_as_listed_in_both_cases() -> None:
    letters = list(KYRGYZ_ALPHABET) + list(KYRGYZ_ALPHABET.upper())
    random.Random(36).shuffle(letters)
    ordered = sort_kyrgyz(letters)
    assert [letter.casefold() for letter in ordered][::2] == list(KYRGYZ_ALPHABET)
    assert len(KYRGYZ_ALPHABET) == 36


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("н", "ң"),
        ("ң", "о"),
        ("о", "ө"),
        ("ө", "п"),
        ("у", "ү"),
        ("ү", "ф"),
        ("е", "ё"),
        ("ё", "ж"),
        ("ъ", "ы"),
        ("ы", "ь"),
        ("ь", "э"),
        ("Нарын", "ноокат"),  # case does not decide
        ("НООКАТ", "ңаа"),
        ("2-бөлүм", "10-бөлүм"),  # numbers compare as numbers
        ("9", "а"),  # numbers before letters
        ("Яхта", "Adilet"),  # Latin after Cyrillic
        ("alpha", "Beta"),
        ("Яхта", "әліпби"),  # other Cyrillic letters after я
        ("Ош облустук соту", "Оша"),  # a word break sorts before any letter
        ("Ош", "Ош облустук соту"),
        ("Ысык-Ата", "Ысык-Көл"),
        ("Ош", "ош"),  # equal but for case: upper case first, so the order is total
    ],
)
def test_pairs_sort_in_order(before: str, after: str) -> None:
    assert collation_key(before) < collation_key(after)
    assert sort_kyrgyz([after, before]) == [before, after]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("ОШ ОБЛУСТУК СОТУ", "ош облустук соту"),
        ("Ноо\u0301кат", "Ноокат"),  # a stress accent does not count
        (unicodedata.normalize("NFD", "Жайыл району"), "Жайыл району"),  # й typed as и + breve
        ("«Адилет сот»  мекемеси", '"Адилет сот"мекемеси'),  # quotes and spaces are one word break
        ("Ош - облустук", "Ош облустук."),
        ("Café", "cafe"),
    ],
)
def test_texts_that_collate_equal(one: str, other: str) -> None:
    assert collation_key(one)[0] == collation_key(other)[0]


def test_sort_kyrgyz_uses_the_key() -> None:
    courts = [{"name": "Үзгөн"}, {"name": "Ош"}, {"name": "Өзгөн"}]
    assert [court["name"] for court in sort_kyrgyz(courts, key=lambda court: court["name"])] == [
        "Ош",
        "Өзгөн",
        "Үзгөн",
    ]


# ---------------------------------------------------------------------------------------- initials


@pytest.mark.parametrize(
    ("full_name", "expected"),
    [
        ("Асанов Бакыт Токтогулович", "Б.Т.Асанов"),
        ("Асанов Бакыт", "Б.Асанов"),
        ("  Асанов   Бакыт\u00a0Токтогулович ", "Б.Т.Асанов"),
        ("Жумабеков Азамат Талант уулу", "А.Т.Жумабеков"),
        ("Жумабеков Азамат Талант УУЛУ", "А.Т.Жумабеков"),
        ("Токтогулова Айгүл Бакыт кызы", "А.Б.Токтогулова"),
        ("Талант уулу Азамат", "А.Талант уулу"),  # no family name: the father's name serves as one
        ("Талант уулу Азамат Бекович", "А.Б.Талант уулу"),
        ("Асанова-Токтогулова Айгүл Бакытовна", "А.Б.Асанова-Токтогулова"),
        ("Иванова Анна-Мария Петровна", "А.-М.П.Иванова"),
        ("Осмонов Өмүрбек Үсөнович", "Ө.Ү.Осмонов"),
        ("Осмонов өмүрбек үсөнович", "Ө.Ү.Осмонов"),
        ("Smith John", "J.Smith"),
    ],
)
def test_initials_from_a_full_name(full_name: str, expected: str) -> None:
    assert initials_surname(full_name) == expected


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        (PersonName("Асанов", "Бакыт", "Токтогулович"), "Б.Т.Асанов"),
        (PersonName("Асанов", "Бакыт"), "Б.Асанов"),
        (PersonName("Асанов", "Бакыт", "  "), "Б.Асанов"),
        (PersonName("Жумабеков", "Азамат", "Талант уулу"), "А.Т.Жумабеков"),
        (PersonName("Талант уулу", "Азамат"), "А.Талант уулу"),
        (PersonName("Асанов", "ңаалы", "үсөн уулу"), "Ң.Ү.Асанов"),
        (PersonName("Асанов Бакыт", "Болот"), "Б.Асанов Бакыт"),  # structured input is taken as given
    ],
)
def test_initials_from_parts(person: PersonName, expected: str) -> None:
    assert initials_surname(person) == expected


@pytest.mark.parametrize(
    ("full_name", "expected"),
    [
        ("Асанов Бакыт Токтогулович", PersonName("Асанов", "Бакыт", "Токтогулович")),
        ("Жумабеков Азамат Талант уулу", PersonName("Жумабеков", "Азамат", "Талант уулу")),
        ("Талант уулу Азамат", PersonName("Талант уулу", "Азамат", None)),
    ],
)
def test_parse_full_name_takes_the_surname_first(full_name: str, expected: PersonName) -> None:
    assert parse_full_name(full_name) == expected


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("", "name_missing"),
        ("   ", "name_missing"),
        ("Асанов", "name_missing"),
        ("Талант уулу", "name_missing"),
        ("Асанов Бакыт Болот Токтогулович", "name_unrecognized"),  # two given names or two surnames?
        ("Асанов Бакыт уулу", "name_unrecognized"),  # «уулу» without the father's name
        ("Асанов 1Бакыт", "name_unrecognized"),
        (PersonName("Асанов", ""), "name_missing"),
        (PersonName("", "Бакыт"), "name_missing"),
        (PersonName("Асанов", "Бакыт", "уулу"), "name_unrecognized"),
        (PersonName("Асанов", "Бакыт", "-Токтогулович"), "name_unrecognized"),
    ],
)
def test_names_that_give_no_initials(name: PersonName | str, code: str) -> None:
    with pytest.raises(InputError) as raised:
        initials_surname(name, location="signature.name")
    [problem] = raised.value.problems
    assert (problem.location, problem.code) == ("signature.name", code)


# ---------------------------------------------------------------------------------- transliteration


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Иш-чаралар планы 2025.docx", "Ish-charalar plany 2025.docx"),
        ("Өзгөн, Үзгөн, Ңа", "Ozgon, Uzgon, Nga"),
        ("Жалал-Абад шаардык соту", "Zhalal-Abad shaardyk sotu"),
        ("ЖОГОРКУ СОТ", "ZHOGORKU SOT"),
        ("Щёлково объект Цех Юг Яр Хан Чүй Ысык-Көл", "Shchyolkovo obekt Tsekh Yug Yar Khan Chuy Ysyk-Kol"),
        ("«Адилет» № 5", "«Adilet» № 5"),  # not a letter of the alphabet: kept for the caller to judge
    ],
)
def test_transliterate(text: str, expected: str) -> None:
    assert transliterate(text) == expected


def test_transliterate_covers_the_whole_alphabet_in_ascii() -> None:
    latin = transliterate(KYRGYZ_ALPHABET + KYRGYZ_ALPHABET.upper())
    assert latin.isascii()
    assert latin.isalpha()


# ------------------------------------------------------------------------------------------ filters


def test_template_filters_in_a_sandboxed_environment() -> None:
    environment = ImmutableSandboxedEnvironment(autoescape=True)
    environment.filters.update(template_filters())
    source = (
        "{{ order|kg_date_dated }} / {{ '2026-01-15'|kg_date_from }} / {{ day|kg_date }} / "
        "{{ day|kg_date_on }} / {{ day|kg_date_until }} / {{ 2025|kg_blank_date }} / "
        "{{ signer|kg_initials }} / {{ chair|kg_initials }} / "
        "{{ courts|kg_sort('name')|map(attribute='name')|join(',') }} / {{ units|kg_sort|join(',') }}"
    )
    rendered = environment.from_string(source).render(
        order=dt.date(2025, 7, 15),
        day=dt.date(2026, 2, 1),
        signer={"surname": "Асанов", "given_name": "Бакыт", "patronymic": None},
        chair="Жумабеков Азамат Талант уулу",
        courts=[{"name": "Үзгөн"}, {"name": "Ош"}],
        units=["Өзгөн", "Ноокат"],
    )
    assert rendered.split(" / ") == [
        "2025-жылдын 15-июлундагы",
        "2026-жылдын 15-январынан",
        "2026-жылдын 1-февралы",
        "2026-жылдын 1-февралында",
        "2026-жылдын 1-февралына",
        "2025-ж. « » _____",
        "Б.Асанов",
        "А.Т.Жумабеков",
        "Ош,Үзгөн",
        "Ноокат,Өзгөн",
    ]


def test_the_sort_filter_reads_no_private_names() -> None:
    with pytest.raises(ValueError, match="__class__"):
        template_filters()["kg_sort"]([{"a": 1}], "__class__")
