"""The sanctions plugin: the ``Sanction`` event type and its extractor.

A government or body imposes, extends, eases or lifts sanctions, an embargo,
asset freezes or export bans on a country, entity or person. Everything the
extractor knows of actors, times, places and status comes from the shared
analyses of eventx; this module adds only what is particular to sanctions.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from typing import ClassVar

import attrs
from eventx import Actor, ActorKind, Event, Extractor, actor_tuple, hookimpl, string_tuple
from eventx.extracting import ActorMention, DocumentAnalysis, actors_after_words, agent_before
from spacy.tokens import Span as SpacySpan


class SanctionAction(str, enum.Enum):
    """What the action does to the measures.

    ``impose`` covers new, additional or tightened measures; ``extend`` keeps
    existing ones in force for longer (renewal).
    """

    IMPOSE = "impose"
    EXTEND = "extend"
    EASE = "ease"
    LIFT = "lift"
    UNSPECIFIED = "unspecified"


@attrs.frozen(kw_only=True)
class Sanction(Event):
    """A government or body imposes, extends, eases or lifts sanctions on a target."""

    event_type: ClassVar[str] = "Sanction"

    imposer: Actor | None = None
    targets: tuple[Actor, ...] = attrs.field(default=(), converter=actor_tuple)
    measures: tuple[str, ...] = attrs.field(default=(), converter=string_tuple)
    action: SanctionAction = SanctionAction.UNSPECIFIED


#: Words near the trigger that say what the action does, checked in this order.
ACTION_WORDS: dict[SanctionAction, frozenset[str]] = {
    SanctionAction.LIFT: frozenset({
        "lift", "lifted", "lifts", "lifting", "remove", "removed", "removes", "removal",
        "scrap", "scrapped", "end", "ended", "ends", "ending", "drop", "dropped", "repeal",
        "repealed", "revoke", "revoked", "unfreeze", "unfroze", "unfrozen", "delist",
        "delisted", "rescind", "rescinded",
    }),
    SanctionAction.EASE: frozenset({
        "ease", "eased", "eases", "easing", "relax", "relaxed", "relaxes", "loosen",
        "loosened", "soften", "softened", "relief", "suspend", "suspended", "suspends",
        "waive", "waived", "waiver", "waivers", "exemption", "exemptions", "exempt",
    }),
    SanctionAction.EXTEND: frozenset({
        "extend", "extended", "extends", "extending", "extension", "renew", "renewed",
        "renews", "renewal", "prolong", "prolonged", "rollover", "roll",
    }),
    SanctionAction.IMPOSE: frozenset({
        "impose", "imposed", "imposes", "imposing", "imposition", "slap", "slapped", "hit",
        "new", "fresh", "additional", "further", "tougher", "tighten", "tightened", "expand",
        "expanded", "widen", "widened", "adopt", "adopted", "approve", "approved", "introduce",
        "introduced", "announce", "announced", "unveil", "unveiled", "place", "placed", "put",
        "froze", "freezing", "frozen", "sanctioned", "sanctioning", "embargoed",
        "blacklisted", "blacklisting", "added", "adds", "order", "ordered", "orders", "enact",
        "enacted",
    }),
}
#: Modifiers kept with the measure ("arms embargo", "financial sanctions").
MEASURE_MODIFIERS = frozenset({
    "arms", "oil", "trade", "financial", "economic", "sectoral", "secondary", "targeted",
    "technology", "chip", "weapons", "gas", "energy", "banking", "visa", "naval", "total",
})
#: Last words of the measures, for measures coordinated with the trigger ("sanctions and an
#: asset freeze"), and the words that may come before them.
MEASURE_HEADS = frozenset({
    "sanctions", "sanction", "embargo", "embargoes", "freeze", "freezes", "ban", "bans",
    "blacklist", "controls",
})
MEASURE_PREFIXES = frozenset({"asset", "assets", "export", "import", "travel"})
#: Words that introduce targets after the trigger.
TARGET_WORDS = frozenset({"on", "against", "of", "to", "targeting", "at"})
#: Words after which a sentence gives reasons or circumstances, not targets ("sanctions on
#: Russia over its war in Ukraine").
TARGETS_END = frozenset({"over", "for", "because", "after", "amid", "following", "due", "in",
                         "during", "despite", "since", "until", "as", "while", "when", "which",
                         "that", ";"})
#: Sanctions that are not economic ones.
NOT_ECONOMIC = frozenset({
    "disciplinary", "sporting", "doping", "fifa", "uefa", "league", "referee", "penalty",
    "penalties", "points", "club", "players", "player",
})
_PASSIVE_AUXILIARIES = frozenset({"was", "were", "been", "be", "being", "is", "are"})
_NOT_A_VERB_BEFORE = frozenset({"the", "a", "an", "of", "on", "against", "with", "for", "to",
                                "by", "and", "or", "newly", "other", "already"})
_COORDINATION = frozenset({"and", "or", ",", "as", "well", "plus", "an", "a", "new"})
_ACTOR_KINDS = (ActorKind.COUNTRY, ActorKind.ORGANIZATION, ActorKind.PERSON)


class SanctionExtractor(Extractor):
    """Finds sanctions from "sanctions", "embargo", "asset freeze", "export ban", "blacklist"."""

    name = "eventx_sanctions.sanction.v1"
    event_types = (Sanction,)
    patterns = {
        "measure": [
            [{"LOWER": {"IN": ["sanction", "sanctions", "embargo", "embargoes"]}}],
            [{"LOWER": {"IN": ["asset", "assets"]}}, {"LOWER": {"IN": ["freeze", "freezes"]}}],
            [{"LOWER": {"IN": ["export", "import", "travel"]}},
             {"LOWER": {"IN": ["ban", "bans"]}}],
            [{"LOWER": "export"}, {"LOWER": "controls"}],
            [{"LOWER": {"IN": ["blacklist", "blacklists"]}}],
            [{"LOWER": "entity"}, {"LOWER": "list"}],
        ],
        "verb": [
            [{"LOWER": {"IN": ["sanctioned", "sanctioning", "embargoed", "blacklisted",
                               "blacklisting"]}}],
            [{"LOWER": {"IN": ["froze", "freeze", "freezes", "freezing", "unfroze",
                               "unfreeze"]}},
             {"LOWER": {"IN": ["the", "its", "their"]}, "OP": "?"},
             {"LOWER": "assets"}],
        ],
    }

    def extract(self, trigger: SpacySpan, analysis: DocumentAnalysis) -> Iterator[Event]:
        sentence = analysis.sentence(trigger)
        if _not_economic(trigger, sentence) or _coordinated_with_earlier(trigger, sentence):
            return
        if trigger.label_ == "verb" and _previous_word(trigger) in _NOT_A_VERB_BEFORE:
            return  # "the sanctioned banks": an adjective, not the act
        imposer, targets = _parties(trigger, analysis)
        action = _action(trigger, sentence)
        if imposer is None and not targets and action is SanctionAction.UNSPECIFIED:
            return  # "sanctions have hurt the economy": no act is stated
        fields = analysis.common_fields(trigger, self.name)
        parties = [actor for actor in (imposer, *targets) if actor is not None]
        location = fields.location
        if location is not None and any(location.start < actor.end and actor.start <
                                         location.end for actor in parties):
            fields.location = None  # "sanctions on Russia": a target, not a place
        yield Sanction(**fields, imposer=imposer, targets=targets,
                       measures=_measures(trigger, sentence), action=action)


def _previous_word(trigger: SpacySpan) -> str:
    doc = trigger.doc
    i = trigger.start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return doc[i].lower_ if i >= 0 else ""


def _not_economic(trigger: SpacySpan, sentence: SpacySpan) -> bool:
    doc = trigger.doc
    nearby = doc[max(sentence.start, trigger.start - 4):min(sentence.end, trigger.end + 4)]
    return any(token.lower_ in NOT_ECONOMIC for token in nearby)


def _measure_start(trigger: SpacySpan, sentence: SpacySpan) -> int:
    """The first token of the measure phrase, its modifiers included."""
    start = trigger.start
    while start > sentence.start and trigger.doc[start - 1].lower_ in MEASURE_MODIFIERS:
        start -= 1
    return start


def _coordinated_with_earlier(trigger: SpacySpan, sentence: SpacySpan) -> bool:
    """True when the trigger only continues an earlier measure ("sanctions and an embargo")."""
    doc = trigger.doc
    i = _measure_start(trigger, sentence) - 1
    joined = False
    while i >= sentence.start and doc[i].lower_ in _COORDINATION | MEASURE_MODIFIERS:
        joined = joined or doc[i].lower_ in ("and", "or", ",", "plus")
        i -= 1
    return joined and i >= sentence.start and doc[i].lower_ in MEASURE_HEADS


def _measures(trigger: SpacySpan, sentence: SpacySpan) -> list[str]:
    """The measure of the trigger and those coordinated after it, lower-cased."""
    doc = trigger.doc
    if trigger.label_ == "verb":
        first = trigger[0].lower_
        if first.startswith(("froze", "freez", "unfr")):
            return ["asset freeze"]
        return ["embargo" if first == "embargoed" else
                "blacklisting" if first.startswith("blacklist") else "sanctions"]
    measures = [doc[_measure_start(trigger, sentence):trigger.end].text.lower()]
    i = trigger.end
    current: list[str] = []
    while i < sentence.end:
        word = doc[i].lower_
        if word in MEASURE_HEADS:
            current.append(word)
            measures.append(" ".join(current))
            current = []
        elif word in _COORDINATION and not current:
            pass
        elif word in MEASURE_MODIFIERS | MEASURE_PREFIXES:
            current.append(word)
        else:
            break
        i += 1
    return list(dict.fromkeys(measures))


def _action(trigger: SpacySpan, sentence: SpacySpan) -> SanctionAction:
    """The action the words around the trigger (and a verb trigger itself) state."""
    doc = trigger.doc
    around = [*doc[max(sentence.start, trigger.start - 6):trigger.start],
              *doc[trigger.end:min(sentence.end, trigger.end + 3)]]
    words = {token.lower_ for token in around}
    if trigger.label_ == "verb":
        words |= {token.lower_ for token in trigger}
    return next((action for action, cues in ACTION_WORDS.items() if words & cues),
                SanctionAction.UNSPECIFIED)


def _parties(trigger: SpacySpan, analysis: DocumentAnalysis) -> tuple[Actor | None,
                                                                      list[Actor]]:
    """The imposer and the targets, for active ("X imposed sanctions on Y"), verbal ("X
    sanctioned Y") and passive ("Y was sanctioned by X", "Y was hit with sanctions") forms."""
    passive = trigger.label_ == "verb" and _previous_word(trigger) in _PASSIVE_AUXILIARIES
    if passive or _introduced_by_with(trigger):
        target = agent_before(trigger, analysis, (*_ACTOR_KINDS, ActorKind.GROUP))
        by = actors_after_words(trigger, analysis, frozenset({"by"}))
        imposer = by[0].actor if by else _actor_before(target, analysis)
        return imposer, [target.actor] if target else []
    imposer_mention = agent_before(trigger, analysis, _ACTOR_KINDS)
    imposer = imposer_mention.actor if imposer_mention else None
    found: list[ActorMention] = actors_after_words(trigger, analysis, TARGET_WORDS)
    if trigger.label_ == "verb":
        found = [m for m in analysis.actors_in(analysis.sentence(trigger))
                 if trigger.end <= m.span.start <= trigger.end + 2] + found
    doc = trigger.doc
    end = next((t.i for t in doc[trigger.end:analysis.sentence(trigger).end]
                if t.lower_ in TARGETS_END), len(doc))
    targets = [m.actor for m in found if m.span.start < end and m.actor != imposer]
    return imposer, list(dict.fromkeys(targets))


def _introduced_by_with(trigger: SpacySpan) -> bool:
    """True for "hit with new sanctions": "with" and only modifiers before the trigger."""
    doc = trigger.doc
    i = trigger.start - 1
    while i >= 0 and (doc[i].lower_ in MEASURE_MODIFIERS | ACTION_WORDS[SanctionAction.IMPOSE]
                      or doc[i].is_space or doc[i].lower_ in ("a", "an")):
        i -= 1
    return i >= 0 and doc[i].lower_ == "with"


def _actor_before(mention: ActorMention | None, analysis: DocumentAnalysis) -> Actor | None:
    """The imposing actor before a target ("the EU hit Russia with sanctions")."""
    if mention is None:
        return None
    earlier = agent_before(mention.span, analysis, _ACTOR_KINDS)
    return earlier.actor if earlier else None


@hookimpl
def eventx_register_event_types(register: Callable[[type[Event]], None]) -> None:
    """The Sanction type."""
    register(Sanction)


@hookimpl
def eventx_register_extractors(register: Callable[[Extractor], None]) -> None:
    """The Sanction extractor."""
    register(SanctionExtractor())
