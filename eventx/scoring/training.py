"""Training a scorer from gold JSON Lines: ``eventx train`` and :func:`train`.

1. The rules (the pipeline without a scorer) propose candidates in every gold document.
   Each is labelled by :func:`~eventx.scoring.gold.candidate_labels` as the event it is
   reported as: the ``eventx_process_events`` hooks, which run after the scorer, may turn
   it into another type (a meeting of leaders into a Summit) or drop it as a repeat;
   dropped ones are left out.
2. The documents are split into folds; a model trained on the other folds predicts each
   fold, so every candidate gets a held-out probability.
3. On those held-out probabilities a Platt calibration is fitted, and the default
   threshold (the one with the best event F1, counting the gold events the rules missed)
   and the status threshold (the best status accuracy) are chosen; the figures they give
   there are kept with the settings (``training["held_out"]``).
4. The average of the models of step 2 (the mean of their weights) is saved with those
   settings: the calibration was fitted on their predictions, so it fits the model saved
   (a model trained once on all documents would be more sure of itself than they were).

Training is deterministic: the same gold files, pipeline, seed and versions of spaCy and
thinc give the same model, byte for byte.
"""

from __future__ import annotations

import logging
import math
import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs
import numpy
import spacy
from spacy import about
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch  # type: ignore[attr-defined]

from eventx.errors import InputError
from eventx.events import Event
from eventx.pipeline import Pipeline
from eventx.scoring.calibration import Platt
from eventx.scoring.features import candidate_words
from eventx.scoring.gold import GoldDocument, candidate_labels, read_gold
from eventx.scoring.labels import LABELS, NOT_EVENT, STATUSES
from eventx.scoring.metrics import Judged, expected_calibration_error
from eventx.scoring.scorer import Scorer, ScorerSettings

log = logging.getLogger(__name__)

#: Hashed feature slots of the bag-of-words model (its size is slots x labels x 4 bytes).
FEATURE_SLOTS = 2**15
#: Thresholds whose held-out event F1 is this close to the best count as equally good.
F1_TOLERANCE = 0.01


@attrs.frozen
class Candidate:
    """One candidate of a gold document: the words the model sees, the rules' status and its
    gold label (a status or :data:`NOT_EVENT`)."""

    document: int
    words: tuple[str, ...]
    rule_status: str
    label: str


@attrs.frozen
class CandidateSet:
    """The candidates of some gold documents and how many required gold events they hold."""

    candidates: tuple[Candidate, ...]
    gold_events: int
    types: tuple[str, ...]


def reported_as(candidates: Sequence[Event], reported: Sequence[Event]) -> list[int | None]:
    """For each candidate, the index of the reported event it became (the one with the same
    trigger, of the same type if there is one), or None when the hooks dropped it."""
    by_trigger: dict[tuple[int, int], list[int]] = defaultdict(list)
    for j, event in enumerate(reported):
        by_trigger[event.trigger.start, event.trigger.end].append(j)
    result: list[int | None] = [None] * len(candidates)
    taken: set[int] = set()
    for same_type in (True, False):
        for i, event in enumerate(candidates):
            for j in by_trigger[event.trigger.start, event.trigger.end]:
                if result[i] is None and j not in taken and (
                        not same_type or reported[j].event_type == event.event_type):
                    result[i] = j
                    taken.add(j)
    return result


def collect_candidates(documents: Sequence[GoldDocument], pipeline: Pipeline) -> CandidateSet:
    """The rules' candidates in ``documents``, labelled as the events they are reported as
    (those matching optional gold events, or dropped by the hooks, left out)."""
    rules = pipeline.with_scorer(None)
    candidates = []
    gold_events = 0
    types: set[str] = set()
    for index, document in enumerate(documents):
        doc = rules.nlp(document.text)
        reported = rules.engine(doc, date=document.date, doc_id=document.id)
        events = rules.engine.extract(doc, date=document.date, doc_id=document.id)
        labels = candidate_labels(document.events, reported)
        gold_events += sum(1 for event in document.events if not event.get("optional"))
        types.update(str(event["type"]) for event in document.events)
        for event, j in zip(events, reported_as(events, reported), strict=True):
            if j is not None and labels[j] is not None:
                candidates.append(Candidate(index, tuple(candidate_words(doc, event)),
                                            event.status.value, str(labels[j])))
    return CandidateSet(tuple(candidates), gold_events, tuple(sorted(types)))


def _textcat_config() -> dict[str, object]:
    return {"model": {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True,
                      "ngram_size": 2, "no_output_layer": False, "length": FEATURE_SLOTS}}


def fit_model(candidates: Sequence[Candidate], *, seed: int, epochs: int) -> Language:
    """A spaCy pipeline whose ``textcat`` is trained on ``candidates``."""
    fix_random_seed(seed)
    nlp = spacy.blank("en")
    textcat: Any = nlp.add_pipe("textcat", config=_textcat_config())
    for label in LABELS:
        textcat.add_label(label)
    examples = [Example.from_dict(Doc(nlp.vocab, words=list(c.words)),
                                  {"cats": {label: float(label == c.label) for label in LABELS}})
                for c in candidates]
    optimizer = nlp.initialize(lambda: examples)
    order = random.Random(seed)
    for epoch in range(epochs):
        order.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=16):  # type: ignore[no-untyped-call]
            nlp.update(batch, sgd=optimizer, losses=losses)
        log.debug("epoch %d: loss %.3f", epoch + 1, losses.get("textcat", 0.0))
    return nlp


def _folds(documents: int, folds: int, seed: int) -> list[int]:
    """The fold of each document, documents shuffled with ``seed``."""
    order = list(range(documents))
    random.Random(seed).shuffle(order)
    fold = [0] * documents
    for position, document in enumerate(order):
        fold[document] = position % folds
    return fold


@attrs.frozen
class CrossValidation:
    """Each candidate's raw probabilities from models that did not see its document (the
    mean over the repeats), and those models."""

    rows: numpy.ndarray
    models: tuple[Language, ...]


def cross_validate(data: CandidateSet, *, folds: int, seed: int, epochs: int,
                   repeats: int = 1) -> CrossValidation:
    """Train a model on all folds but one and predict that one, for each of ``folds`` folds
    and ``repeats`` different splits into folds."""
    documents = 1 + max((c.document for c in data.candidates), default=0)
    rows = numpy.zeros((len(data.candidates), len(LABELS)))
    models = []
    for repeat in range(repeats):
        fold_of = _folds(documents, folds, seed + repeat)
        for fold in range(folds):
            held = [i for i, c in enumerate(data.candidates) if fold_of[c.document] == fold]
            train = [c for c in data.candidates if fold_of[c.document] != fold]
            if not held or not train:
                continue
            model = fit_model(train, seed=seed + repeat, epochs=epochs)
            models.append(model)
            rows[held] += _unsaved_scorer(model, data.types).probabilities(
                [data.candidates[i].words for i in held])
    return CrossValidation(rows / repeats, tuple(models))


def average_model(models: Sequence[Language]) -> Language:
    """The first model with every weight replaced by its mean over ``models`` (same
    architecture and labels). For the linear bag-of-words classifier that is the model
    whose scores, before the softmax, are the mean of theirs."""
    textcats: list[Any] = [model.get_pipe("textcat") for model in models]
    layers = [list(textcat.model.walk()) for textcat in textcats]
    for position, layer in enumerate(layers[0]):
        for name in layer.param_names:
            if layer.has_param(name):
                layer.set_param(name, sum(nodes[position].get_param(name)
                                          for nodes in layers) / len(models))
    return models[0]


def _unsaved_scorer(nlp: Language, types: Iterable[str],
                    settings: ScorerSettings | None = None) -> Scorer:
    return Scorer(nlp, settings or ScorerSettings(types=tuple(types), threshold=0.0,
                                                  status_threshold=1.0))


def best_threshold(confidences: numpy.ndarray, is_event: numpy.ndarray,
                   gold_events: int) -> float:
    """The lowest threshold on confidence whose event F1 is within :data:`F1_TOLERANCE` of
    the best, where events below it are dropped and ``gold_events`` counts every gold event,
    found by the rules or not. Of thresholds that small data cannot tell apart, the one that
    drops the fewest events is taken."""
    thresholds = sorted({0.0, *numpy.round(confidences, 3).tolist()})
    scores = []
    for threshold in thresholds:
        kept = confidences >= threshold
        tp = int((kept & is_event).sum())
        predicted = int(kept.sum())
        scores.append(2 * tp / (predicted + gold_events) if predicted + gold_events else 0.0)
    best = max(scores)
    return float(next(t for t, f1 in zip(thresholds, scores, strict=True)
                      if f1 >= best - F1_TOLERANCE))


def _statuses(rows: numpy.ndarray, data: CandidateSet) -> tuple[
        list[str], numpy.ndarray, list[str], list[str]]:
    """On the true events: the model's status, its share of the probability of an event,
    the rules' status and the gold status."""
    events = [i for i, c in enumerate(data.candidates) if c.label != NOT_EVENT]
    statuses = rows[events][:, 1:]
    share = statuses.max(axis=1) / numpy.maximum(statuses.sum(axis=1), 1e-12)
    return ([STATUSES[j] for j in statuses.argmax(axis=1)], share,
            [data.candidates[i].rule_status for i in events],
            [data.candidates[i].label for i in events])


def _right_statuses(rows: numpy.ndarray, data: CandidateSet, threshold: float) -> int:
    """How many true events get their gold status when the model's status replaces the
    rules' from ``threshold`` on."""
    model, share, rules, gold = _statuses(rows, data)
    return sum((m if s >= threshold else r) == g
               for m, s, r, g in zip(model, share, rules, gold, strict=True))


def best_status_threshold(rows: numpy.ndarray, data: CandidateSet) -> float:
    """The least share of the model's status (of the probability of an event) at which it
    replaces the rules' status, chosen for the most right statuses on true events."""
    share = _statuses(rows, data)[1]
    if not share.size:
        return 1.0
    best, best_right = 1.0, -1
    for threshold in sorted({1.0, *numpy.round(share, 3).tolist()}):
        right = _right_statuses(rows, data, threshold)
        if right > best_right:
            best, best_right = float(threshold), right
    return best


def held_out_figures(rows: numpy.ndarray, confidences: numpy.ndarray, data: CandidateSet,
                     threshold: float, status_threshold: float) -> dict[str, float]:
    """Event F1 and status accuracy of the rules alone and with the scorer, and the
    calibration error, on the held-out predictions the settings were chosen on (so a
    little optimistic)."""
    is_event = numpy.array([c.label != NOT_EVENT for c in data.candidates])
    kept = confidences >= threshold
    events = max(int(is_event.sum()), 1)

    def f1(chosen: numpy.ndarray) -> float:
        return 2 * int((chosen & is_event).sum()) / (int(chosen.sum()) + data.gold_events)

    judged = Judged(confidences, is_event, data.gold_events)
    return {name: round(value, 4) for name, value in (
        ("event_f1_rules", f1(numpy.ones_like(kept))),
        ("event_f1_scored", f1(kept)),
        ("status_accuracy_rules", _right_statuses(rows, data, math.inf) / events),
        ("status_accuracy_scored", _right_statuses(rows, data, status_threshold) / events),
        ("calibration_error", expected_calibration_error(judged)))}


def train(
    gold: Sequence[str | Path],
    output: str | Path,
    *,
    pipeline: Pipeline | None = None,
    seed: int = 0,
    epochs: int = 12,
    folds: int = 5,
    repeats: int = 3,
) -> Scorer:
    """Train a scorer on gold JSON Lines files and save it in the directory ``output``.

    :param pipeline: proposes the candidates; by default built-ins and installed plugins.
        Its own scorer, if any, is not used.
    :param seed: fixes the folds, the order of examples and the model's initial weights.
    :param folds: the folds of each cross-validation, whose held-out predictions calibrate.
    :param repeats: how many cross-validations (each with other folds) are averaged.
    :raises InputError: on a malformed gold file (naming the line) or when the rules
        propose no candidate of the gold types.
    """
    if folds < 2:
        raise ValueError(f"folds must be at least 2, got {folds}")
    pipeline = pipeline or Pipeline(scorer=None)
    documents = [doc for path in gold for doc in read_gold(path, pipeline.event_types)]
    data = collect_candidates(documents, pipeline)
    if not any(c.label != NOT_EVENT for c in data.candidates):
        raise InputError("the rules found none of the gold events: nothing to learn from")
    log.info("%d documents, %d candidates, %d gold events", len(documents),
             len(data.candidates), data.gold_events)
    validation = cross_validate(data, folds=folds, seed=seed, epochs=epochs, repeats=repeats)
    rows = validation.rows
    is_event = numpy.array([c.label != NOT_EVENT for c in data.candidates])
    calibration = Platt.fit(1.0 - rows[:, 0], is_event)
    confidences = calibration(1.0 - rows[:, 0])
    threshold = best_threshold(confidences, is_event, data.gold_events)
    status_threshold = best_status_threshold(rows, data)
    settings = ScorerSettings(
        types=data.types,
        threshold=threshold,
        status_threshold=status_threshold,
        calibration=calibration,
        training={"documents": len(documents), "candidates": len(data.candidates),
                  "seed": seed, "epochs": epochs, "folds": folds, "repeats": repeats,
                  "spacy": about.__version__,
                  "held_out": held_out_figures(rows, confidences, data, threshold,
                                               status_threshold)},
    )
    model = (average_model(validation.models) if validation.models
             else fit_model(data.candidates, seed=seed, epochs=epochs))
    scorer = _unsaved_scorer(model, data.types, settings)
    Path(output).mkdir(parents=True, exist_ok=True)
    scorer.save(output)
    return scorer


__all__ = ["Candidate", "CandidateSet", "CrossValidation", "average_model",
           "best_status_threshold", "best_threshold", "collect_candidates", "cross_validate",
           "fit_model", "held_out_figures", "reported_as", "train"]
