"""How long and how much a client may take: the front's deadlines and sizes, one frozen value.

The values come from ``service.settings`` (``ServerLimits.from_settings``) so that ``kagaz serve`` and the
tests build the same thing; nothing here reads the environment or knows Flask. ``body_limit`` is the one
rule for which body limit applies to a path, shared with the app (a batch upload may be larger than a
document).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from service.settings import Settings

# Paths whose bodies are batch uploads (KAGAZ_BATCH_MAX_BYTES), or a PDF for the public check
# (KAGAZ_VERIFY_MAX_BYTES); every other body has KAGAZ_MAX_REQUEST_BYTES.
BATCH_PATHS = ("/api/v1/batches", "/batches")
VERIFY_PATHS = ("/api/v1/verify", "/verify")


@dataclass(frozen=True)
class ServerLimits:
    """Deadlines (seconds), sizes (bytes) and counts that bound what one client can hold."""

    header_timeout: float = 10.0  # the request line and every header, from the first byte (or the last request)
    body_timeout: float = 30.0  # grace for a body, after which it must keep up ``body_min_rate`` on average
    body_min_rate: int = 20 * 1024
    idle_timeout: float = 15.0  # a kept-alive connection without a new request is closed after this
    send_timeout: float = 60.0  # a client that reads none of our answer for this long is dropped
    max_request_line: int = 8190  # 414 above (gunicorn's default)
    max_header_bytes: int = 32 * 1024  # request line and headers together; 431 above
    max_request_bytes: int = 5 * 1024 * 1024
    batch_max_bytes: int = 64 * 1024 * 1024
    verify_max_bytes: int = 20 * 1024 * 1024
    # After a refusal, at most this much more of the body is read and thrown away, so that the client,
    # still sending, sees the answer instead of a reset connection (urllib: "broken pipe").
    discard_bytes: int = 16 * 1024 * 1024
    max_connections: int = 512
    spool_bytes: int = 1024 * 1024  # a body larger than this waits in an anonymous temporary file

    @classmethod
    def from_settings(cls, settings: Settings) -> ServerLimits:
        return cls(
            header_timeout=settings.header_timeout,
            body_timeout=settings.body_timeout,
            body_min_rate=settings.body_min_rate,
            idle_timeout=settings.idle_timeout,
            max_request_line=settings.max_request_line,
            max_header_bytes=settings.max_header_bytes,
            max_request_bytes=settings.max_request_bytes,
            batch_max_bytes=settings.batch_max_bytes,
            verify_max_bytes=settings.verify_max_bytes,
            discard_bytes=settings.discard_bytes,
            max_connections=settings.max_connections,
        )

    def body_limit(self, path: str) -> int:
        """The largest body accepted on ``path``."""
        if is_batch_path(path):
            return self.batch_max_bytes
        return self.verify_max_bytes if path in VERIFY_PATHS else self.max_request_bytes

    def body_deadline(self, started: float, received: int) -> float:
        """When the body must have grown past ``received`` bytes: a grace, then a minimum average rate."""
        return started + self.body_timeout + received / self.body_min_rate


def is_batch_path(path: str) -> bool:
    return any(path == prefix or path.startswith(prefix + "/") for prefix in BATCH_PATHS)
