"""LibreOffice without Kagaz: the warm floor (``floor.py`` as a server) and a cold ``soffice --convert-to``."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Any

FLOOR_SCRIPT = Path(__file__).with_name("floor.py")


class Floor:
    """``floor.py`` running under LibreOffice's Python with its own warm soffice; ask it for timings."""

    def __init__(self, uno_python: str = "/usr/bin/python3", soffice: str = "soffice", warm_up: int = 2) -> None:
        self._process = subprocess.Popen(
            [uno_python, str(FLOOR_SCRIPT), "--soffice", soffice, "--warm-up", str(warm_up)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.last = self._answer()  # the ready line

    def times(self, path: Path, runs: int) -> list[float]:
        """``runs`` timings (ms) of load + export of ``path``; the first request of a file warms it up."""
        assert self._process.stdin is not None
        self._process.stdin.write(f"{runs} {path}\n")
        self._process.stdin.flush()
        self.last = self._answer()
        return list(self.last["files"][str(path)])

    def _answer(self) -> dict[str, Any]:
        assert self._process.stdout is not None
        line = self._process.stdout.readline()
        if not line:
            raise RuntimeError(f"floor.py ended (exit {self._process.wait()}); is python3-uno installed?")
        return json.loads(line)

    def close(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    def __enter__(self) -> Floor:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


class ColdOffice:
    """``soffice --headless --convert-to pdf`` as a user would run it: a new LibreOffice per document.

    One profile is kept for all runs (made by the untimed first run), as on a desktop where LibreOffice has
    run before; each timed run still starts, loads, converts and exits a whole LibreOffice.
    """

    def __init__(self, soffice: str = "soffice") -> None:
        self.soffice = shutil.which(soffice) or soffice
        self.directory = Path(tempfile.mkdtemp(prefix="kagaz-bench-cold-"))
        self._warm = False

    def convert(self, path: Path) -> float:
        """Milliseconds of one cold conversion of ``path`` (its PDF is checked, then deleted)."""
        if not self._warm:
            self._warm = True
            self._once(path)
        return self._once(path)

    def _once(self, path: Path) -> float:
        out = self.directory / "out"
        command = [
            self.soffice,
            f"-env:UserInstallation={(self.directory / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(path),
        ]
        began = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, timeout=120)
        elapsed = (time.perf_counter() - began) * 1000
        pdf = out / (path.stem + ".pdf")
        if not pdf.is_file() or pdf.stat().st_size == 0:
            raise RuntimeError(f"soffice --convert-to wrote no PDF for {path}")
        pdf.unlink()
        return round(elapsed, 2)

    def close(self) -> None:
        shutil.rmtree(self.directory, ignore_errors=True)
