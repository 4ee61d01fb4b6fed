"""Carbone, the peer engine: runs ``../shared/peers/carbone/run.sh`` and reads the JSON line it prints.

The peer's folder is ``shared/peers/carbone`` beside this repository. It is not part of Kagaz: when it is
absent (or Node is missing) ``missing()`` says why and the bench reports Kagaz's figures without ratios.
``run.sh`` installs Carbone under ``~/.cache/peers`` on first use. Nothing of Carbone is copied here; the
only Carbone API called from this repository is ``carbone.render`` in ``carbone_render.js``, to keep the
DOCX Carbone makes so that both converters can be timed on it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

from bench.procs import PeakSampler

ROOT = Path(__file__).resolve().parent.parent
PEER = ROOT.parent / "shared" / "peers" / "carbone"
RUN = PEER / "run.sh"
TEMPLATE = PEER / "plan.docx"
DATA = PEER / "plan.json"
RENDER_SCRIPT = Path(__file__).with_name("carbone_render.js")


class CarboneFailed(RuntimeError):
    """run.sh exited with an error or printed no JSON line."""


def missing() -> str | None:
    """Why Carbone cannot be run here, or None when it can."""
    for path in (RUN, TEMPLATE, DATA):
        if not path.is_file():
            return f"Carbone is absent: {path} not found (the peers folder is {PEER})"
    if shutil.which("node") is None:
        return "Carbone cannot run: node is not on PATH"
    return None


def install_home() -> Path:
    """Where run.sh installs Carbone (the same rule as run.sh)."""
    base = os.environ.get("PEERS_HOME") or str(
        Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "peers"
    )
    return Path(base) / "carbone"


def run(*arguments: str | int | Path, timeout: float = 600) -> dict[str, Any]:
    """Run ``run.sh`` with ``arguments`` and return its JSON line, plus ``peak_mb``: the peak resident
    memory of each process it started, by kind (node, LibreOffice's Python, soffice.bin)."""
    command = [str(RUN), *(str(argument) for argument in arguments)]
    began = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # Once a second, not the sampler's default ten times: each sample walks /proc (~3 ms of CPU here), and it
    # runs only while Carbone is timed, so at 10/s it took ~3 % of a core from Carbone alone. VmHWM is a
    # high-water mark, so the peaks of Carbone's processes (alive for the whole run) are the same.
    with PeakSampler(process.pid, interval=1.0) as sampler:
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise CarboneFailed(f"run.sh {' '.join(command[1:])} took over {timeout:g} s") from None
    if process.returncode != 0:
        raise CarboneFailed(f"run.sh {' '.join(command[1:])} exited {process.returncode}: {err.strip()[-800:]}")
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if not lines:
        raise CarboneFailed(f"run.sh {' '.join(command[1:])} printed no JSON line: {out[-400:]} {err[-400:]}")
    result: dict[str, Any] = json.loads(lines[-1])
    result["wall_s"] = round(time.monotonic() - began, 2)
    result["peak_mb"] = sampler.by_kind()
    return result


def render_docx(out: Path) -> Path:
    """Carbone's own DOCX of the plan (its template, its data), written to ``out``."""
    modules = install_home() / "node_modules"
    if not (modules / "carbone").is_dir():
        run("render", TEMPLATE, DATA, "docx", 1)  # run.sh installs Carbone on first use
    environment = {**os.environ, "NODE_PATH": str(modules)}
    subprocess.run(
        ["node", str(RENDER_SCRIPT), str(TEMPLATE), str(DATA), str(out)],
        check=True,
        env=environment,
        capture_output=True,
        timeout=120,
    )
    return out
