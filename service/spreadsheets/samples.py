"""The data the example workbooks are filled with: the plan in force and one sample report.

Read from files (the edge), validated through the same ``documents.load`` as any input, then dumped to the
JSON API's shape, so that an example workbook can only show data Kagaz would accept.
"""

from __future__ import annotations

import json
from typing import Any

from service import documents
from service.documents.reference import Reference
from service.settings import PROJECT_ROOT

EXAMPLE_REPORT = PROJECT_ROOT / "samples" / "reports" / "2025" / "naryn-oblast-court.json"
"""The sample report the progress report's example shows: every status, problems, indicators."""


def example_data(document: str, reference: Reference) -> dict[str, Any]:
    """The example's data for ``document``, as the JSON API takes it."""
    if document == "action-plan":
        return reference.plan.model_dump(mode="json")
    raw = json.loads(EXAMPLE_REPORT.read_text(encoding="utf-8"))
    return documents.load(document, raw, reference).model_dump(mode="json")
