"""The floor: LibreOffice itself loading a DOCX by file URL and exporting PDF inside a warm soffice, over UNO.

Runs under the Python that has ``uno`` (Debian's ``/usr/bin/python3``), not Kagaz's venv, so it imports
nothing but the standard library, ``uno`` and, by its file path, Kagaz's /proc readers
(``service/conversion/processes.py``, standard library only; importing ``service`` would need the venv).
It starts its own ``soffice`` with a fresh profile and a UNO
socket on a free loopback port, converts each file ``--warm-up`` times untimed, then ``--runs`` times timing
only ``loadComponentFromURL`` (``Hidden=True``) + ``storeToURL`` (``writer_pdf_Export``), and prints one
JSON line: ``{"files": {path: [ms, ...]}, "soffice_rss_mb": ...}``. Nothing else sits between
the timer and LibreOffice, so whatever an engine adds on top of these figures is its own overhead.

    /usr/bin/python3 bench/floor.py --runs 15 --warm-up 2 A.docx [B.docx ...]   # or, as a server:
    /usr/bin/python3 bench/floor.py < requests   # lines "RUNS PATH"; one JSON line per request
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]


def _load_processes() -> ModuleType:
    path = Path(__file__).resolve().parent.parent / "service" / "conversion" / "processes.py"
    spec = importlib.util.spec_from_file_location("kagaz_processes", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


processes = _load_processes()


def properties(**values: object) -> tuple[PropertyValue, ...]:
    return tuple(PropertyValue(Name=name, Value=value) for name, value in values.items())


def connect(port: int, process: subprocess.Popen[bytes], timeout: float = 60.0) -> object:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + timeout
    while True:
        try:
            context = resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
            return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        except NoConnectException:
            if process.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def rss_mb(pid: int) -> float | None:
    kb = processes.status_kb(pid, "VmRSS")
    return None if kb is None else round(kb / 1024, 1)


def soffice_bin(pid: int) -> int:
    """The soffice.bin under the ``soffice`` launcher script (or the process itself)."""
    for info in processes.all_processes():
        if info.parent == pid and info.name.startswith("soffice"):
            return info.pid
    return pid


def convert_times(desktop: object, path: Path, out_dir: Path, runs: int, warm_up: int) -> list[float]:
    """Milliseconds of load + export of ``path`` (the close after it untimed), ``runs`` times after ``warm_up``
    untimed ones."""
    load = properties(Hidden=True)
    store = properties(FilterName="writer_pdf_Export", Overwrite=True)
    source = path.resolve().as_uri()
    target = (out_dir / (path.stem + ".pdf")).as_uri()
    times = []
    for attempt in range(warm_up + runs):
        began = time.perf_counter()
        document = desktop.loadComponentFromURL(source, "_blank", 0, load)
        document.storeToURL(target, store)
        elapsed = time.perf_counter() - began
        document.close(True)
        if attempt >= warm_up:
            times.append(round(elapsed * 1000, 2))
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="files to time; none: read requests from stdin")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--warm-up", type=int, default=2)
    parser.add_argument("--soffice", default="soffice")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="kagaz-bench-floor-"))
    port = processes.free_port()
    command = [
        shutil.which(args.soffice) or args.soffice,
        "--headless",
        "--invisible",
        "--nocrashreport",
        "--nodefault",
        "--nologo",
        "--nofirststartwizard",
        "--norestore",
        f"-env:UserInstallation={(work / 'profile').as_uri()}",
        f"--accept=socket,host=127.0.0.1,port={port},tcpNoDelay=1;urp;StarOffice.ComponentContext",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        desktop = connect(port, process)
        if args.files:
            results = {str(path): convert_times(desktop, path, work, args.runs, args.warm_up) for path in args.files}
            answer(results, process)
            return 0
        # Server mode: one request per line, "RUNS PATH"; each file is warmed up the first time it is seen.
        answer({}, process)  # ready
        seen: set[Path] = set()
        for line in sys.stdin:
            if not line.strip():
                continue
            runs, _, name = line.strip().partition(" ")
            path = Path(name)
            warm_up = 0 if path in seen else args.warm_up
            seen.add(path)
            answer({str(path): convert_times(desktop, path, work, int(runs), warm_up)}, process)
        return 0
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        shutil.rmtree(work, ignore_errors=True)


def answer(results: dict[str, list[float]], process: subprocess.Popen[bytes]) -> None:
    pid = soffice_bin(process.pid)
    print(
        json.dumps(
            {"files": results, "soffice_pid": pid, "soffice_rss_mb": rss_mb(pid), "soffice_peak_mb": peak_mb(pid)}
        ),
        flush=True,
    )


def peak_mb(pid: int) -> float | None:
    kb = processes.status_kb(pid, "VmHWM")
    return None if kb is None else round(kb / 1024, 1)


if __name__ == "__main__":
    sys.exit(main())
