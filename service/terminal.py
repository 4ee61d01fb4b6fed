"""What every ``kagaz`` command prints with: the run's language, its texts, and errors turned into lines and
an exit code by their kind (``service.errors.EXIT_CODE``).

Apart from ``service.cli`` so that ``service.admin_cli`` and ``service.batch.console`` print the same way
without importing the command group that imports them.
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn

import click

from service.catalogue import LANGUAGE_VARIABLE, choose_language, text, translate
from service.errors import (
    ConversionError,
    InputError,
    KagazError,
    NotFound,
    Problem,
    TemplateError,
    TemplateNotFound,
    exit_code,
)
from service.settings import ConfigurationError


def language(override: str | None = None) -> str:
    """The language of this run: a subcommand's own ``--lang``, else ``kagaz --lang``, else ``KAGAZ_LANG``,
    else Kyrgyz."""
    context = click.get_current_context(silent=True)
    chosen = context.find_root().params.get("lang") if context is not None else None
    return choose_language(override, chosen, os.environ.get(LANGUAGE_VARIABLE))


def say(key: str, **params: object) -> str:
    """The command line's text ``key`` in this run's language."""
    return text(key, language(), **params)


def fail(message: str, code: int) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(code)


def report_problems(problems: list[Problem]) -> None:
    lang = language()
    for problem in problems:
        click.echo(f"  {problem.location}: {translate(problem.code, lang, problem.params, problem.message)}", err=True)


def report_error(error: KagazError) -> NoReturn:
    """Print what went wrong in this run's language and exit with the code of the error's kind."""
    if isinstance(error, InputError | TemplateError):
        report_problems(error.problems)
    else:
        problem = error_problem(error)
        click.echo(translate(problem.code, language(), problem.params, problem.message), err=True)
    sys.exit(exit_code(error))


def error_problem(error: KagazError) -> Problem:
    """The one problem that stands for an error without problems of its own (a conversion's, a key's)."""
    from service.errors import ConversionTimeout, PoolUnavailable, StorageError

    if hasattr(error, "problem"):
        return error.problem  # type: ignore[no-any-return]
    if isinstance(error, ConversionTimeout):
        return Problem("conversion", "conversion_timeout", str(error))
    if isinstance(error, PoolUnavailable):
        return Problem("conversion", "pool_unavailable", str(error))
    if isinstance(error, StorageError):
        return Problem("storage", f"storage_{error.reason}", str(error))
    if isinstance(error, ConfigurationError):
        return Problem("settings", "cli_configuration", str(error), {"error": str(error)})
    if isinstance(error, NotFound | TemplateNotFound):
        return Problem("name", "not_found", str(error))
    if isinstance(error, InputError | TemplateError) and error.problems:
        return error.problems[0]
    if isinstance(error, ConversionError):
        return Problem("conversion", "conversion_failed", str(error), {"error": str(error)})
    return Problem("system", "batch_system_error", str(error), {"error": str(error)})
