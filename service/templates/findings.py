"""What template validation finds, and where: ``TemplatePlace``, ``Finding`` and the whole ``Report``.

A place is structural (part, nested table/row/cell, paragraph, the tag), not a ready sentence, so that the
editors' page can say it in Kyrgyz (``1-таблица, 3-сап, 2-уяча: {{ m.dedline }}``) and the API and the log
in the canonical English form of ``service.errors`` (``table 1, row 3, cell 2: {{ m.dedline }}``). A report
is stored as JSON with every version and read back unchanged: codes and parameters, never translated text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from service.catalogue import translate

ERROR = "error"
WARNING = "warning"

_WORDS = {
    "en": {"table": "table {n}", "row": "row {n}", "cell": "cell {n}", "paragraph": "paragraph {n}"},
    "ky": {"table": "{n}-таблица", "row": "{n}-сап", "cell": "{n}-уяча", "paragraph": "{n}-абзац"},
    "ru": {"table": "таблица {n}", "row": "строка {n}", "cell": "ячейка {n}", "paragraph": "абзац {n}"},
}
_PARTS = {
    "en": {
        "header": "header {n}",
        "footer": "footer {n}",
        "footnote": "footnote {n}",
        "endnote": "endnote {n}",
        "body": "",
    },
    "ky": {
        "header": "{n}-жогорку колонтитул",
        "footer": "{n}-төмөнкү колонтитул",
        "footnote": "{n}-шилтеме",
        "endnote": "{n}-акыркы шилтеме",
        "body": "",
    },
    "ru": {
        "header": "верхний колонтитул {n}",
        "footer": "нижний колонтитул {n}",
        "footnote": "сноска {n}",
        "endnote": "концевая сноска {n}",
        "body": "",
    },
}

_SUMMARY = {
    "en": {
        "verdict": ("OK", "REFUSED"),
        "counts": "{errors} error(s), {warnings} warning(s); checked: {stages}",
        "pages": "; {pages} page(s)",
    },
    "ky": {
        "verdict": ("ЖАРАКТУУ", "КАБЫЛ АЛЫНБАДЫ"),
        "counts": "{errors} ката, {warnings} эскертүү; текшерилди: {stages}",
        "pages": "; {pages} барак",
    },
    "ru": {
        "verdict": ("ГОДЕН", "ОТКЛОНЁН"),
        "counts": "ошибок: {errors}, предупреждений: {warnings}; проверено: {stages}",
        "pages": "; страниц: {pages}",
    },
}
_LOCATIONS = {  # the places that are not in the document's text
    "ky": {"file": "файл", "sample": "үлгү маалымат", "pdf": "PDF", "model": "модель"},
    "ru": {"file": "файл", "sample": "образец данных", "pdf": "PDF", "model": "модель"},
}


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
        words = _WORDS.get(language, _WORDS["en"])
        pieces: list[str] = []
        if self.part != "body":
            pieces.append(_PARTS.get(language, _PARTS["en"])[self.part].format(n=self.part_number))
        for table, row, cell in self.cells:
            pieces.append(words["table"].format(n=table))
            if row:  # row 0: the whole table
                pieces += [words["row"].format(n=row), words["cell"].format(n=cell)]
        if self.paragraph is not None and (not self.cells or self.paragraph > 1):
            pieces.append(words["paragraph"].format(n=self.paragraph))
        where = ", ".join(pieces) or words["paragraph"].format(n="?")
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
        return _LOCATIONS.get(language, {}).get(self.location, self.location)

    def as_dict(self, language: str = "en") -> dict[str, Any]:
        """The form the API and the page show: the place and the message in ``language``."""
        return {
            "severity": self.severity,
            "code": self.code,
            "location": self.where("en"),
            "place": self.where(language),
            "tag": self.place.tag if self.place else "",
            "text": self.place.text if self.place else "",
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
            label = {"en": ("ERROR", "warning"), "ru": ("ОШИБКА", "предупреждение")}.get(language, ("КАТА", "эскертүү"))
            lines.append(f"{label[0] if finding.is_error else label[1]}: {finding.where(language)}")
            lines.append(f"    {finding.as_dict(language)['message']}")
            if finding.place and finding.place.text and finding.place.text != finding.place.tag:
                lines.append(f"    «{finding.place.text}»")
        summary = _SUMMARY.get(language, _SUMMARY["en"])
        lines.append(
            summary["verdict"][0 if self.ok else 1]
            + ": "
            + summary["counts"].format(
                errors=len(self.errors), warnings=len(self.warnings), stages=", ".join(self.stages)
            )
            + (summary["pages"].format(pages=self.pages) if self.pages else "")
        )
        return "\n".join(lines)
