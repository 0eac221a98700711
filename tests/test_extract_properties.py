"""Properties of extraction over arbitrary and generated text, with every built-in plugin."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st
from spacy.tokens import Doc

import eventx
from eventx.events import Event
from eventx.extractor import VERSIONED_NAME
from eventx.hookspecs import hookimpl
from eventx.testing import isolated_pipeline
from eventx.testing.checks import UNRELATED_SENTENCES
from eventx.testing.strategies import Example, examples

# strict: an extractor that raises fails the test instead of being logged and skipped.
PIPELINE = isolated_pipeline(builtins=True, strict=True)
NAMES = {extractor.name for _, extractor in PIPELINE.plugins.extractors}

WORDS = ["met", "meet", "talks", "summit", "tariffs", "duties", "troops", "withdraw", "deploy",
         "will", "not", "may", "the", "U.S.", "Washington", "China", "Japanese", "President",
         "in", "on", "from", "to", "Geneva", "25%", "4,500", "next", "month", "Monday", ".",
         ",", "\n\n", "(", ")", "'s", "—", "cancelled", "threatened"]
#: Arbitrary unicode, and word salads dense in triggers and cues.
any_text = st.text(max_size=400) | st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join)
#: Publication dates of news (the extreme years 1 and 9999 are a known bug, below).
news_dates = st.dates(dt.date(1800, 1, 1), dt.date(2200, 12, 31))
#: Generated sentences that can be followed by another sentence: after a final "U.S." the
#: next sentence cannot be told from a continuation (see test_generated_sentences).
followable = examples().filter(lambda example: not example.ends_with_abbreviation)
#: Several generated event sentences, joined into one document.
documents = st.lists(followable, min_size=1, max_size=4)


def _offsets(value: Any) -> Iterable[Any]:
    if isinstance(value, tuple):
        for item in value:
            yield from _offsets(item)
    elif attrs.has(type(value)):
        if hasattr(value, "start") and hasattr(value, "end"):
            yield value
        for field in attrs.fields(type(value)):
            yield from _offsets(getattr(value, field.name))


def _join(found: Sequence[Example]) -> str:
    return " ".join(example.text for example in found)


@given(any_text, st.one_of(st.none(), news_dates))
def test_extract_never_raises_on_arbitrary_text(text: str, date: dt.date | None) -> None:
    found = PIPELINE.extract(text, date=date)
    assert all(isinstance(event, Event) for event in found)


@given(any_text)
def test_offsets_lie_inside_arbitrary_text_and_match_it(text: str) -> None:
    for event in PIPELINE.extract(text):
        for mention in _offsets(event):
            assert 0 <= mention.start <= mention.end <= len(text)
            if hasattr(mention, "text"):
                assert text[mention.start:mention.end] == mention.text


@given(documents)
def test_offsets_of_every_mention_match_the_document(found: list[Example]) -> None:
    text = _join(found)
    extracted = PIPELINE.extract(text, date=found[0].date)
    assert extracted, text  # each sentence states an event
    for event in extracted:
        assert text[event.trigger.start:event.trigger.end] == event.trigger.text
        for mention in _offsets(event):
            assert 0 <= mention.start <= mention.end <= len(text)
            if hasattr(mention, "text"):
                assert text[mention.start:mention.end] == mention.text


@given(documents)
def test_the_sentence_of_an_event_is_the_generated_sentence_of_its_trigger(
    found: list[Example],
) -> None:
    text = _join(found)
    bounds, start = [], 0
    for example in found:
        bounds.append((start, start + len(example.text)))
        start += len(example.text) + 1
    for event in PIPELINE.extract(text, date=found[0].date):
        holding = [b for b in bounds if b[0] <= event.trigger.start < b[1]]
        assert [(event.sentence.start, event.sentence.end)] == holding, event


@given(documents)
def test_events_come_in_document_order(found: list[Example]) -> None:
    extracted = PIPELINE.extract(_join(found), date=found[0].date)
    starts = [event.trigger.start for event in extracted]
    assert starts == sorted(starts)


@given(any_text | documents.map(_join), st.one_of(st.none(), news_dates))
def test_extraction_is_deterministic(text: str, date: dt.date | None) -> None:
    assert PIPELINE.extract(text, date=date) == PIPELINE.extract(text, date=date)


FRESH = isolated_pipeline(builtins=True, strict=True)


@given(documents)
def test_a_second_pipeline_gives_the_same_events(found: list[Example]) -> None:
    text = _join(found)
    assert FRESH.extract(text, date=found[0].date) == PIPELINE.extract(text, date=found[0].date)


def _shift(value: Any, delta: int) -> Any:
    if isinstance(value, tuple):
        return tuple(_shift(item, delta) for item in value)
    if not attrs.has(type(value)):
        return value
    changes = {f.name: _shift(getattr(value, f.name), delta) for f in attrs.fields(type(value))}
    if "start" in changes and "end" in changes:
        changes["start"] += delta
        changes["end"] += delta
    return attrs.evolve(value, **changes)


@given(followable, st.lists(st.sampled_from(UNRELATED_SENTENCES), max_size=3),
       st.lists(st.sampled_from(UNRELATED_SENTENCES), max_size=3))
def test_unrelated_sentences_around_a_sentence_only_shift_its_events(
    example: Example, before: list[str], after: list[str],
) -> None:
    prefix = "".join(f"{s} " for s in before)
    text = prefix + example.text + "".join(f" {s}" for s in after)
    alone = [_shift(e, len(prefix)) for e in PIPELINE.extract(example.text, date=example.date)]
    assert PIPELINE.extract(text, date=example.date) == alone


@given(documents)
def test_every_event_names_a_registered_versioned_extractor(found: list[Example]) -> None:
    for event in PIPELINE.extract(_join(found), date=found[0].date):
        assert VERSIONED_NAME.match(event.extractor)
        assert event.extractor in NAMES
        assert type(event) is PIPELINE.event_types[event.event_type]
        assert 0.0 <= event.confidence <= 1.0


@given(st.lists(documents.map(lambda f: (_join(f), f[0].date)), min_size=1, max_size=5),
       st.integers(1, 4))
def test_pipe_gives_what_extract_gives_for_each_document(
    docs: list[tuple[str, dt.date]], batch_size: int,
) -> None:
    inputs = [{"id": f"d{i}", "text": text, "date": date.isoformat()}
              for i, (text, date) in enumerate(docs)]
    results = list(PIPELINE.pipe(inputs, batch_size=batch_size))
    assert [r.id for r in results] == [d["id"] for d in inputs]
    for result, (text, date) in zip(results, docs, strict=True):
        assert result.events == PIPELINE.extract(text, date=date)


@given(examples())
def test_the_document_date_anchors_relative_times_only(example: Example) -> None:
    # Without a date, a relative time cannot be resolved; an absolute one keeps its value.
    undated = PIPELINE.extract(example.text)
    dated = PIPELINE.extract(example.text, date=example.date)
    assert [e.trigger for e in undated] == [e.trigger for e in dated]
    for before, after in zip(undated, dated, strict=True):
        if after.time is not None and before.time is not None and before.time.value:
            assert after.time.value == before.time.value, (before.time, after.time)


@given(st.sampled_from(["Japan met China on Friday.", "Japan will meet China next year.",
                        "Japan met China last month."]),
       st.sampled_from([dt.date(1, 1, 1), dt.date(9999, 12, 31)]))
def test_relative_times_near_the_ends_of_the_calendar_do_not_crash(
    text: str, date: dt.date
) -> None:
    (meeting,) = PIPELINE.extract(text, date=date)
    assert meeting.time is not None
    assert meeting.time.value is None or "0001" <= meeting.time.value[:4] <= "9999"


# -- the process-events and gazetteer hooks, exercised through real plugins --------------------

class DropTypes:
    """A plugin whose ``eventx_process_events`` drops the events of some types."""

    eventx_plugin_name = "test.drop-types"

    def __init__(self, types: Iterable[str]) -> None:
        self.types = frozenset(types)

    @hookimpl
    def eventx_process_events(self, doc: Doc, events: Sequence[Event]) -> list[Event]:
        assert isinstance(doc, Doc)
        return [event for event in events if event.event_type not in self.types]


@given(documents, st.sets(st.sampled_from(sorted(PIPELINE.event_types))))
def test_a_process_events_hook_filters_the_events(found: list[Example], drop: set[str]) -> None:
    pipeline = _pipeline_with(DropTypes(drop))
    text = _join(found)
    expected = [e for e in PIPELINE.extract(text, date=found[0].date) if e.event_type not in drop]
    assert pipeline.extract(text, date=found[0].date) == expected


_WITH_PLUGIN: dict[str, eventx.Pipeline] = {}


def _pipeline_with(plugin: object) -> eventx.Pipeline:
    key = repr(sorted(getattr(plugin, "types", ())))
    if key not in _WITH_PLUGIN:
        _WITH_PLUGIN[key] = isolated_pipeline(plugin, builtins=True, strict=True)
    return _WITH_PLUGIN[key]


class Freedonia:
    """A plugin adding a state that no real gazetteer knows, through ``eventx_gazetteer``."""

    eventx_plugin_name = "test.freedonia"

    @hookimpl
    def eventx_gazetteer(self) -> list[Mapping[str, Any]]:
        return [{"name": "Freedonia", "kind": "country", "country": "FRE",
                 "aliases": ["Freedonian Republic", "Fredonia"]}]


GAZETTEER_PIPELINE = isolated_pipeline(Freedonia(), builtins=True, strict=True)


@given(st.sampled_from(["Freedonia", "Freedonian Republic", "Fredonia"]),
       st.sampled_from(["Japan", "Canada", "France"]))
def test_a_gazetteer_hook_adds_actors_that_extractors_use(alias: str, other: str) -> None:
    text = f"{alias} and {other} held talks in Geneva."
    (meeting,) = GAZETTEER_PIPELINE.extract(text)
    freedonia = [a for a in meeting.participants if a.country == "FRE"]
    assert [(a.name, a.kind, a.text.lower()) for a in freedonia] == [
        ("Freedonia", eventx.ActorKind.COUNTRY, alias.lower())]
    assert meeting.participants[0].start == 0
