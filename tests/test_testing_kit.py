"""The test kit for plugin authors: composable checks, check selection and known failures,
a context check with other actors, fuzzing with the extractor's own words, name pools that no
gazetteer entry shares, and the pytest fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

import pytest
from hypothesis import given
from spacy.tokens import Span as SpacySpan

from eventx import Event, Extractor, Meeting
from eventx.extracting import DocumentAnalysis
from eventx.plugins import PluginSet
from eventx.pytest_plugin import EventRecorder
from eventx.testing import CHECKS, ExtractorUnderTest, parametrize_with_checks, strategies
from eventx.testing.checks import context_invariance, pattern_words, survives_any_text

TEXTS = ("The two foreign ministers met in Geneva on Monday.",
         "Japan and China met in Tokyo last week.")


class SentenceMeetings(Extractor):
    """Meetings of the actors in the trigger's sentence (what the checks expect)."""

    name = "kit.meeting.v1"
    event_types = (Meeting,)
    patterns: ClassVar[dict[str, list[list[dict[str, Any]]]]] = {"verb": [[{"LOWER": "met"}]]}

    def parties(self, trigger: SpacySpan, analysis: DocumentAnalysis) -> list[Any]:
        return [m.actor for m in analysis.actors_in(analysis.sentence(trigger))]

    def extract(self, trigger: SpacySpan, analysis: DocumentAnalysis) -> Iterator[Event]:
        yield Meeting(**analysis.common_fields(trigger, self.name),
                      participants=tuple(self.parties(trigger, analysis)))


class DocumentMeetings(SentenceMeetings):
    """Takes the parties from the whole document: wrong, and the context check says so."""

    name = "kit.document-meeting.v1"

    def parties(self, trigger: SpacySpan, analysis: DocumentAnalysis) -> list[Any]:
        return [m.actor for m in analysis.actors]


class CrashesAtTheEnd(SentenceMeetings):
    """Reads the token after its own trigger word, which a document may not have."""

    name = "kit.crashing-meeting.v1"
    patterns: ClassVar[dict[str, list[list[dict[str, Any]]]]] = {
        "noun": [[{"LOWER": "parley"}]]}

    def extract(self, trigger: SpacySpan, analysis: DocumentAnalysis) -> Iterator[Event]:
        trigger.doc[trigger.end]  # IndexError when "parley" ends the text
        return iter(())


def test_checks_compose_as_functions_of_an_extractor_under_test() -> None:
    subject = ExtractorUnderTest(SentenceMeetings(), texts=TEXTS)
    for name in ("offsets_inside_document", "events_inside_sentence", "context_invariance"):
        CHECKS[name](subject)


def test_the_context_check_catches_parties_taken_from_the_whole_document() -> None:
    with pytest.raises(AssertionError, match="change in context"):
        context_invariance(ExtractorUnderTest(DocumentMeetings(), texts=TEXTS))


def test_fuzzing_uses_the_extractors_own_trigger_words() -> None:
    assert "parley" in pattern_words(CrashesAtTheEnd())
    with pytest.raises(AssertionError, match="IndexError"):
        survives_any_text(ExtractorUnderTest(CrashesAtTheEnd(), texts=TEXTS))


def test_parametrize_with_checks_selects_checks_and_marks_known_failures() -> None:
    mark = parametrize_with_checks(
        [SentenceMeetings()], checks=["name_is_versioned", "context_invariance"],
        xfail={"context_invariance": "parties from the previous sentence, by design"})
    names, params = mark.args
    assert names == ("extractor", "check")
    assert [p.id for p in params] == ["kit.meeting.v1-name_is_versioned",
                                      "kit.meeting.v1-context_invariance"]
    assert list(params[0].marks) == []
    (xfail,) = params[1].marks
    assert xfail.name == "xfail" and xfail.kwargs["strict"] is True
    assert "by design" in xfail.kwargs["reason"]
    with pytest.raises(KeyError, match="no check named"):
        parametrize_with_checks([SentenceMeetings()], checks=["context_invariance_"])
    with pytest.raises(KeyError, match="xfail names no check"):
        parametrize_with_checks([SentenceMeetings()], xfail={"contxt_invariance": "typo"})


@parametrize_with_checks([SentenceMeetings()], texts=TEXTS,
                         checks=["name_is_versioned", "offsets_inside_document"])
def test_selected_checks_run(extractor: Extractor, check: Any) -> None:
    check(extractor)


def _gazetteer_forms() -> set[str]:
    forms: set[str] = set()
    for _, entry in PluginSet(entry_points=False).gazetteer_entries():
        forms.update([entry["name"], *entry.get("aliases", ()), *entry.get("demonyms", ())])
    return forms


def test_person_names_share_no_word_with_a_gazetteer_entry() -> None:
    forms = _gazetteer_forms()
    clashes = [name for name in (*strategies._FIRST_NAMES, *strategies._SURNAMES)
               if name in forms]
    assert clashes == []


@given(strategies.persons(heads=True))
def test_a_generated_leader_is_read_as_one_person(person: strategies.Mention) -> None:
    from eventx.testing import isolated_pipeline

    pipeline = isolated_pipeline(builtins=True)
    (event,) = pipeline.extract(f"{person.text} met Russia in Geneva.")
    assert [(a.name, a.kind.value) for a in event.participants] == [
        (person.name, "person"), ("Russia", "country")]


def test_the_pytest_fixtures(eventx_pipeline: Any, eventx_recorder: EventRecorder) -> None:
    pipeline = eventx_pipeline(eventx_recorder, builtins=True)
    text = "The two foreign ministers met in Geneva on Monday. Markets were calm."
    found = pipeline.extract(text)
    assert eventx_recorder.calls == [(text, found)]
    assert [e.event_type for e in eventx_recorder.events] == ["Meeting"]
    eventx_recorder.clear()
    assert eventx_recorder.events == []
