"""Argument types for counts and durations: out-of-range values are usage errors (exit 2)."""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable

from eventx.engine import MAX_TIMEOUT

MAX_BATCH_SIZE = 100_000
MAX_PROCESSES = 256


def positive_int(largest: int) -> Callable[[str], int]:
    """An argument type for a whole number from 1 to ``largest``."""
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
        if not 1 <= number <= largest:
            raise argparse.ArgumentTypeError(f"must be from 1 to {largest:,}, got {value}")
        return number

    parse.__name__ = "whole number"
    return parse


def seconds(value: str) -> float:
    """An argument type for a time limit: a finite number of seconds above 0."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {value!r}") from None
    if not (math.isfinite(number) and 0 < number <= MAX_TIMEOUT):
        raise argparse.ArgumentTypeError(
            f"must be above 0 and at most {MAX_TIMEOUT:g} seconds, got {value}")
    return number
