"""The load test's client: one kept-alive connection per simulated client, and what it does after a 503.

A real client of Kagaz (another court system, a script with ``requests.Session``) keeps its connection open
between requests and, told ``503`` with ``Retry-After``, waits before it asks again. The first load test did
neither: every request opened a new connection, and a refused client asked again at once, so at concurrency
48 with a queue of 2 its 46 refused clients resent ~475 times a second (issue 17's measurement) and the
generator itself used about a core of the machine's two. That measures a client that ignores the protocol,
not the service: ``Backoff.HONOUR`` (the default) waits ``Retry-After`` × a uniform jitter of 1.0-1.5 (so that
refused clients do not come back in step); ``Backoff.NONE`` keeps the old hot loop, for comparison, and is
reported as such.
"""

from __future__ import annotations

import enum
import random
import socket
import struct
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import h11

MAGIC = {"pdf": b"%PDF-", "docx": b"PK\x03\x04"}
DELIBERATE = "busy (503 + Retry-After)"
READ_SIZE = 256 * 1024
SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)  # Linux's; Python does not name it
TIMESPEC = struct.Struct("@qq")  # struct timespec on a 64-bit Linux: seconds, nanoseconds
JITTER = (1.0, 1.5)  # the share of Retry-After a refused client waits: at least what it was told, spread out


class Backoff(enum.StrEnum):
    """What a client does after a deliberate 503."""

    HONOUR = "honour"  # wait Retry-After × uniform(JITTER), as the service asks
    NONE = "none"  # ask again at once (a client that ignores Retry-After: the worst case)


@dataclass(frozen=True)
class Outcome:
    """One request: its status (0 when no answer came), how long it took, and what kind of result it was."""

    status: int
    seconds: float
    kind: str  # "ok", DELIBERATE, "HTTP 500", "not a pdf", "ConnectionRefusedError" …
    retry_after: float = 0.0  # the 503's Retry-After, in seconds


class Client:
    """One simulated client: POSTs ``body`` to ``url`` on a kept-alive connection, reopened when it fails.

    A request's time runs from just before it is written to when its answer's last byte reached this
    machine, as the kernel stamped it (``SO_TIMESTAMPNS``), not when a client thread got round to reading
    it: the generator runs at a lower priority than the service, and on two shared cores its threads may
    wait for a CPU for tens of milliseconds, which a remote client on its own machine would not. The
    connection's opening is included when there was none (the first request, or after the server closed).
    HTTP is h11's (the parser the service's front uses), so that the client sees every byte's stamp."""

    def __init__(self, url: str, body: bytes, fmt: str, timeout: float, backoff: Backoff = Backoff.HONOUR) -> None:
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.target = (parts.path + (f"?{parts.query}" if parts.query else "")).encode()
        self.body, self.fmt, self.timeout, self.backoff = body, fmt, timeout, backoff
        self.sock: socket.socket | None = None
        self.http = h11.Connection(h11.CLIENT)
        self.random = random.Random()

    def send(self) -> Outcome:
        started = time.time()  # the kernel's stamps are on the same (real-time) clock
        try:
            status, retry_after, content, arrived = self._exchange(started)
        except (OSError, h11.ProtocolError) as error:
            self.close()
            return Outcome(0, time.time() - started, type(error).__name__)
        elapsed = max(0.0, arrived - started)
        if status == 200:
            return Outcome(status, elapsed, "ok" if content.startswith(MAGIC[self.fmt]) else f"not a {self.fmt}")
        if status == 503 and retry_after is not None:
            return Outcome(status, elapsed, DELIBERATE, retry_after)
        return Outcome(status, elapsed, f"HTTP {status}")

    def _connect(self) -> socket.socket:
        sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
        self.http = h11.Connection(h11.CLIENT)
        return sock

    def _exchange(self, started: float) -> tuple[int, float | None, bytes, float]:
        """Status, Retry-After, body, and when (real time) the answer's last byte arrived."""
        if self.sock is None:
            self.sock = self._connect()
        headers = [
            ("Host", f"{self.host}:{self.port}"),
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(self.body))),
        ]
        request = h11.Request(method="POST", target=self.target, headers=headers)
        self.sock.sendall(self.http.send(request) + self.http.send(h11.Data(data=self.body)))
        self.http.send(h11.EndOfMessage())
        status, retry_after, chunks, arrived = 0, None, [], started
        while True:
            event = self.http.next_event()
            if event is h11.NEED_DATA:
                data, stamp = self._receive()
                self.http.receive_data(data)
                arrived = stamp or time.time()
            elif isinstance(event, h11.Response):
                status = event.status_code
                retry_after = _seconds(dict(event.headers).get(b"retry-after"))
            elif isinstance(event, h11.Data):
                chunks.append(bytes(event.data))
            elif isinstance(event, h11.EndOfMessage):
                break
            else:  # ConnectionClosed before the answer was whole
                raise ConnectionResetError("the server closed the connection mid-answer")
        if self.http.our_state is h11.DONE and self.http.their_state is h11.DONE:
            self.http.start_next_cycle()
        else:
            self.close()
        return status, retry_after, b"".join(chunks), arrived

    def _receive(self) -> tuple[bytes, float | None]:
        """The next bytes and the kernel's arrival stamp of the packet they came in (None if it gave none)."""
        assert self.sock is not None
        data, ancillary, _flags, _address = self.sock.recvmsg(READ_SIZE, socket.CMSG_SPACE(TIMESPEC.size))
        for level, kind, value in ancillary:
            if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS and len(value) >= TIMESPEC.size:
                seconds, nanoseconds = TIMESPEC.unpack(value[: TIMESPEC.size])
                return data, seconds + nanoseconds / 1e9
        return data, None

    def pause(self, outcome: Outcome, stop_at: float) -> None:
        """After a deliberate 503, wait as ``backoff`` says (never past ``stop_at``, monotonic time)."""
        if outcome.kind != DELIBERATE or self.backoff is Backoff.NONE:
            return
        wait = outcome.retry_after * self.random.uniform(*JITTER)
        time.sleep(max(0.0, min(wait, stop_at - time.monotonic())))

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
            self.sock = None


def _seconds(value: bytes | None) -> float | None:
    """Retry-After as delay-seconds (Kagaz never sends an HTTP date); None when absent or not a number."""
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None
