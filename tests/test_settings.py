"""Settings are data: each one documented in the README, a wrong value rejected with its variable named."""

from __future__ import annotations

import pytest

from conftest import ROOT
from service.settings import ConfigurationError, Settings, load_settings


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_every_setting_is_documented_in_the_readme(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"`KAGAZ_{name.upper()}`" in readme, f"KAGAZ_{name.upper()} is not in the README's configuration table"


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_every_setting_says_what_it_does(name: str) -> None:
    assert Settings.model_fields[name].description, f"{name} has no description"


def test_a_wrong_value_names_its_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAGAZ_POOL_SIZE", "many")
    with pytest.raises(ConfigurationError, match="KAGAZ_POOL_SIZE"):
        load_settings()


def test_an_unknown_setting_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="KAGAZ_POOL_SIZ"):
        load_settings({"pool_siz": 3})


def test_environment_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAGAZ_CONVERSION_TIMEOUT", "12.5")
    assert load_settings().conversion_timeout == 12.5
