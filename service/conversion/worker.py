"""One LibreOffice worker: a unoserver + soffice process group that converts one DOCX at a time.

What a caller may rely on:

* The worker runs ``settings.uno_python`` (Debian's ``/usr/bin/python3``, the one with ``uno``) as
  ``python3 -m kagaz_unoserver``: unoserver with hardened loading (``unoserver_main.py``). unoserver is
  installed in Kagaz's venv, not for that Python, so the worker's private directory holds a ``pythonpath``
  folder of symlinks (the ``unoserver`` package, its ``dist-info`` for ``importlib.metadata``, and
  ``kagaz_unoserver.py``) that becomes the child's ``PYTHONPATH``.
* Everything the worker writes lives in its private directory: a fresh LibreOffice profile seeded with
  ``registrymodifications.xcu``, LibreOffice's temp files (``TMPDIR``), and ``worker.log`` (stdout and
  stderr of the group). The pool deletes the directory after ``stop``.
* XML-RPC and UNO listen on random free ports on 127.0.0.1 only. LibreOffice's HTTP(S) proxy, in the
  profile and in the environment, is a dead address: with ``BlockUntrustedRefererLinks`` and the load
  properties of ``unoserver_main.py`` that is three walls between a document and the network.
* Ready means: unoserver answers ``system.listMethods`` and one tiny warm-up DOCX converted, within
  ``start_timeout``; about 1 s on this machine.
* It is a process group of its own (``start_new_session``): ``stop`` kills the whole group with SIGKILL,
  reaps the leader and checks that no process of the group is left. If Kagaz dies without ``stop``, the
  worker's watchdog (``unoserver_main.watch_supervisor``) kills the group.
* Documents are passed as paths on the shared disk, never as bytes over XML-RPC, and converted with
  ``update_index=False`` and the ``writer_pdf_Export`` filter named, so unoserver neither refreshes the
  document twice nor looks filters up per job. The stock client is not used: it asks for the whole filter
  list (``info``) before every conversion.
* The group runs with ``PoolOptions.allocator`` preloaded (jemalloc when installed): LibreOffice loads and
  exports faster with it (see ``options.py``).
"""

from __future__ import annotations

import contextlib
import http.client
import importlib.metadata
import importlib.util
import logging
import os
import shutil
import subprocess
import threading
import time
import xmlrpc.client
import zipfile
from collections.abc import Sequence
from pathlib import Path

from service.conversion import processes
from service.conversion.options import PoolOptions
from service.conversion.protocol import WorkerCrashed, WorkerStartFailed
from service.errors import ConversionFailed, ConversionTimeout

logger = logging.getLogger(__name__)

ENTRY_MODULE = "kagaz_unoserver"
SUPERVISOR_VARIABLE = "UNOSERVER_SUPERVISOR_PID"  # read by unoserver_main.watch_supervisor
NICE_VARIABLE = "UNOSERVER_WORKER_NICE"  # read by unoserver_main.main: the niceness LibreOffice inherits
PROFILE_SETTINGS = Path(__file__).with_name("registrymodifications.xcu")
PDF_EXPORT_FILTER = "writer_pdf_Export"
# The dead proxy of registrymodifications.xcu, also given to libcurl through the environment.
DEAD_PROXY = "http://127.0.0.1:9"
# How long a liveness question (system.listMethods) may take. unoserver answers it in a millisecond
# when idle; 2 s tolerates a loaded machine while still telling a hung LibreOffice from a slow one.
PING_TIMEOUT = 2.0
READY_POLL_INTERVAL = 0.05
LOG_TAIL_BYTES = 2000

WARM_UP_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument"/></Relationships>'
    ),
    "word/document.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        "<w:p><w:r><w:t>Kagaz: ң ө ү</w:t></w:r></w:p></w:body></w:document>"
    ),
}


class _TimeoutTransport(xmlrpc.client.Transport):
    """An XML-RPC transport whose socket gives up after ``timeout`` seconds (connect, send, receive)."""

    def __init__(self, timeout: float) -> None:
        super().__init__()
        self._timeout = timeout

    def make_connection(self, host: tuple[str, dict[str, str]] | str) -> http.client.HTTPConnection:
        connection = super().make_connection(host)
        connection.timeout = self._timeout
        return connection


def unoserver_python_path(directory: Path) -> Path:
    """Fill ``directory`` with the symlinks LibreOffice's Python needs to run ``kagaz_unoserver``."""
    spec = importlib.util.find_spec("unoserver")
    if spec is None or not spec.submodule_search_locations:
        raise WorkerStartFailed("the unoserver package is not installed in Kagaz's environment")
    package = Path(next(iter(spec.submodule_search_locations)))
    distribution = importlib.metadata.distribution("unoserver")
    metadata_dirs = {part.parts[0] for part in distribution.files or () if part.parts[0].endswith(".dist-info")}
    directory.mkdir(parents=True, exist_ok=True)
    links = {"unoserver": package, f"{ENTRY_MODULE}.py": Path(__file__).with_name("unoserver_main.py")}
    for name in metadata_dirs:
        links[name] = Path(str(distribution.locate_file(name)))
    for name, target in links.items():
        (directory / name).symlink_to(target.resolve())
    return directory


class LibreOfficeWorker:
    """One unoserver + LibreOffice process group; implements ``protocol.Worker``."""

    def __init__(self, directory: Path, options: PoolOptions) -> None:
        self.directory = directory
        self.options = options
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._stopped = False
        self._reaped = False
        self._xmlrpc_port = 0
        self._soffice_pid: int | None = None

    # --- life cycle -------------------------------------------------------------------------------
    def start(self) -> None:
        """Launch the group and return once a (warm-up) conversion went through; on failure, kill it."""
        try:
            self._launch()
            self._wait_until_ready(time.monotonic() + self.options.start_timeout)
        except BaseException:
            self.stop()
            raise

    def _launch(self) -> None:
        executable = shutil.which(self.options.soffice)
        if executable is None:
            raise WorkerStartFailed(f"LibreOffice executable {self.options.soffice!r} not found")
        python_path = unoserver_python_path(self.directory / "pythonpath")
        profile = self.directory / "profile"
        (profile / "user").mkdir(parents=True)
        shutil.copyfile(PROFILE_SETTINGS, profile / "user" / "registrymodifications.xcu")
        temp = self.directory / "tmp"
        temp.mkdir()
        self._xmlrpc_port, uno_port = processes.free_ports(2)
        command = [
            self.options.uno_python,
            "-m",
            ENTRY_MODULE,
            "--interface=127.0.0.1",
            f"--port={self._xmlrpc_port}",
            "--uno-interface=127.0.0.1",
            f"--uno-port={uno_port}",
            f"--user-installation={profile}",
            f"--executable={executable}",
            f"--temp-dir={temp}",
        ]
        environment = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
        environment.update(PYTHONPATH=str(python_path), PYTHONDONTWRITEBYTECODE="1", TMPDIR=str(temp))
        environment[SUPERVISOR_VARIABLE] = str(os.getpid())  # the worker kills itself when we are gone
        environment[NICE_VARIABLE] = str(self.options.nice)
        for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
            environment[name] = DEAD_PROXY
        if self.options.allocator:  # see PoolOptions.allocator: LibreOffice converts faster with it
            environment["LD_PRELOAD"] = self.options.allocator
        environment.update(no_proxy="", NO_PROXY="")
        with self._lock:
            if self._stopped:
                raise WorkerStartFailed("worker stopped before it started")
            with (self.directory / "worker.log").open("wb") as log:
                self._process = subprocess.Popen(
                    command,
                    cwd=self.directory,
                    env=environment,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )

    def _wait_until_ready(self, deadline: float) -> None:
        process = self._require_process()
        while True:
            if self._stopped:
                raise WorkerStartFailed("worker stopped while starting")
            if process.poll() is not None:
                raise WorkerStartFailed(f"unoserver exited with {process.returncode}: {self.log_tail()}")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WorkerStartFailed(f"not ready within {self.options.start_timeout:g} s: {self.log_tail()}")
            if self._ping(min(PING_TIMEOUT, remaining)):
                break
            time.sleep(READY_POLL_INTERVAL)
        soffice = processes.find_soffice(process.pid)
        if soffice is None:
            raise WorkerStartFailed(f"unoserver answers but no soffice.bin runs: {self.log_tail()}")
        self._soffice_pid = soffice.pid
        if self.options.warm_up:
            self._warm_up(max(deadline - time.monotonic(), 1.0))

    def _warm_up(self, timeout: float) -> None:
        """Convert a one-line DOCX, so that filters and fonts are loaded before the first real job."""
        source = self.directory / "tmp" / "warm-up.docx"
        with zipfile.ZipFile(source, "w") as archive:
            for name, text in WARM_UP_PARTS.items():
                archive.writestr(name, text)
        try:
            self.convert(source, source.with_suffix(".pdf"), timeout)
        except (ConversionFailed, ConversionTimeout, WorkerCrashed) as error:
            raise WorkerStartFailed(f"warm-up conversion failed: {error}") from error

    def stop(self) -> None:
        """Kill the whole process group with SIGKILL, reap the leader, and check that nothing is left."""
        with self._lock:
            self._stopped = True
            process = self._process
            if process is None or self._reaped:
                return
            self._reaped = True
        processes.kill_group(process.pid)  # the leader's pid is the group's id (start_new_session)
        try:
            process.wait(timeout=self.options.kill_timeout)
        except subprocess.TimeoutExpired:
            logger.error("worker %s: unoserver (pid %d) survived SIGKILL", self.directory.name, process.pid)
        left = processes.wait_until_gone(process.pid, self.options.kill_timeout)
        if left:
            logger.error("worker %s: processes left after SIGKILL: %s", self.directory.name, left)

    # --- work -------------------------------------------------------------------------------------
    def convert(self, in_path: Path, out_path: Path, timeout: float, filter_options: Sequence[str] = ()) -> None:
        """Convert ``in_path`` (a DOCX) to the PDF ``out_path``; see ``protocol`` for the errors."""
        try:
            with self._proxy(timeout) as proxy:
                proxy.convert(
                    str(in_path),  # inpath
                    None,  # indata: never bytes over XML-RPC
                    str(out_path),  # outpath
                    None,  # convert_to: taken from outpath
                    PDF_EXPORT_FILTER,  # filtername
                    list(filter_options),  # filter_options: the PDF exporter's Name=Value FilterData
                    False,  # update_index: it reloads the document twice
                    self.options.input_filter,  # infiltername
                    None,  # password
                )
        except TimeoutError as error:
            raise ConversionTimeout(f"no answer from LibreOffice within {timeout:g} s") from error
        except xmlrpc.client.Fault as fault:
            if not self._answers():
                raise WorkerCrashed(f"LibreOffice died during the conversion: {fault.faultString}") from None
            raise ConversionFailed(f"LibreOffice could not convert the document: {fault.faultString}") from None
        except (OSError, http.client.HTTPException, xmlrpc.client.ProtocolError) as error:
            raise WorkerCrashed(f"lost unoserver during the conversion: {error!r}") from error
        if not out_path.is_file() or out_path.stat().st_size == 0:
            raise ConversionFailed("LibreOffice reported success but wrote no PDF")

    def healthy(self) -> bool:
        """True if unoserver and soffice.bin both run, not stopped (reads /proc; asks the process nothing)."""
        process = self._process
        if process is None or self._stopped or process.poll() is not None:
            return False
        soffice = self._soffice()
        return soffice is not None and soffice.running

    @property
    def pid(self) -> int | None:
        """The pid of ``soffice.bin``, the process that converts and grows (the last one seen, if dead)."""
        self._soffice()
        return self._soffice_pid

    @property
    def group(self) -> int | None:
        """The process group (the pid of the unoserver Python) of this worker."""
        return None if self._process is None else self._process.pid

    def rss_bytes(self) -> int | None:
        soffice = self._soffice()
        return None if soffice is None else soffice.rss_bytes

    def log_tail(self) -> str:
        """The end of ``worker.log``, for error messages."""
        with contextlib.suppress(OSError), (self.directory / "worker.log").open("rb") as log:
            log.seek(0, os.SEEK_END)
            log.seek(max(0, log.tell() - LOG_TAIL_BYTES))
            return log.read().decode("utf-8", "replace").strip()
        return ""

    # --- helpers ----------------------------------------------------------------------------------
    def _require_process(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            raise WorkerStartFailed("worker not launched")
        return self._process

    def _proxy(self, timeout: float) -> xmlrpc.client.ServerProxy:
        return xmlrpc.client.ServerProxy(
            f"http://127.0.0.1:{self._xmlrpc_port}", transport=_TimeoutTransport(timeout), allow_none=True
        )

    def _ping(self, timeout: float) -> bool:
        try:
            with self._proxy(timeout) as proxy:
                proxy.system.listMethods()
        except (OSError, http.client.HTTPException, xmlrpc.client.Error):
            return False
        return True

    def _answers(self) -> bool:
        """After an error from unoserver: are LibreOffice and unoserver still there and answering?"""
        return self.healthy() and self._ping(PING_TIMEOUT)

    def _soffice(self) -> processes.ProcessInfo | None:
        process = self._process
        if process is None:
            return None
        if self._soffice_pid is not None:
            info = processes.read_process(self._soffice_pid)
            if info is not None and info.alive and info.group == process.pid:
                return info
        info = processes.find_soffice(process.pid)
        if info is not None:
            self._soffice_pid = info.pid
        return info
