"""The reporting cycle: the register of submitted reports, and keys bound to an organization.

``report_submissions`` keeps every version of every organization's report for a year (nothing is updated or
deleted; see ``service.reporting.register``). ``api_keys.organization`` binds a key to the organization it
submits and reads for (``kagaz keys create --organization ID``); null for the keys made before, which keep
what they could do.

Revision ID: 0003_report_submissions
Revises: 0002_template_files
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_report_submissions"
down_revision = "0002_template_files"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_submissions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("organization", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("received_at", sa.Text, nullable=False),
        sa.Column("key_id", sa.Integer),
        sa.Column("key_name", sa.Text, nullable=False),
        sa.Column("sha256", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("late", sa.Boolean, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.UniqueConstraint("year", "organization", "version", name="uq_report_submissions_year_organization_version"),
        sa.CheckConstraint("version >= 1", name="ck_report_submissions_version_positive"),
    )
    op.create_index("ix_report_submissions_year", "report_submissions", ["year"])
    op.add_column("api_keys", sa.Column("organization", sa.Text, nullable=True))


def downgrade() -> None:
    op.drop_column("api_keys", "organization")
    op.drop_index("ix_report_submissions_year", table_name="report_submissions")
    op.drop_table("report_submissions")
