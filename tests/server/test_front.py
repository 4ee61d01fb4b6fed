"""``kagaz serve``'s front with real sockets on loopback: slow clients, oversized bodies, long heads.

Every client here is bounded in count and time and talks only to a server the test started on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import html
import http.client
import json
import os
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from flask import Flask

from conftest import SAMPLES
from service import create_app
from service.server import Running, ServerLimits

PLAN = (SAMPLES / "action_plan.json").read_bytes()
LIMIT = 256 * 1024
DOCUMENT = "/api/v1/documents/action-plan"


def build(tmp_path: Path, pool: Any = None, **settings: Any) -> Flask:
    values = {"data_dir": tmp_path / "data", "start_pool": False, "jobs_workers": 0, "max_request_bytes": LIMIT}
    return create_app(values | settings, pool=pool)


def limits(**values: Any) -> ServerLimits:
    return ServerLimits(**({"max_request_bytes": LIMIT} | values))


def connect(base: str) -> socket.socket:
    host, port = base.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=10)


def get(base: str, path: str, timeout: float, **headers: str) -> tuple[int, dict[str, str], bytes]:
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


class SlowClients:
    """``slowloris`` connections trickling a header byte at a time and ``slow_bodies`` trickling a body,
    from one thread, each sending a little every ``every`` seconds until stopped (at most ``bound`` s)."""

    def __init__(self, base: str, slowloris: int, slow_bodies: int, every: float = 0.5, bound: float = 120) -> None:
        self.sockets = [connect(base) for _ in range(slowloris + slow_bodies)]
        self.heads = self.sockets[:slowloris]
        self.bodies = self.sockets[slowloris:]
        self.every, self.bound = every, bound
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        for sock in self.heads:
            sock.sendall(b"POST /api/v1/documents/action-plan HTTP/1.1\r\nHost: x\r\n")
        for sock in self.bodies:
            head = f"POST {DOCUMENT}?format=pdf HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            sock.sendall(head.encode() + f"Content-Length: {LIMIT - 10}\r\n\r\n".encode() + PLAN[:100])
        ends = time.monotonic() + self.bound
        while not self.stop.wait(self.every) and time.monotonic() < ends:
            for sock, piece in [(sock, b"X") for sock in self.heads] + [(sock, b" " * 64) for sock in self.bodies]:
                with contextlib.suppress(OSError):  # closed by the server: what some tests wait for
                    sock.send(piece)

    def still_open(self) -> int:
        """How many of the connections the server has not closed."""
        open_ = 0
        for sock in self.sockets:
            sock.setblocking(False)
            try:
                open_ += sock.recv(1) != b""
            except BlockingIOError:
                open_ += 1
            except OSError:
                pass
        return open_

    def __enter__(self) -> SlowClients:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop.set()
        self.thread.join(10)
        for sock in self.sockets:
            sock.close()


@pytest.mark.office
def test_slow_clients_cannot_take_the_service(pool: Any, tmp_path: Path) -> None:
    app = build(tmp_path, pool)
    with Running(app, limits(), threads=16) as base, SlowClients(base, slowloris=64, slow_bodies=16) as slow:
        time.sleep(2)  # every slow connection accepted and trickling
        began = time.monotonic()
        status, _, body = get(base, "/health/live", timeout=5)
        assert status == 200 and json.loads(body)["live"] is True
        host, port = base.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        connection.request("POST", DOCUMENT + "?format=pdf", PLAN, {"Content-Type": "application/json"})
        response = connection.getresponse()
        pdf = response.read()
        elapsed = time.monotonic() - began
        connection.close()
        assert response.status == 200 and pdf.startswith(b"%PDF-"), (response.status, pdf[:200])
        # 5 s is the issue's bar with slack for a shared machine; before the front, these never answered.
        assert elapsed < 15, f"health and a PDF took {elapsed:.1f} s under 80 slow clients"
        assert slow.still_open() == 80, "the slow clients were dropped, so they held nothing"


def test_a_head_and_a_body_that_come_too_slowly_are_cut_off(tmp_path: Path) -> None:
    app = build(tmp_path)
    bounds = limits(header_timeout=1.0, body_timeout=1.0, body_min_rate=1024)
    with Running(app, bounds) as base, SlowClients(base, slowloris=4, slow_bodies=4, every=0.2, bound=30) as slow:
        give_up = time.monotonic() + 20
        while slow.still_open() and time.monotonic() < give_up:
            time.sleep(0.25)
        assert slow.still_open() == 0
        status, _, _ = get(base, "/health/live", timeout=5)
        assert status == 200


def test_an_idle_connection_is_closed_and_a_kept_alive_one_serves_again(tmp_path: Path) -> None:
    app = build(tmp_path)
    with Running(app, limits(idle_timeout=1.0)) as base:
        host, port = base.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        for _ in range(3):  # one connection, three requests
            connection.request("GET", "/health/live")
            response = connection.getresponse()
            assert response.status == 200 and response.read() == b'{"live":true}\n'
        idle = connect(base)
        began = time.monotonic()
        assert idle.recv(1) == b""  # closed by the server
        assert 0.5 < time.monotonic() - began < 10
        idle.close()
        connection.close()


def chunked(sock: socket.socket, path: str, body: bytes, piece: int = 16 * 1024) -> tuple[int, dict[str, str], bytes]:
    head = f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    sock.sendall(head.encode())
    try:
        for start in range(0, len(body), piece):
            part = body[start : start + piece]
            sock.sendall(f"{len(part):x}\r\n".encode() + part + b"\r\n")
        sock.sendall(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server answered and closed: read what it said
    response = http.client.HTTPResponse(sock)
    response.begin()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()


def spy_on_render(app: Flask) -> list[str]:
    """Record every render of the app's engine (the real one runs)."""
    engine = app.extensions["kagaz.engine"]
    calls: list[str] = []
    render = engine.render

    def recorded(document: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(document)
        return render(document, *args, **kwargs)

    engine.render = recorded
    return calls


def test_a_chunked_body_over_the_limit_is_413_and_nothing_is_rendered(tmp_path: Path) -> None:
    app = build(tmp_path)
    renders = spy_on_render(app)
    padded = PLAN[:-1] + b" " * (LIMIT + 4096) + b"}"
    with Running(app, limits()) as base:
        with connect(base) as sock:
            status, headers, body = chunked(sock, DOCUMENT + "?format=docx&lang=en", padded)
        assert status == 413 and headers["content-type"] == "application/json"
        problem = json.loads(body)
        assert problem["errors"][0]["code"] == "too_large" and str(LIMIT) in problem["errors"][0]["message"]
        assert renders == []
        with connect(base) as sock:  # the same framing under the limit is rendered: the spy sees renders
            status, headers, body = chunked(sock, DOCUMENT + "?format=docx", PLAN)
        assert status == 200 and body.startswith(b"PK"), body[:300]
        assert renders == ["action-plan"]


OVER = b"{" + b" " * (12 * 1024 * 1024) + b"}"  # larger than loopback's socket buffers: still sending at the 413


def test_urllib_reads_the_413_of_a_body_over_the_limit(tmp_path: Path) -> None:
    with Running(build(tmp_path), limits()) as base:
        request = urllib.request.Request(base + DOCUMENT, OVER, {"Content-Type": "application/json"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=60)
        assert refused.value.code == 413
        assert json.loads(refused.value.read())["errors"][0]["code"] == "too_large"


def test_requests_reads_the_413_of_a_body_over_the_limit(tmp_path: Path) -> None:
    with Running(build(tmp_path), limits()) as base:
        response = requests.post(base + DOCUMENT, data=OVER, headers={"Content-Type": "application/json"}, timeout=60)
        assert response.status_code == 413 and response.json()["errors"][0]["code"] == "too_large"


@pytest.mark.parametrize("expect", ["Expect: 100-continue", "Expect:"], ids=["waits-for-continue", "sends-at-once"])
def test_curl_reads_the_413_of_a_body_over_the_limit(tmp_path: Path, expect: str) -> None:
    body = tmp_path / "over.json"
    body.write_bytes(OVER)
    with Running(build(tmp_path), limits()) as base:
        command = ["curl", "-sS", "--max-time", "60", "-H", "Content-Type: application/json", "-H", expect]
        command += ["--data-binary", f"@{body}", "-w", "\n%{http_code}", base + DOCUMENT + "?lang=ru"]
        finished = subprocess.run(command, capture_output=True, text=True, timeout=90, check=False)
    answer, _, code = finished.stdout.rpartition("\n")
    assert finished.returncode == 0, finished.stderr
    assert code == "413"
    message = json.loads(answer)["errors"][0]["message"]
    assert "байт" in message and str(LIMIT) in message  # Russian, the limit named


@pytest.fixture
def front(tmp_path: Path) -> Iterator[str]:
    with Running(build(tmp_path), limits(max_request_line=1024, max_header_bytes=4096)) as base:
        yield base


@pytest.mark.parametrize(
    ("path", "headers", "status", "code"),
    [
        ("/api/v1/templates?q=" + "a" * 2000, {}, 414, "request_line_too_long"),
        ("/api/v1/templates", {"X-Padding": "b" * 5000}, 431, "headers_too_large"),
        ("/health", {"X-Padding": "b" * 5000}, 431, "headers_too_large"),
    ],
)
def test_a_head_too_long_on_the_api_is_a_json_problem(
    front: str, path: str, headers: dict[str, str], status: int, code: str
) -> None:
    answer, response_headers, body = get(front, path, timeout=10, **headers)
    assert (answer, response_headers["content-type"]) == (status, "application/json")
    problem = json.loads(body)
    assert problem["errors"][0]["code"] == code
    assert "байт" in problem["errors"][0]["message"]  # Kyrgyz by default (the headers never arrived)


@pytest.mark.parametrize(
    ("path", "headers", "status", "words"),
    [
        ("/?lang=ru&q=" + "a" * 2000, {}, 414, "Строка запроса"),
        ("/batches?lang=en", {"X-Padding": "b" * 5000}, 431, "The request's headers are too large"),
        ("/editors/", {"X-Padding": "b" * 5000}, 431, "Суроонун баш саптары өтө чоң"),
    ],
)
def test_a_head_too_long_on_a_staff_page_is_a_page(
    front: str, path: str, headers: dict[str, str], status: int, words: str
) -> None:
    answer, response_headers, body = get(front, path, timeout=10, **headers)
    assert answer == status and response_headers["content-type"].startswith("text/html")
    assert words in html.unescape(body.decode())
    lang = parse_qs(urlsplit(path).query).get("lang", ["ky"])[0]
    assert f'<html lang="{lang}">' in body.decode()  # base.html reads the page's language


@pytest.mark.parametrize(
    ("sent", "kind", "code"),
    [
        (b"GET /api/v1/templates HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n", "application/json", "bad_request"),
        (b"HELLO\x00 THERE\r\n\r\n", "text/html; charset=utf-8", "HTTP"),  # no path: the first page
        (
            b"POST /api/v1/documents/action-plan HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "application/json",
            "bad_request",
        ),  # both framings: how requests are smuggled
    ],
)
def test_a_malformed_request_is_a_400(front: str, sent: bytes, kind: str, code: str) -> None:
    with connect(front) as sock:
        sock.sendall(sent)
        response = http.client.HTTPResponse(sock)
        response.begin()
        assert (response.status, response.getheader("Content-Type")) == (400, kind)
        assert code.encode() in response.read()


def test_the_staff_form_shows_an_upload_over_the_limit_on_the_form(tmp_path: Path) -> None:
    with Running(build(tmp_path), limits()) as base:
        files = {"file": ("plan.xlsx", b"x" * (LIMIT + 1))}
        response = requests.post(base + "/?lang=en", files=files, timeout=60)
        assert response.status_code == 413 and response.headers["content-type"].startswith("text/html")
        assert 'name="file"' in response.text and "csrf_token" in response.text  # the form, again


def test_kagaz_serve_runs_the_front(tmp_path: Path) -> None:
    """The command itself: started without LibreOffice, it answers and refuses as above, and stops on SIGTERM."""
    from bench.load import serve_subprocess

    environment = {"KAGAZ_START_POOL": "false", "KAGAZ_MAX_REQUEST_BYTES": str(LIMIT)}
    with serve_subprocess(ready_path="/health/live", environment=environment) as (base, _pid):
        with connect(base) as sock:
            status, _, body = chunked(sock, DOCUMENT + "?format=docx", PLAN[:-1] + b" " * LIMIT + b"}")
        assert status == 413 and json.loads(body)["errors"][0]["code"] == "too_large"
        assert get(base, "/health/live", timeout=10)[0] == 200


def test_connections_past_the_limit_are_closed_at_once(tmp_path: Path) -> None:
    with Running(build(tmp_path), limits(max_connections=4)) as base:
        held = [connect(base) for _ in range(4)]
        for sock in held:
            sock.sendall(b"GET /health/live HTTP/1.1\r\nHost: x\r\n")  # heads left open
        time.sleep(0.5)
        with connect(base) as extra, contextlib.suppress(ConnectionResetError):
            assert extra.recv(1) == b""
        for sock in held:
            sock.close()
        give_up = time.monotonic() + 10
        while time.monotonic() < give_up:  # the server notices the closed ones, and serves again
            with contextlib.suppress(OSError, http.client.HTTPException):
                if get(base, "/health/live", timeout=5)[0] == 200:
                    break
            time.sleep(0.2)
        else:
            pytest.fail("the service did not serve again once the connections were closed")


def test_request_threads_run_nicer_than_the_loop_and_health_threads_do_not() -> None:
    """The loop's thread keeps its priority; a request thread runs ``REQUEST_THREAD_NICE`` nicer (issue 17:
    the loop, which answers refusals, wins the CPU over rendering); a health check's thread does not."""
    import os

    from service.server.front import REQUEST_THREAD_NICE

    def niceness(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [str(os.getpriority(os.PRIO_PROCESS, threading.get_native_id())).encode()]

    own = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    with Running(niceness, limits()) as base:
        request = get(base, "/api/v1/anything", timeout=10)
        health = get(base, "/health/live", timeout=10)
    assert int(request[2]) == min(19, own + REQUEST_THREAD_NICE)
    assert int(health[2]) == own


def server_side_of(client: socket.socket) -> socket.socket:
    """This process's own socket at the other end of ``client`` (the front runs in this process): found among
    the open descriptors by its addresses, and duplicated so that its options can be read."""
    wanted = (client.getpeername(), client.getsockname())
    for fd in Path("/proc/self/fd").iterdir():
        with contextlib.suppress(OSError, ValueError):
            candidate = socket.socket(fileno=os.dup(int(fd.name)))
            with contextlib.suppress(OSError):
                if (candidate.getsockname(), candidate.getpeername()) == wanted:
                    return candidate
            candidate.close()
    raise AssertionError(f"no socket of this process is connected to {wanted[1]}")


def test_every_connection_sends_at_once_without_nagle(front: str) -> None:
    """An answer is written in pieces (its head, then its body); with Nagle's algorithm on, the kernel holds the
    body until the client acknowledges the head, and a client that delays its acknowledgement (Linux: 40 ms)
    gets every small answer that much later. Measured under load before this was set (issue 17): a fifth of
    the 503s arrived 40-45 ms late, all of the 503s' p95. asyncio sets TCP_NODELAY only on sockets made with
    ``proto=IPPROTO_TCP``, which a plain ``socket(AF_INET, SOCK_STREAM)`` listener's connections are not."""
    client = connect(front)
    try:
        client.sendall(b"GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n")
        assert client.recv(4096).startswith(b"HTTP/1.1 200")  # the connection is accepted and served
        server = server_side_of(client)
        try:
            assert server.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
        finally:
            server.close()
    finally:
        client.close()


def test_a_percent_encoded_path_gets_the_limit_of_the_route_it_reaches(tmp_path: Path) -> None:
    """The front chooses a body's limit from the path the app routes (decoded), not the raw target: a verify
    path spelled ``%76erify`` is refused at the verify limit before its body is sent, and a batch path spelled
    ``%62atches`` may carry a body past the limit of one document."""
    verify_limit = LIMIT // 4  # smaller than the document limit, so that the two limits disagree
    app = build(tmp_path, verify_max_bytes=verify_limit)
    with Running(app, limits(verify_max_bytes=verify_limit)) as base:
        with connect(base) as sock:  # waits for 100 Continue: only the front's refusal answers before the body
            head = "POST /api/v1/%76erify HTTP/1.1\r\nHost: x\r\nContent-Type: application/pdf\r\n"
            sock.sendall(f"{head}Content-Length: {verify_limit + 1}\r\nExpect: 100-continue\r\n\r\n".encode())
            sock.settimeout(5)
            assert sock.recv(12, socket.MSG_PEEK) == b"HTTP/1.1 413"  # not «100 Continue»
            response = http.client.HTTPResponse(sock)
            response.begin()
            assert (response.status, response.getheader("Connection")) == (413, "close")
            problem = json.loads(response.read())["errors"][0]
            assert problem["code"] == "too_large" and str(verify_limit) in problem["message"]
        sources = [json.loads((SAMPLES / "reports" / "2025" / "bishkek-city-court.json").read_text("utf-8"))]
        padded = json.dumps(sources).encode()[:-1] + b" " * (LIMIT + 1024) + b"]"  # over one document's limit
        host, port = base.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=60)  # sends the target as written
        try:
            connection.request("POST", "/api/v1/%62atches?format=docx", padded, {"Content-Type": "application/json"})
            answer = connection.getresponse()
            body = answer.read()
        finally:
            connection.close()
        assert answer.status == 202, body[:300]
        assert json.loads(body)["state"] == "queued"


def test_a_refusal_names_the_limit_the_front_applied(tmp_path: Path) -> None:
    """``//api/v1/verify`` is not the verify path to the front (Werkzeug would redirect it there), so the
    document limit refuses it, and the 413 says that limit, not the verify limit of ``request.path``."""
    verify_limit = LIMIT // 4
    app = build(tmp_path, verify_max_bytes=verify_limit)
    with Running(app, limits(verify_max_bytes=verify_limit)) as base, connect(base) as sock:
        head = "POST //api/v1/verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/pdf\r\n"
        sock.sendall(f"{head}Content-Length: {LIMIT + 1}\r\nExpect: 100-continue\r\n\r\n".encode())
        sock.settimeout(5)
        response = http.client.HTTPResponse(sock)
        response.begin()
        assert response.status == 413
        problem = json.loads(response.read())["errors"][0]
        assert problem["code"] == "too_large" and str(LIMIT) in problem["message"], problem
