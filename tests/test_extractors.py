"""Example tests of the built-in extractors on sentences written for these tests."""

from __future__ import annotations

import pytest

import eventx
from eventx import Direction, Status, TariffActionKind

# 2025-07-09 is a Wednesday.
DATE = "2025-07-09"


@pytest.fixture(scope="module")
def pipeline() -> eventx.Pipeline:
    return eventx.Pipeline(entry_points=False, scorer=None)  # the rules alone


def one(pipeline: eventx.Pipeline, text: str, event_type: str) -> eventx.Event:
    events = [e for e in pipeline.extract(text, date=DATE) if e.event_type == event_type]
    assert len(events) == 1, f"expected one {event_type} in {text!r}, got {events}"
    return events[0]


def countries(actors: object) -> set[str | None]:
    return {a.country for a in actors}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("American officials met Chinese negotiators in Beijing.", Status.OCCURRED),
        ("U.S. officials will meet their Japanese counterparts in Tokyo.", Status.PLANNED),
        ("Washington and Seoul may hold talks on the issue.", Status.POSSIBLE),
        ("The meeting between Britain and France was postponed indefinitely.", Status.CANCELLED),
        ("Officials denied that any meeting with Iran had taken place.", Status.NEGATED),
        ("Washington and Seoul are considering talks on the issue.", Status.POSSIBLE),
    ],
)
def test_meeting_status(pipeline: eventx.Pipeline, text: str, status: Status) -> None:
    assert one(pipeline, text, "Meeting").status is status


def test_meeting_arguments(pipeline: eventx.Pipeline) -> None:
    event = one(pipeline, "American officials met Chinese negotiators in Beijing yesterday.",
                "Meeting")
    assert countries(event.participants) == {"USA", "CHN"}
    assert event.location is not None and event.location.country == "CHN"
    assert event.time is not None and event.time.value == "2025-07-08"
    assert event.trigger.text == "met"


@pytest.mark.parametrize("form", ["US", "U.S.", "United States", "Washington", "America"])
def test_forms_of_the_united_states_normalise_to_usa(pipeline: eventx.Pipeline,
                                                     form: str) -> None:
    event = one(pipeline, f"{form} and Japan held talks in Geneva.", "Meeting")
    assert countries(event.participants) == {"USA", "JPN"}


def test_group_with_demonym_is_a_party(pipeline: eventx.Pipeline) -> None:
    event = one(pipeline, "American officials met the French delegation.", "Meeting")
    kinds = {(a.kind.value, a.country) for a in event.participants}
    assert kinds == {("group", "USA"), ("group", "FRA")}


def test_person_with_title_and_country(pipeline: eventx.Pipeline) -> None:
    event = one(pipeline, "Japanese Prime Minister Shigeru Ishiba met South Korean "
                          "President Lee Jae-myung in Seoul.", "Summit")
    persons = {(a.name, a.title, a.country) for a in event.participants}
    assert persons == {("Shigeru Ishiba", "Prime Minister", "JPN"),
                       ("Lee Jae-myung", "President", "KOR")}


@pytest.mark.parametrize(
    "text",
    [
        "The company said the results would meet expectations.",
        "The plan met with criticism from farmers.",
        "Shareholders approved the merger at the annual meeting.",
    ],
)
def test_not_meetings(pipeline: eventx.Pipeline, text: str) -> None:
    assert [e for e in pipeline.extract(text) if e.event_type == "Meeting"] == []


def test_summit_word_and_name(pipeline: eventx.Pipeline) -> None:
    event = one(pipeline, "Leaders will gather for the G7 summit in Canada next month.",
                "Summit")
    assert event.status is Status.PLANNED
    assert event.name == "G7 summit"
    assert event.time is not None and event.time.value == "2025-08"


def test_summit_is_not_also_a_meeting(pipeline: eventx.Pipeline) -> None:
    events = pipeline.extract("The summit meeting of EU leaders ended in Brussels.")
    assert [e.event_type for e in events] == ["Summit"]


def test_phone_call_between_leaders_stays_a_meeting(pipeline: eventx.Pipeline) -> None:
    text = ("French President Emmanuel Macron and German Chancellor Olaf Scholz held a phone "
            "call on Monday.")
    assert one(pipeline, text, "Meeting").status is Status.OCCURRED


def test_tariff_arguments(pipeline: eventx.Pipeline) -> None:
    event = one(pipeline, "The United States imposed a 25 percent tariff on Japanese steel "
                          "on Tuesday.", "TariffAction")
    assert event.imposer is not None and event.imposer.country == "USA"
    assert countries(event.targets) == {"JPN"}
    assert event.products == ("steel",)
    assert event.rate is not None and event.rate.percent == 25.0
    assert event.action is TariffActionKind.IMPOSE
    assert event.status is Status.OCCURRED
    assert event.time is not None and event.time.value == "2025-07-08"


@pytest.mark.parametrize(
    ("text", "action", "status"),
    [
        ("China threatened to impose tariffs on American soybeans.", TariffActionKind.IMPOSE,
         Status.THREATENED),
        ("The European Union will cut tariffs on Chinese cars to 10 percent.",
         TariffActionKind.LOWER, Status.PLANNED),
        ("Canada suspended its tariffs on U.S. steel.", TariffActionKind.SUSPEND,
         Status.OCCURRED),
        ("The government removed duties on imported rice.", TariffActionKind.REMOVE,
         Status.OCCURRED),
        ("Japan is considering raising tariffs on beef.", TariffActionKind.RAISE,
         Status.POSSIBLE),
        ("Mexico extended the tariffs on Chinese shoes for a year.", TariffActionKind.EXTEND,
         Status.OCCURRED),
        ("India exempted solar panels from the new import duties.", TariffActionKind.EXEMPT,
         Status.OCCURRED),
    ],
)
def test_tariff_actions(pipeline: eventx.Pipeline, text: str, action: TariffActionKind,
                        status: Status) -> None:
    event = one(pipeline, text, "TariffAction")
    assert (event.action, event.status) == (action, status)


def test_rate_is_the_level_not_the_change(pipeline: eventx.Pipeline) -> None:
    event = one(pipeline, "Korea cut its tariffs on beef by 5 percentage points.",
                "TariffAction")
    assert event.rate is None


@pytest.mark.parametrize("text", ["The store sells duty-free goods.",
                                  "The soldiers were on duty at the border."])
def test_not_tariffs(pipeline: eventx.Pipeline, text: str) -> None:
    assert [e for e in pipeline.extract(text) if e.event_type == "TariffAction"] == []


@pytest.mark.parametrize(
    ("text", "direction", "status"),
    [
        ("The United States will withdraw 4,500 troops from South Korea.", Direction.WITHDRAW,
         Status.PLANNED),
        ("Britain is considering a reduction of its forces in Iraq.", Direction.DECREASE,
         Status.POSSIBLE),
        ("Russia deployed two brigades to the border.", Direction.DEPLOY, Status.OCCURRED),
        ("The Pentagon denied plans to withdraw troops from Germany.", Direction.WITHDRAW,
         Status.NEGATED),
        ("NATO will send more troops to Estonia.", Direction.DEPLOY, Status.PLANNED),
        ("France increased its troops in Mali.", Direction.INCREASE, Status.OCCURRED),
        ("Japan will keep its troops in Djibouti.", Direction.MAINTAIN, Status.PLANNED),
        ("The army redeployed troops from Gaza to the north.", Direction.REDEPLOY,
         Status.OCCURRED),
    ],
)
def test_troop_directions(pipeline: eventx.Pipeline, text: str, direction: Direction,
                          status: Status) -> None:
    event = one(pipeline, text, "TroopAdjustment")
    assert (event.direction, event.status) == (direction, status)


def test_troop_arguments(pipeline: eventx.Pipeline) -> None:
    event = one(pipeline, "The United States will withdraw 4,500 troops from South Korea.",
                "TroopAdjustment")
    assert event.force is not None and event.force.country == "USA"
    assert event.magnitude == 4500
    assert event.location is not None and event.location.country == "KOR"


@pytest.mark.parametrize("text", ["Police patrolled the streets of the capital.",
                                  "Troops of fans gathered outside the stadium."])
def test_not_troop_adjustments(pipeline: eventx.Pipeline, text: str) -> None:
    assert [e for e in pipeline.extract(text) if e.event_type == "TroopAdjustment"] == []


def test_every_event_has_the_common_fields(pipeline: eventx.Pipeline) -> None:
    text = "The United States will withdraw 4,500 troops from South Korea."
    for event in pipeline.extract(text, date=DATE):
        data = event.to_dict()
        for key in ("type", "trigger", "sentence", "status", "time", "location", "confidence",
                    "extractor"):
            assert key in data
        assert data["extractor"] == "eventx.troops.v1"
        assert text[event.trigger.start:event.trigger.end] == event.trigger.text


def test_tariff_targets_are_not_its_location(pipeline: eventx.Pipeline) -> None:
    event = one(pipeline, "Japan imposed tariffs on Chinese steel.", "TariffAction")
    assert event.location is None
    assert countries(event.targets) == {"CHN"}


def test_a_place_right_before_the_trigger_is_the_location(pipeline: eventx.Pipeline) -> None:
    event = one(pipeline, "EU leaders gathered for the Brussels summit.", "Summit")
    assert event.location is not None and event.location.country == "BEL"


def test_troops_for_a_place(pipeline: eventx.Pipeline) -> None:
    event = one(pipeline, "The African Union approved more troops for Darfur.",
                "TroopAdjustment")
    assert event.location is not None and event.location.country == "SDN"


def test_allied_forces_are_the_force(pipeline: eventx.Pipeline) -> None:
    event = one(pipeline, "Officials discussed a boost in allied forces in the region.",
                "TroopAdjustment")
    assert event.force is not None and event.force.name == "allies"
    assert event.force.kind.value == "group"


def test_a_speaker_after_a_comma_is_not_a_target(pipeline: eventx.Pipeline) -> None:
    event = one(pipeline, "The United States will impose a 25 percent tariff on Japanese cars "
                          "from August 1, Washington said.", "TariffAction")
    assert countries(event.targets) == {"JPN"}
    assert event.time is not None and event.time.value == "2025-08-01"


@pytest.mark.parametrize("text", ["The 28,500 U.S. troops stationed in South Korea train daily.",
                                  "Negotiators missed the tariff deadline."])
def test_descriptions_are_not_events(pipeline: eventx.Pipeline, text: str) -> None:
    assert pipeline.extract(text) == []


@pytest.mark.parametrize(("text", "event_type"), [
    ("Australia met Brazil in Washington yesterday.", "Meeting"),
    ("Australia withdrew 20 troops from Washington yesterday.", "TroopAdjustment"),
])
def test_the_subject_right_before_a_verb_is_not_the_location(
    pipeline: eventx.Pipeline, text: str, event_type: str
) -> None:
    event = one(pipeline, text, event_type)
    assert event.location is not None and event.location.country == "USA"


def test_the_imposer_may_be_stated_in_the_previous_sentence(pipeline: eventx.Pipeline) -> None:
    text = "Japan announced new trade measures. Duties on beef will be cut to 20 percent."
    event = one(pipeline, text, "TariffAction")
    assert event.imposer is not None and event.imposer.country == "JPN"
    assert event.action is TariffActionKind.LOWER


def test_a_city_before_summit_is_where_not_who(pipeline: eventx.Pipeline) -> None:
    event = one(pipeline, "Turkey was invited to the Brussels summit.", "Summit")
    assert countries(event.participants) == {"TUR"}
    assert event.location is not None and event.location.country == "BEL"


def test_a_headline_in_capitals_does_not_read_verbs_as_names(pipeline: eventx.Pipeline) -> None:
    event = one(pipeline, "FRENCH FOREIGN MINISTER MEETS CHINESE ENVOY", "Meeting")
    texts = [a.text for a in event.participants]
    assert "FRENCH FOREIGN MINISTER" in texts
    assert all("MEETS" not in text for text in texts)


def test_a_capital_before_a_verb_is_its_subject(pipeline: eventx.Pipeline) -> None:
    event = one(pipeline, "Canberra met Brazil in Washington yesterday.", "Meeting")
    assert countries(event.participants) == {"AUS", "BRA"}
