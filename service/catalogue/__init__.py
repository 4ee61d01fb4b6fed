"""Every user-facing text of Kagaz in Kyrgyz, Russian and English, one look-up, and one choice of language.

The problems' texts (keyed by the ``Problem.code`` clients see), the pages' labels (keyed by the names the
Jinja templates pass to ``t()``) and the command line's messages are one table, ``TEXTS``, split into modules
only for size; a key means one text wherever it appears. ``text`` and ``translate`` are the only look-ups;
``choose_language`` is the only rule for which language a person gets.

Why a Python table and not Babel's gettext ``.po`` catalogues: gettext keys a text by its source-language
sentence, while Kagaz's keys are stable codes that clients read in JSON (``missing``, ``upload_xls``) and
whose Kyrgyz text is the original, not a translation of English. With ``.po`` we would keep the codes as
msgids, add an extraction and a compile step (``.mo`` files built at install or committed), a ``Translations``
object per language and a fallback chain — more code than the ~40 lines below, and a test that every code has
all three languages would have to parse three files instead of reading one dict. Babel stays the right tool
if Kagaz ever needs plural forms or a translator's tool that reads ``.po``; ``python -m babel`` can then be
fed from ``TEXTS`` in one function.

The rule a translator relies on: every entry has ``ky``, ``ru`` and ``en`` (``tests/test_catalogue.py``
fails otherwise, and when an entry is not used by any code), placeholders are ``{name}`` filled from the
problem's params, and a message says its whole thing in its own language.
"""

from __future__ import annotations

from collections.abc import Mapping

from service.catalogue.command_line import COMMAND_LINE
from service.catalogue.issuance import ISSUANCE
from service.catalogue.pages import PAGES
from service.catalogue.problems import PROBLEMS
from service.catalogue.reports import REPORTS
from service.catalogue.templates import TEMPLATE_PROBLEMS
from service.catalogue.uploads import UPLOAD_PROBLEMS

LANGUAGES = ("ky", "ru", "en")
DEFAULT_LANGUAGE = "ky"
LANGUAGE_VARIABLE = "KAGAZ_LANG"  # the command line's language, as ``--lang`` gives it for one run


def _merged(*tables: Mapping[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for table in tables:
        clash = merged.keys() & table.keys()
        if clash:  # one key, one text: a second entry would silently shadow the first
            raise RuntimeError(f"text keys defined twice: {sorted(clash)}")
        merged.update(table)
    return merged


TEXTS: dict[str, dict[str, str]] = _merged(
    PROBLEMS, UPLOAD_PROBLEMS, TEMPLATE_PROBLEMS, PAGES, COMMAND_LINE, REPORTS, ISSUANCE
)

VARIANTS = {
    "http": "status",
    "invalid_json": "variant",
    "template_syntax": "variant",
    "issued_not_annullable": "state",
}
"""Codes whose text depends on one parameter: ``http`` with ``status=405`` reads the entry ``http_405`` when
there is one, else ``http`` (which names the status by its number); ``invalid_json`` with ``variant=syntax``
reads ``invalid_json_syntax`` (the line and character in words), ``template_syntax`` with
``variant=unknown_filter`` reads ``template_syntax_unknown_filter``, ``issued_not_annullable`` with
``state=void`` reads ``issued_not_annullable_void``. Programs keep the one code."""


def pick(entry: Mapping[str, str], language: str) -> str:
    """An entry's text in ``language``, or in Kyrgyz when it has none (the test keeps that from happening)."""
    return entry.get(language) or entry[DEFAULT_LANGUAGE]


def text(key: str, language: str, **params: object) -> str:
    """The text ``key`` in ``language`` with its placeholders filled; a missing key is a bug (``KeyError``)."""
    value = pick(TEXTS[key], language)
    return value.format(**params) if params else value


def translate(code: str, language: str, params: Mapping[str, object] | None = None, default: str = "") -> str:
    """A problem's text: the entry for ``code`` (or its variant) in ``language``; ``default`` (the problem's
    English message) only for a code without an entry or params that do not fill it."""
    params = params or {}
    variant = VARIANTS.get(code)
    key = f"{code}_{params[variant]}" if variant and f"{code}_{params.get(variant)}" in TEXTS else code
    entry = TEXTS.get(key)
    if entry is None:
        return default or code
    value = pick(entry, language)
    try:
        return value.format(**params)
    except (KeyError, IndexError, ValueError):
        return default or value


def _tags(choice: str) -> list[str]:
    """The language tags of a ``lang`` value or an Accept-Language header, best first."""
    weighted: list[tuple[float, str]] = []
    for item in choice.split(","):
        tag, _, quality = item.strip().partition(";q=")
        try:
            weight = float(quality) if quality else 1.0
        except ValueError:
            weight = 0.0
        weighted.append((weight, tag.split("-")[0].strip().lower()))
    return [tag for _weight, tag in sorted(weighted, key=lambda pair: -pair[0])]


def choose_language(*choices: str | None) -> str:
    """The first of ``choices`` that names one of ``LANGUAGES``; Kyrgyz when none does.

    Each entry point passes what it has, most explicit first: the API ``?lang=`` then Accept-Language, the
    pages ``?lang=`` then the session's choice, the CLI ``--lang`` then ``KAGAZ_LANG``. A choice may be a
    single tag (``ru``) or an Accept-Language header (``en-US,en;q=0.9``).
    """
    for choice in choices:
        found = known_language(choice)
        if found:
            return found
    return DEFAULT_LANGUAGE


def known_language(choice: str | None) -> str | None:
    """The best of ``LANGUAGES`` that ``choice`` names, or None when it names none of them."""
    return next((tag for tag in _tags(choice or "") if tag in LANGUAGES), None)
