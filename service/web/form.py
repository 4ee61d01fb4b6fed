"""The staff form at ``/``: upload a filled spreadsheet, get the DOCX or PDF — or, for a progress report,
submit it to the year's register (``service.web.submission``); and the workbooks to fill.

The page works without JavaScript (a plain multipart form; the answer is the file, or the page again with
the problems next to the form and the other choices kept). ``assets/form.js`` only adds a progress
indicator and a size check. The upload is read into memory and never written anywhere by Kagaz (Werkzeug
spools a large part to an anonymous temporary file in the system's temp dir, deleted when closed).

The document is made as the API makes it: ``spreadsheets.read`` gives the API's dict, then
``issuer.produce`` (numbered and registered) inside ``imported.located()``, and the file goes out through
``issued_response`` (``service.http.files``), as the API's does.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, replace
from typing import Any

from flask import Blueprint, Response, abort, g, render_template, request
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from service import spreadsheets
from service.catalogue import LANGUAGES, text
from service.conversion.pool import Place
from service.engine import FORMATS
from service.errors import (
    ConversionError,
    InputError,
    KagazError,
    Kind,
    Problem,
    StorageError,
    TemplateError,
    http_status,
    kind_of,
)
from service.http.files import content_disposition, issued_response
from service.http.resources import engine, issuer, reporting
from service.images import ImageRejected, clean_image
from service.issuance.issuing import Order
from service.reporting.cycle import NOTE_LIMIT
from service.spreadsheets.samples import example_data
from service.web import page, refusals, submission
from service.web.signin import staff_page, staff_principal

log = logging.getLogger("kagaz.web")

bp = Blueprint("form", __name__, template_folder="templates", static_folder="static", static_url_path="/assets")

DOCUMENTS = ("action-plan", "progress-report")
IMAGES = ("signature_image", "seal_image")
DOWNLOAD_COOKIE = "kagaz_download"  # set on a file answer, so form.js knows the download has started
_DOWNLOAD_TOKEN = re.compile(r"^[a-z0-9]{8,64}$")
WORKBOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# form.js sends the form with fetch (the chosen files stay chosen when the file is refused): same origin only.
CONTENT_SECURITY_POLICY = f"{page.CONTENT_SECURITY_POLICY}; connect-src 'self'"


@dataclass(frozen=True)
class Choices:
    """What the clerk chose; kept when the page is shown again with problems."""

    document: str = "action-plan"
    format: str = "pdf"
    language: str = "ky"
    action: str = submission.MAKE  # make the document, or submit it to the register (a progress report)
    submit: submission.Submission | None = None


bp.after_request(page.secure_headers)


def too_large(_error: HTTPException) -> Response:
    """A file over the limit, refused by ``kagaz serve`` before it was read: the form again, with the problem."""
    limit = request.max_content_length or 0
    problem = Problem("file", "upload_too_large", f"over {limit} bytes", {"limit_mb": _megabytes(limit)})
    return show(Choices(language=page.language(request.args.get("lang"))), [problem], 413)


refusals.guard(bp, too_large)


@bp.get("/")
@staff_page
def index() -> Response:
    """The form; ``?submit=2025`` opens it with «submit to the register» and the year chosen."""
    lang = page.language(request.args.get("lang"))
    asked = submission.from_address(staff_principal())
    if asked is None:
        return show(Choices(language=lang))
    return show(Choices("progress-report", language=lang, action=submission.SUBMIT, submit=asked))


@bp.post("/")
@staff_page
def submit() -> Response:
    lang = page.language(request.args.get("lang"))
    try:
        form, files = request.form, request.files
    except RequestEntityTooLarge as error:
        return too_large(error)
    # The button's name is ``purpose``, not ``action``: a control named ``action`` would hide ``form.action``
    # from form.js.
    action = submission.SUBMIT if form.get("purpose") == submission.SUBMIT else submission.MAKE
    chosen = submission.from_form(form)
    choices = Choices(form.get("document", ""), form.get("format", ""), lang, action, chosen)
    if not page.csrf_valid(form.get("csrf_token")):
        return show(choices, [Problem("form", "form_csrf", "the form's token is missing or wrong")], 400)
    if action == submission.SUBMIT:
        return submit_report(choices, files.get("file"))
    problems = []
    if choices.document not in DOCUMENTS:
        problems.append(Problem("form", "form_document", "choose the document"))
    if choices.format not in FORMATS:
        problems.append(Problem("form", "form_format", "choose DOCX or PDF"))
    upload = files.get("file")
    if upload is None or not upload.filename:
        problems.append(Problem("file", "upload_missing", "no file chosen"))
    if problems or upload is None:
        return show(choices, problems, 400)
    try:
        with engine().admit(choices.format) as place:  # a full converter refuses before the file is read
            rendered = produce(choices, upload, files, place)
    except (InputError, TemplateError, ConversionError) as error:
        if isinstance(error, ConversionError):
            log.warning("no PDF for the form: %s", error)
        choices, problems = form_problems(choices, error)
        response = show(choices, problems, http_status(error))
        retry_after = getattr(error, "retry_after", None)
        if retry_after is not None:
            response.headers["Retry-After"] = str(retry_after)
        return response
    response = issued_response(rendered)
    token = form.get("download_token", "")
    if _DOWNLOAD_TOKEN.match(token):
        response.set_cookie(DOWNLOAD_COOKIE, token, max_age=120, samesite="Strict", secure=request.is_secure)
    return response


def submit_report(choices: Choices, upload: FileStorage | None) -> Response:
    """The «submit» choice: checked (sign-in, organization, year), then stored, then the confirmation."""
    principal = staff_principal()
    problems, status = submission.refusals(choices.document, choices.submit, principal)
    if upload is None or not upload.filename:
        problems.append(Problem("file", "upload_missing", "no file chosen"))
        status = 400 if status == 200 else status
    if problems or choices.submit is None or principal is None or upload is None:
        return show(choices, problems, status)
    images, problems = read_images(request.files)
    try:
        result = submission.store(choices.submit, upload, principal, images, problems)
    except InputError as error:
        return show(choices, error.problems, http_status(error))
    return submission.confirmation(result, choices.submit, choices.language)


def produce(choices: Choices, upload: FileStorage, files: Any, place: Place | None = None) -> Any:
    """Read the upload and make the document; every problem of the spreadsheet and images raised together."""
    content = upload.read()
    images, problems = read_images(files) if choices.document == "progress-report" else ({}, [])
    try:
        imported = spreadsheets.read(choices.document, content, upload.filename or "", engine().reference)
        if images:
            imported.data.setdefault("signature", {}).update(images)
        with imported.located() as data:
            if not problems:
                made = Order(
                    format=choices.format,
                    issued_by="web form",
                    request_id=g.get("request_id"),
                    upload_sha256=hashlib.sha256(content).hexdigest(),
                    place=place,
                )
                return issuer().produce(choices.document, data, made)
            engine().load(choices.document, data)  # the images failed: still show every problem of the sheet
    except InputError as error:
        raise together(problems, error) from None
    raise InputError(problems)


def read_images(files: Any) -> tuple[dict[str, bytes], list[Problem]]:
    """The signature and seal images chosen (cleaned: re-encoded, metadata dropped), and a problem for each
    one refused."""
    images: dict[str, bytes] = {}
    problems: list[Problem] = []
    for field in IMAGES:
        image = files.get(field)
        if image is None or not image.filename:
            continue
        try:
            images[field] = clean_image(image.read()).content
        except ImageRejected as error:
            problems.append(Problem(field, error.code, str(error), dict(error.params)))
    return images, problems


def form_problems(choices: Choices, error: KagazError) -> tuple[Choices, list[Problem]]:
    """What the form says for an error (``page.problems_of``), with two things only the form knows: a file that
    is the other document's makes that document the choice, and a template's or LibreOffice's failure is not
    the clerk's mistake, so its words (Jinja's, LibreOffice's, in English) go to the log, not to the page."""
    if isinstance(error, TemplateError):
        log.error("the active template failed on a form upload: %s", error)
        return choices, [Problem("form", "form_template_failed", str(error))]
    if kind_of(error) is Kind.CONVERSION_FAILED:
        return choices, [Problem("form", "form_conversion_failed", str(error))]
    problems = page.problems_of(error)
    for problem in problems:
        for document in DOCUMENTS:
            name = document.replace("-", "_")
            if problem.code == f"sheet_document_is_{name}":
                said = Problem(problem.location, f"form_document_is_{name}", problem.message, problem.params)
                return replace(choices, document=document), [said]
    return choices, problems


def together(problems: list[Problem], error: InputError) -> InputError:
    """The form's own problems and the file's, keeping the file's kind (too large, for a zip bomb)."""
    return type(error)(problems + error.problems) if problems else error


@bp.get("/spreadsheets/<document>.xlsx")
@staff_page
def spreadsheet(document: str) -> Response:
    """A blank workbook for ``document``, or with ``?example=1`` one filled from the samples; in Kyrgyz, or
    in Russian with ``?language=ru``."""
    if document not in DOCUMENTS:
        abort(404)
    example = request.args.get("example", "").lower() in ("1", "true", "yes")
    language = request.args.get("language", "ky")
    if language not in spreadsheets.WORKBOOK_LANGUAGES:
        abort(404)
    reference = engine().reference
    data = example_data(document, reference) if example else None
    content = spreadsheets.workbook(document, reference, data, language)
    # The file's name is in the workbook's own language (its sheets and headers are).
    name = text("workbook_example" if example else "workbook_blank", language, document=text(document, language))
    name += ".xlsx"
    response = Response(content, mimetype=WORKBOOK_TYPE)
    response.headers["Content-Disposition"] = content_disposition(name)
    return response


@bp.errorhandler(Exception)
def unexpected(error: Exception) -> Response | HTTPException:
    """A bug shows the page with a request number to quote, never a stack trace."""
    if isinstance(error, HTTPException):
        return error
    if isinstance(error, StorageError):  # the database or store cannot serve now: say so, never a 500
        problem = Problem("storage", f"storage_{error.reason}", str(error))
        response = show(Choices(language=page.language()), [problem], http_status(error))
        if error.retry_after:
            response.headers["Retry-After"] = str(error.retry_after)
        return response
    log.exception("unexpected error on the form", extra={"fields": {"request_id": g.get("request_id")}})
    problem = Problem("form", "form_internal", "internal error", {"request_id": g.get("request_id") or "—"})
    return show(Choices(language=page.language()), [problem], 500)


def show(choices: Choices, problems: list[Problem] | tuple[()] = (), status: int = 200) -> Response:
    limit = request.max_content_length or 0
    # The page offers the workbooks in its own language; an English page both (clerks fill them in ky or ru).
    workbook_languages = (choices.language,) if choices.language in spreadsheets.WORKBOOK_LANGUAGES else ("ky", "ru")
    principal = staff_principal()
    chosen = choices.submit or submission.Submission(reporting().gathering_year())
    body = render_template(
        "web/form.html",
        choices=choices,
        submitting=choices.action == submission.SUBMIT,
        chosen=chosen,
        years=submission.years(),
        note_limit=NOTE_LIMIT,
        reporter=principal,
        organizations=submission.organizations_for(principal),
        sign_in_link=submission.sign_in_link("progress-report", chosen, choices.language),
        workbook_languages=workbook_languages,
        documents=DOCUMENTS,
        formats=FORMATS,
        languages=LANGUAGES,
        problems=[page.shown(problem, choices.language) for problem in problems],
        file_problem=any(problem.location != "form" for problem in problems),
        csrf_token=page.csrf_token(),
        max_bytes=limit,
        limit_mb=_megabytes(limit),
        t=lambda key, **params: text(key, choices.language, **params),
    )
    response = Response(body, status=status, mimetype="text/html")
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return response


def _megabytes(limit: int) -> str:
    value = limit / (1024 * 1024)
    return f"{value:.0f}" if value >= 10 or value.is_integer() else f"{value:.1f}".replace(".", ",")
