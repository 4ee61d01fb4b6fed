"""A submitted report, the generalized report or a region's summary as an issued file: what the reporting
API (``/api/v1/reports/…?format=``) and the status page's links (``/reports/…pdf``) both hand out.

Why here: both doors must make the same document the same way. A report's version is issued once per format
(``Issuer.issue_version``): every later open gives that number again, reissued from the register. A summary
is a new document each time it is made (the register may have changed), so it is issued each time, with the
submissions and versions it was made from recorded as its sources. ``draft`` gives an unnumbered draft with
the «ДОЛБООР» mark, registered nowhere.
"""

from __future__ import annotations

from flask import g

from service.auth import Principal
from service.http.resources import engine, issuer, reporting
from service.issuance.issuing import Issued, Order
from service.reporting.cycle import GENERALIZED, REPORT, source_of


def _order(fmt: str, draft: bool, principal: Principal | None, sources: tuple[dict, ...]) -> Order:
    return Order(
        format=fmt,
        draft=draft,
        issued_by=principal.name if principal is not None and principal.key_id is not None else "web",
        key_id=principal.key_id if principal is not None else None,
        request_id=g.get("request_id"),
        sources=sources,
    )


def report_document(
    year: int, organization: str, version: int | None, fmt: str, draft: bool, principal: Principal | None
) -> Issued:
    """A version (the current one if ``version`` is None) of a report: its one issued copy, or a draft."""
    cycle = reporting()
    submission, data = cycle.version(year, organization, version)
    model = cycle.model(data)
    order = _order(fmt, draft, principal, (source_of(submission),))
    assert submission.id is not None
    return issuer().issue_version(REPORT, model, order, submission.id)


def summary_document(year: int, region: str | None, fmt: str, draft: bool, principal: Principal | None) -> Issued:
    """The generalized report (``region`` None) or a region's summary, issued now from the register."""
    body, sources = reporting().summary(year, region)
    model = engine().load(GENERALIZED, body)
    return issuer().issue(GENERALIZED, model, _order(fmt, draft, principal, sources))
