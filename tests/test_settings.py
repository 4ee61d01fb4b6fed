"""Settings are data: the README's table made from them, a wrong value rejected with its variable named."""

from __future__ import annotations

import pytest

from conftest import ROOT
from service.settings import ConfigurationError, Settings, load_settings, settings_table
from tools.settings_table import table_span, with_table


def readme_table(text: str) -> str:
    start, end = table_span(text)
    return text[start:end]


def test_the_readme_table_is_the_settings_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_table(readme) == settings_table(), "run: python tools/settings_table.py"


def test_the_table_has_a_row_per_setting_with_its_default_and_help() -> None:
    rows = settings_table().splitlines()[2:]
    assert [row.split(" | ")[0] for row in rows] == [f"| `KAGAZ_{name.upper()}`" for name in Settings.model_fields]
    assert "| `KAGAZ_QUEUE_WAIT` | `30` | Longest wait, in seconds, for a worker before a 503. |" in rows
    assert "| `KAGAZ_START_POOL` | `true` |" in settings_table()
    assert "| `KAGAZ_POOL_SIZE` | number of cores |" in settings_table()


def test_a_readme_whose_table_differs_is_caught_and_rewritten() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    stale = readme.replace("| `KAGAZ_QUEUE_LIMIT` | `32` |", "| `KAGAZ_QUEUE_LIMIT` | `16` |")
    assert stale != readme and readme_table(stale) != settings_table()
    assert with_table(stale, settings_table()) == readme, "the tool rewrites only the table"


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
