"""Rebuild ``tests/db/legacy-data/``: a data folder as the release before the database layer made it.

Run once, with the code of commit c88b50a (the last release whose state was the bare ``kagaz.sqlite3`` of
``service/sqlite.py``); the folder is committed so that the upgrade test opens exactly what a department's
machine holds today. Running it against a newer Kagaz would prove nothing: that is why it is not a fixture.

    git worktree add /tmp/old c88b50a && cd /tmp/old && python tests/db/make_legacy_data.py OUT
"""

from __future__ import annotations

import io
import json
import shutil
import sys
import zipfile
from pathlib import Path

from PIL import Image

from service.auth import KeyStore
from service.templates.registry import Registry

ROOT = Path(__file__).resolve().parents[2]


def changed_docx(path: Path, title: str) -> bytes:
    """The shipped DOCX with another core title: different bytes, the same rendering."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                start, end = text.find("<dc:title>"), text.find("</dc:title>")
                if start >= 0:
                    text = text[: start + len("<dc:title>")] + title + text[end:]
                else:
                    text = text.replace("</cp:coreProperties>", f"<dc:title>{title}</dc:title></cp:coreProperties>")
                data = text.encode("utf-8")
            target.writestr(item, data)
    return out.getvalue()


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return buffer.getvalue()


def main(out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    registry = Registry(ROOT / "templates_docx", out)
    plan = changed_docx(ROOT / "templates_docx" / "action_plan.docx", "Жаңы кол коюучу ң ө ү")
    v2 = registry.add("action-plan", plan, by="aigul", note="Жаңы кол коюучу: ң ө ү", artifacts={"png": png()})
    registry.activate("action-plan", v2.version, by="aigul")
    registry.activate("action-plan", 1, by="bakyt")  # a roll back …
    registry.activate("action-plan", v2.version, by="aigul")  # … and forward again: three activations
    report = changed_docx(ROOT / "templates_docx" / "progress_report.docx", "Долбоор")
    registry.add("progress-report", report, by="bakyt", note="Долбоор, активдештирилген эмес")
    store = KeyStore.for_data_dir(out)
    tokens = {}
    for name, role in (("aigul", "editor"), ("court-portal", "client"), ("root-admin", "admin"), ("gone", "client")):
        tokens[name] = store.create(name, role)[1]
    store.revoke("gone")
    (out / "tokens.json").write_text(json.dumps(tokens, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
