"""Event-dense documents: the same events as their sentences one by one, and in linear time.

The time itself is measured by ``benchmarks/dense.py``; here a document of 64,000 event
sentences, and texts with long runs of digits, punctuation, spaces and repeated triggers,
must finish within the test's time limit, which a cost growing with the square of the
run's length exceeds many times over.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventx import Pipeline
from eventx.analysis.numbers import find_percentages
from eventx.engine import shift_offsets
from eventx.events import with_ids

# Sentences that each hold at least one event and need nothing from the sentences around them.
SENTENCES = [
    "The two presidents met in Seoul on Tuesday to discuss trade.",
    "Japan raised tariffs on American steel to 25 percent on Monday.",
    "Britain will send 500 more troops to Basra next week.",
    "Leaders of France and Germany held a summit in Geneva in March.",
    "Canada imposed duties of 10 percent on Chinese aluminium.",
    "The foreign ministers of India and Brazil will hold talks in Delhi on Friday.",
    "Washington withdrew 4,500 troops from Germany last year.",
    "Negotiations between Kenya and Uganda ended in Nairobi yesterday.",
]
DATE = "2025-03-14"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _joined(sentences: list[str], separators: list[str]) -> tuple[str, list[int]]:
    text, offsets = "", []
    for sentence, separator in zip(sentences, separators, strict=True):
        offsets.append(len(text))
        text += sentence + separator
    return text, offsets


@settings(max_examples=15)
@given(st.lists(st.sampled_from(SENTENCES), min_size=2, max_size=40), st.data())
def test_a_dense_document_has_the_events_of_its_sentences(
    pipeline: Pipeline, sentences: list[str], data: st.DataObject
) -> None:
    """Offsets shifted by the sentence's place, and the event ids those offsets give."""
    separators = data.draw(st.lists(st.sampled_from([" ", "\n", "\n\n", "  "]),
                                    min_size=len(sentences), max_size=len(sentences)))
    text, offsets = _joined(sentences, separators)
    one_by_one = [with_ids([shift_offsets(event, offset)], None)[0].to_dict()
                  for sentence, offset in zip(sentences, offsets, strict=True)
                  for event in pipeline.extract(sentence, date=DATE)]
    whole = [event.to_dict() for event in pipeline.extract(text, date=DATE)]
    assert whole == one_by_one
    assert len(whole) >= len(sentences)


# Words of the built-in patterns of one and of several words ("bring ... home", "chat by
# phone", "summit talks", "import tax") and words around them.
_WORDS = ["bring", "the", "500", "troops", "home", "chat", "by", "phone", "confer", "with",
          "summit", "talks", "met", "import", "tax", "tariffs", "send", "more", ".", "\n\n"]


@settings(max_examples=60)
@given(st.lists(st.sampled_from(_WORDS), max_size=120))
def test_trigger_windows_find_what_the_whole_document_gives(
    pipeline: Pipeline, words: list[str]
) -> None:
    """The matcher run only in windows after the possible first words of a pattern finds the
    same matches, in the same order, as on the whole document."""
    doc = pipeline.nlp(" ".join(words))
    engine = pipeline.engine
    assert list(engine._matches(doc)) == list(engine._matcher(doc))


@pytest.mark.timeout(900)
def test_a_document_of_64000_event_sentences_completes(pipeline: Pipeline) -> None:
    text = " ".join(SENTENCES[i % len(SENTENCES)] for i in range(64_000))
    events = pipeline.extract(text, date=DATE)
    assert len(events) >= 64_000
    assert [e.trigger.start for e in events] == sorted(e.trigger.start for e in events)
    assert all(text[e.trigger.start:e.trigger.end] == e.trigger.text for e in events)


runs = st.sampled_from(["1", "9,", "!", ".", "-", "?!", '"', " ", "\n", "5 ", "1.", "%",
                        "talks ", "Summit ", "SUMMIT TALKS ", "met ", "tariffs ", "in ",
                        "up to ", "June ", "troops ", "the "])


@pytest.mark.timeout(900)
@given(st.lists(runs, min_size=1, max_size=3), st.integers(5_000, 20_000))
def test_long_runs_take_time_in_proportion(pipeline: Pipeline, units: list[str],
                                           length: int) -> None:
    """A run of digits, punctuation, spaces or repeated triggers between two event sentences
    (a run without a sentence end is read as sentences of at most 250 tokens, so the last
    sentence is set off by a paragraph break)."""
    first, last = SENTENCES[1], SENTENCES[0]
    unit = "".join(units)
    run = (unit * (length // len(unit) + 1))[:length]
    text = f"{first} {run}\n\n{last}"
    events = pipeline.extract(text, date=DATE)
    assert all(text[e.trigger.start:e.trigger.end] == e.trigger.text for e in events)
    for word in (text.index("tariffs"), text.rindex("met")):
        assert any(e.trigger.start <= word < e.trigger.end for e in events), word
    assert {p.text for p in find_percentages(text)} >= {"25 percent"}
