"""Kagaz's unoserver entry point: unoserver with hardened document loading and a fast start.

This module runs in *another interpreter*: the Python that has LibreOffice's ``uno`` module
(``settings.uno_python``, Debian's ``/usr/bin/python3``), started by ``worker.py`` as
``python3 -m kagaz_unoserver`` with a private ``PYTHONPATH`` of symlinks: ``unoserver`` (the package
installed in Kagaz's venv), its ``dist-info`` and ``kagaz_unoserver.py`` (this file). It must therefore
import nothing from ``service`` and nothing outside the standard library, ``uno`` and ``unoserver``.

Why it exists rather than the stock ``unoserver`` command:

* **Hardening.** unoserver's converter opens every document with ``ReadOnly=True`` only, so macros and
  links follow whatever the profile says. Every ``loadComponentFromURL`` made here also gets
  ``MacroExecutionMode=NEVER_EXECUTE``, ``UpdateDocMode=NO_UPDATE`` and ``Hidden=True`` — a rendered DOCX
  carries user data, and a document must never run code nor fetch anything while it is converted. The
  profile's ``registrymodifications.xcu`` says the same a second time (macro security, blocked untrusted
  referers, Writer links never updated, a dead HTTP proxy).
* **No orphans.** A watchdog thread kills the worker's process group when the Kagaz process that started
  it is gone, so a crashed service leaves no LibreOffice behind.
* **Speed.** Kagaz's one kind of call (file in, file out, filters named) takes a short path that answers
  as soon as the PDF is written and closes the document in the background (``HardenedUnoConverter``).
* **Start-up.** ``UnoServer.start`` sleeps a fixed 5 s + 2 s before it even tries UNO. Here LibreOffice's
  UNO port is polled instead, so a worker is ready as soon as LibreOffice is (under 2 s on this machine
  instead of over 7 s), which matters for every restart after a crash, a timeout or a recycle.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import uno  # type: ignore[import-not-found]  # loads the com.sun.star import hook, and systemPathToFileUrl
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.document.MacroExecMode import NEVER_EXECUTE  # type: ignore[import-not-found]
from com.sun.star.document.UpdateDocMode import NO_UPDATE  # type: ignore[import-not-found]
from unoserver import converter, server  # type: ignore[import-not-found]

# How long the patched start waits for LibreOffice's UNO socket before it lets unoserver's own retry loop
# take over; the worker's start timeout (PoolOptions.start_timeout) is the real limit.
UNO_PORT_WAIT_SECONDS = 60.0
UNO_PORT_POLL_SECONDS = 0.05
# The pid of the Kagaz process that started this worker; when it dies, the worker kills itself.
SUPERVISOR_VARIABLE = "UNOSERVER_SUPERVISOR_PID"
NICE_VARIABLE = "UNOSERVER_WORKER_NICE"  # PoolOptions.nice: set before LibreOffice starts, which inherits it
SUPERVISOR_POLL_SECONDS = 0.5

# Loading properties forced on every document, whatever the caller passed.
HARDENED_LOAD_PROPERTIES: dict[str, Any] = {
    "MacroExecutionMode": NEVER_EXECUTE,
    "UpdateDocMode": NO_UPDATE,
    "Hidden": True,
    "ReadOnly": True,
}


def harden_load_properties(properties: tuple[Any, ...]) -> tuple[Any, ...]:
    """The caller's load properties with the hardened ones added, replacing any of the same name."""
    kept = tuple(prop for prop in properties if prop.Name not in HARDENED_LOAD_PROPERTIES)
    forced = tuple(PropertyValue(Name=name, Value=value) for name, value in HARDENED_LOAD_PROPERTIES.items())
    return kept + forced


class HardenedDesktop:
    """Wraps LibreOffice's ``Desktop`` so that every document it loads gets the hardened properties."""

    def __init__(self, desktop: Any) -> None:
        self._desktop = desktop

    def loadComponentFromURL(  # noqa: N802 - the UNO method name unoserver calls
        self, url: str, target: str, flags: int, properties: tuple[Any, ...]
    ) -> Any:
        return self._desktop.loadComponentFromURL(url, target, flags, harden_load_properties(properties))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._desktop, name)


class HardenedUnoConverter(converter.UnoConverter):  # type: ignore[misc]
    """unoserver's converter whose desktop always loads documents hardened, with a short path for the one
    call Kagaz makes (file in, file out, both filters named) that answers before the document is closed.

    Why: in a py-spy profile of unoserver's conversion thread (``python -m bench``), closing the document
    took 3-9 % of every conversion and the stock ``convert`` spent more on checks Kagaz does not need
    (filter-name lookups, the document type and the export type asked of LibreOffice over UNO, an output
    probe file) — several milliseconds of a ~70 ms conversion. The short path loads, exports and returns;
    the document is closed in a background thread while the caller reads the PDF, and the next load waits
    for that close, so there is never more than one document open. Every other call goes to unoserver.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.desktop = HardenedDesktop(self.desktop)
        # One long-lived closer thread (starting a thread per conversion showed up in the profile too).
        self._to_close: queue.Queue[Any] = queue.Queue()
        threading.Thread(target=self._close_documents, name="close", daemon=True).start()

    def convert(  # type: ignore[override]
        self,
        inpath: str | None = None,
        indata: bytes | None = None,
        outpath: str | None = None,
        convert_to: str | None = None,
        filtername: str | None = None,
        filter_options: list[str] | None = None,
        update_index: bool = True,
        infiltername: str | None = None,
        password: str | None = None,
    ) -> bytes | None:
        self.wait_for_close()
        if not (inpath and outpath and filtername and infiltername) or indata or convert_to:
            options = filter_options or []
            arguments = (inpath, indata, outpath, convert_to, filtername, options, update_index, infiltername, password)
            return super().convert(*arguments)
        return self.convert_file(inpath, outpath, filtername, infiltername, update_index, password, filter_options)

    def convert_file(
        self,
        inpath: str,
        outpath: str,
        filtername: str,
        infiltername: str,
        update_index: bool,
        password: str | None,
        filter_options: list[str] | None = None,
    ) -> None:
        """Load ``inpath`` with the import filter ``infiltername``, store ``outpath`` with ``filtername``;
        ``filter_options`` (``Name=Value``) become the exporter's FilterData (``SelectPdfVersion=2``)."""
        load = (PropertyValue(Name="FilterName", Value=infiltername),)
        if password:
            load += (PropertyValue(Name="Password", Value=password),)
        url = uno.systemPathToFileUrl(str(Path(inpath).resolve()))
        document = self.desktop.loadComponentFromURL(url, "_default", 0, load)
        if document is None:
            raise RuntimeError(f"Could not load document {inpath} using the {infiltername} filter.")
        try:
            if update_index:
                with contextlib.suppress(AttributeError):
                    document.refresh()
                    indexes = document.getDocumentIndexes()
                    for index in range(indexes.getCount()):
                        indexes.getByIndex(index).update()
            store = (PropertyValue(Name="FilterName", Value=filtername), PropertyValue(Name="Overwrite", Value=True))
            if filter_options:
                store += (PropertyValue(Name="FilterData", Value=filter_data(filter_options)),)
            document.storeToURL(uno.systemPathToFileUrl(str(Path(outpath).resolve())), store)
        finally:
            self.close_later(document)

    def close_later(self, document: Any) -> None:
        """Close ``document`` in the background; ``wait_for_close`` waits until it is closed."""
        self._to_close.put(document)

    def wait_for_close(self) -> None:
        self._to_close.join()

    def _close_documents(self) -> None:
        while True:
            document = self._to_close.get()
            try:
                close_document(document)
            finally:
                self._to_close.task_done()


def filter_data(options: list[str]) -> Any:
    """``Name=Value`` strings as a UNO FilterData sequence; integers and true/false typed as unoserver does."""
    values = []
    for option in options:
        name, _, text = option.partition("=")
        value: Any = {"true": True, "false": False}.get(text, int(text) if text.isdecimal() else text)
        values.append(PropertyValue(Name=name, Value=value))
    return uno.Any("[]com.sun.star.beans.PropertyValue", tuple(values))


def close_document(document: Any) -> None:
    try:
        document.close(True)
    except Exception as error:  # a veto or a dead bridge: the document must not outlive the conversion
        print(f"kagaz_unoserver: closing a document failed ({error!r}); disposing it", file=sys.stderr)
        with contextlib.suppress(Exception):
            document.dispose()


class FastStartUnoServer(server.UnoServer):  # type: ignore[misc]
    """unoserver's server whose start polls LibreOffice's UNO port instead of sleeping 7 s."""

    def start(self, executable: str = "libreoffice") -> subprocess.Popen[bytes] | None:
        connection = (
            f"socket,host={self.uno_interface},port={self.uno_port},tcpNoDelay=1;urp;StarOffice.ComponentContext"
        )
        command = [
            executable,
            "--headless",
            "--invisible",
            "--nocrashreport",
            "--nodefault",
            "--nologo",
            "--nofirststartwizard",
            "--norestore",
            f"-env:UserInstallation={self.user_installation}",
            f"--accept={connection}",
        ]
        self.libreoffice_process = subprocess.Popen(command)
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(signum, self._forward_signal)
        if not self._wait_for_uno_port():
            return None
        self.xmlrcp_thread = threading.Thread(target=self.serve, name="xmlrpc", daemon=True)
        self.xmlrcp_thread.start()
        return self.libreoffice_process

    def _forward_signal(self, signum: int, frame: object) -> None:
        self.intentional_exit = True
        if self.libreoffice_process.poll() is None:
            self.libreoffice_process.send_signal(signum)

    def _wait_for_uno_port(self) -> bool:
        """True once LibreOffice accepts on its UNO port; False if it exited first."""
        deadline = time.monotonic() + UNO_PORT_WAIT_SECONDS
        while time.monotonic() < deadline:
            if self.libreoffice_process.poll() is not None:
                return False
            try:
                with socket.create_connection((self.uno_interface, int(self.uno_port)), timeout=1):
                    return True
            except OSError:
                time.sleep(UNO_PORT_POLL_SECONDS)
        return True  # let unoserver's own retry loop decide


def watch_supervisor(supervisor: int) -> None:
    """Kill this whole process group as soon as the Kagaz process ``supervisor`` is gone.

    Each worker lives in a session of its own so that the pool can kill it as a group, which also means
    that nothing kills it when Kagaz itself dies without calling ``stop`` (SIGKILL, OOM killer): without
    this watchdog every such death left LibreOffices running. ``PR_SET_PDEATHSIG`` is no substitute: it
    fires when the *thread* that started the child exits, and the pool starts workers from short-lived
    threads.
    """
    while os.getppid() == supervisor:
        time.sleep(SUPERVISOR_POLL_SECONDS)
    os.killpg(os.getpgrp(), signal.SIGKILL)


def main() -> int:
    """Patch unoserver's converter and server classes, then run unoserver's own ``main``."""
    nice = os.environ.get(NICE_VARIABLE, "")
    if nice.isdigit() and int(nice):
        os.nice(int(nice))
    supervisor = os.environ.get(SUPERVISOR_VARIABLE)
    if supervisor:
        threading.Thread(target=watch_supervisor, args=(int(supervisor),), name="watchdog", daemon=True).start()
    converter.UnoConverter = HardenedUnoConverter
    server.UnoServer = FastStartUnoServer
    return int(server.main() or 0)


if __name__ == "__main__":
    sys.exit(main())
