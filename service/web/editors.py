"""The template editors' page at ``/editors/``: upload, read the report, preview, activate, roll back,
download, compare; for a key with an editor's role, signed in at the one staff sign-in (``/signin``).

It calls the same ``TemplateEditing`` as the API (``service.http.resources.editing``), so a version uploaded
here is validated exactly as one posted to ``/api/v1/templates/<name>/versions``. The session keeps only the
key's id (never the key); every request checks that the key is still live and still an editor's, so revoking
it ends the session. Every POST carries the page's CSRF token (the staff
form's synchronizer token in ``web/page.py``). Pictures and files are served here too, behind the sign-in,
because the API's may need a key a browser's ``<img>`` cannot send.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from flask import Blueprint, Response, redirect, render_template, request, url_for
from werkzeug.exceptions import RequestEntityTooLarge

from service import locations
from service.auth import ROLES, Principal
from service.catalogue import text, translate
from service.engine import FORMATS
from service.errors import ActivationConflict, NotFound, StorageError, http_status
from service.http.resources import editing, engine
from service.templates.compare import text_changes
from service.templates.editing import Upload
from service.templates.registry import MAX_VERSION, NOTE_LIMIT
from service.templates.shipped import newer_shipped
from service.web import page, refusals
from service.web.signin import safe_next, signin_url, staff_principal

bp = Blueprint("editors", __name__, url_prefix="/editors", template_folder="templates")
bp.after_request(page.secure_headers)
refusals.guard(bp)


def signed_in() -> Principal | None:
    """The editor of this session: the key signed in at ``/signin``, if it is still live and an editor's."""
    principal = staff_principal()
    return principal if principal is not None and principal.can("editor") else None


def editor_page(view: Callable[..., Any]) -> Callable[..., Any]:
    """Only for a signed-in editor; a POST also needs the page's CSRF token. Nobody signed in goes to the one
    sign-in page and back; a key signed in without an editor's role is told so (403), with the way to sign
    in with another key."""

    @functools.wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        page.language(request.args.get("lang"))  # a ?lang= chosen here survives the way through the sign-in
        principal = staff_principal()
        if principal is None:
            return redirect(signin_url(request.path), 303)
        if not principal.can("editor"):
            lang = page.language()
            problem = text("login_weak", lang, role=principal.role)
            return show("problem.html", 403, problem=problem, signin=signin_url(request.path))
        if request.method == "POST" and not page.csrf_valid(request.form.get("csrf_token")):
            return show("problem.html", 400, problem=translate("form_csrf", page.language()))
        return view(principal, *args, **kwargs)

    return guarded


def show(template: str, status: int = 200, **values: Any) -> Response:
    lang = page.language(request.args.get("lang"))
    body = render_template(
        f"web/editors/{template}",
        choices={"language": lang},
        lang=lang,
        csrf_token=page.csrf_token(),
        editor=signed_in(),
        roles=ROLES,
        t=lambda key, **params: text(key, lang, **params),
        meaning=meaning,
        **values,
    )
    return Response(body, status=status, mimetype="text/html")


@bp.get("/login")
def login_form() -> Response:
    """The old sign-in address: the one sign-in page now, keeping where to go back to."""
    return redirect(url_for("signin.form", next=safe_next(request.args.get("next") or url_for("editors.index"))), 301)


@bp.get("/")
@editor_page
def index(editor: Principal) -> Response:
    registry = engine().registry
    rows = []
    for manifest in registry.manifests.values():
        versions = registry.versions(manifest.name)
        rows.append(
            {
                "manifest": manifest,
                "active": next(v for v in versions if v.active),
                "count": len(versions),
                "newer_shipped": newer_shipped(versions),
            }
        )
    return show("index.html", rows=rows)


@bp.get("/<name>")
@editor_page
def template(editor: Principal, name: str) -> Response:
    return _template_page(name, activated=request.args.get("activated", type=int))


def _template_page(
    name: str, status: int = 200, upload: Upload | None = None, activated: int | None = None, problem: str = ""
) -> Response:
    registry = engine().registry
    manifest = registry.manifest(name)
    versions = registry.versions(name)
    report = upload.report.as_dict(page.language()) if upload else None
    changes = None
    if upload is not None and upload.version is not None and not upload.version.active:
        # What the new version changes in the text, against the one every court's documents use now.
        active = registry.active(name)
        changes = (
            active.version,
            text_changes(active.content, registry.version(name, upload.version.version).content),
        )
    return show(
        "template.html",
        status,
        manifest=manifest,
        versions=versions,
        upload=upload,
        report=report,
        activated=activated,
        problem=problem,
        note_limit=NOTE_LIMIT,
        changes=changes,
    )


@bp.post("/<name>/upload")
@editor_page
def upload(editor: Principal, name: str) -> Response:
    engine().registry.manifest(name)
    try:
        part = request.files.get("file")
        note = request.form.get("note", "").strip()[:NOTE_LIMIT]
    except RequestEntityTooLarge:
        limit = request.max_content_length or 0
        return _template_page(name, 413, problem=translate("too_large", page.language(), {"limit": limit}))
    content = part.read() if part is not None else b""
    if not content:
        return _template_page(name, 400, problem=translate("template_file_missing", page.language()))
    result = editing().upload(name, content, by=editor.name, note=note)
    status = (201 if not result.duplicate else 200) if result.version else 422
    return _template_page(name, status, result)


@bp.post("/<name>/versions/<int:number>/activate")
@editor_page
def activate(editor: Principal, name: str, number: int) -> Response:
    """Activation changes every court's documents: the first POST shows what will change and asks; only
    the confirmation's POST (``confirm=1``) switches. Works the same without JavaScript. It switches only if
    the version active when the page was shown still is: an editor who acted on a stale page (another
    editor, on any machine, switched since) sees the page again, now showing the version in force, with a
    409 and what happened, and decides again."""
    given = request.form.get("expected_active", "").strip()
    expected = int(given) if given.isdigit() and 1 <= int(given) <= MAX_VERSION else None
    if request.form.get("confirm") != "1":
        registry = engine().registry
        return show(
            "confirm.html",
            manifest=registry.manifest(name),
            info=registry.info(name, number),
            active=registry.active(name),
            expected_active=expected,
        )
    try:
        editing().activate(name, number, by=editor.name, expected_active=expected)
    except ActivationConflict as conflict:
        return _template_page(name, 409, problem=translate(conflict.problems[0].code, page.language(),
                                                           conflict.problems[0].params))  # fmt: skip
    return redirect(url_for("editors.template", name=name, activated=number))


@bp.get("/<name>/versions/<int:number>")
@editor_page
def version(editor: Principal, name: str, number: int) -> Response:
    info = engine().registry.info(name, number)
    report = editing().report_of(name, number)
    return show(
        "version.html", manifest=engine().registry.manifest(name), info=info, report=report.as_dict(page.language())
    )


@bp.get("/<name>/versions/<int:number>/preview.png")
@editor_page
def preview(editor: Principal, name: str, number: int) -> Response:
    image = editing().preview(name, number)
    if image is None:
        raise NotFound(f"{name}@{number} has no preview")
    response = Response(image, mimetype="image/png")
    response.headers["Cache-Control"] = "private, max-age=86400"
    return response


@bp.get("/<name>/versions/<int:number>/pages/<int:page>.png")
@editor_page
def page_image(editor: Principal, name: str, number: int, page: int) -> Response:
    image = editing().page(name, number, page)
    if image is None:
        raise NotFound(f"{name}@{number} has no page {page}")
    response = Response(image, mimetype="image/png")
    response.headers["Cache-Control"] = "private, max-age=86400"  # a version and its render never change
    return response


@bp.get("/<name>/versions/<int:number>/file")
@editor_page
def download(editor: Principal, name: str, number: int) -> Response:
    template = engine().registry.version(name, number)
    filename = f"{template.name}-v{template.version}.docx"
    response = Response(template.content, mimetype=FORMATS["docx"])
    response.headers["Content-Disposition"] = f"attachment; filename=\"{filename}\"; filename*=UTF-8''{quote(filename)}"
    return response


@bp.get("/<name>/compare")
@editor_page
def compare(editor: Principal, name: str) -> Response:
    older = request.args.get("older", type=int)
    newer = request.args.get("newer", type=int)
    if older is None or newer is None:
        return redirect(url_for("editors.template", name=name))
    comparison = editing().compare(name, older, newer)
    return show("compare.html", manifest=engine().registry.manifest(name), comparison=comparison)


@bp.errorhandler(StorageError)
def _storage(error: StorageError) -> Response:
    """Locked, read-only, unreachable or full: the page says so in the editor's language (503 or 507)."""
    problem = translate(f"storage_{error.reason}", page.language())
    response = show("problem.html", http_status(error), problem=problem)
    if error.retry_after:
        response.headers["Retry-After"] = str(error.retry_after)
    return response


def meaning(path: str) -> str:
    """A value the template reads, in the page's words: ``sections[].measures[].deadline`` →
    «бөлүмдөр → иш-чаралар → ишке ашыруу мөөнөтү»."""
    lang = page.language()
    return " → ".join(locations.field_name(step.removesuffix("[]"), lang) for step in path.split("."))
