"""Who may read and submit which organization's reports: a table over the shipped registry."""

from __future__ import annotations

import pytest

from service.documents.reference import Reference
from service.reporting.access import Caller, allowed, readable, submittable

OSH = {"osh-oblast-court", "osh-city-court", "uzgen-district-court", "nookat-district-court"}


@pytest.fixture(scope="module")
def parents(reference: Reference) -> dict[str, str | None]:
    return {key: item.parent for key, item in reference.organizations.items()}


@pytest.mark.parametrize(
    ("caller", "organization", "may_read", "may_submit"),
    [
        (Caller("admin"), "naryn-oblast-court", True, True),
        (Caller("admin", "nookat-district-court"), "naryn-oblast-court", True, True),
        (Caller("client", "osh-oblast-court"), "nookat-district-court", True, True),
        (Caller("client", "osh-oblast-court"), "uzgen-district-court", True, True),
        (Caller("client", "osh-oblast-court"), "osh-oblast-court", True, True),
        (Caller("client", "osh-oblast-court"), "naryn-oblast-court", False, False),
        (Caller("client", "nookat-district-court"), "nookat-district-court", True, True),
        (Caller("client", "nookat-district-court"), "uzgen-district-court", False, False),
        (Caller("client", "nookat-district-court"), "osh-oblast-court", False, False),
        (Caller("editor", "bishkek-city-court"), "bishkek-leninsky-district-court", True, True),
        (Caller("client"), "naryn-oblast-court", True, False),  # an unbound key reads, never submits
        (Caller(None), "naryn-oblast-court", True, False),  # no key: reading as open as the API is
        (Caller("client", "closed-court"), "naryn-oblast-court", False, False),  # bound to a removed court
    ],
)
def test_read_and_submit_follow_the_chain_of_control(
    parents: dict[str, str | None], caller: Caller, organization: str, may_read: bool, may_submit: bool
) -> None:
    assert allowed(readable(caller, parents), organization) is may_read
    assert allowed(submittable(caller, parents), organization) is may_submit


def test_an_oblast_key_sees_exactly_its_group(parents: dict[str, str | None]) -> None:
    assert readable(Caller("client", "osh-oblast-court"), parents) == OSH
    assert submittable(Caller("client", "uzgen-district-court"), parents) == {"uzgen-district-court"}
    assert readable(Caller("admin"), parents) is None
