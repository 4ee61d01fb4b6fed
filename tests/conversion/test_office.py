"""The pool's contract against the real unoserver and LibreOffice, checked on the PDFs with poppler.

Few and fast: one shared two-worker pool (``office_pool``), and one-worker pools with a 3 s timeout for
the cases that break a worker on purpose (SIGKILL, SIGSTOP, recycling, stop).
"""

from __future__ import annotations

import dataclasses
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from service.conversion import ConversionPool, PoolOptions, WorkerState, processes
from service.errors import ConversionFailed, ConversionTimeout

from .documents import KYRGYZ_TEXT, kyrgyz_docx, long_docx, pdf_fonts, pdf_pages, pdf_text
from .polling import wait_for

pytestmark = pytest.mark.office


def busy_soffice(pool: ConversionPool) -> processes.ProcessInfo:
    """The soffice.bin of the (first) worker that is converting right now."""
    assert wait_for(lambda: any(row.state is WorkerState.BUSY for row in pool.health().workers))
    row = next(row for row in pool.health().workers if row.state is WorkerState.BUSY)
    assert row.pid is not None
    info = processes.read_process(row.pid)
    assert info is not None and info.name == processes.SOFFICE_BINARY
    return info


def living_soffices() -> list[processes.ProcessInfo]:
    return [info for info in processes.all_processes() if info.alive and info.name == processes.SOFFICE_BINARY]


def test_kyrgyz_text_survives_and_fonts_are_embedded(office_pool: ConversionPool, tmp_path: Path) -> None:
    pdf = tmp_path / "kyrgyz.pdf"
    pdf.write_bytes(office_pool.convert(kyrgyz_docx()))
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert KYRGYZ_TEXT in pdf_text(pdf)
    fonts = pdf_fonts(pdf)
    assert fonts and all(embedded for _, embedded in fonts), fonts


def test_convert_file_writes_the_pdf_next_to_nothing_else(office_pool: ConversionPool, tmp_path: Path) -> None:
    source, target = tmp_path / "in.docx", tmp_path / "out" / "report.pdf"
    target.parent.mkdir()
    source.write_bytes(kyrgyz_docx())
    office_pool.convert_file(source, target)
    assert [path.name for path in target.parent.iterdir()] == ["report.pdf"]
    assert pdf_pages(target) == 1


def test_parallel_conversions_use_both_workers(office_pool: ConversionPool) -> None:
    before = {row.slot: row.conversions for row in office_pool.health().workers}
    with ThreadPoolExecutor(4) as executor:
        pdfs = list(executor.map(lambda _: office_pool.convert(kyrgyz_docx()), range(8)))
    assert all(pdf.startswith(b"%PDF-") for pdf in pdfs)
    after = {row.slot: row.conversions for row in office_pool.health().workers}
    assert all(after[slot] > before[slot] for slot in after), (before, after)


def test_a_document_libreoffice_cannot_load_is_a_clear_error(office_pool: ConversionPool) -> None:
    with pytest.raises(ConversionFailed, match="could not convert the document"):
        office_pool.convert(os.urandom(4096))
    assert office_pool.convert(kyrgyz_docx()).startswith(b"%PDF-")


def test_killing_soffice_mid_conversion_retries_on_a_healthy_worker(
    office_pool: ConversionPool, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="service.conversion")
    document = long_docx(1500)
    outcome: dict[str, object] = {}
    thread = threading.Thread(target=lambda: outcome.update(pdf=office_pool.convert(document)))
    thread.start()
    victim = busy_soffice(office_pool)
    time.sleep(0.3)
    os.kill(victim.pid, signal.SIGKILL)
    thread.join()
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(outcome["pdf"])  # type: ignore[arg-type]
    assert "1499.3" in pdf_text(pdf)  # the whole table, converted by the retry
    assert any(f"(pid {victim.pid}) crashed" in record.getMessage() for record in caplog.records)
    assert processes.wait_until_gone(victim.group, timeout=5.0) == []  # nothing left of that worker
    assert sum(row.restarts for row in office_pool.health().workers) >= 1
    assert office_pool.wait_ready(30.0, every_worker=True)
    assert office_pool.convert(kyrgyz_docx()).startswith(b"%PDF-")


def test_a_soffice_stopped_mid_conversion_times_out_and_is_replaced(small_pool_options: PoolOptions) -> None:
    with ConversionPool(small_pool_options) as pool:
        outcome: dict[str, BaseException] = {}

        def convert() -> None:
            try:
                pool.convert(long_docx(600))
            except ConversionTimeout as error:
                outcome["error"] = error

        thread = threading.Thread(target=convert)
        thread.start()
        frozen = busy_soffice(pool)
        os.kill(frozen.pid, signal.SIGSTOP)
        began = time.monotonic()
        thread.join()
        assert "killed" in str(outcome["error"])
        assert time.monotonic() - began < small_pool_options.conversion_timeout + 5.0
        assert processes.wait_until_gone(frozen.group, timeout=5.0) == []  # SIGKILL ends stopped processes too
        assert pool.wait_ready(30.0)
        assert pool.health().workers[0].pid != frozen.pid
        assert pool.convert(kyrgyz_docx()).startswith(b"%PDF-")


def test_an_idle_worker_whose_soffice_was_stopped_is_replaced_before_it_gets_a_job(
    small_pool_options: PoolOptions,
) -> None:
    with ConversionPool(small_pool_options) as pool:
        frozen = processes.read_process(pool.health().workers[0].pid or 0)
        assert frozen is not None
        os.kill(frozen.pid, signal.SIGSTOP)
        # Given to the frozen worker, the job would end in ConversionTimeout (never retried): a new one took it.
        assert pool.convert(kyrgyz_docx()).startswith(b"%PDF-")
        assert pool.health().workers[0].pid != frozen.pid
        assert processes.wait_until_gone(frozen.group, timeout=5.0) == []


def test_planned_recycling_keeps_the_pool_ready(small_pool_options: PoolOptions) -> None:
    options = dataclasses.replace(small_pool_options, recycle_after=2)
    with ConversionPool(options) as pool:
        first = processes.read_process(pool.health().workers[0].pid or 0)
        assert first is not None
        samples: list[bool] = []
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.01):
                samples.append(pool.health().ready)

        sampler = threading.Thread(target=sample)
        sampler.start()
        try:
            for _ in range(4):
                assert pool.convert(kyrgyz_docx()).startswith(b"%PDF-")
            assert wait_for(lambda: pool.health().workers[0].restarts >= 1, timeout=30.0)
        finally:
            done.set()
            sampler.join()
        assert samples and all(samples)
        assert processes.wait_until_gone(first.group, timeout=5.0) == []


def test_stop_leaves_no_soffice_and_no_directory(small_pool_options: PoolOptions, tmp_path: Path) -> None:
    pool = ConversionPool(small_pool_options)
    assert pool.start()
    pool.convert(kyrgyz_docx())
    group = processes.read_process(pool.health().workers[0].pid or 0)
    assert group is not None
    assert pool.stop(drain_timeout=5.0)
    assert processes.wait_until_gone(group.group, timeout=5.0) == []
    assert list(tmp_path.iterdir()) == []  # small_pool_options.work_dir
    assert group.pid not in {info.pid for info in living_soffices()}


def test_a_worker_dies_with_the_process_that_started_it(tmp_path: Path) -> None:
    """A Kagaz process killed without stop() must not leave its LibreOffice running."""
    program = f"""
import pathlib, time
from service.conversion.options import PoolOptions
from service.conversion.worker import LibreOfficeWorker
worker = LibreOfficeWorker(pathlib.Path({str(tmp_path)!r}), PoolOptions(size=1, warm_up=False))
worker.start()
print(worker.group, flush=True)
time.sleep(60)
"""
    with subprocess.Popen([sys.executable, "-c", program], stdout=subprocess.PIPE, text=True) as kagaz:
        assert kagaz.stdout is not None
        group = int(kagaz.stdout.readline())
        assert processes.find_soffice(group) is not None
        kagaz.kill()
    try:
        assert processes.wait_until_gone(group, timeout=5.0) == []
    finally:
        processes.kill_group(group)  # if the watchdog failed, do not leave LibreOffice to the next tests


def test_libreoffice_runs_with_the_allocator_the_options_name(office_pool: ConversionPool) -> None:
    """PoolOptions.allocator (jemalloc when installed) is preloaded into soffice.bin; None leaves glibc's."""
    allocator = office_pool.options.allocator
    if allocator is None:
        pytest.skip("no faster allocator installed (Debian's libjemalloc2)")
    pid = office_pool.health().workers[0].pid
    assert pid is not None
    maps = Path(f"/proc/{pid}/maps").read_text()
    assert allocator in maps


def test_libreoffice_runs_nicer_than_the_service(office_pool: ConversionPool) -> None:
    """PoolOptions.nice (KAGAZ_OFFICE_NICE, 10 by default) reaches unoserver and the soffice.bin it starts, so
    that the service's event loop and request threads take the CPU first (issue 17)."""
    assert office_pool.options.nice == 10
    own = os.getpriority(os.PRIO_PROCESS, 0)
    for row in office_pool.health().workers:
        assert row.pid is not None
        soffice = processes.read_process(row.pid)
        assert soffice is not None and soffice.name == processes.SOFFICE_BINARY
        assert os.getpriority(os.PRIO_PROCESS, row.pid) == min(19, own + office_pool.options.nice)
        for member in processes.living_members(soffice.group):  # unoserver's Python too
            assert os.getpriority(os.PRIO_PROCESS, member.pid) == min(19, own + office_pool.options.nice)


def test_documents_closed_in_the_background_never_pile_up(office_pool: ConversionPool, tmp_path: Path) -> None:
    """The worker answers before it closes the document; the next conversion waits for that close, so many
    conversions in a row leave LibreOffice with no document open and every PDF whole."""
    docx = long_docx(60)
    for number in range(6):
        path = tmp_path / f"{number}.pdf"
        path.write_bytes(office_pool.convert(docx))
        assert pdf_pages(path) == pdf_pages(tmp_path / "0.pdf")
        assert "59.3" in pdf_text(path).split()  # the last cell of the last row
