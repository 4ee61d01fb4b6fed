"""Sample data of the reporting tests: the 2025 sample reports, and a 2026 made from them."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "reports" / "2025"


def sample_data() -> dict[str, dict[str, Any]]:
    """The 19 sample reports of 2025 as JSON values, by organization id."""
    found = {}
    for path in sorted(SAMPLES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        found[data["organization"]["id"]] = data
    return found


def next_year(report: dict[str, Any]) -> dict[str, Any]:
    """The same court a year on: every measure under way in 2025 is done in 2026, one not done is under way."""
    data = copy.deepcopy(report)
    data["year"] = 2026
    data["signature"]["date"] = "2027-01-12"
    for item in data["measures"]:
        if item["status"] in ("аткарылууда", "in_progress"):
            item["status"] = "аткарылды"
        elif item["status"] in ("аткарылган эмес", "not_done", "мөөнөтү келе элек", "not_yet_due"):
            item["status"] = "аткарылууда"
            item["done"] = item.get("done") or "Иш 2026-жылы башталды."
    return data
