"""Whether a release shipped a newer template than the one an editor's choice keeps active.

The registry adds a changed ``templates_docx/`` file as the next version on start, but activates it only
when the active version is itself a shipped one: an editor's choice stands. That editor must then be told,
or a fix shipped in the template (issue 12: the generalized report's totals row) never reaches them. The
API's template list and version list and the editors' page show the number this function gives.
"""

from __future__ import annotations

from collections.abc import Sequence

from service.templates.registry import SHIPPED_BY, VersionInfo


def newer_shipped(versions: Sequence[VersionInfo]) -> VersionInfo | None:
    """The newest shipped version above the active one, when the active one is an editor's; else None."""
    active = next((info for info in versions if info.active), None)
    if active is None or active.created_by == SHIPPED_BY:
        return None
    newer = [info for info in versions if info.created_by == SHIPPED_BY and info.version > active.version]
    return max(newer, key=lambda info: info.version, default=None)
