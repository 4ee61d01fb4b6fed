"""Templates as people really edit them: saved by LibreOffice Writer and by Word (``fixtures/office/``, see
``make_office_fixtures.py`` and ``SOURCES.md``), each with the outcome an editor must get — the place of
each problem and what to do, in Kyrgyz, Russian and English; and every problem of a file in one report.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from make_fixtures import DOCUMENT, SHIPPED, replace_once, variant
from make_office_fixtures import MISSING_FONT
from template_helpers import action_plan_sample, check, open_validation_engine

from service.engine import Engine
from service.templates import fonts
from service.templates.findings import Report
from service.templates.validation import Sample

OFFICE = Path(__file__).resolve().parent / "fixtures" / "office"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    yield from open_validation_engine(tmp_path_factory.mktemp("office"))


@pytest.fixture(scope="module")
def sample(engine: Engine) -> Sample:
    return action_plan_sample(engine)


def errors(report: Report) -> list[tuple[str, str]]:
    return [(finding.code, finding.where()) for finding in report.errors]


# (file, the errors as (code, place), a piece of the Russian text of the first one)
REFUSED = [
    ("writer-tracked-changes.docx", [("docx_tracked_changes", "table 1, row 1, cell 2")], "Принять все"),
    ("writer-comment.docx", [("docx_comment", "table 1, row 1, cell 2")], "Удалить все примечания"),
    ("writer-hidden-text.docx", [("docx_hidden_text", "table 1, row 1, cell 2")], "«Скрытый»"),
    ("writer-split-tag.docx", [("tag_split_broken", "table 1, row 5, cell 4: {{ m.dead line }}")], "пробел"),
    (
        "word-tracked-changes.docx",
        [("docx_tracked_changes", "paragraph 1"), ("docx_tracked_changes", "paragraph 8")],
        "Принять все исправления",
    ),
    ("word-comments.docx", [("docx_comment", f"paragraph {n}") for n in (3, 7, 9, 11)], "примечани"),
]


@pytest.mark.parametrize(("name", "expected", "russian"), REFUSED, ids=[row[0] for row in REFUSED])
def test_what_word_and_writer_keep_out_of_sight_is_refused_at_its_place(
    name: str, expected: list[tuple[str, str]], russian: str, sample: Sample
) -> None:
    report = check((OFFICE / name).read_bytes(), sample)
    assert not report.ok and errors(report) == expected, report.text()
    first = report.errors[0]
    assert russian in first.as_dict("ru")["message"]
    for language in ("ky", "ru"):
        message = first.as_dict(language)["message"]
        assert "Jinja" not in message and "expected" not in message, message


def test_a_template_saved_again_by_writer_is_accepted(sample: Sample) -> None:
    report = check((OFFICE / "writer-roundtrip.docx").read_bytes(), sample)
    assert report.ok, report.text()
    assert [finding.code for finding in report.warnings] == ["pdf_skipped"], report.text()


def test_a_font_the_server_lacks_is_a_warning_naming_its_replacement(sample: Sample) -> None:
    replacement = subprocess.run(
        ["fc-match", "-f", "%{family}", MISSING_FONT], check=True, capture_output=True, text=True
    ).stdout.split(",")[0]
    assert replacement.casefold() != MISSING_FONT.casefold(), "this machine has the font: the test proves nothing"
    report = check((OFFICE / "writer-missing-font.docx").read_bytes(), sample)
    [finding] = [finding for finding in report.findings if finding.code == "font_missing"]
    assert report.ok and finding.params == {"font": MISSING_FONT, "replacement": replacement}
    assert f"«{MISSING_FONT}»" in finding.as_dict("ky")["message"]
    assert f"«{replacement}»" in finding.as_dict("ru")["message"]


def test_word_default_theme_fonts_are_read_through_the_theme() -> None:
    used = fonts.used_fonts((OFFICE / "word-default-blank.docx").read_bytes())
    assert "Cambria" in used  # w:asciiTheme → word/theme/theme1.xml
    assert fonts.check_fonts(SHIPPED.read_bytes()) == [], "Times New Roman has a metric-compatible replacement"


def test_every_problem_of_a_file_comes_in_one_report(sample: Sample) -> None:
    """Three mistakes of three kinds (a tracked change, a misspelt field, an unknown filter) and a tag cut
    by a paragraph end: all reported by one upload, each at its place."""
    inserted = '<w:ins w:id="9" w:author="A"><w:r><w:t xml:space="preserve"> (жаңы)</w:t></w:r></w:ins>'
    content = variant(
        {
            DOCUMENT: lambda xml: replace_once("{{ m.deadline }}", "{{ m.dedline }}")(
                replace_once("{{ title }}", "{{ title|no_such_filter }}")(
                    replace_once("Милдеттер</w:t></w:r>", "Милдеттер</w:t></w:r>" + inserted)(
                        replace_once("{{ m.task }}", "{{ m.task ")(xml)
                    )
                )
            )
        }
    )
    report = check(content, sample)
    codes = sorted(code for code, _ in errors(report))
    assert codes == ["docx_tracked_changes", "tag_unclosed", "template_syntax", "unknown_field_suggest"], report.text()
    syntax = next(finding for finding in report.errors if finding.code == "template_syntax")
    assert "«no_such_filter»" in syntax.as_dict("ky")["message"]
