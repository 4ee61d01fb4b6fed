"""LibreOffice is hardened: macros never run, links are never updated, nothing is fetched from outside.

The end-to-end case is the one that matters: a DOCX that links an external image converts to a PDF with
no image, and the image's HTTP server never hears from LibreOffice. The other cases pin the two layers
that make it so (the profile settings and the load properties), so that a regression says which one.
"""

from __future__ import annotations

import http.server
import json
import subprocess
import threading
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.conversion import ConversionPool
from service.conversion.options import PoolOptions
from service.conversion.worker import PROFILE_SETTINGS, unoserver_python_path

from .documents import external_image_docx, pdf_image_count, pdf_text

REGISTRY = "{http://openoffice.org/2001/registry}"


class RecordingHandler(http.server.BaseHTTPRequestHandler):
    """Answers every GET with a PNG and remembers the path; LibreOffice must never call it."""

    requests: list[str]

    def do_GET(self) -> None:
        self.requests.append(self.path)
        body = Path(__file__).read_bytes()[:16]
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def image_server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server on a free port: (URL of /x.png, the list of paths requested)."""
    requests: list[str] = []
    handler = type("Handler", (RecordingHandler,), {"requests": requests})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/x.png", requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def profile_settings() -> dict[str, str]:
    """``path/name -> value`` of every item of the profile's registrymodifications.xcu."""
    root = ElementTree.parse(PROFILE_SETTINGS).getroot()
    settings = {}
    for item in root.iter("item"):
        for prop in item.iter("prop"):
            value = prop.find("value")
            settings[f"{item.get(REGISTRY + 'path')}/{prop.get(REGISTRY + 'name')}"] = (
                "" if value is None else (value.text or "")
            )
    return settings


def test_the_profile_forbids_macros_link_updates_and_fetches() -> None:
    settings = profile_settings()
    scripting = "/org.openoffice.Office.Common/Security/Scripting"
    assert settings[f"{scripting}/MacroSecurityLevel"] == "3"  # very high: only signed, trusted macros
    assert settings[f"{scripting}/DisableMacrosExecution"] == "true"
    assert settings[f"{scripting}/BlockUntrustedRefererLinks"] == "true"
    assert settings[f"{scripting}/SecureURL"] == ""  # no trusted location, the job folder included
    assert settings["/org.openoffice.Office.Writer/Content/Update/Link"] == "0"  # never
    assert settings["/org.openoffice.Office.Update/Update/Enabled"] == "false"
    assert settings["/org.openoffice.Inet/Settings/ooInetHTTPProxyPort"] == "9"


@pytest.mark.office
def test_every_document_is_loaded_with_macros_and_link_updates_off(tmp_path: Path) -> None:
    """The entry point's desktop wrapper, run under LibreOffice's Python against a recording desktop."""
    python_path = unoserver_python_path(tmp_path / "pythonpath")
    program = """
import json, kagaz_unoserver
from com.sun.star.beans import PropertyValue
class Desktop:
    def loadComponentFromURL(self, url, target, flags, properties):
        return properties
given = (PropertyValue(Name="ReadOnly", Value=False), PropertyValue(Name="Password", Value="secret"))
loaded = kagaz_unoserver.HardenedDesktop(Desktop()).loadComponentFromURL("file:///x.docx", "_default", 0, given)
print(json.dumps({prop.Name: prop.Value for prop in loaded}))
"""
    completed = subprocess.run(
        [PoolOptions().uno_python, "-c", program],
        env={"PYTHONPATH": str(python_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    loaded = json.loads(completed.stdout)
    assert loaded == {
        "Password": "secret",
        "MacroExecutionMode": 0,  # com.sun.star.document.MacroExecMode.NEVER_EXECUTE
        "UpdateDocMode": 0,  # com.sun.star.document.UpdateDocMode.NO_UPDATE
        "Hidden": True,
        "ReadOnly": True,
    }


@pytest.mark.office
def test_an_external_image_is_neither_fetched_nor_shown(
    office_pool: ConversionPool, image_server: tuple[str, list[str]], tmp_path: Path
) -> None:
    url, requests = image_server
    pdf = tmp_path / "external.pdf"
    pdf.write_bytes(office_pool.convert(external_image_docx(url)))
    text = pdf_text(pdf)
    assert "Сүрөттүн алдында" in text and "Сүрөттөн кийин" in text  # the document itself converted
    assert pdf_image_count(pdf) == 0
    assert requests == []
