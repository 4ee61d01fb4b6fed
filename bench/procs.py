"""Process trees and their memory: which process is what, and its peak resident memory.

The /proc readers are Kagaz's own (``service.conversion.processes``); this module only names the processes
of a benchmark and samples them.

Peak memory is the kernel's high-water mark (``VmHWM``), so a short spike between two samples still counts;
``Pss`` (proportional set size, ``smaps_rollup``) splits shared pages between the processes sharing them,
which is the fair sum for several processes of one service.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from service.conversion import processes


@dataclass(frozen=True)
class Process:
    pid: int
    parent: int
    name: str  # comm: "soffice.bin", "python3", "node", "kagaz" ...
    command: str  # the whole command line, spaces between arguments


def tree(root: int) -> list[Process]:
    """``root`` and every process descended from it (through any session or group), root first."""
    return [
        Process(info.pid, info.parent, info.name, processes.command_line(info.pid))
        for info in processes.descendants(root)
    ]


def status_mb(pid: int, field: str) -> float | None:
    """A ``kB`` field of /proc/PID/status (VmRSS, VmHWM) in MB, or None when the process is gone."""
    kb = processes.status_kb(pid, field)
    return None if kb is None else round(kb / 1024, 1)


def pss_mb(pid: int) -> float | None:
    kb = processes.pss_kb(pid)
    return None if kb is None else round(kb / 1024, 1)


def kind(process: Process) -> str:
    """What a process is, for the memory table."""
    if process.name.startswith("soffice"):
        return "soffice.bin"
    if process.name == "oosplash":
        return "oosplash"
    if "kagaz_unoserver" in process.command or "unoserver" in process.command:
        return "unoserver (LibreOffice's Python)"
    if "converter.py" in process.command:
        return "carbone converter.py (LibreOffice's Python)"
    if process.name == "node":
        return "node"
    if "service.cli serve" in process.command or "kagaz serve" in process.command:
        return "kagaz serve"
    return process.name


class PeakSampler:
    """Samples a process tree every ``interval`` s in a thread; keeps each process's last VmHWM seen.

    Processes that exit between samples keep the peak of their last sample, so the interval bounds what
    can be missed for a short-lived process; long-lived ones report their true high-water mark.
    """

    def __init__(self, root: int, interval: float = 0.1) -> None:
        self.root = root
        self.interval = interval
        self.peaks: dict[int, tuple[Process, float]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="peak-sampler", daemon=True)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def sample(self) -> None:
        for process in tree(self.root):
            peak = status_mb(process.pid, "VmHWM")
            if peak is not None:
                self.peaks[process.pid] = (process, peak)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def by_kind(self) -> dict[str, list[float]]:
        """Peak MB of each process seen, grouped by ``kind``."""
        grouped: dict[str, list[float]] = {}
        for process, peak in self.peaks.values():
            grouped.setdefault(kind(process), []).append(peak)
        return {name: sorted(values, reverse=True) for name, values in grouped.items()}


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of ``pid`` (all its threads) so far, from /proc/PID/stat; None when gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rpartition(")")[2].split()  # after the command name, which may hold spaces
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_cpu() -> tuple[float, float]:
    """(busy, total) jiffies of every core since boot, from /proc/stat: two readings give the machine's load."""
    values = [int(value) for value in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    total = sum(values[:8])  # guest time is already inside user
    return float(total - idle), float(total)
