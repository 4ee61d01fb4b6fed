"""The bench's arithmetic: summaries of timings, ratios and targets. Pure: values in, values out.

Figures on a shared machine drift with its load, so the bench never compares a figure with one taken at
another time: each comparison is a ratio of two medians measured in the same run, in interleaved rounds.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass


def percentile(samples: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (``fraction`` 0.5 → p50, 0.95 → p95); raises ValueError when empty."""
    if not samples:
        raise ValueError("no samples")
    if not 0 < fraction <= 1:
        raise ValueError(f"fraction must be in (0, 1], not {fraction}")
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def summarize(samples: Sequence[float]) -> dict[str, float | int]:
    """n, p50 (the median, interpolated), p95 (nearest rank), min, max and mean, rounded to 0.1."""
    if not samples:
        raise ValueError("no samples")
    values = {
        "p50": statistics.median(samples),
        "p95": percentile(samples, 0.95),
        "min": min(samples),
        "max": max(samples),
        "mean": statistics.fmean(samples),
    }
    return {"n": len(samples), **{name: round(value, 1) for name, value in values.items()}}


def ratio(kagaz: float | None, peer: float | None) -> float | None:
    """``kagaz / peer`` to 3 decimals, or None when either is missing or the peer is zero."""
    if kagaz is None or peer is None or peer == 0:
        return None
    return round(kagaz / peer, 3)


@dataclass(frozen=True)
class Target:
    """A goal of issue 9 on a ratio: ``at_most`` (ratio ≤ limit) or, otherwise, ratio ≥ limit."""

    limit: float
    at_most: bool = True

    def holds(self, value: float | None) -> bool | None:
        """True or False; None when there is no value to judge (the peer did not run)."""
        if value is None:
            return None
        return value <= self.limit if self.at_most else value >= self.limit

    def __str__(self) -> str:
        return f"{'≤' if self.at_most else '≥'} {self.limit:g}"


def throughput(documents: int, seconds: float) -> float:
    """Documents per second, to 2 decimals."""
    if seconds <= 0:
        raise ValueError("seconds must be positive")
    return round(documents / seconds, 2)
