"""The built-in gazetteer plugin: countries, bodies, places, leaders and titles as data.

Country codes and official names come from pycountry (ISO 3166-1, with the
historical states of ISO 3166-3); the names news uses for them (short
forms, demonyms, capitals as metonyms) come from ``eventx/data/*.json``.
``leaders.json`` lists well-known heads of state and government with their
country and title, so that "Putin met Erdogan" is a meeting of two heads (a
Summit) even where the text gives no title; a surname stands alone as an
alias only where news uses it so and it names no one else.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

import pycountry

from eventx.data import load_data
from eventx.hookspecs import hookimpl

#: Historical states that archives mention, by their ISO 3166-3 alpha-3 codes.
HISTORICAL_STATES = ("SUN", "DDR", "YUG", "CSK")


def _iso_names(code: str) -> list[str]:
    record = pycountry.countries.get(alpha_3=code) or pycountry.historic_countries.get(alpha_3=code)
    if record is None:
        return []
    names = [getattr(record, attr, None) for attr in ("common_name", "name", "official_name")]
    # "Korea, Republic of" is a catalogue form that news never writes.
    return [name for name in names if name and "," not in name]


@functools.cache
def country_entries() -> tuple[dict[str, Any], ...]:
    """One entry per country (names, abbreviations, demonyms), then its capitals and cities."""
    extra: dict[str, dict[str, Any]] = load_data("countries.json")
    codes = [country.alpha_3 for country in pycountry.countries] + list(HISTORICAL_STATES)
    entries: list[dict[str, Any]] = []
    for code in codes:
        data = extra.get(code, {})
        iso_names = _iso_names(code)
        name = data.get("name") or (iso_names[0] if iso_names else code)
        aliases = [*iso_names, *data.get("aliases", ())]
        entries.append({"name": name, "kind": "country", "country": code, "aliases": aliases,
                        "demonyms": list(data.get("demonyms", ()))})
        for capital in data.get("capitals", ()):
            entries.append({"name": capital, "kind": "place", "country": code, "metonym": True})
        for city in data.get("cities", ()):
            entries.append({"name": city, "kind": "place", "country": code})
    return tuple(entries)


def _entries() -> Iterator[dict[str, Any]]:
    yield from country_entries()
    for org in load_data("organizations.json"):
        yield {
            "name": org["name"],
            "kind": org.get("kind", "organization"),
            "aliases": org.get("aliases", []),
            "country": org.get("country"),
        }
    for leader in load_data("leaders.json"):
        yield {**leader, "kind": "person"}
    for place in load_data("places.json"):
        yield {
            "name": place["name"],
            "kind": "place",
            "aliases": place.get("aliases", []),
            "country": place.get("country"),
        }


@hookimpl
def eventx_gazetteer() -> list[dict[str, Any]]:
    """Countries, international bodies, leaders and places of the built-in data."""
    return list(_entries())
