"""Where the time goes: py-spy on Kagaz's processes while they work, summarized by the frames that matter.

py-spy samples every thread's Python stack (``--idle`` keeps threads that wait on a socket, which is
where a Python process driving LibreOffice spends its time). Profiles are taken in extra, untimed runs
after the measured ones, written raw (one collapsed stack per line with its count) under
``bench/profiles/``, and summarized into shares: a share is the fraction of one thread's samples whose
stack passes through a given function, so "storeToURL 0.41" reads as "41 % of the conversion thread's
time is LibreOffice exporting".
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path

PROFILES = Path(__file__).resolve().parent / "profiles"
RATE = 250  # samples per second: fine enough for 20-100 ms calls, cheap enough not to skew them


def py_spy() -> str | None:
    local = Path(sys.executable).with_name("py-spy")
    return str(local) if local.is_file() else shutil.which("py-spy")


def record(targets: Mapping[str, int], name: str, during: Callable[[], object]) -> dict[str, Path]:
    """Run ``during()`` while py-spy samples each process of ``targets`` (label → pid); the raw files."""
    executable = py_spy()
    if executable is None:
        return {}
    PROFILES.mkdir(exist_ok=True)
    spies, paths = [], {}
    for label, pid in targets.items():
        path = PROFILES / f"{name}-{label}.txt"
        command = [executable, "record", "--pid", str(pid), "--format", "raw", "--idle", "--rate", str(RATE)]
        command += ["--output", str(path), "--nonblocking"]
        spies.append(subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        paths[label] = path
    time.sleep(1.0)  # py-spy attaches
    try:
        during()
    finally:
        for spy in spies:
            spy.send_signal(signal.SIGINT)
        for spy in spies:
            try:
                spy.wait(timeout=30)
            except subprocess.TimeoutExpired:
                spy.kill()
    return {label: path for label, path in paths.items() if path.is_file()}


def read_raw(path: Path) -> list[tuple[list[str], int]]:
    """The collapsed stacks of a py-spy raw file: (frames root first, samples)."""
    stacks = []
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            stacks.append((stack.split(";"), int(count)))
    return stacks


def shares(
    stacks: list[tuple[list[str], int]], thread_marker: str, parts: Mapping[str, str | tuple[str, ...]], top: int = 0
) -> dict[str, object]:
    """Among the samples whose stack passes through ``thread_marker``: the share of each of ``parts``
    (label → a substring of a frame, e.g. ``converter.py:401``, or a tuple of them) and, with ``top``, the
    frames just below the marker that take the most time."""
    chosen = [(frames, count) for frames, count in stacks if any(thread_marker in frame for frame in frames)]
    total = sum(count for _, count in chosen)
    result: dict[str, object] = {"samples": total}
    if not total:
        return result
    for label, needle in parts.items():
        needles = (needle,) if isinstance(needle, str) else needle
        hit = sum(count for frames, count in chosen if any(n in frame for frame in frames for n in needles))
        result[label] = round(hit / total, 3)
    if top:
        below: Counter[str] = Counter()
        for frames, count in chosen:
            index = next(i for i, frame in enumerate(frames) if thread_marker in frame)
            below[frames[index + 1] if index + 1 < len(frames) else "(itself)"] += count
        result["top"] = [[frame, round(count / total, 3)] for frame, count in below.most_common(top)]
    return result


def pyinstrument_text(call: Callable[[], object], runs: int, name: str) -> Path | None:
    """Profile ``runs`` calls of ``call`` with pyinstrument (if installed); its text report's path."""
    try:
        from pyinstrument import Profiler
    except ImportError:
        return None
    PROFILES.mkdir(exist_ok=True)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(runs):
        call()
    profiler.stop()
    path = PROFILES / f"{name}.txt"
    path.write_text(profiler.output_text(unicode=True, color=False, show_all=False))
    return path


MALLOC_SYMBOLS = ("malloc", "_int_malloc", "_int_free", "cfree", "free", "malloc_consolidate", "unlink_chunk")


def perf_native(pid: int, name: str, during: Callable[[], object]) -> dict[str, object] | None:
    """Sample the native code of ``pid`` (soffice.bin) with Linux ``perf`` while ``during()`` runs: the
    report by library and symbol goes to ``bench/profiles/NAME.txt``; returns the shares of glibc's
    allocator, of jemalloc and the top symbols. None when perf is not installed or not permitted."""
    perf = shutil.which("perf")
    if perf is None:
        return None
    PROFILES.mkdir(exist_ok=True)
    data = PROFILES / f"{name}.data"
    recorder = subprocess.Popen(
        [perf, "record", "-F", "999", "-p", str(pid), "-o", str(data)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    try:
        during()
    finally:
        recorder.send_signal(signal.SIGINT)
        recorder.wait(timeout=60)
    if not data.is_file():
        return None
    command = [perf, "report", "-i", str(data), "--no-children", "--sort", "dso,sym", "--stdio", "-g", "none"]
    text = subprocess.run(command, capture_output=True, text=True, timeout=120).stdout
    data.unlink(missing_ok=True)
    path = PROFILES / f"{name}.txt"
    path.write_text(text)
    rows = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[0].endswith("%") and parts[2] in ("[.]", "[k]"):
            rows.append((float(parts[0].rstrip("%")) / 100, parts[1], " ".join(parts[3:])))
    glibc_malloc = sum(
        share
        for share, library, symbol in rows
        if library.startswith("libc.") and symbol.split("@")[0].split(".")[0] in MALLOC_SYMBOLS
    )
    jemalloc = sum(share for share, library, _ in rows if "jemalloc" in library)
    return {
        "report": str(path),
        "glibc_malloc_share": round(glibc_malloc, 3),
        "jemalloc_share": round(jemalloc, 3),
        "top": [[f"{library} {symbol}", round(share, 3)] for share, library, symbol in rows[:10]],
    }
