"""Baseline: the tables of the release before the database layer, adopted where they already exist.

That release created ``template_versions``, ``template_active``, ``template_activations`` and ``api_keys``
with ``CREATE TABLE IF NOT EXISTS`` in an unversioned ``kagaz.sqlite3``. Here each is created only if it is
missing, with the same columns, so an existing data folder is adopted as it stands (its rows untouched) and
a new database, SQLite or PostgreSQL, gets the same schema. Timestamps stay ISO 8601 text, as they were.

Revision ID: 0001_baseline
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy import text as sql_text

revision = "0001_baseline"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    if "template_versions" not in existing:
        op.create_table(
            "template_versions",
            sa.Column("name", sa.Text, nullable=False),
            sa.Column("version", sa.Integer, nullable=False),
            sa.Column("sha256", sa.Text, nullable=False),
            sa.Column("size", sa.Integer, nullable=False),
            sa.Column("created_by", sa.Text, nullable=False),
            sa.Column("created_at", sa.Text, nullable=False),
            sa.Column("note", sa.Text, nullable=False, server_default=""),
            sa.Column("status", sa.Text, nullable=False),
            sa.Column("report", sa.Text, nullable=False, server_default="{}"),
            sa.PrimaryKeyConstraint("name", "version"),
            sa.CheckConstraint("version >= 1", name="version_positive"),
            sa.CheckConstraint("status IN ('candidate', 'accepted')", name="status_known"),
        )
    if "template_active" not in existing:
        op.create_table(
            "template_active",
            sa.Column("name", sa.Text, primary_key=True),
            sa.Column("version", sa.Integer, nullable=False),
            sa.Column("activated_by", sa.Text, nullable=False),
            sa.Column("activated_at", sa.Text, nullable=False),
            sa.ForeignKeyConstraint(["name", "version"], ["template_versions.name", "template_versions.version"]),
        )
    if "template_activations" not in existing:
        op.create_table(
            "template_activations",
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("name", sa.Text, nullable=False),
            sa.Column("version", sa.Integer, nullable=False),
            sa.Column("previous", sa.Integer),
            sa.Column("activated_by", sa.Text, nullable=False),
            sa.Column("activated_at", sa.Text, nullable=False),
        )
    if "api_keys" not in existing:
        op.create_table(
            "api_keys",
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("name", sa.Text, nullable=False),
            sa.Column("role", sa.Text, nullable=False),
            sa.Column("key_sha256", sa.Text, nullable=False, unique=True),
            sa.Column("key_prefix", sa.Text, nullable=False),
            sa.Column("created_at", sa.Text, nullable=False),
            sa.Column("revoked_at", sa.Text),
            sa.CheckConstraint("role IN ('client', 'editor', 'admin')", name="role_known"),
        )
    indexes = {index["name"] for index in sa.inspect(op.get_bind()).get_indexes("api_keys")}
    if "api_keys_live_name" not in indexes:
        live = sql_text("revoked_at IS NULL")
        op.create_index(
            "api_keys_live_name", "api_keys", ["name"], unique=True, sqlite_where=live, postgresql_where=live
        )


def downgrade() -> None:
    op.drop_index("api_keys_live_name", table_name="api_keys")
    for table in ("api_keys", "template_activations", "template_active", "template_versions"):
        op.drop_table(table)
