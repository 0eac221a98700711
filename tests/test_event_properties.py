"""Properties of the event model: serialisation round trips, the JSON Schema, malformed dicts."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, ClassVar

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import eventx
from eventx.errors import SchemaError
from eventx.events import Event, event_from_dict
from eventx.hookspecs import hookimpl
from eventx.schema import json_schema
from eventx.testing import isolated_pipeline
from eventx.testing.strategies import events


@attrs.frozen(kw_only=True)
class Sanction(Event):
    """A plugin's own type: one state sanctions others."""

    event_type: ClassVar[str] = "Sanction"

    imposer: eventx.Actor | None = None
    targets: tuple[eventx.Actor, ...] = attrs.field(factory=tuple, converter=tuple)
    measures: tuple[str, ...] = attrs.field(factory=tuple, converter=tuple)
    severity: int | None = None


class SanctionTypePlugin:
    """Registers the Sanction type only."""

    eventx_plugin_name = "test.sanction-type"

    @hookimpl
    def eventx_register_event_types(self, register: Callable[[type[Event]], None]) -> None:
        register(Sanction)


PIPELINE = isolated_pipeline(SanctionTypePlugin(), builtins=True)
REGISTERED = tuple(PIPELINE.event_types.values())
VALIDATOR = jsonschema.Draft202012Validator(json_schema(REGISTERED))
any_event = events(REGISTERED)


def test_every_core_type_and_the_plugin_type_are_registered() -> None:
    assert set(PIPELINE.event_types) == {"Meeting", "Summit", "TariffAction", "TroopAdjustment",
                                         "Sanction"}


@given(any_event)
def test_to_dict_from_dict_round_trip(event: Event) -> None:
    assert type(event).from_dict(event.to_dict()) == event


@given(any_event)
def test_round_trip_through_json_text(event: Event) -> None:
    data = json.loads(json.dumps(event.to_dict()))
    assert PIPELINE.event_from_dict(data) == event


@given(any_event)
def test_to_dict_names_the_type_first_and_every_field(event: Event) -> None:
    data = event.to_dict()
    assert next(iter(data)) == "type"
    assert data["type"] == event.event_type
    assert set(data) == {"type", "codes"} | {f.name for f in attrs.fields(type(event))}


@given(st.lists(any_event, max_size=4))
def test_json_schema_accepts_every_serialised_document(found: list[Event]) -> None:
    document = json.loads(json.dumps({"id": "doc-1", "events": [e.to_dict() for e in found]}))
    errors = [error.message for error in VALIDATOR.iter_errors(document)]
    assert not errors


@given(any_event)
def test_strategy_offsets_are_consistent(event: Event) -> None:
    # The kit promises mentions that span exactly their text and a sentence around the trigger.
    assert event.trigger.end - event.trigger.start == len(event.trigger.text)
    assert event.sentence.start <= event.trigger.start <= event.trigger.end <= event.sentence.end
    for value in attrs.astuple(event, recurse=False):
        for item in value if isinstance(value, tuple) else (value,):
            if hasattr(item, "start") and isinstance(getattr(item, "text", None), str):
                assert item.end - item.start == len(item.text)


def _mangle_missing(data: dict[str, Any], draw: st.DrawFn) -> dict[str, Any]:
    required = sorted(k for k in data if k != "type" and _required(data["type"], k))
    key = draw(st.sampled_from(required))
    return {k: v for k, v in data.items() if k != key}


def _required(type_name: str, field: str) -> bool:
    fields = attrs.fields_dict(PIPELINE.event_types[type_name])
    return field in fields and fields[field].default is attrs.NOTHING


@st.composite
def missing_required_field(draw: st.DrawFn) -> dict[str, Any]:
    return _mangle_missing(draw(any_event).to_dict(), draw)


@given(missing_required_field())
def test_from_dict_without_a_required_field_raises_schema_error(data: dict[str, Any]) -> None:
    with pytest.raises(SchemaError):
        PIPELINE.event_from_dict(data)


# Values of the wrong shape for a field of each kind: never valid, whatever the field.
_WRONG_FOR_MAPPING = st.one_of(st.integers(), st.text(), st.lists(st.integers(), min_size=1))
_WRONG_FOR_ENUM = st.text().filter(
    lambda s: s not in {m.value for e in (eventx.Status, eventx.ActorKind, eventx.Direction,
                                          eventx.TariffActionKind) for m in e})


@st.composite
def wrong_shape(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    data = draw(any_event).to_dict()
    choices = ["trigger", "sentence", "status"]
    field = draw(st.sampled_from(choices))
    if field == "status":
        data[field] = draw(_WRONG_FOR_ENUM)
    else:
        data[field] = draw(_WRONG_FOR_MAPPING)
    return data, field


@given(wrong_shape())
def test_from_dict_with_a_value_of_the_wrong_shape_raises_schema_error(
    mangled: tuple[dict[str, Any], str],
) -> None:
    data, _field = mangled
    with pytest.raises(SchemaError):
        PIPELINE.event_from_dict(data)


@given(any_event, st.integers(1, 1000))
def test_from_dict_with_offsets_out_of_order_raises_schema_error(event: Event, by: int) -> None:
    data = event.to_dict()
    data["trigger"] = {**data["trigger"], "end": data["trigger"]["start"] - by}
    with pytest.raises(SchemaError):
        PIPELINE.event_from_dict(data)


@given(any_event, st.text().filter(lambda s: s not in PIPELINE.event_types))
def test_event_from_dict_of_an_unknown_type_raises_schema_error(event: Event, name: str) -> None:
    data = {**event.to_dict(), "type": name}
    with pytest.raises(SchemaError, match="unknown event type"):
        event_from_dict(data, PIPELINE.event_types)


@given(any_event, st.sampled_from(sorted(PIPELINE.event_types)))
def test_from_dict_of_another_class_raises_schema_error(event: Event, other: str) -> None:
    cls = PIPELINE.event_types[other]
    if cls is type(event):
        assert cls.from_dict(event.to_dict()) == event
    else:
        with pytest.raises(SchemaError, match="expected an event of type"):
            cls.from_dict(event.to_dict())


@given(missing_required_field())
def test_json_schema_rejects_an_event_without_a_required_field(data: dict[str, Any]) -> None:
    assert not VALIDATOR.is_valid({"id": "doc-1", "events": [data]})
