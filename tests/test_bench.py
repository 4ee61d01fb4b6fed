"""The benchmark's pure helpers: statistics, ratios and targets, synthetic reports, profile shares, the verdicts.

The benchmark itself is a script (``python -m bench``), not a timed test: nothing here measures time.
"""

from __future__ import annotations

import json

import pytest

from bench import kagaz, profiling, report
from bench.stats import Target, percentile, ratio, summarize, throughput


@pytest.mark.parametrize(
    ("samples", "fraction", "expected"),
    [
        ([5.0], 0.5, 5.0),
        ([5.0], 0.95, 5.0),
        ([1.0, 2.0, 3.0, 4.0], 0.5, 2.0),  # nearest rank: ceil(0.5 * 4) = 2nd
        ([4.0, 3.0, 2.0, 1.0], 0.5, 2.0),  # order does not matter
        (list(map(float, range(1, 21))), 0.95, 19.0),
        (list(map(float, range(1, 101))), 0.95, 95.0),
        ([1.0, 2.0, 3.0], 1.0, 3.0),
    ],
)
def test_percentile_is_nearest_rank(samples: list[float], fraction: float, expected: float) -> None:
    assert percentile(samples, fraction) == expected


@pytest.mark.parametrize(("samples", "fraction"), [([], 0.5), ([1.0], 0.0), ([1.0], 1.5)])
def test_percentile_refuses_nonsense(samples: list[float], fraction: float) -> None:
    with pytest.raises(ValueError):
        percentile(samples, fraction)


def test_summary_has_an_interpolated_median_and_rounds() -> None:
    assert summarize([10.0, 20.0, 30.0, 40.0]) == {
        "n": 4,
        "p50": 25.0,
        "p95": 40.0,
        "min": 10.0,
        "max": 40.0,
        "mean": 25.0,
    }
    assert summarize([1.04, 1.06])["p50"] == 1.1
    with pytest.raises(ValueError):
        summarize([])


@pytest.mark.parametrize(
    ("kagaz", "peer", "expected"),
    [(50.0, 100.0, 0.5), (1.0, 3.0, 0.333), (10.0, 0.0, None), (None, 1.0, None), (1.0, None, None)],
)
def test_ratio(kagaz: float | None, peer: float | None, expected: float | None) -> None:
    assert ratio(kagaz, peer) == expected


@pytest.mark.parametrize(
    ("target", "value", "holds"),
    [
        (Target(0.9), 0.9, True),
        (Target(0.9), 0.91, False),
        (Target(1.2, at_most=False), 1.2, True),
        (Target(1.2, at_most=False), 1.19, False),
        (Target(0.5), None, None),
    ],
)
def test_target(target: Target, value: float | None, holds: bool | None) -> None:
    assert target.holds(value) is holds


def test_target_reads_as_written() -> None:
    assert str(Target(0.5)) == "≤ 0.5"
    assert str(Target(8, at_most=False)) == "≥ 8"


def test_throughput() -> None:
    assert throughput(100, 16.0) == 6.25
    with pytest.raises(ValueError):
        throughput(1, 0)


SAMPLE = {
    "year": 2025,
    "organization": {"id": "a", "name": "A", "kind": "local_court"},
    "measures": [{"measure": 1, "status": "аткарылды", "done": "Иш"}, {"measure": 2, "status": "аткарылган жок"}],
}
ORGANIZATIONS = [{"id": f"org-{n}", "name": f"Org {n}", "kind": "oblast_court"} for n in range(3)]


def test_synthetic_reports_cycle_samples_and_organizations_and_differ() -> None:
    made = kagaz.synthetic_reports([SAMPLE, {**SAMPLE, "year": 2024}], ORGANIZATIONS, 7)
    assert len(made) == 7
    assert [report["organization"]["id"] for report in made] == [f"org-{n % 3}" for n in range(7)]
    assert [report["year"] for report in made] == [2025, 2024] * 3 + [2025]
    assert made[0]["measures"][0]["done"] == "Иш (№ 1)"
    assert "done" not in made[0]["measures"][1]  # a measure without text stays without
    assert len({json.dumps(report, sort_keys=True) for report in made}) == 7
    assert SAMPLE["measures"][0]["done"] == "Иш"  # the samples are not changed


def test_synthetic_reports_need_samples_and_organizations() -> None:
    with pytest.raises(ValueError):
        kagaz.synthetic_reports([], ORGANIZATIONS, 1)
    with pytest.raises(ValueError):
        kagaz.synthetic_reports([SAMPLE], [], 1)


def test_profile_shares_count_only_the_marked_thread(tmp_path) -> None:  # type: ignore[no-untyped-def]
    raw = tmp_path / "raw.txt"
    raw.write_text(
        "main;serve;convert (c.py:1);load (c.py:9) 6\n"
        "main;serve;convert (c.py:1);store (c.py:20) 3\n"
        "main;serve;convert (c.py:1) 1\n"
        "other;sleep 50\n"
    )
    stacks = profiling.read_raw(raw)
    found = profiling.shares(stacks, "convert (", {"load": "load (", "store": "c.py:20"}, top=2)
    assert found == {
        "samples": 10,
        "load": 0.6,
        "store": 0.3,
        "top": [["load (c.py:9)", 0.6], ["store (c.py:20)", 0.3]],
    }
    assert profiling.shares(stacks, "absent", {"load": "load"}) == {"samples": 0}


def results(kagaz_convert: float, carbone_convert: float, floor: float, memory: float) -> dict:  # type: ignore[type-arg]
    def entry(p50: float) -> dict[str, float]:
        return {"p50": p50, "p95": p50}

    return {
        "machine": {"cpus": 2},
        "measurements": {
            "render_docx": {"kagaz": entry(5.0), "carbone": {"p50": 40.0}},
            "http_pdf": {"kagaz": entry(90.0), "carbone": {"p50": 200.0}},
            "convert": {
                "kagaz": {"kagaz": entry(kagaz_convert), "floor": entry(floor), "carbone": {"p50": carbone_convert}}
            },
            "cold_soffice": entry(1000.0),
            "batch": {
                "documents": 100,
                "libreoffice_processes": 2,
                "kagaz_reports": {"docs_per_s": 12.0},
                "carbone": {"docs_per_s": 6.0},
            },
        },
        "memory": {"service": {"service_peak_rss_mb": memory, "service_pss_mb": memory - 20}},
        "profiles": {},
    }


def test_comparisons_judge_every_target() -> None:
    rows = {row["key"]: row for row in report.comparisons(results(70.0, 100.0, 68.0, 120.0))}
    assert set(rows) == {
        "render_docx",
        "http_pdf",
        "convert:kagaz",
        "floor:kagaz",
        "batch:kagaz_reports",
        "cold",
        "service_memory",
    }
    assert rows["render_docx"]["ratio"] == 0.125
    assert rows["convert:kagaz"]["ratio"] == 0.7
    assert rows["batch:kagaz_reports"]["ratio"] == 2.0
    assert rows["cold"]["ratio"] == round(1000 / 70, 3)
    assert all(row["holds"] for row in rows.values())
    assert not any("why" in row for row in rows.values())


def test_a_missed_target_says_why() -> None:
    rows = {row["key"]: row for row in report.comparisons(results(80.0, 70.0, 70.0, 160.0))}
    assert rows["convert:kagaz"]["holds"] is False
    assert "Carbone is already at the floor" in rows["convert:kagaz"]["why"]
    assert rows["floor:kagaz"]["holds"] is False
    assert rows["service_memory"]["holds"] is False
    assert rows["service_memory"]["why"]


def test_issuing_costs_are_judged_in_ms_and_stated_against_carbone() -> None:
    measured = results(70.0, 100.0, 68.0, 120.0)

    def cost(what: str, over: str, delta: float, cpu: float) -> dict:  # type: ignore[type-arg]
        ratio = round(delta / 200, 3)
        return {"what": what, "over": over, "delta_ms": delta, "delta_over_carbone": ratio, "cpu_delta_ms": cpu}

    costs = {
        "issued": cost("number + QR + register", "plain", 12.0, 9.0),
        "signed": cost("signing, PAdES B-B", "issued", 61.0, 15.0),
        "pdfa": cost("PDF/A-2b", "issued", 20.0, 6.0),
        "pdfa3": cost("PDF/A-3b + input attached", "issued", 25.0, 8.0),
    }
    measured["measurements"]["issuing"] = {"carbone": {"p50": 200.0}, "costs": costs}
    measured["load_average"] = {"issuing": [1.0, 1.0, 1.0]}
    rows = {row["key"]: row for row in report.comparisons(measured)}
    assert rows["issuing"]["kagaz"] == 12.0 and rows["issuing"]["ratio"] == 0.06 and rows["issuing"]["holds"] is True
    assert rows["signing"]["holds"] is False and "15.0 ms of this process's CPU" in rows["signing"]["why"]
    assert rows["pdfa:2b"]["holds"] is None and rows["pdfa:2b"]["target"] == "reported"
    assert rows["pdfa:3b"]["peer"] == 200.0 and rows["pdfa:3b"]["ratio"] == 0.125
