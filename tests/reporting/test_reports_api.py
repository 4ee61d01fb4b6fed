"""The reporting cycle through the real service: submissions, versions, states, access, summaries."""

from __future__ import annotations

import copy
import io
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import docx
import pytest
from flask import Flask

from .reports import sample_data
from .service import AFTER_DUE, BEFORE_DUE, KEY_KINDS, Service, make_service


@pytest.fixture
def service(tmp_path: Path) -> Service:
    return make_service(tmp_path / "data")


def states(service: Service, kind: str = "admin") -> dict[str, str]:
    answer = service.client.get("/api/v1/reports/2025", headers=service.headers(kind))
    assert answer.status_code == 200, answer.get_json()
    return {row["id"]: row["state"] for row in answer.get_json()["organizations"]}


def test_submissions_states_and_totals(service: Service) -> None:
    data = sample_data()
    on_time = [key for key in data if key not in ("naryn-oblast-court", "talas-oblast-court")]
    for key in on_time:
        answer = service.put(data[key])
        assert answer.status_code == 201, answer.get_json()
        assert answer.get_json()["version"] == 1 and answer.get_json()["late"] is False
    found = states(service)
    assert found["naryn-oblast-court"] == "not_yet_due" and found["karakol-city-court"] == "not_yet_due"
    service.set_clock(AFTER_DUE)
    late = service.put(data["naryn-oblast-court"]).get_json()
    assert late["late"] is True and late["received_at"] == "2026-01-20T16:45:00+06:00"
    found = states(service)
    assert {key: state for key, state in found.items() if state != "submitted"} == {
        "naryn-oblast-court": "submitted_late",
        "talas-oblast-court": "missing",
        "karakol-city-court": "missing",
    }
    status = service.client.get("/api/v1/reports/2025").get_json()
    assert status["totals"] == {
        "organizations": 20,
        "submitted": 17,
        "submitted_late": 1,
        "not_yet_due": 0,
        "missing": 2,
    }
    assert status["due"] == "2026-01-15" and status["generalized_due"] == "2026-02-01"


def test_a_resubmission_is_version_2_and_the_first_stays_readable(service: Service) -> None:
    report = sample_data()["nookat-district-court"]
    assert service.put(report).status_code == 201
    same = service.put(copy.deepcopy(report))
    assert same.status_code == 200 and same.get_json()["created"] is False and same.get_json()["version"] == 1
    corrected = copy.deepcopy(report)
    corrected["executor"]["phone"] = "+996 770 00-00-01"
    service.set_clock(AFTER_DUE)
    answer = service.put(corrected, note="телефон оңдолду")
    assert answer.status_code == 201 and answer.get_json()["version"] == 2
    assert answer.headers["Location"] == "/api/v1/reports/2025/nookat-district-court/versions/2"
    current = service.client.get("/api/v1/reports/2025/nookat-district-court").get_json()
    assert current["current"]["version"] == 2 and current["current"]["note"] == "телефон оңдолду"
    assert current["current"]["data"]["executor"]["phone"] == "+996 770 00-00-01"
    assert [(item["version"], item["late"]) for item in current["history"]] == [(1, False), (2, True)]
    first = service.client.get("/api/v1/reports/2025/nookat-district-court/versions/1").get_json()
    assert first["data"] == report and first["key_name"] == "key-nookat-district-court"
    assert states(service)["nookat-district-court"] == "submitted"  # reported on time; the correction came late
    assert service.client.get("/api/v1/reports/2025/nookat-district-court/versions/3").status_code == 404


def test_a_submissions_note_is_kept_to_1000_characters(service: Service) -> None:
    assert service.put(sample_data()["nookat-district-court"], note="  " + "ө" * 1200).status_code == 201
    current = service.client.get("/api/v1/reports/2025/nookat-district-court").get_json()["current"]
    assert current["note"] == "ө" * 998  # cut at 1000 as sent, then stripped: as it always was


@pytest.mark.parametrize(
    ("path", "change", "status", "code"),
    [
        ("2026/nookat-district-court", {}, 422, "reports_year_mismatch"),
        ("2025/uzgen-district-court", {}, 403, "reports_cannot_submit"),  # nookat's key, Өзгөн's address
        ("2025/no-such-court", {}, 404, "reports_unknown_organization"),
        ("2031/nookat-district-court", {}, 422, "reports_year_range"),
        ("2025/nookat-district-court", {"measures": []}, 422, "too_short"),
    ],
)
def test_bad_submissions_are_refused_with_their_place(
    service: Service, path: str, change: dict[str, Any], status: int, code: str
) -> None:
    report = sample_data()["nookat-district-court"] | change
    answer = service.client.put(
        f"/api/v1/reports/{path}",
        json=report,
        headers={"Authorization": f"Bearer {service.key_for('nookat-district-court')}", "Accept-Language": "ru"},
    )
    assert answer.status_code == status, answer.get_json()
    assert code in [problem["code"] for problem in answer.get_json()["errors"]]
    assert service.client.get("/api/v1/reports/2025/nookat-district-court").status_code == 404  # nothing stored


def test_a_report_filed_under_another_court_says_so_in_kyrgyz(service: Service) -> None:
    report = sample_data()["uzgen-district-court"]
    answer = service.client.put(
        "/api/v1/reports/2025/nookat-district-court",
        json=report,
        headers={"Authorization": f"Bearer {service.keys['admin']}"},
    )
    assert answer.status_code == 422
    [problem] = answer.get_json()["errors"]
    assert problem["location"] == "organization.id"
    assert (
        problem["message"] == "Отчет «Өзгөн райондук соту» уюмунуку, ал эми дарек «Ноокат райондук соту» уюмун көрсөтөт"
    )


def test_submitting_needs_a_key_even_where_reading_is_open(service: Service) -> None:
    answer = service.client.put(
        "/api/v1/reports/2025/nookat-district-court", json=sample_data()["nookat-district-court"]
    )
    assert answer.status_code == 401


# ------------------------------------------------------------------------------------ the access table

# Every route of the reporting cycle (API and pages) × every kind of key: the expected status. The test
# walks the app's URL map, so a new route without a row here fails. The pages sign in with the key (the
# session), the API takes it in the header.
ALL = dict(none=200, unbound=200, admin=200, osh=200, nookat=200, naryn=200)
NOOKAT_READ = dict(none=200, unbound=200, admin=200, osh=200, nookat=200, naryn=403)
EVERYTHING = dict(none=200, unbound=200, admin=200, osh=403, nookat=403, naryn=403)
OSH_GROUP = dict(none=200, unbound=200, admin=200, osh=200, nookat=403, naryn=403)
ACCESS: dict[str, tuple[str, str, dict[str, int]]] = {
    # endpoint: (method, path, {key kind: status})
    "reports.submit": ("PUT", "/api/v1/reports/2025/nookat-district-court",
                       dict(none=401, unbound=403, admin=200, osh=200, nookat=200, naryn=403)),
    "reports.report": ("GET", "/api/v1/reports/2025/nookat-district-court", NOOKAT_READ),
    "reports.version": ("GET", "/api/v1/reports/2025/nookat-district-court/versions/1", NOOKAT_READ),
    "reports.status": ("GET", "/api/v1/reports/2025", ALL),
    "reports.generalized": ("GET", "/api/v1/reports/2025/generalized?format=docx", EVERYTHING),
    "reports.summary": ("GET", "/api/v1/reports/2025/summary/osh-oblast-court?format=docx", OSH_GROUP),
    "reports_page.index": ("GET", "/reports/", dict.fromkeys(KEY_KINDS, 302)),
    "reports_page.login_form": ("GET", "/reports/login", dict.fromkeys(KEY_KINDS, 301)),  # to /signin
    "reports_page.status": ("GET", "/reports/2025", ALL),
    "reports_page.download": ("GET", "/reports/2025/status.xlsx", ALL),
    "reports_page.history": ("GET", "/reports/2025/nookat-district-court", NOOKAT_READ),
    "reports_page.report_pdf": ("GET", "/reports/2025/nookat-district-court.pdf", NOOKAT_READ),
    "reports_page.summary_pdf": ("GET", "/reports/2025/summary.pdf?organization=osh-oblast-court", OSH_GROUP),
    "reports_page.submit": ("GET", "/reports/2025/submit", dict.fromkeys(KEY_KINDS, 301)),  # to the form at /
    # A batch from the register reads it as the reports' reads do; Нарын's group has submitted nothing here.
    "batches.submit": ("POST", "/api/v1/batches",
                       dict(none=403, unbound=403, admin=202, osh=202, nookat=202, naryn=422)),
    "batches_page.submit": ("POST", "/batches", dict.fromkeys(KEY_KINDS, 400)),  # no CSRF token: refused
}  # fmt: skip
OPEN_PAGES = {"reports_page.index", "reports_page.login_form", "reports_page.submit"}
PAGES = ("reports_page.", "batches_page.")
# Routes that read the register although their address does not say «reports»: the batch from the register.
REGISTER_READERS = {"batches.submit", "batches_page.submit"}
FROM_REGISTER = {"year": 2025, "from_register": True, "formats": ["docx"]}


def reporting_endpoints(app: Flask) -> set[str]:
    found = {rule.endpoint for rule in app.url_map.iter_rules() if "/reports" in rule.rule}
    return found | {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint in REGISTER_READERS}


def page_client(service: Service, kind: str) -> Any:
    """A browser-like client signed in on the pages with the kind's key (none: not signed in)."""
    client = service.app.test_client()
    if kind != "none":
        with client.session_transaction() as session:
            session["csrf"] = "token-of-this-test"
        key = service.headers(kind)["Authorization"].removeprefix("Bearer ")
        signed = client.post("/signin", data={"csrf_token": "token-of-this-test", "key": key})
        assert signed.status_code == 303, signed.get_data(as_text=True)[:300]
    return client


@pytest.mark.office
@pytest.mark.parametrize("auth_required", [False, True])
def test_every_route_with_every_kind_of_key(pool: Any, tmp_path: Path, auth_required: bool) -> None:
    service = make_service(tmp_path / "data", pool=pool, auth_required=auth_required)
    report = sample_data()["nookat-district-court"]
    assert service.put(report).status_code == 201
    missing = reporting_endpoints(service.app) - set(ACCESS)
    assert not missing, f"reporting routes without a row in ACCESS: {sorted(missing)}"
    # With keys required, what changes is the answer without one; a bound key behaves as without the setting.
    for kind in ("none", "nookat") if auth_required else KEY_KINDS:
        browser = page_client(service, kind)
        for endpoint, (method, path, expected) in ACCESS.items():
            assert set(expected) == set(KEY_KINDS), endpoint
            want = expected[kind]
            if auth_required and kind == "none" and endpoint not in OPEN_PAGES:
                want = 303 if endpoint.startswith(PAGES) else 401
            if endpoint.startswith(PAGES):
                answer = browser.open(path, method=method)
            else:
                body = {"json": report} if method == "PUT" else {"json": FROM_REGISTER} if method == "POST" else {}
                answer = service.client.open(path, method=method, headers=service.headers(kind), **body)
            assert answer.status_code == want, (endpoint, kind, answer.get_data(as_text=True)[:300])
            if (want == 200 and path.endswith(".pdf")) or ("format=pdf" in path and want == 200):
                assert answer.data.startswith(b"%PDF"), (endpoint, kind)
            if want == 403:
                text = answer.get_data(as_text=True)
                assert "measures" not in text and "Ноокат райондук соту" not in text.replace(
                    "«Ноокат райондук соту»", ""
                )  # the refusal may name the organization, and shows none of its report
    service.app.extensions["kagaz.jobs"].stop()
    if auth_required:
        return
    seen = service.client.get("/api/v1/reports/2025", headers=service.headers("naryn")).get_json()
    assert {row["id"] for row in seen["organizations"]} == {"naryn-oblast-court"}
    osh = service.client.get("/api/v1/reports/2025", headers=service.headers("osh")).get_json()
    assert {row["id"] for row in osh["organizations"]} == {
        "osh-oblast-court",
        "osh-city-court",
        "uzgen-district-court",
        "nookat-district-court",
    }


def test_the_oblast_key_reads_its_courts_and_not_naryn(service: Service) -> None:
    data = sample_data()
    for key in ("nookat-district-court", "uzgen-district-court", "naryn-oblast-court"):
        assert service.put(data[key]).status_code == 201
    osh = service.headers("osh")
    assert service.client.get("/api/v1/reports/2025/nookat-district-court", headers=osh).status_code == 200
    assert service.client.get("/api/v1/reports/2025/uzgen-district-court", headers=osh).status_code == 200
    refused = service.client.get("/api/v1/reports/2025/naryn-oblast-court", headers=osh)
    assert refused.status_code == 403 and "measures" not in refused.get_data(as_text=True)
    nookat = service.headers("nookat")
    uzgen = service.client.put("/api/v1/reports/2025/uzgen-district-court", json=data["uzgen-district-court"],
                               headers=nookat)  # fmt: skip
    assert uzgen.status_code == 403


# ------------------------------------------------------------------------------------------ summaries


def body_text(content: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(content))
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        texts += ["|".join(cell.text for cell in row.cells) for row in table.rows]
    return texts


def test_the_generalized_report_from_the_register_equals_the_one_from_the_folder(service: Service) -> None:
    data = sample_data()
    for report in data.values():
        assert service.put(report, kind="admin").status_code == 201
    issued = service.client.get("/api/v1/reports/2025/generalized?format=docx")
    assert issued.status_code == 200, issued.get_json()
    assert issued.headers.get("X-Kagaz-Number")  # a summary is issued each time it is made
    # compare drafts (no number, the same mark) of the register's and the folder's
    from_register = service.client.get("/api/v1/reports/2025/generalized?format=docx&draft=true")
    assert from_register.status_code == 200 and "X-Kagaz-Number" not in from_register.headers
    from_folder = service.client.post(
        "/api/v1/documents/generalized-report?format=docx&draft=true", json=list(data.values())
    )
    assert from_folder.status_code == 200
    assert body_text(from_register.data) == body_text(from_folder.data)
    assert "1. Каракол шаардык соту" in body_text(from_register.data)


def test_the_generalized_report_lists_late_reports_and_the_region_covers_its_courts(service: Service) -> None:
    data = sample_data()
    for key, report in data.items():
        if key != "jd-naryn-department":
            assert service.put(report, kind="admin").status_code == 201
    service.set_clock(AFTER_DUE)
    assert service.put(data["jd-naryn-department"], kind="admin").status_code == 201
    text = body_text(service.client.get("/api/v1/reports/2025/generalized?format=docx").data)
    assert "Төмөнкү уюмдардын отчеттору 2026-жылдын 15-январынан кийин келди:" in text
    assert any(line.endswith("Нарын облусу боюнча башкармалыгы — 2026-жылдын 20-январы") for line in text)
    summary = service.client.get("/api/v1/reports/2025/summary/osh-oblast-court?format=docx")
    assert summary.status_code == 200
    disposition = summary.headers["Content-Disposition"]
    assert unquote(disposition.split("filename*=UTF-8''", 1)[1]) == "Ош облустук соту 2025.docx", disposition
    lines = body_text(summary.data)
    assert "Ош облустук соту жана ал көзөмөлдөгөн соттор" in lines
    assert "Отчет берүүгө милдеттүү 4 уюмдун ичинен 4 уюм отчет берди." in lines
    not_a_region = service.client.get("/api/v1/reports/2025/summary/nookat-district-court?format=docx")
    assert not_a_region.status_code == 422


def test_no_report_yet_is_a_clear_422(service: Service) -> None:
    answer = service.client.get("/api/v1/reports/2025/generalized?format=docx", headers={"Accept-Language": "en"})
    assert answer.status_code == 422
    assert answer.get_json()["errors"][0]["message"] == "No report for 2025 has been submitted"


def test_before_the_due_date_nobody_is_missing(service: Service) -> None:
    service.set_clock(BEFORE_DUE)
    assert set(states(service).values()) == {"not_yet_due"}


def test_a_stored_report_the_plan_no_longer_accepts(service: Service) -> None:
    """The status still answers (without its overdue measures); a summary names the organization and version."""
    report = sample_data()["nookat-district-court"]
    assert service.put(report).status_code == 201
    cycle = service.app.extensions["kagaz.reporting"]
    stored = cycle.register.data(2025, "nookat-district-court")[1]
    stored["measures"][0]["measure"] = 99  # as if the plan in force had lost the measure
    from service.reporting.cycle import sha256_of

    canonical, digest = sha256_of(stored)
    cycle.register.add(year=2025, organization="nookat-district-court", canonical=canonical, sha256=digest,
                       received_at=cycle.clock(), key_id=None, key_name="test", note="", late=False)  # fmt: skip
    status = service.client.get("/api/v1/reports/2025").get_json()
    row = next(item for item in status["organizations"] if item["id"] == "nookat-district-court")
    assert row["state"] == "submitted" and row["versions"] == 2 and row["overdue_measures"] == []
    summary = service.client.get("/api/v1/reports/2025/generalized?format=docx", headers={"Accept-Language": "ru"})
    assert summary.status_code == 422
    [problem] = summary.get_json()["errors"]
    assert problem["location"] == "nookat-district-court v2" and problem["code"] == "reports_stored_invalid"
    assert "Сохранённый отчёт" in problem["message"] and "validates" not in problem["message"]
