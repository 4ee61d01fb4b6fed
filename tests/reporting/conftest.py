"""The year's sample reports validated once, and the engine's reference they were checked against."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.documents import load
from service.documents.progress_report import ProgressReport
from service.documents.reference import Reference, load_reference
from service.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "reports" / "2025"


@pytest.fixture(scope="session")
def reference() -> Reference:
    settings = load_settings({"start_pool": False})
    return load_reference(settings.plan_file, settings.organizations_file)


@pytest.fixture(scope="session")
def sample_reports(reference: Reference) -> dict[str, ProgressReport]:
    """The 19 sample reports of 2025 by organization id (the registry has 20: Каракол has none)."""
    reports = {}
    for path in sorted(SAMPLES.glob("*.json")):
        report = load("progress-report", json.loads(path.read_text(encoding="utf-8")), reference)
        assert isinstance(report, ProgressReport)
        reports[report.organization.id] = report
    return reports
