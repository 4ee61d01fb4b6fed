"""The registry's promises, on SQLite and on a real PostgreSQL (the ``database`` fixture runs each test on
both): versions numbered without gaps or clashes, written once and never replaced, stored whole or not at
all, the active version kept across restarts and switched only from the version an editor expects, a
changed file noticed. No LibreOffice: these are storage tests."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from make_fixtures import SHIPPED, header_text
from sqlalchemy import event, text

from service.db import Database
from service.errors import ActivationConflict, TemplateError, TemplateNotFound
from service.settings import PROJECT_ROOT
from service.templates.registry import SHIPPED_BY, Registry

TEMPLATES = PROJECT_ROOT / "templates_docx"


def rows(database: Database, sql: str) -> list[tuple]:
    with database.reading() as session:
        return [tuple(row) for row in session.execute(text(sql)).all()]


def consistent(database: Database, name: str = "action-plan") -> list[int]:
    """Every version has its DOCX, every file its version, numbers 1..N without a gap: the numbers."""
    versions = [number for (number,) in rows(database, f"SELECT version FROM template_versions WHERE name = '{name}'")]
    docx = [number for (number,) in
            rows(database, f"SELECT version FROM template_files WHERE name = '{name}' AND kind = 'docx'")]  # fmt: skip
    assert sorted(versions) == sorted(docx) == list(range(1, len(versions) + 1))
    return sorted(versions)


def test_the_shipped_docx_is_version_1_and_active(database: Database) -> None:
    registry = Registry(TEMPLATES, database=database)
    for name in registry.manifests:
        [info] = registry.versions(name)
        assert (info.version, info.active, info.created_by, info.status) == (1, True, SHIPPED_BY, "accepted")
    assert registry.active("action-plan").content == SHIPPED.read_bytes()
    assert consistent(database) == [1]


def test_versions_are_written_once_and_never_replaced(database: Database) -> None:
    registry = Registry(TEMPLATES, database=database)
    second = registry.add("action-plan", header_text("Милдеттер 2"), by="editor", note="two")
    before = rows(database, "SELECT version, sha256 FROM template_files ORDER BY name, version, kind")
    third = registry.add("action-plan", header_text("Милдеттер 3"), by="editor", note="three", activate=True)
    registry.activate("action-plan", 1, by="editor")  # roll back
    again = registry.add("action-plan", header_text("Милдеттер 2"), by="someone else")  # the same bytes again
    registry.activate("action-plan", 3, by="editor")
    after = rows(database, "SELECT version, sha256 FROM template_files ORDER BY name, version, kind")
    assert (second.version, third.version, again.version) == (2, 3, 2)
    assert set(before) <= set(after), "nothing rewritten"
    assert consistent(database) == [1, 2, 3]
    assert [entry["version"] for entry in registry.activations("action-plan")] == [3, 1, 3, 1]
    assert [entry["previous"] for entry in registry.activations("action-plan")] == [1, 3, 1, None]
    assert registry.info("action-plan", 2).note == "two" and registry.info("action-plan", 2).created_by == "editor"


def test_concurrent_uploads_get_distinct_numbers(database: Database) -> None:
    """Two registries (as two machines would) and eight threads add at once: eight distinct versions."""
    other = Database(database.url)
    registries = [Registry(TEMPLATES, database=database), Registry(TEMPLATES, database=other)]
    contents = [header_text(f"Милдеттер {number}") for number in range(8)]
    numbers: list[int] = []
    barrier = threading.Barrier(len(contents))

    def upload(index: int) -> None:
        barrier.wait()
        info = registries[index % 2].add("action-plan", contents[index], by=f"thread-{index}")
        numbers.append(info.version)

    threads = [threading.Thread(target=upload, args=(index,)) for index in range(len(contents))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    other.dispose()
    assert sorted(numbers) == list(range(2, 10))
    assert consistent(database) == list(range(1, 10))
    for info in registries[0].versions("action-plan")[:-1]:
        number = int(info.created_by.removeprefix("thread-"))
        assert registries[0].version("action-plan", info.version).content == contents[number]


def test_of_two_editors_activating_from_the_same_version_one_wins(database: Database) -> None:
    """Both expect version 1 to be active; exactly one switches, the other is told which version won."""
    registry = Registry(TEMPLATES, database=database)
    two = registry.add("action-plan", header_text("Милдеттер 2"), by="aigul").version
    three = registry.add("action-plan", header_text("Милдеттер 3"), by="bakyt").version
    barrier = threading.Barrier(2)
    outcomes: dict[int, object] = {}

    def activate(number: int) -> None:
        barrier.wait()
        try:
            outcomes[number] = registry.activate("action-plan", number, by=f"editor-{number}", expected_active=1)
        except ActivationConflict as conflict:
            outcomes[number] = conflict

    threads = [threading.Thread(target=activate, args=(number,)) for number in (two, three)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    conflicts = [value for value in outcomes.values() if isinstance(value, ActivationConflict)]
    assert len(conflicts) == 1, outcomes
    winner = registry.active_number("action-plan")
    assert winner in (two, three) and conflicts[0].active == winner and conflicts[0].expected == 1
    assert [entry["version"] for entry in registry.activations("action-plan")][:2] == [winner, 1]
    registry.activate("action-plan", 1, by="aigul", expected_active=winner)  # with the right precondition: done
    assert registry.active_number("action-plan") == 1


def test_a_version_is_stored_whole_or_not_at_all(database: Database) -> None:
    """A failure inside the store (here: an unknown artifact kind) leaves no row, no file, no used number."""
    registry = Registry(TEMPLATES, database=database)
    with pytest.raises(AssertionError):
        registry.add("action-plan", header_text("half"), by="editor", artifacts={"exe": b"MZ"})
    assert consistent(database) == [1]
    assert registry.add("action-plan", header_text("whole"), by="editor", artifacts={"png": b"png"}).version == 2
    assert registry.artifact("action-plan", 2, "png") == b"png" and registry.artifact("action-plan", 2, "pdf") is None
    registry.store_artifact("action-plan", 2, "png", b"other")  # written once: the first stays
    assert registry.artifact("action-plan", 2, "png") == b"png"


def test_a_restart_keeps_the_versions_and_the_active_one(database: Database) -> None:
    first = Registry(TEMPLATES, database=database)
    added = first.add("action-plan", header_text("Милдеттер (жаңы)"), by="editor", activate=True)
    second = Registry(TEMPLATES, database=database)
    assert second.active_number("action-plan") == added.version == 2
    assert [info.version for info in second.versions("action-plan")] == [2, 1]


def test_a_changed_version_file_is_refused(database: Database) -> None:
    Registry(TEMPLATES, database=database).add("action-plan", header_text("Милдеттер 2"), by="editor")
    with database.transaction() as session:
        session.execute(
            text("UPDATE template_files SET content = :content WHERE name = 'action-plan' AND version = 2"),
            {"content": header_text("someone edited the row")},
        )
    with pytest.raises(TemplateError) as caught:
        Registry(TEMPLATES, database=database).version("action-plan", 2)
    assert caught.value.problems[0].code == "version_tampered"


def test_a_new_release_of_a_shipped_template_becomes_the_next_version(tmp_path: Path, database: Database) -> None:
    shipped = tmp_path / "templates_docx"
    shutil.copytree(TEMPLATES, shipped)
    Registry(shipped, database=database)
    (shipped / "action_plan.docx").write_bytes(header_text("Милдеттер (release 2)"))
    registry = Registry(shipped, database=database)
    assert registry.active_number("action-plan") == 2, "the active one was shipped: the new release replaces it"
    registry.add("action-plan", header_text("editor's own"), by="editor", activate=True)
    (shipped / "action_plan.docx").write_bytes(header_text("Милдеттер (release 3)"))
    registry = Registry(shipped, database=database)
    assert [info.version for info in registry.versions("action-plan")] == [4, 3, 2, 1]
    assert registry.active_number("action-plan") == 3, "an editor's choice stands"


def test_unknown_names_and_versions(database: Database) -> None:
    registry = Registry(TEMPLATES, database=database)
    for number in (7, 0, 2**31, 2**63):
        with pytest.raises(TemplateNotFound):
            registry.version("action-plan", number)
        with pytest.raises(TemplateNotFound):
            registry.info("action-plan", number)
    assert registry.artifact("action-plan", 7, "png") is None
    for number in (0, 2**31, 2**63, 677954116424663302144):  # from a URL: no version, never a database error
        with pytest.raises(TemplateNotFound):
            registry.artifact("action-plan", number, "png")
    with pytest.raises(TemplateNotFound):
        registry.manifest("../etc")


def test_a_data_folder_alone_still_opens_its_sqlite_file(tmp_path: Path) -> None:
    """``Registry(templates, data_dir)`` as callers wrote it before the database layer."""
    registry = Registry(TEMPLATES, tmp_path / "data")
    assert registry.active_number("action-plan") == 1 and (tmp_path / "data" / "kagaz.sqlite3").is_file()


def test_the_template_in_force_costs_one_statement_per_render(database: Database) -> None:
    """The render path's promise (and the bench's): one SELECT for the active version; bytes are cached.
    On PostgreSQL reads run in autocommit, so that SELECT is the only round trip (no BEGIN/ROLLBACK)."""
    registry = Registry(TEMPLATES, database=database)
    first = registry.active("action-plan")  # reads the bytes once
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        statements.append(statement)

    event.listen(database.engine, "before_cursor_execute", record)
    try:
        for _ in range(3):
            assert registry.active("action-plan") == first
        other = registry.add("action-plan", header_text("Милдеттер 2"), by="editor", activate=True)
        statements.clear()
        assert registry.active("action-plan").version == other.version, "an activation is seen at the next render"
        statements.clear()
        registry.active("action-plan")
    finally:
        event.remove(database.engine, "before_cursor_execute", record)
    queries = [statement for statement in statements if statement.strip().upper() != "BEGIN"]
    assert len(queries) == 1 and queries[0].lstrip().upper().startswith("SELECT"), statements
    if database.backend == "postgresql":
        assert statements == queries, "no BEGIN on PostgreSQL: autocommit"
