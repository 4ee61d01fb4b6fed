"""Kagaz in this process: the engine's three calls, timed, and a year's batch over the conversion pool.

The batch is measured through the engine and the pool directly, as ``kagaz batch`` runs it
(``service/batch/runner.py``): a thread pool of pool size + 1 threads, each rendering one report and
converting it over the shared pool, writing each PDF atomically. It does not go through ``kagaz batch``
itself because 100 reports of one year would repeat the registry's 20 organizations, which the batch
rightly refuses; manifests, fingerprints and the ZIP, which ``kagaz batch`` adds, are not part of the
comparison with Carbone either.
"""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from service.atomic import write_atomically
from service.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "samples" / "action_plan.json"
REPORTS = ROOT / "samples" / "reports" / "2025"


def synthetic_reports(
    samples: Sequence[Mapping[str, Any]], organizations: Sequence[Mapping[str, str]], count: int
) -> list[dict[str, Any]]:
    """``count`` progress reports made from ``samples``: report ``i`` is sample ``i mod len(samples)``
    filed by organization ``i mod len(organizations)`` of the registry, its texts marked with its number so
    that no two documents are the same. Pure; the samples are not changed."""
    if not samples or not organizations:
        raise ValueError("need at least one sample report and one organization")
    made = []
    for index in range(count):
        report = copy.deepcopy(dict(samples[index % len(samples)]))
        report["organization"] = dict(organizations[index % len(organizations)])
        for measure in report.get("measures", []):
            if measure.get("done"):
                measure["done"] = f"{measure['done']} (№ {index + 1})"
        made.append(report)
    return made


def load_samples() -> tuple[Any, list[dict[str, Any]]]:
    """The whole plan (JSON) and the 2025 sample progress reports."""
    plan = json.loads(PLAN.read_text(encoding="utf-8"))
    reports = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(REPORTS.glob("*.json"))]
    return plan, reports


def registry(engine: Engine) -> list[dict[str, str]]:
    return [{"id": org.id, "name": org.name, "kind": str(org.kind)} for org in engine.reference.organizations.values()]


def time_calls(call: Callable[[], object], runs: int) -> list[float]:
    """Milliseconds of ``runs`` calls of ``call``."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        call()
        times.append(round((time.perf_counter() - began) * 1000, 3))
    return times


def batch(engine: Engine, document: str, inputs: Sequence[Any], out: Path, threads: int) -> float:
    """Load, render, convert and write every input with ``threads`` threads; the wall time in seconds."""
    out.mkdir(parents=True, exist_ok=True)

    def produce(item: tuple[int, Any]) -> int:
        index, data = item
        rendered = engine.produce(document, data, "pdf")
        write_atomically(out / f"{index:04d}.pdf", rendered.content)
        return len(rendered.content)

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="bench-batch") as executor:
        sizes = list(executor.map(produce, enumerate(inputs)))
    elapsed = time.perf_counter() - began
    if len(sizes) != len(inputs) or min(sizes) == 0:
        raise RuntimeError("the batch did not make every PDF")
    return elapsed
