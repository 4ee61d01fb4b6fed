"""The generic supervisor: N worker slots, a bounded FIFO wait, restarts, planned recycling, shutdown.

Gotenberg's first layer. It knows workers only through ``protocol.Worker`` and hands them out one job at
a time; ``pool.ConversionPool`` decides what a job is (files, retries) and reports back with ``finish``
(the worker is sound) or ``fail`` (kill and replace it). Everything here is thread-safe: one lock guards
the slots, the idle queue and the waiters; processes are started, killed and deleted outside it, in
background threads where the caller need not wait.

Planned recycling never lowers the pool's capacity: the successor of a worker due for recycling starts
while the old one keeps serving and takes its slot when ready, between jobs, one recycle at a time (so at
most ``size + 1`` processes run). Unplanned replacements (crash, timeout, death while idle) start at once
and retry with a doubling back-off when a start fails.
"""

from __future__ import annotations

import contextlib
import logging
import math
import shutil
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from service.conversion.options import PoolOptions
from service.conversion.protocol import PoolHealth, Worker, WorkerHealth, WorkerState
from service.errors import PoolUnavailable

logger = logging.getLogger(__name__)

# Makes a worker that may keep its files in the given (new, empty) directory; the supervisor deletes it.
WorkerFactory = Callable[[Path], Worker]

SERVING = (WorkerState.READY, WorkerState.BUSY, WorkerState.RECYCLING)
AVERAGE_WEIGHT = 0.2  # weight of the newest sample in the moving averages behind retry_after
STOPPING_RETRY_AFTER = 10  # seconds: about what a service restart takes


@dataclass(eq=False)
class Slot:
    """One place in the pool and the worker process that currently fills it."""

    index: int
    state: WorkerState = WorkerState.STARTING
    worker: Worker | None = None
    directory: Path | None = None
    conversions: int = 0
    generation: int = 0  # processes this slot has had
    start_failures: int = 0  # consecutive
    recycle_due: bool = False
    successor: tuple[Worker, Path] | None = None  # started by a planned recycle, waiting to take over


@dataclass(eq=False)
class _Waiter:
    event: threading.Event = field(default_factory=threading.Event)
    slot: Slot | None = None


class Supervisor:
    """Owns the workers' lives; lends one idle worker per job through ``acquire``."""

    def __init__(self, options: PoolOptions, factory: WorkerFactory) -> None:
        self.options = options
        self._factory = factory
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)  # a slot changed state
        self._slots = [Slot(index) for index in range(options.size)]
        self._idle: deque[Slot] = deque()
        self._waiters: deque[_Waiter] = deque()
        self._reserved = 0  # places held by callers still validating and rendering (see ``reserve``)
        self._accepting = False
        self._stopping = threading.Event()
        self._threads: set[threading.Thread] = set()
        self._threads_lock = threading.Lock()  # _spawn runs with or without self._lock held
        self._workers: dict[Worker, Path] = {}  # every worker launched and not yet stopped
        self._recycle_queue: deque[Slot] = deque()
        self._recycling = False
        self._directory: Path | None = None
        self._average_conversion = 1.0
        self._average_start = 2.0

    @property
    def accepting(self) -> bool:
        return self._accepting

    # --- life cycle -------------------------------------------------------------------------------
    def start(self, directory: Path) -> None:
        """Start every slot's worker in the background; workers keep their files under ``directory``."""
        with self._lock:
            if self._directory is not None:
                raise RuntimeError("the supervisor was already started")
            self._directory, self._accepting = directory, True
            for slot in self._slots:
                self._spawn(self._run_start, slot)

    def wait_ready(self, timeout: float, every_worker: bool = False) -> bool:
        """Block until one worker (or ``every_worker``) is ready, or ``timeout`` passes; True if so."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                serving = sum(slot.state in SERVING for slot in self._slots)
                if serving == len(self._slots) or (serving and not every_worker):
                    return True
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self._stopping.is_set():
                    return False
                self._changed.wait(remaining)

    def stop(self, drain_timeout: float) -> bool:
        """Refuse new jobs, let running ones finish for ``drain_timeout`` s, then kill every worker.

        Returns True if every running job finished before the workers were killed. Idempotent.
        """
        with self._lock:
            if self._stopping.is_set():
                return True
            self._accepting = False
            for waiter in self._waiters:
                waiter.event.set()  # no slot attached: the waiter raises PoolUnavailable
            self._waiters.clear()
            deadline = time.monotonic() + drain_timeout
            while self._busy() and (remaining := deadline - time.monotonic()) > 0:
                self._changed.wait(remaining)
            drained = not self._busy()
            self._stopping.set()
            workers = list(self._workers.items())
            self._changed.notify_all()
        for worker, directory in workers:
            self._discard(worker, directory)
        with self._threads_lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(self.options.kill_timeout + self.options.start_timeout)
        with self._lock:
            for slot in self._slots:
                slot.state, slot.worker, slot.successor = WorkerState.DEAD, None, None
            self._idle.clear()
        return drained

    def _busy(self) -> bool:
        return any(slot.state is WorkerState.BUSY for slot in self._slots)

    # --- lending workers ------------------------------------------------------------------------
    def reserve(self) -> None:
        """Hold a place for a conversion to come, or raise PoolUnavailable at once when there is none.

        A place is a worker or a queue position: at most ``size + queue_limit`` are held, counting busy
        workers, waiting callers and other reservations. A caller reserves before it validates and
        renders, so that an overloaded pool refuses work before any of it is done; it then either
        ``acquire(reserved=True)`` (the place becomes its queue position) or ``release()``.
        """
        with self._lock:
            if not self._accepting:
                raise PoolUnavailable("the conversion pool is not running", retry_after=STOPPING_RETRY_AFTER)
            if self._places_taken() >= len(self._slots) + self.options.queue_limit:
                raise self._full()
            self._reserved += 1

    def refusal(self) -> PoolUnavailable | None:
        """The error ``reserve`` would raise now, or None when it would give a place; nothing is reserved.

        A peek for the HTTP front, which turns a request away on its event loop when there is no place
        (no thread, no app); one that passes still reserves for itself, and may still be refused."""
        with self._lock:
            if not self._accepting:
                return PoolUnavailable("the conversion pool is not running", retry_after=STOPPING_RETRY_AFTER)
            if self._places_taken() >= len(self._slots) + self.options.queue_limit:
                return self._full()
            return None

    def _places_taken(self) -> int:
        """Busy workers, waiting callers and reservations (lock held)."""
        busy = sum(slot.state is WorkerState.BUSY for slot in self._slots)
        return busy + len(self._waiters) + self._reserved

    def release(self) -> None:
        """Give back a place reserved and not used (the input was invalid, the answer is not a PDF)."""
        with self._lock:
            self._reserved = max(0, self._reserved - 1)

    def _full(self) -> PoolUnavailable:
        return PoolUnavailable(
            f"all {len(self._slots)} LibreOffice workers are busy and "
            f"{len(self._waiters) + self._reserved} conversions are waiting",
            retry_after=self._retry_after(),
        )

    def acquire(self, retry: bool = False, reserved: bool = False) -> Slot:
        """An idle slot, now busy; waits in FIFO order. A ``retry`` skips the queue limit (not the wait); a
        ``reserved`` caller uses the place ``reserve`` gave it (reservations count as waiting callers)."""
        dead: list[tuple[Worker, Path]] = []
        try:
            with self._lock:
                if reserved:
                    self._reserved = max(0, self._reserved - 1)
                if not self._accepting:
                    raise PoolUnavailable("the conversion pool is not running", retry_after=STOPPING_RETRY_AFTER)
                if not (retry or reserved) and self._places_taken() >= len(self._slots) + self.options.queue_limit:
                    raise self._full()  # the places left are promised to reserved callers
                slot = self._take_idle(dead)
                if slot is not None:
                    return slot
                if not (retry or reserved) and len(self._waiters) + self._reserved >= self.options.queue_limit:
                    raise self._full()
                waiter = _Waiter()
                self._waiters.append(waiter)
        finally:
            for old in dead:
                self._spawn(self._discard, *old)
        waiter.event.wait(self.options.queue_wait)
        with self._lock:
            if waiter.slot is not None:
                return waiter.slot
            with contextlib.suppress(ValueError):
                self._waiters.remove(waiter)
            if not self._accepting:
                raise PoolUnavailable("the conversion pool is stopping", retry_after=STOPPING_RETRY_AFTER)
            raise PoolUnavailable(
                f"no LibreOffice worker became free within {self.options.queue_wait:g} s",
                retry_after=self._retry_after(),
            )

    def finish(self, slot: Slot, worker: Worker, seconds: float) -> None:
        """The worker is done with a job and still sound: count it, maybe recycle, serve the next one."""
        rss = worker.rss_bytes()
        retired: list[tuple[Worker, Path]] = []
        with self._lock:
            slot.conversions += 1
            self._average_conversion += AVERAGE_WEIGHT * (seconds - self._average_conversion)
            too_big = rss is not None and rss > self.options.recycle_memory_mb * 2**20
            if not slot.recycle_due and (slot.conversions >= self.options.recycle_after or too_big):
                logger.info(
                    "worker %d due for recycling (%s)",
                    slot.index,
                    f"{rss / 2**20:.0f} MiB resident" if too_big else f"{slot.conversions} conversions",
                )
                slot.recycle_due = True
                self._recycle_queue.append(slot)
                if not self._recycling and self._accepting:
                    self._recycling = True
                    self._spawn(self._run_recycles)
            if slot.successor is not None:
                retired.append((worker, slot.directory or Path()))
                self._install(slot, *slot.successor)
            self._make_available(slot)
        for old in retired:
            self._spawn(self._discard, *old)

    def fail(self, slot: Slot, worker: Worker, reason: str) -> None:
        """The worker timed out or died: kill its process group now and replace it in the background."""
        logger.warning("worker %d (pid %s) %s; killing and replacing it", slot.index, worker.pid, reason)
        with self._lock:
            detached = self._detach(slot)
        for old in detached:
            self._discard(*old)

    def _take_idle(self, dead: list[tuple[Worker, Path]]) -> Slot | None:
        """An idle, healthy slot marked busy; idle slots found dead are detached into ``dead``."""
        while self._idle:
            slot = self._idle.popleft()
            if slot.worker is not None and slot.worker.healthy():
                slot.state = WorkerState.BUSY
                return slot
            logger.warning("worker %d died while idle; replacing it", slot.index)
            dead.extend(self._detach(slot))
        return None

    def _make_available(self, slot: Slot) -> None:
        """Give ``slot`` to the longest waiting caller, or put it back in the idle queue (lock held)."""
        if self._waiters:
            waiter = self._waiters.popleft()
            waiter.slot, slot.state = slot, WorkerState.BUSY
            waiter.event.set()
        else:
            slot.state = WorkerState.RECYCLING if slot.recycle_due else WorkerState.READY
            self._idle.append(slot)
        self._changed.notify_all()

    def _detach(self, slot: Slot) -> list[tuple[Worker, Path]]:
        """Take the slot's worker out (it is dead or about to be) and get a replacement (lock held)."""
        detached = [] if slot.worker is None else [(slot.worker, slot.directory or Path())]
        slot.worker, slot.directory, slot.state = None, None, WorkerState.DEAD
        with contextlib.suppress(ValueError):
            self._idle.remove(slot)
        if slot.successor is not None:
            self._install(slot, *slot.successor)
            self._make_available(slot)
        elif self._accepting:
            self._spawn(self._run_start, slot)
        self._changed.notify_all()
        return detached

    def _install(self, slot: Slot, worker: Worker, directory: Path) -> None:
        """Make ``worker`` the slot's process (lock held); the caller then makes the slot available."""
        slot.worker, slot.directory, slot.successor = worker, directory, None
        slot.conversions, slot.recycle_due, slot.start_failures = 0, False, 0
        slot.generation += 1

    # --- background: starting, restarting, recycling -----------------------------------------------
    def _run_start(self, slot: Slot) -> None:
        """Start a process for ``slot`` (first start or replacement), retrying with a back-off."""
        backoff = self.options.restart_backoff
        while True:
            with self._lock:
                if self._stopping.is_set() or slot.worker is not None:
                    return
                slot.state = WorkerState.STARTING
                self._changed.notify_all()
            launched = self._launch()
            if launched is not None:
                with self._lock:
                    if not self._stopping.is_set() and slot.worker is None:
                        self._install(slot, *launched)
                        self._make_available(slot)
                        return
                self._discard(*launched)
                return
            with self._lock:
                slot.state, slot.start_failures = WorkerState.DEAD, slot.start_failures + 1
                self._changed.notify_all()
            if self._stopping.wait(backoff):
                return
            backoff = min(backoff * 2, self.options.restart_backoff_max)

    def _run_recycles(self) -> None:
        """Start successors for the slots due for recycling, one at a time."""
        while True:
            with self._lock:
                slot = self._recycle_queue.popleft() if self._recycle_queue else None
                if slot is None or self._stopping.is_set():
                    self._recycling = False
                    return
                if not slot.recycle_due or slot.worker is None:
                    continue  # replaced meanwhile after a crash or timeout
            launched = self._launch()
            retired: list[tuple[Worker, Path]] = []
            with self._lock:
                if launched is None:
                    slot.recycle_due = False  # keep the old one; its next finished job asks again
                elif self._stopping.is_set() or slot.worker is None or not slot.recycle_due:
                    retired.append(launched)
                elif slot in self._idle:
                    self._idle.remove(slot)
                    retired.append((slot.worker, slot.directory or Path()))
                    self._install(slot, *launched)
                    self._make_available(slot)
                else:
                    slot.successor = launched  # busy: takes over when the running job ends
            for old in retired:
                self._discard(*old)

    def _launch(self) -> tuple[Worker, Path] | None:
        """A new, started worker in a new directory, or None (logged) if it did not start."""
        with self._lock:
            if self._stopping.is_set() or self._directory is None:
                return None
            directory = Path(tempfile.mkdtemp(prefix="worker-", dir=self._directory))
            worker = self._factory(directory)
            self._workers[worker] = directory
        began = time.monotonic()
        try:
            worker.start()
        except Exception:  # a supervisor must survive any start failure: logged, then retried
            if not self._stopping.is_set():  # else stop() killed it on purpose
                logger.exception("a conversion worker failed to start")
            self._discard(worker, directory)
            return None
        seconds = time.monotonic() - began
        with self._lock:
            self._average_start += AVERAGE_WEIGHT * (seconds - self._average_start)
        logger.info("conversion worker ready in %.2f s (pid %s)", seconds, worker.pid)
        return worker, directory

    def _discard(self, worker: Worker, directory: Path) -> None:
        """Kill a worker's processes and delete its directory."""
        worker.stop()
        remove_tree(directory)
        with self._lock:
            self._workers.pop(worker, None)

    def _spawn(self, target: Callable[..., None], *args: object) -> None:
        def run() -> None:
            try:
                target(*args)
            finally:
                with self._threads_lock:
                    self._threads.discard(thread)

        thread = threading.Thread(target=run, name=f"conversion{target.__name__}", daemon=True)
        with self._threads_lock:
            self._threads.add(thread)
        thread.start()

    # --- health ---------------------------------------------------------------------------------
    def _retry_after(self) -> int:
        """Seconds until a worker is likely free: the queue ahead over the serving workers (lock held)."""
        serving = sum(slot.state in SERVING for slot in self._slots)
        if serving == 0:
            return max(1, math.ceil(self._average_start))
        estimate = self._average_conversion * (len(self._waiters) + 1) / serving
        return max(1, min(math.ceil(estimate), math.ceil(self.options.queue_wait)))

    def health(self) -> PoolHealth:
        """A snapshot for ``/health``; also notices idle workers that died since their last job."""
        dead: list[tuple[Worker, Path]] = []
        with self._lock:
            for slot in list(self._idle):
                if slot.worker is not None and not slot.worker.healthy():
                    logger.warning("worker %d died while idle; replacing it", slot.index)
                    dead.extend(self._detach(slot))
            rows = [(slot.index, slot.state, slot.worker, slot.conversions, slot.generation) for slot in self._slots]
            waiting, accepting = len(self._waiters), self._accepting
            stuck = all(slot.start_failures >= self.options.max_start_failures for slot in self._slots)
        for old in dead:
            self._spawn(self._discard, *old)
        workers = []
        for index, state, worker, conversions, generation in rows:
            rss = None if worker is None else worker.rss_bytes()
            workers.append(
                WorkerHealth(
                    slot=index,
                    state=state,
                    conversions=conversions,
                    restarts=max(0, generation - 1),
                    pid=None if worker is None else worker.pid,
                    rss_mb=None if rss is None else round(rss / 2**20, 1),
                )
            )
        return PoolHealth(
            ready=accepting and any(row.state in SERVING for row in workers),
            live=accepting and not stuck,
            accepting=accepting,
            size=len(self._slots),
            waiting=waiting,
            workers=tuple(workers),
        )


def remove_tree(directory: Path) -> None:
    """Delete ``directory`` and everything in it; a failure is logged, not raised (cleanup must go on)."""
    if directory == Path():
        return
    try:
        shutil.rmtree(directory)
    except FileNotFoundError:
        pass
    except OSError as error:
        logger.warning("could not remove %s: %s", directory, error)
