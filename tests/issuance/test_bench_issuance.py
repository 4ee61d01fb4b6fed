"""``python -m bench.issuance`` measures and reports: a smoke run (one round, two runs of each way)."""

from __future__ import annotations

import pytest

from bench import issuance

pytestmark = pytest.mark.office


def test_the_issuance_bench_measures_every_way_and_states_each_steps_cost() -> None:
    result = issuance.measure(runs=2, rounds=1, document="action-plan", peer=False, steps=True)
    assert set(result["timings_ms"]) == set(issuance.WAYS) == {"plain", "issued", "pdfa", "pdfa3", "signed"}
    assert all(figures["n"] == 2 and figures["p50"] > 0 for figures in result["timings_ms"].values())
    costs = result["costs"]
    for name, (base, _what) in issuance.WAYS.items():
        if base is not None:
            expected = round(result["timings_ms"][name]["p50"] - result["timings_ms"][base]["p50"], 1)
            assert costs[name]["delta_ms"] == expected
        assert costs[name]["p50_over_carbone"] is None  # Carbone skipped: no ratio rather than a made-up one
    assert result["carbone"] == {"missing": "skipped"}
    assert set(result["within_targets"]) == {"issuing", "signing"}
    steps = result["steps"]
    assert "allocate number" in steps["issued"] and "allocate number" not in steps["plain"]
    assert "QR code" in steps["issued"] and "sign" in steps["signed"] and "sign" not in steps["issued"]
    report = issuance.render_report(result)
    assert "number + QR + register adds" in report and "signing (B-B) adds" in report and "PDF/A-2b adds" in report
    assert "issued over plain (number + QR + register): Kagaz's calls" in report
