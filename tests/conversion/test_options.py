"""PoolOptions: defaults, validation, and the bridge from the service's settings."""

from __future__ import annotations

import pytest

from service.conversion import ConversionPool, PoolOptions
from service.conversion.options import SETTING_OF
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


def test_defaults_match_the_settings_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in SETTING_OF.values():  # the defaults, not a value of this machine's environment
        monkeypatch.delenv(f"KAGAZ_{name.upper()}", raising=False)
    defaults, settings = PoolOptions(), load_settings()
    assert defaults.size == settings.pool_size
    assert defaults.conversion_timeout == settings.conversion_timeout
    assert (defaults.queue_limit, defaults.queue_wait) == (settings.queue_limit, settings.queue_wait)
    assert (defaults.recycle_after, defaults.recycle_memory_mb) == (settings.recycle_after, settings.recycle_memory_mb)
    assert (defaults.soffice, defaults.uno_python) == (settings.soffice, settings.uno_python)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("size", 0, r"size \(KAGAZ_POOL_SIZE\): Input should be greater than or equal to 1"),
        ("size", 65, r"size \(KAGAZ_POOL_SIZE\): Input should be less than or equal to 64"),
        ("queue_limit", -1, r"queue_limit \(KAGAZ_QUEUE_LIMIT\): Input should be greater than or equal to 0"),
        ("conversion_timeout", 0, r"conversion_timeout \(KAGAZ_CONVERSION_TIMEOUT\): Input should be greater than 0"),
        ("queue_wait", -1.0, r"queue_wait \(KAGAZ_QUEUE_WAIT\): Input should be greater than 0"),
        ("recycle_after", 0, r"recycle_after \(KAGAZ_RECYCLE_AFTER\): Input should be greater than or equal to 1"),
        ("recycle_memory_mb", 10, r"recycle_memory_mb \(KAGAZ_RECYCLE_MEMORY_MB\): .* greater than or equal to 64"),
        ("start_timeout", 0, "start_timeout must be positive"),
        ("restart_backoff_max", 0.1, "restart_backoff_max must not be below restart_backoff"),
    ],
)
def test_invalid_options_are_rejected_with_their_name(field: str, value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        PoolOptions(**{field: value})  # type: ignore[arg-type]
