"""A bounded load test of Kagaz on loopback: N document requests at concurrency C, and what they cost.

    python -m bench.load --requests 300 --concurrency 12            # starts `kagaz serve` on a free port
    python -m bench.load --url http://127.0.0.1:8000 --requests 50  # or loads a service already running

It reports the latency of each request (p50, p95, p99, max), the throughput, the failures by kind, the
readiness and liveness of the service polled all along, and the peak resident memory (the kernel's
high-water mark, ``VmHWM``) of the service's processes and of every ``soffice.bin`` it started; it prints a
table and writes the same as JSON. A 503 with ``Retry-After`` is a deliberate answer (the queue is full)
and is counted apart; anything else that is not a 200 with a PDF (or DOCX) is an unexpected failure, and
``/health/live`` failing even once means the service was dead. The exit status is 1 in either case.

Self-contained on purpose (only the standard library): the benchmark and the test suite reuse
``run_load`` against any base URL, and ``serve_in_process`` runs an app (with a shared pool) in a thread.
The loop is bounded in count and time and talks to loopback only.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import math
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from service.conversion import processes

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "action_plan.json"
MAGIC = {"pdf": b"%PDF-", "docx": b"PK\x03\x04"}
DELIBERATE = "busy (503 + Retry-After)"


@dataclass(frozen=True)
class Outcome:
    """One request: its status (0 when no answer came), how long it took, and what kind of result it was."""

    status: int
    seconds: float
    kind: str  # "ok", DELIBERATE, "HTTP 500", "not a pdf", "ConnectionRefusedError" …


@dataclass
class ProcessPeak:
    pid: int
    role: str  # "service", "unoserver", "soffice"
    name: str
    peak_mb: float


@dataclass
class LoadReport:
    url: str
    document: str
    format: str
    requests: int
    concurrency: int
    wall_seconds: float
    ok: int
    throughput_per_second: float
    latency_ms: dict[str, float]
    failures: dict[str, int]
    deliberate_503: int
    unexpected_failures: int
    health: dict[str, int]
    memory: dict[str, Any] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.unexpected_failures == 0 and self.health["live_failures"] == 0


# --- the client -----------------------------------------------------------------------------------------
def request(url: str, method: str = "GET", body: bytes | None = None, timeout: float = 120) -> tuple[int, dict, bytes]:
    """One HTTP request on a fresh loopback connection: status, headers (lower-case names), body."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=timeout)
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        connection.request(method, parts.path + (f"?{parts.query}" if parts.query else ""), body, headers)
        response = connection.getresponse()
        return response.status, {name.lower(): value for name, value in response.getheaders()}, response.read()
    finally:
        connection.close()


def one(url: str, body: bytes, fmt: str, timeout: float) -> Outcome:
    started = time.perf_counter()
    try:
        status, headers, content = request(url, "POST", body, timeout)
    except (OSError, http.client.HTTPException) as error:
        return Outcome(0, time.perf_counter() - started, type(error).__name__)
    elapsed = time.perf_counter() - started
    if status == 200:
        return Outcome(status, elapsed, "ok" if content.startswith(MAGIC[fmt]) else f"not a {fmt}")
    if status == 503 and "retry-after" in headers:
        return Outcome(status, elapsed, DELIBERATE)
    return Outcome(status, elapsed, f"HTTP {status}")


class HealthWatch:
    """Polls ``/health/live`` and ``/health`` until stopped; counts every answer that was not "alive"."""

    def __init__(self, base: str, interval: float = 0.25) -> None:
        self.base, self.interval = base, interval
        self.counts = Counter({"samples": 0, "live_failures": 0, "not_ready": 0, "pool_not_live": 0})
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kagaz-load-health", daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.counts["samples"] += 1
            try:
                live, _headers, _body = request(self.base + "/health/live", timeout=10)
                status, _headers, body = request(self.base + "/health", timeout=10)
            except (OSError, http.client.HTTPException):
                self.counts["live_failures"] += 1
            else:
                self.counts["live_failures"] += live != 200
                self.counts["not_ready"] += status != 200
                with contextlib.suppress(ValueError, AttributeError):
                    pool = json.loads(body).get("libreoffice")
                    self.counts["pool_not_live"] += isinstance(pool, dict) and pool.get("live") is False
            self._stop.wait(self.interval)

    def __enter__(self) -> HealthWatch:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=15)


# --- memory, from /proc -----------------------------------------------------------------------------------
def _role(info: processes.ProcessInfo) -> str:
    """soffice (``soffice.bin``), unoserver (the Python driving it), helper (``oosplash``…) or service."""
    if info.name == "soffice.bin":
        return "soffice"
    if "unoserver" in processes.command_line(info.pid):
        return "unoserver"
    return "service" if info.name.startswith(("python", "kagaz", "pytest")) else "helper"


class MemoryWatch:
    """Samples the service's process tree; keeps each process's high-water mark and the largest sum of
    ``soffice.bin`` resident memory seen at one moment (processes recycled mid-run are kept too)."""

    def __init__(self, root: int, interval: float = 0.2) -> None:
        self.root, self.interval = root, interval
        self.peaks: dict[int, ProcessPeak] = {}
        self.soffice_total_peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kagaz-load-memory", daemon=True)

    def sample(self) -> None:
        soffice_now = 0.0
        for info in processes.descendants(self.root):
            peak_kb = processes.status_kb(info.pid, "VmHWM")
            if peak_kb is None:
                continue  # gone, or a zombie
            peak = peak_kb / 1024
            known = self.peaks.setdefault(info.pid, ProcessPeak(info.pid, _role(info), info.name, peak))
            known.peak_mb = max(known.peak_mb, peak)
            if known.role == "soffice":
                soffice_now += (processes.status_kb(info.pid, "VmRSS") or 0) / 1024
        self.soffice_total_peak_mb = max(self.soffice_total_peak_mb, soffice_now)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def summary(self) -> dict[str, Any]:
        by_role: dict[str, list[ProcessPeak]] = {}
        for peak in self.peaks.values():
            by_role.setdefault(peak.role, []).append(peak)

        def largest(role: str) -> float:
            return round(max((peak.peak_mb for peak in by_role.get(role, [])), default=0.0), 1)

        return {
            "service_peak_mb": largest("service"),
            "soffice_peak_mb": largest("soffice"),
            "soffice_processes": len(by_role.get("soffice", [])),
            "soffice_total_peak_mb": round(self.soffice_total_peak_mb, 1),
            "processes": [asdict(peak) | {"peak_mb": round(peak.peak_mb, 1)} for peak in self.peaks.values()],
        }

    def __enter__(self) -> MemoryWatch:
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=15)
        self.sample()


# --- the run ------------------------------------------------------------------------------------------------
def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``share`` of the values at or below it."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    rank = math.ceil(round(share * len(ordered), 9))  # round: 0.95 × 100 is 95.00000000000001 in floats
    return ordered[min(len(ordered), max(rank, 1)) - 1]


def run_load(
    base: str,
    requests: int = 300,
    concurrency: int = 12,
    document: str = "action-plan",
    fmt: str = "pdf",
    body: bytes | None = None,
    service_pid: int | None = None,
    timeout: float = 120,
    deadline: float = 1800,
) -> LoadReport:
    """Send ``requests`` POSTs of ``body`` (the sample plan) at ``concurrency``, watching health and memory.

    ``service_pid``: the process whose tree is measured (the ``kagaz serve`` process, or this one when the
    app runs in-process). ``deadline`` bounds the whole run in seconds; requests not started by then are
    counted as "not sent"."""
    body = SAMPLE.read_bytes() if body is None else body
    url = f"{base}/api/v1/documents/{document}?format={fmt}"
    stop_at = time.monotonic() + deadline

    def bounded(_index: int) -> Outcome:
        return one(url, body, fmt, timeout) if time.monotonic() < stop_at else Outcome(0, 0.0, "not sent")

    memory = MemoryWatch(service_pid or os.getpid())
    with memory, HealthWatch(base) as health, ThreadPoolExecutor(concurrency, "kagaz-load") as executor:
        started = time.perf_counter()
        outcomes = list(executor.map(bounded, range(requests)))
        wall = time.perf_counter() - started
    kinds = Counter(outcome.kind for outcome in outcomes)
    ok = [outcome.seconds * 1000 for outcome in outcomes if outcome.kind == "ok"]
    failures = {kind: count for kind, count in kinds.items() if kind != "ok"}
    return LoadReport(
        url=url,
        document=document,
        format=fmt,
        requests=requests,
        concurrency=concurrency,
        wall_seconds=round(wall, 2),
        ok=len(ok),
        throughput_per_second=round(len(ok) / wall, 2) if wall else 0.0,
        latency_ms={
            "p50": round(percentile(ok, 0.50), 1),
            "p95": round(percentile(ok, 0.95), 1),
            "p99": round(percentile(ok, 0.99), 1),
            "max": round(max(ok, default=0.0), 1),
            "mean": round(statistics.fmean(ok), 1) if ok else 0.0,
        },
        failures=failures,
        deliberate_503=failures.get(DELIBERATE, 0),
        unexpected_failures=sum(count for kind, count in failures.items() if kind != DELIBERATE),
        health=dict(health.counts),
        memory=memory.summary(),
    )


def table(report: LoadReport) -> str:
    """The report as a plain two-column table (no colour: it goes to logs and CI output too)."""
    memory = report.memory
    rows = [
        ("requests × concurrency", f"{report.requests} × {report.concurrency} ({report.document}, {report.format})"),
        ("wall time", f"{report.wall_seconds:.2f} s"),
        ("ok / throughput", f"{report.ok} / {report.throughput_per_second:.2f} per s"),
        ("latency p50 / p95", f"{report.latency_ms['p50']:.0f} / {report.latency_ms['p95']:.0f} ms"),
        ("latency p99 / max", f"{report.latency_ms['p99']:.0f} / {report.latency_ms['max']:.0f} ms"),
        ("deliberate 503", str(report.deliberate_503)),
        ("unexpected failures", str(report.unexpected_failures)),
        *((f"  {kind}", str(count)) for kind, count in sorted(report.failures.items()) if kind != DELIBERATE),
        ("health samples", str(report.health["samples"])),
        ("  live failures (dead)", str(report.health["live_failures"])),
        ("  not ready", str(report.health["not_ready"])),
        ("service peak RSS", f"{memory.get('service_peak_mb', 0):.0f} MiB"),
        ("soffice peak RSS (one)", f"{memory.get('soffice_peak_mb', 0):.0f} MiB"),
        ("soffice peak RSS (all)", f"{memory.get('soffice_total_peak_mb', 0):.0f} MiB"),
        ("soffice processes seen", str(memory.get("soffice_processes", 0))),
    ]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name.ljust(width)}  {value}" for name, value in rows)


# --- the service under test ------------------------------------------------------------------------------
@contextlib.contextmanager
def serve_subprocess(
    pool_size: int | None = None,
    ready_timeout: float = 180,
    ready_path: str = "/health",
    environment: dict[str, str] | None = None,
) -> Iterator[tuple[str, int]]:
    """``kagaz serve`` on a free loopback port with a fresh data dir; yields (base URL, its pid) once
    ``ready_path`` answers 200, and stops it with SIGTERM (its own graceful shutdown), killing it only if
    that takes too long. ``environment``: more ``KAGAZ_*`` variables."""
    port = processes.free_port()
    data_dir = Path(tempfile.mkdtemp(prefix="kagaz-load-"))
    environment = {**os.environ, "KAGAZ_DATA_DIR": str(data_dir), "KAGAZ_AUTH_REQUIRED": "false", **(environment or {})}
    if pool_size:
        environment["KAGAZ_POOL_SIZE"] = str(pool_size)
    command = [sys.executable, "-m", "service.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    with (data_dir / "serve.log").open("wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        give_up = time.monotonic() + ready_timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"kagaz serve exited with {process.returncode}; see {data_dir / 'serve.log'}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                if request(base + ready_path, timeout=5)[0] == 200:
                    break
            if time.monotonic() > give_up:
                raise RuntimeError(f"kagaz serve was not ready in {ready_timeout:.0f} s; see {data_dir / 'serve.log'}")
            time.sleep(0.5)
        yield base, process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    shutil.rmtree(data_dir, ignore_errors=True)  # kept (with serve.log) when the service failed to start


@contextlib.contextmanager
def serve_in_process(app: Any) -> Iterator[str]:
    """The WSGI ``app`` under a threaded werkzeug server on a free loopback port, in a thread of this process."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="kagaz-load-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=15)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=12)
    parser.add_argument("--document", default="action-plan")
    parser.add_argument("--format", choices=sorted(MAGIC), default="pdf")
    parser.add_argument("--input", type=Path, default=SAMPLE, help="the JSON body (default: the sample plan)")
    parser.add_argument("--url", help="load this running service instead of starting `kagaz serve`")
    parser.add_argument("--pid", type=int, help="with --url: the service's pid, to measure its memory")
    parser.add_argument("--pool-size", type=int, help="KAGAZ_POOL_SIZE of the started service")
    parser.add_argument("--deadline", type=float, default=1800, help="bound on the whole run, in seconds")
    parser.add_argument("--json", type=Path, default=ROOT / "test-artifacts" / "load.json", help="where to write")
    options = parser.parse_args(argv)
    body = options.input.read_bytes()
    arguments = dict(requests=options.requests, concurrency=options.concurrency, document=options.document)
    arguments |= dict(fmt=options.format, body=body, deadline=options.deadline)
    if options.url:
        report = run_load(options.url.rstrip("/"), service_pid=options.pid, **arguments)  # type: ignore[arg-type]
    else:
        with serve_subprocess(options.pool_size) as (base, pid):
            report = run_load(base, service_pid=pid, **arguments)  # type: ignore[arg-type]
    print(table(report))
    options.json.parent.mkdir(parents=True, exist_ok=True)
    options.json.write_text(json.dumps(asdict(report), ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nwritten to {options.json}")
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main())
