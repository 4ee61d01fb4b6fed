"""The issuance register on SQLite and on a real PostgreSQL (the ``database`` fixture runs each case on both):
numbers per year without duplicates across machines, void entries that explain every gap, annulment, the
files «check a file» recognises, and the retention of input data."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest

from service.db import Database
from service.issuance import register
from service.issuance.register import Application, RegisterError

PREFIX = "КЖС"
NOW = dt.datetime(2026, 5, 6, 7, 8, 9, tzinfo=dt.UTC)


def application(organization: str | None = "osh-oblast-court", **changes: object) -> Application:
    data = json.dumps({"year": 2025, "executor": {"phone": "+996 555 000 000"}}, sort_keys=True)
    values: dict[str, object] = {
        "document": "progress-report",
        "title": "Отчет",
        "organization": organization,
        "format": "pdf",
        "template": "progress-report@1",
        "template_sha256": "0" * 64,
        "kagaz_version": "0.1.0",
        "input_json": data,
        "input_sha256": hashlib.sha256(data.encode()).hexdigest(),
        "issued_by": "test",
    }
    return Application(**(values | changes))  # type: ignore[arg-type]


def test_numbers_follow_each_other_and_restart_each_year(database: Database) -> None:
    first = register.allocate(database, PREFIX, application(), NOW)
    second = register.allocate(database, PREFIX, application(), NOW)
    next_year = register.allocate(database, PREFIX, application(), NOW.replace(year=2027))
    assert [first.number, second.number, next_year.number] == ["КЖС-2026-000001", "КЖС-2026-000002", "КЖС-2027-000001"]
    assert first.state == "pending" and first.issued_at == "2026-05-06T07:08:09+00:00"
    assert first == register.find(database, first.number)  # as recorded: allocate does not read it back
    other_prefix = register.allocate(database, "ТЕСТ", application(), NOW)
    assert other_prefix.number == "ТЕСТ-2026-000001"


def test_complete_void_annul_and_find_by_file(database: Database) -> None:
    issued = register.allocate(database, PREFIX, application(), NOW)
    failed = register.allocate(database, PREFIX, application(), NOW)
    completed = register.complete(database, issued, "a" * 64, 1234, signer="Сот департаменти", timestamped=True)
    # what allocate and complete return is what the register holds (they do not read the row back)
    assert completed == register.find(database, issued.number)
    assert (completed.state, completed.output_sha256, completed.output_size) == ("issued", "a" * 64, 1234)
    assert issued == replace(
        completed, state="pending", output_sha256=None, output_size=None, signer=None, timestamped=False
    )
    register.void(database, failed.number, "LibreOffice could not convert the document")
    assert register.find(database, failed.number).state == "void"
    assert "LibreOffice" in register.find(database, failed.number).void_reason
    assert register.find_file(database, "a" * 64).number == issued.number
    assert register.find_file(database, "b" * 64) is None
    register.record_file(database, issued.number, "b" * 64, 1235)
    assert register.find_file(database, "b" * 64).number == issued.number
    with pytest.raises(RegisterError) as refused:
        register.annul(database, failed.number, "wrong", "admin")
    assert refused.value.code == "issued_not_annullable"
    annulled = register.annul(database, issued.number, "issued by mistake", "admin", NOW)
    assert (annulled.state, annulled.annul_reason, annulled.annulled_by) == ("annulled", "issued by mistake", "admin")
    with pytest.raises(RegisterError) as not_pending:
        register.complete(database, issued, "c" * 64, 1)
    assert not_pending.value.code == "issued_not_pending"
    with pytest.raises(RegisterError) as never_allocated:
        register.complete(database, replace(issued, number="КЖС-2026-999998"), "c" * 64, 1)
    assert never_allocated.value.code == "issued_unknown"
    with pytest.raises(RegisterError) as unknown:
        register.annul(database, "КЖС-2026-999999", "x", "admin")
    assert unknown.value.code == "issued_unknown"


def test_the_public_view_never_shows_the_input_or_who_asked(database: Database) -> None:
    entry = register.allocate(database, PREFIX, application(request_id="req-1"), NOW)
    public = entry.public()
    assert "input_json" not in public and "input" not in public
    assert "issued_by" not in public and "request_id" not in public
    assert "+996" not in json.dumps(public, ensure_ascii=False)
    assert public["ascii"] == "KJS-2026-000001"
    assert entry.full()["input"]["executor"]["phone"] == "+996 555 000 000"


def test_entries_filter_and_retention_removes_only_old_inputs(database: Database) -> None:
    old = register.allocate(database, PREFIX, application(), NOW - dt.timedelta(days=400))
    new = register.allocate(database, PREFIX, application(organization=None, document="action-plan"), NOW)
    assert [entry.number for entry in register.entries(database, document="action-plan")] == [new.number]
    assert [entry.number for entry in register.entries(database, year=NOW.year - 1)] == [old.number]
    assert len(register.entries(database)) == 2
    removed = register.remove_inputs(database, NOW - dt.timedelta(days=365), NOW)
    assert removed == 1
    assert register.find(database, old.number).input_json is None
    assert register.find(database, old.number).input_sha256 == old.input_sha256
    assert register.find(database, new.number).input_json is not None


def test_two_machines_issue_200_numbers_at_once_without_a_duplicate(database_url: str) -> None:
    """Two ``Database`` objects (two machines' connection pools) on one database, 8 threads each."""
    machines = [Database(database_url), Database(database_url)]
    from service.db import migrate

    migrate.upgrade(machines[0])
    try:

        def issue(index: int) -> str:
            entry = register.allocate(machines[index % 2], PREFIX, application(request_id=f"r{index}"), NOW)
            if index % 50 == 7:  # a conversion that failed: its number stays, void
                register.void(machines[index % 2], entry.number, "conversion failed")
            else:
                register.complete(machines[index % 2], entry, f"{index:064x}", index)
            return entry.number

        # SQLite is the one-machine backend: its busy handler is not fair, and 16 writers queueing on a
        # loaded CI disk passed its 5 s busy timeout (a 503 the client retries); one writer per "machine" here.
        threads = 16 if machines[0].backend == "postgresql" else 2
        with ThreadPoolExecutor(threads) as executor:
            numbers = list(executor.map(issue, range(200)))
        assert len(set(numbers)) == 200
        sequences = sorted(int(number.rsplit("-", 1)[1]) for number in numbers)
        assert sequences == list(range(1, 201))  # no gap: every number is issued or void
        states = [entry.state for entry in register.entries(machines[1], limit=500)]
        assert states.count("void") == 4 and states.count("issued") == 196
    finally:
        for machine in machines:
            machine.dispose()
