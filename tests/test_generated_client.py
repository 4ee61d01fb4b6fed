"""A client generated from the served OpenAPI description with ``openapi-python-client`` in its default
configuration renders the plan to PDF against the app on a loopback server, with no key (issue 12).

Generation drops every response whose media types it does not know, and the error answers are the only
JSON ones: without the description's ``application/octet-stream`` alternative, ``render_action_plan`` would
return None for the PDF. The PDF is checked with poppler.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import served

import pdftools
from conftest import SAMPLES
from service import create_app

GENERATOR = Path(sys.executable).with_name("openapi-python-client")


@pytest.fixture
def generated(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """The package generated from the spec served at ``/api/v1/openapi.json`` (and the generator's output)."""
    app = create_app({"data_dir": tmp_path / "data", "start_pool": False})
    with served(app) as base, urllib.request.urlopen(f"{base}/api/v1/openapi.json", timeout=30) as answer:
        (tmp_path / "openapi.json").write_bytes(answer.read())
    environment = {**os.environ, "PATH": f"{GENERATOR.parent}{os.pathsep}{os.environ.get('PATH', '')}"}  # its ruff
    completed = subprocess.run(
        [str(GENERATOR), "generate", "--path", "openapi.json", "--output-path", "client"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    sys.path.insert(0, str(tmp_path / "client"))
    try:
        yield tmp_path / "client", completed.stdout + completed.stderr
    finally:
        sys.path.remove(str(tmp_path / "client"))
        for name in [name for name in sys.modules if name == "kagaz_client" or name.startswith("kagaz_client.")]:
            del sys.modules[name]


@pytest.mark.office
def test_a_generated_client_renders_the_plan_to_pdf_without_a_key(
    generated: tuple[Path, str], pool: Any, tmp_path: Path
) -> None:
    _folder, output = generated
    assert "Unsupported content_type" not in output, "no file answer is dropped from the generated client"

    from kagaz_client import Client  # type: ignore[import-not-found]
    from kagaz_client.api.documents import render_action_plan  # type: ignore[import-not-found]
    from kagaz_client.models import Plan, RenderActionPlanFormat  # type: ignore[import-not-found]
    from kagaz_client.types import File  # type: ignore[import-not-found]

    plan = Plan.from_dict(json.loads((SAMPLES / "action_plan.json").read_text(encoding="utf-8")))
    app = create_app({"data_dir": tmp_path / "served", "start_pool": False}, pool=pool)
    assert not app.config["KAGAZ"].auth_required
    with served(app) as base:
        response = render_action_plan.sync_detailed(
            client=Client(base_url=base, timeout=180), body=plan, format_=RenderActionPlanFormat.PDF
        )
    assert response.status_code == 200, response.content[:500]
    assert isinstance(response.parsed, File)
    pdf = response.parsed.payload.read()
    assert pdf.startswith(b"%PDF-")
    assert int(pdftools.info(pdf)["Pages"]) >= 2
    assert "видеофиксациялоону" in pdftools.text(pdf).replace("-\n", "")
    assert {font.family for font in pdftools.fonts(pdf)} == {"LiberationSerif"}
    assert all(font.embedded for font in pdftools.fonts(pdf))
