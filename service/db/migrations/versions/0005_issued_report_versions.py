"""Which number each submitted report's version was issued under, one per format.

Opening a report from the status page (or the API's ``?format=pdf``) issues its version once; later opens
reissue that number. The primary key (submission_id, format) is what stops two first opens at the same
moment from keeping two numbers: the second finds the first's row (or fails to insert its own) and uses it.

Revision ID: 0005_issued_report_versions
Revises: 0004_issuance
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_issued_report_versions"
down_revision = "0004_issuance"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "issued_report_versions",
        sa.Column("submission_id", sa.Integer, nullable=False),
        sa.Column("format", sa.String(10), nullable=False),
        sa.Column("number", sa.String(40), nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["report_submissions.id"],
            name=op.f("fk_issued_report_versions_submission_id_report_submissions"),
        ),
        sa.ForeignKeyConstraint(
            ["number"],
            ["issued_documents.number"],
            name=op.f("fk_issued_report_versions_number_issued_documents"),
        ),
        sa.PrimaryKeyConstraint("submission_id", "format", name=op.f("pk_issued_report_versions")),
    )


def downgrade() -> None:
    op.drop_table("issued_report_versions")
