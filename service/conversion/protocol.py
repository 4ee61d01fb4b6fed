"""The contract between the pool and its workers, and the health snapshot the pool reports.

The pool (``pool.py``) supervises anything that implements ``Worker``; the LibreOffice worker
(``worker.py``) is one implementation and the tests' fake worker another, so that the supervisor's logic
(queue, timeouts, retries, recycling, shutdown) is proven fast with the fake and the same contract cases
then run against the real unoserver.

How a worker reports the outcome of ``convert`` decides what the pool does next:

=========================  ===============================================================================
outcome                    pool's answer
=========================  ===============================================================================
returns                    the job is done; the worker takes the next one (or is recycled, between jobs)
``ConversionTimeout``      the worker is killed and replaced in the background; the caller gets the error
``WorkerCrashed``          the worker is killed and replaced; the job is retried once on a healthy worker
``ConversionFailed``       the document is at fault, the worker is fine; one retry, then the error
=========================  ===============================================================================
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from service.errors import ConversionError


class WorkerCrashed(ConversionError):
    """Raised by ``Worker.convert`` when the worker's process died or stopped answering mid-conversion.

    Internal to ``service.conversion``: the pool retries the job once and never lets this escape.
    """


class WorkerStartFailed(ConversionError):
    """Raised by ``Worker.start`` when the worker did not become ready within its start timeout.

    Internal to ``service.conversion``: the pool logs it and tries again with a back-off.
    """


class Worker(Protocol):
    """One converter process (or process group) that does one conversion at a time.

    The pool guarantees that ``convert`` is never called twice at once on one worker, and never before
    ``start`` returned. ``stop`` may be called from any thread at any time, also while ``start`` or
    ``convert`` run in another thread; it must then make them return (with an error) promptly.
    """

    def start(self) -> None:
        """Launch the process and block until it is ready to convert; raise ``WorkerStartFailed`` if not."""
        ...

    def stop(self) -> None:
        """Kill the process (the whole process group) at once and reap it; idempotent."""
        ...

    def convert(self, in_path: Path, out_path: Path, timeout: float, filter_options: Sequence[str] = ()) -> None:
        """Convert the file ``in_path`` into ``out_path`` within ``timeout`` seconds.

        ``filter_options`` are the PDF exporter's ``Name=Value`` options (``SelectPdfVersion=2`` for PDF/A-2b).

        Raises ``ConversionTimeout``, ``WorkerCrashed`` or ``ConversionFailed`` as described in the
        module docstring; on return ``out_path`` exists and is not empty.
        """
        ...

    def healthy(self) -> bool:
        """True if the process is alive and able to take a job; cheap (no conversion, no network wait)."""
        ...

    @property
    def pid(self) -> int | None:
        """The id of the process doing the work (``soffice.bin`` for LibreOffice), None before start."""
        ...

    def rss_bytes(self) -> int | None:
        """The resident memory of that process in bytes, None if unknown."""
        ...


class WorkerState(enum.StrEnum):
    """Where one worker is in its life, as ``PoolHealth`` reports it."""

    STARTING = "starting"  # launched, not yet ready
    READY = "ready"  # idle, takes the next job
    BUSY = "busy"  # converting one document
    RECYCLING = "recycling"  # due for a planned restart; still takes jobs until its successor is ready
    DEAD = "dead"  # crashed, timed out or failed to start; a replacement is on its way


@dataclass(frozen=True)
class WorkerHealth:
    """One worker of the pool at the moment of the snapshot."""

    slot: int
    state: WorkerState
    conversions: int  # conversions done by the current process since it started
    restarts: int  # replacements of this slot's process, planned or not, since the pool started
    pid: int | None
    rss_mb: float | None


@dataclass(frozen=True)
class PoolHealth:
    """What ``/health`` needs: can the pool convert now (``ready``), is it worth keeping (``live``)."""

    ready: bool  # at least one worker is ready, busy or recycling: a job will be served
    live: bool  # the pool runs and is not stuck failing to start every worker
    accepting: bool  # False once stop() began
    size: int
    waiting: int  # callers waiting for a worker right now
    workers: tuple[WorkerHealth, ...]
