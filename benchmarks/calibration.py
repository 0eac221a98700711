"""Calibration of the scorer on gold data it was not trained on, as figures and two PNGs.

Prints rules alone against rules and scorer (event and status F1), the expected
calibration error over 10 bins, precision at confidence >= 0.8 and a threshold table;
draws a reliability diagram and precision and recall over the threshold. Needs the
``calibration`` extra (matplotlib):

    pip install -e ".[calibration]"
    python benchmarks/calibration.py ../shared/gold/dev.jsonl --block example \
        --out docs/user-guide/images
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

import numpy

from eventx.pipeline import Pipeline
from eventx.scoring import DEFAULT, Scorer
from eventx.scoring.evaluation import compare, report
from eventx.scoring.metrics import (
    Judged,
    expected_calibration_error,
    precision_recall_at,
    reliability,
)

log = logging.getLogger("calibration")


def reliability_diagram(judged: Judged, path: Path, title: str) -> None:
    """Observed precision against mean confidence per bin, with the diagonal."""
    import matplotlib.pyplot as plt

    bins = reliability(judged)
    fig, ax = plt.subplots(figsize=(4.8, 4.2), dpi=110)
    ax.plot([0, 1], [0, 1], linestyle="--", color="grey", linewidth=1, label="perfect")
    ax.bar([(b.low + b.high) / 2 for b in bins], [b.precision for b in bins], width=0.09,
           color="#4878a8", alpha=0.8, label="observed precision")
    ax.plot([b.mean_confidence for b in bins], [b.precision for b in bins], "o", color="black",
            markersize=4, label="bin mean confidence")
    for b in bins:
        ax.annotate(str(b.count), ((b.low + b.high) / 2, b.precision), ha="center",
                    va="bottom", fontsize=7)
    ax.set(xlim=(0, 1), ylim=(0, 1.08), xlabel="confidence", ylabel="precision",
           title=f"{title}\nECE {expected_calibration_error(judged):.3f} "
                 f"({len(judged.confidences)} candidates, 10 bins)")
    ax.legend(loc="upper left", fontsize=7)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def threshold_curve(judged: Judged, path: Path, title: str, default: float) -> None:
    """Precision, recall and F1 of the events kept at each threshold."""
    import matplotlib.pyplot as plt

    thresholds = numpy.linspace(0, 1, 101)
    figures = numpy.array([precision_recall_at(judged, t)[:2] for t in thresholds])
    precision, recall = figures[:, 0], figures[:, 1]
    f1 = numpy.where(precision + recall > 0,
                     2 * precision * recall / numpy.maximum(precision + recall, 1e-12), 0)
    fig, ax = plt.subplots(figsize=(4.8, 4.2), dpi=110)
    ax.plot(thresholds, precision, label="precision")
    ax.plot(thresholds, recall, label="recall")
    ax.plot(thresholds, f1, label="F1", color="black", linewidth=1)
    ax.axvline(default, linestyle=":", color="grey", label=f"default threshold {default:.2f}")
    ax.set(xlim=(0, 1), ylim=(0, 1.05), xlabel="--min-confidence", ylabel="",
           title=f"{title}\nevents kept at confidence >= threshold")
    ax.legend(loc="lower left", fontsize=7)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", help="gold JSON Lines the scorer was not trained on")
    parser.add_argument("--scorer", default=DEFAULT, help="scorer directory (default: shipped)")
    parser.add_argument("--block", action="append", default=[], help="plugins not to load")
    parser.add_argument("--out", type=Path, help="directory for the PNG files (none if unset)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    scorer = Scorer.load(args.scorer)
    comparison = compare(args.gold, Pipeline(scorer=None, block=args.block), scorer)
    print(report(comparison))
    judged = comparison.candidates
    print(f"distinct confidences: {len(set(judged.confidences.round(4).tolist()))} of "
          f"{len(judged.confidences)}")
    print(f"\n{'threshold':>9} {'kept':>5} {'precision':>9} {'recall':>6}")
    for threshold in sorted({0.0, 0.2, scorer.threshold, 0.5, 0.6, 0.7, 0.8, 0.9}):
        precision, recall, kept = precision_recall_at(judged, threshold)
        print(f"{threshold:9.2f} {kept:5d} {precision:9.3f} {recall:6.3f}")
    if args.out:
        import matplotlib

        matplotlib.use("Agg")
        args.out.mkdir(parents=True, exist_ok=True)
        name = Path(args.gold).name
        reliability_diagram(judged, args.out / "calibration-reliability.png", name)
        threshold_curve(judged, args.out / "calibration-threshold.png", name, scorer.threshold)
        log.info("wrote %s", ", ".join(str(args.out / f"calibration-{kind}.png")
                                       for kind in ("reliability", "threshold")))


if __name__ == "__main__":
    main()
