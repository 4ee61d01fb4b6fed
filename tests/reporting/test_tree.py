"""Who controls whom: the registry's parents checked at start, and the groups built from them."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from service.documents.organizations import RegistryError, load_organizations
from service.reporting import tree

ROOT = Path(__file__).resolve().parents[2]
PARENTS = {"oblast": None, "a": "oblast", "b": "oblast", "city": None, "c": "city", "office": None}


@pytest.mark.parametrize(
    ("parents", "entry", "words"),
    [
        ({"a": "nowhere"}, "a", "'nowhere' is not an organization"),
        ({"a": "a"}, "a", "cycle: a → a"),
        ({"a": "b", "b": "c", "c": "a"}, "a", "cycle: a → b → c → a"),
        ({"x": None, "a": "b", "b": "a"}, "a", "cycle: a → b → a"),
        ({"x": "a", "a": "b", "b": "a"}, "x", "cycle: a → b → a"),
    ],
)
def test_a_parent_outside_the_registry_or_a_cycle_is_refused(
    parents: dict[str, str | None], entry: str, words: str
) -> None:
    with pytest.raises(tree.TreeError) as caught:
        tree.check_tree(parents)
    assert caught.value.entry == entry
    assert words in str(caught.value)


def test_a_tree_passes_and_answers_children_and_groups() -> None:
    tree.check_tree(PARENTS)
    assert tree.children(PARENTS) == {"oblast": ["a", "b"], "a": [], "b": [], "city": ["c"], "c": [], "office": []}
    assert tree.group(PARENTS, "oblast") == ["oblast", "a", "b"]
    assert tree.group(PARENTS, "a") == ["a"]
    deep = {"top": None, "middle": "top", "leaf": "middle"}
    assert tree.descendants(deep, "top") == ["middle", "leaf"]


def _registry(tmp_path: Path, *entries: tuple[str, str, str | None]) -> Path:
    text = ""
    for key, kind, parent in entries:
        text += f'[[organization]]\nid = "{key}"\nname = "Сот {key}"\nkind = "{kind}"\n'
        text += f'parent = "{parent}"\n\n' if parent else "\n"
    path = tmp_path / "organizations.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("entries", "named"),
    [
        ([("osh-oblast", "oblast_court", None), ("nookat", "local_court", "osh-oblas")], "organization[1] ('nookat')"),
        (
            [("osh-oblast", "oblast_court", "chui-oblast"), ("chui-oblast", "oblast_court", "osh-oblast")],
            "organization[0] ('osh-oblast'): the parents form a cycle",
        ),
        (
            [("jd-osh", "regional_department", None), ("nookat", "local_court", "jd-osh")],
            "organization[1] ('nookat'): parent 'jd-osh' is a regional_department",
        ),
    ],
)
def test_the_registry_names_the_file_and_entry_of_a_bad_parent(
    tmp_path: Path, entries: list[tuple[str, str, str | None]], named: str
) -> None:
    path = _registry(tmp_path, *entries)
    with pytest.raises(RegistryError) as caught:
        load_organizations(path)
    assert str(caught.value).startswith(f"{path}: {named}")


def test_a_bad_parent_stops_the_service_from_starting(tmp_path: Path) -> None:
    from service import create_app

    path = _registry(tmp_path, ("osh-oblast", "oblast_court", None), ("nookat", "local_court", "uzgen"))
    with pytest.raises(RegistryError, match=r"organization\[1\] \('nookat'\): parent 'uzgen'"):
        create_app({"data_dir": tmp_path / "data", "start_pool": False, "organizations_file": path})


def test_the_shipped_registry_puts_each_local_court_under_its_controlling_court() -> None:
    registry = load_organizations(ROOT / "data" / "organizations.toml")
    local = {key: item.parent for key, item in registry.items() if item.kind == "local_court"}
    assert local == {
        "alamudun-district-court": "chui-oblast-court",
        "bishkek-leninsky-district-court": "bishkek-city-court",
        "bishkek-pervomaisky-district-court": "bishkek-city-court",
        "karakol-city-court": "issyk-kul-oblast-court",
        "nookat-district-court": "osh-oblast-court",
        "osh-city-court": "osh-oblast-court",
        "uzgen-district-court": "osh-oblast-court",
    }
    assert all(item.parent is None for item in registry.values() if item.kind != "local_court")


def test_the_api_lists_parent_and_children_flat(docx_client: FlaskClient) -> None:
    entries = {item["id"]: item for item in docx_client.get("/api/v1/organizations").get_json()["organizations"]}
    assert entries["osh-oblast-court"]["parent"] is None
    assert sorted(entries["osh-oblast-court"]["children"]) == [
        "nookat-district-court",
        "osh-city-court",
        "uzgen-district-court",
    ]
    assert entries["nookat-district-court"]["parent"] == "osh-oblast-court"
    assert entries["nookat-district-court"]["children"] == []
    assert set(entries["nookat-district-court"]) == {"id", "name", "kind", "parent", "children"}
