"""Validation of a candidate template: real broken DOCX files (``fixtures/``, made by ``make_fixtures.py``),
each refused or warned about with its message and its place.

The checks before the PDF need no LibreOffice (``convert=None``); the layout checks convert for real.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from make_fixtures import DOCUMENT, SHIPPED, replace_once, variant
from template_helpers import action_plan_sample, check, fixture, open_validation_engine

from service import documents
from service.engine import Engine
from service.templates import package, page_checks
from service.templates.findings import Finding, Report, TemplatePlace
from service.templates.validation import Sample, validate


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    yield from open_validation_engine(tmp_path_factory.mktemp("validation"))


@pytest.fixture(scope="module")
def sample(engine: Engine) -> Sample:
    return action_plan_sample(engine)


def only(report: Report, code: str) -> Finding:
    found = [finding for finding in report.findings if finding.code == code]
    assert len(found) == 1, report.text()
    return found[0]


# (fixture, code, severity, the place as the API says it, a piece of the Kyrgyz message)
BROKEN = [
    (
        "split_tag.docx",
        "tag_split_broken",
        "error",
        "table 1, row 5, cell 4: {{ m.dead line }}",
        "Тег бир нече бөлүккө бөлүнүп",
    ),
    (
        "unclosed_for.docx",
        "tag_unclosed_block",
        "error",
        "table 1, row 2, cell 1: {%tr for s in sections %}",
        "«{%tr endfor %}» тегин кошуңуз",
    ),
    (
        "unknown_variable.docx",
        "unknown_field_suggest",
        "error",
        "table 1, row 5, cell 4: {{ m.dedline }}",
        "Балким «deadline»? Бар талаалар: «deadline», «expected_results», «measure», «number», «responsible», «task»",
    ),
    (
        "sandbox_escape.docx",
        "sandbox",
        "error",
        "paragraph 4: {{ ''.__class__.__mro__ }}",
        "коопсуздук үчүн тыюу салынган",
    ),
    (
        "sandbox_dynamic.docx",
        "sandbox",
        "error",
        "paragraph 4: {{ title|attr('_' ~ '_class__') }}",
        "'__class__' of 'str' object is unsafe",
    ),
    ("macro.docm", "docx_macro", "error", "file", "Макросу бар документ (.docm)"),
    ("renamed_pdf.docx", "docx_is_pdf", "error", "file", "Бул PDF файл"),
    ("encrypted.docx", "docx_encrypted", "error", "file", "шифрленген"),
    ("doctype.docx", "xml_doctype", "error", "word/document.xml", "«DOCTYPE» же «ENTITY»"),
    ("external_image.docx", "external_link", "error", "word/_rels/document.xml.rels", "http://192.0.2.1/logo.png"),
    (
        "no_issuance_tags.docx",
        "issuance_tags_missing",
        "error",
        "end of the document",
        "кол коюу блогунан кийин, документтин аягына «{{ issued.number }} {{ issued.qr }}» тегдерин кошуңуз",
    ),
    (
        "split_tag_clean.docx",
        "tag_split_runs",
        "warning",
        "table 1, row 5, cell 4: {{ m.deadline }}",
        "ар башка форматтагы бөлүктөрдөн",
    ),
]


@pytest.mark.parametrize(("name", "code", "severity", "location", "message"), BROKEN, ids=[row[0] for row in BROKEN])
def test_each_broken_template_is_reported_with_its_place(
    name: str, code: str, severity: str, location: str, message: str, sample: Sample
) -> None:
    report = check(fixture(name), sample)
    finding = only(report, code)
    shown = finding.as_dict("ky")
    assert (finding.severity, shown["location"]) == (severity, location)
    assert message in shown["message"]
    assert report.ok is (severity == "warning")
    if severity == "error":
        assert not report.errors[1:], "one mistake, one error"


def test_the_sandbox_refuses_statically_and_again_at_run_time(sample: Sample) -> None:
    """``''.__class__`` is seen in the tag itself, before any render; a name built at run time is refused by
    the sandbox during the test render."""
    static = check(fixture("sandbox_escape.docx"), sample)
    assert static.stages[-1] == "variables" and only(static, "sandbox").params["error"] == "__class__"
    dynamic = check(fixture("sandbox_dynamic.docx"), sample)
    assert dynamic.stages[-1] == "render"
    assert "'__class__' of 'str' object is unsafe" in only(dynamic, "sandbox").params["error"]


def test_places_are_said_in_kyrgyz_and_russian(sample: Sample) -> None:
    finding = only(check(fixture("unknown_variable.docx"), sample), "unknown_field_suggest")
    assert finding.as_dict("ky")["place"] == "1-таблица, 5-сап, 4-уяча: {{ m.dedline }}"
    assert finding.as_dict("ru")["place"] == "таблица 1, строка 5, ячейка 4: {{ m.dedline }}"
    assert finding.as_dict("ky")["message"].startswith("«m.dedline»: «dedline» деген талаа жок")


def test_the_shipped_templates_pass_without_a_finding(engine: Engine) -> None:
    from service.templates.editing import TemplateEditing

    editing = TemplateEditing(engine)
    for manifest in engine.registry.manifests.values():
        sample = editing.sample(manifest)
        assert sample is not None, manifest.name
        content = (manifest.folder / manifest.docx).read_bytes()
        model = documents.get_kind(manifest.document).model
        render = editing._render(manifest.document)
        first = validate(content, manifest.name, model, sample, render, None)
        again = validate(content, manifest.name, model, sample, render, None, hidden_before=first.hidden)
        assert [finding.code for finding in again.findings] == ["pdf_skipped"], again.text()
        assert "render" in again.stages


def test_a_refused_package_is_never_parsed_further(sample: Sample) -> None:
    report = check(fixture("renamed_pdf.docx"), sample)
    assert report.stages == ["package"]


def _edit(old: str, new: str) -> bytes:
    return variant({DOCUMENT: replace_once(old, new)})


MORE = [
    ("{{ title }}", "{{ titel }}", "unknown_variable_suggest", "paragraph 4: {{ titel }}"),
    ("{{ title }}", "{{ zzz }}", "unknown_variable", "paragraph 4: {{ zzz }}"),
    ("{{ title }}", "{% include 'other.docx' %}", "tag_not_allowed", "paragraph 4: {% include 'other.docx' %}"),
    ("{{ title }}", "{{ title|no_such_filter }}", "template_syntax", "paragraph 4: {{ title|no_such_filter }}"),
    ("{{ title }}", "{{ title", "tag_unclosed", "paragraph 4: {{ title"),
    ("{{ title }}", "{{tr title }}", "tag_needs_table", "paragraph 4: {{tr title }}"),
    ("{{ title }}", "{{ cycler.__init__.__globals__ }}", "sandbox", "paragraph 4: {{ cycler.__init__.__globals__ }}"),
    ("{{ title }}", "{{ title['__class__'] }}", "sandbox", "paragraph 4: {{ title['__class__'] }}"),
    ("{{ title }}", "{{ title|attr('__class__') }}", "sandbox", "paragraph 4: {{ title|attr('__class__') }}"),
    ("{{ title }}", "{ { title }}", "tag_looks_broken", "paragraph 4: { { title }}"),
    ("{{ m.task }}", "{{ m.task }} {{ s.titel }}", "unknown_field_suggest", "table 1, row 5, cell 2: {{ s.titel }}"),
]


@pytest.mark.parametrize(("old", "new", "code", "location"), MORE, ids=[row[2] + ":" + row[1] for row in MORE])
def test_mistakes_typed_into_the_template(old: str, new: str, code: str, location: str, sample: Sample) -> None:
    finding = only(check(_edit(old, new), sample), code)
    assert finding.where() == location


def test_a_variable_only_used_in_a_branch_the_sample_never_takes_is_still_checked(sample: Sample) -> None:
    content = _edit("{{ title }}", "{% if false %}{{ order.numbr }}{% endif %}{{ title }}")
    finding = only(check(content, sample), "unknown_field_suggest")
    assert finding.params["suggestion"] == "number"


def test_loop_variables_and_filters_are_understood(sample: Sample) -> None:
    content = _edit(
        "{{ title }}",
        "{% set n = sections|length %}{% for s in sections|sort(attribute='number') %}{{ s.title|upper }}"
        "{{ loop.index }}{% endfor %}{{ n }} {{ order.lines|first }} {{ title }}",
    )
    report = check(content, sample)
    assert report.ok, report.text()


def test_a_required_field_the_template_stops_showing_is_a_warning(sample: Sample) -> None:
    report = check(_edit("{{ m.deadline }}", ""), sample)
    finding = only(report, "field_not_shown")
    assert (finding.severity, finding.params["field"]) == ("warning", "sections[].measures[].deadline")
    assert report.ok


def test_zip_limits_are_checked_before_inflating() -> None:
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        with zipfile.ZipFile(SHIPPED) as shipped:
            for item in shipped.infolist():
                archive.writestr(item, shipped.read(item))
        archive.writestr("word/media/padding.bin", b"\0" * (20 * 1024 * 1024))
    [finding] = package.check_package(bomb.getvalue())
    assert (finding.code, finding.params["what"]) == ("zip_limit", "ratio")

    many = io.BytesIO()
    with zipfile.ZipFile(many, "w") as archive:
        for number in range(package.MAX_ENTRIES + 1):
            archive.writestr(f"customXml/item{number}.xml", "<a/>")
    [finding] = package.check_package(many.getvalue())
    assert (finding.code, finding.params["what"]) == ("zip_limit", "entries")


def test_a_billion_laughs_part_is_refused_unparsed() -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        "<Relationships>&lol2;</Relationships>"
    )
    content = variant({"word/_rels/document.xml.rels": lambda _xml: laughs})
    assert [finding.code for finding in package.check_package(content)] == ["xml_doctype"]


def test_a_report_survives_its_json_round_trip(sample: Sample) -> None:
    report = check(fixture("unknown_variable.docx"), sample)
    again = Report.from_json(json.loads(json.dumps(report.as_json())))
    assert again.as_dict("ky") == report.as_dict("ky")


def test_place_descriptions() -> None:
    place = TemplatePlace("header", 2, ((1, 3, 2), (1, 1, 1)), 2, "{{ x }}")
    assert place.describe("en") == "header 2, table 1, row 3, cell 2, table 1, row 1, cell 1, paragraph 2: {{ x }}"
    assert place.describe("ky").startswith("2-жогорку колонтитул, 1-таблица, 3-сап, 2-уяча")
    assert TemplatePlace(cells=((4, 0, 0),)).describe("ru") == "таблица 4"


def test_a_row_that_may_not_split_but_spans_two_pages_is_a_warning() -> None:
    rendered = page_checks.Rendered(
        tables=[],
        rows=[page_checks.Row(1, 3, True, ("7", "Соттордо электрондук документ жүгүртүүнү ишке киргизүү" * 3, "2025"))],
        paragraphs=[],
    )
    pages = ["7 Соттордо электрондук документ жүгүртүүнү", "ишке киргизүү" * 3 + " 2025"]
    [finding] = page_checks.check_cells(rendered, page_checks.Pages(pages))
    assert (finding.code, finding.params["first"], finding.params["second"]) == ("row_too_tall", 1, 2)
    rendered.rows[0] = page_checks.Row(1, 3, False, rendered.rows[0].cells)
    assert page_checks.check_cells(rendered, page_checks.Pages(pages)) == []


@pytest.mark.office
def test_layout_warnings_on_the_test_render(pool: Any, sample: Sample) -> None:
    """One conversion per fixture: a too-wide table, a signature block over a page break, clipped rows."""
    wide = check(fixture("too_wide.docx"), sample, pool.convert)
    finding = only(wide, "table_too_wide")
    assert (finding.where(), finding.params["width"], finding.params["available"]) == ("table 1", "35.7", "25.7")
    assert "Таблица барактын текст аянтынан кенен: 35.7 см" in finding.as_dict("ky")["message"]

    signature = check(fixture("signature_split.docx"), sample, pool.convert)
    finding = only(signature, "signature_split")
    assert int(finding.params["second"]) == int(finding.params["first"]) + 2  # 40 lines: three pages
    assert finding.place is not None and finding.place.text == "Сот департаментинин директору"

    clipped = check(fixture("clipped_rows.docx"), sample, pool.convert)
    overflow = [item for item in clipped.findings if item.code == "cell_overflow"]
    assert len(overflow) == 11, clipped.text()  # every measure row of the sample
    assert overflow[0].where() == "table 1, row 3, cell 2"

    good = check(SHIPPED.read_bytes(), sample, pool.convert)
    assert good.findings == [] and good.pages == 7
    assert good.preview is not None and good.preview.startswith(b"\x89PNG")
    assert wide.ok and signature.ok and clipped.ok, "layout findings are warnings"
