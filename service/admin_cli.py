"""``kagaz templates …`` and ``kagaz keys …``: what template editors and administrators do from a shell.

The same calls as the API and the editors' page (``TemplateEditing`` over an ``Engine``), on the same data
directory, so a version activated here is the one the running service renders with on its next request.
``check`` and ``upload`` open the engine with a one-worker LibreOffice pool, started when the test render is
to be converted.

Exit codes as in ``service.cli`` (``service.errors.EXIT_CODE``): 0 done, 1 the user's mistake (a refused
template, an unknown name), 2 the machine's problem (LibreOffice could not start). Messages and reports are
in the language of ``kagaz --lang`` or ``KAGAZ_LANG``.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from service.catalogue import LANGUAGES, translate
from service.errors import EXIT_INPUT, ActivationConflict, ConversionError, StorageError, TemplateNotFound
from service.roles import ROLES
from service.settings import ConfigurationError, Settings, load_settings
from service.terminal import fail, language, report_error, say

if TYPE_CHECKING:
    from service.auth import KeyStore
    from service.templates.editing import TemplateEditing

EXIT_CONFLICT = 3  # an activation's --expect no longer held: someone else switched first


def _settings(**overrides: object) -> Settings:
    try:
        return load_settings(dict(overrides))
    except ConfigurationError as error:
        report_error(error)
        raise  # report_error exits; this line only tells type checkers so


@contextlib.contextmanager
def _editing(with_pool: bool) -> Iterator[TemplateEditing]:
    """A ``TemplateEditing`` on the configured data directory, converting through a one-worker pool if asked.

    The pool is started by the first conversion: a template refused before its test render (most mistakes)
    is reported without starting LibreOffice at all."""
    from service.engine import open_engine
    from service.templates.editing import TemplateEditing

    settings = _settings(pool_size=1) if with_pool else _settings(start_pool=False)
    try:
        with open_engine(settings, pdf=with_pool, lazy=True) as engine:
            yield TemplateEditing(engine)
    except (TemplateNotFound, ConversionError, StorageError) as error:
        report_error(error)


def _who(by: str | None) -> str:
    return by or f"cli:{getpass.getuser()}"


@click.group("templates")
def templates() -> None:
    """Template versions: list, check a DOCX, upload it, activate a version (or roll back)."""


@templates.command("list")
def list_templates() -> None:
    """Every template, its active version and how many versions it has."""
    with _editing(with_pool=False) as service:
        registry = service.registry
        for manifest in registry.manifests.values():
            versions = registry.versions(manifest.name)
            active = next(info for info in versions if info.active)
            click.echo(
                f"{manifest.name:<22} v{active.version:<4} of {len(versions):<3} "
                f"({active.created_by}, {active.created_at})  {manifest.title}"
            )


@templates.command("versions")
@click.argument("name")
def list_versions(name: str) -> None:
    """Every version of NAME, newest first; * marks the active one."""
    with _editing(with_pool=False) as service:
        for info in service.registry.versions(name):
            mark = "*" if info.active else " "
            note = f"  «{info.note}»" if info.note else ""
            click.echo(f"{mark} v{info.version:<4} {info.status:<9} {info.created_at}  {info.created_by}{note}")


@templates.command("check")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--template", "name", required=True, help="The template FILE is meant to replace (action-plan …).")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None, help="Overrides kagaz --lang.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def check(file: Path, name: str, lang: str | None, as_json: bool) -> None:
    """Validate FILE as a new version of a template; exit 0 when it has no errors, 1 otherwise."""
    with _editing(with_pool=True) as service:
        report = service.check(name, file.read_bytes())
    lang = language(lang)
    click.echo(json.dumps(report.as_dict(lang), ensure_ascii=False, indent=2) if as_json else report.text(lang))
    sys.exit(0 if report.ok else EXIT_INPUT)


@templates.command("upload")
@click.argument("name")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--note", default="", help="Why this version (kept with it).")
@click.option("--by", default=None, help="Who uploads it (default: cli:<login>).")
@click.option("--activate", is_flag=True, help="Make it the active version at once.")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None, help="Overrides kagaz --lang.")
def upload(name: str, file: Path, note: str, by: str | None, activate: bool, lang: str | None) -> None:
    """Validate FILE and store it as the next version of NAME (exit 1 and nothing stored if refused)."""
    with _editing(with_pool=True) as service:
        result = service.upload(name, file.read_bytes(), by=_who(by), note=note, activate=activate)
    click.echo(result.report.text(language(lang)))
    if result.version is None:
        sys.exit(EXIT_INPUT)
    state = say("cli_active" if result.version.active else "cli_not_active")
    click.echo(say("cli_already_stored" if result.duplicate else "cli_stored", label=result.version.label, state=state))


@templates.command("activate")
@click.argument("name")
@click.argument("version", type=int)
@click.option("--by", default=None, help="Who activates it (default: cli:<login>).")
@click.option(
    "--expect",
    "expected_active",
    type=click.IntRange(1, 2**31 - 1),
    default=None,
    help="Only if this version is still the active one (another editor may have switched since you looked).",
)
def activate(name: str, version: int, by: str | None, expected_active: int | None) -> None:
    """Make VERSION of NAME the one that renders (an older one rolls back). Exit 3 when --expect no longer
    holds: the version now active is printed, nothing is changed."""
    with _editing(with_pool=False) as service:
        try:
            info = service.activate(name, version, by=_who(by), expected_active=expected_active)
        except ActivationConflict as conflict:
            problem = conflict.problems[0]
            click.echo(translate(problem.code, language(), problem.params, problem.message), err=True)
            sys.exit(EXIT_CONFLICT)
    click.echo(say("cli_activated", label=info.label))


@click.group("keys")
def keys() -> None:
    """API keys: create one for a system or a person, list them, revoke one."""


def _check_organization(organization: str) -> None:
    """Refuse an id the registry does not have, naming the file and the closest ids."""
    import difflib

    from service.documents.organizations import RegistryError, load_organizations

    settings = _settings(start_pool=False)
    try:
        known = load_organizations(settings.organizations_file)
    except RegistryError as error:
        fail(str(error), EXIT_INPUT)
    if organization not in known:
        close = difflib.get_close_matches(organization, list(known), n=3)
        place = {"organization": organization, "file": settings.organizations_file}
        if close:
            fail(say("cli_organization_unknown_close", close=", ".join(close), **place), EXIT_INPUT)
        fail(say("cli_organization_unknown", **place), EXIT_INPUT)


def _store() -> KeyStore:
    """The key store of the configured database (SQLAlchemy is loaded here, not when `kagaz` starts)."""
    from service.auth import KeyStore
    from service.db import open_database

    database = open_database(_settings(start_pool=False))  # KAGAZ_DATABASE_URL: shared with every machine
    click.get_current_context().call_on_close(database.dispose)
    return KeyStore(database)


@keys.command("create")
@click.option("--name", required=True, help="Who or what uses the key (kept with versions it makes).")
@click.option(
    "--role", required=True, type=click.Choice(ROLES), help="client renders; editor changes templates; admin."
)
@click.option(
    "--organization",
    default=None,
    help="Bind the key to this organization of the registry (its id): it submits and reads that organization's "
    "reports and those of the courts it controls.",
)
def create_key(name: str, role: str, organization: str | None) -> None:
    """Make a key; it is printed once and never stored (only its SHA-256 is)."""
    from service.keys import KeyRefused

    if organization is not None:
        _check_organization(organization)
    try:
        info, token = _store().create(name, role, organization)
    except KeyRefused as error:
        report_error(error)
    if info.organization:
        created = say("cli_key_created_for", name=info.name, role=info.role, organization=info.organization)
    else:
        created = say("cli_key_created", name=info.name, role=info.role)
    click.echo(created, err=True)
    click.echo(token)


@keys.command("list")
@click.option("--all", "include_revoked", is_flag=True, help="Show revoked keys too.")
def list_keys(include_revoked: bool) -> None:
    """The keys: name, role, the key's first characters, when made (and revoked)."""
    for info in _store().keys(include_revoked):
        revoked = f"  revoked {info.revoked_at}" if info.revoked_at else ""
        bound = f"  {info.organization}" if info.organization else ""
        click.echo(f"{info.name:<24} {info.role:<7} {info.prefix}…  {info.created_at}{bound}{revoked}")


@keys.command("revoke")
@click.argument("name")
def revoke_key(name: str) -> None:
    """Revoke the key called NAME: it stops working at once (web sessions opened with it end too)."""
    if not _store().revoke(name):
        click.echo(say("cli_key_unknown", name=name), err=True)
        sys.exit(EXIT_INPUT)
    click.echo(say("cli_key_revoked", name=name))
