"""Waiting for a condition that another thread or process makes true, without fixed sleeps."""

from __future__ import annotations

import time
from collections.abc import Callable


def wait_for(condition: Callable[[], object], timeout: float = 5.0, interval: float = 0.005) -> bool:
    """Poll ``condition()`` until it is true or ``timeout`` passes; the final value."""
    deadline = time.monotonic() + timeout
    while not (result := bool(condition())):
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)
    return result
