"""Reference data a document is checked against: the plan in force and the registry of organizations.

Loaded once by the engine and passed to validation as pydantic context, so that the models stay pure
(no file reads inside validators) and a test can validate against any plan it builds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationInfo

from service.documents.action_plan import Plan
from service.documents.organizations import RegisteredOrganization, load_organizations


@dataclass(frozen=True)
class Reference:
    plan: Plan
    organizations: dict[str, RegisteredOrganization]


def load_reference(plan_file: Path, organizations_file: Path) -> Reference:
    plan = Plan.model_validate(json.loads(plan_file.read_text(encoding="utf-8")))
    return Reference(plan=plan, organizations=load_organizations(organizations_file))


def reference_from(info: ValidationInfo) -> Reference | None:
    """The reference passed to ``model_validate(..., context={"reference": ...})``, if any."""
    context = info.context or {}
    found = context.get("reference")
    return found if isinstance(found, Reference) else None
