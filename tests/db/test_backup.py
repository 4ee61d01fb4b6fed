"""``kagaz db backup`` / ``kagaz db restore`` on SQLite (online backup API) and on a real PostgreSQL
(pg_dump/pg_restore): restored into a fresh database and store, the service starts with the active
versions, the history, the keys, every version's files and the batches' files all there."""

from __future__ import annotations

import tarfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from service import create_app
from service.cli import main
from service.http.resources import engine

NEW_DOCX = (Path(__file__).parent / "legacy-data" / "templates" / "action-plan" / "v2.docx").read_bytes()


def fresh_url(database_url: str, request: pytest.FixtureRequest, folder: Path) -> str:
    """Another empty database on the same backend as ``database_url``."""
    if database_url.startswith("sqlite"):
        return f"sqlite:///{folder / 'kagaz.sqlite3'}"
    server = request.getfixturevalue("postgres")
    return server.url(server.create_database())


def test_backup_and_restore_into_a_fresh_database_and_store(
    database_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    source = {"database_url": database_url, "data_dir": tmp_path / "a", "store_dir": tmp_path / "store-a"}
    app = create_app({**source, "start_pool": False})
    keys = app.extensions["kagaz.keys"]
    _info, editor = keys.create("aigul", "editor")
    _gone, revoked = keys.create("gone", "client")
    keys.revoke("gone")
    with app.app_context():
        registry = engine().registry
        two = registry.add("action-plan", NEW_DOCX, by="aigul", note="жаңы",
                           artifacts={"png": b"\x89PNG preview"})  # fmt: skip
        registry.activate("action-plan", two.version, by="aigul")
        registry.activate("action-plan", 1, by="bakyt")
        registry.activate("action-plan", two.version, by="aigul", expected_active=1)
        before = {name: (registry.versions(name), registry.activations(name)) for name in registry.manifests}
    result_zip = source["store_dir"] / "batches" / "job-1" / "out" / "result.zip"
    result_zip.parent.mkdir(parents=True)
    result_zip.write_bytes(b"PK the batch's result")
    engine_database = app.extensions["kagaz.engine"].database

    archive = tmp_path / "backups" / "kagaz.tar"
    runner = CliRunner()
    env = {f"KAGAZ_{key.upper()}": str(value) for key, value in source.items()}
    made = runner.invoke(main, ["db", "backup", str(archive)], env=env)
    assert made.exit_code == 0, made.output
    assert "1 file(s) of the store" in made.output
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "kagaz-backup.json" in names and "store/batches/job-1/out/result.zip" in names
    assert ("database.sqlite3" if database_url.startswith("sqlite") else "database.pgdump") in names
    assert not list(archive.parent.glob(".kagaz-backup-*")), "no scratch left behind"
    engine_database.dispose()

    target = {
        "database_url": fresh_url(database_url, request, tmp_path / "b"),
        "data_dir": tmp_path / "b",
        "store_dir": tmp_path / "store-b",
    }
    target_env = {f"KAGAZ_{key.upper()}": str(value) for key, value in target.items()}
    restored = runner.invoke(main, ["db", "restore", str(archive)], env=target_env)
    assert restored.exit_code == 0, restored.output + (restored.stderr or "")

    again = create_app({**target, "start_pool": False})
    with again.app_context():
        registry = engine().registry
        assert registry.active_number("action-plan") == two.version
        for name, (versions, activations) in before.items():
            assert registry.versions(name) == versions and registry.activations(name) == activations
        assert registry.version("action-plan", two.version).content == NEW_DOCX
        assert registry.artifact("action-plan", two.version, "png") == b"\x89PNG preview"
    restored_keys = again.extensions["kagaz.keys"]
    assert restored_keys.verify(editor).name == "aigul"  # type: ignore[union-attr]
    assert restored_keys.verify(revoked) is None
    assert (target["store_dir"] / "batches/job-1/out/result.zip").read_bytes() == b"PK the batch's result"
    again.extensions["kagaz.engine"].database.dispose()

    twice = runner.invoke(main, ["db", "restore", str(archive)], env=target_env)
    assert twice.exit_code == 1 and "fresh database and store" in twice.stderr
    bogus = tmp_path / "not-a-backup.tar"
    bogus.write_bytes(b"hello")
    refused = runner.invoke(main, ["db", "restore", str(bogus)], env=target_env)
    assert refused.exit_code == 1 and "not a Kagaz backup" in refused.stderr
