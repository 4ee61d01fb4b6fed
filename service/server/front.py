"""The front: one asyncio loop that owns every socket, and the request threads that run the app.

``Front`` accepts connections (at most ``max_connections``; one more is closed at once), gives each to a
``Connection``, and runs the WSGI app for fully received requests on a pool of request threads. An
``early`` check, given by the app (``service.api.admission``), may answer a received request on the loop
itself instead: a refusal that needs no thread, so that turning requests away stays cheap under overload. Health
checks (``GET /health…``) have two threads of their own, so that liveness answers even while every
request thread waits for LibreOffice. Request threads run at a lower CPU priority than the loop's thread
(``REQUEST_THREAD_NICE``), so that under load the loop is not kept waiting behind rendering. ``stop``
refuses new connections, lets requests under way finish for a grace period, and closes the rest.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from service.server import wsgi
from service.server.connection import PREFETCH, Connection
from service.server.limits import ServerLimits

log = logging.getLogger("kagaz.server")

HEALTH_THREADS = 2
# Request threads run this much nicer than the event loop's thread (Linux: a thread has its own niceness).
# Measured (issue 17, three pairs of 20 s runs at concurrency 48, queue 2, load average about 6 on 2 cores):
# the 503s' p95 62 ms median against 80, p99 97 against 167, max 118 against 169, good throughput no lower.
# The loop wins the CPU over rendering when both are ready; rendering still beats LibreOffice (nicer still,
# KAGAZ_OFFICE_NICE), and the health threads keep the loop's priority so that liveness answers.
REQUEST_THREAD_NICE = 5
EarlyAnswer = Callable[[dict[str, Any]], "wsgi.Answer | None"]


class Front:
    """Serves a WSGI app from an asyncio loop; see the package docstring for why."""

    def __init__(
        self, app: wsgi.WSGIApp, limits: ServerLimits, threads: int = 16, early: EarlyAnswer | None = None
    ) -> None:
        self.app, self.limits, self.early = app, limits, early
        self.requests = ThreadPoolExecutor(threads, thread_name_prefix="kagaz-request", initializer=yield_to_loop)
        self.health = ThreadPoolExecutor(HEALTH_THREADS, thread_name_prefix="kagaz-health")
        self.connections: set[asyncio.Task[None]] = set()
        self.busy = 0  # requests handed to a thread and not yet answered
        self.server: asyncio.Server | None = None
        self._full_logged = 0.0

    async def start(self, sock: socket.socket) -> None:
        """Serve on the bound, listening ``sock``."""
        self.server = await asyncio.start_server(self.accept, sock=sock, limit=self.limits.max_header_bytes)

    async def accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if len(self.connections) >= self.limits.max_connections:
            now = asyncio.get_running_loop().time()
            if now - self._full_logged > 10:
                self._full_logged = now
                log.warning("%d connections open: closing new ones at once", len(self.connections))
            writer.close()  # no answer: a server this full must not spend on one
            return
        send_at_once(writer)
        task = asyncio.current_task()
        assert task is not None
        self.connections.add(task)
        try:
            await Connection(self, reader, writer).run()
        except asyncio.CancelledError:
            pass  # stop() ends the connections left; the task ends normally (asyncio logs a cancelled one)
        finally:
            self.connections.discard(task)

    def answer_early(self, environ: dict[str, Any]) -> wsgi.Answer | None:
        """The ``early`` check's answer for a received request, or None: the app is to answer it."""
        if self.early is None:
            return None
        try:
            return self.early(environ)
        except Exception:
            log.exception("the early check failed: the app answers instead")
            return None

    async def dispatch(self, head: wsgi.Head, environ: dict[str, Any]) -> wsgi.Answer:
        """Run the app on a request thread (a health thread for health checks) and return its answer."""
        lane = self.health if head.method == "GET" and environ["PATH_INFO"].startswith("/health") else self.requests
        self.busy += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(lane, wsgi.call, self.app, environ, PREFETCH)
        except Exception:
            log.exception("the application failed outside its own error handling")
            return wsgi.Answer(500, "Internal Server Error", [("Content-Length", "0")], iter(()))
        finally:
            self.busy -= 1

    async def pull(self, body: Iterator[bytes]) -> list[bytes]:
        """The answer's next chunks, pulled on a request thread (a file read, a generator)."""
        return await asyncio.get_running_loop().run_in_executor(self.requests, wsgi.pull, body, PREFETCH)

    async def close_answer(self, answer: wsgi.Answer) -> None:
        await asyncio.get_running_loop().run_in_executor(self.requests, answer.close)

    async def stop(self, grace: float) -> None:
        """Stop accepting; give requests under way ``grace`` seconds; close every connection."""
        if self.server is not None:
            self.server.close()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + grace
        while self.busy and loop.time() < deadline:
            await asyncio.sleep(0.05)
        for task in list(self.connections):
            task.cancel()
        if self.connections:
            await asyncio.wait(list(self.connections), timeout=5)
        self.requests.shutdown(wait=False, cancel_futures=True)
        self.health.shutdown(wait=False, cancel_futures=True)


def send_at_once(writer: asyncio.StreamWriter) -> None:
    """Turn Nagle's algorithm off for this connection (``TCP_NODELAY``).

    An answer leaves in pieces (its head, then its body); with Nagle on, the kernel holds the body back until
    the client has acknowledged the head, and a client that delays its acknowledgements (Linux: 40 ms) gets
    the answer that much later. Measured (issue 17, concurrency 48, queue 2): a fifth of the 503s arrived
    40-45 ms late for this alone, which was the whole of their p95. asyncio sets the option itself only on
    sockets made with ``proto=IPPROTO_TCP``, and the connections of a listener made as ``socket(AF_INET,
    SOCK_STREAM)`` are not (``listen`` below; the same holds for a socket a supervisor hands over)."""
    sock = writer.get_extra_info("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def yield_to_loop() -> None:
    """Lower the calling request thread's CPU priority by ``REQUEST_THREAD_NICE`` (see there for why); where
    threads have no priority of their own, or the call is refused, the thread keeps running as it was."""
    with contextlib.suppress(OSError, AttributeError):
        thread = threading.get_native_id()
        current = os.getpriority(os.PRIO_PROCESS, thread)
        os.setpriority(os.PRIO_PROCESS, thread, min(19, current + REQUEST_THREAD_NICE))


def listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket (``SO_REUSEADDR``, so that a restart does not wait for TIME_WAIT)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    sock.setblocking(False)
    return sock


class Running:
    """A front serving in a background thread with its own loop (tests, the load benchmark).

    ``with Running(app, limits) as base: ...`` gives ``http://127.0.0.1:<port>`` and stops on exit.
    """

    def __init__(
        self,
        app: wsgi.WSGIApp,
        limits: ServerLimits,
        threads: int = 16,
        host: str = "127.0.0.1",
        early: EarlyAnswer | None = None,
    ) -> None:
        self.front = Front(app, limits, threads, early)
        self.sock = listen(host, 0)
        self.port = int(self.sock.getsockname()[1])
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="kagaz-front", daemon=True)
        self._stopped = threading.Event()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_until_complete(self.front.start(self.sock))
        self.loop.run_forever()
        self.loop.run_until_complete(self.front.stop(grace=5))
        self.loop.close()
        self._stopped.set()

    def __enter__(self) -> str:
        self._thread.start()
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *_exc: object) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._stopped.wait(30)
        with contextlib.suppress(OSError):
            self.sock.close()
