"""The shared analyses of one document, computed lazily and at most once.

Extractors receive a :class:`DocumentAnalysis` with each matched trigger. A
document with no trigger never pays for actor, place or time analysis.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from eventx.analysis.actors import (
    ActorMention,
    PlaceMention,
    TitleMatcher,
    find_actors_and_places,
    preposition_before,
    words,
)
from eventx.analysis.clauses import clause_of, dates_a_report
from eventx.analysis.fields import CommonFields
from eventx.analysis.gazetteer import Gazetteer, entry_from_mapping
from eventx.analysis.modality import is_future_time, is_past_time, status_of
from eventx.analysis.numbers import Percentage, find_percentages
from eventx.analysis.positions import Positions, SentenceIndex, index_of
from eventx.analysis.times import TimeMention, dateline_date, find_times
from eventx.data import load_data
from eventx.events import Place, Sentence, Span, Status, TimeExpr
from eventx.lang import language_cache, lexicon

_FUTURE_STATUSES = (Status.PLANNED, Status.THREATENED, Status.POSSIBLE, Status.CANCELLED)


class AnalysisResources:
    """What the analyses need that is built once per pipeline: gazetteer and title matcher.

    :param nlp: the pipeline whose tokenizer the patterns must follow.
    :param entries: gazetteer entries as (plugin name, mapping) pairs.
    :raises PluginError: when a plugin's entry is malformed.
    """

    def __init__(self, nlp: Language, entries: Iterable[tuple[str, Mapping[str, Any]]]) -> None:
        validated = [entry_from_mapping(data, plugin) for plugin, data in entries]
        tokenize_many = nlp.tokenizer.pipe  # type: ignore[union-attr]
        self.gazetteer = Gazetteer(nlp.vocab, tokenize_many, validated)
        self.titles = TitleMatcher(nlp.vocab, tokenize_many, load_data("titles.json"))


class DocumentAnalysis:
    """Actors, places, times, percentages and status cues of one document.

    :param doc: the processed spaCy ``Doc``, with sentence boundaries.
    :param resources: the pipeline's gazetteer and title matcher.
    :param date: the publication date; when None, a dateline with a year is used if present.
    :param doc_id: the document's id, for messages.
    :param text: ``doc.text``, when the caller has it already (spaCy builds it anew from the
        tokens on every access).
    """

    def __init__(
        self,
        doc: Doc,
        resources: AnalysisResources,
        date: dt.date | None = None,
        doc_id: str | None = None,
        *,
        text: str | None = None,
    ) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text
        self.resources = resources
        self.date = date if date is not None else dateline_date(self.text)
        self.doc_id = doc_id

    @functools.cached_property
    def _actors_and_places(self) -> tuple[list[ActorMention], list[PlaceMention]]:
        return find_actors_and_places(self.doc, self.resources.gazetteer, self.resources.titles)

    @property
    def actors(self) -> list[ActorMention]:
        """Every actor mention, in document order."""
        return self._actors_and_places[0]

    @property
    def places(self) -> list[PlaceMention]:
        """Every place mention (countries named as places included), in document order."""
        return self._actors_and_places[1]

    @functools.cached_property
    def times(self) -> list[TimeMention]:
        """Every time expression, resolved against the document date."""
        return find_times(self.text, self.date)

    @functools.cached_property
    def percentages(self) -> list[Percentage]:
        """Every percentage in the text."""
        return find_percentages(self.text)

    @functools.cached_property
    def _sentences(self) -> SentenceIndex:
        return index_of(self.doc)

    @functools.cached_property
    def actor_positions(self) -> Positions[ActorMention]:
        """:attr:`actors` by token offset."""
        return Positions(self.actors, lambda m: m.span.start, lambda m: m.span.end)

    @functools.cached_property
    def place_positions(self) -> Positions[PlaceMention]:
        """:attr:`places` by token offset."""
        return Positions(self.places, lambda m: m.span.start, lambda m: m.span.end)

    @functools.cached_property
    def time_positions(self) -> Positions[TimeMention]:
        """:attr:`times` by character offset."""
        return Positions(self.times, lambda t: t.start, lambda t: t.end)

    @functools.cached_property
    def percentage_positions(self) -> Positions[Percentage]:
        """:attr:`percentages` by character offset."""
        return Positions(self.percentages, lambda p: p.start, lambda p: p.end)

    def sentence(self, trigger: SpacySpan) -> SpacySpan:
        """The sentence holding ``trigger``, trimmed of surrounding whitespace.

        A parser's sentence is also cut at paragraph breaks, so a headline stays apart.
        """
        return self._sentences.sentence(trigger)

    def clause(self, trigger: SpacySpan) -> SpacySpan:
        """The clause of the trigger's sentence that holds it (see
        :mod:`eventx.analysis.clauses`): where its parties are named."""
        return clause_of(trigger, self.sentence(trigger))

    def sentence_of(self, trigger: SpacySpan) -> Sentence:
        """The character offsets of the trigger's sentence."""
        sent = self.sentence(trigger)
        return Sentence(start=sent.start_char, end=sent.end_char)

    @staticmethod
    def span_of(trigger: SpacySpan) -> Span:
        """The trigger as an event :class:`~eventx.Span`."""
        return Span(start=trigger.start_char, end=trigger.end_char, text=trigger.text)

    def common_fields(self, trigger: SpacySpan, extractor: str) -> CommonFields:
        """The fields every event has, read from the analyses: trigger, sentence, status, time,
        location and extractor. Extractors pass them on with ``**`` and add their own.

        The status comes from the cues around ``trigger`` (a noun trigger shares the cues of
        its clause: "agreed talks"); for the status of another span, use
        ``fields.status = analysis.status(span)``."""
        status = self.status(trigger)
        time = self.time(trigger, status)
        if status is Status.OCCURRED and time and (is_future_time(time.text) or (
                time.value and self.date
                and time.value > self.date.isoformat()[: len(time.value)])):
            status = Status.PLANNED
            time = self.time(trigger, status)
        elif status is Status.PLANNED and time and is_past_time(time.text):
            status = Status.OCCURRED  # "last month's summit", "talks held yesterday"
            time = self.time(trigger, status)
        return CommonFields(trigger=self.span_of(trigger), sentence=self.sentence_of(trigger),
                            status=status, time=time, location=self.location(trigger),
                            extractor=extractor)

    def actors_in(self, sentence: SpacySpan) -> list[ActorMention]:
        """The actor mentions inside ``sentence``."""
        return self.actor_positions.within(sentence.start, sentence.end)

    def places_in(self, sentence: SpacySpan) -> list[PlaceMention]:
        """The place mentions inside ``sentence``."""
        return self.place_positions.within(sentence.start, sentence.end)

    def status(self, trigger: SpacySpan) -> Status:
        """The status that the modality cues around ``trigger`` signal."""
        return status_of(trigger)

    def time(self, trigger: SpacySpan, status: Status) -> TimeExpr | None:
        """The time expression of the trigger's sentence nearest to the trigger, resolved."""
        sent = self.sentence(trigger)
        candidates = self.time_positions.around(sent.start_char, sent.end_char,
                                                trigger.start_char)
        candidates = [t for t in candidates if not self._dates_a_report(t.start, trigger, sent)]
        if not candidates:
            return None
        nearest = min(candidates, key=lambda t: _distance(t.start, t.end, trigger))
        value = nearest.value(future=status in _FUTURE_STATUSES)
        return TimeExpr(text=nearest.text, start=nearest.start, end=nearest.end, value=value)

    def _dates_a_report(self, char: int, trigger: SpacySpan, sentence: SpacySpan) -> bool:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span is not None and dates_a_report(self.doc, span.start, trigger,
                                                   sentence.start)

    def location(
        self,
        trigger: SpacySpan,
        *,
        after_only: bool = False,
        prepositions: frozenset[str] | None = None,
        adjacent: bool = False,
        reach: int = 15,
    ) -> Place | None:
        """The place nearest the trigger that its sentence names after one of ``prepositions``
        ("talks in Geneva") or, if ``adjacent``, a city right before a noun trigger ("Brussels
        summit"), within ``reach`` tokens of it. ``prepositions`` defaults to the locative
        prepositions of the language data less the prepositions of belonging ("of")."""
        if prepositions is None:
            prepositions = words()["locative_prepositions"] - _belonging()
        sent = self.sentence(trigger)
        candidates = []
        for mention in self.places_in(sent):
            if after_only and mention.span.start < trigger.start:
                continue
            if mention.span.start - trigger.end > reach or trigger.start - mention.span.end > reach:
                continue
            word = _preposition_of_place(self.doc, mention.span.start, sent.start)
            next_to = adjacent and not mention.is_country and 0 <= trigger.start - (
                mention.span.end) <= 1 and all(
                t.is_space for t in self.doc[mention.span.end:trigger.start])
            if word in prepositions or next_to:
                candidates.append(mention)
        if not candidates:
            return None
        return min(candidates, key=lambda m: _distance(m.span.start_char, m.span.end_char,
                                                       trigger)).place


@language_cache
def _belonging() -> frozenset[str]:
    """Prepositions that name what a thing belongs to ("of"), not where it is."""
    return lexicon("eventx.lang.en", "grammar")["belonging_prepositions"]


def _preposition_of_place(doc: Doc, start: int, floor: int) -> str:
    """The preposition before a place, read past "the (Egyptian) city of" ("at the Egyptian
    city of Sharm el-Sheikh" is "at")."""
    word = preposition_before(doc, start, floor)
    if word not in _belonging():
        return word
    i = start - 1
    while i > floor and (doc[i].is_space or doc[i].lower_ in _belonging()):
        i -= 1
    if doc[i].lower_ not in words()["place_nouns"]:
        return word
    i -= 1
    while i > floor and (doc[i].is_space or doc[i].text[:1].isupper()):
        i -= 1  # "the Egyptian city", "the Red Sea resort"
    return preposition_before(doc, i + 1, floor)


def _distance(start: int, end: int, trigger: SpacySpan) -> int:
    if end <= trigger.start_char:
        return trigger.start_char - end + 1  # slightly prefer what follows the trigger
    return max(0, start - trigger.end_char)
