"""Argument attachment shared by extractors: who acts, on whom, with what, how much.

These read the actor, place and number analyses around a trigger within its
sentence: the agent is the nearest actor before the trigger in its clause,
targets follow "on", "against" or "from", products follow "on (imports of)".
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from eventx.analysis.actors import ActorMention, preposition_before, words
from eventx.analysis.document import DocumentAnalysis
from eventx.analysis.numbers import parse_number
from eventx.events import Actor, ActorKind, Rate
from eventx.lang import language_cache, lexicon


@language_cache
def _words() -> Mapping[str, frozenset[str]]:
    return lexicon("eventx.lang.en", "arguments")


@language_cache
def _numbers() -> Mapping[str, frozenset[str]]:
    return lexicon("eventx.lang.en", "numbers")


def participants_of(
    trigger: SpacySpan, analysis: DocumentAnalysis, *, noun: bool = False
) -> tuple[list[Actor], Actor | None]:
    """Every distinct actor of the trigger's clause, and the chair ("chaired by", "hosted").

    :param noun: the trigger is a noun, so a city right before it says where ("the Brussels
        summit"), not who; before a verb it is the subject ("Canberra met ...").
    """
    sentence = analysis.sentence(trigger)
    seen: set[tuple[str, str | None]] = set()
    participants: list[Actor] = []
    chair: Actor | None = None
    cities = {(p.span.start, p.span.end) for p in analysis.places_in(sentence)
              if not p.is_country}
    clause = analysis.clause(trigger)
    parties = _parties_after_between(trigger, clause, analysis)
    for mention in analysis.actors_in(clause):
        if parties is not None and not parties[0] <= mention.span.start < parties[1]:
            continue  # "Trump urged talks between Russia and Ukraine": the two are the parties
        if mention.modifier or (
            mention.actor.kind is ActorKind.COUNTRY
            and preposition_before(sentence.doc, mention.span.start, sentence.start)
            in words()["place_prepositions"]
        ) or (
            noun and (mention.span.start, mention.span.end) in cities
            and mention.span.end == trigger.start
        ):
            continue
        actor = mention.actor
        key = (actor.name, actor.country) if actor.kind is ActorKind.COUNTRY else (
            actor.name.lower(), actor.text)
        if key in seen:
            continue
        seen.add(key)
        participants.append(actor)
        before = sentence.doc[max(sentence.start, mention.span.start - 3):mention.span.start]
        between = sentence.doc[mention.span.end:trigger.start]
        if chair is None and (
            any(t.lower_ in _words()["host_cues"] for t in before)
            or (len(between) <= 4 and any(t.lower_ in _words()["host_cues"] for t in between))
        ):
            chair = actor
    return participants, chair


def _parties_after_between(trigger: SpacySpan, clause: SpacySpan,
                           analysis: DocumentAnalysis) -> tuple[int, int] | None:
    """The tokens of the parties named after "between" when it follows the trigger closely
    ("talks between Russia and Ukraine, following ...", "a meeting among the ministers"):
    parties one after another, joined by "and", a comma or up to two words; else None."""
    doc = trigger.doc
    start = next((t.i + 1 for t in doc[trigger.end:min(clause.end, trigger.end + 3)]
                  if t.lower_ in _words()["between_words"]), None)
    if start is None:
        return None
    starts = sorted(m.span.start for m in analysis.actors_in(clause) if m.span.start >= start)
    ends = {m.span.start: m.span.end for m in analysis.actors_in(clause)}
    end = start
    for party in starts:  # parties joined by "and", commas or up to two words ("acting")
        gap = [t for t in doc[end:party] if not t.is_space]
        if party < end or len(gap) > 2 or any(t.is_punct and t.text != "," for t in gap):
            break
        end = max(end, ends[party])
    return start, end


def agent_before(trigger: SpacySpan, analysis: DocumentAnalysis,
                 kinds: tuple[ActorKind, ...] = (ActorKind.COUNTRY, ActorKind.ORGANIZATION,
                                                 ActorKind.PERSON, ActorKind.GROUP)) -> (
        ActorMention | None):
    """The nearest actor before the trigger in its sentence, of the given kinds."""
    sentence = analysis.sentence(trigger)
    before = [m for m in analysis.actors_in(sentence)
              if m.span.end <= trigger.start and m.actor.kind in kinds and not m.modifier]
    return before[-1] if before else None


def subject_of_previous_sentence(
    trigger: SpacySpan, analysis: DocumentAnalysis,
    kinds: tuple[ActorKind, ...] = (ActorKind.COUNTRY, ActorKind.ORGANIZATION),
) -> ActorMention | None:
    """The first actor of the sentence before the trigger's, of the given kinds: the agent
    that an adjacent sentence states ("Japan cut tariffs on beef. Duties on pork fell too.")."""
    sentence = analysis.sentence(trigger)
    if sentence.start == 0:
        return None
    previous = analysis.sentence(sentence.doc[sentence.start - 1:sentence.start])
    found = [m for m in analysis.actors_in(previous)
             if m.actor.kind in kinds and not m.modifier]
    return found[0] if found else None


def actors_after_words(
    trigger: SpacySpan, analysis: DocumentAnalysis, words: frozenset[str], reach: int = 12
) -> list[ActorMention]:
    """Actors that follow one of ``words`` ("on", "against") after the trigger, within ``reach``
    tokens, and country adjectives inside a widened trigger ("cutting U.S. corn duty")."""
    sentence = analysis.sentence(trigger)
    doc = trigger.doc
    found = []
    for mention in analysis.actors_in(sentence):
        inside = trigger.start < mention.span.start and mention.span.end < trigger.end
        if inside and mention.actor.kind is ActorKind.COUNTRY:
            found.append(mention)
            continue
        if mention.span.start < trigger.end or mention.span.start - trigger.end > reach:
            continue
        window = doc[max(trigger.end, mention.span.start - 6):mention.span.start]
        marks = [t.i for t in window if t.lower_ in words]
        # "on Japanese cars", not "from August 1, Washington said": no punctuation between.
        if marks and not any(t.is_punct for t in doc[marks[-1]:mention.span.start]):
            found.append(mention)
    return found


def products_after(trigger: SpacySpan, analysis: DocumentAnalysis) -> list[str]:
    """Products named after "on" / "on imports of" following the trigger ("on steel and autos")."""
    doc = trigger.doc
    sentence = analysis.sentence(trigger)
    actor_tokens = {i for m in analysis.actors_in(sentence) for i in range(m.span.start,
                                                                          m.span.end)}
    i = trigger.end
    end = min(sentence.end, trigger.end + 12)
    while i < end and doc[i].lower_ not in _words()["product_markers"]:
        i += 1
    if i >= end:
        return []
    times = analysis.time_positions.overlapping(doc[i].idx, doc[end - 1].idx + 1)
    time_chars = [(t.start, t.end) for t in times]
    products: list[str] = []
    current: list[str] = []
    for token in doc[i + 1:end]:
        if token.is_space:
            continue
        if any(start <= token.idx < stop for start, stop in time_chars):
            break
        if token.i in actor_tokens or token.like_num or token.text in ("%",):
            if current:
                break
            continue
        if token.lower_ in _words()["product_separators"]:
            if current:
                products.append(" ".join(current))
                current = []
            continue
        if token.is_punct or token.lower_ in _words()["product_breaks"]:
            break
        if token.lower_ in _words()["product_skip"]:
            if current:
                break
            continue
        current.append(token.text)
        if len(current) >= 3:
            break
    if current:
        products.append(" ".join(current))
    return [p for p in products if re.search(r"[a-z]", p)]


def rate_near(trigger: SpacySpan, analysis: DocumentAnalysis) -> Rate | None:
    """The tariff level stated in the trigger's sentence, nearest the trigger; None for a change.

    "cut to 20 pct" gives 20; "cut by 5 points" gives None; a range keeps its highest figure.
    """
    sentence = analysis.sentence(trigger)
    candidates = analysis.percentage_positions.around(sentence.start_char, sentence.end_char,
                                                      trigger.start_char)
    if not candidates:
        return None
    nearest = min(candidates, key=lambda p: abs(p.start - trigger.start_char))
    if nearest.is_change:
        return None
    return Rate(text=nearest.text, percent=nearest.percent)


def number_before(token_index: int, trigger: SpacySpan, reach: int = 4) -> int | None:
    """An integer written just before token ``token_index`` ("4,500 troops", "two brigades")."""
    doc = trigger.doc
    sent_start = trigger.sent.start
    for i in range(token_index - 1, max(sent_start, token_index - reach) - 1, -1):
        token = doc[i]
        if token.like_num:
            text = token.text
            if i + 1 < len(doc) and doc[i + 1].lower_ in _numbers()["magnitude_scales"]:
                text += " " + doc[i + 1].text
            value = parse_number(text)
            if value is not None and value >= 1:
                return _part_of(doc, i, sent_start) or int(value)
            return None
    return None


def _part_of(doc: Doc, index: int, floor: int) -> int | None:
    """ "3,000 of its 35,000 troops": the part named before "of" a possessive and the whole."""
    words = [t for t in doc[max(floor, index - 4):index] if not t.is_space]
    if len(words) >= 3 and words[-1].lower_ in _numbers()["part_possessives"] and (
            words[-2].lower_ in _numbers()["part_links"] and words[-3].like_num):
        value = parse_number(words[-3].text)
        return int(value) if value is not None and value >= 1 else None
    return None
