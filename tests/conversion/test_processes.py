"""The /proc helpers, on real processes (``sleep`` in a session of its own), without LibreOffice."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.conversion import processes

from .polling import wait_for


@pytest.fixture
def sleeping_group() -> Iterator[subprocess.Popen[bytes]]:
    """A shell leading its own process group with two ``sleep`` children."""
    process = subprocess.Popen(["/bin/sh", "-c", "sleep 60 & sleep 60 & wait"], start_new_session=True)
    try:
        yield process
    finally:
        processes.kill_group(process.pid)
        process.wait()


def test_read_process_knows_this_process() -> None:
    info = processes.read_process(os.getpid())
    assert info is not None
    assert (info.pid, info.parent, info.group) == (os.getpid(), os.getppid(), os.getpgrp())
    assert info.alive and info.rss_bytes > 0


def test_read_process_of_a_missing_pid_is_none() -> None:
    pid_max = int(Path("/proc/sys/kernel/pid_max").read_text())
    assert processes.read_process(pid_max + 1) is None


def test_a_killed_group_is_gone_entirely(sleeping_group: subprocess.Popen[bytes]) -> None:
    group = sleeping_group.pid
    assert wait_for(lambda: sorted(info.name for info in processes.living_members(group)) == ["sh", "sleep", "sleep"])
    assert processes.wait_until_gone(group, timeout=0.0)  # still there: returns the living members
    processes.kill_group(group)
    sleeping_group.wait()
    assert processes.wait_until_gone(group, timeout=5.0) == []
    processes.kill_group(group)  # a group that is gone is not an error


def test_free_ports_are_distinct_and_bindable() -> None:
    first, second = processes.free_ports(2)
    assert first != second
    assert all(1024 <= port <= 65535 for port in (first, second))


def test_descendants_command_lines_and_memory_of_a_real_tree(sleeping_group: subprocess.Popen[bytes]) -> None:
    root = sleeping_group.pid
    assert wait_for(lambda: len(processes.descendants(root)) == 3)
    tree = processes.descendants(root)
    assert tree[0].pid == root and sorted(info.name for info in tree[1:]) == ["sleep", "sleep"]
    assert all(info.parent == root for info in tree[1:])
    assert processes.command_line(tree[1].pid) == "sleep 60"
    rss, peak = processes.status_kb(root, "VmRSS"), processes.status_kb(root, "VmHWM")
    assert rss is not None and peak is not None and 0 < rss <= peak
    assert (processes.pss_kb(os.getpid()) or 0) > 0
    gone = int(Path("/proc/sys/kernel/pid_max").read_text()) + 1
    assert processes.descendants(gone) == [] and processes.command_line(gone) == ""
    assert processes.status_kb(gone, "VmRSS") is None
