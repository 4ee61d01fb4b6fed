"""A candidate DOCX → a report of problems with their places; a version may become active only with no errors.

The stages; the text stages (tags to variables) all run so that one upload reports every problem of the
file, while the package check and the stages from ``compile`` on stop at errors (a renamed PDF is not
test-rendered):

1. ``package``  — the container, on bytes only (``package.py``): file type, ZIP limits, macros, DOCTYPE,
   external relationships;
2. ``tags``     — every tag found whole in its paragraph (``tags.py``): tags cut by a paragraph end, broken
   braces (``{ {``), tags split over differently formatted runs, ``{%tr %}`` outside a table;
   ``hidden`` — tracked changes, comments and hidden text, which print otherwise than they show (``hidden.py``);
3. ``syntax``   — each part's tag stream compiled by the sandboxed Jinja environment: syntax errors, unknown
   filters, an unclosed ``{% for %}`` (reported where it opens);
4. ``variables`` — names and fields checked against the document kind's context, ``_``-names refused
   (``variables.py``), and the issuance number and QR code required (``issued.number``, ``issued.qr``);
5. ``compile``  — the real thing: docxtpl's XML patching and compilation, as rendering will do it;
6. ``render``   — a test render of the template's sample data in the sandbox (StrictUndefined);
7. ``fields``   — required fields of the model that the template never shows, neither by name nor by
   the sample's values in the test render (warnings, unless the version in force does not show them either);
8. ``pdf``      — fonts the server lacks (``fonts.py``), and the test render converted to PDF by the engine's
   LibreOffice pool;
9. ``layout``   — page-level warnings on that PDF (``page_checks.py``) and page 1 as the preview image.

Where adfinis/document-merge-service checks a template at upload by rendering it with sample data (or with
a placeholder object that records names), and bcgov's CDOGS does not check templates at all, this reports
every problem at once with its place, checks branches the sample never takes, refuses unsafe packages
before parsing them, and proves the template converts and lays out — before anyone depends on it.

The core is pure; ``render`` and ``convert`` (the engine's) are passed in, poppler (``pdf.py``) called at the end.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

import jinja2
from pydantic import BaseModel

from service.errors import ConversionFailed, ConversionTimeout, Problem, TemplateError
from service.issuance.stamp import TAGS as ISSUANCE_TAGS
from service.rendering import CompiledTemplate, template_environment
from service.templates import page_checks, pdf
from service.templates.fields import fields_not_shown
from service.templates.findings import Finding, Report, error, warning
from service.templates.fonts import check_fonts
from service.templates.hidden import check_hidden
from service.templates.package import check_package
from service.templates.tags import Part, read_parts, unclosed_block
from service.templates.variables import check_part

# The engine's render of a candidate template (its bytes) with the sample's model: DOCX bytes.
Render = Callable[[bytes, BaseModel], bytes]


@dataclass(frozen=True)
class Sample:
    """The template's sample input: the validated model, its plain data, and the context it renders with."""

    model: BaseModel
    data: Any
    context: dict[str, Any]


def validate(
    content: bytes,
    template: str,
    model: type[BaseModel],
    sample: Sample | None,
    render: Render,
    convert: Callable[[bytes], bytes] | None,
    compile_template: Callable[[bytes], CompiledTemplate] = CompiledTemplate,
    hidden_before: Collection[str] = (),
) -> Report:
    """Check ``content`` as a new version of ``template`` (whose input model is ``model``).

    ``render`` is the engine's own render of a candidate (``Engine.render(..., candidate=content)``), so the
    test render is made exactly as documents will be; ``convert`` its conversion (None: not converted).

    ``hidden_before`` are the required fields the version in force does not show either (an identifier
    that is never printed, a field the generalized report only counts): no warning for those, so a warning
    means "this version stopped showing something"."""
    report = Report(template, hashlib.sha256(content).hexdigest())
    _run(report, content, model, sample, render, convert, compile_template, set(hidden_before))
    report.findings = _distinct(report.findings)
    return report


def _distinct(findings: list[Finding]) -> list[Finding]:
    """One finding per code and place (a text box appears twice in a DOCX, as the drawing and its fallback;
    ``''.__class__.__mro__`` is one mistake), and no formatting warning on a tag that is an error anyway."""
    seen: set[tuple[str, str]] = set()
    failed = {finding.where() for finding in findings if finding.is_error and finding.place}
    result = []
    for finding in findings:
        key = (finding.code, finding.where())
        if key in seen or (finding.code == "tag_split_runs" and finding.where() in failed):
            continue
        seen.add(key)
        result.append(finding)
    return result


def _run(
    report: Report,
    content: bytes,
    model: type[BaseModel],
    sample: Sample | None,
    render: Render,
    convert: Callable[[bytes], bytes] | None,
    compile_template: Callable[[bytes], CompiledTemplate],
    hidden_before: set[str],
) -> None:
    report.stages.append("package")
    report.findings += check_package(content)
    if not report.ok:
        return
    report.stages.append("tags")
    parts = read_parts(content)
    for part in parts:
        report.findings += part.findings
    report.stages.append("hidden")
    report.findings += check_hidden(parts)
    # Every stage that can run on what was read runs, so one upload reports all its problems at once;
    # only the stages that need a whole, valid template (docxtpl, the test render) wait for no errors.
    report.stages += ["syntax", "variables"]
    environment = template_environment()
    used: set[str] = set()
    for part in parts:
        ast = _parse(part, environment, report)
        if ast is not None and sample is not None:
            usage = check_part(part, ast, sample.context, environment)
            report.findings += usage.findings
            used |= usage.paths
    report.variables = _leaves(used)
    if sample is not None and report.ok:  # with a part unparsed, what it uses is not known
        report.findings += _issuance_tags_missing(used)
    if not report.ok:
        return
    report.stages.append("compile")
    try:
        compile_template(content)
    except TemplateError as exc:
        report.findings += [_from_problem(problem, parts) for problem in exc.problems]
        return
    if sample is None:
        report.findings.append(
            error("sample_missing", "the template's sample data could not be read", location="sample")
        )
        return
    report.stages.append("render")
    try:
        rendered = render(content, sample.model)
    except TemplateError as exc:
        report.findings += [_from_problem(problem, parts) for problem in exc.problems]
        return
    except Exception as exc:  # docxtpl and python-docx fail in many ways on odd documents; say which
        message = f"{type(exc).__name__}: {exc}"
        report.findings.append(error("render_failed", message, location="sample", error=message))
        return
    report.stages.append("fields")
    info = page_checks.inspect(rendered)
    report.hidden = fields_not_shown(model, sample.data, used, info.text)
    for path in report.hidden:
        if path not in hidden_before:
            report.findings.append(
                warning("field_not_shown", f"the required field {path} is never shown", location=path, field=path)
            )
    report.findings += check_fonts(content)  # the replacement changes the PDF's lines whichever converts it
    if convert is None:
        report.findings.append(warning("pdf_skipped", "not converted to PDF (no LibreOffice)", location="pdf"))
        report.findings += page_checks.check_tables(info)
        return
    report.stages.append("pdf")
    try:
        document = convert(rendered)
    except (ConversionFailed, ConversionTimeout) as exc:
        report.findings.append(error("pdf_failed", str(exc), location="pdf", error=str(exc)))
        return
    report.stages.append("layout")
    pages = pdf.page_texts(document)
    report.pages = len(pages)
    report.findings += page_checks.check(info, pages, sample.context)
    report.pdf = document
    report.preview = pdf.first_page_png(document)


def _issuance_tags_missing(used: set[str]) -> list[Finding]:
    """An issued document must show its number and the QR code of its check address (``issuance.stamp``)."""
    missing = [tag for tag in ISSUANCE_TAGS if tag not in used]
    if not missing:
        return []
    tags = " ".join(f"{{{{ {tag} }}}}" for tag in ISSUANCE_TAGS)
    message = f"the template does not show the document's number and QR code: add {tags} at the end"
    return [error("issuance_tags_missing", message, location="end", tags=tags)]


MAX_SYNTAX_ERRORS = 50  # per part: a document pasted into a tag should not keep the page waiting


def _parse(part: Part, environment: jinja2.Environment, report: Report) -> jinja2.nodes.Template | None:
    """The part's tag stream as a Jinja AST, every syntax error reported at its place.

    Jinja stops at the first error; to report them all, the broken tag's line is blanked and the stream
    parsed again. The AST is returned for the names check only when the blanked tags were ``{{ … }}``
    (blanking a ``{% for %}`` would make the names of its body look unknown)."""
    lines = part.stream.split("\n")
    blanked_blocks = False
    for _ in range(MAX_SYNTAX_ERRORS):
        source = "\n".join(lines)
        try:
            environment.from_string(source)  # compiles too: unknown filters and tests are found here
            ast = environment.parse(source)
        except jinja2.TemplateSyntaxError as exc:
            line = _syntax_error(part, exc, report)
            if line is None or not lines[line - 1]:
                return None
            blanked_blocks = blanked_blocks or not lines[line - 1].startswith("{{")
            lines[line - 1] = ""
            continue
        return None if blanked_blocks else ast
    return None


def _syntax_error(part: Part, exc: jinja2.TemplateSyntaxError, report: Report) -> int | None:
    """Report ``exc`` at its tag's place in Kagaz's words; the tag's line in the stream, to blank it."""
    message = exc.message or str(exc)
    if "Unexpected end of template" in message:
        opener = unclosed_block(part)
        if opener is not None:
            word = opener.source[2:-2].strip(" -+").split()[0]
            end_tag = f"{{%{opener.level} end{word} %}}" if opener.level else f"{{% end{word} %}}"
            report.findings.append(
                error(
                    "tag_unclosed_block",
                    f"«{word}» is opened here and never closed: add {end_tag}",
                    opener.place,
                    block=word,
                    end_tag=end_tag,
                )
            )
            return part.tags.index(opener) + 1
    tag = part.tag_at(exc.lineno)
    code, params = syntax_code(message)
    if tag is not None and tag.split and params["variant"] == "bad_syntax":
        code = "tag_split_broken"
    report.findings.append(error(code, message, tag.place if tag else None, location=part.name, **params))
    return exc.lineno if tag is not None else None


_UNKNOWN_TAG = re.compile(r"Encountered unknown tag '(\w+)'")
_UNKNOWN_FILTER = re.compile(r"No filter named '([\w.]+)'")


def syntax_code(message: str) -> tuple[str, dict[str, str]]:
    """Jinja's English reason as code ``template_syntax`` with a ``variant`` the catalogue words precisely
    (the English stays in ``error``, for the API and the log)."""
    found = _UNKNOWN_TAG.search(message)
    if found:
        name = found.group(1)
        variant = "end_without_start" if name.startswith("end") else "unknown_tag"
        return "template_syntax", {"variant": variant, "name": name, "error": message}
    found = _UNKNOWN_FILTER.search(message)
    if found:
        return "template_syntax", {"variant": "unknown_filter", "name": found.group(1), "error": message}
    return "template_syntax", {"variant": "bad_syntax", "error": message}


def _leaves(paths: set[str]) -> list[str]:
    """The paths read, without those that only lead to others (``sections`` when ``sections[].title`` is read)."""
    return sorted(path for path in paths if not any(other.startswith((f"{path}.", f"{path}[")) for other in paths))


_QUOTED = re.compile(r"«(.*)»\s*$", re.DOTALL)


def _from_problem(problem: Problem, parts: list[Part]) -> Finding:
    """A problem from ``rendering`` (placed by its paragraph's text) placed by table/row/cell when found."""
    params = dict(problem.params) or {"error": problem.message}
    if problem.code == "sandbox":  # the catalogue says "not allowed" itself; keep Jinja's reason only
        params["error"] = str(params.get("error", "")).rpartition("not allowed: ")[2]
    match = _QUOTED.search(problem.location)
    if match:
        wanted = " ".join(match.group(1).split())
        for part in parts:
            for paragraph in part.paragraphs:
                text = " ".join(paragraph.text.split())
                if text and (text == wanted or text[:120] == wanted[:120]):
                    tags = [tag for tag in part.tags if tag.paragraph is paragraph]
                    place = tags[0].place if len(tags) == 1 else paragraph.place
                    return error(problem.code, problem.message, place, **params)
    return error(problem.code, problem.message, location=problem.location, **params)
