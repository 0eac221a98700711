"""The data file: well-formed records, valid gazetteer entries, unambiguous names, coverage."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any

import pycountry
import pytest
from eventx.analysis.gazetteer import entry_from_mapping

from eventx_leaders import LAST_CHECKED, load_people
from eventx_leaders.plugin import eventx_gazetteer

PEOPLE = load_people()
CURRENT = [p for p in PEOPLE if p["until"] is None]
ROLES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister",
         "chief_of_defence"}
G20_STATES = {"ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN",
              "MEX", "RUS", "SAU", "ZAF", "KOR", "TUR", "GBR", "USA"}
#: Family names shared by millions: an alias of one of these alone names no one.
COMMON_SURNAMES = {"Lee", "Kim", "Park", "Pak", "Choi", "Choe", "Cho", "Jin", "Li", "Wang",
                   "Zhang", "Liu", "Chen", "Singh", "Ri", "No", "Ahn", "Yoon", "Dong"}
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def test_last_checked_is_an_iso_day_after_every_term_start() -> None:
    checked = dt.date.fromisoformat(LAST_CHECKED)
    assert checked.isoformat() == LAST_CHECKED
    assert max(p["since"] for p in PEOPLE) <= LAST_CHECKED


@pytest.mark.parametrize("person", PEOPLE, ids=lambda p: p["name"])
def test_record_is_well_formed(person: dict[str, Any]) -> None:
    assert set(person) >= {"name", "aliases", "country", "title", "office", "roles", "since",
                           "until"}
    country = person["country"]
    if country is None:
        assert person.get("body") in ("European Union", "African Union")
    else:
        assert pycountry.countries.get(alpha_3=country) is not None
    assert person["roles"] and set(person["roles"]) <= ROLES
    assert PARTIAL_DATE.match(person["since"])
    if person["until"] is not None:
        assert PARTIAL_DATE.match(person["until"])
        assert person["since"] < person["until"] <= LAST_CHECKED
    assert person["since"] <= LAST_CHECKED
    assert person["name"] not in person["aliases"]
    assert not set(person["aliases"]) & COMMON_SURNAMES


def test_every_entry_is_accepted_by_eventx() -> None:
    entries = [entry_from_mapping(data, "leaders") for data in eventx_gazetteer()]
    assert len(entries) == len(PEOPLE)
    assert {e.kind for e in entries} == {"person"}


def test_no_surface_form_names_two_people() -> None:
    forms = Counter(form for p in PEOPLE for form in {p["name"], *p["aliases"]})
    assert [form for form, count in forms.items() if count > 1] == []


def test_one_current_holder_per_single_seat() -> None:
    seats = Counter((p["country"], role) for p in CURRENT for role in p["roles"]
                    if p["country"] is not None and role != "chief_of_defence")
    # Mexico has two defence secretaries: National Defense, and the Navy.
    assert {seat for seat, count in seats.items() if count > 1} == {("MEX",
                                                                     "defence_minister")}


@pytest.mark.parametrize("country", sorted(G20_STATES | {"PRK"}))
def test_every_office_of_the_g20_and_both_koreas_is_filled(country: str) -> None:
    roles = {role for p in CURRENT for role in p["roles"]
             if p["country"] == country or country in p.get("realms", ())}
    assert roles == ROLES
