"""The Sanction type: its JSON shape, round trip and JSON Schema."""

from __future__ import annotations

import json

import jsonschema
import pytest
from eventx import SchemaError, event_from_dict, json_schema
from eventx.testing.strategies import events
from hypothesis import given, settings

from eventx_sanctions import Sanction, SanctionAction

TYPES = {"Sanction": Sanction}
SCHEMA = json_schema([Sanction])


@settings(max_examples=80, deadline=None)
@given(events(Sanction))
def test_to_dict_from_dict_round_trip(event: Sanction) -> None:
    data = json.loads(json.dumps(event.to_dict()))
    assert data["type"] == "Sanction"
    assert event_from_dict(data, TYPES) == event


@settings(max_examples=80, deadline=None)
@given(events(Sanction))
def test_every_sanction_fits_the_schema(event: Sanction) -> None:
    document = {"id": "d", "events": [json.loads(json.dumps(event.to_dict()))]}
    jsonschema.validate(document, SCHEMA)


def test_shape_follows_schema_md() -> None:
    data = {"type": "Sanction", "trigger": {"start": 4, "end": 13, "text": "sanctions"},
            "sentence": {"start": 0, "end": 30}, "status": "occurred", "time": None,
            "location": None, "confidence": 1.0, "extractor": "x.v1", "imposer": None,
            "targets": [], "measures": ["asset freeze"], "action": "ease"}
    event = Sanction.from_dict(data)
    assert event.action is SanctionAction.EASE
    assert event.measures == ("asset freeze",)
    # The output adds the event id, the sentence text and the codes (none for this type).
    written = {**data, "id": None, "sentence": {**data["sentence"], "text": None},
               "codes": {"cameo": None, "plover": None, "plover_mode": None, "dyads": []}}
    assert list(event.to_dict()) == ["type", "id", *list(data)[1:], "codes"]
    assert json.loads(json.dumps(event.to_dict())) == written


def test_an_unknown_action_is_a_schema_error() -> None:
    data = {"type": "Sanction", "trigger": {"start": 0, "end": 1, "text": "x"},
            "sentence": {"start": 0, "end": 1}, "action": "bomb"}
    with pytest.raises(SchemaError):
        Sanction.from_dict(data)
