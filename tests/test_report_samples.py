"""The 2025 sample reports (``samples/reports/2025/*.json``) and their images (``samples/images/``).

The samples are the input of the progress-report, generalized-report, batch and API tests, so they must
keep covering what those tests need: every organization of the registry but one, every status, measures
overdue under the plan's deadlines, indicators spelled the same everywhere (the generalized report sums
them by name), two signature blocks with images, and one of those a JPEG that carries EXIF the models
must strip. Every check here reads the samples as they are; each can fail if a sample is edited wrongly.
"""

from __future__ import annotations

import base64
import datetime as dt
import importlib.util
import io
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from PIL import Image
from PIL.ExifTags import IFD, Base

from conftest import ROOT, SAMPLES
from service import deadlines
from service.deadlines import Status
from service.documents import generalized
from service.documents.progress_report import ProgressReport
from service.engine import Engine
from service.images import clean_image

YEAR = 2025
REPORTS_DIR = SAMPLES / "reports" / str(YEAR)
IMAGES_DIR = SAMPLES / "images"
REPORT_FILES = sorted(REPORTS_DIR.glob("*.json"))
MISSING = "karakol-city-court"  # the one organization that sent no report, so the generalized report lists it
WITH_IMAGES = {"osh-oblast-court", "bishkek-city-court"}
EXIF_TAGS = {Base.Make, Base.Model, IFD.GPSInfo}  # what the phone-photo signature must carry before cleaning
STRESS = {"«": "guillemets", '"': "straight quotes", "…": "ellipsis", "&": "ampersand", "<": "less-than", "\t": "tab"}


@pytest.fixture(scope="module")
def engine(docx_engine: Engine) -> Engine:
    return docx_engine


@pytest.fixture(scope="module")
def raw() -> dict[str, dict[str, Any]]:
    """The sample files as parsed JSON, by file stem."""
    return {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in REPORT_FILES}


@pytest.fixture(scope="module")
def reports(engine: Engine, raw: dict[str, dict[str, Any]]) -> dict[str, ProgressReport]:
    """The samples validated by the engine (registry and plan checked), by file stem."""
    loaded = {stem: engine.load("progress-report", data) for stem, data in raw.items()}
    assert all(isinstance(report, ProgressReport) for report in loaded.values())
    return loaded  # type: ignore[return-value]


@pytest.fixture(scope="module")
def plan_deadlines(engine: Engine) -> dict[int, deadlines.Deadline]:
    return {m.number: deadlines.parse_deadline(m.deadline) for m in engine.reference.plan.measures()}


def overdue_pairs(
    reports: dict[str, ProgressReport], plan_deadlines: dict[int, deadlines.Deadline]
) -> set[tuple[str, int]]:
    return {
        (report.organization.id, item.measure)
        for report in reports.values()
        for item in report.measures
        if deadlines.is_overdue(plan_deadlines[item.measure], report.year, item.status)
    }


# ---------------------------------------------------------------------------------------------------
# Validity and coverage


@pytest.mark.parametrize("path", REPORT_FILES, ids=lambda path: path.stem)
def test_each_sample_validates_through_the_engine(engine: Engine, path: Path) -> None:
    report = engine.load("progress-report", json.loads(path.read_text(encoding="utf-8")))
    assert isinstance(report, ProgressReport)
    assert report.year == YEAR
    assert report.organization.id == path.stem, "a sample is named after its organization's id"


def test_there_are_enough_samples() -> None:
    assert len(REPORT_FILES) >= 10, f"only {len(REPORT_FILES)} sample reports in {REPORTS_DIR}"


def test_every_registry_organization_but_one_reported(engine: Engine, reports: dict[str, ProgressReport]) -> None:
    ids = [report.organization.id for report in reports.values()]
    assert len(ids) == len(set(ids)), f"an organization reported twice: {Counter(ids).most_common(1)}"
    registry = set(engine.reference.organizations)
    assert set(ids) <= registry, f"not in the registry: {sorted(set(ids) - registry)}"
    assert sorted(registry - set(ids)) == [MISSING]


def test_the_generalized_report_lists_the_missing_organization(
    engine: Engine, reports: dict[str, ProgressReport]
) -> None:
    summary = generalized.aggregate(list(reports.values()), engine.reference.plan, engine.reference.organizations)
    assert [organization.id for organization in summary.missing] == [MISSING]
    assert len(summary.reporting) == len(reports)


def test_each_report_covers_every_measure_of_the_plan(engine: Engine, reports: dict[str, ProgressReport]) -> None:
    plan_numbers = [measure.number for measure in engine.reference.plan.measures()]
    for stem, report in reports.items():
        assert [item.measure for item in report.measures] == plan_numbers, stem


def test_every_status_occurs_and_statuses_vary_within_reports(reports: dict[str, ProgressReport]) -> None:
    counts = Counter(item.status for report in reports.values() for item in report.measures)
    assert set(counts) == set(Status), f"statuses never used: {set(Status) - set(counts)}"
    assert counts[Status.DONE] + counts[Status.IN_PROGRESS] > sum(counts.values()) / 2, "mostly done or under way"
    for stem, report in reports.items():
        assert len({item.status for item in report.measures}) >= 2, f"{stem}: one status for every measure"


def test_some_measures_are_overdue_in_the_reporting_year(
    reports: dict[str, ProgressReport], plan_deadlines: dict[int, deadlines.Deadline]
) -> None:
    pairs = overdue_pairs(reports, plan_deadlines)
    assert len(pairs) >= 2, pairs
    assert {4, 8} <= {measure for _organization, measure in pairs}, "both measures due in 2025 are overdue somewhere"
    assert len({organization for organization, _measure in pairs}) >= 2


def test_a_measure_not_done_says_why(reports: dict[str, ProgressReport]) -> None:
    for stem, report in reports.items():
        for item in report.measures:
            if item.status is Status.NOT_DONE:
                assert item.problems, f"{stem}, measure {item.measure}: «аткарылган эмес» without problems"


def test_signature_dates_fall_before_the_reporting_deadline(reports: dict[str, ProgressReport]) -> None:
    first, last = dt.date(YEAR + 1, 1, 5), deadlines.report_due_date(YEAR)
    for stem, report in reports.items():
        assert first <= report.signature.date <= last, f"{stem}: signed {report.signature.date}"
        assert report.executor.phone.startswith("+996"), stem


def test_signatories_differ_and_some_names_use_kyrgyz_letters(reports: dict[str, ProgressReport]) -> None:
    names = [report.signature.full_name for report in reports.values()]
    assert len(set(names)) == len(names)
    assert any(set("өүң") & set(name.casefold()) for name in names)
    assert any(name.endswith((" уулу", " кызы")) for name in names)


# ---------------------------------------------------------------------------------------------------
# Indicators: one spelling each, so the generalized report sums them


def test_indicators_have_one_spelling_and_one_unit(reports: dict[str, ProgressReport]) -> None:
    """Names that differ only in case or spaces would be summed together, but print as two spellings."""
    spellings: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for report in reports.values():
        for item in report.measures:
            for indicator in item.indicators:
                spellings[" ".join(indicator.name.split()).casefold()].add((indicator.name, indicator.unit))
    assert spellings, "no indicators at all"
    varied = {key: found for key, found in spellings.items() if len(found) > 1}
    assert not varied, varied


def test_shared_indicators_are_reported_by_many_organizations(
    engine: Engine, reports: dict[str, ProgressReport]
) -> None:
    summary = generalized.aggregate(list(reports.values()), engine.reference.plan, engine.reference.organizations)
    by_name = {(m.number, total.name): total for m in summary.measures for total in m.indicators}
    rooms = by_name[(9, "Аудио-видеофиксация менен жабдылган сот залдары")]
    assert rooms.organizations >= 10 and rooms.target is not None and rooms.total < rooms.target
    share = by_name[(3, "Коррупцияга туруктуулуктун үлүшү")]
    assert share.averaged and share.target == 60
    assert by_name[(3, "Өткөрүлгөн тренингдер")].organizations >= 15
    assert by_name[(5, "Талданган кайрылуулар (даттануулар)")].organizations == len(reports)


# ---------------------------------------------------------------------------------------------------
# Texts that stress the renderer


def test_texts_carry_characters_that_stress_the_renderer(raw: dict[str, dict[str, Any]]) -> None:
    texts = json.dumps(list(raw.values()), ensure_ascii=False)
    decoded = "".join(
        item.get(key) or ""
        for report in raw.values()
        for item in report["measures"]
        for key in ("done", "problems", "next_steps")
    )
    missing = [name for char, name in STRESS.items() if char not in decoded]
    assert not missing, f"no sample text has: {missing}"
    assert "\\n" in texts, "several paragraphs in one text"


# ---------------------------------------------------------------------------------------------------
# Signature and seal images


def test_two_reports_carry_both_images(reports: dict[str, ProgressReport]) -> None:
    with_images = {
        stem for stem, report in reports.items() if report.signature.signature_image or report.signature.seal_image
    }
    assert with_images == WITH_IMAGES
    for stem in WITH_IMAGES:
        assert reports[stem].signature.signature_image and reports[stem].signature.seal_image, stem


def test_embedded_images_are_the_files_in_samples_images(raw: dict[str, dict[str, Any]]) -> None:
    files = {path.name: path.read_bytes() for path in IMAGES_DIR.iterdir() if path.is_file()}
    for stem in WITH_IMAGES:
        signature = raw[stem]["signature"]
        for field, suffix in (("signature_image", "-signature"), ("seal_image", "-seal")):
            content = base64.b64decode(signature[field])
            matching = [name for name, data in files.items() if data == content]
            assert matching and matching[0].startswith(stem + suffix), f"{stem}.{field}: not a file in {IMAGES_DIR}"


def test_image_files_look_like_signatures_and_seals() -> None:
    for path in sorted(IMAGES_DIR.glob("*-seal.png")):
        with Image.open(path) as image:
            assert image.format == "PNG" and image.size == (500, 500) and image.mode == "RGBA", path.name
            assert image.getpixel((0, 0))[3] == 0, f"{path.name}: the corner is not transparent"
            red, green, blue, _alpha = image.getpixel((250, 8))  # the outer ring at the top
            assert blue > red and blue > green, f"{path.name}: the seal is not blue"
    signatures = sorted(IMAGES_DIR.glob("*-signature.*"))
    assert {path.suffix for path in signatures} == {".png", ".jpg"}
    for path in signatures:
        with Image.open(path) as image:
            assert image.size == (600, 240), path.name
            if image.format == "PNG":
                assert image.mode == "RGBA" and image.getpixel((0, 0))[3] == 0, path.name


def test_the_jpeg_signature_has_exif_and_cleaning_removes_it(reports: dict[str, ProgressReport]) -> None:
    (path,) = IMAGES_DIR.glob("*-signature.jpg")
    original = path.read_bytes()
    with Image.open(io.BytesIO(original)) as image:
        assert image.format == "JPEG"
        exif = image.getexif()
        assert set(exif) >= EXIF_TAGS, f"the sample JPEG lost its EXIF: {sorted(exif)}"
        assert exif.get_ifd(IFD.GPSInfo), "the sample JPEG has no GPS position"
    cleaned = clean_image(original)
    with Image.open(io.BytesIO(cleaned.content)) as image:
        assert image.format == "JPEG"
        assert not image.getexif(), f"EXIF left after cleaning: {dict(image.getexif())}"
        assert "exif" not in image.info
    stem = path.name.removesuffix("-signature.jpg")
    stored = reports[stem].signature.signature_image  # what the model keeps after validation
    assert stored is not None
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG" and not image.getexif()


# ---------------------------------------------------------------------------------------------------
# The drawing script


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_sample_images", ROOT / "tools" / "make_sample_images.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def test_the_drawing_script_makes_what_the_samples_hold() -> None:
    """The script draws the same kind of images the samples carry (no files are written here)."""
    tool = _load_tool()
    assert {sample.organization for sample in tool.SAMPLES} == WITH_IMAGES
    for sample in tool.SAMPLES:
        files = tool.image_files(sample)
        assert files == tool.image_files(sample), f"{sample.organization}: the drawing is not reproducible"
        (signature_name, signature), (seal_name, seal) = files["signature_image"], files["seal_image"]
        assert signature_name == f"{sample.organization}-signature.{'jpg' if sample.gps else 'png'}"
        assert seal_name == f"{sample.organization}-seal.png"
        with Image.open(io.BytesIO(signature)) as image:
            assert image.size == (600, 240)
            assert bool(image.getexif()) == (image.format == "JPEG")
        with Image.open(io.BytesIO(seal)) as image:
            assert image.size == (500, 500) and image.mode == "RGBA"


# ---------------------------------------------------------------------------------------------------
# Rendering (once the templates exist)


@pytest.mark.skipif(
    not (ROOT / "templates_docx" / "progress_report.docx").exists(),
    reason="the progress-report template is not made yet",
)
def test_every_sample_renders(engine: Engine, reports: dict[str, ProgressReport]) -> None:
    import zipfile

    for stem, report in reports.items():
        rendered = engine.render("progress-report", report)
        with zipfile.ZipFile(io.BytesIO(rendered.content)) as package:
            media = [name for name in package.namelist() if name.startswith("word/media/")]
            assert len(media) == (2 if stem in WITH_IMAGES else 0), f"{stem}: {media}"
            for name in media:
                with Image.open(io.BytesIO(package.read(name))) as image:
                    assert not image.getexif(), f"{stem}: {name} carries EXIF into the document"
