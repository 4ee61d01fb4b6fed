"""The issuance register's tables (SQLAlchemy, on ``service.db.Base``); migration ``0004_issuance``.

* ``issue_counters`` — one row per prefix and year: the last sequence given. Allocation reads and bumps it in
  the transaction that also inserts the entry, under the ``kagaz.issuance`` writer lock, so two machines on
  one PostgreSQL can never give the same number, and a number is never taken back (a failed render keeps
  its entry, marked void).
* ``issued_documents`` — one row per number: what was issued, from what, by whom, and its state
  (``pending`` while it renders, ``issued``, ``void`` with the reason, ``annulled`` with the reason).
* ``issued_files`` — the sha256 of every file handed out under a number (the first issue and each reissue),
  so that «check a file» recognises any of them.
* ``issued_report_versions`` — which number a submitted report's version was issued under, per format
  (migration ``0005_issued_report_versions``): its primary key (submission, format) lets only one number
  exist for a version, so opening a report twice, or twice at once, gives the same document.
* ``verify_hits`` — the public check's rate limit: requests per address per minute, shared by every
  process and machine because it lives in the database.

Times are ISO 8601 text in UTC, as the baseline's tables keep them.
"""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from service.db import Base

STATES = ("pending", "issued", "void", "annulled")


class IssueCounter(Base):
    __tablename__ = "issue_counters"

    prefix: Mapped[str] = mapped_column(String(10), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, nullable=False)


class IssuedDocument(Base):
    __tablename__ = "issued_documents"
    __table_args__ = (
        UniqueConstraint("prefix", "year", "sequence"),
        CheckConstraint("state IN ('pending', 'issued', 'void', 'annulled')", name="state_known"),
        Index("ix_issued_documents_issued_at", "issued_at"),
    )

    number: Mapped[str] = mapped_column(String(40), primary_key=True)  # the printed form, КЖС-2026-000123
    prefix: Mapped[str] = mapped_column(String(10), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    sequence: Mapped[int] = mapped_column(Integer, nullable=False)
    state: Mapped[str] = mapped_column(String(10), nullable=False)
    document: Mapped[str] = mapped_column(String(40), nullable=False)  # the document kind (action-plan …)
    title: Mapped[str] = mapped_column(Text, nullable=False)
    organization: Mapped[str | None] = mapped_column(String(80))
    format: Mapped[str] = mapped_column(String(10), nullable=False)  # pdf, pdfa, pdfa3, docx
    template: Mapped[str] = mapped_column(Text, nullable=False)  # name@version
    template_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    kagaz_version: Mapped[str] = mapped_column(String(20), nullable=False)
    input_json: Mapped[str | None] = mapped_column(Text)  # None once the retention period removed it
    input_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    upload_sha256: Mapped[str | None] = mapped_column(String(64))  # the uploaded spreadsheet, when there was one
    sources: Mapped[str | None] = mapped_column(Text)  # JSON: a summary's reports and their versions
    attach_data: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    output_sha256: Mapped[str | None] = mapped_column(String(64))
    output_size: Mapped[int | None] = mapped_column(Integer)
    signer: Mapped[str | None] = mapped_column(Text)
    certificate_serial: Mapped[str | None] = mapped_column(String(80))
    timestamped: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    issued_at: Mapped[str] = mapped_column(String(32), nullable=False)
    issued_by: Mapped[str] = mapped_column(Text, nullable=False)  # «web form», «cli», or the key's name
    key_id: Mapped[int | None] = mapped_column(Integer)
    request_id: Mapped[str | None] = mapped_column(String(80))
    void_reason: Mapped[str | None] = mapped_column(Text)
    annulled_at: Mapped[str | None] = mapped_column(String(32))
    annulled_by: Mapped[str | None] = mapped_column(Text)
    annul_reason: Mapped[str | None] = mapped_column(Text)
    input_removed_at: Mapped[str | None] = mapped_column(String(32))


class IssuedFile(Base):
    __tablename__ = "issued_files"
    __table_args__ = (Index("ix_issued_files_sha256", "sha256"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    number: Mapped[str] = mapped_column(ForeignKey("issued_documents.number"), nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    recorded_at: Mapped[str] = mapped_column(String(32), nullable=False)
    reason: Mapped[str] = mapped_column(String(10), nullable=False)  # issued, reissued


class IssuedReportVersion(Base):
    __tablename__ = "issued_report_versions"

    submission_id: Mapped[int] = mapped_column(ForeignKey("report_submissions.id"), primary_key=True)
    format: Mapped[str] = mapped_column(String(10), primary_key=True)  # pdf, pdfa, docx
    number: Mapped[str] = mapped_column(ForeignKey("issued_documents.number"), nullable=False)


class VerifyHit(Base):
    __tablename__ = "verify_hits"

    address: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the client's address
    window: Mapped[int] = mapped_column(Integer, primary_key=True)  # the minute since the epoch
    hits: Mapped[int] = mapped_column(Integer, nullable=False)
