"""Summits: meetings the text calls a summit, or whose participants are heads of state.

Summit words ("summit", "G7 summit") are matched directly; like a meeting, a summit needs
governmental parties in its sentence or the one before, or a name ("the G7 summit"), so
"rugby's summit" is none. A meeting that
the Meeting extractor found between heads of state or government (and that
is not a phone call) is turned into a Summit in the ``eventx_process_events``
hook, so a summit mention is a Summit and not also a Meeting.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping, Sequence

import attrs
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from eventx.analysis.arguments import participants_of
from eventx.analysis.document import DocumentAnalysis
from eventx.analysis.positions import Positions
from eventx.builtins.meeting.extractor import political_frame_holds
from eventx.data import load_data
from eventx.events import Actor, ActorKind, Event, Meeting, Summit
from eventx.extractor import Extractor, TokenPattern
from eventx.hookspecs import hookimpl
from eventx.lang import LanguageAttribute, language_cache, lexicon

NAME = "eventx.summit.v1"


@language_cache
def _words() -> Mapping[str, frozenset[str]]:
    return lexicon("eventx.builtins.summit", "lexicon")


def _patterns() -> dict[str, list[TokenPattern]]:
    """A summit word, and a meeting word after it ("summit talks")."""
    return {"summit": [[{"LOWER": {"IN": sorted(_words()["summit_nouns"])}},
                        {"LOWER": {"IN": sorted(_words()["summit_followers"])}, "OP": "?"}]]}


class SummitExtractor(Extractor):
    """Finds summits from "summit" and "summit meeting/talks"."""

    name = NAME
    event_types = (Summit,)
    patterns = LanguageAttribute(_patterns)

    def extract(self, trigger: SpacySpan, analysis: DocumentAnalysis) -> Iterator[Event]:
        if _is_part_of_a_name(trigger):
            return
        participants, host = participants_of(trigger, analysis, noun=True)
        start = _name_start(trigger)
        name = _summit_name(trigger, start)
        if name is not None:  # "the G7 summit": the G7 names the summit
            participants = [a for a in participants
                            if not trigger.doc[start].idx <= a.start < trigger.start_char]
        fields = analysis.common_fields(trigger, self.name)
        if fields["location"] is None:  # "the Brussels summit"
            fields["location"] = analysis.location(trigger, adjacent=True)
        if _next_word_is_a_head(trigger):
            return  # "the other summit nations": a description, not a summit
        if not _names_a_party(trigger, start, analysis) and not political_frame_holds(
                trigger, analysis, participants, noun=True):
            return  # "rugby's summit", "a Linux summit", "the summit of the mountain"
        yield Summit(
            **fields,
            participants=tuple(participants),
            host=host,
            name=name,
        )


def _names_a_party(trigger: SpacySpan, start: int, analysis: DocumentAnalysis) -> bool:
    """A summit name from token ``start`` on that holds a state, a body or a place ("the G7
    summit", "the Venice summit"), not a trade's ("a Linux summit")."""
    return start < trigger.start and bool(
        analysis.actor_positions.overlapping(start, trigger.start)
        or analysis.place_positions.overlapping(start, trigger.start))


def _next_word_is_a_head(trigger: SpacySpan) -> bool:
    following = next((t for t in trigger.doc[trigger.end:trigger.end + 2] if not t.is_space),
                     None)
    return following is not None and following.lower_ in _words()["member_heads"]


def _is_part_of_a_name(trigger: SpacySpan) -> bool:
    """ "Summit Savings and Loan": a capitalised "Summit" inside a proper name."""
    doc, first = trigger.doc, trigger[0]
    if (first.lower_ not in _words()["name_heads"] or first.text != first.lower_.capitalize()
            or trigger.end >= len(doc)):
        return False
    following = doc[trigger.end]
    return following.text[:1].isupper() and following.lower_ not in (
        _words()["not_name_followers"])


def _name_start(trigger: SpacySpan) -> int:
    """The first of the capitalised words just before "summit" ("the G7 summit"), or the
    trigger's own start when there are none."""
    doc = trigger.doc
    i = trigger.start
    while i > trigger.sent.start and (doc[i - 1].text[:1].isupper() or doc[i - 1].text[:1]
                                      .isdigit()) and not doc[i - 1].is_sent_start:
        i -= 1
    return i


def _summit_name(trigger: SpacySpan, start: int) -> str | None:
    """ "G7 summit", "APEC summit": the capitalised words from ``start`` (see
    :func:`_name_start`) to "summit"."""
    if start == trigger.start:
        return None
    return " ".join(t.text for t in trigger.doc[start:trigger.start + 1])


def is_leaders_meeting(participants: Sequence[Actor], titles: frozenset[str]) -> bool:
    """True when heads of state or government of two states take part (a head's
    "counterpart" is one; two heads of one state, "Blair and Brown", are not), or leaders
    described as two: "the two presidents", "both leaders"."""
    heads = [a for a in participants if a.kind is ActorKind.PERSON and a.title in titles
             and (a.title not in _words()["titles_needing_a_country"] or a.country)]
    national_leaders = [a for a in participants if a.kind is ActorKind.GROUP
                        and a.name.lower().split()[-1] in _words()["leader_groups"]
                        and a.country]
    numbered = [a for a in participants if a.kind is ActorKind.GROUP
                and a.text.lower().split()[-1] in _words()["leader_groups"]
                and any(w in _words()["several_parties"] for w in a.text.lower().split())]
    counterparts = [a for a in participants if any(
        a.text.lower().rstrip("s").endswith(noun) for noun in _words()["counterpart_nouns"])]
    states = {a.country or a.name for a in [*heads, *national_leaders]}
    return (len(states) + (len(counterparts) if heads else 0) >= 2 or bool(numbered))



@functools.cache
def head_titles() -> frozenset[str]:
    """The titles that mark a head of state or government, from the titles data."""
    return frozenset(entry["title"] for entry in load_data("titles.json") if entry.get("head"))


def _is_leaders_named(doc: Doc, event: Event) -> bool:
    """ "the APEC Economic Leaders' Meeting": a meeting named for leaders."""
    trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if trigger is None:
        return False
    before = [t.lower_ for t in doc[max(0, trigger.start - 3):trigger.start] if not t.is_space]
    return len(before) >= 2 and before[-1] in ("'", "’") and (
        before[-2] in _words()["leader_groups"])


def _is_heads_visit(event: Meeting) -> bool:
    """ "Nakasone's visit to Washington": a head of state or government visits a state."""
    visitor = event.participants[0] if event.participants else None
    return event.trigger.text.lower().startswith(tuple(_words()["visit_words"])) and (
        visitor is not None and visitor.kind is ActorKind.PERSON
        and visitor.title in head_titles())


def _as_summit(meeting: Meeting) -> Summit:
    common = {field.name: getattr(meeting, field.name) for field in attrs.fields(Event)}
    return Summit(**{**common, "extractor": NAME}, participants=meeting.participants,
                  host=meeting.chair)


@hookimpl
def eventx_register_event_types(register: Callable[[type[Event]], None]) -> None:
    """The Summit type."""
    register(Summit)


@hookimpl
def eventx_register_extractors(register: Callable[[Extractor], None]) -> None:
    """The built-in Summit extractor."""
    register(SummitExtractor())


@hookimpl
def eventx_process_events(doc: Doc, events: Sequence[Event]) -> list[Event]:
    """Meetings of heads of state or government become Summits (phone calls stay Meetings).

    A meeting whose trigger overlaps a summit's ("summit meeting") is the summit itself.
    """
    summits = Positions([e.trigger for e in events if isinstance(e, Summit)],
                        lambda t: t.start, lambda t: t.end)
    result: list[Event] = []
    for event in events:
        if isinstance(event, Meeting) and summits.overlapping(event.trigger.start,
                                                              event.trigger.end):
            continue
        if (isinstance(event, Meeting)
                and not any(w in event.trigger.text.lower() for w in _words()["call_words"])
                and (is_leaders_meeting(event.participants, head_titles())
                     or _is_leaders_named(doc, event) or _is_heads_visit(event))):
            event = _as_summit(event)
        result.append(event)
    return result
