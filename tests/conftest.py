"""Shared fixtures: one real LibreOffice pool for the whole session, apps built on temp data dirs."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import settings as hypothesis_settings

from service import create_app
from service.engine import Engine, open_engine
from service.settings import load_settings

# The tests never touch a real data folder or database. The default (~/.local/state/kagaz) is shared by every
# checkout on the machine: another branch's shipped templates, imported there as a new version, would become
# this branch's active version (it happened: a render failed on another branch's {{ issued.qr }}).
_TEST_DATA = tempfile.mkdtemp(prefix="kagaz-tests-")
atexit.register(shutil.rmtree, _TEST_DATA, True)
os.environ["KAGAZ_DATA_DIR"] = _TEST_DATA
for _name in ("KAGAZ_DATABASE_URL", "KAGAZ_STORE_DIR"):
    os.environ.pop(_name, None)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
ARTIFACTS = Path(os.environ.get("KAGAZ_TEST_ARTIFACTS", ROOT / "test-artifacts"))

# Property tests and fuzzing explore new examples on a developer's machine; in CI they replay a fixed
# derivation, so a red CI is a real finding that the next run reproduces, never a roll of the dice.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


@pytest.fixture(scope="session", autouse=True)
def own_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every test's default data dir is the session's own, never the user's ``~/.local/state/kagaz``: a
    template version activated there (by hand, or by another checkout on the same machine) would change
    what the shipped templates render. A test that wants a data dir of its own still passes one."""
    folder = tmp_path_factory.mktemp("default-data")
    before = os.environ.get("KAGAZ_DATA_DIR")
    os.environ["KAGAZ_DATA_DIR"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("KAGAZ_DATA_DIR", None)
    else:
        os.environ["KAGAZ_DATA_DIR"] = before


@pytest.fixture(scope="session")
def pool(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The real conversion pool (unoserver + LibreOffice), started once for the session, as every entry
    point opens one (``open_engine``); apps and engines of the tests share it."""
    settings = load_settings({"pool_size": 2, "data_dir": tmp_path_factory.mktemp("pool-data")})
    # Not ``wait``: on a loaded machine the workers may take longer than their start timeout; wait here.
    with open_engine(settings, wait=False) as engine:
        pool = engine.pool
        deadline = time.monotonic() + 120
        while not pool.health().ready:
            assert time.monotonic() < deadline, f"LibreOffice pool did not become ready: {pool.health()}"
            time.sleep(0.2)
        yield pool


@pytest.fixture(scope="session")
def docx_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """An engine without LibreOffice, on a data dir of its own (never the user's: another version active
    there would change what the shipped templates render)."""
    settings = load_settings({"start_pool": False, "data_dir": tmp_path_factory.mktemp("docx-engine")})
    with open_engine(settings, pdf=False) as engine:
        yield engine


@pytest.fixture(scope="session")
def postgres() -> Iterator[Any]:
    """A real PostgreSQL server for the session (``tests/postgres.py``); skipped where none can start."""
    import postgres as server

    reason = server.unavailable()
    if reason:
        pytest.skip(reason)
    with server.running_server() as running:
        yield running


@pytest.fixture
def postgres_url(postgres: Any) -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database of this test's own, dropped after."""
    name = postgres.create_database()
    yield postgres.url(name)
    postgres.drop_database(name)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL on each backend: a SQLite file in the test's folder, and a PostgreSQL database of its own.

    Contract tests take this (or ``database``) and so run once per backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'kagaz.sqlite3'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def database(database_url: str) -> Iterator[Any]:
    """A migrated ``Database`` on each backend (see ``database_url``), disposed after."""
    from service.db import Database, migrate

    opened = Database(database_url)
    migrate.upgrade(opened)
    yield opened
    opened.dispose()


@pytest.fixture
def app(pool: Any, tmp_path: Path) -> Flask:
    application = create_app({"data_dir": tmp_path / "data", "start_pool": False}, pool=pool)
    application.testing = True
    return application


@pytest.fixture
def docx_app(tmp_path: Path) -> Flask:
    """An app without LibreOffice: for DOCX and error paths that never convert."""
    application = create_app({"data_dir": tmp_path / "data", "start_pool": False})
    application.testing = True
    return application


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def docx_client(docx_app: Flask) -> FlaskClient:
    return docx_app.test_client()


@pytest.fixture
def plan_data() -> dict[str, Any]:
    """A fresh copy of the whole action plan (samples/action_plan.json) for a test to change."""
    return json.loads((SAMPLES / "action_plan.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium per test module (``tests/browser.py``), for every module that drives pages.
    Imported here, not at the top: a run of the tests that need no browser does not load Playwright."""
    from browser import chromium

    with chromium() as launched:
        yield launched
