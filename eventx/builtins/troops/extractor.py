"""Troop adjustments: changes, or talk of changes, in the number or stationing of forces.

The frame: a change word (a verb or noun of withdrawing, deploying, reducing, keeping ...)
tied to a military force in its clause. The force is a military noun ("troops", "brigade",
"warships", "National Guard") or an ambiguous one ("forces", "units", "personnel",
"carrier") that a military modifier or a military context makes plain ("U.S. forces",
"naval units"); "market forces", "police force" and "housing units" are not forces. A verb
that sends something ("send", "deploy", "order") must have the force as its object, or as
its subject in the passive ("troops were sent"), so "the military sends a signal" is no
event. The words are data: ``lexicon.json`` beside this module.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping, Sequence

import attrs
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from eventx.analysis.arguments import agent_before, number_before
from eventx.analysis.clauses import clause_of
from eventx.analysis.document import DocumentAnalysis
from eventx.events import Actor, ActorKind, Direction, Event, Place, Status, TroopAdjustment
from eventx.extractor import Extractor
from eventx.hookspecs import hookimpl
from eventx.lang import LanguageAttribute, can_be_a_noun, language_cache, lexicon, token_patterns

_REACH_BEFORE, _REACH_AFTER = 6, 8


@language_cache
def _words() -> Mapping[str, frozenset[str]]:
    return lexicon("eventx.builtins.troops", "lexicon")


@language_cache
def _direction_of() -> dict[str, Direction]:
    """Each change word's direction; a word listed under two keeps the first."""
    found: dict[str, Direction] = {}
    for direction in Direction:
        for form in _words()[direction.value]:
            found.setdefault(form, direction)
    return found


def _patterns() -> dict[str, list[list[dict[str, object]]]]:
    return {"change": token_patterns(_direction_of(), gap=6)}


@functools.cache
def _last_words(phrases: frozenset[str]) -> frozenset[str]:
    return frozenset(phrase.split()[-1] for phrase in phrases)


def _ends_phrase(doc: Doc, i: int, phrases: frozenset[str]) -> int | None:
    """The start of a listed word or phrase that ends at token ``i``, if any."""
    if doc[i].lower_ not in _last_words(phrases):
        return None
    for length in (3, 2, 1):
        start = i - length + 1
        if start >= 0 and " ".join(t.lower_ for t in doc[start:i + 1]) in phrases:
            return start
    return None


@attrs.frozen
class _Context:
    """What decides whether an ambiguous noun ("forces", "presence", "unit") is military.

    :param national: the tokens of mentions of a country ("UK", "Israeli"), which make an
        ambiguous noun right after them a force ("UK forces").
    :param state_acts: a state or body is named in the sentence, so a possessive makes a
        force ("the African Union will increase its forces").
    :param strong: the change word itself is military ("deploy", "withdrawal").
    :param military_sentence: the sentence speaks of the military ("war", "troops",
        "brigades").
    :param force_sentence: the sentence names a force ("frigates", "troops"), which makes a
        weak noun one too ("eight ships, including three frigates").
    """

    national: frozenset[int]
    state_acts: bool
    strong: bool
    military_sentence: bool
    force_sentence: bool


def _is_force(doc: Doc, i: int, sentence: SpacySpan, context: _Context) -> bool:
    """True when token ``i`` ends a military force noun, by itself or by its context.

    An ambiguous noun ("forces", "personnel") is a force after a military modifier, a
    country or (when a state acts) a possessive, or with a military change word or sentence
    ("deploy forces"); a weak one ("presence", "vessels", "aircraft", "unit") only after a
    military modifier or in a military sentence ("the naval presence")."""
    words = _words()
    start = _ends_phrase(doc, i, words["force_nouns"])
    if start is not None:
        if _modifies_another_noun(doc, i):
            return False  # "the military payday", "Chief of Army Staff"
        return start == 0 or doc[start - 1].lower_ not in words["non_military_modifiers"]
    lower = doc[i].lower_
    if lower not in words["ambiguous_force_nouns"] and lower not in words["weak_force_nouns"]:
        return False
    before = doc[i - 1] if i > sentence.start else None
    if before is not None and before.lower_ in words["non_military_modifiers"]:
        return False
    after = doc[i + 1] if i + 1 < sentence.end else None
    if after is not None and after.lower_ in words["ship_prefixes"]:
        return True  # "the carrier USS Nimitz"
    if lower in words["weak_force_nouns"]:  # "naval vessels", not "foreign carriers"
        return context.force_sentence or (
            before is not None and before.lower_ in words["weak_force_modifiers"])
    if before is not None and before.lower_ in words["military_modifiers"]:
        return True  # "U.N. forces", "naval units"
    if before is not None and (before.i in context.national or (
            context.state_acts and before.lower_ in words["possessives"])):
        return True
    return context.strong or context.military_sentence


def _modifies_another_noun(doc: Doc, i: int) -> bool:
    """True when a force word that also serves as an adjective ("military", "army") qualifies
    the noun after it: a listed head ("military spending") or a name ("Army Staff")."""
    if doc[i].lower_ not in _words()["modifier_forces"] or i + 1 >= len(doc):
        return False
    following = doc[i + 1]
    return following.lower_ in _words()["military_heads"] or (
        following.is_alpha and (following.text[:1].isupper() or (
            not following.is_stop and can_be_a_noun(following.text))))


def _clause_window(trigger: SpacySpan, sentence: SpacySpan) -> tuple[int, int]:
    """Token bounds around the trigger: its clause (see :mod:`eventx.analysis.clauses`), at
    most a few words either side."""
    clause = clause_of(trigger, sentence)
    return (max(clause.start, trigger.start - _REACH_BEFORE),
            min(clause.end, trigger.end + _REACH_AFTER))


def _is_passive(trigger: SpacySpan) -> bool:
    doc = trigger.doc
    before = [t for t in doc[max(0, trigger.start - 3):trigger.start] if not t.is_space]
    return any(t.lower_ in _words()["passive_aux"] for t in before[-2:])


def find_force(trigger: SpacySpan, sentence: SpacySpan, context: _Context) -> int | None:
    """The token of the force the change word is tied to, nearest first; None if none is."""
    doc = trigger.doc
    first = trigger[0].lower_
    if first in _words()["subject_verbs"] or _used_without_object(trigger):
        subject = _subject_before(trigger, sentence.start)
        return subject if _is_force(doc, subject, sentence, context) else None
    start, end = _clause_window(trigger, sentence)
    sending = first in _words()["sending_verbs"] and not _is_noun_trigger(trigger)
    after_only = sending and not _is_passive(trigger)
    candidates = [i for i in range(start, end)
                  if not trigger.start <= i < trigger.end or len(trigger) > 1
                  if (i >= trigger.end or not after_only) and _is_force(doc, i, sentence, context)
                  and not (after_only and _behind_a_preposition(trigger, i))]
    if not candidates:
        return None
    return min(candidates, key=lambda i: abs(i - trigger.start))


def _behind_a_preposition(trigger: SpacySpan, force: int) -> bool:
    """ "extended citizenship rights to Gurkha soldiers": the force is not what is sent."""
    return any(t.lower_ in _words()["object_prepositions"]
               for t in trigger.doc[trigger.end:force])


def _is_noun_trigger(trigger: SpacySpan) -> bool:
    before = trigger.doc[trigger.start - 1].lower_ if trigger.start else ""
    return before in _words()["noun_trigger_openers"] or (
        trigger[0].lower_.endswith(tuple(_words()["noun_suffixes"])))


def _is_standing(trigger: SpacySpan, force: int) -> bool:
    """ "the 350 servicemen deployed in Senegal", "forces are stationed there": a description
    of a presence, not a change."""
    if trigger[0].lower_ not in _words()["standing_participles"] or force > trigger.start:
        return False
    before = [t.lower_ for t in trigger.doc[force + 1:trigger.start] if not t.is_space]
    if before and before[0] in _words()["present_be"]:
        return True  # "where British forces are (now) stationed"
    return trigger.start - force <= 2 and not _is_passive(trigger)


def _is_idiom(trigger: SpacySpan) -> bool:
    """ "move to make arrests", "sends a signal", "keep the peace": change words that move no
    troops."""
    doc = trigger.doc
    following = [t for t in doc[trigger.end:trigger.end + 3] if not t.is_space]
    if trigger[0].lower_ in _direction_of() and _direction_of()[trigger[0].lower_] is (
            Direction.REDEPLOY) and len(following) >= 2 and (
            following[0].lower_ in _words()["purpose_markers"]) and (
            following[1].is_lower and following[1].lower_ not in (
                _words()["destination_determiners"])):
        return True
    objects = [t for t in following[:2] if t.lower_ not in _words()["articles"]]
    return bool(objects) and objects[0].lower_ in _words()["idiom_objects"]


class TroopExtractor(Extractor):
    """Finds troop adjustments: a change word tied to a military force in its clause."""

    name = "eventx.troops.v1"
    event_types = (TroopAdjustment,)
    patterns = LanguageAttribute(_patterns)

    def extract(self, trigger: SpacySpan, analysis: DocumentAnalysis) -> Iterator[Event]:
        sentence = analysis.sentence(trigger)
        if _is_not_a_change_word(trigger) or (
                trigger[0].lower_ in _words()["adjectives"]
                and analysis.status(trigger) is Status.OCCURRED):
            return  # "peace-keeping", "their election move", "thousands more ... are available"
        actors = analysis.actors_in(sentence)
        context = _Context(
            national=frozenset(i for m in actors if m.actor.country
                               for i in range(m.span.start, m.span.end)),
            state_acts=any(m.actor.kind in (ActorKind.COUNTRY, ActorKind.ORGANIZATION)
                           for m in actors),
            strong=trigger[0].lower_ in _words()["strong_triggers"],
            military_sentence=any(t.lower_ in _words()["military_context"] for t in sentence),
            force_sentence=any(_ends_phrase(t.doc, t.i, _words()["force_nouns"]) is not None
                               and not _modifies_another_noun(t.doc, t.i) for t in sentence))
        context = attrs.evolve(context, military_sentence=context.military_sentence
                               or context.force_sentence)
        force_token = find_force(trigger, sentence, context)
        if force_token is None and trigger.start > sentence.start and trigger.doc[
                trigger.start - 1].lower_ in _words()["force_adjectives"]:
            force_token = trigger.start - 1  # "a naval build-up": the navy's forces
        if force_token is None and _is_strong_noun(trigger):
            force_token = _force_before(sentence, analysis)  # "... troops. The withdrawal"
        if (force_token is None or _is_idiom(trigger) or _is_standing(trigger, force_token)
                or _force_is_a_change(trigger, force_token)
                or _supplies_no_personnel(trigger, force_token)
                or _orders_no_movement(trigger, force_token, analysis)
                or _is_adjectival(trigger, force_token)
                or _adjective_is_no_trigger(trigger, sentence, force_token)):
            return
        direction = _direction_of()[trigger[0].lower_] if len(trigger) == 1 else (
            _direction_of().get(_phrase_of(trigger), Direction.WITHDRAW))
        force = _force_actor(force_token, trigger, analysis)
        fields = analysis.common_fields(trigger, self.name)
        if direction in (Direction.WITHDRAW, Direction.DECREASE):
            left = analysis.location(trigger, prepositions=_words()["left_place_prepositions"])
            if left is not None:  # "out of Germany", "from Iraq"
                fields["location"] = left
            elif fields["location"] is not None and _after_to(trigger, fields["location"]):
                fields["location"] = None  # where troops go is not where they leave
        if fields["location"] is None:  # "more troops for Darfur"
            fields["location"] = analysis.location(
                trigger, prepositions=_words()["cause_place_prepositions"])
        destination = None
        if direction is Direction.REDEPLOY:
            destination = analysis.location(trigger, after_only=True,
                                            prepositions=_words()["destination_prepositions"])
        unit_start = _ends_phrase(trigger.doc, force_token, _words()["unit_nouns"])
        yield TroopAdjustment(
            **fields,
            force=force,
            direction=direction,
            magnitude=number_before(force_token, trigger),
            unit=(trigger.doc[unit_start:force_token + 1].text if unit_start is not None
                  else None),
            destination=destination,
        )


def _is_not_a_change_word(trigger: SpacySpan) -> bool:
    """The second half of a hyphenated word ("peace-keeping"), or a noun that names a decision
    rather than a movement ("their election move", "the move")."""
    doc = trigger.doc
    if trigger.start >= 2 and doc[trigger.start - 1].text == "-" and not (
            doc[trigger.start - 2].whitespace_):
        return True
    if trigger[0].lower_ not in _words()["decision_nouns"] or trigger.start == 0:
        return False
    before = [t for t in doc[max(0, trigger.start - 2):trigger.start] if not t.is_space]
    return any(t.lower_ in _words()["noun_determiners"] for t in before)


def _orders_no_movement(trigger: SpacySpan, force: int, analysis: DocumentAnalysis) -> bool:
    """ "ordered its army to grow more food", "ordered his forces to blast ...": a verb that
    orders is a change only towards a place ("ordered the carrier group to the Gulf") or with
    a change word after the force ("ordered troops to withdraw")."""
    if trigger[0].lower_ not in _words()["command_verbs"]:
        return False
    doc = trigger.doc
    sentence = analysis.sentence(trigger)
    after = doc[max(force, trigger.end - 1) + 1:min(sentence.end, max(force, trigger.end) + 6)]
    if any(t.lower_ in _direction_of() and t.lower_ not in _words()["command_verbs"]
           and t.lower_ not in _words()["adjectives"] for t in after):
        return False
    places = {i for p in analysis.places_in(sentence) for i in range(p.span.start, p.span.end)}
    for token in after:
        if token.lower_ not in _words()["movement_prepositions"]:
            continue
        goal = next((t for t in doc[token.i + 1:sentence.end]
                     if t.lower_ not in _words()["articles"] and not t.is_space), None)
        if goal is not None and (goal.i in places or goal.text[:1].isupper()):
            return False  # "to the Gulf", "to the CENTCOM area", not "to blast targets"
    return True


def _supplies_no_personnel(trigger: SpacySpan, force: int) -> bool:
    """ "supply 10,000 soldiers" is a deployment; "supply 132 fighter aircraft" an arms sale."""
    return trigger[0].lower_ in _words()["personnel_verbs"] and (
        trigger.doc[force].lower_ not in _words()["personnel_nouns"])


def _force_is_a_change(trigger: SpacySpan, force: int) -> bool:
    """ "reinforcements have started arriving": the force is itself a change word, whose own
    event this one restates."""
    return not trigger.start <= force < trigger.end and trigger.doc[force].lower_ in (
        _direction_of())


def _is_strong_noun(trigger: SpacySpan) -> bool:
    return trigger[0].lower_ in _words()["strong_nouns"] and _is_noun_trigger(trigger)


def _force_before(sentence: SpacySpan, analysis: DocumentAnalysis) -> int | None:
    """A force named in the trigger's sentence or one of the two before, for a military noun
    that refers to it ("US troops began leaving Iraq. The withdrawal ends in September.")."""
    doc = sentence.doc
    span = sentence
    for _ in range(3):
        found = next((t.i for t in span if _names_a_force(doc, t.i)), None)
        if found is not None or span.start == 0:
            return found
        span = analysis.sentence(doc[span.start - 1:span.start])
    return None


def _names_a_force(doc: Doc, i: int) -> bool:
    """A force noun, or "forces"/"personnel" after a country or a military word."""
    if _ends_phrase(doc, i, _words()["force_nouns"]) is not None:
        return not _modifies_another_noun(doc, i)
    return doc[i].lower_ in _words()["ambiguous_force_nouns"] and i > 0 and (
        doc[i - 1].lower_ in _words()["military_modifiers"] or doc[i - 1].ent_type_ != ""
        or doc[i - 1].text[:1].isupper())


def _is_adjectival(trigger: SpacySpan, force: int) -> bool:
    """ "the remaining insurgents": a participle between a determiner and a noun that is not
    the force."""
    doc = trigger.doc
    if not trigger[-1].lower_.endswith(tuple(_words()["participle_suffixes"])) or (
            trigger.end >= len(doc)):
        return False
    following = doc[trigger.end]
    before = doc[trigger.start - 1].lower_ if trigger.start else ""
    return before in _words()["adjective_openers"] and (
        following.is_alpha and following.is_lower and not following.is_stop
        and following.i != force)


def _used_without_object(trigger: SpacySpan) -> bool:
    """ "Marines will deploy to Darwin": a sending verb whose subject moves, with no object."""
    following = next((t for t in trigger.doc[trigger.end:trigger.end + 2] if not t.is_space),
                     None)
    return (trigger[0].lower_ in _words()["sending_verbs"] and not _is_noun_trigger(trigger)
            and following is not None and following.lower_ in _words()["movement_prepositions"])


def _subject_before(trigger: SpacySpan, floor: int) -> int:
    """The last word of the subject of a verb that only its subject does ("remain", "leave",
    "arrive"): the word before it past auxiliaries, adverbs and a name ("French soldiers
    left", "the carrier USS Nimitz has departed"), so that "clashes between US forces and
    militiamen left 46 dead" has no force as its subject."""
    doc = trigger.doc
    i = trigger.start - 1
    while i > floor and _ends_phrase(doc, i, _words()["force_nouns"]) is None and (
            doc[i].is_space or doc[i].lower_ in _words()["subject_gap"]
            or doc[i].text[:1].isupper() or doc[i].text in _words()["name_links"]
            or doc[i].lower_.endswith(tuple(_words()["adverb_suffixes"]))):
        i -= 1
    return i


def _adjective_is_no_trigger(trigger: SpacySpan, sentence: SpacySpan, force: int) -> bool:
    """An adjective ("more", "fewer") is a trigger only right before its force ("more
    troops") and when no change verb of its clause states the change ("send more troops")."""
    adjectives = _words()["adjectives"]
    if trigger[0].lower_ not in adjectives:
        return False
    if not 0 <= force - trigger.end <= 2:
        return True
    start, end = _clause_window(trigger, sentence)
    return any(t.lower_ in _direction_of() and t.lower_ not in adjectives
               for t in trigger.doc[start:end] if t.i != trigger.start)


def _after_to(trigger: SpacySpan, place: Place) -> bool:
    """True when ``place`` is where troops go ("to Poland"), not where they leave."""
    text = trigger.doc.text[max(0, place.start - 12):place.start].lower().split()
    return bool(text) and text[-1] in _words()["destination_prepositions"]


def _phrase_of(trigger: SpacySpan) -> str:
    """The listed phrase a gapped trigger stands for: "pull ... out" is "pull out"."""
    return f"{trigger[0].lower_} {trigger[-1].lower_}"


def _force_actor(force_token: int, trigger: SpacySpan, analysis: DocumentAnalysis) -> (
        Actor | None):
    sentence = analysis.sentence(trigger)
    for mention in analysis.actors_in(sentence):
        if mention.span.start <= force_token < mention.span.end + 2 and mention.span.end <= (
                force_token + 1):
            return mention.actor
    agent = agent_before(trigger, analysis, (ActorKind.COUNTRY, ActorKind.ORGANIZATION,
                                             ActorKind.GROUP))
    return agent.actor if agent else None


@hookimpl
def eventx_process_events(doc: Doc, events: Sequence[Event]) -> list[Event]:
    """One adjustment per change: a second change word of the same direction, force and
    number in the same sentence ("ordered the carrier group to sail to ...") restates
    the first; the change word is kept over a verb that only orders it."""
    stated = {(e.sentence.start, e.force) for e in events
              if isinstance(e, TroopAdjustment) and not _only_commands(e)}
    ordered = {(e.sentence.start, e.force): e.status for e in events
               if isinstance(e, TroopAdjustment) and _only_commands(e)}
    seen: set[tuple[object, ...]] = set()
    kept: list[Event] = []
    for event in events:
        if isinstance(event, TroopAdjustment):
            if _only_commands(event) and (event.sentence.start, event.force) in stated:
                continue  # "ordered the deployment": the deployment is the event, ...
            status = ordered.get((event.sentence.start, event.force))
            if status is not None:
                event = attrs.evolve(event, status=status)  # ... as ordered ("occurred")
            key = (event.sentence.start, event.direction, event.force, event.magnitude)
            if key in seen:
                continue
            seen.add(key)
        kept.append(event)
    return kept


def _only_commands(event: Event) -> bool:
    """A trigger that orders a change ("ordered", "directed") rather than stating it."""
    return event.trigger.text.lower() in _words()["command_verbs"]


@hookimpl
def eventx_register_event_types(register: Callable[[type[Event]], None]) -> None:
    """The TroopAdjustment type."""
    register(TroopAdjustment)


@hookimpl
def eventx_register_extractors(register: Callable[[Extractor], None]) -> None:
    """The built-in TroopAdjustment extractor."""
    register(TroopExtractor())
