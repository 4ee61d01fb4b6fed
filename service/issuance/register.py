"""The issuance register: allocate a number, complete or void it, annul, find by number or by file.

What a caller may rely on, on SQLite and on PostgreSQL alike:

* ``allocate_once`` does the same for a submitted report's version, at most once per version and format:
  a later call returns the entry already issued (``issued_report_versions``).
* ``allocate`` gives the next number of the year for the prefix and records the entry (``pending``) in one
  transaction under the ``kagaz.issuance`` writer lock (``Database.transaction``): numbers are unique across
  processes and machines, and a number exists only together with its entry. That transaction does not wait
  for the disk (``durable=False``): ``complete`` (or ``void``) commits durably before the document leaves,
  which flushes the allocation with it. A crash of the machine in between can take a number back, but only
  one that no document handed out carries (it had not been completed), so reusing it breaks no promise.
* A number is never given twice and never taken back. When rendering, conversion or signing fails after
  allocation, ``void`` keeps the entry with the reason, so every gap in a year's sequence is explained.
* ``complete`` records the output's sha256 and size and adds it to the files «check a file» recognises;
  ``record_file`` adds a reissued file under the same number.
* Reading never needs the writer lock. Times are UTC.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError

from service.db import Database
from service.errors import Problem
from service.issuance.numbers import IssueNumber
from service.issuance.tables import IssueCounter, IssuedDocument, IssuedFile, IssuedReportVersion

LOCK = "kagaz.issuance"
REASON_LIMIT = 1000  # characters of an annulment's reason: the public check shows it whole
# What everyone may see of an entry (the public check and non-admin keys); the rest is for admins only:
# the input holds personal data (signatories, executors' phones).
PUBLIC_FIELDS = (
    "number",
    "state",
    "document",
    "title",
    "organization",
    "format",
    "template",
    "template_sha256",
    "output_sha256",
    "output_size",
    "signer",
    "certificate_serial",
    "timestamped",
    "issued_at",
    "annulled_at",
    "annul_reason",
)


class RegisterError(LookupError):
    """An operation the register refuses: an unknown number, or a state that does not allow it."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Application:
    """What is known of a document before its number: recorded with the number when it is allocated."""

    document: str
    title: str
    organization: str | None
    format: str
    template: str
    template_sha256: str
    kagaz_version: str
    input_json: str
    input_sha256: str
    issued_by: str
    upload_sha256: str | None = None
    sources: str | None = None
    attach_data: bool = False
    key_id: int | None = None
    request_id: str | None = None


@dataclass(frozen=True)
class Entry:
    """One row of the register, as the domain reads it."""

    number: str
    prefix: str
    year: int
    sequence: int
    state: str
    document: str
    title: str
    organization: str | None
    format: str
    template: str
    template_sha256: str
    kagaz_version: str
    input_json: str | None
    input_sha256: str
    upload_sha256: str | None
    sources: str | None
    attach_data: bool
    output_sha256: str | None
    output_size: int | None
    signer: str | None
    certificate_serial: str | None
    timestamped: bool
    issued_at: str
    issued_by: str
    key_id: int | None
    request_id: str | None
    void_reason: str | None
    annulled_at: str | None
    annulled_by: str | None
    annul_reason: str | None
    input_removed_at: str | None

    @property
    def issue_number(self) -> IssueNumber:
        return IssueNumber(self.prefix, self.year, self.sequence)

    @property
    def moment(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.issued_at)

    @property
    def reusable(self) -> bool:
        """Whether a report version linked to this entry is handed out as it (``allocate_once``): being made
        (pending), or issued with its input kept so that it can be reissued. A void or annulled entry, or one
        whose input the retention period removed, gives the version a new number."""
        return self.state == "pending" or (self.state == "issued" and self.input_json is not None)

    def public(self) -> dict[str, Any]:
        """What anyone may see: never the input data, who issued it or the request."""
        values = asdict(self)
        return {name: values[name] for name in PUBLIC_FIELDS} | {"ascii": self.issue_number.ascii}

    def full(self) -> dict[str, Any]:
        """Everything, for admins; the input as data rather than text."""
        values = asdict(self) | {"ascii": self.issue_number.ascii}
        values["input"] = json.loads(self.input_json) if self.input_json else None
        values["sources"] = json.loads(self.sources) if self.sources else None
        del values["input_json"]
        return values


_ENTRY_FIELDS = tuple(field.name for field in fields(Entry))
_APPLICATION_FIELDS = tuple(field.name for field in fields(Application))


# The statements of allocation and completion, on the tables rather than the mapped classes (no ORM unit of
# work: it tripled the register's share of an issue's cost); built once, their compiled form cached.
_COUNTERS, _DOCUMENTS, _FILES = IssueCounter.__table__, IssuedDocument.__table__, IssuedFile.__table__
_BUMP = (
    update(_COUNTERS)
    .where(_COUNTERS.c.prefix == bindparam("b_prefix"), _COUNTERS.c.year == bindparam("b_year"))
    .values(last=_COUNTERS.c.last + 1)
    .returning(_COUNTERS.c.last)
)
_FIRST = insert(_COUNTERS).values(last=1)
_INSERT_ENTRY = insert(_DOCUMENTS)
_COMPLETE = update(_DOCUMENTS).where(_DOCUMENTS.c.number == bindparam("b_number"), _DOCUMENTS.c.state == "pending")
_INSERT_FILE = insert(_FILES)


def _entry(row: IssuedDocument) -> Entry:
    return Entry(**{name: getattr(row, name) for name in _ENTRY_FIELDS})


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def allocate(database: Database, prefix: str, application: Application, now: dt.datetime | None = None) -> Entry:
    """The next number of ``now``'s year for ``prefix``, recorded as ``pending`` with ``application``."""
    with database.transaction(lock=LOCK, durable=False) as session:
        return _allocate_in(session, prefix, application, now)


def allocate_once(
    database: Database, prefix: str, application: Application, submission_id: int, now: dt.datetime | None = None
) -> tuple[Entry, bool]:
    """The entry a submitted report's version was already issued under in this format (False), or a new
    number allocated and linked to it (True), decided in one transaction under the issuance lock.

    Why: opening a report from the status page must not make a new official document each time. The
    ``issued_report_versions`` primary key is the backstop when two first opens race past the lock: the
    loser's insert fails, nothing of it is kept (its number with it), and it takes the winner's entry. A
    version whose entry was voided (its rendering failed), annulled, or whose input the retention period
    removed (it can no longer be reissued) gets a new number, and the link moves to it; the old entry stays
    in the register with its reason."""
    try:
        with database.transaction(lock=LOCK, durable=False) as session:  # as allocate: complete is durable
            link = session.get(IssuedReportVersion, (submission_id, application.format))
            if link is not None:
                linked = _entry(_row(session, link.number))
                if linked.reusable:
                    return linked, False
            entry = _allocate_in(session, prefix, application, now)
            if link is None:
                session.add(
                    IssuedReportVersion(submission_id=submission_id, format=application.format, number=entry.number)
                )
            else:
                link.number = entry.number
            session.flush()
            return entry, True
    except IntegrityError:
        found = issued_for(database, submission_id, application.format)
        if found is None:
            raise
        return found, False


def issued_for(database: Database, submission_id: int, fmt: str) -> Entry | None:
    """The entry a submission's version is linked to in format ``fmt``, if any."""
    with database.reading() as session:
        link = session.get(IssuedReportVersion, (submission_id, fmt))
        if link is None:
            return None
        row = session.get(IssuedDocument, link.number)
        return None if row is None else _entry(row)


def _allocate_in(session: Any, prefix: str, application: Application, now: dt.datetime | None) -> Entry:
    """Bump the year's counter and insert the entry: two Core statements (the ORM's unit of work tripled the
    register's share of an issue's cost), run under the issuance lock the caller's transaction holds."""
    moment = (now or _now()).astimezone(dt.UTC).replace(microsecond=0)
    connection = session.connection()
    sequence = connection.execute(_BUMP, {"b_prefix": prefix, "b_year": moment.year}).scalar()
    if sequence is None:  # the year's first number for this prefix: no other writer can race (the lock)
        sequence = 1
        connection.execute(_FIRST, {"prefix": prefix, "year": moment.year})
    number = IssueNumber(prefix, moment.year, sequence)
    values = {name: getattr(application, name) for name in _APPLICATION_FIELDS} | {
        "number": str(number),
        "prefix": prefix,
        "year": moment.year,
        "sequence": sequence,
        "state": "pending",
        "issued_at": moment.isoformat(),
        "timestamped": False,
    }
    connection.execute(_INSERT_ENTRY, values)
    return Entry(**(dict.fromkeys(_ENTRY_FIELDS) | values))


def complete(
    database: Database,
    entry: Entry,
    sha256: str,
    size: int,
    *,
    signer: str | None = None,
    certificate_serial: str | None = None,
    timestamped: bool = False,
) -> Entry:
    """Mark ``entry`` (pending) issued with its output's hash and size (and signature), and record the file.

    One conditional update and one insert, durably committed; the entry returned is ``entry`` with those
    values, not read back (the caller holds everything else of it, input included)."""
    values = {
        "state": "issued",
        "output_sha256": sha256,
        "output_size": size,
        "signer": signer,
        "certificate_serial": certificate_serial,
        "timestamped": timestamped,
    }
    with database.transaction() as session:
        connection = session.connection()
        done = connection.execute(_COMPLETE, values | {"b_number": entry.number}).rowcount
        if done != 1:
            state = session.scalar(select(IssuedDocument.state).where(IssuedDocument.number == entry.number))
            if state is None:
                raise RegisterError(
                    "issued_unknown", f"no document was issued under {entry.number}", number=entry.number
                )
            raise RegisterError("issued_not_pending", f"{entry.number} is {state}, not pending", number=entry.number)
        connection.execute(
            _INSERT_FILE,
            {
                "number": entry.number,
                "sha256": sha256,
                "size": size,
                "recorded_at": entry.issued_at,
                "reason": "issued",
            },
        )
    return replace(entry, **values)


def void(database: Database, number: str, reason: str) -> None:
    """Keep a number whose document could not be made, with the reason; it is never given again."""
    with database.transaction() as session:
        session.execute(
            update(IssuedDocument)
            .where(IssuedDocument.number == number, IssuedDocument.state == "pending")
            .values(state="void", void_reason=reason[:2000])
        )


def reason_problem(reason: str, location: str) -> Problem | None:
    """What is wrong with an annulment's ``reason`` (empty, or longer than ``REASON_LIMIT``), said at
    ``location`` (``body.reason``, ``--reason``); None when it can be recorded. Every door asks here, so
    none records a reason cut short without saying so."""
    if not reason.strip():
        return Problem(location, "issued_reason_missing", "say why the document is annulled")
    if len(reason) > REASON_LIMIT:
        return Problem(location, "string_too_long", f"at most {REASON_LIMIT} characters", {"max_length": REASON_LIMIT})
    return None


def annul(database: Database, number: str, reason: str, by: str, now: dt.datetime | None = None) -> Entry:
    """Annul an issued document: the check then says so. Only an issued document can be annulled."""
    with database.transaction() as session:
        row = _row(session, number)
        if row.state != "issued":
            raise RegisterError("issued_not_annullable", f"{number} is {row.state}", number=number, state=row.state)
        row.state = "annulled"
        row.annulled_at = (now or _now()).isoformat()
        row.annulled_by, row.annul_reason = by, reason
        session.flush()
        return _entry(row)


def record_file(database: Database, number: str, sha256: str, size: int, reason: str = "reissued") -> None:
    """Recognise another file (a reissue) as the document issued under ``number``.

    A file already recognised (a DOCX or unsigned PDF reissues byte-identical) is found with a read, and
    nothing is written: reopening an issued report then takes no write lock (SQLite has one per file)."""
    with database.reading() as session:
        if _file_known(session, number, sha256):
            return
    with database.transaction() as session:
        row = _row(session, number)
        if not _file_known(session, number, sha256):
            session.add(
                IssuedFile(number=row.number, sha256=sha256, size=size, recorded_at=_now().isoformat(), reason=reason)
            )


def _file_known(session: Any, number: str, sha256: str) -> bool:
    query = select(IssuedFile.id).where(IssuedFile.number == number, IssuedFile.sha256 == sha256)
    return session.scalars(query).first() is not None


def find(database: Database, number: str) -> Entry | None:
    with database.reading() as session:
        row = session.get(IssuedDocument, number)
        return None if row is None else _entry(row)


def find_file(database: Database, sha256: str) -> Entry | None:
    """The entry a file with this sha256 was handed out under (issued or reissued), or None."""
    with database.reading() as session:
        number = session.scalars(select(IssuedFile.number).where(IssuedFile.sha256 == sha256)).first()
        if number is None:
            return None
        row = session.get(IssuedDocument, number)
        return None if row is None else _entry(row)


def entries(
    database: Database,
    *,
    year: int | None = None,
    document: str | None = None,
    organization: str | None = None,
    state: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[Entry]:
    """Entries, newest first, filtered by whichever of year, document kind, organization and state is given."""
    query = select(IssuedDocument)
    for column, value in (
        (IssuedDocument.year, year),
        (IssuedDocument.document, document),
        (IssuedDocument.organization, organization),
        (IssuedDocument.state, state),
    ):
        if value is not None:
            query = query.where(column == value)
    query = query.order_by(IssuedDocument.year.desc(), IssuedDocument.sequence.desc()).limit(limit).offset(offset)
    with database.reading() as session:
        return [_entry(row) for row in session.scalars(query)]


def remove_inputs(database: Database, older_than: dt.datetime, now: dt.datetime | None = None) -> int:
    """Forget the input data (personal data) of entries issued before ``older_than``; the hashes stay, so the
    check and the register's history still work. Returns how many entries lost their input."""
    with database.transaction() as session:
        result = session.execute(
            update(IssuedDocument)
            .where(IssuedDocument.issued_at < older_than.isoformat(), IssuedDocument.input_json.is_not(None))
            .values(input_json=None, input_removed_at=(now or _now()).isoformat())
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]


def _row(session: Any, number: str) -> IssuedDocument:
    row = session.get(IssuedDocument, number)
    if row is None:
        raise RegisterError("issued_unknown", f"no document was issued under {number}", number=number)
    return row


__all__: Sequence[str] = (
    "Application",
    "Entry",
    "RegisterError",
    "allocate",
    "allocate_once",
    "annul",
    "complete",
    "entries",
    "find",
    "find_file",
    "issued_for",
    "reason_problem",
    "record_file",
    "remove_inputs",
    "void",
)
