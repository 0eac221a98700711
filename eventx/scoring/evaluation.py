"""Rules alone against rules and scorer on gold documents: the figures ``eventx train
--eval`` prints and the calibration benchmark draws."""

from __future__ import annotations

from pathlib import Path

import attrs

from eventx.evaluate import Counts, Evaluation, evaluate, read_jsonl
from eventx.pipeline import Pipeline
from eventx.scoring.metrics import Judged, expected_calibration_error, judge, precision_recall_at
from eventx.scoring.scorer import Scorer

#: The confidence at which precision is reported.
HIGH_CONFIDENCE = 0.8


@attrs.frozen
class Comparison:
    """Rules alone, rules and scorer (at its threshold), and every scored candidate."""

    rules: Evaluation
    scored: Evaluation
    candidates: Judged
    threshold: float


def compare(gold: str | Path, rules: Pipeline, scorer: Scorer) -> Comparison:
    """Evaluate ``rules`` (a pipeline without scorer) alone and with ``scorer`` on ``gold``."""
    documents = list(read_jsonl(gold))
    every = rules.with_scorer(scorer, min_confidence=0.0)
    candidates = [result.to_dict() for result in every.pipe(documents)]
    return Comparison(
        rules=evaluate(documents, pipeline=rules),
        scored=evaluate(documents, pipeline=rules.with_scorer(scorer)),
        candidates=judge(documents, candidates),
        threshold=scorer.threshold,
    )


def _status(evaluation: Evaluation) -> Counts:
    return evaluation.roles().get("status", Counts())


def report(comparison: Comparison) -> str:
    """The comparison as a short table and the calibration figures."""
    lines = [f"{'':24} {'event P':>8} {'R':>6} {'F1':>6} {'status F1':>10}"]
    for name, evaluation in (("rules alone", comparison.rules),
                             (f"rules + scorer (>= {comparison.threshold:.2f})",
                              comparison.scored)):
        e = evaluation.event
        lines.append(f"{name:24} {e.precision:8.3f} {e.recall:6.3f} {e.f1:6.3f} "
                     f"{_status(evaluation).f1:10.3f}")
    judged = comparison.candidates
    precision, recall, kept = precision_recall_at(judged, HIGH_CONFIDENCE)
    lines.append(f"expected calibration error (10 bins, {len(judged.confidences)} candidates): "
                 f"{expected_calibration_error(judged):.3f}")
    lines.append(f"at confidence >= {HIGH_CONFIDENCE}: precision {precision:.3f}, recall "
                 f"{recall:.3f} ({kept} events)")
    return "\n".join(lines)
