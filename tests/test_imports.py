"""Imports go one way: no cycle in ``service/``, pages and API never import each other, the domain no Flask.

The graph is read from the source with ``ast`` (no module is imported), so an import hidden inside a function
counts as much as one at the top: a cycle closed only at call time is still a tangle for a reader. Imports
under ``if TYPE_CHECKING:`` do not count (they never run), nor the factory in ``service/__init__.py``
importing the blueprints it registers (the one place that must know every part).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Modules that live at the HTTP edge and may import Flask/Werkzeug; everything else is domain.
FLASK_EDGE = ("service", "service.api", "service.web", "service.http", "service.auth", "service.security")
FLASK_EDGE_MODULES = ("service.logs", "service.jobs.app")


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, module: str, is_package: bool, modules: frozenset[str] = frozenset()) -> set[str]:
    """Every module named by an import in ``tree``, top-level or nested, except under ``TYPE_CHECKING``.

    ``from pkg import name`` depends on ``pkg.name`` when that is a module of ``modules``, else on ``pkg``
    itself (its ``__init__`` defines the name): ``from service.conversion import processes`` does not
    make ``service.conversion.__init__`` a dependency, ``from service.batch import Source`` does."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            for alias in node.names:
                name = f"{prefix}.{alias.name}"
                found.add(name if name in modules else prefix)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """``{module: modules of ``package`` it imports}`` for every module under ``root/package``."""
    modules = {module_name(root, path): path for path in sorted((root / package).rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = _imports(tree, name, path.name == "__init__.py", frozenset(modules))
        # ``import a.b.c`` also runs ``a`` and ``a.b`` first, as any import does: Python initializes parent
        # packages itself, so only the module named is an edge.
        graph[name] = {target for target in names if target in modules and target != name}
    return graph


def external_imports(root: Path, package: str) -> dict[str, set[str]]:
    """``{module: top-level names of every import}``, for rules such as "the domain never imports flask"."""
    result: dict[str, set[str]] = {}
    for path in sorted((root / package).rglob("*.py")):
        name = module_name(root, path)
        names = _imports(ast.parse(path.read_text(encoding="utf-8")), name, path.name == "__init__.py")
        result[name] = {target.split(".")[0] for target in names}
    return result


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as ``[a, b, …, a]``, or None; depth-first search with colours."""
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(graph, white)
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        colour[node] = grey
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if colour.get(target, black) == grey:
                return [*stack[stack.index(target) :], target]
            if colour.get(target) == white and (cycle := visit(target)):
                return cycle
        stack.pop()
        colour[node] = black
        return None

    for node in sorted(graph):
        if colour[node] == white and (cycle := visit(node)):
            return cycle
    return None


def service_graph() -> dict[str, set[str]]:
    graph = import_graph(ROOT, "service")
    # The factory imports every blueprint it registers: that is its job, not a dependency of the parts.
    graph["service"] = set()
    return graph


def test_service_has_no_import_cycle() -> None:
    cycle = find_cycle(service_graph())
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_api_and_web_never_import_each_other() -> None:
    graph = service_graph()
    crossing = [
        f"{source} → {target}"
        for source, targets in graph.items()
        for target in targets
        for a, b in (("service.api", "service.web"), ("service.web", "service.api"))
        if (source == a or source.startswith(a + ".")) and (target == b or target.startswith(b + "."))
    ]
    assert not crossing, crossing


def test_only_the_factory_reaches_into_the_route_packages() -> None:
    """api/ and web/ are leaves: what both need (problem answers, request helpers) lives in service.http, so
    no other module imports a route package, not even from inside a function."""
    graph = import_graph(ROOT, "service")
    edges = ("service.api", "service.web")

    def inside(module: str, package: str) -> bool:
        return module == package or module.startswith(package + ".")

    reaching = [
        f"{source} → {target}"
        for source, targets in graph.items()
        if source != "service" and not any(inside(source, edge) for edge in edges)
        for target in targets
        if any(inside(target, edge) for edge in edges)
    ]
    assert not reaching, reaching


def test_the_domain_never_imports_flask() -> None:
    def at_edge(module: str) -> bool:
        return module in FLASK_EDGE_MODULES or any(
            module == edge or (edge != "service" and module.startswith(edge + ".")) for edge in FLASK_EDGE
        )

    offenders = sorted(
        module
        for module, names in external_imports(ROOT, "service").items()
        if not at_edge(module) and names & {"flask", "werkzeug"}
    )
    assert not offenders, offenders


# --- the checker itself, on a planted package ---------------------------------------------------------------
def _plant(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_a_cycle_hidden_in_a_function_is_found(tmp_path: Path) -> None:
    _plant(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/a.py": "from pkg import b\n",
            "pkg/b.py": "def later():\n    from pkg.sub import c\n",
            "pkg/sub/__init__.py": "",
            "pkg/sub/c.py": "from .. import a\n",
        },
    )
    graph = import_graph(tmp_path, "pkg")
    assert graph["pkg.sub.c"] == {"pkg.a"}
    assert find_cycle(graph) == ["pkg.a", "pkg.b", "pkg.sub.c", "pkg.a"]


def test_imports_under_type_checking_do_not_count(tmp_path: Path) -> None:
    _plant(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/a.py": "from pkg import b\n",
            "pkg/b.py": (
                "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import a\nelse:\n    import json\n"
            ),
        },
    )
    graph = import_graph(tmp_path, "pkg")
    assert find_cycle(graph) is None
    assert external_imports(tmp_path, "pkg")["pkg.b"] == {"typing", "json"}


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": set()}, None),
        ({"a": {"a"}}, ["a", "a"]),
        ({"a": {"b"}, "b": {"a"}}, ["a", "b", "a"]),
        ({"a": {"b", "c"}, "b": {"c"}, "c": {"b"}}, ["b", "c", "b"]),
    ],
)
def test_find_cycle(graph: dict[str, set[str]], expected: list[str] | None) -> None:
    assert find_cycle(graph) == expected
