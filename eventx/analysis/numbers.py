"""Numbers and percentages as news writes them: "4,500", "two brigades", "25 pct", "up to 100%"."""

from __future__ import annotations

import re
from collections.abc import Mapping

import attrs

from eventx.lang import alternation, language_cache, lexicon, table

_LANGUAGE = "eventx.lang.en"


@attrs.frozen
class _Grammar:
    """The number and percentage patterns built from the words of ``numbers.json``."""

    number: re.Pattern[str]
    percent: re.Pattern[str]
    words: Mapping[str, frozenset[str]]
    values: Mapping[str, float | None]
    scales: Mapping[str, float | None]
    reach_before: int  # characters before a percentage that can hold a change word and a space


@language_cache
def _grammar() -> _Grammar:
    words = lexicon(_LANGUAGE, "numbers")
    signs = alternation(words["percent_signs"])
    # A unit that ends in a letter ends a word: "25 pct", not "25 pctx".
    units = "|".join(re.escape(unit) + (r"\b" if unit[-1:].isalnum() else "")
                     for unit in sorted(words["percent_signs"] | words["change_units"],
                                        key=lambda unit: (-len(unit), unit)))
    return _Grammar(
        number=re.compile(rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)"
                          rf"(?:\s*(?P<scale>{alternation(words['scales'])})\b)?"),
        # A figure starts only where a run of digits starts, and each stretch of spaces has
        # one reading: a pattern that can try a long run of digits or spaces from each of
        # its positions takes time that grows with the square of the run.
        percent=re.compile(
            rf"(?P<upto>{alternation(words['up_to'])}\s+)?(?<!\d)(?P<low>\d+(?:\.\d+)?)"
            rf"(?:\s*(?:{signs}\s*)?{alternation(words['range_links'])}\s*"
            rf"(?P<high>\d+(?:\.\d+)?))?\s*(?P<unit>{units})",
            re.IGNORECASE),
        words=words,
        values=table(_LANGUAGE, "numbers", "number_words"),
        scales=table(_LANGUAGE, "numbers", "scales"),
        reach_before=max(map(len, words["change_before"])) + 1,
    )


def parse_number(text: str) -> float | None:
    """The value of a number written in digits or words ("4,500", "two", "1.5 million")."""
    grammar = _grammar()
    cleaned = text.strip().lower()
    match = grammar.number.fullmatch(cleaned)
    if match:
        value = float(match.group("num").replace(",", ""))
        return value * (grammar.scales.get(match.group("scale") or "") or 1)
    words = cleaned.replace("-", " ").split()
    if not words:
        return None
    total = 0.0
    for word in words:
        if word in grammar.scales and total:
            total *= grammar.scales[word] or 1
        elif grammar.values.get(word) is not None:
            total += grammar.values[word]  # type: ignore[operator]
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
    grammar = _grammar()
    found = []
    for match in grammar.percent.finditer(text):
        value = float(match.group("high") or match.group("low"))
        before = text[max(0, match.start() - grammar.reach_before):match.start()].lower()
        is_change = match.group("unit").lower() in grammar.words["change_units"] or any(
            before.endswith(f"{word} ") for word in grammar.words["change_before"])
        found.append(
            Percentage(match.start() + offset, match.end() + offset, match.group(0), value,
                       is_change)
        )
    return found
