"""Template files in the database: each version's DOCX, test-render PDF and preview PNG.

The release before kept them as ``data_dir/templates/<name>/v<N>.<kind>`` beside the SQLite index, which
only one machine sees. Here they move into ``template_files``, written in the same transaction as their
version's row, so no machine ever sees a version without its file (or a file without its version), and a
database backup holds the templates whole. The files of an adopted data folder are read in, checked
against the index's sha256, and left where they were (the release before can still be run on a copy).

Revision ID: 0002_template_files
Revises: 0001_baseline
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import sqlalchemy as sa
from alembic import context, op
from sqlalchemy import text as sql_text

revision = "0002_template_files"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None

KINDS = ("docx", "pdf", "png")


def upgrade() -> None:
    files = op.create_table(
        "template_files",
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("sha256", sa.Text, nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.PrimaryKeyConstraint("name", "version", "kind"),
        sa.ForeignKeyConstraint(["name", "version"], ["template_versions.name", "template_versions.version"]),
        sa.CheckConstraint("kind IN ('docx', 'pdf', 'png')", name="kind_known"),
    )
    data_dir = context.config.attributes.get("data_dir")
    versions = op.get_bind().execute(sql_text("SELECT name, version, sha256 FROM template_versions")).all()
    if not versions:
        return
    if data_dir is None:
        raise RuntimeError("template versions to adopt, but no data folder to read their files from")
    for name, number, sha256 in versions:
        folder = Path(data_dir) / "templates" / name
        docx = folder / f"v{number}.docx"
        if not docx.is_file():
            raise RuntimeError(f"{name}@{number}: its file {docx} is missing; restore it, then upgrade again")
        for kind in KINDS:
            path = folder / f"v{number}.{kind}"
            if not path.is_file():
                continue
            content = path.read_bytes()
            digest = hashlib.sha256(content).hexdigest()
            if kind == "docx" and digest != sha256:
                raise RuntimeError(f"{name}@{number}: {path} does not match the sha256 in the index")
            op.execute(files.insert().values(name=name, version=number, kind=kind, sha256=digest, content=content))


def downgrade() -> None:
    op.drop_table("template_files")
