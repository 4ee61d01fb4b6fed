"""What the template-editor tests share: the fixtures' folder, an editor's key, reading a DOCX's text."""

from __future__ import annotations

import hashlib
import io
import sqlite3
from pathlib import Path

import docx
from flask import Flask

from service.auth import KeyStore

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
