"""Numbers and percentages as news writes them: "4,500", "two brigades", "25 pct", "up to 100%"."""

from __future__ import annotations

import re

import attrs

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12, "dozen": 12,
    "several hundred": None, "a few": None,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "mln": 1_000_000,
           "billion": 1_000_000_000, "bln": 1_000_000_000}

_NUMBER = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(?P<scale>hundred|thousand|million|mln|"
    r"billion|bln)\b)?"
)
# A figure starts only where a run of digits starts, and each stretch of spaces has one
# reading: a pattern that can try a long run of digits or spaces from each of its
# positions takes time that grows with the square of the run.
_PERCENT = re.compile(
    r"(?P<upto>up to\s+)?(?<!\d)(?P<low>\d+(?:\.\d+)?)"
    r"(?:\s*(?:(?:%|percent|per cent|pct)\s*)?(?:-|–|to|and)\s*(?P<high>\d+(?:\.\d+)?))?"
    r"\s*(?:%|percent\b|per cent\b|pct\b|percentage points?\b)",
    re.IGNORECASE,
)


def parse_number(text: str) -> float | None:
    """The value of a number written in digits or words ("4,500", "two", "1.5 million")."""
    cleaned = text.strip().lower()
    match = _NUMBER.fullmatch(cleaned)
    if match:
        value = float(match.group("num").replace(",", ""))
        return value * _SCALES.get(match.group("scale") or "", 1)
    words = cleaned.replace("-", " ").split()
    if not words:
        return None
    total = 0.0
    for word in words:
        if word in _SCALES and total:
            total *= _SCALES[word]
        elif _WORDS.get(word) is not None:
            total += _WORDS[word]  # type: ignore[operator]
        else:
            return None
    return total or None


@attrs.frozen
class Percentage:
    """A percentage in the text; for a range or "up to", the highest figure."""

    start: int
    end: int
    text: str
    percent: float
    is_change: bool  # "by 5 points", "percentage points": the size of a change, not a level


def find_percentages(text: str, offset: int = 0) -> list[Percentage]:
    """Every percentage in ``text``; offsets are shifted by ``offset``."""
    found = []
    for match in _PERCENT.finditer(text):
        value = float(match.group("high") or match.group("low"))
        before = text[max(0, match.start() - 4) : match.start()].lower()
        is_change = "point" in match.group(0).lower() or before.endswith("by ")
        found.append(
            Percentage(match.start() + offset, match.end() + offset, match.group(0), value,
                       is_change)
        )
    return found
