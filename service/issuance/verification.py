"""The public check: is this number ours, is this file one we issued and unchanged, and a rate limit.

``check_number`` and ``check_file`` answer with what anyone may see (``Entry.public``), never the input.
A file is recognised by its sha256 among every file handed out under a number (first issue and reissues):
one changed byte and it is not ours. Its signatures are read with pyHanko's validator against the trust
roots of the configured signing identities, so the page can say «signed by …, valid» too.

``allow`` is the rate limit per address, counted in the database: every process and every machine share
it (a limit kept in each process's memory would multiply by their number). The address is stored only
as a sha256 and only for the current minutes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import delete

from service.db import Database
from service.issuance import register
from service.issuance.numbers import NumberError, parse
from service.issuance.register import Entry
from service.issuance.signing import SignatureState
from service.issuance.tables import VerifyHit

RATE_LOCK = "kagaz.verify"
KEEP_MINUTES = 10


@dataclass(frozen=True)
class FileCheck:
    """What the check says of an uploaded file."""

    sha256: str
    size: int
    entry: Entry | None  # the entry the file was issued under, None when it is not one of ours (or altered)
    signatures: list[SignatureState] = field(default_factory=list)

    @property
    def recognised(self) -> bool:
        return self.entry is not None

    def public(self) -> dict[str, object]:
        return {
            "recognised": self.recognised,
            "sha256": self.sha256,
            "size": self.size,
            "document": self.entry.public() if self.entry else None,
            "signatures": [signature_public(state) for state in self.signatures],
        }


def signature_public(state: SignatureState) -> dict[str, object]:
    return {
        "signer": state.signer,
        "certificate_serial": state.serial,
        "signed_at": state.signed_at.isoformat() if state.signed_at else None,
        "timestamped": state.timestamped,
        "intact": state.intact,
        "valid": state.valid,
        "trusted": state.trusted,
        "whole_file": state.whole_file,
        "ok": state.ok,
    }


def check_number(database: Database, text: str, prefix: str) -> Entry | None:
    """The entry of a number typed or scanned (any accepted spelling); None for one we never issued.
    A number that is allocated but not (yet or ever) issued — pending or void — is not shown."""
    try:
        number = parse(text, prefix)
    except NumberError:
        return None
    entry = register.find(database, str(number))
    return entry if entry is not None and entry.state in ("issued", "annulled") else None


def check_file(
    database: Database, content: bytes, trust_roots: Sequence[object] = (), *, unknown_signatures: bool = True
) -> FileCheck:
    """What the register knows of ``content``, and its signatures' state; ``unknown_signatures=False`` skips
    validating the signatures of a file the register does not know (tens of ms on a public route)."""
    digest = hashlib.sha256(content).hexdigest()
    entry = register.find_file(database, digest)
    wanted = content.startswith(b"%PDF") and (entry is not None or unknown_signatures)
    signatures = _signatures(content, trust_roots) if wanted else []
    return FileCheck(digest, len(content), entry, signatures)


def _signatures(content: bytes, trust_roots: Sequence[object]) -> list[SignatureState]:
    from service.issuance import pades  # see ``signing``: pyHanko only once a signature is read

    return pades.signature_state(content, trust_roots)


def address_key(address: str) -> str:
    return hashlib.sha256(address.encode("utf-8")).hexdigest()


def allow(database: Database, address: str, per_minute: int, now: dt.datetime | None = None) -> bool:
    """Count one check by ``address``; False once it made more than ``per_minute`` in this minute."""
    minute = int((now or dt.datetime.now(dt.UTC)).timestamp() // 60)
    key = address_key(address)
    # A counter lost to a machine crash does no harm: no need to wait for the disk on every public check.
    with database.transaction(lock=RATE_LOCK, durable=False) as session:
        row = session.get(VerifyHit, (key, minute))
        if row is None:
            session.execute(delete(VerifyHit).where(VerifyHit.window < minute - KEEP_MINUTES))
            row = VerifyHit(address=key, window=minute, hits=0)
            session.add(row)
        row.hits += 1
        return row.hits <= per_minute
