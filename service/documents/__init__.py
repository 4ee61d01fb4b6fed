"""The document kinds Kagaz produces, and the one validation every entry point goes through.

``load(kind, data)`` is the only way from raw input (parsed JSON, rows of a spreadsheet) to a model: the
API, the web form, the CLI and the batch all call it, so an error reads the same everywhere: a list of
problems, each with the field path it is about (``sections[2].measures[0].deadline``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from service.documents.reference import Reference
from service.errors import InputError, Problem, UnknownDocument


@dataclass(frozen=True)
class DocumentKind:
    """A kind of document: its URL name, its input model and how the model becomes a template context."""

    name: str
    title: str
    model: type[BaseModel]
    context: Callable[[Any, Reference], dict[str, Any]]
    filename_fields: Callable[[Any], dict[str, Any]]


def _kinds() -> dict[str, DocumentKind]:
    from service.documents import action_plan, generalized, progress_report

    kinds = [
        DocumentKind(
            name="action-plan",
            title="Иш-чаралар планы (буйрукка тиркеме)",
            model=action_plan.Plan,
            context=lambda plan, _reference: action_plan.context(plan),
            filename_fields=lambda plan: {"year": plan.approving_order.year},
        ),
        DocumentKind(
            name="progress-report",
            title="Иш-чаралар планынын аткарылышы жөнүндө отчет",
            model=progress_report.ProgressReport,
            context=progress_report.context,
            filename_fields=lambda report: {"year": report.year, "organization": report.organization.name},
        ),
        DocumentKind(
            name="generalized-report",
            title="Иш-чаралар планынын аткарылышы жөнүндө жалпыланган отчет",
            model=generalized.GeneralizedInput,
            context=generalized.context,
            filename_fields=lambda body: {"year": body.year},
        ),
    ]
    return {kind.name: kind for kind in kinds}


KINDS: dict[str, DocumentKind] = _kinds()


def get_kind(name: str) -> DocumentKind:
    """The document kind called ``name``; an unknown name is an input error that lists the known ones."""
    try:
        return KINDS[name]
    except KeyError:
        raise UnknownDocument(
            Problem(
                "document",
                "unknown_document",
                f"no such document: {name!r}; known: {', '.join(KINDS)}",
                {"value": name},
            )
        ) from None


def field_path(loc: tuple[int | str, ...]) -> str:
    """Pydantic's location tuple as a path a person reads: ``sections[2].measures[0].deadline``."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or "(document)"


def problems_from(error: ValidationError, prefix: str = "") -> list[Problem]:
    """Every pydantic error as a ``Problem`` with its field path and translatable code."""
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(part for part in item["loc"] if part != "function-after[_xml_safe(), constrained-str]")
        path = field_path(loc)
        if prefix:
            path = f"{prefix}{'' if path.startswith('[') else '.'}{path}" if loc else prefix
        params = {key: value for key, value in (item.get("ctx") or {}).items()}
        at = params.pop("at", None)  # a model rule about one of its fields names it (``refused(..., at=...)``)
        if isinstance(at, str) and at:
            path = at if path == "(document)" else f"{path}{'' if at.startswith('[') else '.'}{at}"
        if "error" in params:
            params["error"] = str(params["error"])
        message = item["msg"].removeprefix("Value error, ")
        code = item["type"]
        if code == "value_error":
            params["error"] = message
        problems.append(Problem(path, code, message, params))
    return problems


def load(kind: DocumentKind | str, data: Any, reference: Reference | None = None) -> BaseModel:
    """Validate parsed input into the kind's model; every problem is reported at once with its place.

    ``reference`` (the plan in force, the organizations) lets the models check measure numbers and
    organizations; without it only the shape is checked.
    """
    kind = get_kind(kind) if isinstance(kind, str) else kind
    try:
        return kind.model.model_validate(data, context={"reference": reference})
    except ValidationError as error:
        raise InputError(problems_from(error)) from None
