"""``eventx train``: a scorer from gold JSON Lines files, evaluated on others."""

from __future__ import annotations

import argparse
import logging
import time
from typing import Any

log = logging.getLogger(__name__)


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``train`` subcommand."""
    parser = sub.add_parser("train", parents=[common],
                            help="train a scorer on gold JSON Lines files")
    parser.add_argument("gold", nargs="+", help="gold documents (.jsonl) with their events")
    parser.add_argument("-o", "--output", required=True, metavar="DIR",
                        help="the directory to write the scorer to")
    parser.add_argument("--eval", action="append", default=[], metavar="GOLD.jsonl",
                        help="gold documents to evaluate on, never trained on (repeatable)")
    parser.add_argument("--model", help="an installed spaCy pipeline for the rules (e.g. "
                        "en_core_web_sm); default: blank English")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--epochs", type=int, default=12, help="training epochs (default 12)")
    parser.add_argument("--folds", type=int, default=5,
                        help="folds for the held-out calibration (default 5)")
    parser.add_argument("--repeats", type=int, default=3,
                        help="cross-validations with different folds, averaged (default 3)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Train, save, print the chosen settings and, with ``--eval``, the figures."""
    from eventx.errors import InputError
    from eventx.pipeline import Pipeline
    from eventx.scoring.evaluation import compare, report
    from eventx.scoring.training import train

    if args.folds < 2 or args.epochs < 1 or args.repeats < 1:
        raise InputError("--folds must be at least 2, --epochs and --repeats at least 1")
    rules = Pipeline(args.model, allow=args.allow, block=args.block, scorer=None)
    started = time.perf_counter()
    scorer = train(args.gold, args.output, pipeline=rules, seed=args.seed, epochs=args.epochs,
                   folds=args.folds, repeats=args.repeats)
    settings = scorer.settings
    print(f"trained on {settings.training['documents']} documents, "
          f"{settings.training['candidates']} candidates of {', '.join(settings.types)} "
          f"in {time.perf_counter() - started:.1f} s; threshold {settings.threshold:.3f}, "
          f"status threshold {settings.status_threshold:.3f}; written to {args.output}")
    held = settings.training["held_out"]
    print(f"held-out folds: event F1 {held['event_f1_rules']:.3f} rules alone, "
          f"{held['event_f1_scored']:.3f} with the scorer; status accuracy "
          f"{held['status_accuracy_rules']:.3f} rules, {held['status_accuracy_scored']:.3f} "
          f"with the scorer; calibration error {held['calibration_error']:.3f}")
    for path in args.eval:
        print(f"\n{path}:")
        print(report(compare(path, rules, scorer)))
    return 0
