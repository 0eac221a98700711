"""A JSON Schema of the event shape, derived from the attrs classes (never written twice).

The field types it knows, and so the field types an event class may use:
``str``, ``int``, ``float``, ``bool``, ``None``, an :class:`enum.Enum` whose values are
strings or numbers (written as its value), ``typing.Literal`` of such values,
``tuple[X, ...]`` (written as a list), unions such as ``X | None``, and attrs classes
whose fields have these types (:class:`~eventx.Actor`, :class:`~eventx.Place`, ...).
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Iterable
from typing import Any

import attrs

from eventx.codes import Codes
from eventx.events import CORE_EVENT_TYPES, Event

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _type_schema(tp: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [_type_schema(arg, definitions) for arg in typing.get_args(tp)]
        return {"anyOf": options}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(typing.get_args(tp)[0], definitions)}
    if origin is typing.Literal:
        return {"enum": [_json_value(value, tp) for value in typing.get_args(tp)]}
    if tp is type(None):
        return {"type": "null"}
    if tp is str:
        return {"type": "string"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if tp is bool:
        return {"type": "boolean"}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [_json_value(member.value, tp) for member in tp]}
    if isinstance(tp, type) and attrs.has(tp):
        name = tp.__name__
        if name not in definitions:
            definitions[name] = {}  # placeholder against recursion
            definitions[name] = _class_schema(tp, definitions)
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no JSON Schema for type {tp!r}")


def _json_value(value: Any, tp: Any) -> Any:
    if value is not None and not isinstance(value, (str, int, float, bool)):
        raise TypeError(f"{tp!r} has the value {value!r}, which is not a JSON string or number")
    return value


def _class_schema(cls: type, definitions: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    optional = set()
    for field in attrs.fields(cls):
        try:
            properties[field.name] = _type_schema(hints[field.name], definitions)
        except TypeError as error:
            raise TypeError(f"field {cls.__name__}.{field.name}: {error}") from None
        if field.validator is not None and field.name == "confidence":
            properties[field.name].update(minimum=0, maximum=1)
        if field.metadata.get("optional"):
            optional.add(field.name)
    if isinstance(cls, type) and issubclass(cls, Event):
        # ``codes`` is derived from the other fields by to_dict(), not stored.
        properties = {"type": {"const": cls.event_type}, **properties,
                      "codes": _type_schema(Codes, definitions)}
        optional.add("codes")
    described = (cls.__doc__ or "").strip().splitlines()
    return {
        "type": "object",
        **({"description": described[0]} if described else {}),
        "properties": properties,
        "required": [name for name in properties if name not in optional],
        "additionalProperties": True,
    }


def json_schema(event_types: Iterable[type[Event]] = CORE_EVENT_TYPES) -> dict[str, Any]:
    """The JSON Schema of one output document, ``{"id", "date", "meta", "events": [...]}``, for
    the given types (``date`` and ``meta`` may be absent).

    :param event_types: the event classes to describe; the four core types by default.
    """
    definitions: dict[str, Any] = {}
    refs = [_type_schema(cls, definitions) for cls in event_types]
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "eventx output document",
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "date": {"type": ["string", "null"], "format": "date"},
            "meta": {"type": "object"},
            "events": {"type": "array", "items": {"anyOf": refs}},
        },
        "required": ["id", "events"],
        "$defs": definitions,
    }
