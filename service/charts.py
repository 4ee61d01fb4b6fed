"""The generalized report's chart: how many organizations reported each status, per measure (PNG bytes).

matplotlib with the Agg backend (no display, thread-safe when each call builds its own Figure rather than
using pyplot's global state). DejaVu Sans, which matplotlib ships, carries ң ө ү.

matplotlib (with numpy and fontTools) is imported on the first chart, not with the module: it is ~54 MB
resident, and a service that makes plans and progress reports never draws one (the benchmark's «service peak
RSS» target is 150 MB; with matplotlib loaded at start-up the service sat at ~200 MB before its first request).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Protocol

from service.deadlines import Status

COLOURS = {
    Status.DONE: "#2e7d32",
    Status.IN_PROGRESS: "#1565c0",
    Status.NOT_DONE: "#c62828",
    Status.NOT_YET_DUE: "#9e9e9e",
}
NOT_REPORTED = ("маалымат берилген жок", "#e0e0e0")


class MeasureCounts(Protocol):
    """What the chart reads of one measure's summary; stated here so that the chart needs nothing of the
    generalized report (which draws it) beyond these three values."""

    @property
    def number(self) -> int | str: ...
    @property
    def counts(self) -> Mapping[Status, int]: ...
    @property
    def not_reported(self) -> int: ...


def status_chart(year: int, measures: Sequence[MeasureCounts]) -> bytes:
    """A stacked horizontal bar per measure: organizations by reported status. Deterministic PNG."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # see the module docstring
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8, 4.6), dpi=150)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    labels = [f"{summary.number}" for summary in measures]
    left = [0] * len(labels)
    for status, colour in COLOURS.items():
        values = [summary.counts[status] for summary in measures]
        axes.barh(labels, values, left=left, color=colour, label=status.value, edgecolor="white", linewidth=0.5)
        left = [a + b for a, b in zip(left, values, strict=True)]
    missing = [summary.not_reported for summary in measures]
    axes.barh(labels, missing, left=left, color=NOT_REPORTED[1], label=NOT_REPORTED[0], edgecolor="white")
    axes.invert_yaxis()
    axes.set_xlabel("Уюмдардын саны")
    axes.set_ylabel("Иш-чаранын №")
    axes.set_title(f"{year}-жыл: иш-чаралардын аткарылышы (уюмдар боюнча)")
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncols=3, frameon=False, fontsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()
