"""PAdES signatures on issued PDFs: who signs, how, and what a signed file says about itself.

Who signs: an administrator lists signing identities in one TOML file (``KAGAZ_SIGNING_FILE``): the
Judicial Department's own ``[department]`` for documents of no organization (the plan, the generalized
report) and one ``[organizations.<id>]`` per court that signs its own reports. Each names a PKCS#12 file and
where its password is: ``password_file`` or ``password_env`` (an environment variable's name) — never the
password itself, so it is never on a command line, in a setting Kagaz prints, in a log or in an answer.
With several machines every machine holds the same TOML file and key files (a secret mounted read-only, as
for TLS keys); keys are never stored in the database that the machines share.

How: the PDF is signed last — after PDF/A conversion and attachments — as an incremental update, so the
bytes PDF/A asked for are kept as they are and the signature covers them all. ``PAdES B-B`` by default;
``B-T`` when ``timestamp_url`` names an RFC 3161 server. ``stamp = "visible"`` draws a small box on the last
page (signer, date, certificate serial) in Liberation Sans, embedded as a subset, so Kyrgyz letters print;
``"invisible"`` adds no drawing.

What a signed file says: ``signature_state`` reads every signature with pyHanko's validator against the
given trust roots (intact, valid, trusted, covering the whole file or not). The tests also verify with
poppler's ``pdfsig``, which shares no code with pyHanko.

This module holds the configuration and what a check reports (``SignatureState``); the work with pyHanko —
loading keys, signing, validating — is in ``pades``, which callers import when they first sign or read a
signature: pyHanko with its certificate validator is ~42 MB resident, and most machines sign nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from service.errors import KagazError

FIELD_NAME = "KagazSignature"
DEPARTMENT = "department"


class SigningError(KagazError):
    """The signing configuration or a key cannot be used (a file missing, a wrong password); names which."""


@dataclass(frozen=True)
class Identity:
    """One signing identity: a PKCS#12 file and where its password is kept."""

    name: str  # "department" or the organization's id
    pkcs12: Path
    password_file: Path | None = None
    password_env: str | None = None

    def password(self, environ: Mapping[str, str] = os.environ) -> bytes:
        """The PKCS#12 password, read now (never kept in settings or logged)."""
        if self.password_file is not None:
            try:
                return self.password_file.read_text(encoding="utf-8").rstrip("\r\n").encode("utf-8")
            except OSError as error:
                message = f"signing identity {self.name}: password file unreadable ({error.strerror})"
                raise SigningError(message) from None
        if self.password_env is not None:
            if self.password_env not in environ:
                raise SigningError(f"signing identity {self.name}: environment variable {self.password_env} unset")
            return environ[self.password_env].encode("utf-8")
        return b""


@dataclass(frozen=True)
class SigningConfig:
    """Every signing identity and how signatures are made (see the module docstring for the file)."""

    identities: Mapping[str, Identity]
    timestamp_url: str | None = None
    stamp: Literal["visible", "invisible"] = "invisible"

    def identity_for(self, organization: str | None) -> Identity | None:
        """The organization's identity, else the Department's; None when neither is configured."""
        if organization and organization in self.identities:
            return self.identities[organization]
        return self.identities.get(DEPARTMENT)


def load_config(path: Path) -> SigningConfig:
    """Read the signing TOML file; a mistake is refused with the key named (the file says no secret)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise SigningError(f"signing file {path}: {error}") from None
    base = path.parent
    sections: dict[str, object] = {}
    if DEPARTMENT in data:
        sections[DEPARTMENT] = data[DEPARTMENT]
    for name, section in dict(data.get("organizations", {})).items():
        sections[str(name)] = section
    identities = {}
    for name, section in sections.items():
        if not isinstance(section, dict) or "pkcs12" not in section:
            raise SigningError(f'signing file {path}: [{name}] needs pkcs12 = "file.p12"')
        if "password" in section:
            raise SigningError(f"signing file {path}: [{name}] names its password; use password_file or password_env")
        password_file = section.get("password_file")
        identities[name] = Identity(
            name,
            base / str(section["pkcs12"]),
            base / str(password_file) if password_file else None,
            section.get("password_env"),
        )
    mode = data.get("stamp", "invisible")
    if mode not in ("visible", "invisible"):
        raise SigningError(f'signing file {path}: stamp must be "visible" or "invisible", not {mode!r}')
    return SigningConfig(identities, data.get("timestamp_url") or None, mode)


@dataclass(frozen=True)
class SignatureState:
    """What pyHanko's validator says of one signature in a file."""

    signer: str
    serial: str
    signed_at: dt.datetime | None
    timestamped: bool
    intact: bool  # the signed bytes hash to what was signed
    valid: bool  # the cryptographic signature is right
    trusted: bool  # the certificate chains to a trust root
    whole_file: bool  # nothing was changed or added after signing

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.trusted and self.whole_file
