"""Write the README's table of settings from ``service.settings`` (the one place settings are defined).

Usage: ``python tools/settings_table.py`` (rewrites README.md in place, atomically) or ``--check`` (exit 1
and print the table when the README's differs). ``tests/test_settings.py`` runs the same comparison.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from service.atomic import write_atomically
from service.settings import settings_table

README = Path(__file__).resolve().parent.parent / "README.md"
HEADER = "| Variable | Default | What it does |"


def table_span(text: str) -> tuple[int, int]:
    """Where the README's settings table starts and ends (from its header row to the first blank line)."""
    start = text.index(HEADER)
    end = text.find("\n\n", start)
    return start, (len(text) if end < 0 else end + 1)


def with_table(text: str, table: str) -> str:
    start, end = table_span(text)
    return text[:start] + table + text[end:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 when the README differs")
    arguments = parser.parse_args(argv)
    text = README.read_text(encoding="utf-8")
    wanted = with_table(text, settings_table())
    if wanted == text:
        return 0
    if arguments.check:
        print(settings_table(), end="")
        return 1
    write_atomically(README, wanted.encode("utf-8"))
    print(f"{README}: settings table rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
