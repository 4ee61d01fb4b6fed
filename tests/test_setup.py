"""The one list of Debian packages, and that the setup script, CI and the Dockerfile all read it."""

from __future__ import annotations

import subprocess

import pytest

from conftest import ROOT

READER = ROOT / "scripts" / "debian-packages.sh"


def packages(*groups: str) -> list[str]:
    done = subprocess.run(["sh", str(READER), *groups], capture_output=True, text=True, check=True)
    return done.stdout.split()


@pytest.mark.parametrize("groups", [(), ("test",), ("docker",), ("test", "docker")])
def test_reader_succeeds_for_every_group(groups: tuple[str, ...]) -> None:
    found = packages(*groups)
    assert {"libreoffice-writer-nogui", "python3-uno", "fonts-liberation2", "poppler-utils"} <= set(found)
    assert ("chromium" in found) == ("test" in groups), "chromium is for the tests only"
    assert ("tini" in found) == ("docker" in groups), "tini is for the container only"
    assert "fonts-liberation" not in found, "Liberation 1.x has no ң ө ү"


def test_every_installer_reads_the_one_list() -> None:
    assert "scripts/debian-packages.sh" in (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert "debian-packages.sh docker" in (ROOT / "Dockerfile").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/setup.sh test" in ci
    assert "scripts/setup.sh test" in (ROOT / "README.md").read_text(encoding="utf-8"), "CI runs the README's command"


def test_the_image_carries_everything_the_service_reads_at_start() -> None:
    """The engine reads the templates, the plan and the registry of organizations when it starts."""
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    for folder in ("service", "templates_docx", "samples", "data"):
        assert f"COPY {folder} ./{folder}" in dockerfile, f"the image lacks {folder}/"
    assert 'ENTRYPOINT ["/usr/bin/tini", "--"]' in dockerfile
    assert "HEALTHCHECK" in dockerfile and "/health" in dockerfile
