"""One client connection: read each request whole under deadlines, hand it to a thread, write the answer.

The rules a client meets (the values are ``ServerLimits``):

* the request line and headers must arrive within ``header_timeout`` of their first byte, and a kept-alive
  connection may stay silent ``idle_timeout`` between requests; else the connection is closed;
* a body gets ``body_timeout`` of grace, then must keep up ``body_min_rate`` bytes/s on average;
* a request line over ``max_request_line`` is refused with 414, a head over ``max_header_bytes`` with 431,
  a malformed one with 400;
* a body over the path's limit is refused with 413 whatever its framing: at once when its Content-Length
  says so (a client waiting for ``100 Continue`` then sends nothing), else as soon as the received bytes
  pass it (chunked). The refusal is the app's own answer (see ``wsgi.REFUSED_KEY``) and is followed by a
  lingering close: the rest of the body is read and thrown away, up to ``discard_bytes`` and under the same
  deadlines, so that a client still sending reads the 413 instead of a reset connection.

Only a request received in full reaches a request thread, so slow or idle clients hold a socket and a few
kilobytes each, never a thread. h11 parses and frames; this module owns the I/O and the policy.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import tempfile
from typing import TYPE_CHECKING, Any

import h11

from service.server import wsgi

if TYPE_CHECKING:
    from service.server.front import Front

log = logging.getLogger("kagaz.server")

READ_SIZE = 64 * 1024
PREFETCH = 1024 * 1024  # the answer's bytes pulled from the app per trip to a request thread
DRAIN_ABOVE = 256 * 1024  # bytes of an answer the kernel has not taken yet before we wait for the client
LINGER_AFTER_EOF = 2.0  # after a clean half-close, how long to wait for the client to close too


class Closed(Exception):
    """The client went away, or missed a deadline: the connection ends without an answer."""


class Connection:
    """Serves the requests of one TCP connection in turn (HTTP/1.1 keep-alive, no pipelining in parallel)."""

    def __init__(self, front: Front, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.front, self.limits = front, front.limits
        self.reader, self.writer = reader, writer
        self.h11 = h11.Connection(h11.SERVER, max_incomplete_event_size=self.limits.max_header_bytes)
        peer = writer.get_extra_info("peername") or ("", 0)
        local = writer.get_extra_info("sockname") or ("", 0)
        self.peer, self.local = (str(peer[0]), int(peer[1])), (str(local[0]), int(local[1]))
        self.loop = asyncio.get_running_loop()

    async def run(self) -> None:
        try:
            while await self.serve_one():
                self.h11.start_next_cycle()
        except Closed:
            pass
        except (ConnectionError, h11.LocalProtocolError) as error:
            log.debug("connection from %s ended: %s", self.peer[0], error)
        finally:
            self.writer.close()
            with contextlib.suppress(ConnectionError, OSError):
                await self.writer.wait_closed()

    # --- reading ------------------------------------------------------------------------------------
    async def receive(self, deadline: float) -> bytes:
        """The next bytes from the client before ``deadline`` (loop time); raises Closed on EOF or late."""
        if deadline <= self.loop.time():
            raise Closed("deadline")
        try:
            # asyncio.timeout_at, not wait_for: wait_for wraps the read in a task of its own, which costs
            # a turn of the loop, and a turn means taking the GIL back from the request threads.
            async with asyncio.timeout_at(deadline):
                data = await self.reader.read(READ_SIZE)
        except TimeoutError:
            raise Closed("deadline") from None
        if not data:
            raise Closed("end of stream")
        return data

    async def read_head(self) -> h11.Request | int | None:
        """The next request's head; a status (414, 431, 400) to refuse it with; None if the client left."""
        line = bytearray(self.h11.trailing_data[0])  # bytes of the request line so far (for 414)
        deadline = self.loop.time() + self.limits.idle_timeout
        started = bool(line)
        if started:
            deadline = self.loop.time() + self.limits.header_timeout
        while True:
            try:
                event = self.h11.next_event()
            except h11.RemoteProtocolError as error:
                return 431 if error.error_status_hint == 431 else 400
            if isinstance(event, h11.Request):
                # h11 bounds only a head still incomplete; one that arrived whole is measured here.
                return 431 if _head_size(event) > self.limits.max_header_bytes else event
            if event is not h11.NEED_DATA:
                return None  # ConnectionClosed
            try:
                data = await self.receive(deadline)
            except Closed:
                if started:
                    log.info("closed a connection from %s: no complete request head in time", self.peer[0])
                return None
            if not started:
                started, deadline = True, self.loop.time() + self.limits.header_timeout
            if b"\n" not in line:
                line += data[: self.limits.max_request_line + 2]
                end = line.find(b"\n")
                if (end if end >= 0 else len(line)) > self.limits.max_request_line + 1:
                    self.request_line = bytes(line[: self.limits.max_request_line])
                    return 414
            self.request_line = bytes(line.partition(b"\n")[0]).rstrip(b"\r")
            self.h11.receive_data(data)

    async def read_body(self, limit: int) -> tuple[Any, int] | int:
        """The body spooled (memory, then an anonymous temporary file) and its size; or 413 past ``limit``."""
        if self.h11.they_are_waiting_for_100_continue:
            await self.send(h11.InformationalResponse(status_code=100, headers=[]))
        spool = tempfile.SpooledTemporaryFile(max_size=self.limits.spool_bytes)  # noqa: SIM115 (handed to the app)
        started, received = self.loop.time(), 0
        try:
            while True:
                event = self.h11.next_event()
                if isinstance(event, h11.Data):
                    received += len(event.data)
                    if received > limit:
                        spool.close()
                        return 413
                    spool.write(event.data)
                elif isinstance(event, h11.EndOfMessage):
                    spool.seek(0)
                    return spool, received
                elif event is h11.NEED_DATA:
                    try:
                        data = await self.receive(self.limits.body_deadline(started, received))
                    except Closed as closed:
                        log.info("closed a connection from %s: body too slow or cut (%s)", self.peer[0], closed)
                        raise
                    self.h11.receive_data(data)
                else:
                    raise Closed("the client closed mid-body")
        except BaseException:
            spool.close()
            raise

    # --- one request ----------------------------------------------------------------------------------
    async def serve_one(self) -> bool:
        """Read, dispatch and answer one request; True if the connection may carry another."""
        self.request_line = b""
        event = await self.read_head()
        if event is None:
            return False
        if not isinstance(event, h11.Request):
            await self.turn_away(self.head_from_line(), event)
            return False
        head = wsgi.Head(
            method=event.method.decode("latin-1"),
            target=bytes(event.target),
            http_version=event.http_version.decode("latin-1"),
            headers=[(bytes(name), bytes(value)) for name, value in event.headers],
            peer=self.peer,
            server=self.local,
        )
        limit = self.limits.body_limit(wsgi.path_info(head.target))  # the path the app will route
        declared = _content_length(event)
        if declared is not None and any(name == b"transfer-encoding" for name, _ in event.headers):
            # Both framings at once is how requests are smuggled past a proxy (RFC 9112 §6.1): refuse it.
            await self.turn_away(head, 400)
            return False
        if declared is not None and declared > limit:
            await self.turn_away(head, 413)
            return False
        received = await self.read_body(limit)
        if isinstance(received, int):
            await self.turn_away(head, received)
            return False
        body, length = received
        try:
            environ = wsgi.environ(head, body, length)
            answer = self.front.answer_early(environ) or await self.front.dispatch(head, environ)
            await self.answer(head, answer)
        finally:
            body.close()
        return self.h11.our_state is h11.DONE and self.h11.their_state is h11.DONE

    def head_from_line(self) -> wsgi.Head:
        """The method and target of a refused head, as far as they arrived (a 414's target is cut)."""
        method, _, rest = self.request_line.partition(b" ")
        target = rest.partition(b" ")[0] or b"/"
        if not method.isalpha() or not target.startswith(b"/"):
            method, target = b"GET", b"/"
        return wsgi.Head(method.decode("latin-1"), target, "1.1", [], self.peer, self.local)

    async def turn_away(self, head: wsgi.Head, status: int) -> None:
        """Answer ``status`` through the app without reading the body, then read the rest away and close."""
        answer = await self.front.dispatch(head, wsgi.refused_environ(head, status))
        answer.headers = [(name, value) for name, value in answer.headers if name.lower() != "connection"]
        answer.headers.append(("Connection", "close"))
        log.info("refused %s %s from %s with %d", head.method, head.target[:200], self.peer[0], answer.status)
        try:
            await self.answer(head, answer)
        except h11.LocalProtocolError:
            return  # the head could not be framed (a 400 for garbage): nothing more to say
        await self.linger()

    async def linger(self) -> None:
        """Half-close, then read and discard what the client still sends, within bounds, before closing."""
        with contextlib.suppress(OSError, RuntimeError):
            self.writer.write_eof()
        started, discarded = self.loop.time(), 0
        while discarded <= self.limits.discard_bytes:
            try:
                discarded += len(await self.receive(self.limits.body_deadline(started, discarded)))
            except (Closed, ConnectionError):
                return
        log.info("closed a connection from %s after discarding %d bytes", self.peer[0], discarded)

    # --- writing ---------------------------------------------------------------------------------------
    async def send(self, event: Any) -> None:
        """Write ``event``; wait for the client to read only once ``DRAIN_ABOVE`` bytes wait for it.

        A small answer (a refusal, a JSON problem) is thus written without giving the loop up at all:
        under load each turn of the loop waits for the GIL behind the request threads (issue 17: the
        503's p95 was mostly these waits, not the work)."""
        data = self.h11.send(event)
        if data:
            if self.writer.transport.is_closing():
                raise Closed("the client went away")  # what drain() would have said
            self.writer.write(data)
            if self.writer.transport.get_write_buffer_size() <= DRAIN_ABOVE:
                return
            try:
                async with asyncio.timeout(self.limits.send_timeout):
                    await self.writer.drain()
            except TimeoutError:
                raise Closed("the client does not read") from None

    async def answer(self, head: wsgi.Head, answer: wsgi.Answer) -> None:
        """Write the app's answer, pulling the rest of its body from a request thread as the client reads."""
        try:
            headers = [(name.encode("latin-1"), value.encode("latin-1")) for name, value in answer.headers]
            await self.send(h11.Response(status_code=answer.status, headers=headers, reason=answer.reason))
            with_body = head.method != "HEAD"
            chunks = answer.first
            while chunks:
                for chunk in chunks:
                    if chunk and with_body:
                        await self.send(h11.Data(data=chunk))
                chunks = [] if answer.complete else await self.front.pull(answer.body)
            await self.send(h11.EndOfMessage())
        finally:
            if not answer.complete:
                await self.front.close_answer(answer)


def _content_length(request: h11.Request) -> int | None:
    for name, value in request.headers:
        if name == b"content-length":
            return int(value)  # h11 has checked that it is one decimal number
    return None


def _head_size(request: h11.Request) -> int:
    """The bytes of the request line and headers as sent (near enough: separators counted as one space)."""
    line = len(request.method) + len(request.target) + 14
    return line + sum(len(name) + len(value) + 4 for name, value in request.headers)
