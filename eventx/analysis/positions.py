"""Lookups by position, so that the cost per trigger does not grow with the document.

- :class:`Positions`: mentions (actors, places, times, percentages) sorted by
  start offset; the ones inside a stretch, or next to a point, by binary search.
- :class:`SentenceIndex`: the sentence of a token from the sorted sentence starts
  of a Doc, cut at paragraph breaks. :func:`sentence_index` installs it as the
  Doc's ``Span.sent`` hook while the extractors run, because spaCy's own
  ``Span.sent`` walks the whole sentence on every call.

A sentence longer than :data:`MAX_SENTENCE_TOKENS` tokens (a transcript without
punctuation, a run of repeated words) is read as pieces of at most that many
tokens, so that what an extractor does within a sentence stays bounded.
"""

from __future__ import annotations

import contextlib
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from typing import Generic, TypeVar

import numpy
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from eventx.analysis.sentences import is_paragraph_break

T = TypeVar("T")

#: The longest stretch of tokens read as one sentence.
MAX_SENTENCE_TOKENS = 250


class Positions(Generic[T]):
    """Items sorted by their start offset (stably: items already in order keep it).

    :param items: the items.
    :param start: an item's start offset (tokens or characters).
    :param end: an item's end offset, in the same unit.
    """

    def __init__(self, items: Iterable[T], start: Callable[[T], int],
                 end: Callable[[T], int]) -> None:
        self.items = sorted(items, key=start)
        self._starts = [start(item) for item in self.items]
        self._end = end
        #: The length of the longest item.
        self.longest = max((end(item) - begin for item, begin in zip(self.items, self._starts)),
                           default=0)

    def within(self, start: int, end: int) -> list[T]:
        """The items that lie inside ``[start, end)``, in order."""
        low = bisect_left(self._starts, start)
        high = bisect_right(self._starts, end, lo=low)
        return [item for item in self.items[low:high] if self._end(item) <= end]

    def overlapping(self, start: int, end: int) -> list[T]:
        """The items that share at least one position with ``[start, end)``, in order."""
        low = bisect_left(self._starts, start - self.longest)
        high = bisect_left(self._starts, end, lo=low)
        return [item for item in self.items[low:high] if self._end(item) > start]

    def around(self, start: int, end: int, point: int) -> list[T]:
        """The items inside ``[start, end)`` next to ``point``: the two that start before it
        and the first that starts at or after it, in order.

        For items that do not overlap, these hold the nearest item to ``point`` by any
        distance that shrinks towards ``point`` from either side, so a ``min`` over them
        equals a ``min`` over every item of the stretch (ties included).
        """
        middle = bisect_left(self._starts, point)
        low = max(bisect_left(self._starts, start), middle - 2)
        high = min(bisect_right(self._starts, end), middle + 1)
        return [item for item in self.items[low:high] if self._end(item) <= end]


class SentenceIndex:
    """The sentences of a Doc by token position.

    A sentence is what the Doc's ``SENT_START`` marks (with :data:`MAX_SENTENCE_TOKENS`
    as its longest stretch); :meth:`sentence` also cuts it at paragraph breaks.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        marked: list[int] = []
        if "sents" in doc.user_hooks:
            marked = [sentence.start for sentence in doc.sents]
        elif len(doc) and doc.has_annotation("SENT_START"):
            sent_starts = doc.to_array("SENT_START").astype("int64")
            marked = numpy.flatnonzero(sent_starts == 1).tolist()
        starts: list[int] = []
        for first, following in zip([0, *marked], [*marked, len(doc)]):
            starts.extend(range(first, following, MAX_SENTENCE_TOKENS))
        self._starts = sorted(set(starts)) or [0]
        self._annotations: dict[str, bool] = {}
        self._sentences: dict[tuple[int, int], SpacySpan] = {}
        spaces: list[int] = numpy.flatnonzero(doc.to_array("IS_SPACE")).tolist() if len(
            doc) else []
        self._breaks = [i for i in spaces if is_paragraph_break(doc[i].text)]

    def has_annotation(self, attr: str) -> bool:
        """``Doc.has_annotation(attr)``, found once: spaCy reads every token when it is absent."""
        if attr not in self._annotations:
            self._annotations[attr] = self.doc.has_annotation(attr)
        return self._annotations[attr]

    def bounds(self, index: int) -> tuple[int, int]:
        """The token range of the sentence holding token ``index``."""
        k = bisect_right(self._starts, index)
        start = self._starts[k - 1] if k else 0
        end = self._starts[k] if k < len(self._starts) else len(self.doc)
        return start, end

    def sent(self, span: SpacySpan) -> SpacySpan:
        """The sentence of ``span``'s first token, as ``Span.sent`` gives it."""
        start, end = self.bounds(span.start)
        return self.doc[start:end]

    def sentence(self, trigger: SpacySpan) -> SpacySpan:
        """The sentence holding ``trigger``, cut at the paragraph breaks around it and
        trimmed of surrounding whitespace."""
        key = (trigger.start, trigger.end)
        if key not in self._sentences:
            self._sentences[key] = self._sentence(*key)
        return self._sentences[key]

    def _sentence(self, first: int, last: int) -> SpacySpan:
        start, end = self.bounds(first)
        k = bisect_left(self._breaks, first)
        if k and self._breaks[k - 1] >= start:
            start = self._breaks[k - 1] + 1
        k = bisect_left(self._breaks, last)
        if k < len(self._breaks) and self._breaks[k] < end:
            end = self._breaks[k]
        doc = self.doc
        while start < end and doc[start].is_space:
            start += 1
        while end > start and doc[end - 1].is_space:
            end -= 1
        return doc[start:end]


def _installed(doc: Doc) -> SentenceIndex | None:
    owner = getattr(doc.user_span_hooks.get("sent"), "__self__", None)
    return owner if isinstance(owner, SentenceIndex) and owner.doc is doc else None


def index_of(doc: Doc) -> SentenceIndex:
    """The :class:`SentenceIndex` installed on ``doc``, or a new one."""
    return _installed(doc) or SentenceIndex(doc)


def has_annotation(doc: Doc, attr: str) -> bool:
    """``doc.has_annotation(attr)``, answered once per Doc while an index is installed."""
    index = _installed(doc)
    return index.has_annotation(attr) if index else bool(doc.has_annotation(attr))


@contextlib.contextmanager
def sentence_index(doc: Doc) -> Iterator[SentenceIndex]:
    """A :class:`SentenceIndex` of ``doc``, answering ``Span.sent`` while the block runs.

    A Doc whose sentences come from a hook of its own keeps that hook; inside another such
    block, the index already installed is used.
    """
    if "sent" in doc.user_span_hooks or "sents" in doc.user_hooks:
        yield index_of(doc)
        return
    index = SentenceIndex(doc)
    doc.user_span_hooks["sent"] = index.sent
    try:
        yield index
    finally:
        doc.user_span_hooks.pop("sent", None)
