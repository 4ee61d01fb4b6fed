"""The batch's pure parts: reading inputs (files, ZIP entries, records), checking them, naming and fingerprinting
outputs; and the up-to-date logic on DOCX-only runs, which need no LibreOffice."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from service import batch
from service.batch import inputs, plan
from service.batch.manifest import SKIPPED, read_entries
from service.engine import Engine
from service.errors import InputError, PayloadTooLarge

from .conftest import BROKEN, REPORTS, copy_reports


def sample(name: str = "osh-oblast-court.json") -> dict:
    return json.loads((REPORTS / name).read_text(encoding="utf-8"))


# --- fingerprints and names ------------------------------------------------------------------------
def test_the_fingerprint_changes_with_each_thing_an_output_depends_on() -> None:
    base = ("a" * 64, "b" * 64, "pdf", "0.1.0")
    changed = [
        ("c" * 64, "b" * 64, "pdf", "0.1.0"),
        ("a" * 64, "c" * 64, "pdf", "0.1.0"),
        ("a" * 64, "b" * 64, "docx", "0.1.0"),
        ("a" * 64, "b" * 64, "pdf", "0.2.0"),
    ]
    assert plan.fingerprint(*base) == plan.fingerprint(*base)
    assert len({plan.fingerprint(*base), *(plan.fingerprint(*other) for other in changed)}) == 5


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("Отчет 2025 Ош облустук соту", "Отчет 2025 Ош облустук соту"),
        ("../../etc/passwd", "etcpasswd"),
        ("..", "fallback"),
        ("  .hidden", "hidden"),
        ('a\\b:c*d?e"f<g>h|i\x00j', "abcdefghij"),
        ("line\nbreak", "linebreak"),
        ("", "fallback"),
    ],
)
def test_a_stem_becomes_one_safe_path_component(stem: str, expected: str) -> None:
    assert plan.safe_stem(stem, "fallback") == expected


def test_a_long_kyrgyz_name_is_cut_on_a_whole_letter_within_the_byte_limit() -> None:
    stem = plan.safe_stem("Ө" * 300, "x")
    assert len(stem.encode("utf-8")) <= plan.MAX_NAME_BYTES
    assert set(stem) == {"Ө"}


def test_the_generalized_input_hash_ignores_the_order_of_the_reports() -> None:
    items = [inputs.Item(f"{n}.json", digest) for n, digest in enumerate(("1" * 64, "2" * 64, "3" * 64))]
    assert plan.generalized_sha256(items) == plan.generalized_sha256(list(reversed(items)))
    assert plan.generalized_sha256(items) != plan.generalized_sha256(items[:2])


# --- inputs ----------------------------------------------------------------------------------------
def test_parse_reads_a_report_a_list_of_reports_and_reports_bad_json(docx_engine: Engine) -> None:
    reference = docx_engine.reference
    one = inputs.parse(inputs.Source("a.json", json.dumps(sample()).encode()), reference)
    assert [item.source for item in one] == ["a.json"] and one[0].data["year"] == 2025
    many = inputs.parse(inputs.Source("all.json", json.dumps([sample(), sample()]).encode()), reference)
    assert [item.source for item in many] == ["all.json[0]", "all.json[1]"]
    assert many[0].sha256 == many[1].sha256, "a record's hash does not depend on where it sits"
    broken = inputs.parse(inputs.Source("b.json", BROKEN.encode()), reference)
    assert broken[0].problems[0].code == "invalid_json"


def test_check_refuses_an_organization_reported_twice_and_a_report_of_another_year(docx_engine: Engine) -> None:
    sources = [
        inputs.Source("first.json", json.dumps(sample()).encode()),
        inputs.Source("again.json", json.dumps(sample()).encode()),
        inputs.Source("bishkek.json", (REPORTS / "bishkek-city-court.json").read_bytes()),
    ]
    items = inputs.check(inputs.parse_all(sources, docx_engine.reference), docx_engine.load, 2025)
    assert [item.valid for item in items] == [True, False, True]
    assert items[1].problems[0].code == "batch_duplicate_organization"
    assert "first.json" in items[1].problems[0].message

    next_year = inputs.check(inputs.parse_all(sources[:1], docx_engine.reference), docx_engine.load, 2026)
    assert [problem.code for problem in next_year[0].problems] == ["batch_wrong_year"]
    assert next_year[0].problems[0].params == {"year": 2025, "expected": 2026}


def test_a_validation_error_keeps_its_field_path(docx_engine: Engine) -> None:
    data = sample()
    data["measures"][0]["status"] = "бүттү го"
    items = inputs.check(
        inputs.parse_all([inputs.Source("x.json", json.dumps(data).encode())], docx_engine.reference),
        docx_engine.load,
        2025,
    )
    assert items[0].problems[0].location.startswith("measures[0].status")


def zip_of(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def read_zip(
    content: bytes, entries: int = 10, entry_bytes: int = 1 << 20, total: int = 1 << 22
) -> list[inputs.Source]:
    return inputs.sources_from_zip(content, entries, entry_bytes, total)


def test_a_zip_gives_its_report_files_under_their_last_name_only() -> None:
    content = zip_of(
        {
            "reports/a.json": b"{}",
            "../../../tmp/evil.json": b"{}",
            "b.xlsx": b"PK",
            "__MACOSX/._a.json": b"junk",
            "reports/.DS_Store": b"junk",
            "folder/": b"",
        }
    )
    assert [source.name for source in read_zip(content)] == ["a.json", "evil.json", "b.xlsx"]


@pytest.mark.parametrize(
    ("entries", "limits", "error", "code"),
    [
        ({"a.json": b"{}", "b.exe": b"MZ"}, {}, InputError, "batch_zip_entry_type"),
        ({f"{n}.json": b"{}" for n in range(4)}, {"entries": 3}, PayloadTooLarge, "batch_too_many"),
        ({"big.json": b" " * 2000}, {"entry_bytes": 1000}, PayloadTooLarge, "too_large"),
        ({"a.json": b" " * 800, "b.json": b" " * 800}, {"total": 1000}, PayloadTooLarge, "too_large"),
        ({"__MACOSX/x": b""}, {}, InputError, "batch_zip_empty"),
    ],
)
def test_a_zip_is_refused_whole_when_an_entry_or_the_sum_is_wrong(
    entries: dict[str, bytes], limits: dict[str, int], error: type[Exception], code: str
) -> None:
    with pytest.raises(error) as raised:
        read_zip(zip_of(entries), **limits)
    assert raised.value.problems[0].code == code  # type: ignore[attr-defined]


def test_a_zip_bomb_is_stopped_by_what_is_read_not_by_its_headers() -> None:
    content = zip_of({"bomb.json": b"0" * (5 << 20)})  # 5 MiB of zeros compress to a few KiB
    assert len(content) < 64 * 1024
    with pytest.raises(PayloadTooLarge):
        read_zip(content, entry_bytes=1 << 20, total=1 << 30)


def test_not_a_zip_is_an_input_error() -> None:
    with pytest.raises(InputError) as raised:
        read_zip(b"PK\x03\x04 not really")
    assert raised.value.problems[0].code == "batch_zip_damaged"


# --- DOCX runs: the up-to-date logic without LibreOffice --------------------------------------------
def run_docx(engine: Engine, folder: Path, out: Path, **options: object) -> batch.Outcome:
    return batch.run(engine, batch.read_folder(folder), out, batch.Options(year=2025, formats=("docx",), **options))


def test_a_docx_batch_skips_what_is_up_to_date_and_redoes_what_changed(docx_engine: Engine, tmp_path: Path) -> None:
    folder, out = copy_reports(tmp_path / "in", 4), tmp_path / "out"
    first = run_docx(docx_engine, folder, out)
    assert first.exit_code == 0 and first.made == 5 and first.count(batch.OK) == 5

    again = run_docx(docx_engine, folder, out)
    assert again.made == 0 and again.count(SKIPPED) == 5

    changed = next(iter(sorted(folder.glob("*.json"))))
    data = json.loads(changed.read_text(encoding="utf-8"))
    data["measures"][0]["done"] = (data["measures"][0].get("done") or "") + " Кошумча."
    changed.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    third = run_docx(docx_engine, folder, out)
    assert third.made == 2, "the changed report and the generalized report, nothing else"
    redone = {entry.source for entry in third.entries if entry.status == batch.OK}
    assert redone == {changed.name, "(4 reports)"}


def test_a_missing_or_damaged_output_is_redone_and_leftover_temp_files_go(docx_engine: Engine, tmp_path: Path) -> None:
    folder, out = copy_reports(tmp_path / "in", 3), tmp_path / "out"
    run_docx(docx_engine, folder, out)
    files = sorted(entry.file for entry in read_entries(out).values())
    (out / files[0]).unlink()
    damaged = bytearray((out / files[1]).read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF  # same size, other bytes: only the hash tells
    (out / files[1]).write_bytes(bytes(damaged))
    (out / f".{files[2]}.abc123.part").write_bytes(b"half")
    outcome = run_docx(docx_engine, folder, out)
    assert outcome.made == 2
    assert outcome.removed_leftovers == [f".{files[2]}.abc123.part"]
    assert not list(out.glob(".*.part"))


def test_force_a_new_kagaz_version_and_an_unreadable_manifest_redo_everything(
    docx_engine: Engine, tmp_path: Path
) -> None:
    folder, out = copy_reports(tmp_path / "in", 2), tmp_path / "out"
    run_docx(docx_engine, folder, out)
    assert run_docx(docx_engine, folder, out, force=True).made == 3
    assert run_docx(docx_engine, folder, out, version="99.0").made == 3
    (out / "manifest.json").write_text("{not json", encoding="utf-8")
    assert run_docx(docx_engine, folder, out, version="99.0").made == 3


def test_bad_inputs_give_exit_code_1_and_no_valid_report_means_no_generalized_report(
    docx_engine: Engine, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "broken.json").write_text(BROKEN, encoding="utf-8")
    outcome = run_docx(docx_engine, folder, tmp_path / "out")
    assert outcome.exit_code == 1
    codes = {entry.errors[0]["code"] for entry in outcome.entries}
    assert codes == {"invalid_json", "batch_no_valid_reports"}
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] is True and manifest["counts"]["error"] == 2


def test_a_workbook_is_an_input_like_a_json_file(docx_engine: Engine, tmp_path: Path) -> None:
    from conftest import SAMPLES

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "progress_report.xlsx").write_bytes((SAMPLES / "spreadsheets" / "progress_report.xlsx").read_bytes())
    outcome = run_docx(docx_engine, folder, tmp_path / "out")
    assert outcome.exit_code == 0, [entry.errors for entry in outcome.entries]
    assert {entry.document for entry in outcome.entries} == {"progress-report", "generalized-report"}


@pytest.mark.parametrize(
    "content",
    [b"[" * 100_000 + b"]" * 100_000, b'{"year": ' + b"9" * 5000 + b"}", b"\xff\xfe not utf-8"],
    ids=["nested-too-deep", "number-past-the-digit-limit", "not-utf-8"],
)
def test_json_python_cannot_hold_is_that_inputs_problem_not_the_batchs(content: bytes, docx_engine: Engine) -> None:
    [item] = inputs.parse(inputs.Source("report.json", content), docx_engine.reference)
    assert [problem.code for problem in item.problems] == ["invalid_json"]
