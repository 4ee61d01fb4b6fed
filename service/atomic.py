"""Writing files so that a reader never sees half of one: a temp file in the same folder, then a rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

PART_SUFFIX = ".part"  # the temp files' suffix: ``.<name>.<random>.part``, so a killed run's leftovers can be found


@contextmanager
def atomic_stream(path: Path) -> Iterator[IO[bytes]]:
    """A handle whose content replaces ``path`` only when the block ends without error.

    For content written piece by piece (a ZIP of many files); on any failure the old file (or no file) stays
    and the temp file is removed.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=PART_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        Path(temp).replace(path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_atomically(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` atomically; on any failure the old file (or no file) stays."""
    with atomic_stream(path) as handle:
        handle.write(content)
