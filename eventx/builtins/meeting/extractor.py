"""Meetings: talks, negotiations, visits and calls between officials, bodies or delegations.

The frame: a meeting word whose parties are governmental or political: a state, a body, an
official or a described group of officials ("the two leaders", "Japanese negotiators"). A
noun trigger may take its parties from the two sentences before ("Negotiations will take
place next week in Oslo"). "Hosted" needs a party as its object, and a visit an official
visitor (its first participant) and a country or capital as its destination. Company,
board, sports and press meetings have no such party and are dropped; so are figurative
uses of "meet" ("meet demand", "met with criticism"), talks as a generic means ("through
dialogue and consultation") and a condition on talks failing ("if the talks fail"). The
words are data: ``lexicon.json`` beside this module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventx.analysis.actors import PlaceMention
from eventx.analysis.arguments import agent_before, participants_of
from eventx.analysis.document import DocumentAnalysis
from eventx.analysis.modality import is_failure_condition
from eventx.events import Actor, ActorKind, Event, Meeting, Status
from eventx.extractor import Extractor
from eventx.hookspecs import hookimpl
from eventx.lang import LanguageAttribute, can_be_a_noun, language_cache, lexicon, token_patterns


@language_cache
def words() -> Mapping[str, frozenset[str]]:
    """The Meeting lexicon (``lexicon.json``): triggers and the frame's words."""
    return lexicon("eventx.builtins.meeting", "lexicon")


def is_governmental(actor: Actor) -> bool:
    """True for a party that makes a meeting political: a state, a body, an official or a
    group of officials; not a company, a player or a person the text gives no office."""
    if actor.kind in (ActorKind.COUNTRY, ActorKind.ORGANIZATION):
        return True
    if actor.kind is ActorKind.PERSON:
        return actor.title is None or actor.title.lower() not in (
            words()["non_governmental_titles"])
    head = actor.text.lower().split()[-1] if actor.text.split() else ""
    return head in words()["governmental_groups"]


def political_frame_holds(trigger: SpacySpan, analysis: DocumentAnalysis,
                          participants: Sequence[Actor], *, noun: bool) -> bool:
    """True when a governmental party takes part: among the participants, else named in the
    trigger's sentence or, for a noun trigger, in the two sentences before; never in a
    corporate or sports clause, nor in a sentence that names a company ("... Corp")."""
    sentence = analysis.sentence(trigger)
    if any(t.lower_ in words()["private_sector"] for t in analysis.clause(trigger)) or any(
            t.lower_ in words()["company_suffixes"] for t in sentence):
        return False  # "the board met", "Toyota Motor Corp, which is negotiating ..."
    if any(is_governmental(actor) for actor in participants):
        return True
    nearby = [sentence]
    while noun and len(nearby) < 3 and nearby[-1].start > 0:
        doc = sentence.doc
        nearby.append(analysis.sentence(doc[nearby[-1].start - 1:nearby[-1].start]))
    return any(is_governmental(m.actor) and not m.modifier
               for span in nearby for m in analysis.actors_in(span))


def _is_figurative(trigger: SpacySpan, analysis: DocumentAnalysis) -> bool:
    """ "meet demand", "meets the target", "was met with criticism": a verb whose object is a
    thing, not a party. An object is a party when it is an actor, a pronoun for people or a
    role noun; no object at all ("met on Tuesday") is a meeting."""
    doc = trigger.doc
    if trigger[0].lower_ not in words()["figurative_verbs"] or (
            trigger[0].lower_ in words()["nouns"] and not (
                trigger.start and doc[trigger.start - 1].lower_ in words()["gerund_cues"])):
        return False  # "negotiate a deal" is talks; "the/ministerial meeting" is a noun
    sentence = analysis.sentence(trigger)
    actor_tokens = {i for m in analysis.actors_in(sentence)
                    for i in range(m.span.start, m.span.end)}
    times = analysis.time_positions.overlapping(trigger.end_char, sentence.end_char)
    time_chars = [(t.start, t.end) for t in times]
    i = _skip(doc, trigger.end, words()["object_skip"],
              lambda t: any(start <= t.idx < end for start, end in time_chars))
    if i >= len(doc):  # "met (with) the ...", "met last week with ..."
        return False
    head = _object_head(doc, i, actor_tokens)
    if head is None or head.lower_ in words()["idiom_objects"]:
        return head is not None
    if head.is_punct or head.like_num or not head.is_lower or (
            head.lower_ in words()["time_units"]):
        return False  # "met Shultz", "have been meeting all week"
    phrase = [t for t in doc[head.i:head.i + 3] if not t.is_punct or t.text in _NAME_JOINERS]
    if any(t.lower_ in words()["person_objects"] or t.lower_ in words()["governmental_groups"]
           for t in phrase):
        return False  # "union leaders", "supporters' representatives"
    return not head.is_stop


def _object_head(doc: Doc, i: int, actor_tokens: set[int]) -> Token | None:
    """The word that heads the object starting at token ``i``: past quantifiers ("the first
    two criteria") and past a name that only qualifies it ("the Law Lords' concerns",
    "Indonesia's share"); None when the object is a party named in the text."""
    while i < len(doc) and i not in actor_tokens and (
            doc[i].lower_ in words()["quantifiers"] or doc[i].like_num):
        i += 1
    if i < len(doc) and doc[i].text[:1].isupper():  # a name, or a party's ("Indonesia's")
        name_end = i
        while name_end < min(len(doc), i + 5) and (
                doc[name_end].text[:1].isupper() or doc[name_end].text in _NAME_JOINERS):
            name_end += 1
        thing = next((t for t in doc[name_end:name_end + 3] if t.is_lower
                      and t.lower_ in words()["idiom_objects"]), None)
        if thing is not None:  # "the Gramm-Rudman budget law target"
            return thing
    if i >= len(doc) or i in actor_tokens:
        return None
    return doc[i]


_NAME_JOINERS = ("-", "'", "'s", "’", "’s")


def _is_generic(trigger: SpacySpan, participants: Sequence[Actor],
                fields: Mapping[str, object]) -> bool:
    """Talks named as a kind of thing: a noun with no determiner ("trade negotiations", "open
    dialogue"), no party in its clause, no time, no place and no status cue."""
    doc = trigger.doc
    before = []
    for token in reversed(doc[max(0, trigger.start - 3):trigger.start]):
        if token.is_punct:
            break
        before.append(token)
    specific = any(t.lower_ in words()["determiners"] or t.like_num or t.text[:1].isupper()
                   for t in before)
    return (not specific and not participants and fields["time"] is None
            and fields["location"] is None and fields["status"] is Status.OCCURRED)


def _object_party(trigger: SpacySpan, analysis: DocumentAnalysis) -> Actor | None:
    """The party right after a verb ("host Turkey's President"), past determiners."""
    i = _skip(trigger.doc, trigger.end, words()["object_skip"])
    return next((m.actor for m in analysis.actors_in(analysis.sentence(trigger))
                 if m.span.start == i), None)


def _skip(doc: Doc, i: int, words_to_skip: frozenset[str],
          also: Callable[[Token], bool] = lambda token: False, *,
          stop_at_line_break: bool = False) -> int:
    """The first token from ``i`` on that is not a space, one of ``words_to_skip`` or a token
    ``also`` accepts; a line break ends the search when ``stop_at_line_break``."""
    while i < len(doc) and (
            (doc[i].is_space and not (stop_at_line_break and "\n" in doc[i].text))
            or doc[i].lower_ in words_to_skip or also(doc[i])):
        i += 1
    return i


def _official_visitor(trigger: SpacySpan, analysis: DocumentAnalysis) -> Actor | None:
    """The governmental visitor named before a visit to a country or capital, else None."""
    visitor = agent_before(trigger, analysis)
    if visitor is None or not is_governmental(visitor.actor) or (
            _visited_country(trigger, analysis) is None):
        return None
    return visitor.actor


def _visited_country(trigger: SpacySpan, analysis: DocumentAnalysis) -> PlaceMention | None:
    """The country or capital a visit goes to, named right after the trigger ("will visit
    Tokyo", "his visit to Seoul"), not as a modifier ("Kenya's biggest shantytown")."""
    doc = trigger.doc
    i = _skip(doc, trigger.end, words()["visit_skip"], stop_at_line_break=True)
    place = next((p for p in analysis.places_in(analysis.sentence(trigger))
                  if p.span.start == i and (p.is_country or p.metonym)), None)
    if place is None or place.span.end >= len(doc):
        return place
    following = doc[place.span.end]
    qualifies = following.text in _NAME_JOINERS or (  # "US troops", not "Washington went"
        following.is_alpha and following.is_lower and not following.is_stop
        and can_be_a_noun(following.text)
        and not analysis.time_positions.overlapping(following.idx, following.idx + 1))
    return None if qualifies else place


def _hosts_an_event(trigger: SpacySpan) -> bool:
    """ "host French and German allies in a Madrid summit": the summit is the event."""
    for token in trigger.doc[trigger.end:trigger.end + 10]:
        if token.is_punct and token.text not in ("-", ","):
            return False
        if token.lower_ in words()["hosted_events"]:
            return True
    return False


def _is_part_of_a_name(trigger: SpacySpan, sentence: SpacySpan) -> bool:
    """ "Meeting Point", "the Conference on Disarmament": a capitalised trigger inside a name,
    outside a headline written in capitals."""
    first = trigger[0]
    if not first.text[:1].isupper() or first.text.isupper() or _is_headline(sentence):
        return False
    following = [t for t in trigger.doc[trigger.end:sentence.end] if not t.is_space][:2]
    if following and following[0].text[:1].isupper() and following[0].is_alpha:
        return True
    return (len(following) == 2 and following[0].lower_ in words()["name_prepositions"]
            and following[1].text[:1].isupper())


def _is_headline(sentence: SpacySpan) -> bool:
    """A sentence whose words are mostly capitalised: "Leaders Meet In Geneva"."""
    words = [t for t in sentence if t.is_alpha]
    return len(words) > 1 and sum(t.text[:1].isupper() for t in words) >= 0.7 * len(words)


def _is_not_an_event(trigger: SpacySpan, sentence: SpacySpan) -> bool:
    """ "news conference", "through dialogue", "engage in dialogue", "negotiating position",
    "if the talks fail", a name."""
    doc = trigger.doc
    before = next((t for t in reversed(doc[max(0, trigger.start - 2):trigger.start])
                   if not t.is_space), None)
    if before is not None and before.lower_ in words()["not_event_modifiers"]:
        return True
    if (before is not None and before.lower_ in words()["generic_means"]
            and trigger[0].lower_ in words()["generic_nouns"]):
        return True  # dialogue as a means: "resolve issues through dialogue", "engage in"
    following = next((t for t in doc[trigger.end:trigger.end + 2] if not t.is_space), None)
    if following is not None and following.lower_ in words()["compound_heads"]:
        return True  # "a negotiating position", "the meeting room"
    return is_failure_condition(trigger) or _is_part_of_a_name(trigger, sentence)


class MeetingExtractor(Extractor):
    """Finds meetings from verbs ("met", "will meet") and nouns ("talks", "meeting") whose
    parties are governmental."""

    name = "eventx.meeting.v1"
    event_types = (Meeting,)
    patterns = LanguageAttribute(lambda: {
        "verb": token_patterns(words()["verbs"]),
        "noun": token_patterns(words()["nouns"]),
        "call": token_patterns(words()["calls"]),
        "host": token_patterns(words()["hosting"]),
        "visit": token_patterns(words()["visits"]),
    })

    def extract(self, trigger: SpacySpan, analysis: DocumentAnalysis) -> Iterator[Event]:
        sentence = analysis.sentence(trigger)
        if _is_not_an_event(trigger, sentence) or _is_figurative(trigger, analysis):
            return
        noun = trigger.label_ == "noun"
        participants, chair = participants_of(trigger, analysis, noun=noun)
        if trigger.label_ == "visit":
            visitor = _official_visitor(trigger, analysis)
            if visitor is None:
                return  # "visited the factory", "a visit to US troops", "tourists visit Paris"
            participants = [visitor, *(a for a in participants if a != visitor)]  # first
        if trigger.label_ == "host":  # "will host Erdogan": the subject hosts the object
            if _object_party(trigger, analysis) is None or _hosts_an_event(trigger):
                return  # "hosted the Olympics", "host allies at a summit" (the summit is it)
            host = agent_before(trigger, analysis)
            chair = host.actor if host else None
            if chair is not None and chair not in participants:
                participants = [chair, *participants]  # the host is a party too
        if not political_frame_holds(trigger, analysis, participants, noun=noun):
            return
        fields = analysis.common_fields(trigger, self.name)
        if noun and fields["location"] is None:  # "the Istanbul talks"
            fields["location"] = analysis.location(trigger, adjacent=True)
        if noun and _is_generic(trigger, participants, fields):
            return  # "when it comes to trade and political negotiations"
        yield Meeting(
            **fields,
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
