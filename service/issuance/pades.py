"""pyHanko's part of signing: loading keys, signing a PDF (PAdES B-B/B-T), reading a file's signatures.

Apart from ``signing`` (who signs and how, configured) so that pyHanko and its certificate validator, ~42 MB
resident, are imported only by a caller about to sign or read a signature, not with the service. See
``signing`` for the configuration and what each signature says.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import ECDSA, EllipticCurvePrivateKey
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from pyhanko import stamp
from pyhanko.pdf_utils import text
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.util import get_pyca_cryptography_hash, process_pss_params

from service.catalogue import translate
from service.issuance.signing import FIELD_NAME, Identity, SignatureState, SigningError

STAMP_FONT = Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf")  # fonts-liberation2
STAMP_BOX = (36, 20, 306, 76)  # points from the lower left of the last page: 95 × 20 mm in the bottom margin


def load_signer(identity: Identity, environ: Mapping[str, str] = os.environ) -> signers.SimpleSigner:
    """The identity's key and certificate chain from its PKCS#12 file, the key ready to sign.

    Loading costs tens of milliseconds (the PKCS#12 key derivation, and OpenSSL checking an RSA key when it
    is parsed): an issuer keeps what this returns in a ``SignerCache`` rather than loading it per document."""
    if not identity.pkcs12.is_file():
        raise SigningError(f"signing identity {identity.name}: no PKCS#12 file at {identity.pkcs12}")
    try:
        loaded = signers.SimpleSigner.load_pkcs12_data(
            identity.pkcs12.read_bytes(), other_certs=(), passphrase=identity.password(environ) or None
        )
    except (OSError, ValueError):  # a wrong password or a damaged file; the message never holds the password
        raise SigningError(
            f"signing identity {identity.name}: the PKCS#12 file cannot be opened with its password"
        ) from None
    return _LoadedKeySigner(loaded)


class _LoadedKeySigner(signers.SimpleSigner):
    """pyHanko's ``SimpleSigner`` with its key parsed once.

    Why: ``SimpleSigner.sign_raw`` parses the key from DER on every call, and it is called twice per
    signature (pyHanko signs a dummy first to size the space it reserves); OpenSSL checks an RSA key whenever
    it parses one, which took 40 ms of a 0.3 ms RSA-2048 signature on the reference machine. Mechanisms other
    than RSA (PKCS#1 v1.5, PSS) and ECDSA go pyHanko's own way."""

    def __init__(self, loaded: signers.SimpleSigner) -> None:
        super().__init__(
            signing_cert=loaded.signing_cert, signing_key=loaded.signing_key, cert_registry=loaded.cert_registry
        )
        self._key: Any = serialization.load_der_private_key(loaded.signing_key.dump(), password=None)
        self.reserved: int | None = None  # the /Contents space of a signature without a timestamp (sign_pdf)

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        algorithm = mechanism.signature_algo
        if algorithm == "rsassa_pkcs1v15" and isinstance(self._key, RSAPrivateKey):
            return self._key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))
        if algorithm == "rsassa_pss" and isinstance(self._key, RSAPrivateKey):
            return self._key.sign(data, *process_pss_params(mechanism["parameters"]))
        if algorithm == "ecdsa" and isinstance(self._key, EllipticCurvePrivateKey):
            return self._key.sign(data, ECDSA(get_pyca_cryptography_hash(digest_algorithm)))
        return super().sign_raw(data, digest_algorithm)


class SignerCache:
    """Each identity's signer, loaded once and loaded again when its PKCS#12 file or password changes.

    Every document an issuer signs would otherwise pay the PKCS#12 load; a key renewed on disk (a new file
    put in place, a new password) is picked up by the next signature without a restart. A file that went
    missing or a password that no longer opens it fails the next signature, as before: nothing stale signs."""

    def __init__(self, environ: Mapping[str, str] = os.environ) -> None:
        self.environ = environ
        self._signers: dict[str, tuple[tuple[object, ...], signers.SimpleSigner]] = {}
        self._lock = threading.Lock()

    def signer(self, identity: Identity) -> signers.SimpleSigner:
        try:
            found = identity.pkcs12.stat()
        except OSError:
            raise SigningError(f"signing identity {identity.name}: no PKCS#12 file at {identity.pkcs12}") from None
        password = hashlib.sha256(identity.password(self.environ)).digest()
        key = (identity, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns, password)
        with self._lock:
            kept = self._signers.get(identity.name)
            if kept is None or kept[0] != key:
                kept = self._signers[identity.name] = (key, load_signer(identity, self.environ))
            return kept[1]


def stamp_font(cache_dir: Path) -> Path:
    """Liberation Sans rescaled to 1000 units per em, made once in ``cache_dir``.

    Why: pyHanko writes a TrueType font's glyph widths into the PDF's ``/W`` array in font units, which a
    PDF reads as thousandths of an em; Liberation has 2048 units per em, so every letter of the stamp
    stood twice as far from the next as it should. fontTools rescales the font's outlines and metrics."""
    target = cache_dir / "LiberationSans-Regular-1000upem.ttf"
    if target.is_file():
        return target
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    font = TTFont(str(STAMP_FONT))
    scale_upem(font, 1000)
    if "FFTM" in font:  # FontForge's timestamps: fontTools cannot subset the table and warns on every stamp
        del font["FFTM"]
    cache_dir.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=".font-", suffix=".ttf", dir=cache_dir)
    os.close(handle)
    try:
        font.save(name)
        Path(name).replace(target)
    finally:
        Path(name).unlink(missing_ok=True)
    return target


def sign_pdf(
    pdf: bytes,
    signer: signers.Signer,
    *,
    visible: bool = False,
    timestamp_url: str | None = None,
    language: str = "ky",
    font_dir: Path | None = None,
) -> bytes:
    """``pdf`` signed (PAdES B-B, or B-T with ``timestamp_url``) as an incremental update; a visible stamp
    uses the rescaled font kept in ``font_dir`` (the system temp dir if None)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256"
    )
    timestamper = _timestamper(timestamp_url) if timestamp_url else None
    style = None
    field_spec = fields.SigFieldSpec(FIELD_NAME)
    params = None
    if visible:
        certificate = signer.signing_cert
        serial = format(certificate.serial_number, "X") if certificate is not None else ""
        font = _FontFromBytes(str(stamp_font(font_dir or _temp_fonts())))
        style = stamp.TextStampStyle(
            stamp_text=translate(
                "signature_stamp", language, {"signer": "%(signer)s", "date": "%(ts)s", "serial": "%(serial)s"}
            ),
            text_box_style=text.TextBoxStyle(font=font, font_size=7),
            timestamp_format="%d.%m.%Y %H:%M UTC",
            border_width=1,
        )
        pages = int(writer.root["/Pages"]["/Count"])
        field_spec = fields.SigFieldSpec(FIELD_NAME, on_page=pages - 1, box=STAMP_BOX)
        params = {"serial": serial}
    pdf_signer = signers.PdfSigner(
        metadata, signer=signer, timestamper=timestamper, stamp_style=style, new_field_spec=field_spec
    )
    # Without a timestamp the signature's size depends on the signer alone: reuse the space pyHanko reserved
    # for this signer's first signature rather than let it sign a dummy each time to size it again (half
    # the cost of a B-B signature). A timestamp token's size is the server's to choose: pyHanko sizes each.
    kept = signer if isinstance(signer, _LoadedKeySigner) and timestamper is None else None
    reserved = kept.reserved if kept is not None else None
    signed = pdf_signer.sign_pdf(writer, bytes_reserved=reserved, appearance_text_params=params).getvalue()
    if kept is not None and reserved is None:
        kept.reserved = _reserved_bytes(signed)
    return signed


_TIMESTAMPERS: dict[str, timestamps.HTTPTimeStamper] = {}
_TIMESTAMPERS_LOCK = threading.Lock()


def _timestamper(url: str) -> timestamps.HTTPTimeStamper:
    """One pyHanko timestamper per server address, kept for the process: to size a B-T signature pyHanko
    asks the server for a sample token, which a timestamper keeps; a new one for every signature asked the
    server twice per document."""
    with _TIMESTAMPERS_LOCK:
        found = _TIMESTAMPERS.get(url)
        if found is None:
            found = _TIMESTAMPERS[url] = timestamps.HTTPTimeStamper(url)
        return found


def _reserved_bytes(signed: bytes) -> int:
    """The space, in hex digits, reserved for the last signature of ``signed`` (its ``/Contents``)."""
    signature = PdfFileReader(io.BytesIO(signed), strict=False).embedded_signatures[-1]
    return 2 * len(signature.sig_object["/Contents"])


class _FontFromBytes(GlyphAccumulatorFactory):
    """pyHanko's font factory, reading the font into memory: the stock one leaves its file handle open."""

    def create_font_engine(self, writer: Any, obj_stream: Any = None) -> GlyphAccumulator:
        if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
            obj_stream = writer.prepare_object_stream()
        return GlyphAccumulator(
            writer=writer,
            font_handle=io.BytesIO(Path(self.font_file).read_bytes()),
            font_size=self.font_size,
            obj_stream=obj_stream,
        )


def _temp_fonts() -> Path:
    return Path(tempfile.gettempdir()) / f"kagaz-fonts-{os.getuid()}"


def signature_state(pdf: bytes, trust_roots: Sequence[object]) -> list[SignatureState]:
    """Every signature of ``pdf`` as pyHanko's validator sees it against ``trust_roots`` (asn1crypto
    certificates); an empty list for an unsigned or unreadable file."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = reader.embedded_signatures
    except Exception:  # pyHanko raises many types on a damaged file: then no signature we trust
        return []
    states = []
    for signature in embedded:
        context = ValidationContext(trust_roots=list(trust_roots), allow_fetching=False)
        try:
            status = validate_pdf_signature(signature, context)
        except Exception:  # a signature pyHanko cannot even evaluate is not valid
            states.append(SignatureState("", "", None, False, False, False, False, False))
            continue
        certificate = status.signing_cert
        states.append(
            SignatureState(
                signer=str(certificate.subject.native.get("common_name", "")) if certificate else "",
                serial=format(certificate.serial_number, "X") if certificate else "",
                signed_at=status.signer_reported_dt,
                timestamped=status.timestamp_validity is not None,
                intact=status.intact,
                valid=status.valid,
                trusted=status.trusted,
                whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
            )
        )
    return states
