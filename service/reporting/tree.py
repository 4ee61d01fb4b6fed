"""Who controls whom: each organization may name its ``parent`` (an oblast court or the Bishkek city court).

Measure 11 of the plan: the oblast courts and the Bishkek city court control their local courts and sum up
what they did; every court body reports to the Supreme Court. The registry says it with one ``parent`` per
local court. This module only sees ids (``{id: parent or None}``), so the registry's loader can check the
tree before anything else is built from it, and the reporting code can ask for groups without the model.
"""

from __future__ import annotations

from collections.abc import Mapping


class TreeError(ValueError):
    """The parents do not form a tree: ``entry`` is the id of the organization the problem is found at."""

    def __init__(self, entry: str, message: str) -> None:
        self.entry = entry
        super().__init__(message)


def check_tree(parents: Mapping[str, str | None]) -> None:
    """Refuse a parent that is not in the registry, and a chain of parents that comes back on itself.

    Checked in the registry's order so that the first bad entry of the file is the one named.
    """
    for child, parent in parents.items():
        if parent is not None and parent not in parents:
            raise TreeError(child, f"parent {parent!r} is not an organization of the registry")
    for start in parents:
        seen = [start]
        current = parents[start]
        while current is not None:
            if current in seen:
                loop = " → ".join([*seen[seen.index(current) :], current])
                raise TreeError(start, f"the parents form a cycle: {loop}")
            seen.append(current)
            current = parents[current]


def children(parents: Mapping[str, str | None]) -> dict[str, list[str]]:
    """Each organization's direct children, in the registry's order (empty list for none)."""
    found: dict[str, list[str]] = {key: [] for key in parents}
    for child, parent in parents.items():
        if parent is not None:
            found[parent].append(child)
    return found


def descendants(parents: Mapping[str, str | None], root: str) -> list[str]:
    """Every organization ``root`` controls, directly or through another, in the registry's order."""
    below = children(parents)
    found: list[str] = []
    pending = list(below.get(root, []))
    while pending:
        key = pending.pop(0)
        found.append(key)
        pending.extend(below[key])
    order = list(parents)
    return sorted(found, key=order.index)


def group(parents: Mapping[str, str | None], root: str) -> list[str]:
    """``root`` and every organization it controls: whose reports its regional summary covers."""
    return [root, *descendants(parents, root)]
