"""Which names a template reads, checked against what the document kind gives it — before anything renders.

The context a document kind builds from its sample (``kind.context(model, reference)``) is reduced to a
*shape*: the keys of each mapping, the item shape of each list (merged over all items). The Jinja AST of
each part's tag stream is then walked with scopes — ``{% for m in s.measures %}`` binds ``m`` to the item
shape of ``sections[].measures`` — so that ``{{ m.dedline }}`` is reported at its place with the fields
``m`` does have, and a misspelt name is found even in a branch the sample never takes. (Rendering once
with ``StrictUndefined``, as document-merge-service does with its magic placeholder, only sees the branch
the sample data takes, and cannot say where.)

The same walk refuses, statically, what the sandbox refuses at run time: attributes and items whose name
starts with ``_`` (``''.__class__``, ``cycler.__init__.__globals__``, ``x|attr('__class__')``), and
``include``/``import``/``extends`` (a template is one file). The sandbox still guards the test render, for
what no static walk can see (a name built at run time).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import jinja2
from jinja2 import nodes

from service.templates.findings import Finding, error
from service.templates.tags import Part


class _Any:
    """A value whose shape is not known (a ``set`` variable, a filter's result): nothing is checked."""

    def __repr__(self) -> str:
        return "ANY"


ANY = _Any()
LEAF = "leaf"  # a text, number, date or image: its own attributes are Python's, the sandbox watches them


@dataclass(frozen=True)
class Obj:
    fields: Mapping[str, Any]


@dataclass(frozen=True)
class Seq:
    item: Any


def shape_of(value: Any) -> Any:
    if isinstance(value, Mapping):
        return Obj({str(key): shape_of(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        shapes = [shape_of(item) for item in value]
        merged: Any = shapes[0] if shapes else ANY
        for shape in shapes[1:]:
            merged = _merge(merged, shape)
        return Seq(merged)
    if value is None:
        return ANY
    return LEAF


def _merge(first: Any, second: Any) -> Any:
    if isinstance(first, Obj) and isinstance(second, Obj):
        keys = dict.fromkeys([*first.fields, *second.fields])
        return Obj({key: _merge(first.fields.get(key, ANY), second.fields.get(key, ANY)) for key in keys})
    if isinstance(first, Seq) and isinstance(second, Seq):
        return Seq(_merge(first.item, second.item))
    return first if first == second else ANY


DICT_METHODS = frozenset({"items", "keys", "values", "get"})
SEQUENCE_FILTERS = frozenset({"sort", "reverse", "unique", "list", "select", "reject", "selectattr", "rejectattr"})
ITEM_FILTERS = frozenset({"first", "last", "random"})


@dataclass(frozen=True)
class Bound:
    """What a name or an expression stands for: its shape and its context path (None when not known)."""

    shape: Any
    path: str | None


UNKNOWN = Bound(ANY, None)


@dataclass
class Usage:
    """What the walk found: problems, and every context path read (``sections[].measures[].deadline``)."""

    findings: list[Finding] = field(default_factory=list)
    paths: set[str] = field(default_factory=set)


def check_part(part: Part, ast: nodes.Template, context: Any, environment: jinja2.Environment) -> Usage:
    """Walk one part's tag-stream AST against the context's shape."""
    walker = _Walker(part, shape_of(context), set(environment.globals), Usage())
    walker.statements(ast.body, {})
    return walker.usage


class _Walker:
    def __init__(self, part: Part, root: Any, globals_: set[str], usage: Usage) -> None:
        self.part = part
        self.root = root if isinstance(root, Obj) else Obj({})
        self.globals = globals_
        self.usage = usage

    def place(self, node: nodes.Node):  # type: ignore[no-untyped-def]
        tag = self.part.tag_at(getattr(node, "lineno", None))
        return tag.place if tag else None

    def report(self, finding: Finding) -> None:
        if finding not in self.usage.findings:
            self.usage.findings.append(finding)

    # --- statements ---
    def statements(self, body: Iterable[nodes.Node], scope: dict[str, Bound]) -> None:
        for node in body:
            self.statement(node, scope)

    def statement(self, node: nodes.Node, scope: dict[str, Bound]) -> None:
        if isinstance(node, nodes.For):
            iterated = self.expr(node.iter, scope)
            inner = dict(scope)
            item = Bound(iterated.shape.item, f"{iterated.path}[]") if isinstance(iterated.shape, Seq) else UNKNOWN
            self.bind(node.target, item if isinstance(node.target, nodes.Name) else UNKNOWN, inner)
            inner["loop"] = UNKNOWN
            if node.test is not None:
                self.expr(node.test, inner)
            self.statements(node.body, inner)
            self.statements(node.else_, scope)
        elif isinstance(node, nodes.If):
            self.expr(node.test, scope)
            self.statements(node.body, scope)
            for branch in node.elif_:
                self.statement(branch, scope)
            self.statements(node.else_, scope)
        elif isinstance(node, nodes.Assign):
            value = self.expr(node.node, scope)
            self.bind(node.target, value if isinstance(node.target, nodes.Name) else UNKNOWN, scope)
        elif isinstance(node, nodes.AssignBlock):
            self.statements(node.body, scope)
            self.bind(node.target, UNKNOWN, scope)
        elif isinstance(node, nodes.Macro | nodes.CallBlock):
            if isinstance(node, nodes.Macro):
                scope[node.name] = UNKNOWN
            else:
                self.expr(node.call, scope)
            inner = dict(scope) | {"caller": UNKNOWN, "varargs": UNKNOWN, "kwargs": UNKNOWN}
            for argument in node.args:
                inner[argument.name] = UNKNOWN
            for default in node.defaults:
                self.expr(default, scope)
            self.statements(node.body, inner)
        elif isinstance(node, nodes.With):
            inner = dict(scope)
            for target, value in zip(node.targets, node.values, strict=False):
                self.bind(target, self.expr(value, scope), inner)
            self.statements(node.body, inner)
        elif isinstance(node, nodes.Include | nodes.Import | nodes.FromImport | nodes.Extends):
            name = type(node).__name__.lower()
            self.report(
                error(
                    "tag_not_allowed",
                    f"«{name}» is not available: a template is one DOCX file",
                    self.place(node),
                    tag=name,
                )
            )
        elif isinstance(node, nodes.Output):
            for child in node.nodes:
                if not isinstance(child, nodes.TemplateData):
                    self.expr(child, scope)
        elif isinstance(node, nodes.FilterBlock):
            self.expr(node.filter, scope)
            self.statements(node.body, scope)
        else:
            for child in node.iter_child_nodes():
                if isinstance(child, nodes.Expr):
                    self.expr(child, scope)
                else:
                    self.statement(child, scope)

    def bind(self, target: nodes.Node, value: Bound, scope: dict[str, Bound]) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = value
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self.bind(item, UNKNOWN, scope)

    # --- expressions ---
    def expr(self, node: nodes.Node, scope: dict[str, Bound]) -> Bound:
        if isinstance(node, nodes.Name):
            return self.name(node, scope)
        if isinstance(node, nodes.Getattr):
            return self.member(node, self.expr(node.node, scope), node.attr)
        if isinstance(node, nodes.Getitem):
            base = self.expr(node.node, scope)
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return self.member(node, base, node.arg.value)
            self.expr(node.arg, scope)
            if isinstance(node.arg, nodes.Const) and isinstance(base.shape, Seq):
                return Bound(base.shape.item, f"{base.path}[]")
            return UNKNOWN
        if isinstance(node, nodes.Filter):
            return self.filter(node, scope)
        if isinstance(node, nodes.Call):
            callee = node.node
            if isinstance(callee, nodes.Getattr) and callee.attr in DICT_METHODS:
                self.expr(callee.node, scope)
            else:
                self.expr(callee, scope)
            self.children(node, scope, skip=callee)
            return UNKNOWN
        self.children(node, scope)
        return UNKNOWN

    def children(self, node: nodes.Node, scope: dict[str, Bound], skip: nodes.Node | None = None) -> None:
        for child in node.iter_child_nodes():
            if child is not skip:
                self.expr(child, scope)

    def name(self, node: nodes.Name, scope: dict[str, Bound]) -> Bound:
        if node.ctx != "load":
            return UNKNOWN
        if node.name in scope:
            bound = scope[node.name]
            if bound.path:
                self.usage.paths.add(bound.path)
            return bound
        if node.name in self.root.fields:
            self.usage.paths.add(node.name)
            return Bound(self.root.fields[node.name], node.name)
        if node.name in self.globals:
            return UNKNOWN
        known = sorted(self.root.fields)
        suggestion = _suggest(node.name, known)
        self.report(
            error(
                "unknown_variable_suggest" if suggestion else "unknown_variable",
                f"the template reads «{node.name}», which this document does not have; it has: {', '.join(known)}",
                self.place(node),
                name=node.name,
                known=", ".join(f"«{name}»" for name in known),
                suggestion=suggestion,
            )
        )
        return UNKNOWN

    def member(self, node: nodes.Node, base: Bound, attribute: str) -> Bound:
        if attribute.startswith("_"):
            self.report(
                error(
                    "sandbox",
                    f"«{attribute}» is not allowed in a template (names starting with _ reach Python internals)",
                    self.place(node),
                    error=attribute,
                )
            )
            return UNKNOWN
        shape = base.shape
        if isinstance(shape, Obj):
            if attribute in shape.fields:
                path = f"{base.path}.{attribute}" if base.path else None
                if path:
                    self.usage.paths.add(path)
                return Bound(shape.fields[attribute], path)
            if attribute in DICT_METHODS:
                return UNKNOWN
            known = sorted(shape.fields)
            written = _written(node)
            suggestion = _suggest(attribute, known)
            self.report(
                error(
                    "unknown_field_suggest" if suggestion else "unknown_field",
                    f"«{written}»: there is no field «{attribute}»; the fields are: {', '.join(known)}",
                    self.place(node),
                    name=written,
                    field=attribute,
                    known=", ".join(f"«{name}»" for name in known),
                    suggestion=suggestion,
                )
            )
        return UNKNOWN

    def filter(self, node: nodes.Filter, scope: dict[str, Bound]) -> Bound:
        base = self.expr(node.node, scope) if node.node is not None else UNKNOWN
        for argument in [*node.args, *(pair.value for pair in node.kwargs)]:
            self.expr(argument, scope)
        if node.name == "attr" and node.args:
            first = node.args[0]
            if isinstance(first, nodes.Const) and isinstance(first.value, str) and first.value.startswith("_"):
                self.report(
                    error("sandbox", f"«attr('{first.value}')» is not allowed", self.place(node), error=first.value)
                )
        if isinstance(base.shape, Seq):
            if node.name in SEQUENCE_FILTERS or node.name.endswith("_sort"):
                return base
            if node.name in ITEM_FILTERS:
                return Bound(base.shape.item, f"{base.path}[]")
        return UNKNOWN


def _written(node: nodes.Node) -> str:
    """``m.dedline`` back from its AST, for the message (names, attributes and constant items only)."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_written(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{_written(node.node)}[{node.arg.value!r}]"
    return "…"


def _suggest(word: str, known: list[str]) -> str:
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return close[0] if close else ""
