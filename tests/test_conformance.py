"""Every built-in extractor passes the conformance checks of eventx.testing; broken ones fail."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from spacy.tokens import Span as SpacySpan

from eventx.analysis.document import DocumentAnalysis
from eventx.events import Event, Meeting, Status, Summit
from eventx.extractor import Extractor
from eventx.plugins import BUILTIN_PLUGINS, PluginSet
from eventx.testing import CHECKS, check_extractor, parametrize_with_checks
from eventx.testing.checks import EDGE_CASE_TEXTS

BUILTIN_EXTRACTORS = [extractor for _, extractor in
                      PluginSet(builtins=True, entry_points=False,
                                allow=set(BUILTIN_PLUGINS)).extractors]


def test_the_four_builtin_extractors_are_checked() -> None:
    assert sorted(e.name for e in BUILTIN_EXTRACTORS) == [
        "eventx.meeting.v1", "eventx.summit.v1", "eventx.tariffs.v1", "eventx.troops.v1"]


@parametrize_with_checks(BUILTIN_EXTRACTORS)
def test_builtin_extractor(extractor: Extractor, check: Any) -> None:
    check(extractor)


def test_ids_name_the_extractor_and_the_check() -> None:
    mark = parametrize_with_checks(BUILTIN_EXTRACTORS[:1])
    ids = [param.id for param in mark.args[1]]
    assert ids == [f"{BUILTIN_EXTRACTORS[0].name}-{name}" for name in CHECKS]
    assert "eventx.meeting.v1-offsets_inside_document" in ids


# -- the checks catch broken extractors --------------------------------------------------------

class _MeetingBase(Extractor):
    """Finds a Meeting at every "met"; subclasses break one rule each."""

    name = "test.broken.v1"
    event_types = (Meeting,)
    patterns = {"verb": [[{"LOWER": "met"}]]}

    def extract(self, trigger: SpacySpan, analysis: DocumentAnalysis) -> Iterator[Event]:
        yield self.event(trigger, analysis)

    def event(self, trigger: SpacySpan, analysis: DocumentAnalysis) -> Event:
        return Meeting(**analysis.common_fields(trigger, self.name))


TEXTS = ["The two foreign ministers met in Geneva on Monday."]


def test_a_correct_extractor_passes_every_check() -> None:
    check_extractor(_MeetingBase(), texts=TEXTS)


class Unversioned(_MeetingBase):
    name = "test.broken"


class WrongType(_MeetingBase):
    def event(self, trigger: SpacySpan, analysis: DocumentAnalysis) -> Event:
        return Summit(**analysis.common_fields(trigger, self.name))


class ShiftedTrigger(_MeetingBase):
    def event(self, trigger: SpacySpan, analysis: DocumentAnalysis) -> Event:
        event = super().event(trigger, analysis)
        span = attrs.evolve(event.trigger, start=event.trigger.start + 1,
                            end=event.trigger.end + 1)
        return attrs.evolve(event, trigger=span)


class WholeDocumentSentence(_MeetingBase):
    def event(self, trigger: SpacySpan, analysis: DocumentAnalysis) -> Event:
        event = super().event(trigger, analysis)
        return attrs.evolve(event, sentence=attrs.evolve(event.sentence, start=0,
                                                         end=len(analysis.text)))


class WrongProvenance(_MeetingBase):
    def event(self, trigger: SpacySpan, analysis: DocumentAnalysis) -> Event:
        return attrs.evolve(super().event(trigger, analysis), extractor="someone.else.v1")


class Counting(_MeetingBase):
    def __init__(self) -> None:
        self.calls = 0

    def event(self, trigger: SpacySpan, analysis: DocumentAnalysis) -> Event:
        self.calls += 1
        return attrs.evolve(super().event(trigger, analysis), confidence=1 / self.calls)


class FailsOnLongText(_MeetingBase):
    patterns = {"verb": [[{"LOWER": "met"}]], "any": [[{"LENGTH": {">": 1000}}]]}

    def extract(self, trigger: SpacySpan, analysis: DocumentAnalysis) -> Iterator[Event]:
        if trigger.label_ == "any":
            raise IndexError("no such token")
        yield self.event(trigger, analysis)


class SeesOtherSentences(_MeetingBase):
    def event(self, trigger: SpacySpan, analysis: DocumentAnalysis) -> Event:
        status = Status.POSSIBLE if "Markets" in analysis.text else Status.OCCURRED
        return attrs.evolve(super().event(trigger, analysis), status=status)


class FindsNothing(_MeetingBase):
    def extract(self, trigger: SpacySpan, analysis: DocumentAnalysis) -> Iterator[Event]:
        return iter(())


@pytest.mark.parametrize(("extractor", "check"), [
    (Unversioned(), "name_is_versioned"),
    (WrongType(), "emits_only_declared_types"),
    (ShiftedTrigger(), "offsets_inside_document"),
    (WholeDocumentSentence(), "events_inside_sentence"),
    (WrongProvenance(), "enumerations_valid"),
    (Counting(), "deterministic"),
    (FailsOnLongText(), "survives_any_text"),
    (SeesOtherSentences(), "context_invariance"),
    (FindsNothing(), "finds_events_in_examples"),
], ids=lambda value: value if isinstance(value, str) else type(value).__name__)
def test_a_broken_extractor_fails_its_check(extractor: Extractor, check: str) -> None:
    with pytest.raises(AssertionError, match=re.escape(f"fails check {check}")):
        check_extractor(extractor, texts=TEXTS, checks=[check])
    with pytest.raises(AssertionError, match=re.escape(repr(extractor.name))):
        check_extractor(extractor, texts=TEXTS)


def test_an_unknown_check_name_is_an_error() -> None:
    with pytest.raises(KeyError, match="no check named"):
        check_extractor(_MeetingBase(), checks=["offsets_inside_documnet"])


def test_edge_cases_include_empty_whitespace_and_long_tokens() -> None:
    assert "" in EDGE_CASE_TEXTS
    assert any(t and not t.strip() for t in EDGE_CASE_TEXTS)
    assert any(len(t) >= 10_000 and " " not in t for t in EDGE_CASE_TEXTS)
