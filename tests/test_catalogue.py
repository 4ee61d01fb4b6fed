"""The text catalogue is complete and has nothing dead: every code Kagaz can emit has a Kyrgyz, Russian and
English text, every text is used by some code, and no message slips into another language.

What Kagaz can emit is found, not listed by hand:

- the codes in Kagaz's own code, by walking ``service/`` with ``ast``: the code of every ``Problem(…)``; of
  every call to a function or class that passes its ``code`` parameter on to ``Problem`` (``refuse``,
  ``_input_error``, ``KeyRefused`` …); every ``PydanticCustomError`` type; every key given to ``text``,
  ``translate`` or ``say``; every ``t('…')`` of the Jinja templates;
- every pydantic error type the document models can raise, by validating a battery of JSON values against
  each leaf of the models' core schemas (with their constraints), plus the containers' own types;
- every HTTP error status the app answers with the code ``http`` (routing's 404 and 405, a malformed
  request's 400 and 415, and every ``abort``).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic_core import SchemaValidator, ValidationError

from conftest import ROOT
from service import documents
from service.catalogue import LANGUAGES, TEXTS, VARIANTS, choose_language, translate
from service.errors import EXIT_CODE, HTTP_STATUS, Kind

SERVICE = ROOT / "service"
PLACEHOLDER = re.compile(r"{(\w*)}")
LOOK_UPS = {"text", "translate", "say", "t"}  # the catalogue's look-ups and the pages' and CLI's wrappers of them
HTTP_ANSWERED = {400, 404, 405, 415}  # what Werkzeug answers by itself: malformed, no route, wrong method, media


# ---------------------------------------------------------------------------------------------------
# Finding the codes


class Site:
    """A code found in the source: a literal, or an f-string's pattern (``sheet_place_{shape}``)."""

    def __init__(self, code: str | re.Pattern[str], where: str) -> None:
        self.code, self.where = code, where

    def matches(self, key: str) -> bool:
        return self.code == key if isinstance(self.code, str) else bool(self.code.fullmatch(key))


def python_files() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(SERVICE.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def call_name(node: ast.Call) -> str:
    function = node.func
    return (
        function.id if isinstance(function, ast.Name) else function.attr if isinstance(function, ast.Attribute) else ""
    )


def argument(node: ast.Call, index: int, name: str) -> ast.expr | None:
    if len(node.args) > index and not any(isinstance(arg, ast.Starred) for arg in node.args[: index + 1]):
        return node.args[index]
    return next((keyword.value for keyword in node.keywords if keyword.arg == name), None)


def literal(node: ast.expr | None, where: str) -> list[Site] | None:
    """The codes an expression can be: a string, an f-string's pattern, either branch of a conditional."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [Site(node.value, where)]
    if isinstance(node, ast.JoinedStr):
        pattern = "".join(re.escape(part.value) if isinstance(part, ast.Constant) else r"\w+" for part in node.values)
        return [Site(re.compile(pattern), where)]
    if isinstance(node, ast.IfExp):
        body, orelse = literal(node.body, where), literal(node.orelse, where)
        return None if body is None or orelse is None else body + orelse
    return None


def parents(tree: ast.Module) -> dict[ast.AST, ast.AST]:
    return {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}


def enclosing_function(node: ast.AST, parent_of: dict[ast.AST, ast.AST]) -> ast.FunctionDef | None:
    while node in parent_of:
        node = parent_of[node]
        if isinstance(node, ast.FunctionDef):
            return node
    return None


def codes_in_tables(function: ast.FunctionDef, where: str) -> list[Site]:
    """A code chosen from a table inside the function (``{…: "conversion_timeout"}.get(…, "batch_…")``)."""
    found = []
    for node in ast.walk(function):
        values = node.values if isinstance(node, ast.Dict) else []
        if isinstance(node, ast.Call) and call_name(node) == "get":
            values = list(node.args[1:])
        found += [site for value in values for site in literal(value, where) or []]
    return found


def emitted_codes() -> tuple[list[Site], list[Site], list[str]]:
    """(problem codes, look-up keys, sites the scan could not read) in ``service/``."""
    wrappers: dict[str, int] = {"Problem": 1}  # callable → the position of its code
    trees = list(python_files())
    for _round in range(3):  # a wrapper of a wrapper (KeyRefused → Problem) is found on the next round
        for _path, tree in trees:
            parent_of = parents(tree)
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Call) and call_name(node) in wrappers):
                    continue
                code = argument(node, wrappers[call_name(node)], "code")
                function = enclosing_function(node, parent_of)
                if isinstance(code, ast.Name) and function is not None:
                    names = [arg.arg for arg in function.args.args]
                    if code.id in names:
                        if function.name == "__init__":
                            owner = enclosing_class(function, parent_of)
                            wrappers[owner] = names.index(code.id) - 1
                        else:
                            wrappers[function.name] = names.index(code.id)
    problems: list[Site] = []
    keys: list[Site] = []
    unread: list[str] = []
    for path, tree in trees:
        parent_of = parents(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            name = call_name(node)
            if name in wrappers:
                code = argument(node, wrappers[name], "code")
                sites = literal(code, where)
                function = enclosing_function(node, parent_of)
                if sites is None and isinstance(code, ast.Name) and function is not None:
                    if code.id in [arg.arg for arg in function.args.args]:
                        continue  # the wrapper itself: its callers are read
                    sites = codes_in_tables(function, where) or None
                if sites is None and passes_on(code, function):
                    continue  # a problem re-made with another place or from a record: its code was read where made
                if sites is None and code is not None:
                    unread.append(where)
                problems += sites or []
            elif name == "PydanticCustomError":
                problems += literal(argument(node, 0, "error_type"), where) or []
            elif name in LOOK_UPS:
                key = argument(node, 0, "key")
                function = enclosing_function(node, parent_of)
                if isinstance(key, ast.Name) and function is not None:  # code = f"sheet_place_{shape}"; text(code)
                    assigned = [
                        node.value
                        for node in ast.walk(function)
                        if isinstance(node, ast.Assign)
                        and any(isinstance(target, ast.Name) and target.id == key.id for target in node.targets)
                    ]
                    key = assigned[0] if len(assigned) == 1 else key
                keys += literal(key, where) or []
    return problems, keys, unread


def passes_on(code: ast.expr | None, function: ast.FunctionDef | None = None) -> bool:
    """``item.code`` or ``record["code"]``: an existing problem's code carried into a new one; or
    ``error["type"]``: pydantic's error type (``model_error_types`` finds those), also through a variable."""
    if isinstance(code, ast.Attribute):
        return code.attr == "code"
    if isinstance(code, ast.Subscript):
        return isinstance(code.slice, ast.Constant) and code.slice.value in ("code", "type")
    if isinstance(code, ast.Name) and function is not None:
        return any(
            isinstance(node, ast.Assign)
            and any(isinstance(target, ast.Name) and target.id == code.id for target in node.targets)
            and passes_on(node.value)
            for node in ast.walk(function)
        )
    return False


def enclosing_class(node: ast.AST, parent_of: dict[ast.AST, ast.AST]) -> str:
    while node in parent_of:
        node = parent_of[node]
        if isinstance(node, ast.ClassDef):
            return node.name
    raise AssertionError("an __init__ outside a class")


QUOTED = r"""['"]([a-z0-9_-]+)['"]"""


def template_keys() -> list[Site]:
    """Every key the Jinja templates pass to ``t()``: both branches of ``t('a' if … else 'b')``, and
    ``t('batch_state_' ~ job.state)`` as the pattern ``batch_state_\\w+``."""
    found = []
    for path in sorted(SERVICE.rglob("*.html")):
        source = path.read_text(encoding="utf-8")
        for call in re.finditer(r"\bt\(([^()]*(?:\([^()]*\)[^()]*)*)\)", source):
            head, where = call.group(1).split(",")[0], str(path.relative_to(ROOT))
            if "~" in head:
                pattern = "".join(
                    re.escape(piece.strip().strip("'\"")) if piece.strip()[:1] in "'\"" else r"\w+"
                    for piece in head.split("~")
                )
                found.append(Site(re.compile(pattern), where))
            else:
                if " if " in head and " else " in head:  # not the condition's words
                    head = head.split(" if ", 1)[0] + " " + head.rsplit(" else ", 1)[1]
                found += [Site(key, where) for key in re.findall(QUOTED, head)]
    return found


def named_anywhere() -> set[str]:
    """Every quoted word of the pages and every string constant of the code: a page's ``t(document)`` reads
    its key from such a value (``DOCUMENTS``, a macro's argument)."""
    found = {
        node.value
        for path, tree in python_files()
        if "catalogue" not in path.relative_to(SERVICE).parts  # the keys themselves are no use of them
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
    }
    for path in SERVICE.rglob("*.html"):
        found.update(re.findall(QUOTED, path.read_text(encoding="utf-8")))
    return {value for value in found if isinstance(value, str)}


# ---------------------------------------------------------------------------------------------------
# Pydantic's error types the models can raise

LEAVES = {"str", "int", "float", "bool", "date", "datetime", "bytes", "enum", "literal"}
BATTERY: list[Any] = [
    *(None, True, False, 0, 1, -1, 1.5, 10**400, float("inf"), float("nan")),
    *("", " ", "x", "yes", "1", "2025-13-01", "2025-01-01", "2025-01-01T10:30:00", "a" * 30_000),
    *([], {}, [1], {"a": 1}),
]


def model_error_types() -> set[str]:
    """What validating JSON against the document models can report, schema node by schema node."""
    found: set[str] = set()

    def walk(schema: Any) -> None:
        if isinstance(schema, list):
            for item in schema:
                walk(item)
        if not isinstance(schema, dict):
            return
        kind = schema.get("type")
        if kind in LEAVES:
            validator = SchemaValidator(schema)
            for value in BATTERY:
                try:
                    validator.validate_python(value)
                except ValidationError as error:
                    found.update(item["type"] for item in error.errors())
        elif kind == "list":
            found.add("list_type")
            found.update({"too_short"} if schema.get("min_length") else set())
            found.update({"too_long"} if schema.get("max_length") is not None else set())
        elif kind == "model":
            found.add("model_type")
            if schema.get("config", {}).get("extra_fields_behavior") == "forbid":
                found.add("extra_forbidden")
        elif kind == "model-fields":
            if any(field["schema"].get("type") != "default" for field in schema["fields"].values()):
                found.add("missing")
        elif kind in ("function-before", "function-after", "function-wrap", "function-plain"):
            found.add("value_error")  # Kagaz's validators raise ValueError; their own types are found by ast
        elif kind == "union":
            found.add("union_tag_invalid") if schema.get("discriminator") else None
        for key, value in schema.items():
            if key not in ("serialization", "metadata"):
                walk(value)

    for kind in documents.KINDS.values():
        walk(kind.model.__pydantic_core_schema__)
    return found


# ---------------------------------------------------------------------------------------------------
# The tests


@pytest.fixture(scope="module")
def scanned() -> tuple[list[Site], list[Site], list[str]]:
    problems, keys, unread = emitted_codes()
    return problems, keys + template_keys(), unread


def test_every_entry_has_all_three_languages_with_the_same_placeholders() -> None:
    for key, entry in TEXTS.items():
        assert set(entry) == set(LANGUAGES), key
        assert all(entry[language].strip() for language in LANGUAGES), key
        names = {language: set(PLACEHOLDER.findall(entry[language])) for language in LANGUAGES}
        assert names["ky"] == names["ru"] == names["en"], (key, names)


def test_the_scan_reads_every_code_site(scanned: tuple[list[Site], list[Site], list[str]]) -> None:
    """A code the scan cannot read would escape the completeness check: make it a literal or a table."""
    problems, keys, unread = scanned
    assert unread == []
    found = {site.code for site in problems if isinstance(site.code, str)}
    assert {"missing", "upload_xls", "key_name_taken", "conversion_timeout", "broken_xml", "timeout"} <= found
    assert {"form_csrf", "not_found", "http"} <= found
    assert any(site.matches("sheet_place_csv_cell") for site in keys)


def test_every_code_kagaz_emits_has_a_text(scanned: tuple[list[Site], list[Site], list[str]]) -> None:
    problems, keys, _unread = scanned
    for site in problems + keys:
        assert any(site.matches(key) for key in TEXTS), f"{site.code} ({site.where}) has no text"


def test_every_error_type_the_models_can_raise_has_a_text() -> None:
    types = model_error_types()
    assert {"missing", "extra_forbidden", "string_too_long", "bool_type", "date_from_datetime_parsing"} <= types
    assert sorted(types - TEXTS.keys()) == []


def aborted_statuses() -> set[int]:
    """The statuses ``service/`` answers with ``abort(…)`` (their ``http_<status>`` text is then used)."""
    return {
        int(node.args[0].value)
        for _path, tree in python_files()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and call_name(node) == "abort" and isinstance(node.args[0], ast.Constant)
    }


def test_every_http_status_answered_has_its_text_and_every_kind_its_status_and_exit_code() -> None:
    for status in HTTP_ANSWERED | aborted_statuses():
        assert f"http_{status}" in TEXTS, status
        for language in LANGUAGES:
            assert translate("http", language, {"status": status}) == TEXTS[f"http_{status}"][language]
    assert translate("http", "ky", {"status": 418}) == "Суроо аткарылган жок (HTTP 418)", "others by number"
    assert set(HTTP_STATUS) == set(Kind) == set(EXIT_CODE)


def test_every_text_is_used_by_some_code(scanned: tuple[list[Site], list[Site], list[str]]) -> None:
    problems, keys, _unread = scanned
    sites = problems + keys
    answered = HTTP_ANSWERED | aborted_statuses()
    used = model_error_types() | {f"{code}_{status}" for code in VARIANTS for status in answered}
    used |= named_anywhere()
    # A variant's text is used when the code names the variant as a value (``{"variant": "syntax"}``).
    used |= {f"{code}_{value}" for code in VARIANTS for value in named_anywhere()}
    unused = sorted(key for key in TEXTS if key not in used and not any(site.matches(key) for site in sites))
    assert unused == []


LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
CYRILLIC = re.compile(r"[А-Яа-яЁёӨөҮүҢң]")
# Names that stay as they are in every language: formats, products, protocol words, what a person types.
KEPT = re.compile(
    r"\{\{?%?\w*[^}]*}}?|\{\w+\}|«[^»]*»|'[^']*'|\([^()]*\.(?:xlsx|csv|xls|docx|json|ods)[^()]*\)|"
    r"\.(?:xlsx|xls|csv|docx|docm|dotx|json|doc|ods|zip|pdf|png)\b|"
    r"\?\w+=\w+|\b(?:JSON|PDF|DOCX|XML|ZIP|CSV|API|HTTP|URL|UTF|LibreOffice|Excel|Word|OpenDocument|DOCTYPE|ENTITY|"
    r"sha256|base64|docxtpl|Kagaz|QR|Authorization|Bearer|application/json|client|editor|admin|KAGAZ_\w+|MB|PNG|JPEG|"
    r"Windows)(?![A-Za-z])"
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_message_slips_into_another_language(language: str) -> None:
    """Kyrgyz and Russian texts carry no English word, English texts no Cyrillic one, but for names that
    stay as they are (formats, products, what a person types, quoted values)."""
    foreign = LATIN_WORD if language != "en" else CYRILLIC
    for key, entry in TEXTS.items():
        if key == "html_lang" or (key == "status_unrecognized" and language == "en"):
            continue  # a language tag, not a message; the statuses a person types are Kyrgyz words in any language
        rest = KEPT.sub(" ", entry[language])
        assert not foreign.search(rest), (key, language, entry[language])


def test_one_choice_of_language() -> None:
    assert choose_language(None, None) == "ky"
    assert choose_language("RU") == "ru"
    assert choose_language("fr", "en-US,en;q=0.9") == "en"
    assert choose_language(None, "de, ru;q=0.5, en;q=0.3") == "ru"
    assert choose_language("", "xx") == "ky"
