"""The declarative base every Kagaz table derives from, and its one ``MetaData``.

The naming convention gives every constraint and index a predictable name, so that a later migration can
drop or alter it by name on both backends (SQLite's batch mode rebuilds a table by these names; PostgreSQL
would otherwise invent its own). The tables adopted from the release before this layer keep their
original, unnamed constraints: the baseline migration creates them exactly as that release did.
"""

from __future__ import annotations

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Base(DeclarativeBase):
    """Base of every table; one metadata for all of Kagaz, so one Alembic history."""

    metadata = metadata
