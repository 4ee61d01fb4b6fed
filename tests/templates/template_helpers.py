"""What the template-editor tests share: the fixtures' folder, an editor's key, reading a DOCX's text, and
validating a candidate as the editing service does (the engine and the action plan's sample it needs)."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from flask import Flask

from service import documents
from service.auth import KeyStore
from service.engine import Engine, open_engine
from service.settings import PROJECT_ROOT, load_settings
from service.templates.findings import Report
from service.templates.validation import Sample, validate

FIXTURES = Path(__file__).resolve().parent / "fixtures"
API = "/api/v1/templates/action-plan"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def make_key(app: Flask, role: str, name: str | None = None) -> str:
    """A live key with ``role`` on the app's data directory (its ``Authorization`` header's value)."""
    _info, token = KeyStore.for_data_dir(app.config["KAGAZ"].data_dir).create(name or f"test-{role}", role)
    return token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def docx_text(content: bytes) -> str:
    """Every paragraph's text of a DOCX, body and table cells, one per line."""
    document = docx.Document(io.BytesIO(content))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return "\n".join(lines)


def version_files(data_dir: Path, name: str = "action-plan") -> dict[str, str]:
    """Every stored file of a template's versions (``v2.docx``, ``v2.png`` …) with the SHA-256 of its bytes,
    read from the data folder's database (``template_files``) as it is stored, not as the registry says."""
    with sqlite3.connect(data_dir / "kagaz.sqlite3") as database:
        rows = database.execute(
            "SELECT version, kind, content FROM template_files WHERE name = ? ORDER BY version, kind", (name,)
        ).fetchall()
    return {f"v{version}.{kind}": hashlib.sha256(content).hexdigest() for version, kind, content in rows}


# The running module's engine, which ``check`` renders with; set by ``open_validation_engine``.
ENGINES: list[Engine] = []


def open_validation_engine(data_dir: Path) -> Iterator[Engine]:
    """A module's engine without LibreOffice on a data dir of its own; ``check`` renders with it. For a
    module-scoped fixture: ``yield from open_validation_engine(tmp_path_factory.mktemp(...))``."""
    settings = load_settings({"data_dir": data_dir, "start_pool": False})
    with open_engine(settings, pdf=False) as opened:
        ENGINES[:] = [opened]
        yield opened


def action_plan_sample(engine: Engine) -> Sample:
    """The action plan's sample (``samples/action_plan.json``) as template validation's test render sees it."""
    data = json.loads((PROJECT_ROOT / "samples" / "action_plan.json").read_text(encoding="utf-8"))
    model = engine.load("action-plan", data)
    return Sample(model, model.model_dump(mode="python"), engine.context("action-plan", model))


def check(content: bytes, sample: Sample, convert: Any = None) -> Report:
    """Validate as the editing service does: the test render through ``Engine.render`` of the candidate."""
    engine = ENGINES[0]
    return validate(
        content,
        "action-plan",
        documents.get_kind("action-plan").model,
        sample,
        lambda candidate, model: engine.render("action-plan", model, candidate=candidate).content,
        convert,
        engine.templates.get,
    )
