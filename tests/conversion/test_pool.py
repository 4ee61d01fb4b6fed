"""The pool's logic with fake workers: queue, timeouts, retries, recycling, health and shutdown.

Fast (milliseconds per case) because the workers are fakes (``fakes.py``); ``test_office.py`` runs the
cases that make sense against the real unoserver.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from service.conversion import ConversionPool, PoolOptions, WorkerState, processes
from service.errors import ConversionFailed, ConversionTimeout, PoolUnavailable

from .fakes import Script
from .polling import wait_for

MakePool = Callable[..., tuple[ConversionPool, Script]]


@pytest.fixture
def make_pool(tmp_path: Path) -> Iterator[MakePool]:
    """Build and start a pool of fake workers; every pool is stopped after the test."""
    pools: list[ConversionPool] = []

    def make(script: Script | None = None, **overrides: object) -> tuple[ConversionPool, Script]:
        script = script or Script()
        values: dict[str, object] = {
            "size": 1,
            "queue_wait": 2.0,
            "conversion_timeout": 2.0,
            "start_timeout": 5.0,
            "restart_backoff": 0.01,
            "restart_backoff_max": 0.05,
            "work_dir": tmp_path,
        }
        values.update(overrides)
        pool = ConversionPool(PoolOptions(**values), worker_factory=script.factory)  # type: ignore[arg-type]
        pools.append(pool)
        assert pool.start(wait=True)
        return pool, script

    yield make
    for pool in pools:
        pool.stop(drain_timeout=1.0)


def run_in_background(call: Callable[[], object]) -> tuple[threading.Thread, dict[str, object]]:
    """Run ``call`` in a thread; the dict gets its ``result`` or ``error``."""
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["result"] = call()
        except Exception as error:
            outcome["error"] = error

    thread = threading.Thread(target=target)
    thread.start()
    return thread, outcome


def test_converts_bytes_and_cleans_its_temp_files(make_pool: MakePool, tmp_path: Path) -> None:
    pool, _ = make_pool()
    assert pool.convert(b"ok") == b"%PDF-fake ok"
    [root] = tmp_path.glob("kagaz-conversion-*")
    assert list((root / "jobs").iterdir()) == []


def test_convert_file_writes_the_pdf_atomically(make_pool: MakePool, tmp_path: Path) -> None:
    pool, _ = make_pool()
    source, target = tmp_path / "in.docx", tmp_path / "out" / "report.pdf"
    target.parent.mkdir()
    source.write_bytes(b"ok")
    pool.convert_file(source, target)
    assert target.read_bytes() == b"%PDF-fake ok"
    source.write_bytes(b"bad")
    with pytest.raises(ConversionFailed):
        pool.convert_file(source, target)
    assert sorted(path.name for path in target.parent.iterdir()) == ["report.pdf"]  # no partial file left
    assert target.read_bytes() == b"%PDF-fake ok"


def test_one_conversion_per_worker_at_a_time(make_pool: MakePool) -> None:
    pool, script = make_pool(Script(convert_seconds=0.02), size=2, queue_limit=20)
    with ThreadPoolExecutor(8) as executor:
        results = list(executor.map(lambda _: pool.convert(b"ok"), range(24)))
    assert results == [b"%PDF-fake ok"] * 24
    assert script.overlaps == 0
    assert script.most_in_flight == 2  # both workers were used, never more at once
    assert sum(worker.conversions for worker in script.workers) == 24


def test_full_queue_answers_pool_unavailable_at_once_with_retry_after(make_pool: MakePool) -> None:
    pool, script = make_pool(Script(), queue_limit=1, queue_wait=5.0)
    busy, _ = run_in_background(lambda: pool.convert(b"hold"))
    assert wait_for(lambda: pool.health().workers[0].state is WorkerState.BUSY)
    waiting, waited = run_in_background(lambda: pool.convert(b"ok"))
    assert wait_for(lambda: pool.health().waiting == 1)
    began = time.monotonic()
    with pytest.raises(PoolUnavailable) as refused:
        pool.convert(b"ok")
    assert time.monotonic() - began < 0.5  # at once, not after queue_wait (5 s)
    assert 1 <= refused.value.retry_after <= 5
    script.release.set()
    busy.join()
    waiting.join()
    assert waited["result"] == b"%PDF-fake ok"


def test_no_queue_at_all_with_queue_limit_zero(make_pool: MakePool) -> None:
    pool, script = make_pool(Script(), queue_limit=0)
    busy, _ = run_in_background(lambda: pool.convert(b"hold"))
    assert wait_for(lambda: pool.health().workers[0].state is WorkerState.BUSY)
    with pytest.raises(PoolUnavailable):
        pool.convert(b"ok")
    script.release.set()
    busy.join()


def test_waiting_longer_than_queue_wait_answers_pool_unavailable(make_pool: MakePool) -> None:
    pool, _ = make_pool(Script(convert_seconds=1.0), queue_wait=0.2)
    busy, _ = run_in_background(lambda: pool.convert(b"ok"))
    assert wait_for(lambda: pool.health().workers[0].state is WorkerState.BUSY)
    began = time.monotonic()
    with pytest.raises(PoolUnavailable, match=r"within 0\.2 s") as refused:
        pool.convert(b"ok")
    assert 0.15 <= time.monotonic() - began < 0.8
    assert refused.value.retry_after >= 1
    busy.join()
    assert pool.health().waiting == 0


def test_waiters_are_served_first_come_first_served(make_pool: MakePool) -> None:
    pool, script = make_pool(Script(), queue_limit=10)
    busy, _ = run_in_background(lambda: pool.convert(b"hold"))
    assert wait_for(lambda: pool.health().workers[0].state is WorkerState.BUSY)
    threads = []
    for number in range(5):
        threads.append(run_in_background(lambda number=number: pool.convert(f"{number}".encode()))[0])
        assert wait_for(lambda number=number: pool.health().waiting == number + 1)
    script.release.set()
    for thread in [busy, *threads]:
        thread.join()
    assert [document for _, document in script.attempts] == [b"hold", b"0", b"1", b"2", b"3", b"4"]


def test_timeout_kills_the_worker_and_replaces_it(make_pool: MakePool) -> None:
    pool, script = make_pool(conversion_timeout=0.2)
    [first] = script.started()
    began = time.monotonic()
    with pytest.raises(ConversionTimeout, match="killed"):
        pool.convert(b"hang")
    assert time.monotonic() - began < 1.0
    assert first.killed.is_set()  # killed before the caller hears of the timeout
    assert len(script.attempts) == 1  # a timeout is not retried
    assert pool.convert(b"ok") == b"%PDF-fake ok"
    [row] = pool.health().workers
    assert row.restarts == 1 and row.state is WorkerState.READY
    assert len(script.started()) == 2


def test_a_crash_is_retried_once_on_a_healthy_worker(make_pool: MakePool) -> None:
    pool, script = make_pool(size=2)
    assert pool.convert(b"crash-once") == b"%PDF-fake crash-once"
    [(crashed, _), (retried, _)] = script.attempts
    assert retried != crashed
    assert next(worker for worker in script.workers if worker.identity == crashed).killed.is_set()
    assert wait_for(lambda: pool.health().ready and len(script.started()) == 3)  # the crashed one replaced


def test_a_crash_with_a_single_worker_waits_for_its_replacement(make_pool: MakePool) -> None:
    pool, script = make_pool(Script(start_seconds=0.05))
    assert pool.convert(b"crash-once") == b"%PDF-fake crash-once"
    assert [identity for identity, _ in script.attempts] == [1, 2]


def test_crashing_twice_gives_conversion_failed_and_no_third_try(make_pool: MakePool) -> None:
    pool, script = make_pool(size=2)
    with pytest.raises(ConversionFailed, match="crashed twice"):
        pool.convert(b"crash")
    assert len(script.attempts) == 2
    assert pool.convert(b"ok") == b"%PDF-fake ok"


def test_a_document_error_is_tried_twice_and_keeps_the_worker(make_pool: MakePool) -> None:
    pool, script = make_pool()
    with pytest.raises(ConversionFailed, match="could not load"):
        pool.convert(b"bad")
    assert len(script.attempts) == 2
    assert len(script.workers) == 1 and not script.workers[0].killed.is_set()
    assert pool.health().workers[0].conversions == 2


def test_recycles_after_n_conversions(make_pool: MakePool) -> None:
    pool, script = make_pool(recycle_after=3)
    for _ in range(3):
        pool.convert(b"ok")
    assert wait_for(lambda: len(script.started()) == 2 and script.workers[0].killed.is_set())
    assert wait_for(lambda: pool.health().workers[0].state is WorkerState.READY)
    [row] = pool.health().workers
    assert (row.conversions, row.restarts) == (0, 1)
    pool.convert(b"ok")
    assert script.attempts[-1][0] == script.workers[1].identity


def test_recycles_when_memory_passes_the_limit(make_pool: MakePool) -> None:
    pool, script = make_pool(Script(rss_start_mb=90, rss_growth_mb=20), recycle_memory_mb=128)
    pool.convert(b"ok")  # 110 MiB
    assert pool.health().workers[0].restarts == 0
    assert pool.health().workers[0].rss_mb == 110
    pool.convert(b"ok")  # 130 MiB: due
    assert wait_for(lambda: pool.health().workers[0].restarts == 1)
    assert script.workers[0].killed.is_set()


def test_readiness_never_drops_during_planned_recycles(make_pool: MakePool) -> None:
    pool, script = make_pool(Script(start_seconds=0.05, convert_seconds=0.01), recycle_after=2)
    samples: list[bool] = []
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            samples.append(pool.health().ready)
            time.sleep(0.001)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        for _ in range(12):
            assert pool.convert(b"ok") == b"%PDF-fake ok"
            time.sleep(0.03)
    finally:
        done.set()
        sampler.join()
    assert len(script.started()) >= 4  # it did recycle, several times
    assert samples and all(samples)


def test_a_busy_worker_due_for_recycling_keeps_serving_until_its_successor_is_ready(
    make_pool: MakePool,
) -> None:
    # The successor takes 2 s to start: room, on a loaded shared machine, to look at the pool and convert
    # again before it is ready (0.3 s was once not enough there).
    pool, script = make_pool(Script(start_seconds=2.0), recycle_after=1)
    pool.convert(b"ok")
    assert pool.health().workers[0].state is WorkerState.RECYCLING
    pool.convert(b"ok")  # served by the old worker while the successor starts
    assert [identity for identity, _ in script.attempts] == [1, 1]
    assert wait_for(lambda: pool.health().workers[0].restarts == 1, timeout=15)


def test_graceful_stop_drains_running_jobs_then_kills_everything(make_pool: MakePool, tmp_path: Path) -> None:
    pool, script = make_pool(Script(convert_seconds=0.3), size=2)
    running, outcome = run_in_background(lambda: pool.convert(b"ok"))
    assert wait_for(lambda: any(row.state is WorkerState.BUSY for row in pool.health().workers))
    stopping, stopped = run_in_background(lambda: pool.stop(drain_timeout=5.0))
    assert wait_for(lambda: not pool.health().accepting)
    with pytest.raises(PoolUnavailable):
        pool.convert(b"ok")
    running.join()
    stopping.join()
    assert outcome["result"] == b"%PDF-fake ok"
    assert stopped["result"] is True
    assert all(worker.killed.is_set() for worker in script.workers)
    assert list(tmp_path.glob("kagaz-conversion-*")) == []
    health = pool.health()
    assert not health.ready and not health.live


def test_stop_cuts_running_jobs_short_after_the_drain_timeout(make_pool: MakePool) -> None:
    pool, _ = make_pool(conversion_timeout=30.0)
    running, outcome = run_in_background(lambda: pool.convert(b"hang"))
    assert wait_for(lambda: pool.health().workers[0].state is WorkerState.BUSY)
    began = time.monotonic()
    assert pool.stop(drain_timeout=0.2) is False
    running.join()
    assert time.monotonic() - began < 2.0
    assert isinstance(outcome["error"], PoolUnavailable)


def test_stop_wakes_every_waiting_caller(make_pool: MakePool) -> None:
    pool, script = make_pool(Script(), queue_wait=10.0)
    running, _ = run_in_background(lambda: pool.convert(b"hold"))
    assert wait_for(lambda: pool.health().workers[0].state is WorkerState.BUSY)
    waiting, waited = run_in_background(lambda: pool.convert(b"ok"))
    assert wait_for(lambda: pool.health().waiting == 1)
    threading.Timer(0.3, script.release.set).start()  # the running job finishes while stop() drains
    pool.stop(drain_timeout=5.0)
    waiting.join(timeout=2.0)
    running.join()
    assert isinstance(waited["error"], PoolUnavailable)


def test_failed_starts_are_retried_with_back_off(make_pool: MakePool) -> None:
    pool, script = make_pool(Script(failing_starts=2))
    assert pool.convert(b"ok") == b"%PDF-fake ok"
    assert len(script.workers) == 3
    assert [worker.killed.is_set() for worker in script.workers] == [True, True, False]


def test_a_pool_that_cannot_start_any_worker_is_not_ready_nor_live(tmp_path: Path) -> None:
    script = Script(failing_starts=1000)
    options = PoolOptions(
        size=1, queue_wait=0.1, restart_backoff=0.01, restart_backoff_max=0.01, max_start_failures=3, work_dir=tmp_path
    )
    pool = ConversionPool(options, worker_factory=script.factory)
    try:
        assert pool.start(wait=False)
        assert wait_for(lambda: not pool.health().live)
        assert not pool.health().ready
        with pytest.raises(PoolUnavailable) as refused:
            pool.convert(b"ok")
        assert refused.value.retry_after >= 1
    finally:
        pool.stop(drain_timeout=0.1)


def test_an_idle_worker_that_died_is_replaced(make_pool: MakePool) -> None:
    pool, script = make_pool()
    script.workers[0].alive = False  # e.g. the OOM killer took its soffice
    assert pool.convert(b"ok") == b"%PDF-fake ok"
    assert script.workers[0].killed.is_set()
    assert script.attempts[-1][0] == 2


def test_health_reports_each_worker(make_pool: MakePool) -> None:
    pool, _ = make_pool(size=2)
    pool.convert(b"ok")
    health = pool.health()
    assert (health.ready, health.live, health.accepting, health.size, health.waiting) == (True, True, True, 2, 0)
    assert sorted(row.conversions for row in health.workers) == [0, 1]
    assert {row.state for row in health.workers} == {WorkerState.READY}
    assert all(row.pid is not None and row.rss_mb == 100 for row in health.workers)


def test_a_stopped_pool_refuses_work(tmp_path: Path) -> None:
    pool = ConversionPool(PoolOptions(size=1, work_dir=tmp_path), worker_factory=Script().factory)
    with pytest.raises(PoolUnavailable):
        pool.convert(b"ok")  # never started
    assert pool.stop() is True


def test_start_removes_the_directories_of_pools_whose_process_is_gone(make_pool: MakePool, tmp_path: Path) -> None:
    with subprocess.Popen(["true"]) as gone:
        gone.wait()
    stale = tmp_path / "kagaz-conversion-stale"
    (stale / "workers" / "worker-1" / "profile").mkdir(parents=True)
    (stale / "owner").write_text(f"{gone.pid}:1")  # start time 1: never a live process, even if pid reused
    alive = tmp_path / "kagaz-conversion-alive"
    alive.mkdir()
    (alive / "owner").write_text(processes.identity(os.getpid()) or "")
    unowned = tmp_path / "kagaz-conversion-unowned"
    unowned.mkdir()
    make_pool()
    assert not stale.exists()
    assert alive.exists() and unowned.exists()


def test_a_reserved_place_is_refused_at_once_when_every_place_is_held(make_pool: MakePool) -> None:
    """Admission: ``size + queue_limit`` places; reservations count as waiting callers."""
    pool, script = make_pool(Script(), queue_limit=1, queue_wait=5.0)
    with pool.place() as first, pool.place():
        began = time.monotonic()
        with pytest.raises(PoolUnavailable) as refused, pool.place():
            pass
        assert time.monotonic() - began < 0.5 and refused.value.retry_after >= 1
        with pytest.raises(PoolUnavailable):  # an unreserved caller meets the same limit
            pool.convert(b"ok")
        assert pool.convert(b"ok", first) == b"%PDF-fake ok"  # a reserved caller never does
    with pool.place() as again:  # both places were given back (one used, one not)
        busy, _ = run_in_background(lambda: pool.convert(b"hold", again))
        assert wait_for(lambda: pool.health().workers[0].state is WorkerState.BUSY)
        with pool.place() as queued:  # the one queue position
            waiting, waited = run_in_background(lambda: pool.convert(b"ok", queued))
            assert wait_for(lambda: pool.health().waiting == 1)
            with pytest.raises(PoolUnavailable), pool.place():
                pass
            script.release.set()
            busy.join()
            waiting.join()
    assert waited["result"] == b"%PDF-fake ok"
    with pool.place(), pool.place():  # nothing leaked: both places free again
        pass
