"""Server-side template injection placed *inside a DOCX template* is refused, never executed.

docxtpl renders with an unsandboxed ``jinja2.Environment`` unless told otherwise, so whoever can upload a
template can run code on the server (docxtpl issues #549 and #632). Kagaz renders every template in an
``ImmutableSandboxedEnvironment`` with ``StrictUndefined``. These tests take the payloads from those issues
and the usual Jinja escapes, put each in a real DOCX, and check, at three levels:

- the renderer alone (``CompiledTemplate``: the last line of defence, as if a template got past validation):
  a ``TemplateError`` that names the paragraph, never a rendered payload;
- the upload API (an editor's key, ``dry_run=1``): 422 with the place;
- non-execution, proven: payloads that would create a file do create it when rendered by a plain Jinja
  environment (so they are live), and do not when rendered by Kagaz.
"""

from __future__ import annotations

import gc
import io
import warnings
import zipfile
from pathlib import Path
from typing import Any

import docx
import jinja2
import pytest
from flask import Flask

from service import create_app
from service.auth import KeyStore
from service.errors import TemplateError
from service.rendering import CompiledTemplate
from service.templates.package import check_package

HERE = Path(__file__).resolve().parent
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"

# From docxtpl #549 and #632, and the classic Jinja sandbox escapes (globals, format strings, filters,
# escaped names, mutation of the context under the immutable sandbox).
PAYLOADS = [
    "{{ ''.__class__.__mro__[1].__subclasses__()[389](['id'], stdout=-1).communicate()[0].decode('utf-8') }}",
    "{{ get_flashed_messages.__class__.__mro__[1].__subclasses__()[90] }}",
    '{{ cycler.__init__.__globals__.os.popen("id").read() }}',
    "{{ joiner.__init__.__globals__.os.system('id') }}",
    "{{ namespace.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ self.__init__.__globals__.__builtins__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ request }}",
    "{{ config.items() }}",
    "{{ '{0.__class__}'.format(title) }}",
    "{{ '{x.__class__.__mro__}'.format_map({'x': title}) }}",
    "{{ '%s'|format(title.__class__) }}",
    "{{ title|attr('__class__') }}",
    "{{ title['__class__'] }}",
    "{{ title|attr('\\x5f\\x5fclass\\x5f\\x5f') }}",
    "{{ title.format.__globals__ }}",
    "{% set x = ''.__class__ %}{{ x }}",
    "{% for c in ''.__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    "{% set items = [] %}{{ items.append(1) }}",
    "{{ {}.update(a=1) }}",
    "{{ dict.mro() }}",
]


def docx_with(*paragraphs: str) -> bytes:
    """A one-page DOCX whose body is these paragraphs (made by python-docx, as an editor's Word would)."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def with_footnote(content: bytes, text: str) -> bytes:
    """``content`` with a footnotes part holding ``text`` (docxtpl renders footnotes too)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml":
                override = f'<Override PartName="/word/footnotes.xml" ContentType="{FOOTNOTES_TYPE}"/>'
                data = data.replace(b"</Types>", override.encode() + b"</Types>")
            if item.filename == "word/_rels/document.xml.rels":
                relation = f'<Relationship Id="rId90" Type="{FOOTNOTES_REL}" Target="footnotes.xml"/>'
                data = data.replace(b"</Relationships>", relation.encode() + b"</Relationships>")
            target.writestr(item, data)
        target.writestr(
            "word/footnotes.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f'<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:footnote>'
            "</w:footnotes>",
        )
    return out.getvalue()


def file_creating_payloads(target: Path) -> list[str]:
    """Payloads that create ``target`` when a template engine runs them unsandboxed (``os.system`` rather than
    ``os.popen``: the unsandboxed control must not leave a child process behind for a later test to reap)."""
    return [
        f"{{{{ cycler.__init__.__globals__.os.system('touch {target}') }}}}",
        f"{{{{ lipsum.__globals__['os'].system('touch {target}') }}}}",
        f"{{{{ self.__init__.__globals__.__builtins__['open']('{target}', 'w').write('pwned') }}}}",
    ]


def test_jinja_is_at_least_3_1_6() -> None:
    """3.1.6 closed the sandbox escape through ``|attr`` and ``str.format`` (CVE-2025-27516)."""
    version = tuple(int(part) for part in jinja2.__version__.split(".")[:3])
    assert version >= (3, 1, 6), jinja2.__version__
    pyproject = (HERE.parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert '"Jinja2>=3.1.6' in pyproject, "the floor is pinned where it is installed from"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_renderer_refuses_the_payload_and_names_its_paragraph(payload: str) -> None:
    template = CompiledTemplate(docx_with("Before", payload, "After"))
    with pytest.raises(TemplateError) as refused:
        template.render({"title": "Иш-чаралар планы"})
    [problem] = refused.value.problems
    assert problem.code in ("sandbox", "template_syntax"), problem
    assert "document body" in problem.location and payload[:40] in problem.location.replace("&#39;", "'"), problem


@pytest.mark.parametrize("index", range(3))
def test_a_payload_that_would_create_a_file_creates_nothing(tmp_path: Path, index: int) -> None:
    unsandboxed, sandboxed = tmp_path / "unsandboxed", tmp_path / "kagaz"
    with warnings.catch_warnings():  # the payloads leave a pipe or a file open: they are attacks, not code
        warnings.simplefilter("ignore", ResourceWarning)
        jinja2.Environment().from_string(file_creating_payloads(unsandboxed)[index]).render()
        gc.collect()
    assert unsandboxed.exists(), "the payload is live: a plain Jinja environment runs it"
    template = CompiledTemplate(docx_with(file_creating_payloads(sandboxed)[index]))
    with pytest.raises(TemplateError):
        template.render({})
    assert not sandboxed.exists(), "Kagaz's sandbox did not run it"


def test_a_payload_in_a_footnote_creates_nothing(tmp_path: Path) -> None:
    """Footnotes are rendered by docxtpl itself (not by Kagaz's compiled parts): still in the sandbox."""
    target = tmp_path / "pwned"
    template = CompiledTemplate(with_footnote(docx_with("{{ title }}"), file_creating_payloads(target)[0]))
    with pytest.raises(TemplateError, match="not allowed"):
        template.render({"title": "x"})
    assert not target.exists()


def test_a_payload_in_a_footnote_is_a_template_error() -> None:
    payload = "{% if title == 'x' %}{{ ''.__class__.__mro__ }}{% endif %}"  # a branch the sample never takes
    template = CompiledTemplate(with_footnote(docx_with("{{ title }}"), payload))
    with pytest.raises(TemplateError):
        template.render({"title": "x"})


def test_entities_in_a_template_are_never_expanded() -> None:
    """Were a DOCTYPE to get past the package check, python-docx's parser still resolves no entity."""
    source = (HERE / "corpus" / "docx" / "xxe-document.docx").read_bytes()
    assert [finding.code for finding in check_package(source)] == ["xml_doctype"]
    try:
        rendered = CompiledTemplate(source).render({"order": {"lines": []}, "sections": [], "title": "x"})
    except TemplateError as error:
        assert "root:" not in str(error)
    else:
        assert b"root:" not in rendered


@pytest.fixture
def editor(tmp_path: Path) -> tuple[Flask, dict[str, str]]:
    app = create_app({"data_dir": tmp_path / "data", "start_pool": False})
    app.testing = True
    _info, token = KeyStore.for_data_dir(tmp_path / "data").create("injection-editor", "editor")
    return app, {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("payload", PAYLOADS[:6] + PAYLOADS[10:16])
def test_the_upload_refuses_the_payload_with_its_place(editor: tuple[Flask, Any], payload: str, tmp_path: Path) -> None:
    app, headers = editor
    content = _replace_title(payload)
    response = app.test_client().post(
        "/api/v1/templates/action-plan/versions",
        data={"file": (io.BytesIO(content), "template.docx"), "dry_run": "1"},
        headers=headers,
        content_type="multipart/form-data",
    )
    assert response.status_code == 422, response.json
    errors = response.json["errors"]
    assert {error["code"] for error in errors} & {"sandbox", "unknown_variable", "unknown_variable_suggest"}
    assert all(error["location"] for error in errors), "every refusal has its place"


def _replace_title(payload: str) -> bytes:
    """The shipped action-plan template with ``{{ title }}`` replaced by ``payload`` (XML-escaped)."""
    from xml.sax.saxutils import escape

    out = io.BytesIO()
    shipped_path = HERE.parents[1] / "templates_docx" / "action_plan.docx"
    with zipfile.ZipFile(shipped_path) as shipped, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in shipped.infolist():
            data = shipped.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"{{ title }}", escape(payload).encode("utf-8"), 1)
            target.writestr(item, data)
    return out.getvalue()


@pytest.mark.parametrize("index", range(3))
def test_the_upload_runs_no_file_creating_payload(editor: tuple[Flask, Any], tmp_path: Path, index: int) -> None:
    app, headers = editor
    target = tmp_path / "pwned"
    content = _replace_title(file_creating_payloads(target)[index])
    response = app.test_client().post(
        "/api/v1/templates/action-plan/versions",
        data={"file": (io.BytesIO(content), "template.docx"), "dry_run": "1"},
        headers=headers,
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert not target.exists()


def test_the_upload_checks_the_footnotes_too(editor: tuple[Flask, Any]) -> None:
    app, headers = editor
    payload = "{% if title == 'x' %}{{ ''.__class__.__mro__ }}{% endif %}"
    content = with_footnote(_replace_title("{{ title }}"), payload)
    response = app.test_client().post(
        "/api/v1/templates/action-plan/versions",
        data={"file": (io.BytesIO(content), "template.docx"), "dry_run": "1"},
        headers=headers,
        content_type="multipart/form-data",
    )
    assert response.status_code == 422, response.json
