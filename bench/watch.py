"""What the load test watches while it runs: the service's health, CPU, and its process tree's memory.

``HealthWatch`` polls ``/health/live`` and ``/health``; ``CpuWatch`` measures the CPU the generator (this
process, its health and memory sampling included), the service process and the whole machine used, and the
load average at both ends, so that a figure taken on a shared machine says how shared it was;
``MemoryWatch`` keeps each process's high-water mark and, for the service process, a timeline of its
resident memory against the requests answered so far, from which ``growth_per_request`` says whether the
service levels off (issue 17: under 0.5 KB per request over the last 2,000 of a 5,000-request run).
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import resource
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlsplit

from bench import procs
from service.conversion import processes


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


@dataclass
class ProcessPeak:
    pid: int
    role: str  # "service", "unoserver", "soffice"
    name: str
    peak_mb: float


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


# --- CPU, from /proc and getrusage ----------------------------------------------------------------------
class CpuWatch:
    """CPU seconds spent during a run: by this process (the generator), by the service process, and by the
    whole machine (its busy share of every core), with the load average at both ends."""

    def __init__(self, service_pid: int | None) -> None:
        self.service_pid = service_pid if service_pid != os.getpid() else None

    def __enter__(self) -> CpuWatch:
        self.load_start = os.getloadavg()[0]
        self.own = resource.getrusage(resource.RUSAGE_SELF)
        self.service = procs.cpu_seconds(self.service_pid) if self.service_pid else None
        self.machine = procs.machine_cpu()
        self.started = time.perf_counter()
        return self

    def __exit__(self, *_exc: object) -> None:
        wall = max(time.perf_counter() - self.started, 1e-9)
        own = resource.getrusage(resource.RUSAGE_SELF)
        busy, total = (now - before for now, before in zip(procs.machine_cpu(), self.machine, strict=True))
        generator = own.ru_utime - self.own.ru_utime + own.ru_stime - self.own.ru_stime
        service_now = procs.cpu_seconds(self.service_pid) if self.service_pid else None
        service = service_now - self.service if service_now is not None and self.service is not None else None
        self.summary = {
            "generator_seconds": round(generator, 2),
            "generator_cores": round(generator / wall, 2),  # 1.0: one core busy all along
            "generator_nice": os.getpriority(os.PRIO_PROCESS, 0),
            "generator_cpus": sorted(os.sched_getaffinity(0)),
            "service_seconds": None if service is None else round(service, 2),
            "service_cores": None if service is None else round(service / wall, 2),
            "machine_busy_share": round(busy / total, 3) if total else None,
            "machine_cores": os.cpu_count(),
            "load_average_start": round(self.load_start, 2),
            "load_average_end": round(os.getloadavg()[0], 2),
        }


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

    def __init__(self, root: int, interval: float = 0.2, progress: Callable[[], int] | None = None) -> None:
        self.root, self.interval = root, interval
        self.peaks: dict[int, ProcessPeak] = {}
        self.soffice_total_peak_mb = 0.0
        self.progress = progress  # requests answered so far, for the service's memory timeline
        self.timeline: list[tuple[int, float]] = []  # (requests answered, the root process's VmRSS in KiB)
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
        if self.progress is not None:
            rss = processes.status_kb(self.root, "VmRSS")
            if rss is not None:
                self.timeline.append((self.progress(), float(rss)))

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
        } | self.growth()

    def growth(self) -> dict[str, Any]:
        """The service's resident memory at the start and the end, and its growth per request: over the
        whole run, and over its last 2,000 requests (or last 40 %) once the run is warm."""
        if len(self.timeline) < 2:
            return {}
        total = self.timeline[-1][0]
        tail = 2000 if total >= 4000 else max(1, int(total * 0.4))
        return {
            "service_rss_start_mb": round(self.timeline[0][1] / 1024, 1),
            "service_rss_end_mb": round(self.timeline[-1][1] / 1024, 1),
            "service_growth_kb_per_request": growth_per_request(self.timeline, 0, total),
            "service_growth_tail_requests": tail,
            "service_growth_tail_kb_per_request": growth_per_request(self.timeline, total - tail, total),
            "service_rss_timeline": [(done, round(kib / 1024, 1)) for done, kib in _thin(self.timeline, 50)],
        }

    def __enter__(self) -> MemoryWatch:
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=15)
        self.sample()


def growth_per_request(timeline: list[tuple[int, float]], start: int, end: int) -> float | None:
    """KiB of resident memory gained per request between ``start`` and ``end`` requests answered.

    Each end is the median of the samples taken within 5 % of the run around it, so that one request's
    buffers in flight at the moment of a sample do not read as growth.
    """
    total = timeline[-1][0] or 1
    window = max(1, total // 20)

    def around(point: int) -> float | None:
        near = sorted(kib for done, kib in timeline if abs(done - point) <= window)
        return near[len(near) // 2] if near else None

    first, last = around(start), around(end)
    if first is None or last is None or end <= start:
        return None
    return round((last - first) / (end - start), 3)


def _thin(timeline: list[tuple[int, float]], points: int) -> list[tuple[int, float]]:
    step = max(1, len(timeline) // points)
    return timeline[::step] + ([timeline[-1]] if len(timeline) % step != 1 else [])
