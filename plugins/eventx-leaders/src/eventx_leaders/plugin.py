"""The leaders plugin: office holders from ``data/leaders.json`` as gazetteer entries.

Each record of the data file names one person with the country they serve
(ISO 3166-1 alpha-3; null for officials of the EU or the African Union),
the title news gives them, their office, roles and term. Former holders
(``until`` set) are kept while news still names them; their title is the
one they held.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from eventx import hookimpl

#: The keys of a record that make its gazetteer entry.
ENTRY_KEYS = ("name", "aliases", "country", "title")


@functools.cache
def _data() -> dict[str, Any]:
    with resources.files("eventx_leaders.data").joinpath("leaders.json").open(
            encoding="utf-8") as file:
        data: dict[str, Any] = json.load(file)
    return data


def load_people() -> list[dict[str, Any]]:
    """Every record of the data file, current and former office holders, as stored."""
    return [dict(person) for person in _data()["people"]]


#: The date (ISO 8601) on which the data file was last checked against the facts.
LAST_CHECKED: str = _data()["last_checked"]


@hookimpl
def eventx_gazetteer() -> list[dict[str, Any]]:
    """One person entry per record: name, aliases, country and title."""
    return [{"kind": "person", **{key: person[key] for key in ENTRY_KEYS}}
            for person in load_people()]
