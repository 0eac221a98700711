"""How well confidences are calibrated: reliability bins, expected calibration error, and
precision and recall over the threshold, on gold documents the scorer was not trained on."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
import numpy

from eventx.evaluate import match_events


@attrs.frozen
class Judged:
    """The confidences of predicted events, whether each matches a gold event, and how many
    required gold events there are."""

    confidences: numpy.ndarray
    correct: numpy.ndarray
    gold_events: int


def judge(gold: Iterable[Mapping[str, Any]], predicted: Iterable[Mapping[str, Any]]) -> Judged:
    """Judge predicted documents ``{"id", "events"}`` against gold ones by the SCHEMA.md
    matching rule; events matching an optional gold event are left out."""
    by_id = {str(doc.get("id")): doc.get("events") or [] for doc in predicted}
    confidences: list[float] = []
    correct: list[bool] = []
    gold_events = 0
    for doc in gold:
        events: Sequence[Mapping[str, Any]] = doc.get("events") or []
        found = by_id.get(str(doc.get("id")), [])
        gold_events += sum(1 for event in events if not event.get("optional"))
        label = [False] * len(found)
        skip = set()
        for event, hit in match_events(events, found):
            if hit is not None:
                label[hit] = True
                if event.get("optional"):
                    skip.add(hit)
        for i, event in enumerate(found):
            if i not in skip:
                confidences.append(float(event.get("confidence", 1.0)))
                correct.append(label[i])
    return Judged(numpy.array(confidences, dtype="float64"), numpy.array(correct, dtype=bool),
                  gold_events)


@attrs.frozen
class Bin:
    """One bin of a reliability diagram."""

    low: float
    high: float
    count: int
    mean_confidence: float
    precision: float


def reliability(judged: Judged, bins: int = 10) -> list[Bin]:
    """Equal-width confidence bins (the last one closed) with their mean confidence and
    observed precision; empty bins are left out."""
    edges = numpy.linspace(0.0, 1.0, bins + 1)
    index = numpy.minimum((judged.confidences * bins).astype(int), bins - 1)
    result = []
    for b in range(bins):
        inside = index == b
        if inside.any():
            result.append(Bin(float(edges[b]), float(edges[b + 1]), int(inside.sum()),
                              float(judged.confidences[inside].mean()),
                              float(judged.correct[inside].mean())))
    return result


def expected_calibration_error(judged: Judged, bins: int = 10) -> float:
    """The count-weighted mean gap between confidence and precision over the bins."""
    total = len(judged.confidences)
    if total == 0:
        return 0.0
    return sum(b.count * abs(b.mean_confidence - b.precision)
               for b in reliability(judged, bins)) / total


def precision_recall_at(judged: Judged, threshold: float) -> tuple[float, float, int]:
    """Precision, recall and number of events kept at confidence >= ``threshold``."""
    kept = judged.confidences >= threshold
    true = int((kept & judged.correct).sum())
    count = int(kept.sum())
    return (true / count if count else 0.0,
            true / judged.gold_events if judged.gold_events else 0.0, count)
