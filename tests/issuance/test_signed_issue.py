"""Issued and signed over HTTP with ``KAGAZ_SIGNING_FILE``: PDF/A signed last (pdfsig and pyHanko agree),
the check shows the signature, a reissue is signed anew and recognised too."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path
from typing import Any

import pytest

from pdftools import text

from .pki import Pki, TimestampServer
from .test_issued_api import make_app, post
from .test_issued_documents import assert_pdfa

PDF_TYPE = "application/pdf"  # POST /api/v1/verify reads a body of this type (or a form)
pytestmark = pytest.mark.office


def test_a_signed_timestamped_pdfa_is_verified_by_both_and_recognised_after_reissue(
    pool: Any, tmp_path: Path, pki: Pki, timestamp_server: TimestampServer
) -> None:
    config = tmp_path / "signing.toml"
    config.write_text(
        f'stamp = "visible"\ntimestamp_url = "{timestamp_server.url}"\n'
        f'[department]\npkcs12 = "{pki.pkcs12}"\npassword_file = "{pki.password_file}"\n',
        encoding="utf-8",
    )
    app = make_app(pool, tmp_path / "data", signing_file=config)
    client = app.test_client()
    response = post(client, "action-plan", "format=pdfa")
    assert response.status_code == 200, response.data[:300]
    pdf = response.data
    assert_pdfa(pdf, "2")
    path = tmp_path / "signed.pdf"
    path.write_bytes(pdf)
    report = subprocess.run(
        ["pdfsig", "-nssdir", f"sql:{pki.nss_database()}", str(path)], capture_output=True, text=True
    ).stdout
    assert "Signature is Valid." in report and "Certificate is Trusted." in report, report
    assert "Сот департаменти (тест)" in text(pdf)  # the visible stamp, Kyrgyz letters and all

    checked = client.post("/api/v1/verify", data=pdf, content_type=PDF_TYPE).json
    assert checked["recognised"] and checked["signatures"][0]["ok"] and checked["signatures"][0]["timestamped"]
    assert checked["document"]["signer"] == "Сот департаменти (тест)" and checked["document"]["timestamped"]
    page = client.post("/verify", data={"file": (io.BytesIO(pdf), "a.pdf")}, content_type="multipart/form-data")
    assert "Сот департаменти (тест), сертификат №" in page.get_data(as_text=True)
    assert "жарактуу" in page.get_data(as_text=True)

    from .test_issued_api import key

    again = client.post(f"/api/v1/issued/{response.headers['X-Kagaz-Number']}/reissue", headers=key(app, "admin"))
    assert again.status_code == 200
    assert again.data != pdf  # signed anew: a signature holds its own time
    assert client.post("/api/v1/verify", data=again.data, content_type=PDF_TYPE).json["recognised"] is True
