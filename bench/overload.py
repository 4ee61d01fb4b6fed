"""Admission under overload (issue 17): what a refusal costs, and what overload costs good throughput.

``python -m bench.load --compare`` runs the service twice at the same concurrency: once with a queue as
long as the concurrency (nothing is refused: the unthrottled run), once with a small queue (most requests
are refused with 503 + Retry-After). The goals: the 503s' p95 under 50 ms, and good throughput (documents
answered 200 per second) of the throttled run within 10 % of the unthrottled one.

A fair measurement on a machine of two cores, where the generator competes with the service and its
LibreOffice for the same CPU, as a remote client would not:

* the generator runs in a process of its own, started for each run, at a lower priority (``nice``,
  default 10) and optionally pinned to some CPUs (``--generator-cpus``); the service keeps priority 0;
* its clients keep their connections alive and honour ``Retry-After`` (``bench.client``);
* each run reports the generator's CPU, the service process's, the machine's busy share and the load
  average, so that a figure taken while other work shared the machine says so. ``--rounds`` alternates
  the two runs several times and reports the median ratio, since a shared machine drifts within minutes.
"""

from __future__ import annotations

import multiprocessing
import os
import statistics
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.load import LoadReport

GENERATOR_NICE = 10
REFUSED_P95_GOAL_MS = 50
THROUGHPUT_RATIO_GOAL = 0.9


@dataclass(frozen=True)
class Generator:
    """Where the load is generated from: a process of its own, at ``nice``, on ``cpus`` (None: any)."""

    nice: int = GENERATOR_NICE
    cpus: frozenset[int] | None = None

    def run(self, base: str, service_pid: int, arguments: dict[str, Any]) -> LoadReport:
        """``bench.load.run_load`` against ``base`` in a fresh process lowered to this priority and CPUs."""
        from bench import load

        context = multiprocessing.get_context("spawn")  # no thread or lock of this process is inherited
        with ProcessPoolExecutor(1, mp_context=context, initializer=_lower, initargs=(self.nice, self.cpus)) as pool:
            return pool.submit(load.run_load, base, service_pid=service_pid, **arguments).result()

    def lower_own(self) -> None:
        """Lower this process itself (when it loads a service that is not its child)."""
        _lower(self.nice, self.cpus)


def _lower(nice: int, cpus: frozenset[int] | None) -> None:
    if nice:
        os.nice(nice)
    if cpus:
        os.sched_setaffinity(0, cpus)


def parse_cpus(text: str | None) -> frozenset[int] | None:
    """``"1"`` or ``"0,1"`` as a set of CPU numbers; None for no pinning."""
    if not text:
        return None
    return frozenset(int(part) for part in text.split(",") if part.strip())


def compared(unthrottled: LoadReport, throttled: LoadReport, queue_limit: int) -> dict[str, Any]:
    """The two runs' figures side by side, and the goals."""
    ratio = throttled.throughput_per_second / unthrottled.throughput_per_second if unthrottled.ok else 0.0
    return {
        "queue_limit": queue_limit,
        "concurrency": throttled.concurrency,
        "backoff": throttled.backoff,
        "refused": throttled.deliberate_503,
        "refused_per_second": round(throttled.deliberate_503 / throttled.wall_seconds, 1),
        "refused_p50_ms": throttled.refused_ms["p50"],
        "refused_p95_ms": throttled.refused_ms["p95"],
        "refused_p95_goal_ms": REFUSED_P95_GOAL_MS,
        "ok_p50_ms": throttled.latency_ms["p50"],
        "ok_p95_ms": throttled.latency_ms["p95"],
        "ok_p50_ms_unthrottled": unthrottled.latency_ms["p50"],
        "ok_p95_ms_unthrottled": unthrottled.latency_ms["p95"],
        "good_throughput_unthrottled": unthrottled.throughput_per_second,
        "good_throughput_throttled": throttled.throughput_per_second,
        "throughput_ratio": round(ratio, 3),
        "throughput_ratio_goal": THROUGHPUT_RATIO_GOAL,
        "generator_cores_unthrottled": unthrottled.cpu.get("generator_cores"),
        "generator_cores_throttled": throttled.cpu.get("generator_cores"),
        "load_average": [
            unthrottled.cpu.get("load_average_start"),
            unthrottled.cpu.get("load_average_end"),
            throttled.cpu.get("load_average_start"),
            throttled.cpu.get("load_average_end"),
        ],
        "refused_p95_met": throttled.refused_ms["p95"] < REFUSED_P95_GOAL_MS,
        "throughput_met": ratio >= THROUGHPUT_RATIO_GOAL,
    }


def rounds(pairs: list[tuple[LoadReport, LoadReport]], queue_limit: int) -> dict[str, Any]:
    """Every round's runs and figures, and the medians of the figures over the rounds (each figure's own
    median: the throughputs shown need not come from the round whose ratio is the median)."""
    figures = [compared(unthrottled, throttled, queue_limit) for unthrottled, throttled in pairs]
    median = dict(figures[-1])
    for name in ("refused_p50_ms", "refused_p95_ms", "ok_p50_ms", "ok_p95_ms", "throughput_ratio"):
        median[name] = round(statistics.median(figure[name] for figure in figures), 3)
    for name in ("good_throughput_unthrottled", "good_throughput_throttled", "refused_per_second"):
        median[name] = round(statistics.median(figure[name] for figure in figures), 2)
    median["refused"] = sum(figure["refused"] for figure in figures)
    median["refused_p95_met"] = median["refused_p95_ms"] < REFUSED_P95_GOAL_MS
    median["throughput_met"] = median["throughput_ratio"] >= THROUGHPUT_RATIO_GOAL
    median["load_average"] = [value for figure in figures for value in figure["load_average"]]
    median["each_round"] = [
        {name: figure[name] for name in ("refused_p95_ms", "throughput_ratio", "load_average")} for figure in figures
    ]
    return {
        "rounds": [
            {"unthrottled": asdict(unthrottled), "throttled": asdict(throttled), "admission": figure}
            for (unthrottled, throttled), figure in zip(pairs, figures, strict=True)
        ],
        "admission": median,
    }


def said(figures: dict[str, Any], heading: str = "admission") -> str:
    """The figures as the lines the benchmark prints, goals and whether each is met."""
    met = {True: "met", False: "NOT met"}
    load = ", ".join(f"{value:.1f}" for value in figures["load_average"] if value is not None)
    return "\n".join(
        [
            f"{heading} (queue {figures['queue_limit']}, concurrency {figures['concurrency']}, "
            f"clients after a 503: {figures['backoff']}):",
            f"  503: {figures['refused']} refused ({figures['refused_per_second']:.0f} per s), "
            f"p50 {figures['refused_p50_ms']:.1f} ms, p95 {figures['refused_p95_ms']:.1f} ms "
            f"(goal < {REFUSED_P95_GOAL_MS} ms: {met[figures['refused_p95_met']]})",
            f"  200: p50 {figures['ok_p50_ms']:.0f} ms, p95 {figures['ok_p95_ms']:.0f} ms throttled",
            (
                f"  good throughput: {figures['throughput_ratio']:.0%} of unthrottled, the rounds' median "
                if "each_round" in figures
                else f"  good throughput: {figures['good_throughput_throttled']:.2f} vs "
                f"{figures['good_throughput_unthrottled']:.2f} per s unthrottled = {figures['throughput_ratio']:.0%} "
            )
            + f"(goal ≥ {THROUGHPUT_RATIO_GOAL:.0%}: {met[figures['throughput_met']]})",
            f"  load average (1 min) at each run's start and end: {load}",
            *(
                f"  round {number}: 503 p95 {each['refused_p95_ms']:.1f} ms, good throughput "
                f"{each['throughput_ratio']:.0%} of unthrottled"
                for number, each in enumerate(figures.get("each_round", []), 1)
            ),
        ]
    )
