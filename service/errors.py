"""Every error Kagaz raises on purpose, what kind of failure each one is, and what that kind means to a caller.

The tree, in the manner of httpx's ``_exceptions`` (the kind, then HTTP status / CLI exit code; ``failed``
is ``Kind.CONVERSION_FAILED``)::

    KagazError
    ├── InputError                  the caller sent something we will not render; never retried   invalid 422/1
    │   ├── MalformedRequest        not JSON, or a query value that is not one of the choices       malformed 400/1
    │   │   └── UnsupportedFormat   a format or version Kagaz does not produce                     malformed 400/1
    │   ├── UnsupportedMediaType    a body in a media type the route does not read                  media_type 415/1
    │   ├── PayloadTooLarge         a body, upload or unpacked archive over its configured limit    too_large 413/1
    │   ├── UnknownDocument         a document kind that does not exist                             not_found 404/1
    │   └── NotReady                the resource exists but is not finished yet (a running batch)  conflict 409/1
    ├── TemplateError               a DOCX template cannot be filled (validation, rendering)        template 422/1
    │   └── ActivationConflict      the version an activation expected to replace is not active     conflict 409/3 (*)
    ├── TemplateNotFound            no template, or no such version, by that name                   not_found 404/1
    ├── ConversionError             LibreOffice could not turn a DOCX into a PDF                    failed 422/2
    │   ├── ConversionTimeout       one conversion ran past its limit; the worker was killed        busy 503/2
    │   ├── ConversionFailed        LibreOffice answered with an error (a document it cannot load) failed 422/2
    │   └── PoolUnavailable         no worker took the job in time (queue full, all down, stopping) busy 503/2
    ├── StorageError                the database or the file store cannot do it now (service.db)
    │   ├── StorageUnavailable      locked past the busy timeout, read-only, unreachable            storage 503/2
    │   └── StorageFull             no space left on the database's or the file store's disk       storage_full 507/2
    ├── NotFound                    a job, batch or resource id that does not exist                 not_found 404/1
    ├── TooManyRequests             one address past its rate (the public check of files)          rate_limited 429/2
    ├── AuthError (service.auth)    no acceptable key (``Unauthorized``) or too weak a role          unauthorized 401 /
    │                               (``Forbidden``)                                                  forbidden 403
    ├── KeyRefused (service.auth)   a key's name that does not fit or is taken (``kagaz keys``)      invalid -/1
    └── ConfigurationError          a setting Kagaz cannot run with (service.settings)               configuration -/1

Each user mistake is one ``InputError`` carrying a list of ``Problem`` values, so that every entry point
(HTTP API, web form, CLI, batch) can show all the problems at once, each with its place: a field path
(``sections[2].measures[0].deadline``), a sheet/row/column (``Иш-чаралар!C7``) or a template place
(``table 1, row 3, cell 2: {{ m.dedline }}``).

An error carries its ``kind`` as a class attribute and nothing else about how it is answered: the HTTP
status is chosen from the kind in ``HTTP_STATUS`` (the API and the pages both answer by it), the CLI exit
code in ``EXIT_CODE`` (``kagaz`` and its subcommands), the form's message in ``service.web.page``. A raising
site picks the class that says what went wrong, never a status number; a wrapper that re-raises an error with
other problems (cells instead of field paths) keeps its class, and so its kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import ClassVar


class Kind(StrEnum):
    """What went wrong, as a caller acts on it."""

    INVALID = "invalid"  # the input fails validation: fix it and send it again
    MALFORMED = "malformed"  # the request itself cannot be read (not JSON, an unknown choice)
    MEDIA_TYPE = "media_type"  # the body is in a form the route does not read
    TOO_LARGE = "too_large"
    NOT_FOUND = "not_found"
    CONFLICT = "conflict"  # it exists but is not in a state to give what was asked
    TEMPLATE = "template"  # the template in force cannot be filled: the template's fault, not the caller's
    CONVERSION_FAILED = "conversion_failed"
    BUSY = "busy"  # try again later (Retry-After)
    UNAUTHORIZED = "unauthorized"
    FORBIDDEN = "forbidden"
    CONFIGURATION = "configuration"
    STORAGE = "storage"  # the database or file store cannot serve now: try again later (Retry-After)
    STORAGE_FULL = "storage_full"  # no space left: nothing was stored; an administrator must free space
    RATE_LIMITED = "rate_limited"  # this address asked too often: try again later (Retry-After)
    INTERNAL = "internal"  # a bug: anything not raised on purpose


HTTP_STATUS: dict[Kind, int] = {
    Kind.INVALID: 422,
    Kind.MALFORMED: 400,
    Kind.MEDIA_TYPE: 415,
    Kind.TOO_LARGE: 413,
    Kind.NOT_FOUND: 404,
    Kind.CONFLICT: 409,
    Kind.TEMPLATE: 422,
    Kind.CONVERSION_FAILED: 422,
    Kind.BUSY: 503,
    Kind.RATE_LIMITED: 429,
    Kind.UNAUTHORIZED: 401,
    Kind.FORBIDDEN: 403,
    Kind.CONFIGURATION: 500,
    Kind.STORAGE: 503,
    Kind.STORAGE_FULL: 507,
    Kind.INTERNAL: 500,
}
"""The one place a kind becomes an HTTP status (``service.api.errors`` and the staff pages answer by it)."""

EXIT_INPUT = 1  # the user's mistake: fix the input and run again
EXIT_SYSTEM = 2  # the machine's problem (LibreOffice, disk): running again may help

EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT

EXIT_CODE: dict[Kind, int] = {
    Kind.INVALID: EXIT_INPUT,
    Kind.MALFORMED: EXIT_INPUT,
    Kind.MEDIA_TYPE: EXIT_INPUT,
    Kind.TOO_LARGE: EXIT_INPUT,
    Kind.NOT_FOUND: EXIT_INPUT,
    Kind.CONFLICT: EXIT_INPUT,
    Kind.TEMPLATE: EXIT_INPUT,
    Kind.CONVERSION_FAILED: EXIT_SYSTEM,
    Kind.BUSY: EXIT_SYSTEM,
    Kind.RATE_LIMITED: EXIT_SYSTEM,
    Kind.UNAUTHORIZED: EXIT_INPUT,
    Kind.FORBIDDEN: EXIT_INPUT,
    Kind.CONFIGURATION: EXIT_INPUT,
    Kind.STORAGE: EXIT_SYSTEM,
    Kind.STORAGE_FULL: EXIT_SYSTEM,
    Kind.INTERNAL: EXIT_SYSTEM,
}
"""The one place a kind becomes the exit code of ``kagaz`` and its subcommands."""


def kind_of(error: BaseException) -> Kind:
    """The kind of any exception: a ``KagazError``'s own, ``INTERNAL`` for anything else (a bug)."""
    return getattr(error, "kind", Kind.INTERNAL) if isinstance(error, KagazError) else Kind.INTERNAL


def http_status(error: BaseException) -> int:
    return HTTP_STATUS[kind_of(error)]


def exit_code(error: BaseException) -> int:
    return EXIT_CODE[kind_of(error)]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, and where.

    ``code`` is a stable identifier (``missing``, ``too_long``, ``xml_char`` …) that the text catalogue
    (``service.catalogue``) turns into Kyrgyz, Russian or English; ``message`` is a ready English text for
    logs and for a code the catalogue lacks (a test keeps that from happening); ``params`` fill the
    catalogue's placeholders.
    """

    location: str
    code: str
    message: str
    params: dict[str, object] = field(default_factory=dict)
    severity: str = "error"  # "error" or "warning" (template validation reports both)

    def as_dict(self, language: str = "en") -> dict[str, object]:
        from service.catalogue import translate

        return {
            "location": self.location,
            "code": self.code,
            "message": translate(self.code, language, self.params, default=self.message),
            "severity": self.severity,
        }


def json_problem(location: str, error: Exception, content: bytes = b"") -> Problem:
    """Why ``json.loads`` refused a text, as code ``invalid_json`` with a ``variant`` people can read.

    Programs keep the one code; the catalogue's ``invalid_json.<variant>`` says it in words with the line
    and column counted from one («2-сап, 15-белги»), never the parser's «Expecting value … (char 31)»."""
    if isinstance(error, RecursionError):
        return Problem(location, "invalid_json", "nested too deeply", {"variant": "depth"})
    if isinstance(error, UnicodeDecodeError):
        before = content[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        params: dict[str, object] = {"variant": "encoding", "line": line, "column": column}
        return Problem(location, "invalid_json", f"not UTF-8 at line {line}, column {column}", params)
    lineno, colno = getattr(error, "lineno", None), getattr(error, "colno", None)
    if lineno is not None and colno is not None:
        params = {"variant": "syntax", "line": lineno, "column": colno}
        return Problem(location, "invalid_json", f"not valid JSON: {error}", params)
    return Problem(location, "invalid_json", f"not valid JSON: {error}", {"variant": "number"})


class KagazError(Exception):
    """Base of every error Kagaz raises deliberately; anything else is a bug."""

    kind: ClassVar[Kind] = Kind.INTERNAL


class InputError(KagazError):
    """Raised when the input (JSON, spreadsheet, upload) fails validation; carries every problem found."""

    kind = Kind.INVALID

    def __init__(self, problems: list[Problem] | Problem, summary: str | None = None) -> None:
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        self.summary = summary or "; ".join(f"{p.location}: {p.message}" for p in self.problems)
        super().__init__(self.summary)


class MalformedRequest(InputError):
    """Raised when the request cannot be read at all: a body that is not JSON, a query value that is not one
    of its choices. Nothing was validated yet."""

    kind = Kind.MALFORMED


class UnsupportedFormat(MalformedRequest):
    """Raised for an output format or template version that Kagaz does not produce."""


class UnsupportedMediaType(InputError):
    """Raised when a body comes in a media type the route does not read (a form posted to the JSON API)."""

    kind = Kind.MEDIA_TYPE


class PayloadTooLarge(InputError):
    """Raised when a body, upload, string list or archive passes its configured limit."""

    kind = Kind.TOO_LARGE


class UnknownDocument(InputError):
    """Raised for a document kind that does not exist: a missing resource to HTTP, a mistake to the CLI."""

    kind = Kind.NOT_FOUND


class NotReady(InputError):
    """Raised when what is asked for exists but is not finished (a batch's result while it still runs)."""

    kind = Kind.CONFLICT


class TemplateError(KagazError):
    """Raised when a DOCX template cannot be rendered; ``problems`` say where in the template."""

    kind = Kind.TEMPLATE

    def __init__(self, problems: list[Problem] | Problem, summary: str | None = None) -> None:
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        self.summary = summary or "; ".join(f"{p.location}: {p.message}" for p in self.problems)
        super().__init__(self.summary)


class ActivationConflict(TemplateError):
    """Raised when an activation names the version it expects to replace (``expected_active``, ``If-Match``)
    and another editor (on any machine) activated a different one first. ``active`` is the version now in
    force (None: none), so the loser can look at it and decide again."""

    kind = Kind.CONFLICT

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


class TemplateNotFound(KagazError):
    """Raised when no template (or no such version) exists under the name asked for."""

    kind = Kind.NOT_FOUND


class ConversionError(KagazError):
    """Base of the errors of the DOCX → PDF conversion."""

    kind = Kind.CONVERSION_FAILED


class ConversionTimeout(ConversionError):
    """Raised when one conversion passes its time limit; the worker that ran it has been killed.

    ``retry_after`` is the number of seconds a client should wait before trying again."""

    kind = Kind.BUSY
    retry_after = 5


class ConversionFailed(ConversionError):
    """Raised when LibreOffice reports an error for this document (after one retry on another worker)."""


class PoolUnavailable(ConversionError):
    """Raised when no worker takes the job within the maximum wait: queue full, all workers down, or stopping.

    ``retry_after`` is the number of seconds a client should wait before trying again.
    """

    kind = Kind.BUSY

    def __init__(self, message: str, retry_after: int = 5) -> None:
        self.retry_after = retry_after
        super().__init__(message)


class StorageError(KagazError):
    """Base of the faults of the shared state (``service.db``): never the caller's mistake, never a 500.

    ``reason`` is a stable code (``locked``, ``read_only``, ``unreachable``, ``unavailable``, ``full``) that
    the text catalogue turns into the person's language as ``storage_<reason>``."""

    kind = Kind.STORAGE
    reason = "unavailable"

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

    kind = Kind.STORAGE_FULL
    reason = "full"


class NotFound(KagazError):
    """Raised when a job, batch, version or other resource id does not exist."""

    kind = Kind.NOT_FOUND


class TooManyRequests(KagazError):
    """Raised when one address has asked more often than its limit allows (the public check of files);
    ``retry_after`` says in how many seconds it may ask again."""

    kind = Kind.RATE_LIMITED

    def __init__(self, problem: Problem, retry_after: int) -> None:
        self.problems = [problem]
        self.retry_after = retry_after
        super().__init__(problem.message)
