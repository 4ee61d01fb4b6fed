"""Huey's consumer inside the service's own process, in threads (``KAGAZ_JOBS_WORKERS``)."""

from __future__ import annotations

from huey.consumer import Consumer


class EmbeddedConsumer(Consumer):  # type: ignore[misc]
    """Huey's consumer in threads of the service: it must not take over the process's signal handlers
    (``kagaz serve`` owns them), so stopping is left to ``Jobs.stop``."""

    def _set_signal_handlers(self) -> None:
        pass
