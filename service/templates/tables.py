"""The registry's tables: versions, their files, the active version of each template, the activation log.

They mirror migrations ``0001_baseline`` (the index of the release before) and ``0002_template_files``.
Timestamps are ISO 8601 text, as the release before wrote them; a report is JSON text.
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKeyConstraint, Integer, LargeBinary, Text
from sqlalchemy.orm import Mapped, mapped_column

from service.db import Base


class VersionRow(Base):
    __tablename__ = "template_versions"
    __table_args__ = (
        CheckConstraint("version >= 1", name="version_positive"),
        CheckConstraint("status IN ('candidate', 'accepted')", name="status_known"),
    )

    name: Mapped[str] = mapped_column(Text, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, server_default="")
    status: Mapped[str] = mapped_column(Text)
    report: Mapped[str] = mapped_column(Text, server_default="{}")


class FileRow(Base):
    """A version's bytes: ``docx`` (written with the version, never changed), ``pdf`` and ``png``
    (its test render and page-1 preview, written once when first made)."""

    __tablename__ = "template_files"
    __table_args__ = (
        ForeignKeyConstraint(["name", "version"], ["template_versions.name", "template_versions.version"]),
        CheckConstraint("kind IN ('docx', 'pdf', 'png')", name="kind_known"),
    )

    name: Mapped[str] = mapped_column(Text, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(Text, primary_key=True)
    sha256: Mapped[str] = mapped_column(Text)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class ActiveRow(Base):
    __tablename__ = "template_active"
    __table_args__ = (
        ForeignKeyConstraint(["name", "version"], ["template_versions.name", "template_versions.version"]),
    )

    name: Mapped[str] = mapped_column(Text, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    activated_by: Mapped[str] = mapped_column(Text)
    activated_at: Mapped[str] = mapped_column(Text)


class ActivationRow(Base):
    __tablename__ = "template_activations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)
    previous: Mapped[int | None] = mapped_column(Integer)
    activated_by: Mapped[str] = mapped_column(Text)
    activated_at: Mapped[str] = mapped_column(Text)
