"""A small run of the load test (``bench/load.py``) in the suite: real PDFs, concurrent, no failure, never dead.

The full run (``python -m bench.load --requests 300 --concurrency 12``) starts ``kagaz serve``; here the same
``run_load`` drives the app in-process under a threaded server, sharing the session's LibreOffice pool, so
that the smoke run costs a few seconds.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from bench.load import DELIBERATE, percentile, run_load, serve_in_process, table
from service import create_app


def test_percentiles_are_nearest_rank() -> None:
    values = [float(value) for value in range(1, 101)]
    assert (percentile(values, 0.5), percentile(values, 0.95), percentile(values, 1.0)) == (50.0, 95.0, 100.0)
    assert percentile([], 0.5) == 0.0 and percentile([7.0], 0.95) == 7.0


@pytest.mark.office
def test_a_small_load_has_no_failure_and_the_service_is_never_dead(pool: Any, tmp_path: Path) -> None:
    app = create_app({"data_dir": tmp_path / "data", "start_pool": False, "jobs_workers": 0}, pool=pool)
    with serve_in_process(app) as base:
        report = run_load(base, requests=24, concurrency=6, service_pid=os.getpid(), deadline=300)
    print(table(report))
    assert report.ok + report.deliberate_503 == 24, report.failures
    assert report.unexpected_failures == 0, report.failures
    assert report.health["samples"] >= 1 and report.health["live_failures"] == 0, report.health
    assert report.passed
    assert set(report.failures) <= {DELIBERATE}
    assert report.latency_ms["p50"] <= report.latency_ms["p95"] <= report.latency_ms["max"]
    assert report.memory["soffice_processes"] >= 1 and report.memory["soffice_peak_mb"] > 0


def test_growth_per_request_reads_the_medians_around_each_end() -> None:
    from bench.watch import growth_per_request

    flat_then_rising = [
        (done, 100_000.0 if done < 500 else 100_000.0 + (done - 500) * 2.0) for done in range(0, 1001, 10)
    ]
    assert growth_per_request(flat_then_rising, 0, 400) == 0.0
    assert growth_per_request(flat_then_rising, 600, 1000) == pytest.approx(2.0, abs=0.2)  # ends: one-sided windows
    spiky = [(done, 100_000.0 + (5_000.0 if done == 500 else 0.0)) for done in range(0, 1001, 10)]
    assert growth_per_request(spiky, 0, 500) == 0.0  # one sample taken mid-request does not read as growth
    assert growth_per_request([(0, 1.0), (10, 2.0)], 5, 5) is None
