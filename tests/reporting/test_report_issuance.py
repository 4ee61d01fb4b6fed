"""A report opened from the register is issued once per version and format; later opens hand out the same
document (same number; reissued from the register, byte-identical for an unsigned PDF); a new version gets a
new number; a draft has none. Summaries are issued each time, recording the versions they were made from.

The PDFs go through the real LibreOffice pool and are read with poppler; the first-open race is tried over
HTTP and on the register's functions, and a reopen under another's issuance lock, on both backends
(``database_url``).
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import hashlib
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from pdftools import text as pdf_text
from service.db import Database
from service.db.database import lock_key
from service.issuance import register
from service.issuance.register import Application

from .reports import sample_data
from .service import make_service

ORG = "nookat-district-court"
REPORT_URL = f"/api/v1/reports/2025/{ORG}"


def recorded_number(answer: Any) -> str:
    """The printed number of an answer (``X-Kagaz-Number-Printed`` is percent-encoded UTF-8)."""
    from urllib.parse import unquote

    return unquote(answer.headers["X-Kagaz-Number-Printed"])


def entry(service: Any, number: str) -> dict[str, Any]:
    answer = service.client.get(f"/api/v1/issued/{number}", headers=service.headers("admin"))
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


@pytest.mark.office
def test_opening_a_version_twice_gives_the_same_issued_pdf(pool: Any, tmp_path: Path) -> None:
    service = make_service(tmp_path / "data", pool=pool)
    report = sample_data()[ORG]
    assert service.put(report).status_code == 201
    first = service.client.get(f"{REPORT_URL}?format=pdf")
    assert first.status_code == 200 and first.data.startswith(b"%PDF")
    number = first.headers["X-Kagaz-Number"]
    again = service.client.get(f"{REPORT_URL}?format=pdf")
    assert again.headers["X-Kagaz-Number"] == number
    assert again.data == first.data, "an unsigned PDF reissued from the register is byte-identical"
    assert again.headers["X-Kagaz-Output-Sha256"] == hashlib.sha256(again.data).hexdigest()
    checked = service.client.post("/api/v1/verify", data=again.data, content_type="application/pdf")
    assert checked.status_code == 200 and checked.get_json()["recognised"] is True
    assert checked.get_json()["document"]["number"] == recorded_number(again)  # «check a file» knows it
    # the status page's link is the same document, and so is the version's own address
    page = service.client.get(f"/reports/2025/{ORG}.pdf?version=1")
    assert page.headers["X-Kagaz-Number"] == number and page.data == first.data
    assert page.headers["Content-Disposition"].startswith("inline")
    assert service.client.get(f"{REPORT_URL}/versions/1?format=pdf").headers["X-Kagaz-Number"] == number
    recorded = entry(service, number)
    assert recorded["state"] == "issued" and recorded["organization"] == ORG
    [source] = recorded["sources"]
    assert source["organization"] == ORG and source["year"] == 2025 and source["version"] == 1
    assert isinstance(source["submission_id"], int)
    assert number.split("-")[-1] in pdf_text(first.data).replace(" ", "")  # the number is on the page
    assert len(service.client.get(f"/api/v1/issued?organization={ORG}", headers=service.headers("admin"))
               .get_json()["issued"]) == 1  # fmt: skip

    # a new version is a new document: a new number; the first version still opens as its own number
    corrected = copy.deepcopy(report)
    corrected["executor"]["phone"] = "+996 555 00-00-02"
    assert service.put(corrected).get_json()["version"] == 2
    second = service.client.get(f"{REPORT_URL}?format=pdf")
    assert second.headers["X-Kagaz-Number"] not in ("", number)
    assert service.client.get(f"{REPORT_URL}/versions/1?format=pdf").headers["X-Kagaz-Number"] == number
    # another format is another document of the same version
    docx_copy = service.client.get(f"{REPORT_URL}?format=docx")
    assert docx_copy.headers["X-Kagaz-Number"] not in (number, second.headers["X-Kagaz-Number"])

    # a draft: no number, not registered, the ДОЛБООР mark on the page
    draft = service.client.get(f"{REPORT_URL}?format=pdf&draft=true")
    assert draft.status_code == 200 and "X-Kagaz-Number" not in draft.headers
    text = pdf_text(draft.data)
    assert "ДОЛБООР" in text and number not in text
    history = service.client.get(f"/reports/2025/{ORG}?lang=en").get_data(as_text=True)
    assert f'href="/reports/2025/{ORG}.pdf?version=1&amp;draft=1"' in history and "draft (PDF)" in history
    page_draft = service.client.get(f"/reports/2025/{ORG}.pdf?draft=1")
    assert "X-Kagaz-Number" not in page_draft.headers and "ДОЛБООР" in pdf_text(page_draft.data)


def test_two_first_opens_at_once_keep_one_number(tmp_path: Path, database_url: str) -> None:
    service = make_service(tmp_path / "data", database_url=database_url)
    assert service.put(sample_data()[ORG]).status_code == 201
    numbers: list[str] = []
    errors: list[Any] = []

    def open_it() -> None:
        client = service.app.test_client()
        answer = client.get(f"{REPORT_URL}?format=docx")
        if answer.status_code == 200:
            numbers.append(answer.headers["X-Kagaz-Number"])
        else:
            errors.append(answer.get_data(as_text=True)[:300])

    threads = [threading.Thread(target=open_it) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(numbers) == 6
    assert len(set(numbers)) == 1, numbers
    listed = service.client.get("/api/v1/issued", headers=service.headers("admin")).get_json()["issued"]
    assert [item["number"] for item in listed if item["state"] != "void"] == [listed[0]["number"]]
    assert len(listed) == 1, "no number was allocated and then dropped"


@contextlib.contextmanager
def issuance_lock_held(database: Database) -> Iterator[None]:
    """The issuance lock (``register.LOCK``) held by another connection, as a first issue elsewhere holds it:
    SQLite's write lock (``BEGIN IMMEDIATE``), PostgreSQL's advisory lock of that name."""
    from sqlalchemy import create_engine, text

    other = create_engine(database.url)
    try:
        with other.connect() as connection:
            if database.backend == "sqlite":
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": lock_key(register.LOCK)})
            try:
                yield
            finally:
                connection.rollback()
                if database.backend != "sqlite":
                    connection.execute(text("SELECT pg_advisory_unlock_all()"))
    finally:
        other.dispose()


def test_reopening_an_issued_version_takes_no_lock(tmp_path: Path, database_url: str) -> None:
    """A version already issued is looked up without the issuance lock and reissued without writing (its file
    is known): another court's first issue holding the lock does not hold up, or 503, the status page's open."""
    service = make_service(tmp_path / "data", database_url=database_url)
    assert service.put(sample_data()[ORG]).status_code == 201
    first = service.client.get(f"{REPORT_URL}?format=docx")
    assert first.status_code == 200
    database = service.app.extensions["kagaz.engine"].database
    written: list[str | None] = []
    transaction = database.transaction

    def spied(lock: str | None = None, **options: Any) -> Any:
        written.append(lock)
        return transaction(lock, **options)

    with issuance_lock_held(database), mock.patch.object(database, "transaction", spied):
        began = time.monotonic()
        again = service.client.get(f"{REPORT_URL}?format=docx")
        elapsed = time.monotonic() - began
    assert again.status_code == 200, again.get_data(as_text=True)[:300]
    assert again.headers["X-Kagaz-Number"] == first.headers["X-Kagaz-Number"] and again.data == first.data
    assert written == [] and elapsed < 3  # no write at all; a lock waited for would take BUSY_TIMEOUT (5 s)


def application(fmt: str = "pdf") -> Application:
    return Application(
        document="progress-report",
        title="report",
        organization=ORG,
        format=fmt,
        template="progress-report@1",
        template_sha256="0" * 64,
        kagaz_version="test",
        input_json="{}",
        input_sha256="0" * 64,
        issued_by="test",
    )


def a_submission(database: Database) -> int:
    from service.reporting.register import Register

    stored, _created = Register(database).add(
        year=2025, organization=ORG, canonical=b"{}", sha256="1" * 64,
        received_at=dt.datetime(2026, 1, 10, tzinfo=dt.UTC),
        key_id=None, key_name="test", note="", late=False,
    )  # fmt: skip
    assert stored.id is not None
    return stored.id


def test_allocate_once_is_one_number_per_version_and_format_on_each_backend(database: Database) -> None:
    submission = a_submission(database)
    results: list[tuple[str, bool]] = []

    def allocate() -> None:
        found, created = register.allocate_once(database, "КЖС", application(), submission)
        results.append((found.number, created))

    threads = [threading.Thread(target=allocate) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({number for number, _created in results}) == 1
    assert [created for _number, created in results].count(True) == 1
    number = results[0][0]
    assert register.issued_for(database, submission, "pdf").number == number  # type: ignore[union-attr]
    # another format is another entry; a voided entry gives the version a new number
    other, created = register.allocate_once(database, "КЖС", application("docx"), submission)
    assert created and other.number != number
    register.void(database, number, "conversion failed")
    renewed, created = register.allocate_once(database, "КЖС", application(), submission)
    assert created and renewed.number not in (number, other.number)
    assert register.find(database, number).state == "void"  # type: ignore[union-attr]
    assert len(register.entries(database)) == 3
    # an entry whose input the retention period removed cannot be reissued: the version gets a new number
    register.complete(database, renewed, "a" * 64, 1)
    assert register.allocate_once(database, "КЖС", application(), submission)[0].number == renewed.number
    assert register.remove_inputs(database, dt.datetime(2100, 1, 1, tzinfo=dt.UTC)) == 3
    kept, created = register.allocate_once(database, "КЖС", application(), submission)
    assert created and kept.number != renewed.number


@pytest.mark.office
def test_a_summary_is_issued_each_time_with_the_versions_it_was_made_from(pool: Any, tmp_path: Path) -> None:
    service = make_service(tmp_path / "data", pool=pool)
    data = sample_data()
    for key in ("osh-oblast-court", "osh-city-court", "uzgen-district-court", ORG):
        assert service.put(data[key]).status_code == 201
    url = "/api/v1/reports/2025/summary/osh-oblast-court?format=pdf"
    first, second = service.client.get(url), service.client.get(url)
    assert first.status_code == second.status_code == 200
    assert first.headers["X-Kagaz-Number"] != second.headers["X-Kagaz-Number"]
    sources = entry(service, first.headers["X-Kagaz-Number"])["sources"]
    assert sorted((item["organization"], item["version"]) for item in sources) == sorted(
        (key, 1) for key in ("osh-oblast-court", "osh-city-court", "uzgen-district-court", ORG)
    )
    assert all(isinstance(item["submission_id"], int) and len(item["sha256"]) == 64 for item in sources)
    generalized = service.client.get("/api/v1/reports/2025/generalized?format=docx")
    assert len(json.loads(json.dumps(entry(service, generalized.headers["X-Kagaz-Number"])["sources"]))) == 4


def test_a_first_open_still_pending_is_waited_for_and_an_abandoned_one_is_voided(tmp_path: Path) -> None:
    """The second of two first opens waits for the first's document («busy» past its wait, 503 over HTTP);
    a pending entry left by a process that died mid-render is voided with the reason, and a new number made."""
    from service.errors import StorageUnavailable
    from service.issuance.issuing import Issuer, Order

    service = make_service(tmp_path / "data")
    assert service.put(sample_data()[ORG]).status_code == 201
    engine = service.app.extensions["kagaz.engine"]
    issuer = Issuer.for_engine(engine)
    submission, data = service.app.extensions["kagaz.reporting"].version(2025, ORG)
    model = engine.load("progress-report", data)
    fmt = application("docx")
    running, _created = register.allocate_once(issuer.database, issuer.prefix, fmt, submission.id)
    with pytest.raises(StorageUnavailable):
        issuer.issue_version("progress-report", model, Order(format="docx"), submission.id, wait=0.3)
    assert register.find(issuer.database, running.number).state == "pending"  # type: ignore[union-attr]

    # the same entry, an hour old: abandoned
    with issuer.database.transaction() as session:
        from service.issuance.tables import IssuedDocument

        session.get(IssuedDocument, running.number).issued_at = "2000-01-01T00:00:00+00:00"
    made = service.client.get(f"{REPORT_URL}?format=docx")
    assert made.status_code == 200 and recorded_number(made) != running.number
    voided = register.find(issuer.database, running.number)
    assert voided is not None and voided.state == "void" and "abandoned" in (voided.void_reason or "")
    again = service.client.get(f"{REPORT_URL}?format=docx")
    assert recorded_number(again) == recorded_number(made)
