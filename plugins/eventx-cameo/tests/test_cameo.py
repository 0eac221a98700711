"""The CAMEO actor dictionary plugin: reading the format, dated roles, and coding actors."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest
from eventx import Pipeline
from hypothesis import given
from hypothesis import strategies as st

from eventx_cameo import ENV, ActorDictionary, CameoActors, Role, load_dictionary
from eventx_cameo.dictionary import parse_date, read_records

# A dictionary of the project's own writing, in the PETRARCH format.
DICTIONARY = """\
# persons with dated roles
RONALD_REAGAN_  ; fortieth president
+REAGAN_
+PRESIDENT_REAGAN_
\t[USAELI 670102-750106]
\t[USAGOV 810120-890120]

YASUHIRO_NAKASONE_ [JPNGOV 821127-871106]
+NAKASONE_

<!-- a body, coded without dates,
     and a country, left to eventx's own names -->
WORLD_BANK_ [IGOWBK]
AFGHANISTAN_  [AFG]
+KABUL_

JAMES_BAKER_ [USAELI]
+BAKER_
\t[USAGOV 850204-880817]
"""


@pytest.fixture()
def path(tmp_path: Path) -> Path:
    file = tmp_path / "actors.txt"
    file.write_text(DICTIONARY, encoding="utf-8")
    return file


def test_records_and_their_roles(path: Path) -> None:
    dictionary = load_dictionary(path)
    reagan = dictionary.lookup("Reagan")
    assert reagan is not None and dictionary.lookup("Ronald Reagan") is reagan
    assert reagan.phrases == ("RONALD REAGAN", "REAGAN", "PRESIDENT REAGAN")
    assert reagan.default is None
    assert reagan.roles == (Role("USAELI", dt.date(1967, 1, 2), dt.date(1975, 1, 6)),
                            Role("USAGOV", dt.date(1981, 1, 20), dt.date(1989, 1, 20)))
    nakasone = dictionary.lookup("NAKASONE")
    assert nakasone is not None
    assert nakasone.roles == (Role("JPNGOV", dt.date(1982, 11, 27), dt.date(1987, 11, 6)),)
    assert dictionary.lookup("World Bank").default == "IGOWBK"  # type: ignore[union-attr]
    assert dictionary.lookup("Kabul").default == "AFG"  # type: ignore[union-attr]


def test_roles_at_a_date(path: Path) -> None:
    baker = load_dictionary(path).lookup("Baker")
    assert baker is not None
    assert baker.role_at(dt.date(1987, 3, 2)) == Role("USAGOV", dt.date(1985, 2, 4),
                                                      dt.date(1988, 8, 17))
    assert baker.role_at(dt.date(1990, 1, 1)) == Role("USAELI")  # the default
    assert baker.role_at(None) == Role("USAELI")
    reagan = load_dictionary(path).lookup("Reagan")
    assert reagan is not None and reagan.role_at(dt.date(2025, 1, 1)) is None
    assert reagan.role_at(dt.date(1989, 1, 20)) == reagan.roles[1]  # the last day counts


def test_code_parts() -> None:
    assert (Role("USAGOV").country, Role("USAGOV").sector) == ("USA", "GOV")
    assert (Role("JPNMIL").country, Role("JPNMIL").sector) == ("JPN", "MIL")
    assert (Role("IGOWBK").country, Role("IGOWBK").sector) == (None, None)
    assert (Role("AFG").country, Role("AFG").sector) == ("AFG", None)


@given(st.dates(dt.date(1931, 1, 1), dt.date(2030, 12, 31)))
def test_two_and_four_digit_years(day: dt.date) -> None:
    assert parse_date(day.strftime("%Y%m%d")) == day
    assert parse_date(day.strftime("%y%m%d")) == day


def test_unreadable_lines_are_skipped_with_the_line_number(
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        records = list(read_records(["GOOD_ [USAGOV]", "BAD_ [USAGOV 1981-89]"], "x.txt"))
    assert [r.phrases for r in records] == [("GOOD",), ("BAD",)]
    assert "x.txt:2: skipped" in caplog.text


def test_reagan_met_nakasone_in_1987_and_in_2025(path: Path) -> None:
    pipeline = Pipeline(plugins=[CameoActors([path])], entry_points=False)
    (event,) = pipeline.extract("Reagan met Nakasone in Washington.", date="1987-03-02")
    assert [(a.name, a.country, a.cameo) for a in event.participants] == [
        ("Ronald Reagan", "USA", "USAGOV"), ("Yasuhiro Nakasone", "JPN", "JPNGOV")]
    (later,) = pipeline.extract("Reagan met Nakasone in Washington.", date="2025-03-02")
    assert [(a.country, a.cameo) for a in later.participants] == [(None, None), (None, None)]


def test_a_country_the_text_states_is_kept(tmp_path: Path) -> None:
    file = tmp_path / "actors.txt"
    file.write_text("NAKASONE_ [USAGOV]\n", encoding="utf-8")  # a wrong entry
    pipeline = Pipeline(plugins=[CameoActors([file])], entry_points=False)
    (event,) = pipeline.extract("Japanese Prime Minister Nakasone met the Chinese premier.")
    nakasone = event.participants[0]
    assert (nakasone.country, nakasone.cameo) == ("JPN", None)


def test_the_environment_names_the_dictionaries(path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    plugin = CameoActors()
    monkeypatch.delenv(ENV, raising=False)
    assert plugin.paths == []
    monkeypatch.setenv(ENV, str(path))
    assert plugin.paths == [str(path)]
    assert len(plugin.dictionary()) == len(load_dictionary(path))


def test_the_dictionary_is_read_once(path: Path) -> None:
    assert load_dictionary(path) is load_dictionary(path)
    path.write_text(DICTIONARY + "\nMIKHAIL_GORBACHEV_ [SUNGOV]\n", encoding="utf-8")
    assert load_dictionary(path).lookup("Mikhail Gorbachev") is not None


def test_an_earlier_dictionary_wins_a_phrase(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("BAKER_ [USAGOV]\n", encoding="utf-8")
    second.write_text("BAKER_ [GBRBUS]\nSMITH_ [GBRBUS]\n", encoding="utf-8")
    merged = load_dictionary(first, second)
    assert merged.lookup("Baker").default == "USAGOV"  # type: ignore[union-attr]
    assert merged.lookup("Smith").default == "GBRBUS"  # type: ignore[union-attr]
    assert isinstance(merged, ActorDictionary)
