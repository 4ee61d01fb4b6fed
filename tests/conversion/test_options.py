"""PoolOptions: defaults, validation, and the bridge from the service's settings."""

from __future__ import annotations

import pytest

from service.conversion import ConversionPool, PoolOptions
from service.settings import load_settings


def test_from_settings_takes_every_pool_setting() -> None:
    settings = load_settings(
        {
            "pool_size": 3,
            "conversion_timeout": 12.5,
            "queue_limit": 4,
            "queue_wait": 7.0,
            "recycle_after": 50,
            "recycle_memory_mb": 512,
            "soffice": "/opt/libreoffice/program/soffice",
            "uno_python": "/opt/libreoffice/program/python",
        }
    )
    options = PoolOptions.from_settings(settings)
    assert (options.size, options.conversion_timeout, options.queue_limit, options.queue_wait) == (3, 12.5, 4, 7.0)
    assert (options.recycle_after, options.recycle_memory_mb) == (50, 512)
    assert options.soffice == "/opt/libreoffice/program/soffice"
    assert options.uno_python == "/opt/libreoffice/program/python"


def test_from_settings_accepts_overrides_and_the_pool_builds_from_settings() -> None:
    options = PoolOptions.from_settings(load_settings({"pool_size": 2}), start_timeout=5.0)
    assert (options.size, options.start_timeout) == (2, 5.0)
    pool = ConversionPool.from_settings(load_settings({"pool_size": 2}))
    assert pool.options.size == 2
    assert not pool.health().ready  # built, not started


def test_defaults_match_the_settings_defaults() -> None:
    defaults, settings = PoolOptions(), load_settings()
    assert defaults.conversion_timeout == settings.conversion_timeout
    assert (defaults.queue_limit, defaults.queue_wait) == (settings.queue_limit, settings.queue_wait)
    assert (defaults.recycle_after, defaults.recycle_memory_mb) == (settings.recycle_after, settings.recycle_memory_mb)
    assert (defaults.soffice, defaults.uno_python) == (settings.soffice, settings.uno_python)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("size", 0, "size must be at least 1"),
        ("queue_limit", -1, "queue_limit must not be negative"),
        ("conversion_timeout", 0, "conversion_timeout must be positive"),
        ("queue_wait", -1.0, "queue_wait must be positive"),
        ("recycle_after", 0, "recycle_after must be at least 1"),
        ("restart_backoff_max", 0.1, "restart_backoff_max must not be below restart_backoff"),
    ],
)
def test_invalid_options_are_rejected_with_their_name(field: str, value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        PoolOptions(**{field: value})  # type: ignore[arg-type]
