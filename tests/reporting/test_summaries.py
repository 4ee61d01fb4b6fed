"""The generalized report made from the register: a region's summary, late reports, last year beside this.

Counts are computed again here from the JSON (not through ``aggregate``) and read back from the DOCX with
python-docx; one regional summary goes through the real LibreOffice and is read with pdftotext.
"""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

import docx
import pytest

from pdftools import fonts
from pdftools import text as pdf_text
from service.engine import Engine
from service.errors import InputError
from service.settings import load_settings

from .reports import next_year, sample_data

OSH_GROUP = {"osh-oblast-court", "osh-city-court", "uzgen-district-court", "nookat-district-court"}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """An engine on a data folder of its own: the shipped templates as version 1, nobody else's versions."""
    return Engine(load_settings({"start_pool": False, "data_dir": tmp_path_factory.mktemp("summaries")}))


def text_of(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def render(engine: Engine, body: dict[str, Any]) -> tuple[bytes, str]:
    rendered = engine.render("generalized-report", engine.load("generalized-report", body))
    return rendered.content, text_of(rendered.content)


def test_a_region_covers_exactly_the_court_and_the_courts_it_controls(engine: Engine) -> None:
    data = sample_data()
    group = [data[key] for key in sorted(OSH_GROUP)]
    _, text = render(engine, {"reports": group, "region": "osh-oblast-court"})
    assert "ЖЫЙЫНТЫКТООЧУ ОТЧЕТ" in text and "ЖАЛПЫЛАНГАН ОТЧЕТ" not in text
    assert "Ош облустук соту жана ал көзөмөлдөгөн соттор" in text
    assert text.splitlines()[0] == "Кыргыз Республикасынын Жогорку сотуна"
    assert "Отчет берүүгө милдеттүү 4 уюмдун ичинен 4 уюм отчет берди." in text
    assert "2026-жылдын 15-январынан кечиктирбестен" in text
    assert "Нарын" not in text
    # without Өзгөн's report, it is the one missing, and no court of another oblast is
    _, text = render(engine, {"reports": [r for r in group if r["organization"]["id"] != "uzgen-district-court"],
                              "region": "osh-oblast-court"})  # fmt: skip
    assert "Отчет берүүгө милдеттүү 4 уюмдун ичинен 3 уюм отчет берди." in text
    assert "1. Өзгөн райондук соту" in text and "Каракол" not in text


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"region": "osh-oblast-court", "extra": ["naryn-oblast-court"]}, "outside the region 'osh-oblast-court'"),
        ({"region": "nookat-district-court"}, "a regional summary is made by an oblast court"),
        ({"region": "no-such-court"}, "not an organization of the registry"),
        ({"late": [{"organization": "naryn-oblast-court", "received": "2026-01-20"}]}, "late: organizations without"),
    ],
)
def test_a_region_or_late_list_that_does_not_fit_is_refused(engine: Engine, body: dict[str, Any], words: str) -> None:
    data = sample_data()
    reports = [data["osh-oblast-court"], data["nookat-district-court"]]
    reports += [data[key] for key in body.pop("extra", [])]
    with pytest.raises(InputError) as caught:
        engine.load("generalized-report", {"reports": reports, **body})
    assert any(words in problem.message for problem in caught.value.problems), caught.value.problems


def test_late_reports_are_listed_with_their_day(engine: Engine) -> None:
    reports = list(sample_data().values())
    late = [
        {"organization": "naryn-oblast-court", "received": "2026-01-20"},
        {"organization": "jd-naryn-department", "received": "2026-01-16"},
    ]
    _, text = render(engine, {"reports": reports, "late": late})
    assert "Төмөнкү уюмдардын отчеттору 2026-жылдын 15-январынан кийин келди:" in text
    assert "Нарын облустук соту — 2026-жылдын 20-январы" in text
    assert "Сот департаментинин Нарын облусу боюнча башкармалыгы — 2026-жылдын 16-январы" in text
    _, on_time = render(engine, {"reports": reports})
    assert "кийин келди" not in on_time


def counts(reports: list[dict[str, Any]], number: int) -> Counter[str]:
    names = {"done": "аткарылды", "in_progress": "аткарылууда", "not_done": "аткарылган эмес"}
    by_text = {text: key for key, text in names.items()} | {key: key for key in names}
    found: Counter[str] = Counter()
    for report in reports:
        for item in report["measures"]:
            if item["measure"] == number and item["status"] in by_text:
                found[by_text[item["status"]]] += 1
    return found


def test_last_year_beside_this_year_per_measure(engine: Engine) -> None:
    before = list(sample_data().values())
    now = [next_year(report) for report in before]
    content, text = render(engine, {"reports": now, "previous": before})
    assert "VI. 2025-жыл менен салыштыруу" in text
    table = next(
        t for t in docx.Document(io.BytesIO(content)).tables if len(t.columns) == 6 and "→" in t.cell(1, 2).text
    )
    rows = {row.cells[0].text: [cell.text for cell in row.cells[2:]] for row in table.rows[1:]}
    assert len(rows) == 11
    for number in range(1, 12):
        old, new = counts(before, number), counts(now, number)
        shown = rows[str(number)][:3]
        assert shown == [f"{old[key]}\u00a0→\u00a0{new[key]}" for key in ("done", "in_progress", "not_done")], number
    assert any(counts(now, n)["done"] > counts(before, n)["done"] for n in range(1, 12)), "progress is visible"
    _, alone = render(engine, {"reports": now})
    assert "салыштыруу" not in alone


def test_previous_reports_must_be_of_the_year_before(engine: Engine) -> None:
    before = list(sample_data().values())
    with pytest.raises(InputError, match="previous: reports of 2025; give those of 2024"):
        engine.load("generalized-report", {"reports": before, "previous": before})


@pytest.mark.office
def test_the_regional_summary_as_pdf_keeps_kyrgyz_letters(pool: Any, engine: Engine) -> None:
    data = sample_data()
    reporting = sorted(OSH_GROUP - {"uzgen-district-court"})
    body = {"reports": [data[key] for key in reporting], "region": "osh-oblast-court"}
    pdf = Engine(engine.settings, pool).produce("generalized-report", body, "pdf").content
    text = " ".join(pdf_text(pdf).split())
    assert "ЖЫЙЫНТЫКТООЧУ ОТЧЕТ" in text
    assert "Ош облустук соту жана ал көзөмөлдөгөн соттор" in text
    assert "1. Өзгөн райондук соту" in text and "көзөмөлдөгөн" in text and "Жогорку сотуна" in text
    assert all(font.embedded for font in fonts(pdf)) and {"Liberation" in font.name for font in fonts(pdf)} == {True}
