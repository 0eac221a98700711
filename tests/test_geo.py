"""Geocoding places with GeoNames: cities by country, context and population; countries,
continents and regions; the built-in plugin on extracted events."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventx import Pipeline
from eventx.events import Meeting, Place, Sentence, Span
from eventx.geo import context_countries, geocode, geocode_events


def _place(name: str, country: str | None = None) -> Place:
    return Place(text=name, start=0, end=len(name), name=name, country=country)


# Ids and coordinates below were looked up by hand in GeoNames.
def test_a_city_of_a_known_country() -> None:
    geneva = geocode(_place("Geneva", "CHE"))
    assert (geneva.geonameid, geneva.latitude, geneva.longitude) == (2660646, 46.20222, 6.14569)
    assert geneva.country == "CHE"


def test_an_ambiguous_name_follows_the_document_context() -> None:
    assert geocode(_place("Washington"), ["USA", "JPN"]).geonameid == 4140963  # D.C.
    british = geocode(_place("Washington"), ["GBR"])
    assert (british.geonameid, british.country) == (2634715, "GBR")  # Tyne and Wear


def test_population_decides_within_a_country() -> None:
    assert geocode(_place("Portland", "USA")).geonameid == 5746545  # Oregon, not Maine


def test_a_place_without_country_or_context_is_left_alone() -> None:
    assert geocode(_place("Washington")) == _place("Washington")
    gulf = Place(text="Gulf", start=0, end=4, name="Persian Gulf")
    assert geocode(gulf, ["USA", "IRN"]) == gulf


def test_countries_and_continents() -> None:
    japan = geocode(_place("Japan", "JPN"))
    assert (japan.geonameid, japan.latitude, japan.longitude) == (1861060, None, None)
    europe = geocode(_place("Europe"), ["FRA"])
    assert (europe.geonameid, europe.country) == (6255148, None)
    assert europe.latitude is not None and europe.longitude is not None


def test_an_unknown_name_is_unchanged() -> None:
    place = _place("Nowhereville", "USA")
    assert geocode(place) == place


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(entry_points=False)


def test_extracted_places_are_geocoded(pipeline: Pipeline) -> None:
    (event,) = pipeline.extract("Chile and Peru held talks in Lima.")
    assert event.location is not None
    assert (event.location.geonameid, event.location.country) == (3936456, "PER")
    assert context_countries([event]) == ["PER", "CHL"]


def test_the_plugin_can_be_blocked() -> None:
    (event,) = Pipeline(entry_points=False, block=["eventx.geo"]).extract(
        "Chile and Peru held talks in Lima.")
    assert event.location is not None and event.location.geonameid is None


def test_another_name_of_a_city() -> None:
    kyiv = geocode(_place("Kiev", "UKR"))
    assert (kyiv.geonameid, kyiv.name) == (703448, "Kiev")  # GeoNames calls it Kyiv


_NAMES = ["Geneva", "Lima", "Washington", "Portland", "Europe", "Japan", "Kiev", "Nowhereville"]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_NAMES), st.sampled_from([None, "USA", "PER", "JPN"]),
                          st.integers(0, 500)), min_size=1, max_size=12))
def test_each_mention_is_geocoded_as_it_would_be_alone(
    mentions: list[tuple[str, str | None, int]]
) -> None:
    """Places are looked up once per name; every mention, wherever it stands, still gets the
    answer a lookup of its own gives."""
    events = [Meeting(trigger=Span(start=start, end=start + 5, text="talks"),
                      sentence=Sentence(start=start, end=start + 5),
                      location=Place(text=name, start=start, end=start + len(name), name=name,
                                     country=country))
              for name, country, start in mentions]
    context = context_countries(events)
    expected = [geocode(event.location, context) for event in events if event.location]
    assert [event.location for event in geocode_events(events)] == expected
