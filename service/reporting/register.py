"""The register of submitted reports: every version of every organization's report, kept for good.

One table, ``report_submissions`` (migration ``0003_report_submissions``): a row per version with who sent
it (the key's id and name), when Kagaz received it (Asia/Bishkek, ISO 8601 with its offset), the data as
canonical JSON, its sha256, a note, and whether it came after the due day. Nothing is updated or deleted:
a correction is the next version, and the highest version is the current one.

Why a read-then-write under one lock: "the next version number" and "is this the same data as the current
version?" are decided from what is stored, and two submissions of one court at the same moment (two
clerks, a retried request) must get distinct numbers and must not both store the same data. The
``Database.transaction(lock=...)`` of ``service.db`` serialises writers on SQLite and on PostgreSQL
alike; the unique (year, organization, version) index would refuse a race that slipped through anyway.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import Boolean, CheckConstraint, Index, Integer, Text, UniqueConstraint, func, select
from sqlalchemy.orm import Mapped, mapped_column

from service.db import Base, Database
from service.reporting.status import Submission

LOCK = "report_submissions"


class SubmissionRow(Base):
    """Mirrors ``report_submissions`` of migration ``0003_report_submissions``."""

    __tablename__ = "report_submissions"
    __table_args__ = (
        UniqueConstraint("year", "organization", "version"),
        CheckConstraint("version >= 1", name="version_positive"),
        Index("ix_report_submissions_year", "year"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    year: Mapped[int] = mapped_column(Integer)
    organization: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[str] = mapped_column(Text)
    key_id: Mapped[int | None] = mapped_column(Integer)
    key_name: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    late: Mapped[bool] = mapped_column(Boolean)
    data: Mapped[str] = mapped_column(Text)


def _submission(row: SubmissionRow) -> Submission:
    return Submission(
        organization=row.organization,
        year=row.year,
        version=row.version,
        received_at=dt.datetime.fromisoformat(row.received_at),
        key_id=row.key_id,
        key_name=row.key_name,
        sha256=row.sha256,
        note=row.note,
        late=row.late,
        id=row.id,
    )


class Register:
    """Submitted reports in the shared database; safe across threads, processes and machines."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def add(
        self,
        *,
        year: int,
        organization: str,
        canonical: bytes,
        sha256: str,
        received_at: dt.datetime,
        key_id: int | None,
        key_name: str,
        note: str,
        late: bool,
    ) -> tuple[Submission, bool]:
        """Store a new version, or return the current one if it holds the same data: (version, created)."""
        with self.database.transaction(lock=LOCK) as session:
            current = session.scalars(
                select(SubmissionRow)
                .where(SubmissionRow.year == year, SubmissionRow.organization == organization)
                .order_by(SubmissionRow.version.desc())
                .limit(1)
            ).first()
            if current is not None and current.sha256 == sha256:
                return _submission(current), False
            row = SubmissionRow(
                year=year,
                organization=organization,
                version=(current.version + 1) if current is not None else 1,
                received_at=received_at.isoformat(),
                key_id=key_id,
                key_name=key_name,
                sha256=sha256,
                note=note,
                late=late,
                data=canonical.decode("utf-8"),
            )
            session.add(row)
            session.flush()
            return _submission(row), True

    def history(self, year: int, organization: str) -> list[Submission]:
        """Every version of one organization's report for ``year``, oldest first."""
        with self.database.reading() as session:
            rows = session.scalars(
                select(SubmissionRow)
                .where(SubmissionRow.year == year, SubmissionRow.organization == organization)
                .order_by(SubmissionRow.version)
            ).all()
            return [_submission(row) for row in rows]

    def submissions(self, year: int) -> list[Submission]:
        """Every version of every organization's report for ``year``."""
        with self.database.reading() as session:
            rows = session.scalars(
                select(SubmissionRow)
                .where(SubmissionRow.year == year)
                .order_by(SubmissionRow.organization, SubmissionRow.version)
            ).all()
            return [_submission(row) for row in rows]

    def data(self, year: int, organization: str, version: int | None = None) -> tuple[Submission, Any] | None:
        """A version (the current one if ``version`` is None) and its data; None if there is none (also for a
        year or version past SQLite's integers: a path's ``<int:…>`` is unbounded)."""
        if not all(0 <= number < 2**63 for number in (year, version or 0)):
            return None
        query = select(SubmissionRow).where(SubmissionRow.year == year, SubmissionRow.organization == organization)
        if version is None:
            query = query.order_by(SubmissionRow.version.desc()).limit(1)
        else:
            query = query.where(SubmissionRow.version == version)
        with self.database.reading() as session:
            row = session.scalars(query).first()
            return None if row is None else (_submission(row), json.loads(row.data))

    def current(self, year: int) -> dict[str, tuple[Submission, Any]]:
        """Each organization's current version for ``year`` and its data."""
        latest = (
            select(SubmissionRow.organization, func.max(SubmissionRow.version).label("version"))
            .where(SubmissionRow.year == year)
            .group_by(SubmissionRow.organization)
            .subquery()
        )
        query = select(SubmissionRow).join(
            latest,
            (SubmissionRow.organization == latest.c.organization) & (SubmissionRow.version == latest.c.version),
        )
        with self.database.reading() as session:
            rows = session.scalars(query.where(SubmissionRow.year == year)).all()
            return {row.organization: (_submission(row), json.loads(row.data)) for row in rows}
