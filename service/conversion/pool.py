"""The conversion pool: N supervised workers behind one narrow call, ``convert(docx) -> pdf``.

Every entry point of Kagaz (API, web form, CLI, batch, jobs) converts through ``ConversionPool.convert``
or ``convert_file``; the routes never see workers or the supervisor (Gotenberg's layering). The pool
knows workers only through ``protocol.Worker``; by default they are LibreOffice workers (``worker.py``).

What a caller may rely on:

* **One job per worker.** A worker converts one document at a time; callers beyond the idle workers
  wait in a FIFO queue of at most ``queue_limit`` for at most ``queue_wait`` seconds, else
  ``PoolUnavailable`` with a ``retry_after`` estimated from the recent conversion time and the queue.
* **Timeouts.** A conversion past ``conversion_timeout`` raises ``ConversionTimeout``; by then its
  worker's whole process group has been killed, and a replacement starts in the background.
* **Crashes.** A worker that dies mid-conversion is killed and replaced, and the job is retried once on
  a healthy worker. A document LibreOffice cannot load (``ConversionFailed``) is retried once too, never
  more: a bad document must not loop through the pool.
* **Recycling** after ``recycle_after`` conversions or ``recycle_memory_mb`` of soffice.bin memory,
  between jobs, without lowering readiness (see ``supervisor.py``).
* **Shutdown.** ``stop(drain_timeout)`` refuses new jobs (``PoolUnavailable``), lets running jobs finish
  up to the drain timeout, then kills every process group and deletes every profile and temp dir.
* Files: ``convert`` keeps the DOCX and PDF in a private temp dir on local disk and passes LibreOffice
  paths, never bytes; ``convert_file`` writes its PDF atomically (a temp file beside it, then rename).
* Thread-safe: Flask serves threaded and the batch feeds all workers from a thread pool.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from service.conversion import processes
from service.conversion.options import PoolOptions
from service.conversion.protocol import PoolHealth, WorkerCrashed
from service.conversion.supervisor import STOPPING_RETRY_AFTER, Supervisor, WorkerFactory, remove_tree
from service.errors import ConversionFailed, ConversionTimeout, PoolUnavailable

if TYPE_CHECKING:
    from service.settings import Settings

__all__ = ["ConversionPool", "Place", "PoolHealth", "PoolOptions"]

logger = logging.getLogger(__name__)

ROOT_PREFIX = "kagaz-conversion-"
OWNER_FILE = "owner"  # identity (pid:start) of the process whose pool this directory is


class ConversionPool:
    """N supervised workers; ``convert(docx) -> pdf`` and ``convert_file(in, out)`` are the public calls.

    Build it with ``ConversionPool.from_settings(settings)`` (LibreOffice workers) or
    ``ConversionPool(options, worker_factory)``; ``start()`` it once, ``stop()`` it once (or use it as a
    context manager). ``worker_factory`` makes a ``protocol.Worker`` given a private empty directory.
    """

    def __init__(self, options: PoolOptions | None = None, worker_factory: WorkerFactory | None = None) -> None:
        self.options = options or PoolOptions()
        if worker_factory is None:
            from service.conversion.worker import LibreOfficeWorker

            worker_factory = functools.partial(LibreOfficeWorker, options=self.options)
        self._supervisor = Supervisor(self.options, worker_factory)
        self._root: Path | None = None
        self._jobs = 0  # convert() calls using a job directory under self._root
        self._jobs_left = threading.Condition()

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: object) -> ConversionPool:
        """A LibreOffice pool configured by the service's settings (not started yet)."""
        return cls(PoolOptions.from_settings(settings, **overrides))

    # --- life cycle -------------------------------------------------------------------------------
    def start(self, wait: bool = True) -> bool:
        """Launch every worker in the background; with ``wait``, block until all are ready.

        Returns True if every worker was ready within ``start_timeout`` (always True without ``wait``).
        A pool whose workers are late keeps starting them and becomes ready later, as ``health()`` shows.
        """
        if self._root is not None:
            raise RuntimeError("the conversion pool was already started")
        self._root = Path(tempfile.mkdtemp(prefix=ROOT_PREFIX, dir=self.options.work_dir))
        for name in ("jobs", "workers"):
            (self._root / name).mkdir()
        (self._root / OWNER_FILE).write_text(processes.identity(os.getpid()) or "")
        remove_stale_roots(self._root.parent)
        self._supervisor.start(self._root / "workers")
        logger.info("conversion pool starting %d workers in %s", self.options.size, self._root)
        return self.wait_ready(self.options.start_timeout, every_worker=True) if wait else True

    def wait_ready(self, timeout: float, every_worker: bool = False) -> bool:
        """Block until one worker (or ``every_worker``) is ready, or ``timeout`` passes; True if so."""
        return self._supervisor.wait_ready(timeout, every_worker)

    def stop(self, drain_timeout: float = 30.0) -> bool:
        """Refuse new jobs, let running ones finish for ``drain_timeout`` s, kill every worker, clean up.

        Returns True if every running job finished before the workers were killed. Idempotent.
        """
        drained = self._supervisor.stop(drain_timeout)
        with self._jobs_left:  # callers whose worker was killed are on their way out; let them clean up
            self._jobs_left.wait_for(lambda: self._jobs == 0, timeout=self.options.kill_timeout)
        root, self._root = self._root, None
        if root is not None:
            remove_tree(root)
            logger.info("conversion pool stopped (%s)", "drained" if drained else "running jobs cut short")
        return drained

    def health(self) -> PoolHealth:
        """Overall readiness and liveness and each worker's state, conversions, pid and memory."""
        return self._supervisor.health()

    def __enter__(self) -> ConversionPool:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()

    # --- admission -----------------------------------------------------------------------------
    def refusal(self) -> PoolUnavailable | None:
        """What ``place()`` would raise now (a full queue, a stopped pool), without taking a place."""
        return self._supervisor.refusal()

    @contextlib.contextmanager
    def place(self) -> Iterator[Place]:
        """Hold a place in the queue for one conversion to come; PoolUnavailable at once when there is none.

        A request reserves before it validates and renders (``with pool.place() as place: …
        pool.convert(docx, place)``), so that a full pool turns it away before any work is done; a place
        not used by the end of the block is given back.
        """
        self._supervisor.reserve()
        place = Place()
        try:
            yield place
        finally:
            if not place.used:
                self._supervisor.release()

    # --- the narrow call ------------------------------------------------------------------------
    def convert(self, docx: bytes, place: Place | None = None, *, filter_options: Sequence[str] = ()) -> bytes:
        """The PDF of the DOCX ``docx``; raises ConversionTimeout, ConversionFailed or PoolUnavailable.

        ``place``: the one reserved for it with ``place()`` (it then never meets the queue limit).
        ``filter_options`` go to LibreOffice's PDF exporter as ``Name=Value`` (``SelectPdfVersion=2``: PDF/A-2b)."""
        with self._job_directory() as job:
            source, target = job / "document.docx", job / "document.pdf"
            source.write_bytes(docx)
            self.convert_file(source, target, place, filter_options=filter_options)
            return target.read_bytes()

    def convert_file(
        self,
        in_path: Path | str,
        out_path: Path | str,
        place: Place | None = None,
        *,
        filter_options: Sequence[str] = (),
    ) -> None:
        """Convert the DOCX file ``in_path`` to the PDF ``out_path``, written atomically (temp + rename).

        Both paths must be on a disk LibreOffice can read and write (this machine's); the PDF's folder
        must exist. Raises ConversionTimeout, ConversionFailed or PoolUnavailable.
        """
        source, target = Path(in_path).resolve(), Path(out_path).resolve()
        # The partial file keeps the .pdf suffix: LibreOffice chooses the export type by it.
        handle, name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".partial.pdf", dir=target.parent)
        os.close(handle)
        partial = Path(name)
        try:
            self._convert_with_retry(source, partial, place, tuple(filter_options))
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)

    def _convert_with_retry(
        self, source: Path, target: Path, place: Place | None, filter_options: tuple[str, ...] = ()
    ) -> None:
        timeout = self.options.conversion_timeout
        for attempt in (1, 2):
            reserved = place is not None and not place.used
            if place is not None:
                place.used = True  # acquire takes the place over, whatever its outcome
            slot = self._supervisor.acquire(retry=attempt > 1, reserved=reserved)
            worker = slot.worker
            if worker is None:  # cannot happen: a lent slot always has a worker
                raise RuntimeError(f"worker slot {slot.index} lent without a worker")
            began = time.monotonic()
            try:
                worker.convert(source, target, timeout, filter_options)
            except ConversionTimeout as error:
                self._supervisor.fail(slot, worker, "timed out")
                raise ConversionTimeout(
                    f"the conversion took longer than {timeout:g} s; its LibreOffice was killed and is being replaced"
                ) from error
            except WorkerCrashed as error:
                self._supervisor.fail(slot, worker, f"crashed: {error}")
                if attempt == 2:
                    raise ConversionFailed(f"LibreOffice crashed twice on this document: {error}") from error
            except ConversionFailed:
                self._supervisor.finish(slot, worker, time.monotonic() - began)
                if attempt == 2:
                    raise
            except BaseException:
                self._supervisor.fail(slot, worker, "raised an unexpected error")
                raise
            else:
                self._supervisor.finish(slot, worker, time.monotonic() - began)
                return

    @contextlib.contextmanager
    def _job_directory(self) -> Iterator[Path]:
        """A private scratch directory for one ``convert`` call; ``stop`` waits for it to be gone."""
        with self._jobs_left:
            root = self._root
            if root is None or not self._supervisor.accepting:
                raise PoolUnavailable("the conversion pool is not running", retry_after=STOPPING_RETRY_AFTER)
            self._jobs += 1
        try:
            job = Path(tempfile.mkdtemp(prefix="job-", dir=root / "jobs"))
            try:
                yield job
            finally:
                remove_tree(job)
        finally:
            with self._jobs_left:
                self._jobs -= 1
                self._jobs_left.notify_all()


@dataclass
class Place:
    """A place in the conversion queue held by ``ConversionPool.place``; used once by ``convert``."""

    used: bool = False


def remove_stale_roots(parent: Path) -> None:
    """Delete the pool directories under ``parent`` whose owner process is gone.

    A Kagaz process killed without ``stop`` (SIGKILL, OOM killer, a test that kills a service on purpose)
    leaves its profiles and scratch files behind; its LibreOffices are already gone (their watchdog), and
    the next pool started on the same disk removes the rest. Directories of live pools are left alone.
    """
    for candidate in parent.glob(ROOT_PREFIX + "*"):
        try:
            owner = (candidate / OWNER_FILE).read_text().strip()
        except OSError:
            continue  # no owner yet (being created) or not ours
        pid = owner.partition(":")[0]
        if pid.isdigit() and processes.identity(int(pid)) != owner:
            logger.info("removing %s, left by a process that is gone", candidate)
            remove_tree(candidate)
