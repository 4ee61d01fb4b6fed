"""The registry of organizations that must report on the plan: courts and regional departments.

It is a data file an administrator edits (``data/organizations.toml``, or ``KAGAZ_ORGANIZATIONS_FILE``);
the service reads it at start and serves it at ``GET /api/v1/organizations``.
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


class RegistryError(ValueError):
    """The organizations file cannot be used; the message names the file and the entry."""


def load_organizations(path: Path) -> dict[str, Organization]:
    """Read the registry, sorted in Kyrgyz alphabetical order; duplicates and bad entries are refused."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise RegistryError(f"{path}: {error}") from None
    found: dict[str, Organization] = {}
    for index, entry in enumerate(data.get("organization", [])):
        try:
            organization = Organization.model_validate(entry)
        except ValidationError as error:
            raise RegistryError(f"{path}: organization[{index}]: {error.errors()[0]['msg']}") from None
        if organization.id in found:
            raise RegistryError(f"{path}: organization[{index}]: id {organization.id!r} appears twice")
        found[organization.id] = organization
    if not found:
        raise RegistryError(f"{path}: no [[organization]] entries")
    return {item.id: item for item in sort_kyrgyz(found.values(), key=lambda item: item.name)}
