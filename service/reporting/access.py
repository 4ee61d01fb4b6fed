"""Who may read and submit which organization's reports: a pure function of the key and the registry.

The rules (issue 14, measure 11's chain of control)::

    admin key                          reads and submits every organization's reports
    key bound to an organization X     reads and submits X's, and — X an oblast or the Bishkek city
                                       court — those of every court X controls
    any other key, or no key           reads every report where reading is open (``KAGAZ_AUTH_REQUIRED``
                                       off, or any valid key with it on); submits nothing

Submitting always needs a key bound to the organization's group, or an admin key: a report is an official
act of a court, and the register records who sent it. Reading follows ``KAGAZ_AUTH_REQUIRED`` like every
other read of the API; a key that is bound narrows what it sees, never widens it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from service.reporting import tree


@dataclass(frozen=True)
class Caller:
    """What the access rules need to know of a request's key: its role and the organization it is bound to."""

    role: str | None  # None: no key
    organization: str | None = None

    @property
    def admin(self) -> bool:
        return self.role == "admin"


def readable(caller: Caller, parents: Mapping[str, str | None]) -> set[str] | None:
    """The organizations whose reports ``caller`` may read; None means all of them."""
    if caller.admin or caller.organization is None:
        return None
    if caller.organization not in parents:
        return set()  # bound to an organization since removed from the registry: nothing
    return set(tree.group(parents, caller.organization))


def submittable(caller: Caller, parents: Mapping[str, str | None]) -> set[str] | None:
    """The organizations ``caller`` may submit for; None means all (admin), an empty set none."""
    if caller.admin:
        return None
    if caller.role is None or caller.organization is None or caller.organization not in parents:
        return set()
    return set(tree.group(parents, caller.organization))


def allowed(scope: set[str] | None, organization: str) -> bool:
    """Whether ``organization`` is inside ``scope`` (None: everything)."""
    return scope is None or organization in scope
