"""The conversion pool's options: one typed, frozen value with a default for everything.

As in Gotenberg, options are a struct named for their module, and a constant that was tuned says which
failure tuned it. ``PoolOptions.from_settings`` is the only bridge from ``service.settings``; everything in
``service.conversion`` takes a ``PoolOptions`` so that it can be built and tested without Flask or the
environment.

An option that is also a setting (``SETTING_OF``) is defined once, in ``service.settings``: its default and
its bounds are read from there, never written again here. The other options are the pool's own tuning.
"""

from __future__ import annotations

import ctypes.util
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError

from service.settings import Settings

# Each option that a setting gives, and that setting's name.
SETTING_OF = {
    "size": "pool_size",
    "conversion_timeout": "conversion_timeout",
    "queue_limit": "queue_limit",
    "queue_wait": "queue_wait",
    "recycle_after": "recycle_after",
    "recycle_memory_mb": "recycle_memory_mb",
    "nice": "office_nice",
    "soffice": "soffice",
    "uno_python": "uno_python",
}


def setting_default(name: str) -> Any:
    """The default of the setting ``name``, as ``service.settings`` defines it."""
    return Settings.model_fields[name].get_default(call_default_factory=True)


@functools.cache
def _setting_type(name: str) -> TypeAdapter[Any]:
    """The setting's type with its bounds (``ge``, ``gt``, ``le``), to check an option against."""
    info = Settings.model_fields[name]
    return TypeAdapter(Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation)


ALLOCATORS = ("jemalloc",)  # Debian's libjemalloc2


@functools.cache
def find_allocator() -> str | None:
    """The file name of an installed faster allocator for LibreOffice (``libjemalloc.so.2``), if any."""
    for name in ALLOCATORS:
        found = ctypes.util.find_library(name)
        if found:
            return found
    return None


@dataclass(frozen=True)
class PoolOptions:
    """How many LibreOffice workers, and how long anything may take. Raises ValueError when invalid."""

    size: int = field(default_factory=lambda: setting_default("pool_size"))
    # Longest single conversion before its worker is killed (60 s by default). JODConverter uses 120 s;
    # Kagaz's documents are a few pages, the largest (a year's generalized report) converts in under 3 s.
    conversion_timeout: float = setting_default("conversion_timeout")
    queue_limit: int = setting_default("queue_limit")  # callers that may wait; one more: PoolUnavailable
    queue_wait: float = setting_default("queue_wait")  # longest wait for a worker before PoolUnavailable
    # Planned restart after this many conversions (JODConverter's maxTasksPerProcess): LibreOffice and
    # unoserver's Python side both grow with every document (unoserver issues #74, #129, #174).
    recycle_after: int = setting_default("recycle_after")
    recycle_memory_mb: int = setting_default("recycle_memory_mb")  # restart when soffice.bin's RSS passes it
    # A cold worker (fresh profile, unoserver, soffice, warm-up conversion) is ready in about 1 s on this
    # 2-core machine; 30 s leaves room for a loaded machine without hiding a LibreOffice that hangs.
    start_timeout: float = 30.0
    # After a failed start: wait 1 s, then double, up to 30 s, so that a broken installation does not
    # spin two cores launching soffice in a loop.
    restart_backoff: float = 1.0
    restart_backoff_max: float = 30.0
    # The pool stops calling itself live after this many consecutive failed starts on every slot.
    max_start_failures: int = 5
    # After SIGKILL, how long to wait for every process of the group to be gone before logging orphans.
    kill_timeout: float = 5.0
    # Each worker's process group runs this much nicer than the service (issue 17): two busy soffice.bin on
    # a 2-core machine kept the service's event loop waiting for a CPU, and the 503s' p95 with it.
    nice: int = setting_default("office_nice")
    soffice: str = setting_default("soffice")
    uno_python: str = setting_default("uno_python")
    work_dir: Path | None = None  # parent of the pool's private temp dir; None: the system's temp dir
    warm_up: bool = True  # convert a tiny DOCX before a worker is called ready
    # The import filter LibreOffice must use. Without it, type detection opened random bytes as plain
    # text and "converted" them to a page of garbage instead of failing.
    input_filter: str = "MS Word 2007 XML"
    # The memory allocator LibreOffice runs with (LD_PRELOAD into each worker's process group); None:
    # glibc's. Tuned by `python -m bench`: perf showed soffice.bin spending ~14 % of its CPU in glibc's
    # malloc/free (_int_malloc, _int_free, malloc_consolidate) while loading and exporting a DOCX, and
    # with jemalloc the same load + export took 9-20 % less time at the same peak memory (217 MB).
    allocator: str | None = field(default_factory=find_allocator)

    def __post_init__(self) -> None:
        problems = []
        for option, setting in SETTING_OF.items():  # the settings' own types and bounds
            try:
                _setting_type(setting).validate_python(getattr(self, option))
            except ValidationError as error:
                problems.append(f"{option} (KAGAZ_{setting.upper()}): {error.errors()[0]['msg']}")
        for name in ("start_timeout", "restart_backoff", "kill_timeout"):
            if getattr(self, name) <= 0:
                problems.append(f"{name} must be positive")
        if self.restart_backoff_max < self.restart_backoff:
            problems.append("restart_backoff_max must not be below restart_backoff")
        if self.max_start_failures < 1:
            problems.append("max_start_failures must be at least 1")
        if problems:
            raise ValueError("invalid pool options: " + "; ".join(problems))

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: object) -> PoolOptions:
        """The options the service's settings ask for; ``overrides`` replace any field (tests, CLI)."""
        values: dict[str, object] = {option: getattr(settings, setting) for option, setting in SETTING_OF.items()}
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]
