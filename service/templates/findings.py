"""What template validation finds, and where: ``TemplatePlace``, ``Finding`` and the whole ``Report``.

A place is structural (part, nested table/row/cell, paragraph, the tag), not a ready sentence, so that the
editors' page can say it in Kyrgyz (``1-таблица, 3-сап, 2-уяча: {{ m.dedline }}``) and the API and the log
in the canonical English form of ``service.errors`` (``table 1, row 3, cell 2: {{ m.dedline }}``). A report
is stored as JSON with every version and read back unchanged: codes and parameters, never translated text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from service.catalogue import TEXTS, text, translate

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class TemplatePlace:
    """Where in the template: the part (``body``, ``header``/``footer`` with its number), the nested
    ``(table, row, cell)`` path (1-based), the paragraph (1-based: in the body outside tables, or within
    its cell), and the tag as the editor typed it."""

    part: str = "body"
    part_number: int = 0
    cells: tuple[tuple[int, int, int], ...] = ()
    paragraph: int | None = None
    tag: str = ""
    text: str = ""  # the paragraph's visible text, shortened: helps to find it in Word

    def describe(self, language: str = "en", with_tag: bool = True) -> str:
        pieces: list[str] = []
        if self.part != "body":
            pieces.append(text(f"place_{self.part}", language, n=self.part_number))
        for table, row, cell in self.cells:
            pieces.append(text("place_table", language, n=table))
            if row:  # row 0: the whole table
                pieces += [text("place_row", language, n=row), text("place_cell", language, n=cell)]
        if self.paragraph is not None and (not self.cells or self.paragraph > 1):
            pieces.append(text("place_paragraph", language, n=self.paragraph))
        where = ", ".join(pieces) or text("place_paragraph", language, n="?")
        return f"{where}: {self.tag}" if with_tag and self.tag else where

    def as_json(self) -> dict[str, Any]:
        return {
            "part": self.part,
            "part_number": self.part_number,
            "cells": [list(item) for item in self.cells],
            "paragraph": self.paragraph,
            "tag": self.tag,
            "text": self.text,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TemplatePlace:
        return cls(
            part=data.get("part", "body"),
            part_number=int(data.get("part_number", 0)),
            cells=tuple(tuple(int(x) for x in item) for item in data.get("cells", [])),  # type: ignore[misc]
            paragraph=data.get("paragraph"),
            tag=data.get("tag", ""),
            text=data.get("text", ""),
        )


@dataclass(frozen=True)
class Finding:
    """One problem (``error``: the version is refused) or ``warning`` (stored, shown, not blocking).

    ``location`` is used where the place is not in the document's text: ``file``, a part name such as
    ``word/document.xml``, ``sample``, ``pdf``; ``message`` is the English default for the catalogue entry
    ``code`` filled with ``params``."""

    severity: str
    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)
    place: TemplatePlace | None = None
    location: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def where(self, language: str = "en") -> str:
        if self.place:
            return self.place.describe(language)
        key = f"place_{self.location}"
        return text(key, language) if key in TEXTS else self.location  # a part name stays as it is

    def as_dict(self, language: str = "en") -> dict[str, Any]:
        """The form the API and the page show: the place and the message in ``language``."""
        return {
            "severity": self.severity,
            "code": self.code,
            "location": self.where("en"),
            "place": self.where(language),
            "tag": self.place.tag if self.place else "",
            "text": self.place.text if self.place else "",
            "field": str(self.params.get("field", "")),  # a model field's path: the page adds its meaning
            "message": translate(self.code, language, self.params, default=self.message),
        }

    def as_json(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "params": {key: str(value) for key, value in self.params.items()},
            "place": self.place.as_json() if self.place else None,
            "location": self.location,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Finding:
        place = data.get("place")
        return cls(
            severity=data["severity"],
            code=data["code"],
            message=data.get("message", ""),
            params=dict(data.get("params") or {}),
            place=TemplatePlace.from_json(place) if place else None,
            location=data.get("location", ""),
        )


def error(code: str, message: str, place: TemplatePlace | None = None, location: str = "", **params: Any) -> Finding:
    return Finding(ERROR, code, message, params, place, location)


def warning(code: str, message: str, place: TemplatePlace | None = None, location: str = "", **params: Any) -> Finding:
    return Finding(WARNING, code, message, params, place, location)


@dataclass
class Report:
    """The outcome of validating one candidate DOCX for one template.

    ``ok`` is true when nothing is an error; ``stages`` lists the checks that ran (a stage is skipped when an
    earlier one found errors: a file that is not a DOCX is not test-rendered); ``variables`` are the context
    paths the template reads (``sections[].measures[].deadline``), used to compare versions.
    """

    template: str
    sha256: str
    findings: list[Finding] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)
    variables: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)  # required fields the template never shows
    pages: int | None = None
    pdf: bytes | None = None  # the test render as PDF (kept with the version, not in the JSON)
    preview: bytes | None = None  # its first page as PNG

    @property
    def ok(self) -> bool:
        return not any(finding.is_error for finding in self.findings)

    @property
    def errors(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [finding for finding in self.findings if not finding.is_error]

    def as_dict(self, language: str = "en") -> dict[str, Any]:
        return {
            "template": self.template,
            "sha256": self.sha256,
            "ok": self.ok,
            "errors": [finding.as_dict(language) for finding in self.errors],
            "warnings": [finding.as_dict(language) for finding in self.warnings],
            "stages": self.stages,
            "variables": self.variables,
            "hidden_fields": self.hidden,
            "pages": self.pages,
        }

    def as_json(self) -> dict[str, Any]:
        return {
            "template": self.template,
            "sha256": self.sha256,
            "findings": [finding.as_json() for finding in self.findings],
            "stages": self.stages,
            "variables": self.variables,
            "hidden": self.hidden,
            "pages": self.pages,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Report:
        return cls(
            template=data["template"],
            sha256=data["sha256"],
            findings=[Finding.from_json(item) for item in data.get("findings", [])],
            stages=list(data.get("stages", [])),
            variables=list(data.get("variables", [])),
            hidden=list(data.get("hidden", [])),
            pages=data.get("pages"),
        )

    def text(self, language: str = "en") -> str:
        """The report as lines a person reads in a terminal (``kagaz templates check``)."""
        lines = []
        for finding in self.errors + self.warnings:
            label = text("report_error" if finding.is_error else "report_warning", language)
            lines.append(f"{label}: {finding.where(language)}")
            lines.append(f"    {finding.as_dict(language)['message']}")
            if finding.place and finding.place.text and finding.place.text != finding.place.tag:
                lines.append(f"    «{finding.place.text}»")
        stages = ", ".join(text(f"stage_{stage}", language) for stage in self.stages)
        counts = text("report_counts", language, errors=len(self.errors), warnings=len(self.warnings), stages=stages)
        pages = "; " + text("pages", language, pages=self.pages) if self.pages else ""
        lines.append(f"{text('verdict_ok' if self.ok else 'verdict_refused', language)}: {counts}{pages}")
        return "\n".join(lines)
