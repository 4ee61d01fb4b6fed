"""``kagaz serve``'s HTTP server: an asyncio front that reads every request whole before a thread sees it.

Why not the servers we had or could have had (see the README's «Serving» for the measurements):

* gunicorn's ``gthread`` worker gives a connection to a thread as soon as it is accepted and reads the
  headers and body on that thread; sixteen slow clients held all sixteen threads (issue 17).
* waitress reads whole requests on its loop, but its only deadline is ``channel_timeout``, an *inactivity*
  timeout that each trickled byte resets; a body over the limit gets a text/plain 413 and the socket is
  closed under the client (a reset, not the answer).
* uvicorn (with an ASGI-to-WSGI bridge) has no deadline for a request's head or body either
  (``timeout_keep_alive`` only runs between requests; encode/uvicorn#157), and an ASGI middleware runs only
  once the head is parsed.

So Kagaz keeps a small front of its own on h11 (the sans-I/O HTTP/1.1 parser httpx and uvicorn use):
asyncio owns every socket and enforces the deadlines and sizes of ``ServerLimits``; a request received in
full (its body spooled to memory, or past ``spool_bytes`` to an anonymous temporary file deleted on close)
goes to a request thread that runs the Flask app; refusals (413, 414, 431, 400) are answered by the app
itself, so they are JSON problems on the API and pages on the staff side, in the person's language. One
refusal is answered on the loop, with no thread: a PDF request when the conversion queue has no place, by
a check the app hands over (``service.api.admission``) that builds the app's own answer.
"""

from __future__ import annotations

import asyncio
import ctypes
import gc
import logging
import os
import signal

from service.server import wsgi
from service.server.front import EarlyAnswer, Front, Running, listen
from service.server.limits import ServerLimits

__all__ = ["Front", "Running", "ServerLimits", "serve"]

log = logging.getLogger("kagaz.server")


def serve(
    app: wsgi.WSGIApp,
    limits: ServerLimits,
    host: str,
    port: int,
    threads: int,
    grace: float = 30,
    early: EarlyAnswer | None = None,
) -> None:
    """Serve ``app`` on ``host:port`` until SIGTERM or SIGINT, then finish requests under way for ``grace`` s.
    ``early``: the app's check that may answer a request on the loop (``Front``)."""
    sock = listen(host, port)
    share_malloc_arenas()
    settle_heap()

    async def main() -> None:
        front = Front(app, limits, threads, early)
        await front.start(sock)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop.set)
        log.info("listening on http://%s:%d (%d request threads)", host, port, threads)
        await stop.wait()
        log.info("stopping: %d requests under way", front.busy)
        await front.stop(grace)

    asyncio.run(main())


def settle_heap() -> None:
    """Move every object alive at start-up (modules, the app, schemas, templates, the pool) out of the
    garbage collector's sight, so that its full collections scan only what requests left behind.

    Measured (issue 17): under load a full (generation 2) collection of ``kagaz serve`` took 200-400 ms,
    every ten seconds or so, holding the GIL: the event loop stood still and every refusal and answer
    waiting on it took that much longer. After ``gc.freeze()`` the same collections take about 5 ms.
    Frozen objects are never freed, which is what start-up objects are for anyway (CPython's advice for
    a server that forks or runs long: collect, then freeze)."""
    gc.collect()
    gc.freeze()


M_ARENA_MAX = -8  # glibc's mallopt parameter (malloc.h)
MALLOC_ARENAS = 4


def share_malloc_arenas() -> None:
    """Let the request threads allocate from ``MALLOC_ARENAS`` malloc arenas in all instead of one each.

    glibc gives each new thread that allocates an arena of its own (up to 8 per core), which grows to that
    thread's working size and keeps it. The request threads are made on demand, so under a burst a new one
    appears late in a long run and the service's resident memory steps up by its arena. Measured over 5,000
    conversions (issue 17's memory run, ``bench.load --requests 5000 --concurrency 8``):

    * one arena a thread: flat between steps, then up 0.5 and 1.8 MiB after the 3,400th request
      (1.37 KiB a request over the last 2,000);
    * every thread made at start instead: 16 arenas growing together, 157 MiB and 0.61 KiB a request;
    * 2 arenas: flat (0.0 KiB a request), but the throttled load benchmark lost ~8 % of its throughput
      (rendering threads and the loop's thread waiting on each other's arena locks);
    * 4 arenas: 0.39 KiB a request, flat from the 3,100th, 134 MiB, and the throughput kept (99 %).

    The same as ``MALLOC_ARENA_MAX=4`` in the environment; an operator who set that variable keeps their
    value. The C library is the one already loaded (``CDLL(None)``): ``ctypes.util.find_library`` would run
    ``ldconfig`` at every start. Elsewhere than glibc this does nothing."""
    if "MALLOC_ARENA_MAX" in os.environ:
        return
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    if not mallopt(M_ARENA_MAX, MALLOC_ARENAS):
        log.info("mallopt(M_ARENA_MAX) refused: request threads keep an arena each")
