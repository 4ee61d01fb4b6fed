"""PAdES signatures with pyHanko, verified by poppler's pdfsig (NSS, trusting the test CA) and by pyHanko's
validator; a changed byte fails both. Keys, certificates and the timestamp server are made by the tests."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import pikepdf
import pytest

from pdftools import fonts, info, text
from service.engine import Engine
from service.issuance import archive, pades, signing
from service.issuance.numbers import IssueNumber

from .conftest import sample
from .pki import Pki, TimestampServer
from .test_issued_documents import assert_pdfa

ISSUED_AT = dt.datetime(2026, 3, 4, 5, 6, 7, tzinfo=dt.UTC)


def pdfsig(pdf: bytes, pki: Pki, tmp_path: Path) -> str:
    path = tmp_path / "signed.pdf"
    path.write_bytes(pdf)
    database = pki.nss_database()
    result = subprocess.run(["pdfsig", "-nssdir", f"sql:{database}", str(path)], capture_output=True, text=True)
    return result.stdout + result.stderr


def signer(pki: Pki) -> pades.signers.SimpleSigner:
    return pades.load_signer(signing.Identity("department", pki.pkcs12, pki.password_file))


@pytest.fixture
def pdfa(engine: Engine) -> bytes:
    model = engine.load("progress-report", sample("progress-report"))
    rendered = engine.render("progress-report", model, number=IssueNumber("КЖС", 2026, 7), issued_at=ISSUED_AT)
    return archive.attach_input(
        engine.pool.convert(rendered.content, filter_options=archive.PDFA_3B), b'{"a": 1}', ISSUED_AT
    )


@pytest.mark.office
def test_a_visible_timestamped_signature_is_valid_for_pdfsig_and_pyhanko_and_keeps_pdfa(
    pdfa: bytes, pki: Pki, timestamp_server: TimestampServer, tmp_path: Path
) -> None:
    before = timestamp_server.requests
    signed = pades.sign_pdf(
        pdfa, signer(pki), visible=True, timestamp_url=timestamp_server.url, font_dir=tmp_path / "fonts"
    )
    assert timestamp_server.requests > before  # B-T: the server was asked for the signature's timestamp
    assert signed.startswith(pdfa)  # an incremental update: the PDF/A bytes are kept as they were
    report = pdfsig(signed, pki, tmp_path)
    assert "Signature is Valid." in report, report
    assert "Certificate is Trusted." in report, report
    assert "Total document signed" in report, report
    (state,) = pades.signature_state(signed, pki.trust_roots)
    assert state.ok and state.timestamped
    assert state.signer == "Сот департаменти (тест)"
    assert state.serial == format(pki.signer.serial_number, "X")
    assert_pdfa(signed, "3")
    # The stamp: signer, date and serial, in an embedded font that carries Kyrgyz letters.
    pages = int(info(signed)["Pages"])
    last = text(signed).split("\f")[pages - 1]
    assert "Электрондук кол менен кол коюлган" in last
    assert "Сот департаменти (тест)" in last
    assert state.serial in last
    assert any(font.family == "LiberationSans" and font.embedded for font in fonts(signed))
    with pikepdf.open(io.BytesIO(signed)) as document:
        widget = document.Root.AcroForm.Fields[0]
        assert int(widget.F) & 4  # printable, as PDF/A wants an annotation to be


@pytest.mark.office
def test_an_invisible_signature_without_a_timestamp_server_is_pades_b_b(pdfa: bytes, pki: Pki, tmp_path: Path) -> None:
    signed = pades.sign_pdf(pdfa, signer(pki))
    (state,) = pades.signature_state(signed, pki.trust_roots)
    assert state.ok and not state.timestamped
    assert "Signature is Valid." in pdfsig(signed, pki, tmp_path)
    assert "Электрондук кол менен кол коюлган" not in text(signed)
    assert not any(font.family == "LiberationSans" for font in fonts(signed))


@pytest.mark.office
@pytest.mark.parametrize("where", [0.1, 0.5, 0.9])
def test_one_changed_byte_fails_both_verifiers(pdfa: bytes, pki: Pki, tmp_path: Path, where: float) -> None:
    signed = pades.sign_pdf(pdfa, signer(pki))
    changed = bytearray(signed)
    position = int(len(pdfa) * where)
    changed[position] = changed[position] ^ 0x01
    report = pdfsig(bytes(changed), pki, tmp_path)
    assert "Signature is Valid." not in report, report
    states = pades.signature_state(bytes(changed), pki.trust_roots)
    assert not any(state.ok for state in states)


def test_an_untrusted_signer_is_reported_as_such(pki: Pki, tmp_path: Path) -> None:
    from .pki import make_pki

    other = make_pki(tmp_path / "other")
    pdf = minimal_pdf()
    signed = pades.sign_pdf(pdf, signer(other))
    (state,) = pades.signature_state(signed, pki.trust_roots)
    assert state.intact and state.valid and not state.trusted and not state.ok
    assert pades.signature_state(pdf, pki.trust_roots) == []
    assert pades.signature_state(b"not a pdf", pki.trust_roots) == []


def minimal_pdf() -> bytes:
    document = pikepdf.new()
    document.add_blank_page()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_the_signing_file_names_where_passwords_are_never_the_passwords(pki: Pki, tmp_path: Path) -> None:
    config = tmp_path / "signing.toml"
    config.write_text(
        f"""
timestamp_url = "http://127.0.0.1:9/"
stamp = "visible"
[department]
pkcs12 = "{pki.pkcs12}"
password_file = "{pki.password_file}"
[organizations.osh-oblast-court]
pkcs12 = "{pki.pkcs12}"
password_env = "KAGAZ_TEST_OSH_PASSWORD"
""",
        encoding="utf-8",
    )
    loaded = signing.load_config(config)
    assert loaded.stamp == "visible" and loaded.timestamp_url == "http://127.0.0.1:9/"
    assert loaded.identity_for(None).name == "department"
    assert loaded.identity_for("unknown-court").name == "department"
    court = loaded.identity_for("osh-oblast-court")
    assert court.name == "osh-oblast-court"
    password = pki.password_file.read_text(encoding="utf-8").strip()
    assert pades.load_signer(court, {"KAGAZ_TEST_OSH_PASSWORD": password}).signing_cert is not None
    with pytest.raises(signing.SigningError, match="KAGAZ_TEST_OSH_PASSWORD unset"):
        pades.load_signer(court, {})
    with pytest.raises(signing.SigningError) as wrong:
        pades.load_signer(court, {"KAGAZ_TEST_OSH_PASSWORD": "not-the-password"})
    assert "not-the-password" not in str(wrong.value)

    config.write_text(f'[department]\npkcs12 = "{pki.pkcs12}"\npassword = "{password}"\n', encoding="utf-8")
    with pytest.raises(signing.SigningError, match="password_file or password_env") as named:
        signing.load_config(config)
    assert password not in str(named.value)


def test_signatures_after_the_first_reuse_its_reserved_space_and_stay_valid(pki: Pki, tmp_path: Path) -> None:
    kept = signer(pki)
    first = pades.sign_pdf(minimal_pdf(), kept)
    reserved = kept.reserved
    assert reserved is not None and reserved > 0  # the space pyHanko sized for the first signature
    for _ in range(2):
        again = pades.sign_pdf(minimal_pdf(), kept)
        (state,) = pades.signature_state(again, pki.trust_roots)
        assert state.ok and not state.timestamped
        assert "Signature is Valid." in pdfsig(again, pki, tmp_path)
    assert len(again) == len(first)  # the same reservation, the same signature container size
    assert kept.reserved == reserved


def test_the_signer_cache_loads_a_key_once_and_again_when_its_file_changes(pki: Pki, tmp_path: Path) -> None:
    from .pki import make_pki

    folder = tmp_path / "keys"
    folder.mkdir()
    path, password = folder / "department.p12", folder / "password"
    path.write_bytes(pki.pkcs12.read_bytes())
    password.write_bytes(pki.password_file.read_bytes())
    identity = signing.Identity("department", path, password)
    cache = pades.SignerCache()
    first = cache.signer(identity)
    assert cache.signer(identity) is first  # not loaded again for the next document

    renewed = make_pki(tmp_path / "renewed", signer_name="Жаңы ачкыч (тест)")
    replacement = folder / "department.p12.new"
    replacement.write_bytes(renewed.pkcs12.read_bytes())
    replacement.replace(path)  # a key renewed on disk, as an administrator puts a new file in place
    password.write_bytes(renewed.password_file.read_bytes())
    second = cache.signer(identity)
    assert second is not first
    assert second.signing_cert.subject.native["common_name"] == "Жаңы ачкыч (тест)"

    password.write_text("not-the-password\n", encoding="utf-8")
    with pytest.raises(signing.SigningError, match="cannot be opened") as wrong:
        cache.signer(identity)  # nothing stale signs with a password that no longer opens the file
    assert "not-the-password" not in str(wrong.value)
    path.unlink()
    with pytest.raises(signing.SigningError, match="no PKCS#12 file"):
        cache.signer(identity)


@pytest.mark.office
def test_a_second_timestamped_signature_asks_the_server_once(
    pdfa: bytes, pki: Pki, timestamp_server: TimestampServer, tmp_path: Path
) -> None:
    kept = signer(pki)
    url = f"{timestamp_server.url}?second-signature"  # a timestamper of its own, whatever the other tests did
    pades.sign_pdf(pdfa, kept, timestamp_url=url)
    before = timestamp_server.requests
    signed = pades.sign_pdf(pdfa, kept, timestamp_url=url)
    assert timestamp_server.requests == before + 1  # the token signed; pyHanko's sizing sample was kept
    (state,) = pades.signature_state(signed, pki.trust_roots)
    assert state.ok and state.timestamped
    assert "Signature is Valid." in pdfsig(signed, pki, tmp_path)
