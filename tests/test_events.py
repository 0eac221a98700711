"""Example tests of the event model: the SCHEMA.md dict shape, from_dict, and the validators."""

from __future__ import annotations

import attrs
import pytest

from eventx import (
    Actor,
    ActorKind,
    Direction,
    Meeting,
    Place,
    Rate,
    SchemaError,
    Sentence,
    Span,
    Status,
    Summit,
    TariffAction,
    TariffActionKind,
    TimeExpr,
    TroopAdjustment,
    event_from_dict,
)

TEXT = "The two foreign ministers met in Geneva on Monday."
COMMON_KEYS = ["type", "id", "trigger", "sentence", "status", "time", "location", "confidence",
               "extractor"]
ACTOR_KEYS = ["text", "start", "end", "name", "kind", "country", "title", "cameo"]
PLACE_KEYS = ["text", "start", "end", "name", "country", "latitude", "longitude", "geonameid"]
NO_COORDINATES = {"latitude": None, "longitude": None, "geonameid": None}
TIME_KEYS = ["text", "start", "end", "value"]


def _common() -> dict[str, object]:
    return {
        "trigger": Span(start=26, end=29, text="met"),
        "sentence": Sentence(start=0, end=50),
        "status": Status.OCCURRED,
        "time": TimeExpr(text="on Monday", start=40, end=49, value="2025-07-07"),
        "location": Place(text="Geneva", start=33, end=39, name="Geneva", country="CHE"),
        "confidence": 0.75,
        "extractor": "eventx.meeting.v1",
    }


def _minister(text: str, start: int, country: str) -> Actor:
    return Actor(text=text, start=start, end=start + len(text), name=text,
                 kind=ActorKind.PERSON, country=country, title="Foreign Minister")


def test_offsets_of_the_example_match_the_text() -> None:
    common = _common()
    for key in ("trigger", "time", "location"):
        span = common[key]
        assert TEXT[span.start:span.end] == span.text
    assert TEXT[0:50] == TEXT


def test_meeting_to_dict_has_the_schema_shape_and_key_order() -> None:
    chair = _minister("Ms Berg", 0, "NOR")
    meeting = Meeting(**_common(), participants=[chair], chair=chair, topics=["trade"])

    data = meeting.to_dict()

    assert list(data) == [*COMMON_KEYS, "participants", "chair", "topics", "codes"]
    assert data["type"] == "Meeting"
    assert data["trigger"] == {"start": 26, "end": 29, "text": "met"}
    assert list(data["trigger"]) == ["start", "end", "text"]
    assert data["sentence"] == {"start": 0, "end": 50, "text": None}
    assert data["status"] == "occurred"
    assert data["time"] == {"text": "on Monday", "start": 40, "end": 49, "value": "2025-07-07"}
    assert list(data["time"]) == TIME_KEYS
    assert data["location"] == {"text": "Geneva", "start": 33, "end": 39, "name": "Geneva",
                                "country": "CHE", **NO_COORDINATES}
    assert list(data["location"]) == PLACE_KEYS
    assert data["confidence"] == 0.75
    assert data["extractor"] == "eventx.meeting.v1"
    expected_actor = {"text": "Ms Berg", "start": 0, "end": 7, "name": "Ms Berg",
                      "kind": "person", "country": "NOR", "title": "Foreign Minister",
                      "cameo": None}
    assert data["participants"] == [expected_actor]
    assert list(data["participants"][0]) == ACTOR_KEYS
    assert data["chair"] == expected_actor
    assert data["topics"] == ["trade"]


def test_null_time_and_location_serialise_as_null() -> None:
    common = {**_common(), "time": None, "location": None}
    data = Meeting(**common).to_dict()
    assert data["time"] is None
    assert data["location"] is None
    assert data["participants"] == [] and data["chair"] is None and data["topics"] == []


def test_summit_to_dict_key_order() -> None:
    data = Summit(**_common(), name="G7 summit").to_dict()
    assert list(data) == [*COMMON_KEYS, "participants", "host", "name", "codes"]
    assert data["type"] == "Summit"
    assert data["name"] == "G7 summit"
    assert data["host"] is None


def test_tariff_action_to_dict_shape() -> None:
    usa = Actor(text="Washington", start=0, end=10, name="United States",
                kind=ActorKind.COUNTRY, country="USA")
    event = TariffAction(**_common(), imposer=usa, products=["steel", "autos"],
                         rate=Rate(text="25%", percent=25.0), action=TariffActionKind.RAISE)
    data = event.to_dict()
    assert list(data) == [*COMMON_KEYS, "imposer", "targets", "products", "rate", "action",
                          "codes"]
    assert data["imposer"] == {"text": "Washington", "start": 0, "end": 10,
                               "name": "United States", "kind": "country", "country": "USA",
                               "title": None, "cameo": None}
    assert data["targets"] == []
    assert data["products"] == ["steel", "autos"]
    assert data["rate"] == {"text": "25%", "percent": 25.0}
    assert list(data["rate"]) == ["text", "percent"]
    assert data["action"] == "raise"


def test_troop_adjustment_to_dict_shape() -> None:
    event = TroopAdjustment(
        **_common(),
        direction=Direction.REDEPLOY, magnitude=4500, unit="brigade",
        destination=Place(text="Guam", start=0, end=4, name="Guam", country="GUM"),
    )
    data = event.to_dict()
    assert list(data) == [*COMMON_KEYS, "force", "direction", "magnitude", "unit",
                          "destination", "codes"]
    assert data["force"] is None
    assert data["direction"] == "redeploy"
    assert data["magnitude"] == 4500
    assert data["unit"] == "brigade"
    assert data["destination"] == {"text": "Guam", "start": 0, "end": 4, "name": "Guam",
                                   "country": "GUM", **NO_COORDINATES}


# A TariffAction written by hand in the SCHEMA.md shape, for
# "Ottawa raised duties on US steel to 25% on 1 August." (document date 2025-07-11).
HAND_WRITTEN = {
    "type": "TariffAction",
    "trigger": {"start": 14, "end": 20, "text": "duties"},
    "sentence": {"start": 0, "end": 52},
    "status": "planned",
    "time": {"text": "on 1 August", "start": 40, "end": 51, "value": "2025-08-01"},
    "location": None,
    "confidence": 0.9,
    "extractor": "eventx.tariffs.v1",
    "imposer": {"text": "Ottawa", "start": 0, "end": 6, "name": "Canada", "kind": "country",
                "country": "CAN", "title": None},
    "targets": [{"text": "US", "start": 24, "end": 26, "name": "United States",
                 "kind": "country", "country": "USA", "title": None}],
    "products": ["steel"],
    "rate": {"text": "25%", "percent": 25.0},
    "action": "raise",
}


# What to_dict() gives for it: the fields added since, at their defaults, and the codes.
UPGRADED = {
    **HAND_WRITTEN,
    "id": None,
    "sentence": {**HAND_WRITTEN["sentence"], "text": None},
    "imposer": {**HAND_WRITTEN["imposer"], "cameo": None},
    "targets": [{**HAND_WRITTEN["targets"][0], "cameo": None}],
    "codes": {"cameo": "163", "plover": "COERCE", "plover_mode": "restrict",
              "dyads": [{"source": "CAN", "target": "USA", "directed": True}]},
}


def test_hand_written_dict_matches_its_sentence() -> None:
    text = "Ottawa raised duties on US steel to 25% on 1 August."
    assert len(text) == HAND_WRITTEN["sentence"]["end"]
    for key in ("trigger", "time", "imposer"):
        part = HAND_WRITTEN[key]
        assert text[part["start"]:part["end"]] == part["text"]
    target = HAND_WRITTEN["targets"][0]
    assert text[target["start"]:target["end"]] == target["text"]


def test_from_dict_builds_the_event_from_a_hand_written_dict() -> None:
    event = TariffAction.from_dict(HAND_WRITTEN)
    assert event.trigger == Span(start=14, end=20, text="duties")
    assert event.sentence == Sentence(start=0, end=52)
    assert event.status is Status.PLANNED
    assert event.time == TimeExpr(text="on 1 August", start=40, end=51, value="2025-08-01")
    assert event.location is None
    assert event.confidence == 0.9
    assert event.extractor == "eventx.tariffs.v1"
    assert event.imposer is not None
    assert event.imposer.kind is ActorKind.COUNTRY
    assert event.imposer.country == "CAN"
    assert event.targets == (Actor(text="US", start=24, end=26, name="United States",
                                   kind=ActorKind.COUNTRY, country="USA"),)
    assert event.products == ("steel",)
    assert event.rate == Rate(text="25%", percent=25.0)
    assert event.action is TariffActionKind.RAISE
    assert event.to_dict() == UPGRADED


def test_event_from_dict_picks_the_class_by_type() -> None:
    event = event_from_dict(HAND_WRITTEN)
    assert type(event) is TariffAction
    meeting = Meeting(**_common())
    assert event_from_dict(meeting.to_dict()) == meeting


def test_from_dict_ignores_unknown_keys() -> None:
    data = {**HAND_WRITTEN, "optional": True}
    assert TariffAction.from_dict(data).to_dict() == UPGRADED


def test_from_dict_of_the_wrong_class_raises_schema_error() -> None:
    with pytest.raises(SchemaError, match="TariffAction"):
        Meeting.from_dict(HAND_WRITTEN)


@pytest.mark.parametrize("bad_type", ["Handshake", "meeting", None, 3])
def test_event_from_dict_with_unknown_type_raises_schema_error(bad_type: object) -> None:
    with pytest.raises(SchemaError, match="unknown event type"):
        event_from_dict({**HAND_WRITTEN, "type": bad_type})


def test_event_from_dict_without_type_raises_schema_error() -> None:
    data = {key: value for key, value in HAND_WRITTEN.items() if key != "type"}
    with pytest.raises(SchemaError):
        event_from_dict(data)


def test_event_from_dict_with_a_given_type_table() -> None:
    with pytest.raises(SchemaError, match="Meeting"):
        event_from_dict(HAND_WRITTEN, {"Meeting": Meeting})


@pytest.mark.parametrize("field", ["trigger", "sentence"])
def test_from_dict_without_a_required_field_raises_schema_error(field: str) -> None:
    data = {key: value for key, value in HAND_WRITTEN.items() if key != field}
    with pytest.raises(SchemaError, match=field):
        TariffAction.from_dict(data)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("imposer", "country"), "CA"),
        (("imposer", "country"), "can"),
        (("imposer", "kind"), "nation"),
        (("status", None), "happened"),
        (("action", None), "double"),
        (("confidence", None), 1.5),
        (("trigger", "end"), 10),
        (("time", "value"), "August 2025"),
    ],
)
def test_from_dict_with_a_bad_value_raises_schema_error(
    path: tuple[str, str | None], value: object
) -> None:
    key, inner = path
    data = dict(HAND_WRITTEN)
    if inner is None:
        data[key] = value
    else:
        data[key] = {**data[key], inner: value}
    with pytest.raises(SchemaError):
        TariffAction.from_dict(data)


@pytest.mark.parametrize("code", ["CH", "che", "SWISS", "C1E", ""])
def test_place_rejects_bad_country_codes(code: str) -> None:
    with pytest.raises(ValueError, match="alpha-3"):
        Place(text="Geneva", start=0, end=6, name="Geneva", country=code)


@pytest.mark.parametrize("code", ["US", "usa", "U.S"])
def test_actor_rejects_bad_country_codes(code: str) -> None:
    with pytest.raises(ValueError, match="alpha-3"):
        Actor(text="US", start=0, end=2, name="United States", kind=ActorKind.COUNTRY,
              country=code)


def test_country_may_be_null() -> None:
    place = Place(text="the region", start=0, end=10, name="the region")
    assert place.country is None


@pytest.mark.parametrize(
    "build",
    [
        lambda: Span(start=5, end=4, text=""),
        lambda: Sentence(start=10, end=2),
        lambda: TimeExpr(text="Monday", start=9, end=3),
        lambda: Place(text="Geneva", start=6, end=0, name="Geneva"),
        lambda: Actor(text="NATO", start=4, end=0, name="NATO", kind=ActorKind.ORGANIZATION),
    ],
)
def test_end_before_start_is_rejected(build: object) -> None:
    with pytest.raises(ValueError, match="before start"):
        build()


def test_negative_start_is_rejected() -> None:
    with pytest.raises(ValueError):
        Span(start=-1, end=2, text="met")


def test_empty_span_is_allowed() -> None:
    assert Span(start=3, end=3, text="").end == 3


@pytest.mark.parametrize("confidence", [-0.01, 1.01, 2.0])
def test_confidence_out_of_range_is_rejected(confidence: float) -> None:
    with pytest.raises(ValueError):
        Meeting(**{**_common(), "confidence": confidence})


@pytest.mark.parametrize("confidence", [0.0, 1.0])
def test_confidence_bounds_are_accepted(confidence: float) -> None:
    assert Meeting(**{**_common(), "confidence": confidence}).confidence == confidence


@pytest.mark.parametrize("value", ["2025", "2025-07", "2025-07-10", None])
def test_time_value_accepts_iso_prefixes(value: str | None) -> None:
    assert TimeExpr(text="x", start=0, end=1, value=value).value == value


@pytest.mark.parametrize("value", ["July 2025", "2025-7", "25-07-10", "2025-07-10T09:00"])
def test_time_value_rejects_other_forms(value: str) -> None:
    with pytest.raises(ValueError):
        TimeExpr(text="x", start=0, end=1, value=value)


def test_events_are_frozen() -> None:
    meeting = Meeting(**_common())
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        meeting.confidence = 0.5


def test_list_arguments_become_tuples_and_events_compare_by_value() -> None:
    a = Meeting(**_common(), topics=["trade"])
    b = Meeting(**_common(), topics=("trade",))
    assert a.topics == ("trade",)
    assert a == b
    assert hash(a) == hash(b)
