"""The registry's promises: versions numbered without gaps or clashes, written once and never replaced,
the active version kept across restarts, a changed file noticed. No LibreOffice: these are storage tests."""

from __future__ import annotations

import shutil
import stat
import threading
from pathlib import Path

import pytest
from make_fixtures import SHIPPED, header_text
from template_helpers import version_files

from service.errors import TemplateError, TemplateNotFound
from service.settings import PROJECT_ROOT
from service.templates import registry as registry_module
from service.templates.registry import SHIPPED_BY, Registry

TEMPLATES = PROJECT_ROOT / "templates_docx"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def test_the_shipped_docx_is_version_1_and_active(data_dir: Path) -> None:
    registry = Registry(TEMPLATES, data_dir)
    for name in registry.manifests:
        [info] = registry.versions(name)
        assert (info.version, info.active, info.created_by, info.status) == (1, True, SHIPPED_BY, "accepted")
    assert registry.active("action-plan").content == SHIPPED.read_bytes()
    assert (data_dir / "templates" / "action-plan" / "v1.docx").is_file()


def test_versions_are_written_once_read_only_and_never_replaced(data_dir: Path) -> None:
    registry = Registry(TEMPLATES, data_dir)
    second = registry.add("action-plan", header_text("Милдеттер 2"), by="editor", note="two")
    before = version_files(data_dir)
    third = registry.add("action-plan", header_text("Милдеттер 3"), by="editor", note="three", activate=True)
    registry.activate("action-plan", 1, by="editor")  # roll back
    again = registry.add("action-plan", header_text("Милдеттер 2"), by="someone else")  # the same bytes again
    registry.activate("action-plan", 3, by="editor")
    after = version_files(data_dir)
    assert (second.version, third.version, again.version) == (2, 3, 2)
    assert {name: digest for name, digest in after.items() if name in before} == before, "nothing rewritten"
    assert set(after) == {"v1.docx", "v2.docx", "v3.docx"}
    for path in (data_dir / "templates" / "action-plan").iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o444, path
    with pytest.raises(FileExistsError):
        registry_module._write_once(data_dir / "templates" / "action-plan" / "v2.docx", b"other bytes")
    assert version_files(data_dir) == after
    assert [entry["version"] for entry in registry.activations("action-plan")] == [3, 1, 3, 1]
    assert registry.info("action-plan", 2).note == "two" and registry.info("action-plan", 2).created_by == "editor"


def test_concurrent_uploads_get_distinct_numbers(data_dir: Path) -> None:
    """Two registries (as two processes would) and eight threads add at once: eight distinct versions."""
    registries = [Registry(TEMPLATES, data_dir), Registry(TEMPLATES, data_dir)]
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
    assert sorted(numbers) == list(range(2, 10))
    for info in registries[0].versions("action-plan")[:-1]:
        number = int(info.created_by.removeprefix("thread-"))
        assert registries[0].version("action-plan", info.version).content == contents[number]


def test_a_restart_keeps_the_versions_and_the_active_one(data_dir: Path) -> None:
    first = Registry(TEMPLATES, data_dir)
    added = first.add("action-plan", header_text("Милдеттер (жаңы)"), by="editor", activate=True)
    second = Registry(TEMPLATES, data_dir)
    assert second.active_number("action-plan") == added.version == 2
    assert [info.version for info in second.versions("action-plan")] == [2, 1]


def test_a_changed_version_file_is_refused(data_dir: Path) -> None:
    Registry(TEMPLATES, data_dir).add("action-plan", header_text("Милдеттер 2"), by="editor")
    path = data_dir / "templates" / "action-plan" / "v2.docx"
    path.chmod(0o644)
    path.write_bytes(header_text("someone edited the file on disk"))
    with pytest.raises(TemplateError) as caught:
        Registry(TEMPLATES, data_dir).version("action-plan", 2)
    assert caught.value.problems[0].code == "version_tampered"


def test_a_file_left_by_a_crash_keeps_its_number(data_dir: Path) -> None:
    registry = Registry(TEMPLATES, data_dir)
    orphan = data_dir / "templates" / "action-plan" / "v2.docx"
    orphan.write_bytes(b"half a file from a crash before the index was written")
    assert registry.add("action-plan", header_text("Милдеттер 3"), by="editor").version == 3
    assert orphan.read_bytes().startswith(b"half a file")


def test_a_new_release_of_a_shipped_template_becomes_the_next_version(tmp_path: Path, data_dir: Path) -> None:
    shipped = tmp_path / "templates_docx"
    shutil.copytree(TEMPLATES, shipped)
    Registry(shipped, data_dir)
    (shipped / "action_plan.docx").write_bytes(header_text("Милдеттер (release 2)"))
    registry = Registry(shipped, data_dir)
    assert registry.active_number("action-plan") == 2, "the active one was shipped: the new release replaces it"
    registry.add("action-plan", header_text("editor's own"), by="editor", activate=True)
    (shipped / "action_plan.docx").write_bytes(header_text("Милдеттер (release 3)"))
    registry = Registry(shipped, data_dir)
    assert [info.version for info in registry.versions("action-plan")] == [4, 3, 2, 1]
    assert registry.active_number("action-plan") == 3, "an editor's choice stands"


def test_unknown_names_and_versions(data_dir: Path) -> None:
    registry = Registry(TEMPLATES, data_dir)
    with pytest.raises(TemplateNotFound):
        registry.version("action-plan", 7)
    with pytest.raises(TemplateNotFound):
        registry.folder("../etc")
