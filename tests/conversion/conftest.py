"""Fixtures of the conversion tests: one real LibreOffice pool shared by the office tests of this folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from service.conversion import ConversionPool, PoolOptions

# Short enough that a hung LibreOffice fails a test quickly, long enough for long_docx(1500) (about 2.5 s
# here) on a loaded 2-core machine.
OFFICE_CONVERSION_TIMEOUT = 15.0


@pytest.fixture(scope="package")
def office_pool(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ConversionPool]:
    """A started pool of two real LibreOffice workers, stopped after the last test of this folder."""
    pool = ConversionPool(
        PoolOptions(size=2, conversion_timeout=OFFICE_CONVERSION_TIMEOUT, work_dir=tmp_path_factory.mktemp("office"))
    )
    try:
        assert pool.start(), f"LibreOffice workers did not start: {pool.health()}"
        yield pool
    finally:
        pool.stop(drain_timeout=5.0)


@pytest.fixture
def small_pool_options(tmp_path: Path) -> PoolOptions:
    """Options of a one-worker real pool with a 3 s conversion timeout, for tests that break workers."""
    return PoolOptions(size=1, conversion_timeout=3.0, queue_wait=20.0, work_dir=tmp_path)
