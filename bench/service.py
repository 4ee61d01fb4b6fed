"""The running service, as a client sees it: ``kagaz serve`` in a subprocess on a free loopback port."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType

from bench import procs
from service.conversion import processes


class Service:
    """``kagaz serve`` with its own data dir and ``pool_size`` LibreOffice workers; one keep-alive client."""

    def __init__(self, pool_size: int = 1, ready_timeout: float = 120) -> None:
        self.port = processes.free_port()
        self.data_dir = Path(tempfile.mkdtemp(prefix="kagaz-bench-service-"))
        environment = {
            **os.environ,
            "KAGAZ_POOL_SIZE": str(pool_size),
            "KAGAZ_DATA_DIR": str(self.data_dir),
            "KAGAZ_AUTH_REQUIRED": "false",
        }
        self.log = (self.data_dir / "serve.log").open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "service.cli", "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            env=environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._connection: http.client.HTTPConnection | None = None
        self._wait_ready(ready_timeout)

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"kagaz serve exited with {self.process.returncode}: {self.log_tail()}")
            try:
                status, body = self.request("GET", "/health")
                if status == 200 and json.loads(body).get("ready"):
                    return
            except (OSError, http.client.HTTPException):
                self._connection = None
            time.sleep(0.2)
        raise RuntimeError(f"kagaz serve was not ready within {timeout:g} s: {self.log_tail()}")

    def request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
        """One request on the kept-alive connection (reopened once if the server closed it)."""
        headers = {"Content-Type": "application/json"} if body is not None else {}
        for attempt in (1, 2):
            if self._connection is None:
                self._connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            try:
                self._connection.request(method, path, body=body, headers=headers)
                response = self._connection.getresponse()
                return response.status, response.read()
            except (ConnectionError, http.client.RemoteDisconnected, http.client.BadStatusLine):
                self._connection.close()
                self._connection = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def post_pdf(self, path: str, body: bytes) -> float:
        """Milliseconds of one POST that must answer 200 with a PDF."""
        began = time.perf_counter()
        status, content = self.request("POST", path, body)
        elapsed = (time.perf_counter() - began) * 1000
        if status != 200 or not content.startswith(b"%PDF"):
            raise RuntimeError(f"POST {path} answered {status}: {content[:300]!r}")
        return round(elapsed, 2)

    def processes(self) -> list[procs.Process]:
        return procs.tree(self.process.pid)

    def memory(self) -> dict[str, object]:
        """Peak and current memory of the service's own processes and of its LibreOffice processes."""
        own, office = [], []
        for process in self.processes():
            entry = {
                "pid": process.pid,
                "kind": procs.kind(process),
                "peak_rss_mb": procs.status_mb(process.pid, "VmHWM"),
                "rss_mb": procs.status_mb(process.pid, "VmRSS"),
                "pss_mb": procs.pss_mb(process.pid),
            }
            (own if entry["kind"] == "kagaz serve" else office).append(entry)
        return {
            "service": own,
            "service_peak_rss_mb": round(sum(entry["peak_rss_mb"] or 0 for entry in own), 1),
            "service_pss_mb": round(sum(entry["pss_mb"] or 0 for entry in own), 1),
            "libreoffice": office,
        }

    def log_tail(self) -> str:
        try:
            return (self.data_dir / "serve.log").read_text(errors="replace")[-1500:]
        except OSError:
            return ""

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # kagaz serve finishes its requests, then stops the pool
            try:
                self.process.wait(timeout=45)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def __enter__(self) -> Service:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
