"""The issuance register: counters per prefix and year, issued documents, their files, the check's rate limit.

Revision ID: 0004_issuance
Revises: 0003_report_submissions
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_issuance"
down_revision = "0003_report_submissions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "issue_counters",
        sa.Column("prefix", sa.String(10), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("last", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("prefix", "year", name=op.f("pk_issue_counters")),
    )
    op.create_table(
        "issued_documents",
        sa.Column("number", sa.String(40), nullable=False),
        sa.Column("prefix", sa.String(10), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("sequence", sa.Integer, nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("document", sa.String(40), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("organization", sa.String(80)),
        sa.Column("format", sa.String(10), nullable=False),
        sa.Column("template", sa.Text, nullable=False),
        sa.Column("template_sha256", sa.String(64), nullable=False),
        sa.Column("kagaz_version", sa.String(20), nullable=False),
        sa.Column("input_json", sa.Text),
        sa.Column("input_sha256", sa.String(64), nullable=False),
        sa.Column("upload_sha256", sa.String(64)),
        sa.Column("sources", sa.Text),
        sa.Column("attach_data", sa.Boolean, nullable=False),
        sa.Column("output_sha256", sa.String(64)),
        sa.Column("output_size", sa.Integer),
        sa.Column("signer", sa.Text),
        sa.Column("certificate_serial", sa.String(80)),
        sa.Column("timestamped", sa.Boolean, nullable=False),
        sa.Column("issued_at", sa.String(32), nullable=False),
        sa.Column("issued_by", sa.Text, nullable=False),
        sa.Column("key_id", sa.Integer),
        sa.Column("request_id", sa.String(80)),
        sa.Column("void_reason", sa.Text),
        sa.Column("annulled_at", sa.String(32)),
        sa.Column("annulled_by", sa.Text),
        sa.Column("annul_reason", sa.Text),
        sa.Column("input_removed_at", sa.String(32)),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_issued_documents")),
        sa.UniqueConstraint("prefix", "year", "sequence", name=op.f("uq_issued_documents_prefix_year_sequence")),
        sa.CheckConstraint(
            "state IN ('pending', 'issued', 'void', 'annulled')", name=op.f("ck_issued_documents_state_known")
        ),
    )
    op.create_index("ix_issued_documents_issued_at", "issued_documents", ["issued_at"])
    op.create_table(
        "issued_files",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("number", sa.String(40), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("recorded_at", sa.String(32), nullable=False),
        sa.Column("reason", sa.String(10), nullable=False),
        sa.ForeignKeyConstraint(
            ["number"],
            ["issued_documents.number"],
            name=op.f("fk_issued_files_number_issued_documents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issued_files")),
    )
    op.create_index("ix_issued_files_sha256", "issued_files", ["sha256"])
    op.create_table(
        "verify_hits",
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("window", sa.Integer, nullable=False),
        sa.Column("hits", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("address", "window", name=op.f("pk_verify_hits")),
    )


def downgrade() -> None:
    op.drop_table("verify_hits")
    op.drop_index("ix_issued_files_sha256", table_name="issued_files")
    op.drop_table("issued_files")
    op.drop_index("ix_issued_documents_issued_at", table_name="issued_documents")
    op.drop_table("issued_documents")
    op.drop_table("issue_counters")
