"""``eventx evaluate``: precision, recall and F1 against gold data, by the rules of SCHEMA.md."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from eventx.cli.scorer_options import add_scorer_options, scorer_argument
from eventx.evaluate import Counts, Evaluation


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``evaluate`` subcommand."""
    parser = sub.add_parser("evaluate", parents=[common],
                            help="score events against a gold JSON Lines file")
    parser.add_argument("gold", help="gold documents (.jsonl) with their events")
    parser.add_argument("--pred", metavar="PRED.jsonl",
                        help="predicted events to score; default: run the pipeline on the gold "
                        "documents")
    parser.add_argument("--model", help="an installed spaCy pipeline to use without --pred; "
                        "default: blank English")
    parser.add_argument("--errors", action="store_true",
                        help="list every missed and spurious event and every role mismatch")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    add_scorer_options(parser)
    parser.set_defaults(run=run)


def _row(name: str, counts: Counts) -> str:
    return (f"{name:22} {counts.precision:6.3f} {counts.recall:6.3f} {counts.f1:6.3f}   "
            f"{counts.tp}/{counts.fp}/{counts.fn}")


def report(evaluation: Evaluation) -> str:
    """The figures as a text table, ending with the headline line."""
    lines = [f"{'event type':22} {'P':>6} {'R':>6} {'F1':>6}   tp/fp/fn"]
    lines += [_row(t, c) for t, c in sorted(evaluation.events.items())]
    lines += ["", f"{'arguments of type':22} {'P':>6} {'R':>6} {'F1':>6}   tp/fp/fn"]
    lines += [_row(t, c) for t, c in evaluation.type_arguments().items()]
    lines += ["", f"{'argument role':22} {'P':>6} {'R':>6} {'F1':>6}   tp/fp/fn"]
    lines += [_row(r, c) for r, c in evaluation.roles().items()]
    e, a = evaluation.event, evaluation.argument
    lines += ["", f"event F1 {e.f1:.3f} (P {e.precision:.3f} R {e.recall:.3f}); "
              f"argument F1 {a.f1:.3f} (P {a.precision:.3f} R {a.recall:.3f})"]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Score and print the figures (and the errors with ``--errors``)."""
    from eventx.evaluate import evaluate, read_jsonl
    from eventx.pipeline import Pipeline

    gold = list(read_jsonl(args.gold))
    pipeline = Pipeline(args.model, allow=args.allow, block=args.block,
                        scorer=scorer_argument(args), min_confidence=args.min_confidence)
    predicted = list(read_jsonl(args.pred)) if args.pred else None
    evaluation = evaluate(gold, predicted, pipeline=pipeline)
    try:
        if args.json:
            figures = evaluation.to_dict()
            if args.errors:
                figures["errors"] = [str(error) for error in evaluation.errors]
            print(json.dumps(figures, indent=1))
        else:
            if args.errors:
                print("\n".join(str(error) for error in evaluation.errors), end="\n\n")
            print(report(evaluation))
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (eventx evaluate ... | head): stop quietly
    return 0
