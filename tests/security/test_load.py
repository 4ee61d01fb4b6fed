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

PLAN = (Path(__file__).resolve().parents[2] / "samples" / "action_plan.json").read_bytes()


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


# --- the client and the comparison (bench.client, bench.overload) ------------------------------------------
class FullPool:
    """A converter whose queue is always full: every PDF request is refused on the front's loop."""

    def refusal(self) -> Any:
        from service.errors import PoolUnavailable

        return PoolUnavailable("all workers are busy", retry_after=1)

    def place(self) -> Any:
        raise self.refusal()

    def convert(self, docx: bytes, place: Any = None) -> bytes:
        raise self.refusal()

    def health(self) -> dict[str, bool]:
        return {"ready": True}

    def stop(self) -> None:
        pass


def refusing_front(tmp_path: Path) -> Any:
    from service.server import Running, ServerLimits

    app = create_app({"data_dir": tmp_path / "data", "start_pool": False, "jobs_workers": 0}, pool=FullPool())
    return Running(app, ServerLimits(), early=app.extensions["kagaz.early_refusal"])


def test_a_client_keeps_its_connection_and_times_answers_by_the_kernels_stamp(tmp_path: Path) -> None:
    from bench.client import Backoff, Client

    with refusing_front(tmp_path) as base:
        client = Client(f"{base}/api/v1/documents/action-plan?format=pdf", PLAN, "pdf", 10, Backoff.NONE)
        first = client.send()
        sock = client.sock
        second = client.send()
        kept = client.sock is sock
        client.close()
    assert (first.kind, second.kind) == (DELIBERATE, DELIBERATE) and first.retry_after == 1.0
    assert sock is not None and kept, "the refusal kept the connection open: the second request used it"
    assert 0 < first.seconds < 5 and 0 < second.seconds < 5


def test_a_refused_client_waits_retry_after_with_jitter_unless_told_not_to() -> None:
    import time

    from bench.client import JITTER, Backoff, Client, Outcome

    refused = Outcome(503, 0.001, DELIBERATE, retry_after=0.2)
    polite = Client("http://127.0.0.1:9/x", b"", "pdf", 1, Backoff.HONOUR)
    waits = []
    for _ in range(3):
        started = time.monotonic()
        polite.pause(refused, stop_at=time.monotonic() + 60)
        waits.append(time.monotonic() - started)
    assert all(0.2 * JITTER[0] <= wait < 0.2 * JITTER[1] + 0.1 for wait in waits), waits
    started = time.monotonic()
    polite.pause(refused, stop_at=time.monotonic() + 0.05)  # never past the end of the run
    Client("http://127.0.0.1:9/x", b"", "pdf", 1, Backoff.NONE).pause(refused, stop_at=time.monotonic() + 60)
    polite.pause(Outcome(200, 0.5, "ok"), stop_at=time.monotonic() + 60)
    assert time.monotonic() - started < 0.15


def test_a_run_against_a_refusing_front_counts_every_refusal_and_the_cpu(tmp_path: Path) -> None:
    with refusing_front(tmp_path) as base:
        report = run_load(base, requests=40, concurrency=4, service_pid=os.getpid(), deadline=60, backoff="none")
    assert report.deliberate_503 == 40 and report.ok == 0 and report.unexpected_failures == 0
    assert 0 < report.refused_ms["p50"] <= report.refused_ms["p95"] <= report.refused_ms["max"]
    assert report.backoff == "none" and report.cpu["generator_seconds"] > 0
    assert report.cpu["service_seconds"] is None  # in-process: the generator's CPU is the service's too
    assert 0 <= report.cpu["machine_busy_share"] <= 1 and report.cpu["load_average_start"] >= 0
    lines = table(report)
    assert "deliberate 503 (count)      40" in lines and "asks again at once" in lines and "generator CPU" in lines


def test_the_comparison_states_the_goals_and_whether_each_is_met() -> None:
    import dataclasses

    from bench.load import LoadReport
    from bench.overload import compared, rounds, said

    def run(ok: int, refused: int, refused_p95: float) -> LoadReport:
        return LoadReport(
            url="u", document="action-plan", format="pdf", requests=ok + refused, concurrency=48,
            wall_seconds=60.0, ok=ok, throughput_per_second=round(ok / 60, 2),
            latency_ms={"p50": 600.0, "p95": 900.0, "p99": 1000.0, "max": 1100.0, "mean": 650.0},
            failures={DELIBERATE: refused} if refused else {}, deliberate_503=refused,
            refused_ms={"p50": 4.0, "p95": refused_p95, "p99": 90.0, "max": 120.0}, unexpected_failures=0,
            health={"samples": 1, "live_failures": 0, "not_ready": 0},
            cpu={"generator_cores": 0.05, "load_average_start": 7.0, "load_average_end": 8.0},
        )  # fmt: skip

    unthrottled = run(360, 0, 0.0)
    met = compared(unthrottled, run(342, 2000, 40.0), queue_limit=2)
    assert met["throughput_ratio"] == 0.95 and met["refused_p95_met"] and met["throughput_met"]
    missed = compared(unthrottled, run(300, 2000, 55.0), queue_limit=2)
    assert not missed["refused_p95_met"] and not missed["throughput_met"]
    assert "p95 55.0 ms (goal < 50 ms: NOT met)" in said(missed) and "2000 refused" in said(missed)
    both = rounds([(unthrottled, run(342, 2000, 40.0)), (unthrottled, run(300, 2000, 55.0))], 2)
    assert both["admission"]["refused_p95_ms"] == 47.5 and both["admission"]["refused"] == 4000
    assert len(both["rounds"]) == 2 and dataclasses.is_dataclass(unthrottled)
    median = said(both["admission"], "median")
    assert "round 1: 503 p95 40.0 ms, good throughput 95% of unthrottled" in median
    assert "good throughput: 89% of unthrottled, the rounds' median (goal ≥ 90%: NOT met)" in median
