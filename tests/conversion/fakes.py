"""A fake worker for the pool's logic tests: implements ``protocol.Worker`` in-process, in milliseconds.

What a fake conversion does is decided by the document's bytes, so that a test reads like its scenario:

``b"ok"`` (anything else)  converts after ``Script.convert_seconds``
``b"hang"``                never answers: ``ConversionTimeout`` at the timeout (or ``WorkerCrashed`` if killed)
``b"crash-once"``          the first worker that sees it dies (``WorkerCrashed``); the next one converts it
``b"crash"``               every worker that sees it dies
``b"bad"``                 ``ConversionFailed``: a document LibreOffice cannot load; the worker stays sound

Every fake records what happened to it, and the ``Script`` records what happened to all of them, so that
tests can assert on it (never two conversions at once in one worker, who was stopped, ...).
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from service.conversion.protocol import WorkerCrashed, WorkerStartFailed
from service.errors import ConversionFailed, ConversionTimeout

MIB = 2**20


@dataclass
class Script:
    """The behaviour shared by every fake worker of one test, and what they did."""

    start_seconds: float = 0.0
    convert_seconds: float = 0.0
    failing_starts: int = 0  # the next N starts raise WorkerStartFailed
    rss_start_mb: int = 100
    rss_growth_mb: int = 0  # per conversion
    workers: list[FakeWorker] = field(default_factory=list)
    attempts: list[tuple[int, bytes]] = field(default_factory=list)  # (worker id, document) per convert
    crashed_documents: set[bytes] = field(default_factory=set)
    in_flight: int = 0
    most_in_flight: int = 0
    overlaps: int = 0  # conversions that began while their worker was already converting
    lock: threading.Lock = field(default_factory=threading.Lock)
    release: threading.Event = field(default_factory=threading.Event)  # lets a b"hold" conversion finish
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def factory(self, directory: Path) -> FakeWorker:
        worker = FakeWorker(next(self._ids), directory, self)
        with self.lock:
            self.workers.append(worker)
        return worker

    def started(self) -> list[FakeWorker]:
        with self.lock:
            return [worker for worker in self.workers if worker.ready]


class FakeWorker:
    """One fake converter process."""

    def __init__(self, identity: int, directory: Path, script: Script) -> None:
        self.identity = identity
        self.directory = directory
        self.script = script
        self.ready = False
        self.alive = False
        self.killed = threading.Event()
        self.converting = 0
        self.conversions = 0
        self.rss = script.rss_start_mb * MIB
        (directory / "profile").mkdir()  # like the real worker, it leaves files for the pool to delete

    def start(self) -> None:
        with self.script.lock:
            fail = self.script.failing_starts > 0
            self.script.failing_starts -= 1 if fail else 0
        if self.killed.wait(self.script.start_seconds):
            raise WorkerStartFailed("stopped while starting")
        if fail:
            raise WorkerStartFailed("scripted start failure")
        self.alive = self.ready = True

    def stop(self) -> None:
        self.alive = False
        self.killed.set()

    def convert(self, in_path: Path, out_path: Path, timeout: float, filter_options: Sequence[str] = ()) -> None:
        document = in_path.read_bytes()
        script = self.script
        with script.lock:
            script.attempts.append((self.identity, document))
            self.converting += 1
            script.overlaps += self.converting > 1
            script.in_flight += 1
            script.most_in_flight = max(script.most_in_flight, script.in_flight)
        try:
            self._convert(document, out_path, timeout)
        finally:
            with script.lock:
                self.converting -= 1
                script.in_flight -= 1

    def _convert(self, document: bytes, out_path: Path, timeout: float) -> None:
        if document == b"hold":  # busy until the test says so: no race with the test's own pace
            assert self.script.release.wait(30), "the test never released the held conversion"
        if document == b"hang":
            if self.killed.wait(timeout):
                raise WorkerCrashed("killed while hanging")
            raise ConversionTimeout(f"no answer within {timeout} s")
        crash = document == b"crash"
        if document == b"crash-once":
            with self.script.lock:
                crash = document not in self.script.crashed_documents
                self.script.crashed_documents.add(document)
        if crash:
            self.alive = False
            raise WorkerCrashed("scripted crash")
        if document == b"bad":
            raise ConversionFailed("scripted: LibreOffice could not load the document")
        if self.killed.wait(self.script.convert_seconds):
            raise WorkerCrashed("killed during the conversion")
        out_path.write_bytes(b"%PDF-fake " + document)
        self.conversions += 1
        self.rss += self.script.rss_growth_mb * MIB

    def healthy(self) -> bool:
        return self.alive

    @property
    def pid(self) -> int | None:
        return 10_000 + self.identity if self.ready else None

    def rss_bytes(self) -> int | None:
        return self.rss if self.alive else None
