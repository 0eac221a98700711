"""Sphinx directives that build the event schema reference from the code itself.

- ``eventx-fields CLASS`` renders a table of the attrs fields of ``CLASS`` with
  their JSON types, read from :func:`eventx.json_schema`. Its content gives
  one ``field: meaning`` line per field; a field of the class that has no
  line, or a line for a field the class lacks, is a build warning (an error
  under ``-W``), so the page cannot drift from the code. With ``:own:``
  only the fields a subclass adds to :class:`eventx.Event` are listed.
- ``eventx-enum ENUM`` does the same for the values of an enumeration.
- ``eventx-json-schema`` prints the JSON Schema of the output.
"""

from __future__ import annotations

import enum
import importlib
import json
from typing import Any

import attrs
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

import eventx
from eventx.events import CORE_EVENT_TYPES, Event

log = logging.getLogger(__name__)


def _import(dotted: str) -> Any:
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def _descriptions(directive: SphinxDirective) -> dict[str, str]:
    """The ``key: text`` lines of a directive's content; a line without a key continues the last."""
    found: dict[str, str] = {}
    last = None
    for line in directive.content:
        key, sep, text = line.partition(":")
        if sep and key.strip() and " " not in key.strip() and not line.startswith(" "):
            last = key.strip()
            found[last] = text.strip()
        elif last and line.strip():
            found[last] += " " + line.strip()
    return found


def _inline(text: str) -> list[nodes.Node]:
    """Plain text with ``code`` in backticks."""
    parts = text.split("`")
    return [nodes.literal(part, part) if i % 2 else nodes.Text(part)
            for i, part in enumerate(parts) if part]


def _xref(target: str, title: str) -> nodes.Node:
    ref = addnodes.pending_xref("", refdomain="py", reftype="class", reftarget=target,
                                refexplicit=True)
    ref += nodes.literal(title, title)
    return ref


def _json_type(prop: dict[str, Any]) -> list[nodes.Node]:
    """A short rendering of a property's JSON Schema: ``string``, ``Actor or null``, ``[Actor]``."""
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[1]
        return [_xref(f"eventx.{name}", name)]
    if "anyOf" in prop:
        result: list[nodes.Node] = []
        for i, option in enumerate(prop["anyOf"]):
            if i:
                result.append(nodes.Text(" or "))
            result.extend(_json_type(option))
        return result
    if prop.get("type") == "array":
        return [nodes.Text("["), *_json_type(prop["items"]), nodes.Text("]")]
    if "const" in prop:
        return [nodes.literal(json.dumps(prop["const"]), json.dumps(prop["const"]))]
    if "enum" in prop:
        return [nodes.Text("one of "), *_inline(", ".join(f"`{v}`" for v in prop["enum"]))]
    if "minimum" in prop and "maximum" in prop:
        return [nodes.Text(f"{prop['type']} in [{prop['minimum']}, {prop['maximum']}]")]
    return [nodes.Text(str(prop["type"]))]


def _table(headers: list[str], rows: list[list[list[nodes.Node]]]) -> nodes.table:
    table = nodes.table(classes=["eventx-fields"])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for _ in headers:
        group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    group += head
    row = nodes.row()
    for header in headers:
        row += nodes.entry("", nodes.paragraph(header, header))
    head += row
    body = nodes.tbody()
    group += body
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            paragraph = nodes.paragraph()
            paragraph.extend(cell)
            row += nodes.entry("", paragraph)
        body += row
    return table


def _check(where: SphinxDirective, what: str, expected: list[str], given: dict[str, str]) -> None:
    missing = [name for name in expected if name not in given]
    unknown = [name for name in given if name not in expected]
    if missing:
        log.warning("%s: undocumented: %s", what, ", ".join(missing),
                    location=where.get_location())
    if unknown:
        log.warning("%s: documented but not in the code: %s", what, ", ".join(unknown),
                    location=where.get_location())


def _schema_of(cls: type) -> dict[str, Any]:
    """The JSON Schema definition of an attrs class, as :func:`eventx.json_schema` writes it."""
    types = [cls] if issubclass(cls, Event) else list(CORE_EVENT_TYPES)
    schema: dict[str, Any] = eventx.json_schema(types)["$defs"][cls.__name__]
    return schema


class FieldsDirective(SphinxDirective):
    """``eventx-fields eventx.Meeting``: the fields of an attrs class as a table."""

    required_arguments = 1
    has_content = True
    option_spec = {"own": directives.flag}

    def run(self) -> list[nodes.Node]:
        cls = _import(self.arguments[0])
        properties: dict[str, Any] = _schema_of(cls)["properties"]
        names = list(properties)
        if "own" in self.options:
            inherited = {field.name for field in attrs.fields(Event)} | {"type", "codes"}
            names = [name for name in names if name not in inherited]
        given = _descriptions(self)
        _check(self, self.arguments[0], names, given)
        defaults = {field.name: field.default for field in attrs.fields(cls)}
        rows = []
        for name in names:
            default = defaults.get(name, attrs.NOTHING)
            if callable(getattr(default, "factory", None)):  # attrs.Factory
                shown = "[]"
            elif default is attrs.NOTHING:
                shown = "required"
            elif isinstance(default, enum.Enum):
                shown = json.dumps(default.value)
            else:
                shown = json.dumps(default)
            json_type = (_json_type(properties[name]) if not (cls is Event and name == "type")
                         else [nodes.Text("string")])  # each subclass fixes its own name
            default_cell = (nodes.Text(shown) if shown == "required"
                            else nodes.literal(shown, shown))
            rows.append([[nodes.literal(name, name)], json_type, [default_cell],
                         _inline(given.get(name, ""))])
        return [_table(["Field", "JSON", "Default", "Meaning"], rows)]


class EnumDirective(SphinxDirective):
    """``eventx-enum eventx.Status``: the values of an enumeration as a table."""

    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        members = [member.value for member in _import(self.arguments[0])]
        given = _descriptions(self)
        _check(self, self.arguments[0], members, given)
        rows = [[[nodes.literal(value, value)], _inline(given.get(value, ""))]
                for value in members]
        return [_table(["Value", "Meaning"], rows)]


class JsonSchemaDirective(SphinxDirective):
    """``eventx-json-schema``: the JSON Schema of an output document with the core types."""

    def run(self) -> list[nodes.Node]:
        text = json.dumps(eventx.json_schema(), indent=2)
        block = nodes.literal_block(text, text, language="json")
        return [block]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives."""
    app.add_directive("eventx-fields", FieldsDirective)
    app.add_directive("eventx-enum", EnumDirective)
    app.add_directive("eventx-json-schema", JsonSchemaDirective)
    return {"version": eventx.__version__, "parallel_read_safe": True}
