"""Every error Kagaz raises on purpose, and what each one means to the caller.

The tree, in the manner of httpx's ``_exceptions``::

    KagazError
    ├── InputError                  the caller sent something we will not render; 4xx, never retried
    │   ├── PayloadTooLarge         a body, upload or unpacked archive over its configured limit (413)
    │   └── UnsupportedFormat       a format, document kind or file type Kagaz does not produce/read
    ├── TemplateError               a DOCX template cannot be used (validation, rendering)
    │   ├── TemplateNotFound        no template, or no such version, by that name
    │   └── ActivationConflict      the version an activation expected to replace is no longer active (409)
    ├── ConversionError             LibreOffice could not turn a DOCX into a PDF
    │   ├── ConversionTimeout       one conversion ran past its limit; the worker was killed
    │   ├── ConversionFailed        LibreOffice answered with an error (a document it cannot load)
    │   └── PoolUnavailable         no worker could take the job in time (queue full, all down, stopping);
    │                               answered 503 with Retry-After
    ├── StorageError                the database or the file store cannot do what was asked, now
    │   ├── StorageUnavailable      locked past the busy timeout, read-only, unreachable: 503 + Retry-After
    │   └── StorageFull             no space left on the database's or the file store's disk: 507
    └── NotFound                    a job, batch or resource id that does not exist

Each user mistake is one ``InputError`` carrying a list of ``Problem`` values, so that every entry point
(HTTP API, web form, CLI, batch) can show all the problems at once, each with its place: a field path
(``sections[2].measures[0].deadline``), a sheet/row/column (``Иш-чаралар!C7``) or a template place
(``table 1, row 3, cell 2: {{ m.dedline }}``). They are turned into HTTP 4xx, a form message or a CLI exit
code in one place each (``api/errors.py``, ``web/``, ``cli.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, and where.

    ``code`` is a stable identifier (``missing``, ``too_long``, ``xml_char`` …) that the message catalogue
    (``service.messages``) turns into Kyrgyz, Russian or English; ``message`` is a ready English text used
    when a catalogue entry is missing; ``params`` fill the catalogue's placeholders.
    """

    location: str
    code: str
    message: str
    params: dict[str, object] = field(default_factory=dict)
    severity: str = "error"  # "error" or "warning" (template validation reports both)

    def as_dict(self, language: str = "en") -> dict[str, object]:
        from service.messages import translate

        return {
            "location": self.location,
            "code": self.code,
            "message": translate(self.code, language, self.params, default=self.message),
            "severity": self.severity,
        }


class KagazError(Exception):
    """Base of every error Kagaz raises deliberately; anything else is a bug."""


class InputError(KagazError):
    """Raised when the input (JSON, spreadsheet, upload) fails validation; carries every problem found."""

    status = 422

    def __init__(self, problems: list[Problem] | Problem, summary: str | None = None) -> None:
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        self.summary = summary or "; ".join(f"{p.location}: {p.message}" for p in self.problems)
        super().__init__(self.summary)


class PayloadTooLarge(InputError):
    """Raised when a body, upload, string list or archive passes its configured limit."""

    status = 413


class UnsupportedFormat(InputError):
    """Raised for an output format, document kind or upload type that Kagaz does not handle."""

    status = 400


class TemplateError(KagazError):
    """Raised when a DOCX template cannot be rendered; ``problems`` say where in the template."""

    def __init__(self, problems: list[Problem] | Problem, summary: str | None = None) -> None:
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        self.summary = summary or "; ".join(f"{p.location}: {p.message}" for p in self.problems)
        super().__init__(self.summary)


class TemplateNotFound(KagazError):
    """Raised when no template (or no such version) exists under the name asked for."""


class ActivationConflict(TemplateError):
    """Raised when an activation names the version it expects to replace (``expected_active``, ``If-Match``)
    and another editor (on any machine) activated a different one first. ``active`` is the version now in
    force (None: none), so the loser can look at it and decide again."""

    def __init__(self, name: str, expected: int, active: int | None) -> None:
        self.name, self.expected, self.active = name, expected, active
        super().__init__(
            Problem(
                "expected_active",
                "activation_conflict",
                f"{name}: version {expected} is no longer active; version {active} is",
                {"name": name, "expected": expected, "active": active},
            )
        )


class ConversionError(KagazError):
    """Base of the errors of the DOCX → PDF conversion."""


class ConversionTimeout(ConversionError):
    """Raised when one conversion passes its time limit; the worker that ran it has been killed."""


class ConversionFailed(ConversionError):
    """Raised when LibreOffice reports an error for this document (after one retry on another worker)."""


class PoolUnavailable(ConversionError):
    """Raised when no worker takes the job within the maximum wait: queue full, all workers down, or stopping.

    ``retry_after`` is the number of seconds a client should wait before trying again.
    """

    def __init__(self, message: str, retry_after: int = 5) -> None:
        self.retry_after = retry_after
        super().__init__(message)


class StorageError(KagazError):
    """Base of the faults of the shared state (``service.db``): never the caller's mistake, never a 500.

    ``reason`` is a stable code (``locked``, ``read_only``, ``unreachable``, ``full``) that the message
    catalogue turns into the person's language as ``storage_<reason>``."""

    reason = "unavailable"
    status = 503

    def __init__(self, message: str, retry_after: int | None = None) -> None:
        self.retry_after = retry_after
        super().__init__(message)


class StorageUnavailable(StorageError):
    """Raised when the database or file store cannot serve for now: a lock held too long, a read-only
    file or disk, a server that does not answer. Answered 503 with ``Retry-After``."""

    def __init__(self, reason: str, message: str, retry_after: int = 10) -> None:
        self.reason = reason
        super().__init__(message, retry_after)


class StorageFull(StorageError):
    """Raised when a write finds no space left (the database's disk or the file store's). Answered 507:
    retrying will not help until an administrator frees space."""

    reason = "full"
    status = 507


class NotFound(KagazError):
    """Raised when a job, batch, version or other resource id does not exist."""
