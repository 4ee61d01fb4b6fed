"""The staff pages' shared parts through the test client: error pages in the person's language (and JSON on
the API), the favicon, the section links, a language switch that keeps the page, and the list of batches
that shows each person their own."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.auth import KeyStore


def title(html: str) -> str:
    match = re.search(r"<title>(.*?)</title>", html, re.DOTALL)
    assert match, html[:200]
    return match.group(1)


@pytest.mark.parametrize(
    ("language", "heading"), [("ky", "Бет табылган жок"), ("ru", "Страница не найдена"), ("en", "Page not found")]
)
def test_a_missing_page_is_a_page_in_the_persons_language(
    docx_client: FlaskClient, language: str, heading: str
) -> None:
    response = docx_client.get(f"/no-such-page?lang={language}")
    html = response.get_data(as_text=True)
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert title(html).startswith(heading) and f'<html lang="{language}">' in html
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]  # the staff pages' policy
    for other, name in (("ky", "Кыргызча"), ("ru", "Русский"), ("en", "English")):
        if other != language:  # the switch keeps the (missing) page
            assert f'href="/no-such-page?lang={other}" lang="{other}" hreflang="{other}">{name}' in html


def test_other_errors_are_pages_too_and_the_api_keeps_json(docx_client: FlaskClient) -> None:
    wrong_method = docx_client.delete("/batches?lang=ru")
    assert wrong_method.status_code == 405 and wrong_method.mimetype == "text/html"
    assert "Здесь так нельзя" in wrong_method.get_data(as_text=True) and "POST" in wrong_method.headers["Allow"]
    batch = docx_client.get("/batches/" + "0" * 32 + "?lang=en")
    assert batch.status_code == 404 and "Page not found" in batch.get_data(as_text=True)
    api = docx_client.get("/api/v1/no-such-thing", headers={"Accept-Language": "ru"})
    assert api.status_code == 404 and api.mimetype == "application/json"
    assert api.get_json()["errors"][0]["message"].startswith("Такого адреса нет")
    assert docx_client.delete("/api/v1/batches").mimetype == "application/json"


def test_favicon_and_section_links(docx_client: FlaskClient) -> None:
    icon = docx_client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.mimetype in ("image/vnd.microsoft.icon", "image/x-icon")
    html = docx_client.get("/batches?lang=ky").get_data(as_text=True)
    assert 'rel="icon"' in html
    assert re.search(r'href="/batches\?lang=ky"\s+aria-current="page">Отчеттордун топтомдору', html)
    assert 'href="/?lang=ky"' in html and 'href="/editors/?lang=ky"' in html


def test_after_a_refused_post_the_switch_leads_to_the_same_page(docx_client: FlaskClient) -> None:
    refused = docx_client.post("/batches?lang=en", data={"year": "2025"})  # no CSRF token: the form again
    html = refused.get_data(as_text=True)
    assert refused.status_code == 400 and title(html).startswith("Errors found")
    assert 'href="/batches?lang=ru"' in html


def test_each_key_lists_the_batches_it_may_read_and_an_admin_all(docx_app: Flask) -> None:
    jobs = docx_app.extensions["kagaz.jobs"]
    keys = KeyStore.for_data_dir(docx_app.config["KAGAZ"].data_dir)
    aigul, aigul_key = keys.create("aigul", "client")
    bolot, _bolot_key = keys.create("bolot", "client")
    _boss, boss_key = keys.create("boss", "admin")
    source = type("Source", (), {"name": "a.json", "content": b"{}", "suffix": ".json"})()
    with docx_app.app_context():
        mine = jobs.submit([source], 2025, ["docx"], by="aigul", owner=aigul.id)
        other = jobs.submit([source], 2025, ["docx"], by="bolot", owner=bolot.id)
    client = docx_app.test_client()
    try:
        own = client.get("/api/v1/batches", headers={"Authorization": f"Bearer {aigul_key}"}).get_json()["batches"]
        assert [batch["id"] for batch in own] == [mine.id]
        everyone = client.get("/api/v1/batches", headers={"Authorization": f"Bearer {boss_key}"}).get_json()
        assert {batch["id"] for batch in everyone["batches"]} == {mine.id, other.id}
        page = client.get("/batches?lang=en").get_data(as_text=True)  # no sign-in: none of these keys' batches
        assert "No batches yet." in page and mine.id not in page
    finally:
        jobs.stop()


def test_the_batch_forms_year_takes_what_the_api_takes(docx_client: FlaskClient) -> None:
    assert 'name="year" min="2000" max="2100"' in docx_client.get("/batches?lang=en").get_data(as_text=True)


@pytest.mark.parametrize(("year", "status"), [(2024, 404), (2025, 200), (2027, 200), (2028, 404)])
def test_a_reports_page_exists_only_for_the_plans_years(docx_client: FlaskClient, year: int, status: int) -> None:
    assert docx_client.get(f"/reports/{year}?lang=en").status_code == status
