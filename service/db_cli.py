"""``kagaz db …``: what an administrator does to the database (migrate, see its revision; backups later).

Exit codes as the rest of ``kagaz``: 0 done, 1 a wrong argument or setting, 2 the database cannot be used.
"""

from __future__ import annotations

import sys

import click

from service.db import Database
from service.db import migrate as migrations
from service.errors import StorageError
from service.settings import ConfigurationError, load_settings

EXIT_INPUT, EXIT_SYSTEM = 1, 2


def open_database() -> Database:
    """The database of ``KAGAZ_DATABASE_URL`` (or the data folder's SQLite file)."""
    try:
        return Database.from_settings(load_settings({"start_pool": False}))
    except (ConfigurationError, ValueError) as error:
        click.echo(str(error), err=True)
        sys.exit(EXIT_INPUT)


@click.group("db")
def db() -> None:
    """The database of keys, template versions and activations: migrate it, back it up, restore it."""


@db.command("upgrade")
def upgrade() -> None:
    """Migrate the database to this Kagaz's schema (the service also does it at start when behind).

    Safe while other machines run or start: the migration takes a lock, and the second one finds nothing
    to do. A database of the release before (no version table) is adopted as it stands."""
    database = open_database()
    try:
        done = migrations.upgrade(database)
    except StorageError as error:
        click.echo(f"{database.describe()}: {error}", err=True)
        sys.exit(EXIT_SYSTEM)
    finally:
        database.dispose()
    if done.changed:
        click.echo(f"{database.describe()}: upgraded from {done.before or 'no revision'} to {done.after}")
    else:
        click.echo(f"{database.describe()}: already at {done.after}")


@db.command("current")
def current() -> None:
    """The revision the database is at, and the one this Kagaz expects (exit 1 when behind)."""
    database = open_database()
    try:
        revision = migrations.current(database)
    except StorageError as error:
        click.echo(f"{database.describe()}: {error}", err=True)
        sys.exit(EXIT_SYSTEM)
    finally:
        database.dispose()
    expected = migrations.head()
    click.echo(f"{database.describe()}: at {revision or 'no revision'}, this Kagaz expects {expected}")
    if revision != expected:
        sys.exit(EXIT_INPUT)
