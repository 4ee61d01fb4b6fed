"""The registry of organizations that must report on the plan: courts and regional departments.

It is a data file an administrator edits (``data/organizations.toml``, or ``KAGAZ_ORGANIZATIONS_FILE``);
the service reads it at start and serves it at ``GET /api/v1/organizations``. A local court names its
``parent``, the oblast court or the Bishkek city court that controls it (measure 11); a parent that is not
in the file, that cannot control courts, or a chain of parents that comes back on itself stops the start
with the file and the entry named.
"""

from __future__ import annotations

import enum
import tomllib
from pathlib import Path

from pydantic import Field, ValidationError

from service.documents.common import Line, Strict
from service.kyrgyz import sort_kyrgyz


class OrganizationKind(enum.StrEnum):
    """Who reports: the kinds of courts and units the plan's measure 11 names."""

    LOCAL_COURT = "local_court"
    OBLAST_COURT = "oblast_court"
    BISHKEK_CITY_COURT = "bishkek_city_court"
    SUPREME_COURT_OFFICE = "supreme_court_office"
    REGIONAL_DEPARTMENT = "regional_department"


KIND_TITLES = {
    OrganizationKind.LOCAL_COURT: "жергиликтүү сот",
    OrganizationKind.OBLAST_COURT: "облустук сот",
    OrganizationKind.BISHKEK_CITY_COURT: "Бишкек шаардык соту",
    OrganizationKind.SUPREME_COURT_OFFICE: "Жогорку соттун аппараты",
    OrganizationKind.REGIONAL_DEPARTMENT: "Сот департаментинин облустук башкармалыгы",
}


class Organization(Strict):
    """A reporting organization as the registry holds it."""

    id: Line = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,63}$", description="Stable id, e.g. 'osh-oblast-court'.")
    name: Line = Field(description="Full Kyrgyz name, e.g. «Ош облустук соту».")
    kind: OrganizationKind


CONTROLLING_KINDS = frozenset({OrganizationKind.OBLAST_COURT, OrganizationKind.BISHKEK_CITY_COURT})
"""The kinds of court that control others and sum up their reports (measure 11)."""


class RegisteredOrganization(Organization):
    """An organization as the registry holds it: with the court that controls it, if any.

    A separate model from ``Organization`` because a report names its organization without a parent:
    who controls whom is the registry's word, not the reporting court's.
    """

    parent: str | None = Field(None, description="The id of the oblast or city court that controls it.")


class RegistryError(ValueError):
    """The organizations file cannot be used; the message names the file and the entry."""


def load_organizations(path: Path) -> dict[str, RegisteredOrganization]:
    """Read the registry, sorted in Kyrgyz alphabetical order; duplicates, bad entries and bad parents are
    refused."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise RegistryError(f"{path}: {error}") from None
    found: dict[str, RegisteredOrganization] = {}
    for index, entry in enumerate(data.get("organization", [])):
        try:
            organization = RegisteredOrganization.model_validate(entry)
        except ValidationError as error:
            raise RegistryError(f"{path}: organization[{index}]: {error.errors()[0]['msg']}") from None
        if organization.id in found:
            raise RegistryError(f"{path}: organization[{index}]: id {organization.id!r} appears twice")
        found[organization.id] = organization
    if not found:
        raise RegistryError(f"{path}: no [[organization]] entries")
    _check_parents(path, found)
    return {item.id: item for item in sort_kyrgyz(found.values(), key=lambda item: item.name)}


def _check_parents(path: Path, found: dict[str, RegisteredOrganization]) -> None:
    """Every parent is in the file and controls courts, and no chain of parents is a cycle."""
    from service.reporting.tree import TreeError, check_tree

    def where(key: str) -> str:
        return f"{path}: organization[{list(found).index(key)}] ({key!r})"

    for key, organization in found.items():
        parent = found.get(organization.parent) if organization.parent else None
        if parent is not None and parent.kind not in CONTROLLING_KINDS:
            raise RegistryError(
                f"{where(key)}: parent {parent.id!r} is a {parent.kind}; only an oblast court or the Bishkek "
                "city court controls other courts"
            )
    try:
        check_tree({key: organization.parent for key, organization in found.items()})
    except TreeError as error:
        raise RegistryError(f"{where(error.entry)}: {error}") from None
