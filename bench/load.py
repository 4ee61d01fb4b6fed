"""A bounded load test of Kagaz on loopback: N document requests at concurrency C, and what they cost.

    python -m bench.load --requests 300 --concurrency 12            # starts `kagaz serve` on a free port
    python -m bench.load --url http://127.0.0.1:8000 --requests 50  # or loads a service already running

It reports the latency of each request (p50, p95, p99, max), the throughput, the failures by kind, the
readiness and liveness of the service polled all along, and the peak resident memory (the kernel's
high-water mark, ``VmHWM``) of the service's processes and of every ``soffice.bin`` it started; it prints a
table and writes the same as JSON. A 503 with ``Retry-After`` is a deliberate answer (the queue is full)
and is counted apart; anything else that is not a 200 with a PDF (or DOCX) is an unexpected failure, and
``/health/live`` failing even once means the service was dead. The exit status is 1 in either case.

Each simulated client keeps its connection alive and, after a 503, waits ``Retry-After`` with jitter
(``--backoff none``: asks again at once), and a request's time ends when the kernel received its answer's
last byte (``bench.client``). When the benchmark starts the service, the generator runs in a process of its
own at a lower priority (``bench.overload``); each run reports the CPU the generator, the service process
and the whole machine used, and the load average.

Small on purpose (the standard library and h11, which the service's front uses): the benchmark and the test
suite reuse ``run_load`` against any base URL, and ``serve_in_process`` runs an app (with a shared pool) in
a thread. The loop is bounded in count and time and talks to loopback only.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import itertools
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

from bench import overload
from bench.client import DELIBERATE, MAGIC, Backoff, Client, Outcome
from bench.watch import CpuWatch, HealthWatch, MemoryWatch, request
from service.conversion import processes

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "action_plan.json"


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
    refused_ms: dict[str, float]  # how long a deliberate 503 took: admission refuses before any work
    unexpected_failures: int
    health: dict[str, int]
    memory: dict[str, Any] = field(default_factory=dict)
    backoff: str = Backoff.HONOUR.value
    # CPU: the generator's own (this process: the service's too when it runs in-process), the service
    # process's (without LibreOffice), the machine's busy share over all cores, and the load average.
    cpu: dict[str, Any] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.unexpected_failures == 0 and self.health["live_failures"] == 0


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
    duration: float | None = None,
    backoff: Backoff | str = Backoff.HONOUR,
) -> LoadReport:
    """Send ``requests`` POSTs of ``body`` (the sample plan) at ``concurrency``, watching health and memory.

    ``service_pid``: the process whose tree is measured (the ``kagaz serve`` process, or this one when the
    app runs in-process). ``deadline`` bounds the whole run in seconds; requests not started by then are
    counted as "not sent". With ``duration``, each of the ``concurrency`` clients sends one request after
    another for that many seconds instead (``requests`` is ignored): an overloaded service is then judged
    on the documents it made in the same time, whatever it refused. Each client keeps its connection
    alive and, after a 503, waits as ``backoff`` says (``bench.client``)."""
    body = SAMPLE.read_bytes() if body is None else body
    backoff = Backoff(backoff)
    url = f"{base}/api/v1/documents/{document}?format={fmt}"
    stop_at = time.monotonic() + (duration if duration is not None else deadline)
    answered = itertools.count()
    done = [0]
    local = threading.local()
    clients: list[Client] = []

    def own_client() -> Client:
        if not hasattr(local, "client"):
            local.client = Client(url, body, fmt, timeout, backoff)
            clients.append(local.client)
        return local.client

    def bounded(_index: int) -> Outcome:
        if time.monotonic() >= stop_at:
            return Outcome(0, 0.0, "not sent")
        client = own_client()
        outcome = client.send()
        done[0] = next(answered) + 1
        client.pause(outcome, stop_at)
        return outcome

    def loop(_index: int) -> list[Outcome]:
        client, outcomes = own_client(), []
        while time.monotonic() < stop_at:
            outcomes.append(outcome := client.send())
            done[0] = next(answered) + 1
            client.pause(outcome, stop_at)
        return outcomes

    memory = MemoryWatch(service_pid or os.getpid(), progress=lambda: done[0])
    with (
        memory,
        HealthWatch(base) as health,
        CpuWatch(service_pid) as cpu,
        ThreadPoolExecutor(concurrency, "kagaz-load") as executor,
    ):
        started = time.perf_counter()
        if duration is None:
            outcomes = list(executor.map(bounded, range(requests)))
        else:
            outcomes = [outcome for batch in executor.map(loop, range(concurrency)) for outcome in batch]
            requests = len(outcomes)
        wall = time.perf_counter() - started
    for client in clients:
        client.close()
    kinds = Counter(outcome.kind for outcome in outcomes)
    ok = [outcome.seconds * 1000 for outcome in outcomes if outcome.kind == "ok"]
    refused = [outcome.seconds * 1000 for outcome in outcomes if outcome.kind == DELIBERATE]
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
        refused_ms={
            "p50": round(percentile(refused, 0.50), 1),
            "p95": round(percentile(refused, 0.95), 1),
            "p99": round(percentile(refused, 0.99), 1),
            "max": round(max(refused, default=0.0), 1),
        },
        unexpected_failures=sum(count for kind, count in failures.items() if kind != DELIBERATE),
        health=dict(health.counts),
        memory=memory.summary(),
        backoff=backoff.value,
        cpu=cpu.summary,
    )


def table(report: LoadReport) -> str:
    """The report as a plain two-column table (no colour: it goes to logs and CI output too)."""
    memory, wall = report.memory, max(report.wall_seconds, 1e-9)
    rows = [
        ("requests × concurrency", f"{report.requests} × {report.concurrency} ({report.document}, {report.format})"),
        ("wall time", f"{report.wall_seconds:.2f} s"),
        ("ok (200) / good throughput", f"{report.ok} / {report.throughput_per_second:.2f} per s"),
        ("200 latency p50 / p95", f"{report.latency_ms['p50']:.0f} / {report.latency_ms['p95']:.0f} ms"),
        ("200 latency p99 / max", f"{report.latency_ms['p99']:.0f} / {report.latency_ms['max']:.0f} ms"),
        ("deliberate 503 (count)", f"{report.deliberate_503} ({report.deliberate_503 / wall:.0f} per s)"),
        ("503 latency p50 / p95", f"{report.refused_ms['p50']:.1f} / {report.refused_ms['p95']:.1f} ms"),
        ("503 latency p99 / max", f"{report.refused_ms.get('p99', 0):.1f} / {report.refused_ms.get('max', 0):.1f} ms"),
        ("after a 503, the client", BACKOFF_SAID[report.backoff]),
        ("unexpected failures", str(report.unexpected_failures)),
        *((f"  {kind}", str(count)) for kind, count in sorted(report.failures.items()) if kind != DELIBERATE),
        ("health samples", str(report.health["samples"])),
        ("  live failures (dead)", str(report.health["live_failures"])),
        ("  not ready", str(report.health["not_ready"])),
        ("service peak RSS", f"{memory.get('service_peak_mb', 0):.0f} MiB"),
        ("soffice peak RSS (one)", f"{memory.get('soffice_peak_mb', 0):.0f} MiB"),
        ("soffice peak RSS (all)", f"{memory.get('soffice_total_peak_mb', 0):.0f} MiB"),
        ("soffice processes seen", str(memory.get("soffice_processes", 0))),
        (
            "service RSS start → end",
            f"{memory.get('service_rss_start_mb', 0):.0f} → {memory.get('service_rss_end_mb', 0):.0f} MiB",
        ),
        ("  growth, whole run", f"{memory.get('service_growth_kb_per_request')} KiB/request"),
        (
            f"  growth, last {memory.get('service_growth_tail_requests')}",
            f"{memory.get('service_growth_tail_kb_per_request')} KiB/request",
        ),
        *cpu_rows(report.cpu),
    ]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name.ljust(width)}  {value}" for name, value in rows)


BACKOFF_SAID = {
    Backoff.HONOUR.value: "waits Retry-After × 1.0-1.5 (jitter)",
    Backoff.NONE.value: "asks again at once (ignores Retry-After)",
}


def cpu_rows(cpu: dict[str, Any]) -> list[tuple[str, str]]:
    if not cpu:
        return []
    service = "in this process" if cpu["service_seconds"] is None else f"{cpu['service_seconds']:.1f} s"
    service += "" if cpu["service_cores"] is None else f" ({cpu['service_cores']:.2f} cores)"
    pinned = "all" if len(cpu["generator_cpus"]) == cpu["machine_cores"] else ",".join(map(str, cpu["generator_cpus"]))
    return [
        (
            "generator CPU",
            f"{cpu['generator_seconds']:.1f} s ({cpu['generator_cores']:.2f} cores; nice {cpu['generator_nice']}, "
            f"CPUs {pinned})",
        ),
        ("service process CPU", service),
        ("machine busy (all cores)", f"{cpu['machine_busy_share']:.0%} of {cpu['machine_cores']} cores"),
        ("load average start → end", f"{cpu['load_average_start']:.2f} → {cpu['load_average_end']:.2f}"),
    ]


# --- the service under test ------------------------------------------------------------------------------
@contextlib.contextmanager
def serve_subprocess(
    pool_size: int | None = None,
    ready_timeout: float = 180,
    ready_path: str = "/health",
    environment: dict[str, str] | None = None,
    data_dir: Path | None = None,
) -> Iterator[tuple[str, int]]:
    """``kagaz serve`` on a free loopback port; yields (base URL, its pid) once ``ready_path`` answers 200,
    and stops it with SIGTERM (its own graceful shutdown), killing it only if that takes too long.
    ``environment``: more ``KAGAZ_*`` variables. ``data_dir``: the service's data folder, kept (a test's
    machines share a store and read each other's keys); by default a fresh one, removed after a clean run.
    The service's output goes to ``serve.log`` there; a start that fails says its last lines."""
    fresh = data_dir is None
    folder = Path(tempfile.mkdtemp(prefix="kagaz-load-")) if data_dir is None else data_dir
    folder.mkdir(parents=True, exist_ok=True)
    port = processes.free_port()
    environment = {**os.environ, "KAGAZ_DATA_DIR": str(folder), "KAGAZ_AUTH_REQUIRED": "false", **(environment or {})}
    if pool_size:
        environment["KAGAZ_POOL_SIZE"] = str(pool_size)
    command = [sys.executable, "-m", "service.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    log_path = folder / "serve.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        give_up = time.monotonic() + ready_timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"kagaz serve exited with {process.returncode}; {_log_tail(log_path)}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                if request(base + ready_path, timeout=5)[0] == 200:
                    break
            if time.monotonic() > give_up:
                raise RuntimeError(f"kagaz serve was not ready in {ready_timeout:.0f} s; {_log_tail(log_path)}")
            time.sleep(0.5)
        yield base, process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    if fresh:
        shutil.rmtree(folder, ignore_errors=True)  # kept (with serve.log) when the service failed to start


def _log_tail(path: Path, lines: int = 40) -> str:
    """Where the service's log is, and its last lines: why it did not start, in the error itself."""
    tail = path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
    return f"see {path}:\n" + "\n".join(tail)


@contextlib.contextmanager
def serve_in_process(app: Any) -> Iterator[str]:
    """The WSGI ``app`` behind ``kagaz serve``'s own front (``service.server``), in a thread of this process."""
    from service.server import Running, ServerLimits

    with Running(app, ServerLimits.from_settings(app.config["KAGAZ"])) as base:
        yield base


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
    parser.add_argument("--queue-limit", type=int, help="KAGAZ_QUEUE_LIMIT of the started service")
    parser.add_argument(
        "--compare",
        action="store_true",
        help="run twice: with a queue as long as the concurrency (nothing refused), then with --queue-limit "
        "(default 2); report the 503s' latency and good throughput against the first run",
    )
    parser.add_argument(
        "--rounds", type=int, default=1, help="--compare: this many pairs of runs, alternating (the machine drifts)"
    )
    parser.add_argument("--deadline", type=float, default=1800, help="bound on the whole run, in seconds")
    parser.add_argument(
        "--duration", type=float, help="send for this many seconds instead of --requests (--compare: 60 per run)"
    )
    parser.add_argument(
        "--backoff",
        choices=[choice.value for choice in Backoff],
        default=Backoff.HONOUR.value,
        help="after a 503: honour Retry-After with jitter (default), or none: ask again at once (the worst case)",
    )
    parser.add_argument(
        "--generator-nice",
        type=int,
        default=overload.GENERATOR_NICE,
        help="the load generator's niceness (it runs in a process of its own; 0: as the service)",
    )
    parser.add_argument(
        "--generator-cpus", help="pin the load generator to these CPUs (e.g. 1 or 0,1); default: unpinned"
    )
    parser.add_argument("--json", type=Path, default=ROOT / "test-artifacts" / "load.json", help="where to write")
    options = parser.parse_args(argv)
    body = options.input.read_bytes()
    arguments: dict[str, Any] = dict(requests=options.requests, concurrency=options.concurrency)
    arguments |= dict(document=options.document, fmt=options.format, body=body, deadline=options.deadline)
    arguments["backoff"] = options.backoff
    if options.duration or options.compare:
        arguments["duration"] = options.duration or 60.0
    generator = overload.Generator(options.generator_nice, overload.parse_cpus(options.generator_cpus))

    def started(queue_limit: int | None) -> LoadReport:
        environment = {"KAGAZ_QUEUE_LIMIT": str(queue_limit)} if queue_limit is not None else {}
        with serve_subprocess(options.pool_size, environment=environment) as (base, pid):
            return generator.run(base, pid, arguments)

    result: dict[str, Any]
    if options.url:
        generator.lower_own()  # this process is the generator: a running service is not our child
        report = run_load(options.url.rstrip("/"), service_pid=options.pid, **arguments)
        result = asdict(report)
    elif options.compare:
        queue_limit = options.queue_limit if options.queue_limit is not None else 2
        pairs = []
        for number in range(1, options.rounds + 1):
            unthrottled = started(options.concurrency)
            print(f"round {number}, unthrottled (queue as long as the concurrency):\n{table(unthrottled)}\n")
            report = started(queue_limit)
            print(f"round {number}, throttled (KAGAZ_QUEUE_LIMIT={queue_limit}):\n{table(report)}\n")
            pairs.append((unthrottled, report))
            print(overload.said(overload.compared(unthrottled, report, queue_limit)) + "\n")
        result = overload.rounds(pairs, queue_limit)
        if len(pairs) > 1:
            print(overload.said(result["admission"], f"median of {len(pairs)} rounds") + "\n")
        report = pairs[-1][1]
    else:
        report = started(options.queue_limit)
        result = asdict(report)
    if not options.compare:
        print(table(report))
    options.json.parent.mkdir(parents=True, exist_ok=True)
    options.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"written to {options.json}")
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main())
