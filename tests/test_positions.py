"""Lookups by position give what a scan of every mention or token gives."""

from __future__ import annotations

import spacy
from hypothesis import given
from hypothesis import strategies as st
from spacy.tokens import Doc

from eventx.analysis.positions import MAX_SENTENCE_TOKENS, Positions, SentenceIndex
from eventx.analysis.sentences import is_paragraph_break, set_sentence_starts

# Non-overlapping stretches: gaps and lengths from which starts and ends are built.
stretches = st.lists(st.tuples(st.integers(0, 5), st.integers(1, 4)), max_size=30).map(
    lambda parts: _laid_out(parts))


def _laid_out(parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    found, position = [], 0
    for gap, length in parts:
        found.append((position + gap, position + gap + length))
        position += gap + length
    return found


def _index(items: list[tuple[int, int]]) -> Positions[tuple[int, int]]:
    return Positions(items, lambda s: s[0], lambda s: s[1])


@given(stretches, st.integers(-2, 120), st.integers(-2, 120))
def test_within_is_the_filter_over_every_item(items: list[tuple[int, int]], start: int,
                                              end: int) -> None:
    assert _index(items).within(start, end) == [s for s in items
                                                if start <= s[0] and s[1] <= end]


@given(stretches, st.integers(-2, 120), st.integers(0, 6))
def test_overlapping_is_the_filter_over_every_item(items: list[tuple[int, int]], start: int,
                                                   length: int) -> None:
    end = start + length
    assert _index(items).overlapping(start, end) == [s for s in items
                                                     if s[0] < end and start < s[1]]


def _distance(item: tuple[int, int], trigger: tuple[int, int]) -> int:
    """The distance that DocumentAnalysis.time uses (what follows is slightly preferred)."""
    if item[1] <= trigger[0]:
        return trigger[0] - item[1] + 1
    return max(0, item[0] - trigger[1])


@given(stretches, st.integers(0, 120), st.integers(1, 4), st.integers(0, 60),
       st.integers(0, 60))
def test_the_nearest_item_is_among_the_ones_around_the_point(
    items: list[tuple[int, int]], point: int, length: int, before: int, after: int
) -> None:
    trigger = (point, point + length)
    start, end = max(0, point - before), point + length + after
    every = [s for s in items if start <= s[0] and s[1] <= end]
    around = _index(items).around(start, end, point)
    assert set(around) <= set(every)
    if every:
        by_gap = min(every, key=lambda s: _distance(s, trigger))
        assert min(around, key=lambda s: _distance(s, trigger)) == by_gap
        by_start = min(every, key=lambda s: abs(s[0] - point))
        assert min(around, key=lambda s: abs(s[0] - point)) == by_start


words = st.sampled_from(["The", "talks", "ended", ".", "\n\n", "\n", "  ", "Paris", "met",
                         "?", "U.K.", "and", "\n  "])


def _doc(tokens: list[str]) -> Doc:
    nlp = spacy.blank("en")
    return set_sentence_starts(nlp(" ".join(tokens)))


def _old_sentence(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The sentence as a walk over the tokens of spaCy's ``Span.sent`` finds it."""
    sent = doc[start:end].sent
    first, last = sent.start, sent.end
    for token in sent:
        if token.is_space and is_paragraph_break(token.text):
            if token.i < start:
                first = token.i + 1
            elif token.i >= end:
                last = token.i
                break
    while first < last and doc[first].is_space:
        first += 1
    while last > first and doc[last - 1].is_space:
        last -= 1
    return first, last


@given(st.lists(words, min_size=1, max_size=40), st.data())
def test_the_sentence_index_agrees_with_spacy(tokens: list[str], data: st.DataObject) -> None:
    doc = _doc(tokens)
    index = SentenceIndex(doc)
    start = data.draw(st.integers(0, len(doc) - 1))
    end = data.draw(st.integers(start + 1, min(len(doc), start + 3)))
    span = doc[start:end]
    assert (index.sent(span).start, index.sent(span).end) == (span.sent.start, span.sent.end)
    sentence = index.sentence(span)
    assert (sentence.start, sentence.end) == _old_sentence(doc, start, end)


def test_a_sentence_without_an_end_is_read_in_pieces() -> None:
    doc = _doc(["talks"] * (2 * MAX_SENTENCE_TOKENS + 10))
    index = SentenceIndex(doc)
    assert index.bounds(0) == (0, MAX_SENTENCE_TOKENS)
    assert index.bounds(MAX_SENTENCE_TOKENS + 3) == (MAX_SENTENCE_TOKENS,
                                                     2 * MAX_SENTENCE_TOKENS)
    assert index.bounds(len(doc) - 1) == (2 * MAX_SENTENCE_TOKENS, len(doc))
