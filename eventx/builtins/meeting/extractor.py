"""Meetings: talks, negotiations, visits and calls between officials, bodies or delegations."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Span as SpacySpan

from eventx.analysis.arguments import is_figurative_meeting, is_private_sector, participants_of
from eventx.analysis.document import DocumentAnalysis
from eventx.events import Event, Meeting
from eventx.extractor import Extractor
from eventx.hookspecs import hookimpl

_VERBS = ["meet", "meets", "met", "confer", "conferred", "negotiate", "negotiated",
          "negotiating"]
_NOUNS = ["talks", "meeting", "meetings", "negotiations", "negotiation", "discussions",
          "conference", "dialogue", "dialogues", "consultations", "parley", "parleys"]


class MeetingExtractor(Extractor):
    """Finds meetings from verbs ("met", "will meet") and nouns ("talks", "meeting")."""

    name = "eventx.meeting.v1"
    event_types = (Meeting,)
    patterns = {
        "verb": [[{"LOWER": {"IN": _VERBS}}]],
        "noun": [[{"LOWER": {"IN": _NOUNS}}]],
        "call": [
            [{"LOWER": {"IN": ["phone", "telephone"]}},
             {"LOWER": {"IN": ["call", "calls", "conversation", "conversations", "talks"]}}],
            [{"LOWER": {"IN": ["spoke", "talked", "speak"]}}, {"LOWER": "by"},
             {"LOWER": {"IN": ["phone", "telephone"]}}],
        ],
    }

    def extract(self, trigger: SpacySpan, analysis: DocumentAnalysis) -> Iterator[Event]:
        if is_figurative_meeting(trigger) or is_private_sector(analysis.sentence(trigger)):
            return
        participants, chair = participants_of(trigger, analysis, noun=trigger.label_ == "noun")
        if not participants and trigger.label_ == "verb":
            return
        yield Meeting(
            **analysis.common_fields(trigger, self.name),
            participants=tuple(participants),
            chair=chair,
            topics=(),
        )


@hookimpl
def eventx_register_event_types(register: Callable[[type[Event]], None]) -> None:
    """The Meeting type."""
    register(Meeting)


@hookimpl
def eventx_register_extractors(register: Callable[[Extractor], None]) -> None:
    """The built-in Meeting extractor."""
    register(MeetingExtractor())
