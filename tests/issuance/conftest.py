"""Fixtures of the issuance tests: an engine on the real pool, the test PKI and its timestamp server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from service.engine import Engine, open_engine
from service.settings import load_settings

from .pki import Pki, TimestampServer, make_pki

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_URL = "https://kagaz.sot.kg"


@pytest.fixture
def engine(pool: Any, tmp_path: Path) -> Iterator[Engine]:
    settings = load_settings({"data_dir": tmp_path / "data", "public_url": PUBLIC_URL})
    with open_engine(settings, converter=pool) as opened:
        yield opened


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="session")
def timestamp_server(pki: Pki) -> Iterator[TimestampServer]:
    with TimestampServer(pki) as server:
        yield server


def sample(document: str) -> Any:
    """The shipped sample input of a document kind."""
    paths = {
        "action-plan": ROOT / "samples" / "action_plan.json",
        "progress-report": ROOT / "samples" / "reports" / "2025" / "osh-oblast-court.json",
    }
    if document == "generalized-report":
        folder = ROOT / "samples" / "reports" / "2025"
        return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.json"))]
    return json.loads(paths[document].read_text(encoding="utf-8"))
