"""The register's contract, on SQLite and on a real PostgreSQL (the ``database`` fixture runs both)."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from service.reporting.cycle import sha256_of
from service.reporting.register import Register
from service.reporting.schedule import BISHKEK


def add(register: Register, data: Any, organization: str = "nookat-district-court", **extra: Any) -> Any:
    canonical, digest = sha256_of(data)
    values = {
        "year": 2025,
        "organization": organization,
        "canonical": canonical,
        "sha256": digest,
        "received_at": dt.datetime(2026, 1, 10, 9, 30, tzinfo=BISHKEK),
        "key_id": 4,
        "key_name": "nookat",
        "note": "",
        "late": False,
    } | extra
    return register.add(**values)


def test_every_version_is_kept_and_the_same_data_makes_none(database: Any) -> None:
    register = Register(database)
    first, created = add(register, {"a": 1, "b": "Өзгөн"})
    assert (first.version, created) == (1, True)
    again, created = add(register, {"b": "Өзгөн", "a": 1})  # the same data, keys in another order
    assert (again.version, created) == (1, False)
    late = dt.datetime(2026, 1, 20, 8, 0, tzinfo=BISHKEK)
    second, created = add(register, {"a": 2}, received_at=late, late=True, note="түзөтүү")
    assert (second.version, created, second.late, second.note) == (2, True, True, "түзөтүү")
    assert second.received_at == late and second.received_at.utcoffset() == dt.timedelta(hours=6)
    assert [item.version for item in register.history(2025, "nookat-district-court")] == [1, 2]
    assert register.data(2025, "nookat-district-court", 1)[1] == {"a": 1, "b": "Өзгөн"}
    assert register.data(2025, "nookat-district-court")[1] == {"a": 2}
    assert register.data(2025, "nookat-district-court", 3) is None
    back, created = add(register, {"a": 1, "b": "Өзгөн"})  # back to the first text: a new version
    assert (back.version, created) == (3, True)


def test_current_versions_and_years(database: Any) -> None:
    register = Register(database)
    add(register, {"n": 1})
    add(register, {"n": 2})
    add(register, {"u": 1}, organization="uzgen-district-court")
    add(register, {"o": 1}, organization="osh-oblast-court", year=2026)
    current = register.current(2025)
    assert {key: (item[0].version, item[1]) for key, item in current.items()} == {
        "nookat-district-court": (2, {"n": 2}),
        "uzgen-district-court": (1, {"u": 1}),
    }
    assert len(register.submissions(2025)) == 3
    assert register.history(2027, "nookat-district-court") == []


def test_two_submissions_at_once_get_two_numbers(database: Any) -> None:
    register = Register(database)
    results: list[Any] = []
    errors: list[BaseException] = []

    def submit(value: int) -> None:
        try:
            results.append(add(register, {"value": value}))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=submit, args=(value,)) for value in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(submission.version for submission, _ in results) == list(range(1, 9))
