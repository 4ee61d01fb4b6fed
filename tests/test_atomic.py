"""``service.atomic``: a file is replaced whole or not at all, and no temp file outlives a failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.atomic import PART_SUFFIX, atomic_stream, write_atomically


def test_write_atomically_creates_folders_and_replaces_the_old_content(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "out.bin"
    write_atomically(path, b"first")
    write_atomically(path, b"second")
    assert path.read_bytes() == b"second"
    assert sorted(p.name for p in path.parent.iterdir()) == ["out.bin"]


def test_a_stream_that_fails_half_way_leaves_the_old_file_and_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "archive.zip"
    path.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_stream(path) as handle:
        handle.write(b"half of the new")
        assert list(tmp_path.glob(f".archive.zip.*{PART_SUFFIX}")), "the content goes to a temp file first"
        raise RuntimeError("killed")
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive.zip"]
