"""The public check page: ``/verify/<number>`` (what the QR code on a document opens) and «check a file».

No sign-in, ever: a citizen or another court holding a paper or a PDF checks it here. The page shows what
was issued — title, organization, date, template version, the output's sha256, the signature, annulled or
not — and never the input data. Kyrgyz by default, Russian and English by ``?lang=``; no script.
The file check shares the API's size limit (KAGAZ_VERIFY_MAX_BYTES, which the front of `kagaz serve` applies to
these paths too) and the per-address rate limit kept in the database.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, render_template, request

from service.catalogue import LANGUAGES, translate
from service.http.resources import issuer
from service.issuance import verification
from service.issuance.register import Entry
from service.web import page, refusals

bp = Blueprint("verify_page", __name__, template_folder="templates", url_prefix="/verify")


@bp.after_request
def _headers(response: Response) -> Response:
    return page.secure_headers(response)


def _too_large(_error: Exception) -> Response:
    """The page again, saying the file is too large: Werkzeug's refusal (``_limit``) or the front's."""
    lang, limit = _language(), current_app.config["KAGAZ"].verify_max_bytes
    return _page(lang, 413, problem=translate("verify_too_large", lang, {"limit": limit}))


@bp.before_request
def _limit() -> None:
    """A PDF to check may be larger than other bodies (``KAGAZ_VERIFY_MAX_BYTES``, as the front allows).

    This is the page's one size check: Werkzeug applies it when the form is parsed, under any WSGI server,
    and ``_too_large`` answers it."""
    request.max_content_length = current_app.config["KAGAZ"].verify_max_bytes


def _language() -> str:
    chosen = (request.args.get("lang") or "").lower()
    return chosen if chosen in LANGUAGES else "ky"  # no session: the public page sets no cookie


def _date(value: str | None) -> str:
    return (value or "")[:10]


def described(entry: Entry, lang: str) -> dict[str, Any]:
    """The entry in the page's words (public fields only)."""
    return {
        "number": entry.number,
        "issued": translate("verify_issued", lang, {"number": entry.number, "date": _date(entry.issued_at)}),
        "annulled": translate(
            "verify_annulled", lang, {"date": _date(entry.annulled_at), "reason": entry.annul_reason or ""}
        )
        if entry.state == "annulled"
        else "",
        "title": entry.title,
        "organization": _organization(entry.organization),
        "template": entry.template,
        "sha256": entry.output_sha256 or "",
        "signature": translate(
            "verify_signature_ok", lang, {"signer": entry.signer, "serial": entry.certificate_serial}
        )
        if entry.signer
        else translate("verify_signature_none", lang),
    }


def _organization(identifier: str | None) -> str:
    if identifier is None:
        return "—"
    found = issuer().engine.reference.organizations.get(identifier)
    return found.name if found else identifier


def _page(lang: str, status: int = 200, **values: Any) -> Response:
    def t(key: str, **params: object) -> str:
        return translate(key, lang, params)

    html = render_template("web/verify.html", t=t, lang=lang, languages=LANGUAGES, **values)
    return Response(html, status=status, mimetype="text/html")


refusals.guard(bp, too_large=_too_large)


@bp.get("")
def index() -> Response:
    lang = _language()
    number = request.args.get("number", "").strip()
    if number:
        return show(number)
    return _page(lang)


@bp.get("/<number>")
def show(number: str) -> Response:
    lang = _language()
    entry = verification.check_number(issuer().database, number, issuer().prefix)
    if entry is None:
        message = translate("verify_unknown_number", lang, {"number": number[:60]})
        return _page(lang, 404, number=number[:60], problem=message)
    return _page(lang, number=entry.number, entry=described(entry, lang))


@bp.post("")
def check_file() -> Response:
    lang = _language()
    settings = current_app.config["KAGAZ"]
    upload = request.files.get("file")  # a body over the limit is refused here (``_limit``, ``_too_large``)
    content = upload.read() if upload is not None else b""  # a part is no larger than the body
    if not content:
        return _page(lang, 400, problem=translate("verify_file_missing", lang))
    if not verification.allow(issuer().database, request.remote_addr or "", settings.verify_per_minute):
        response = _page(lang, 429, problem=translate("verify_rate", lang, {"limit": settings.verify_per_minute}))
        response.headers["Retry-After"] = "60"
        return response
    found = verification.check_file(issuer().database, content, issuer().trust_roots(), unknown_signatures=False)
    if found.entry is None:
        return _page(lang, problem=translate("verify_file_bad", lang), sha256=found.sha256)
    entry = described(found.entry, lang)
    verdict = translate("verify_file_ok", lang, {"number": found.entry.number, "date": _date(found.entry.issued_at)})
    signatures = [
        translate(
            "verify_signature_ok" if state.ok else "verify_signature_bad",
            lang,
            {"signer": state.signer, "serial": state.serial},
        )
        for state in found.signatures
    ]
    return _page(lang, entry=entry, verdict=verdict, signatures=signatures, sha256=found.sha256)
