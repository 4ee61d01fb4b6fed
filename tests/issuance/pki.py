"""Throwaway PKI made at test time: a CA, a signer, a timestamp authority on loopback, an NSS database.

Nothing here is committed key material: every key is generated when a test session asks for it and lives
in that session's temp dir. The timestamp server is pyHanko's ``DummyTimeStamper`` (a real RFC 3161
responder that signs with the test TSA's key) behind a tiny HTTP server, so signing reaches it over HTTP
as it would a real one.
"""

from __future__ import annotations

import datetime as dt
import http.server
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "KG"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Kagaz tests"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _certificate(
    subject: str,
    key: rsa.RSAPrivateKey,
    issuer: tuple[x509.Certificate, rsa.RSAPrivateKey] | None,
    *,
    ca: bool = False,
    usage: x509.ObjectIdentifier | None = None,
) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    issuer_name = issuer[0].subject if issuer else _name(subject)
    signing_key = issuer[1] if issuer else key
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    if issuer:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer[1].public_key()), critical=False
        )
    if usage is not None:
        builder = builder.add_extension(x509.ExtendedKeyUsage([usage]), critical=True)
    return builder.sign(signing_key, hashes.SHA256())


def _asn1(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


@dataclass
class Pki:
    """A CA, a signer's PKCS#12 (with its password in a file), a TSA, all under ``directory``."""

    directory: Path
    ca: x509.Certificate
    ca_key: rsa.RSAPrivateKey
    signer: x509.Certificate
    pkcs12: Path
    password_file: Path
    tsa: x509.Certificate
    tsa_key: rsa.RSAPrivateKey

    @property
    def trust_roots(self) -> list[asn1_x509.Certificate]:
        return [_asn1(self.ca)]

    def nss_database(self) -> Path:
        """An NSS database (for poppler's ``pdfsig -nssdir``) that trusts the test CA."""
        database = self.directory / "nss"
        if not (database / "cert9.db").exists():
            database.mkdir(exist_ok=True)
            ca_file = self.directory / "ca.pem"
            ca_file.write_bytes(self.ca.public_bytes(serialization.Encoding.PEM))
            subprocess.run(["certutil", "-N", "-d", f"sql:{database}", "--empty-password"], check=True)
            subprocess.run(
                ["certutil", "-A", "-d", f"sql:{database}", "-n", "kagaz-test-ca", "-t", "CT,C,C", "-i", str(ca_file)],
                check=True,
            )
        return database


def make_pki(directory: Path, signer_name: str = "Сот департаменти (тест)") -> Pki:
    """Generate the test PKI in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    ca_key = _key()
    ca = _certificate("Kagaz test CA", ca_key, None, ca=True)
    signer_key = _key()
    signer = _certificate(signer_name, signer_key, (ca, ca_key))
    tsa_key = _key()
    tsa = _certificate("Kagaz test TSA", tsa_key, (ca, ca_key), usage=ExtendedKeyUsageOID.TIME_STAMPING)
    password = "тест-сыр-сөз"
    password_file = directory / "signer.password"
    password_file.write_text(password + "\n", encoding="utf-8")
    bundle = pkcs12.serialize_key_and_certificates(
        b"signer", signer_key, signer, [ca], serialization.BestAvailableEncryption(password.encode("utf-8"))
    )
    path = directory / "signer.p12"
    path.write_bytes(bundle)
    return Pki(directory, ca, ca_key, signer, path, password_file, tsa, tsa_key)


class TimestampServer:
    """An RFC 3161 timestamp server on 127.0.0.1 (a thread), signing with the test TSA's key."""

    def __init__(self, pki: Pki) -> None:
        key_der = pki.tsa_key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        self.stamper = DummyTimeStamper(_asn1(pki.tsa), asn1_keys.PrivateKeyInfo.load(key_der), [_asn1(pki.ca)])
        self.requests = 0
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                response = server.stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
                server.requests += 1
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(response)))
                self.end_headers()
                self.wfile.write(response)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._http = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._http.server_address[1]}/"
        self._thread = threading.Thread(target=self._http.serve_forever, name="tsa", daemon=True)

    def __enter__(self) -> TimestampServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._http.shutdown()
        self._http.server_close()
