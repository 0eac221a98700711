"""Example tests: what the Sanction extractor reads from hand-written sentences."""

from __future__ import annotations

import pytest
from eventx import ActorKind, Event, Status
from eventx.testing.pipeline import isolated_pipeline

from eventx_sanctions import Sanction, SanctionAction, plugin

PIPELINE = isolated_pipeline(plugin)


def sanctions(text: str, date: str = "2024-03-04") -> list[Sanction]:
    events: list[Event] = PIPELINE.extract(text, date=date)
    assert all(isinstance(e, Sanction) for e in events)
    return [e for e in events if isinstance(e, Sanction)]


def test_the_eu_sanctions_russian_banks() -> None:
    text = "The European Union imposed sanctions on Russian banks on Monday."
    [event] = sanctions(text)
    assert event.trigger.text == "sanctions"
    assert event.imposer is not None
    assert (event.imposer.name, event.imposer.kind) == ("European Union",
                                                        ActorKind.ORGANIZATION)
    [target] = event.targets
    assert target.country == "RUS"
    assert text[target.start:target.end].startswith("Russian")
    assert event.status is Status.OCCURRED
    assert event.time is not None and event.time.value == "2024-03-04"  # a Monday
    assert event.location is None  # "on Russian banks" names a target, not a place
    assert event.measures == ("sanctions",)
    assert event.action is SanctionAction.IMPOSE


def test_a_verb_trigger_takes_its_object_as_target() -> None:
    [event] = sanctions("The United States sanctioned three Chinese firms on Tuesday.")
    assert event.imposer is not None and event.imposer.country == "USA"
    assert [t.country for t in event.targets] == ["CHN"]
    assert event.time is not None and event.time.value == "2024-02-27"  # the Tuesday before


def test_passive_with_by_swaps_the_roles() -> None:
    [event] = sanctions("Iranian officials were sanctioned by Britain.")
    assert event.imposer is not None and event.imposer.country == "GBR"
    [target] = event.targets
    assert (target.text, target.kind, target.country) == ("Iranian officials", ActorKind.GROUP,
                                                          "IRN")


def test_hit_with_sanctions_makes_the_earlier_actor_the_imposer() -> None:
    [event] = sanctions("The EU hit Russia with sanctions and an asset freeze.")
    assert event.imposer is not None and event.imposer.text == "EU"
    assert [t.country for t in event.targets] == ["RUS"]
    assert event.measures == ("sanctions", "asset freeze")  # one act, two measures


@pytest.mark.parametrize("text", [
    "The EU imposed sanctions on Russia over its war in Ukraine.",
    "The EU imposed sanctions on Russia because it attacked Ukraine.",
    "The United States sanctioned Russia for supplying arms to Ukraine.",
])
def test_a_reason_names_no_target(text: str) -> None:
    [event] = sanctions(text)
    assert [t.country for t in event.targets] == ["RUS"]


@pytest.mark.parametrize(("text", "action"), [
    ("Washington lifted sanctions on Venezuela.", SanctionAction.LIFT),
    ("The EU eased sanctions against Belarus.", SanctionAction.EASE),
    ("The Security Council renewed the arms embargo on Libya for a year.",
     SanctionAction.EXTEND),
    ("Japan slapped export bans on North Korea.", SanctionAction.IMPOSE),
    ("The Treasury unfroze the assets of Syrian officials.", SanctionAction.LIFT),
])
def test_action(text: str, action: SanctionAction) -> None:
    [event] = sanctions(text)
    assert event.action is action


def test_modifiers_stay_with_the_measure() -> None:
    [event] = sanctions("Canada extended the arms embargo on Myanmar.")
    assert event.measures == ("arms embargo",)
    assert [t.country for t in event.targets] == ["MMR"]


def test_status_and_time_come_from_the_shared_analyses() -> None:
    [event] = sanctions("Japan will impose export bans on North Korea next month.")
    assert event.status is Status.PLANNED
    assert event.time is not None and event.time.value == "2024-04"
    assert [t.country for t in event.targets] == ["PRK"]


@pytest.mark.parametrize("text", [
    "FIFA imposed disciplinary sanctions on the club.",  # not economic
    "Sanctions have hurt the economy.",  # no act stated
    "The sanctioned banks lost access to payment systems.",  # an adjective
])
def test_no_sanction(text: str) -> None:
    assert sanctions(text) == []
