"""``python -m bench.issuance`` measures and reports: a smoke run (one round, two runs of each way)."""

from __future__ import annotations

import pytest

from bench import issuance

pytestmark = pytest.mark.office


def test_the_issuance_bench_measures_every_way_and_reports_ratios_and_targets() -> None:
    result = issuance.measure(runs=2, rounds=1)
    assert set(result["timings_ms"]) == {"draft", "issued", "pdfa", "signing"}
    assert all(figures["n"] == 2 and figures["p50"] > 0 for figures in result["timings_ms"].values())
    assert result["issuing_added_ms"] == round(
        result["timings_ms"]["issued"]["p50"] - result["timings_ms"]["draft"]["p50"], 1
    )
    assert result["pdfa_over_draft"] > 0 and set(result["within_targets"]) == {"issuing", "signing"}
    report = issuance.render_report(result)
    assert "number + QR + register adds" in report and "PDF/A-2b / plain PDF" in report
