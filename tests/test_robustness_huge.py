"""Huge input: a document beyond spaCy's max_length is processed in chunks with offsets into
the whole text, and both the pipeline and the command-line reader stream lazily."""

from __future__ import annotations

import io
import itertools
import json
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventx import Event, Pipeline
from eventx.cli.inputs import read_documents
from eventx.engine import map_stretches
from eventx.pipeline import blank_english, chunk_bounds

EVENT = "China raised tariffs on US steel on Tuesday."
DATELINE = "2025/07/11 09:50 KST\n\n"
TUESDAY = "2025-07-08"  # the Tuesday before Friday 2025-07-11


def assert_offsets_point_into(text: str, event: Event) -> None:
    """Every stretch of the event lies in ``text`` and quotes it exactly."""

    def check(stretch: Any) -> Any:
        assert 0 <= stretch.start <= stretch.end <= len(text)
        if hasattr(stretch, "text"):
            assert text[stretch.start:stretch.end] == stretch.text
        return stretch

    map_stretches(event, check)
    assert event.sentence.start <= event.trigger.start < event.trigger.end <= event.sentence.end


@given(st.text(st.sampled_from("ab .\n!é\t"), max_size=300), st.integers(1, 60))
def test_chunks_cover_the_text_in_order_within_the_size(text: str, size: int) -> None:
    bounds = list(chunk_bounds(text, size))
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    for (_, end), (start, _) in itertools.pairwise(bounds):
        assert end == start
    for start, end in bounds:
        assert end - start <= size
        assert end > start or len(text) == 0


@given(st.text(st.sampled_from("ab .\n"), max_size=300), st.integers(2, 60))
def test_chunks_end_after_whitespace_when_there_is_some(text: str, size: int) -> None:
    for start, end in list(chunk_bounds(text, size))[:-1]:
        window = text[start + size // 2:start + size]
        if any(c.isspace() for c in window):
            assert text[end - 1].isspace()


@pytest.mark.parametrize(("text", "size", "first"), [
    ("One two. Three four\n\nfive six. Seven eight.", 24, "One two. Three four\n\n"),
    ("One two three. Four five six seven eight.", 20, "One two three. "),
    ("Alpha beta gamma delta epsilon", 20, "Alpha beta gamma "),
    ("x" * 50, 20, "x" * 20),
])
def test_chunks_prefer_paragraph_then_sentence_then_word_boundaries(
    text: str, size: int, first: str
) -> None:
    assert text[:next(chunk_bounds(text, size))[1]] == first


def test_chunked_and_whole_documents_give_the_same_events() -> None:
    paragraphs = [DATELINE.strip(), EVENT, "Nothing happened here at all.",
                  "The EU raised tariffs on Chinese cars to 30% last week.", EVENT]
    text = "\n\n".join(paragraphs)
    # every paragraph is shorter than half a chunk, so every cut falls between paragraphs
    assert max(map(len, paragraphs)) + 2 < 120 // 2
    assert len(list(chunk_bounds(text, 120))) > 1
    whole = Pipeline(entry_points=False).extract(text)
    chunked = Pipeline(entry_points=False, chunk_size=120).extract(text)
    assert len(whole) >= 3
    assert [e.to_dict() for e in chunked] == [e.to_dict() for e in whole]
    for event in chunked:
        assert_offsets_point_into(text, event)


def test_a_20_mb_document_is_processed_in_chunks() -> None:
    """Beyond spaCy's max_length of 1,000,000 characters, events everywhere, relative dates
    resolved against the dateline at the very start, offsets into the whole text.

    The filler has long words so that tokens stay few.
    """
    filler = ("Interdepartmental reconsiderations notwithstanding, administrative "
              "documentation circulated uneventfully throughout correspondingly "
              "uncontroversial deliberations. ") * 8 + "\n\n"
    parts, size, positions = [DATELINE], len(DATELINE), []
    while size < 20_000_000:
        block = filler * 150
        positions.append(size + len(block))
        parts.extend([block, EVENT, "\n\n"])
        size += len(block) + len(EVENT) + 2
    text = "".join(parts)
    del parts
    nlp = blank_english()
    pipeline = Pipeline(nlp, entry_points=False)
    assert len(text) > 20 * nlp.max_length == 20 * pipeline.chunk_size
    events = pipeline.extract(text)
    assert [e.trigger.start for e in events] == [p + EVENT.index("raised") for p in positions]
    for event in events:
        assert_offsets_point_into(text, event)
        assert event.time is not None and event.time.value == TUESDAY


def test_text_longer_than_max_length_no_longer_raises() -> None:
    nlp = blank_english()
    nlp.max_length = 100
    text = "\n\n".join([EVENT] * 10)
    events = Pipeline(nlp, entry_points=False).extract(text, date="2025-07-11")
    assert len(events) == 10
    for event in events:
        assert_offsets_point_into(text, event)


def test_pipe_is_lazy() -> None:
    """An endless stream of documents gives its first results: nothing is read ahead
    beyond a batch."""
    endless = ({"id": str(i), "text": EVENT} for i in itertools.count())
    pipeline = Pipeline(entry_points=False)
    first = list(itertools.islice(pipeline.pipe(endless, batch_size=4), 6))
    assert [r.id for r in first] == ["0", "1", "2", "3", "4", "5"]


class EndlessJsonLines(io.RawIOBase):
    """Standard input that never ends: one JSON document per line, for ever."""

    def __init__(self) -> None:
        self.lines = (json.dumps({"id": str(i), "text": EVENT}).encode() + b"\n"
                      for i in itertools.count())
        self.pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while len(self.pending) < len(buffer):
            self.pending += next(self.lines)
        size = len(buffer)
        buffer[:size], self.pending = self.pending[:size], self.pending[size:]
        return size


def test_the_json_lines_reader_is_lazy(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BufferedReader(EndlessJsonLines()))
    monkeypatch.setattr(sys, "stdin", stdin)
    documents: Iterator[Any] = read_documents(["-"], input_format="jsonl")
    assert [d.id for d in itertools.islice(documents, 3)] == ["0", "1", "2"]
