"""Running the WSGI app on a request the front has already received in full (PEP 3333).

``environ`` builds the environment from the parsed head and the spooled body; ``call`` runs the app in a
request thread and hands back the status, the headers and the body as an iterator that the front pulls
from (in batches, in a thread) while it writes. A refused request (``REFUSED_KEY``) goes through the app
too, without its body, so that the refusal is the app's own answer: a JSON problem on the API, a page on
the staff pages, in the person's language.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any
from urllib.parse import unquote_to_bytes
from wsgiref.util import FileWrapper

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

REFUSED_KEY = "kagaz.refused"  # the status the front refused the request with (413, 414, 431, 400)
FILE_BLOCK = 256 * 1024  # wsgi.file_wrapper's read size (send_file: batch ZIPs, template files)
_SKIP = {"content-length", "transfer-encoding"}  # the body's framing: the front has read the body already


@dataclass(frozen=True)
class Head:
    """What the front knows of a request before its body: method, target, version, headers, peer."""

    method: str
    target: bytes
    http_version: str
    headers: list[tuple[bytes, bytes]]
    peer: tuple[str, int]
    server: tuple[str, int]


@dataclass
class Answer:
    """What the app answered: status line, headers, and the body still to be pulled."""

    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: Iterator[bytes]
    first: list[bytes] = field(default_factory=list)  # already pulled in the request thread
    close: Callable[[], None] = lambda: None
    # The whole body is in ``first`` and the app's iterable is closed: the front writes it without going
    # back to a request thread (a refusal or a JSON answer costs one trip to a thread, not three).
    complete: bool = False


def split_target(target: bytes) -> tuple[bytes, bytes]:
    """``/path?query`` (or an absolute-form ``http://host/path?query``) as (path, query)."""
    if not target.startswith(b"/"):
        scheme, sep, rest = target.partition(b"://")
        if sep and scheme.isalpha():
            target = b"/" + rest.partition(b"/")[2]
    path, _, query = target.partition(b"?")
    return path.partition(b"#")[0] or b"/", query


def path_info(target: bytes) -> str:
    """The path the app routes: percent-decoded, its bytes as latin-1 (PEP 3333's ``PATH_INFO``).

    The one decoding for the environment and for the front's choice of a body limit, so that
    ``/api/v1/%76erify`` gets the limit of the route it reaches, and the 413's wording (made from the
    app's decoded path) names the limit the front applied."""
    return unquote_to_bytes(split_target(target)[0]).decode("latin-1")


def environ(head: Head, body: IO[bytes], length: int, refused: int | None = None) -> dict[str, Any]:
    """The WSGI environment; ``length`` is the body's size as received (a chunked body's too)."""
    env: dict[str, Any] = {
        "REQUEST_METHOD": head.method,
        "SCRIPT_NAME": "",
        "PATH_INFO": path_info(head.target),
        "QUERY_STRING": split_target(head.target)[1].decode("latin-1"),
        "SERVER_NAME": head.server[0],
        "SERVER_PORT": str(head.server[1]),
        "SERVER_PROTOCOL": f"HTTP/{head.http_version}",
        "REMOTE_ADDR": head.peer[0],
        "REMOTE_PORT": str(head.peer[1]),
        "CONTENT_LENGTH": str(length) if length else "",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": body,
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "wsgi.input_terminated": True,
        "wsgi.file_wrapper": lambda file, block=FILE_BLOCK: FileWrapper(file, block),
    }
    if refused is not None:
        env[REFUSED_KEY] = refused
    for raw_name, raw_value in head.headers:
        name, value = raw_name.decode("latin-1").lower(), raw_value.decode("latin-1")
        if name == "content-type":
            if refused is None:  # a refused request has no body to describe
                env["CONTENT_TYPE"] = value
            continue
        # A name with an underscore is dropped: as an HTTP_* variable it would be indistinguishable from the
        # dashed name (gunicorn and nginx drop them too).
        if name in _SKIP or "_" in name:
            continue
        key = "HTTP_" + name.upper().replace("-", "_")
        if key in env:
            env[key] += ("; " if name == "cookie" else ", ") + value
        else:
            env[key] = value
    return env


def refused_environ(head: Head, status: int) -> dict[str, Any]:
    """The environment of a request refused unread: no body, the status the front chose."""
    return environ(head, io.BytesIO(), 0, refused=status)


def call(app: WSGIApp, env: dict[str, Any], prefetch: int) -> Answer:
    """Run ``app`` on ``env`` (in a request thread); pull up to ``prefetch`` bytes of its body at once."""
    started: list[Any] = []
    written: list[bytes] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable:
        if exc_info is not None and started:
            raise exc_info[1].with_traceback(exc_info[2])
        started[:] = [status, headers]
        return written.append  # the legacy write() callable: kept in order, sent first

    result = app(env, start_response)
    iterator = iter(result)
    first = list(written)
    complete = False
    try:
        size = sum(map(len, first))
        while not started or size < prefetch:  # the app may call start_response on its first chunk
            chunk = next(iterator, None)
            if chunk is None:
                complete = True
                break
            first.append(chunk)
            size += len(chunk)
    except BaseException:
        _close(result)
        raise
    if not started:
        _close(result)
        raise RuntimeError("the WSGI application returned without calling start_response")
    status, headers = started
    code, _, reason = status.partition(" ")
    if complete:
        _close(result)
        return Answer(int(code), reason, headers, iter(()), first, complete=True)
    return Answer(int(code), reason, headers, iterator, first, lambda: _close(result))


def pull(iterator: Iterator[bytes], budget: int) -> list[bytes]:
    """The next chunks of a body, up to about ``budget`` bytes; empty at the end (run in a thread)."""
    chunks, size = [], 0
    for chunk in iterator:
        chunks.append(chunk)
        size += len(chunk)
        if size >= budget:
            break
    return chunks


def _close(result: Iterable[bytes]) -> None:
    close = getattr(result, "close", None)
    if close is not None:
        close()
