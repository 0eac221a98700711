"""The trained scorer: training, calibration, thresholds, saving and the shipped model."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy
import pytest
from hypothesis import given
from hypothesis import strategies as st

import eventx
from eventx.cli import main
from eventx.errors import InputError
from eventx.scoring import DEFAULT, Platt, Scorer, default_path
from eventx.scoring.gold import GoldDocument
from eventx.scoring.labels import NOT_EVENT
from eventx.scoring.metrics import Judged, expected_calibration_error, judge, reliability
from eventx.scoring.training import (
    Candidate,
    CandidateSet,
    average_model,
    best_threshold,
    collect_candidates,
    fit_model,
    held_out_figures,
    reported_as,
    train,
)

GOLD = Path(__file__).resolve().parent.parent / "docs" / "examples" / "codebook-gold.jsonl"
KEPT = "Diplomats from Spain and Italy met in Vienna on Friday."
NEVER = "Officials from Spain and Italy held a video call on Friday."
SENTENCES = [KEPT, NEVER, "The trade ministers of Peru and Ghana will meet in Oslo next week.",
             "Chile imposed tariffs of 30% on wheat from Peru.",
             "Leaders will hold a summit in Rome.", "The talks collapsed.", "Nothing happened."]
texts = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4).map(" ".join)


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("scorer")
    rules = eventx.Pipeline(scorer=None, entry_points=False)
    train([GOLD], output, pipeline=rules, seed=0)
    return output


@pytest.fixture(scope="module")
def pipelines(trained: Path) -> dict[float, eventx.Pipeline]:
    base = eventx.Pipeline(scorer=None, entry_points=False)
    return {cut: base.with_scorer(trained, min_confidence=cut) for cut in (0.0, 0.3, 0.6, 0.9)}


def test_training_writes_a_scorer_that_loads_and_scores(trained: Path) -> None:
    scorer = Scorer.load(trained)
    assert set(scorer.settings.types) == {"Meeting", "TariffAction"}
    assert 0.0 <= scorer.threshold <= 1.0
    events = eventx.Pipeline(scorer=scorer, entry_points=False).extract(KEPT)
    assert [e.event_type for e in events] == ["Meeting"]
    assert 0.5 < events[0].confidence < 1.0


def test_a_trigger_word_that_is_never_an_event_is_dropped(trained: Path) -> None:
    rules = eventx.Pipeline(scorer=None, entry_points=False)
    assert [e.trigger.text for e in rules.extract(NEVER)] == ["video call"]  # rules propose it
    scored = rules.with_scorer(trained)
    assert scored.extract(NEVER) == []
    assert [e.trigger.text for e in scored.extract(KEPT)] == ["met"]
    kept_but_unsure = rules.with_scorer(trained, min_confidence=0.0).extract(NEVER)
    assert kept_but_unsure[0].confidence < 0.2


def test_training_is_deterministic(trained: Path, tmp_path: Path) -> None:
    train([GOLD], tmp_path, pipeline=eventx.Pipeline(scorer=None, entry_points=False), seed=0)
    for name in ("textcat/model", "eventx-scorer.json", "config.cfg"):
        assert (tmp_path / name).read_bytes() == (trained / name).read_bytes(), name


@given(text=texts, cuts=st.lists(st.sampled_from([0.0, 0.3, 0.6, 0.9]), min_size=2,
                                 max_size=2, unique=True).map(sorted))
def test_raising_min_confidence_never_adds_an_event(
    pipelines: dict[float, eventx.Pipeline], text: str, cuts: list[float]
) -> None:
    low, high = (pipelines[cut].extract(text) for cut in cuts)
    assert all(event in low for event in high)
    assert all(event.confidence >= cuts[1] for event in high)


@given(text=texts)
def test_confidence_is_a_probability_and_output_is_deterministic(
    pipelines: dict[float, eventx.Pipeline], text: str
) -> None:
    events = pipelines[0.0].extract(text)
    assert all(0.0 <= event.confidence <= 1.0 for event in events)
    assert pipelines[0.0].extract(text) == events


@pytest.fixture(scope="module")
def reloaded(trained: Path, pipelines: dict[float, eventx.Pipeline],
             tmp_path_factory: pytest.TempPathFactory) -> eventx.Pipeline:
    copy = tmp_path_factory.mktemp("copy")
    Scorer.load(trained).save(copy)
    return pipelines[0.0].with_scorer(Scorer.load(copy), min_confidence=0.0)


@given(text=texts)
def test_a_saved_and_reloaded_scorer_gives_the_same_confidences(
    pipelines: dict[float, eventx.Pipeline], reloaded: eventx.Pipeline, text: str
) -> None:
    first = pipelines[0.0].extract(text)
    assert [e.confidence for e in reloaded.extract(text)] == [e.confidence for e in first]


@given(st.lists(st.lists(st.floats(0.0, 1.0), min_size=7, max_size=7), min_size=1,
                max_size=20))
def test_decided_confidences_are_probabilities(rows: list[list[float]]) -> None:
    scorer = Scorer.load(DEFAULT)
    array = numpy.array(rows) + 1e-9
    decided = scorer.decide(array / array.sum(axis=1, keepdims=True))
    assert all(0.0 <= confidence <= 1.0 for confidence, _ in decided)


def test_bad_gold_lines_are_named(tmp_path: Path) -> None:
    good = GOLD.read_text(encoding="utf-8").splitlines()[0]
    broken = tmp_path / "broken.jsonl"
    broken.write_text(f"{good}\n{good}\n{{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.jsonl:3: not valid JSON"):
        train([broken], tmp_path / "out")
    unknown = tmp_path / "unknown.jsonl"
    unknown.write_text(f"{good}\n" + good.replace('"Meeting"', '"Parade"') + "\n",
                       encoding="utf-8")
    with pytest.raises(InputError, match=r"unknown\.jsonl:2: event 1 has unknown type 'Parade'"):
        train([unknown], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_bad_gold_line_is_one_line_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "x", "events": [{"type": "Meeting"}]}\n',
                   encoding="utf-8")
    assert main(["train", str(bad), "-o", str(tmp_path / "out")]) == 2
    assert "bad.jsonl:1: event 1 needs a trigger" in capsys.readouterr().err


def test_bad_training_options_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["train", str(GOLD), "-o", str(tmp_path / "out"), "--folds", "1"]) == 2
    assert "--folds must be at least 2" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_train_and_extract_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "scorer"
    assert main(["train", str(GOLD), "-o", str(out), "--eval", str(GOLD),
                 "--block", "example"]) == 0
    printed = capsys.readouterr().out
    assert "trained on 40 documents, 40 candidates of Meeting, TariffAction" in printed
    assert "rules alone" in printed and "expected calibration error" in printed
    text = tmp_path / "in.txt"
    text.write_text(f"{KEPT} {NEVER}", encoding="utf-8")

    def extract(*options: str) -> list[dict[str, object]]:
        assert main(["extract", str(text), "-q", "--block", "example", *options]) == 0
        return json.loads(capsys.readouterr().out)["events"]  # type: ignore[no-any-return]

    assert [e["trigger"]["text"] for e in extract("--scorer", str(out))] == ["met"]
    assert [e["confidence"] for e in extract("--scorer", "none")] == [1.0, 1.0]
    assert len(extract("--scorer", str(out), "--min-confidence", "0")) == 2
    assert extract("--scorer", str(out), "--min-confidence", "1") == []


def test_the_shipped_scorer_loads_lazily_and_scores_a_known_sentence() -> None:
    scorer = Scorer.load(DEFAULT)
    assert not hasattr(scorer._nlp, "pipe_names")  # not loaded yet
    size = sum(f.stat().st_size for f in default_path().rglob("*") if f.is_file())
    assert size < 10 * 2**20
    pipeline = eventx.Pipeline(scorer=scorer, entry_points=False)
    events = pipeline.extract("The two foreign ministers met in Geneva on Monday.")
    assert [e.event_type for e in events] == ["Meeting"]
    assert scorer.threshold <= events[0].confidence < 1.0
    assert {"Meeting", "Summit", "TariffAction", "TroopAdjustment"} <= set(scorer.settings.types)


def test_the_default_pipeline_uses_the_shipped_scorer() -> None:
    assert eventx.Pipeline(entry_points=False).engine.scorer is not None
    assert eventx.Pipeline(scorer=None, entry_points=False).engine.min_confidence == 0.0


def test_a_directory_without_a_scorer_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no eventx scorer here"):
        eventx.Pipeline(scorer=tmp_path)


def test_platt_recovers_a_known_miscalibration() -> None:
    rng = numpy.random.default_rng(0)
    raw = rng.uniform(0.01, 0.99, 20000)
    truth = Platt(2.0, 0.5)(raw)
    outcomes = rng.uniform(size=raw.size) < truth
    fitted = Platt.fit(raw, outcomes)
    assert fitted.a == pytest.approx(2.0, abs=0.1)
    assert fitted.b == pytest.approx(0.5, abs=0.1)


@given(st.lists(st.floats(0.0, 1.0), min_size=2, max_size=30))
def test_platt_keeps_the_order_and_the_range(probabilities: list[float]) -> None:
    calibrated = Platt(1.7, -0.3)(sorted(probabilities))
    assert numpy.all(numpy.diff(calibrated) >= 0)
    assert numpy.all((calibrated >= 0) & (calibrated <= 1))


def test_expected_calibration_error_by_hand() -> None:
    # bin 0.1-0.2: confidences 0.1, 0.1 -> mean 0.1, precision 0.5; gap 0.4 over 2 events
    # bin 0.9-1.0: confidences 0.9, 1.0 -> mean 0.95, precision 1.0; gap 0.05 over 2 events
    judged = Judged(numpy.array([0.1, 0.1, 0.9, 1.0]),
                    numpy.array([True, False, True, True]), gold_events=4)
    assert [(b.count, b.precision) for b in reliability(judged)] == [(2, 0.5), (2, 1.0)]
    assert expected_calibration_error(judged) == pytest.approx((2 * 0.4 + 2 * 0.05) / 4)


def test_judge_matches_by_type_and_trigger_and_skips_optional_events() -> None:
    gold = [{"id": "d", "events": [
        {"type": "Meeting", "trigger": {"start": 0, "end": 3}},
        {"type": "Summit", "trigger": {"start": 10, "end": 16}, "optional": True}]}]
    predicted = [{"id": "d", "events": [
        {"type": "Meeting", "trigger": {"start": 1, "end": 2}, "confidence": 0.7},
        {"type": "Summit", "trigger": {"start": 10, "end": 12}, "confidence": 0.4},
        {"type": "Summit", "trigger": {"start": 20, "end": 22}, "confidence": 0.2}]}]
    judged = judge(gold, predicted)
    assert judged.confidences.tolist() == [0.7, 0.2]
    assert judged.correct.tolist() == [True, False]
    assert judged.gold_events == 1


def test_best_threshold_counts_the_missed_gold_events() -> None:
    # 3 candidates (true, true, false) and 4 gold events: keeping all gives F1 4/7,
    # dropping the false one (threshold 0.5) gives 4/6.
    confidences = numpy.array([0.9, 0.6, 0.2])
    threshold = best_threshold(confidences, numpy.array([True, True, False]), 4)
    assert 0.2 < threshold <= 0.6
    assert math.isclose(threshold, 0.6)


def test_the_spacy_component_takes_a_scorer_directory(trained: Path) -> None:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("eventx", config={"scorer": str(trained), "block": ["example"]})
    assert nlp(NEVER)._.events == []
    unscored = spacy.blank("en")
    unscored.add_pipe("eventx", config={"scorer": None, "block": ["example"]})
    assert [e.confidence for e in unscored(NEVER)._.events] == [1.0]


def _meeting(start: int, end: int) -> eventx.Meeting:
    return eventx.Meeting(trigger=eventx.Span(start=start, end=end, text="x" * (end - start)),
                          sentence=eventx.Sentence(start=0, end=40))


def _summit(start: int, end: int) -> eventx.Summit:
    return eventx.Summit(trigger=eventx.Span(start=start, end=end, text="x" * (end - start)),
                         sentence=eventx.Sentence(start=0, end=40))


def test_a_candidate_is_the_reported_event_on_its_trigger_or_none() -> None:
    candidates = [_meeting(0, 3), _summit(5, 9), _meeting(5, 9), _meeting(20, 23)]
    # the hooks turned the first meeting into a summit, dropped the meeting on the summit's
    # trigger and the last meeting, and kept the summit
    reported = [_summit(0, 3), _summit(5, 9)]
    assert reported_as(candidates, reported) == [0, 1, None, None]


def test_a_meeting_of_leaders_is_labelled_as_the_summit_it_is_reported_as() -> None:
    text = "President Joe Biden met Chinese President Xi Jinping in Bali on Monday."
    start = text.index("met")
    rules = eventx.Pipeline(scorer=None, entry_points=False)
    assert [e.event_type for e in rules.engine.extract(rules.nlp(text))] == ["Meeting"]
    assert [e.event_type for e in rules.extract(text)] == ["Summit"]
    for gold_type, label in (("Summit", "occurred"), ("Meeting", NOT_EVENT)):
        gold = GoldDocument(source="test", id="a", text=text, date=None, events=(
            {"type": gold_type, "trigger": {"start": start, "end": start + 3, "text": "met"},
             "status": "occurred"},))
        data = collect_candidates([gold], rules)
        assert [c.label for c in data.candidates] == [label]


def test_held_out_figures_by_hand() -> None:
    # Two true events (the rules say "occurred" for both; gold: occurred, planned), one false
    # candidate, four gold events. Columns: not-event, then the statuses in Status order.
    data = CandidateSet((Candidate(0, ("a",), "occurred", "occurred"),
                         Candidate(0, ("b",), "occurred", "planned"),
                         Candidate(1, ("c",), "occurred", NOT_EVENT)), 4, ("Meeting",))
    rows = numpy.array([[0.1, 0.9, 0.0, 0, 0, 0, 0],
                        [0.2, 0.16, 0.64, 0, 0, 0, 0],   # planned: 0.8 of the event share
                        [0.8, 0.2, 0.0, 0, 0, 0, 0]])
    figures = held_out_figures(rows, numpy.array([0.9, 0.6, 0.2]), data, threshold=0.5,
                               status_threshold=0.7)
    assert figures == {"event_f1_rules": round(4 / 7, 4), "event_f1_scored": round(4 / 6, 4),
                       "status_accuracy_rules": 0.5, "status_accuracy_scored": 1.0,
                       "calibration_error": round((0.1 + 0.4 + 0.2) / 3, 4)}


def test_the_average_model_has_the_mean_weights() -> None:
    candidates = [Candidate(0, ("envoys", "met"), "occurred", "occurred"),
                  Candidate(1, ("a", "video", "call"), "occurred", NOT_EVENT)]
    models = [fit_model(candidates, seed=0, epochs=2), fit_model(candidates[:1], seed=0, epochs=3)]
    weights = [{(i, name): numpy.array(layer.get_param(name))
                for i, layer in enumerate(model.get_pipe("textcat").model.walk())
                for name in layer.param_names if layer.has_param(name)} for model in models]
    assert any(not numpy.array_equal(weights[0][k], weights[1][k]) for k in weights[0])
    averaged = average_model(models).get_pipe("textcat").model
    for i, layer in enumerate(averaged.walk()):
        for name in layer.param_names:
            if layer.has_param(name):
                expected = (weights[0][i, name] + weights[1][i, name]) / 2
                assert numpy.allclose(layer.get_param(name), expected)
