"""``--scorer`` and ``--min-confidence``: the options that choose how events are scored."""

from __future__ import annotations

import argparse


def add_scorer_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--scorer`` and ``--min-confidence`` to a subcommand."""
    parser.add_argument("--scorer", default="default", metavar="DIR",
                        help="a scorer directory written by 'eventx train', 'default' for the "
                        "one shipped with eventx (the default), or 'none' for the rules alone")
    parser.add_argument("--min-confidence", type=_probability, metavar="X",
                        help="report only events with confidence >= X (default: the scorer's "
                        "threshold)")


def scorer_argument(args: argparse.Namespace) -> str | None:
    """The ``scorer`` argument of :class:`eventx.Pipeline` that the options name."""
    value: str = args.scorer
    return None if value.lower() == "none" else value


def _probability(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number in [0, 1], got {value!r}") from None
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"must be in [0, 1], got {number}")
    return number
