"""Fixtures of the batch tests: engines over the session's LibreOffice pool (counted), report folders, apps
whose job consumers are stopped when the test ends."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from conftest import SAMPLES
from service import create_app
from service.engine import Engine, open_engine
from service.settings import load_settings

REPORTS = SAMPLES / "reports" / "2025"
BROKEN = '{"year": 2025, "organization": '  # cut short: not JSON


class CountingPool:
    """The real pool behind a counter: it still converts with LibreOffice, and says how often it did."""

    def __init__(self, pool: Any) -> None:
        self._pool = pool
        self._lock = threading.Lock()
        self.conversions = 0

    def convert(self, docx: bytes) -> bytes:
        with self._lock:
            self.conversions += 1
        return self._pool.convert(docx)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pool, name)


def copy_reports(folder: Path, count: int | None = None) -> Path:
    """The sample reports (the first ``count``) copied into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(REPORTS.glob("*.json"))[:count]:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture
def counting_pool(pool: Any) -> CountingPool:
    return CountingPool(pool)


@pytest.fixture
def engine(counting_pool: CountingPool, tmp_path: Path) -> Iterator[Engine]:
    """An engine on the session's pool (2 LibreOffice workers), its conversions counted."""
    settings = load_settings({"data_dir": tmp_path / "data", "start_pool": False, "pool_size": 2})
    with open_engine(settings, converter=counting_pool) as opened:
        yield opened


@pytest.fixture
def docx_engine(tmp_path: Path) -> Iterator[Engine]:
    """An engine without LibreOffice, for runs that make DOCX only (a fresh data dir per test)."""
    with open_engine(load_settings({"data_dir": tmp_path / "data", "start_pool": False}), pdf=False) as opened:
        yield opened


@pytest.fixture
def reports_with_a_broken_one(tmp_path: Path) -> Path:
    folder = copy_reports(tmp_path / "reports")
    (folder / "zz-broken.json").write_text(BROKEN, encoding="utf-8")
    return folder


MakeApp = Callable[..., Flask]


@pytest.fixture
def make_app(pool: Any) -> Iterator[MakeApp]:
    """``make_app(data_dir, conversion_pool=None, **settings)``: an app on the session's pool (or the one given);
    its job consumer is stopped after the test."""
    apps: list[Flask] = []

    def make(data_dir: Path, conversion_pool: Any = None, **settings: Any) -> Flask:
        app = create_app({"data_dir": data_dir, "start_pool": False, **settings}, pool=conversion_pool or pool)
        app.testing = True
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.extensions["kagaz.jobs"].stop()
