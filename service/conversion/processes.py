"""Process-group plumbing for the LibreOffice workers, read straight from ``/proc`` (Linux only).

Why a process group: a worker is ``python3 -m kagaz_unoserver`` → ``soffice`` (a shell script that execs
``oosplash``) → ``soffice.bin``, and ``soffice.bin`` itself forks helpers (``gpgconf``, ``gpg``…). Killing
the one process we started leaves the others running, holding a profile and hundreds of MiB. Every worker
is therefore started in a session of its own (``start_new_session=True``) and killed as a whole with
``killpg``; these helpers find its members, the real ``soffice.bin`` among them and its resident memory.

A zombie (state ``Z``) counts as gone: it holds no memory and no port, and only its parent (or init, once
the parent is dead) can reap it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import time
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
SOFFICE_BINARY = "soffice.bin"


@dataclass(frozen=True)
class ProcessInfo:
    """One process as ``/proc/<pid>/stat`` shows it."""

    pid: int
    name: str  # the kernel's ``comm``: the executable's name, at most 15 characters
    state: str  # R, S, D, T (stopped), Z (zombie)…
    parent: int
    group: int
    rss_bytes: int
    start_ticks: int  # when it started, in clock ticks since boot: tells a process from a reused pid

    @property
    def alive(self) -> bool:
        """True unless the process is a zombie waiting to be reaped."""
        return self.state not in ("Z", "X")

    @property
    def running(self) -> bool:
        """Alive and not stopped (SIGSTOP, a debugger): able to make progress."""
        return self.alive and self.state not in ("T", "t")


def read_process(pid: int) -> ProcessInfo | None:
    """The process ``pid``, or None if it does not exist (any more)."""
    try:
        raw = (PROC / str(pid) / "stat").read_text()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    # The name is in parentheses and may itself contain spaces and parentheses: split at the last one.
    head, _, tail = raw.rpartition(")")
    name = head.partition("(")[2]
    fields = tail.split()
    # fields[0] is field 3 of proc(5): state, ppid, pgrp, …, starttime (22) and rss (24, in pages).
    return ProcessInfo(
        pid=pid,
        name=name,
        state=fields[0],
        parent=int(fields[1]),
        group=int(fields[2]),
        rss_bytes=int(fields[21]) * PAGE_SIZE,
        start_ticks=int(fields[19]),
    )


def identity(pid: int) -> str | None:
    """``pid:start`` of a running process, unique across pid reuse; None if it does not exist."""
    info = read_process(pid)
    return None if info is None else f"{pid}:{info.start_ticks}"


def all_processes() -> list[ProcessInfo]:
    """Every process that can be read now, zombies included."""
    return [
        info for entry in PROC.iterdir() if entry.name.isdigit() and (info := read_process(int(entry.name))) is not None
    ]


def group_members(group: int) -> list[ProcessInfo]:
    """Every process, zombies included, whose process group is ``group``."""
    return [info for info in all_processes() if info.group == group]


def descendants(root: int) -> list[ProcessInfo]:
    """``root`` and every process below it (through any session or group: a worker's soffice runs in a
    session of its own, still a child), root first; empty if ``root`` is gone."""
    everything = all_processes()
    children: dict[int, list[ProcessInfo]] = {}
    for info in everything:
        children.setdefault(info.parent, []).append(info)
    top = next((info for info in everything if info.pid == root), None)
    if top is None:
        return []
    found, queue = [top], [top]
    while queue:
        for child in children.get(queue.pop().pid, []):
            found.append(child)
            queue.append(child)
    return found


def command_line(pid: int) -> str:
    """The process's whole command line, spaces between arguments; empty if it is gone."""
    try:
        raw = (PROC / str(pid) / "cmdline").read_bytes()
    except OSError:
        return ""
    return raw.replace(b"\0", b" ").decode(errors="replace").strip()


def status_kb(pid: int, field: str) -> int | None:
    """A ``kB`` field of ``/proc/<pid>/status`` (``VmRSS``, ``VmHWM``: the kernel's high-water mark), or None."""
    return _kb_field(PROC / str(pid) / "status", field)


def pss_kb(pid: int) -> int | None:
    """Proportional set size (shared pages split between their sharers: the fair sum over processes)."""
    return _kb_field(PROC / str(pid) / "smaps_rollup", "Pss")


def _kb_field(path: Path, field: str) -> int | None:
    try:
        for line in path.read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def living_members(group: int) -> list[ProcessInfo]:
    """The members of ``group`` that are not zombies."""
    return [info for info in group_members(group) if info.alive]


def find_soffice(group: int) -> ProcessInfo | None:
    """The living ``soffice.bin`` of the worker whose process group is ``group``, if there is one."""
    for info in living_members(group):
        if info.name == SOFFICE_BINARY:
            return info
    return None


def kill_group(group: int) -> None:
    """Send SIGKILL to every process of ``group``; a group that is already gone is not an error."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGKILL)


def wait_until_gone(group: int, timeout: float) -> list[ProcessInfo]:
    """Wait until no living process is left in ``group``; return the ones still alive at ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        remaining = living_members(group)
        if not remaining or time.monotonic() >= deadline:
            return remaining
        time.sleep(0.02)


def free_port() -> int:
    """One free TCP port on 127.0.0.1 (see ``free_ports``)."""
    return free_ports(1)[0]


def free_ports(count: int) -> list[int]:
    """``count`` distinct TCP ports on 127.0.0.1 that nobody listens on right now (the kernel's choice).

    The ports are free when this returns, not reserved: another process may take one before the worker
    binds it. The worker then fails to start and the pool starts it again, with new ports.
    """
    with contextlib.ExitStack() as stack:
        ports = []
        for _ in range(count):
            probe = stack.enter_context(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
            probe.bind(("127.0.0.1", 0))
            ports.append(int(probe.getsockname()[1]))
        return ports
