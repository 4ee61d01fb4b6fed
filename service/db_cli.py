"""``kagaz db …``: what an administrator does to the shared state: migrate it, see its revision, back it up
and restore it (``service.db.backup``).

Exit codes as the rest of ``kagaz``: 0 done, 1 a wrong argument or setting, 2 the database cannot be used.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from service.errors import StorageError
from service.settings import ConfigurationError, Settings, load_settings

if TYPE_CHECKING:
    from service.db import Database

EXIT_INPUT, EXIT_SYSTEM = 1, 2


def _settings() -> Settings:
    try:
        return load_settings({"start_pool": False})
    except ConfigurationError as error:
        click.echo(str(error), err=True)
        sys.exit(EXIT_INPUT)


def open_database() -> Database:
    """The database of ``KAGAZ_DATABASE_URL`` (or the data folder's SQLite file). SQLAlchemy and Alembic
    are imported here, not when ``kagaz`` starts: `kagaz serve`'s arbiter never needs them."""
    from service.db import Database

    try:
        return Database.from_settings(_settings())
    except ValueError as error:
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
    from service.db import migrate as migrations

    settings = _settings()
    database = open_database()
    try:
        done = migrations.upgrade(database, data_dir=settings.data_dir)
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
    from service.db import migrate as migrations

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


@db.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(file: Path) -> None:
    """Write the database (keys, template versions and their files, activations), the embedded job queue
    and the file store (batches) to FILE, a tar archive, while the service runs.

    SQLite is copied with its online backup API; PostgreSQL with pg_dump (install the client of the
    server's major version)."""
    from service.db import backup

    settings = _settings()
    database = open_database()
    try:
        summary = backup.backup(database, settings.store_root, settings.data_dir, file)
    except (backup.BackupError, StorageError) as error:
        click.echo(f"backup failed: {error}", err=True)
        sys.exit(EXIT_SYSTEM)
    finally:
        database.dispose()
    click.echo(
        f"{file}: {summary.backend} database at {summary.revision}, {summary.store_files} file(s) of the store"
        + (", the job queue" if summary.jobs else "")
    )


@db.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Restore over a database and store that already hold data.")
def restore_command(file: Path, force: bool) -> None:
    """Put a backup made by `kagaz db backup` back into a fresh database and store (stop the service
    first), then migrate it to this Kagaz's schema."""
    from service.db import backup

    settings = _settings()
    database = open_database()
    try:
        summary = backup.restore(database, settings.store_root, settings.data_dir, file, force=force)
    except (backup.BackupError, StorageError) as error:
        click.echo(f"restore refused: {error}", err=True)
        sys.exit(EXIT_INPUT)
    finally:
        database.dispose()
    click.echo(f"{database.describe()}: restored ({summary.store_files} file(s) of the store), at the current schema")
