"""Batches: a year's progress reports and their generalized report, made at once, resumable.

One responsibility a module, pure where it can be:

- ``inputs``   files, ZIP entries, JSON records → checked reports (pure: bytes in, items out)
- ``plan``     the documents to make, their file names, fingerprints (pure)
- ``manifest`` the record of outputs: ``manifest.json`` / ``.csv``, the ZIP, atomic writes (file I/O)
- ``runner``   the run: skip what is up to date, render and convert the rest over the whole pool
- ``console``  ``kagaz batch`` on a terminal: the progress bar with ETA, problems, summary, exit code

This package replaces the single ``batch.py`` the design sketched: one module for all of it passed 400
lines and mixed pure planning with I/O. Used by ``kagaz batch`` (``service.cli``) and by the background
jobs (``service.jobs``), which run the very same ``run`` on a job's folder, so a job resumed after a
restart redoes only what is missing.
"""

from __future__ import annotations

from service.batch.inputs import Source, read_folder, read_path
from service.batch.manifest import CSV_NAME, ERROR, INPUT, JSON_NAME, OK, SKIPPED, SYSTEM, Entry
from service.batch.runner import VERSION, Observer, Options, Outcome, run

__all__ = [
    "CSV_NAME",
    "ERROR",
    "INPUT",
    "JSON_NAME",
    "OK",
    "SKIPPED",
    "SYSTEM",
    "VERSION",
    "Entry",
    "Observer",
    "Options",
    "Outcome",
    "Source",
    "read_folder",
    "read_path",
    "run",
]
