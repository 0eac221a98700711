"""Leaders as actors: names, surnames and titled forms read as persons with their countries."""

from __future__ import annotations

from typing import Any

import pytest
from eventx import Actor, ActorKind, Meeting, Pipeline, Summit
from eventx.testing import isolated_pipeline
from hypothesis import given, settings
from hypothesis import strategies as st

from eventx_leaders import load_people, plugin

PEOPLE = load_people()
PIPELINE: Pipeline = isolated_pipeline(plugin, builtins=True)


def actors(text: str) -> list[Actor]:
    """The participants of the one meeting or summit that ``text`` states."""
    [event] = PIPELINE.extract(text)
    assert isinstance(event, (Meeting, Summit))
    return list(event.participants)


def participants(text: str) -> list[tuple[str, str | None]]:
    return [(a.name, a.country) for a in actors(text)]


def test_lee_jae_myung_met_shigeru_ishiba() -> None:
    assert participants("Lee Jae-myung met Shigeru Ishiba in Tokyo.") == [
        ("Lee Jae-myung", "KOR"), ("Shigeru Ishiba", "JPN")]


def test_president_lee_and_a_surname_alone() -> None:
    lee, ishiba = actors("President Lee met Ishiba on Monday.")
    assert (lee.text, lee.name, lee.country, lee.title) == ("President Lee", "Lee Jae-myung",
                                                            "KOR", "President")
    assert (ishiba.text, ishiba.name, ishiba.country) == ("Ishiba", "Shigeru Ishiba", "JPN")
    assert ishiba.kind is ActorKind.PERSON


def test_a_title_before_the_name_is_kept() -> None:
    text = "Japanese Prime Minister Sanae Takaichi met Putin."
    assert participants(text) == [("Sanae Takaichi", "JPN"), ("Vladimir Putin", "RUS")]


def test_an_official_of_the_eu_has_no_country() -> None:
    assert participants("Ursula von der Leyen met Friedrich Merz in Brussels.") == [
        ("Ursula von der Leyen", None), ("Friedrich Merz", "DEU")]


def _forms(person: dict[str, Any]) -> st.SearchStrategy[tuple[str, dict[str, Any]]]:
    return st.sampled_from([person["name"], *person["aliases"]]).map(lambda f: (f, person))


FORMS = st.sampled_from(PEOPLE).flatmap(_forms)


@settings(max_examples=300, deadline=None)
@given(FORMS, FORMS)
def test_any_two_people_by_any_of_their_names(
    first: tuple[str, dict[str, Any]], second: tuple[str, dict[str, Any]]
) -> None:
    (form1, person1), (form2, person2) = first, second
    if person1["name"] == person2["name"]:
        return
    got = participants(f"Officials said {form1} met {form2} in Geneva on Monday.")
    assert got == [(person1["name"], person1["country"]), (person2["name"], person2["country"])]


@pytest.mark.parametrize("person", PEOPLE, ids=lambda p: p["name"])
def test_every_name_is_a_person_with_country_and_title(person: dict[str, Any]) -> None:
    for form in [person["name"], *person["aliases"]]:
        [actor] = actors(f"Reporters met {form} in Geneva.")
        assert (actor.text, actor.name, actor.kind, actor.country, actor.title) == (
            form, person["name"], ActorKind.PERSON, person["country"], person["title"])
