"""Tariff actions: a government imposes, changes, suspends, removes or extends tariffs."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Span as SpacySpan

from eventx.analysis.arguments import (
    actors_after_words,
    agent_before,
    products_after,
    rate_near,
    subject_of_previous_sentence,
)
from eventx.analysis.document import DocumentAnalysis
from eventx.events import ActorKind, Event, TariffAction, TariffActionKind
from eventx.extractor import Extractor
from eventx.hookspecs import hookimpl

_TARIFF_NOUNS = ["tariff", "tariffs", "duty", "duties", "levy", "levies", "surcharge",
                 "surcharges"]
#: Words near the trigger that say what the action does, checked in this order.
ACTION_WORDS: dict[TariffActionKind, frozenset[str]] = {
    TariffActionKind.EXEMPT: frozenset({"exempt", "exempted", "exempts", "exemption",
                                        "exemptions", "waive", "waived", "waiver"}),
    TariffActionKind.SUSPEND: frozenset({"suspend", "suspended", "suspends", "suspension",
                                         "suspending", "pause", "paused", "postpone",
                                         "postponed", "delay", "delayed"}),
    TariffActionKind.REMOVE: frozenset({"remove", "removed", "removes", "removal", "eliminate",
                                        "eliminated", "eliminates", "elimination", "scrap",
                                        "scrapped", "abolish", "abolished", "lift", "lifted",
                                        "lifts", "lifting", "end", "ended", "drop", "dropped",
                                        "repeal", "repealed", "withdraw", "withdrew"}),
    TariffActionKind.EXTEND: frozenset({"extend", "extended", "extends", "extension",
                                        "renew", "renewed", "prolong", "prolonged"}),
    TariffActionKind.LOWER: frozenset({"cut", "cuts", "cutting", "lower", "lowered", "lowers",
                                       "lowering", "reduce", "reduced", "reduces", "reducing",
                                       "reduction", "reductions", "slash", "slashed", "ease",
                                       "eased", "trim", "trimmed", "decrease", "decreased"}),
    TariffActionKind.RAISE: frozenset({"raise", "raised", "raises", "raising", "increase",
                                       "increased", "increases", "hike", "hiked", "hikes",
                                       "higher", "double", "doubled", "triple", "tripled",
                                       "boost", "boosted"}),
    TariffActionKind.IMPOSE: frozenset({"impose", "imposed", "imposes", "imposing",
                                        "imposition", "slap", "slapped", "levy", "levied",
                                        "introduce", "introduced", "apply", "applied",
                                        "put", "place", "placed", "additional", "new",
                                        "retaliatory", "punitive", "countervailing",
                                        "anti-dumping", "antidumping", "charge", "charged"}),
}
_NOT_TRADE = frozenset({"phone", "telephone", "electricity", "water", "gas", "feed-in", "postal",
                        "calls", "call", "broadband", "mobile", "tax-free", "jury", "guard",
                        "military", "active", "police", "excise", "care", "peacekeeping",
                        "research", "replanting", "stamp", "estate", "death", "inheritance",
                        "fiduciary", "civic", "moral", "legal"})
_NAME_FOLLOWERS = frozenset({"Commission", "Office", "Act", "Board", "Committee", "and",
                             "Bureau", "Law"})


class TariffExtractor(Extractor):
    """Finds tariff actions from "tariffs", "duties", "levies" and the verbs around them."""

    name = "eventx.tariffs.v1"
    event_types = (TariffAction,)
    patterns = {
        "tariff": [
            [{"LOWER": {"IN": _TARIFF_NOUNS}}],
            [{"LOWER": {"IN": ["import", "export"]}}, {"LOWER": {"IN": ["taxes", "tax"]}}],
        ],
    }

    def extract(self, trigger: SpacySpan, analysis: DocumentAnalysis) -> Iterator[Event]:
        if _not_a_trade_tariff(trigger) or _inside_a_name(trigger, analysis):
            return
        sentence = analysis.sentence(trigger)
        action = _action_of(trigger, sentence)
        trigger = _with_action_word(trigger, sentence)
        # A government imposes tariffs: a state or body, else an official who speaks for one.
        imposer = agent_before(trigger, analysis, (ActorKind.COUNTRY, ActorKind.ORGANIZATION))
        if imposer is None:
            official = agent_before(trigger, analysis, (ActorKind.PERSON,))
            imposer = official if official and official.actor.country else None
        if imposer is None:
            imposer = subject_of_previous_sentence(trigger, analysis)
        targets = [m.actor for m in actors_after_words(
            trigger, analysis, frozenset({"on", "against", "from", "to"}))
            if imposer is None or m.actor != imposer.actor]
        fields = analysis.common_fields(trigger, self.name)
        # "tariffs on China" names a target, not a place: only "in"/"at" say where.
        fields["location"] = analysis.location(trigger, prepositions=frozenset({"in", "at"}))
        yield TariffAction(
            **fields,
            imposer=imposer.actor if imposer else None,
            targets=tuple(targets),
            products=tuple(products_after(trigger, analysis)),
            rate=rate_near(trigger, analysis),
            action=action,
        )


_ACTION_VERBS = frozenset().union(*ACTION_WORDS.values()) - {"additional", "new", "retaliatory",
                                                             "punitive", "countervailing",
                                                             "anti-dumping", "antidumping",
                                                             "higher", "end", "put", "place"}
_KIND_OF = {word: kind for kind, words in reversed(ACTION_WORDS.items()) for word in words}
_PASSIVE = frozenset({"was", "were", "be", "been", "is", "are", "being", "would", "will",
                      "should", "could", "to"})


def _action_of(trigger: SpacySpan, sentence: SpacySpan) -> TariffActionKind:
    """The action the nearest cue states; verbs ("cut") win over adjectives ("new")."""
    window = trigger.doc[max(sentence.start, trigger.start - 8):min(sentence.end,
                                                                    trigger.end + 6)]
    cues = [t for t in window if t.lower_ in _KIND_OF]
    if not cues:
        return TariffActionKind.UNSPECIFIED
    best = min(cues, key=lambda t: (t.lower_ not in _ACTION_VERBS, abs(t.i - trigger.start)))
    return _KIND_OF[best.lower_]


def _with_action_word(trigger: SpacySpan, sentence: SpacySpan) -> SpacySpan:
    """The trigger widened to the verb that acts on it: "cut duties", "duties were cut"."""
    doc = trigger.doc
    for i in range(trigger.start - 1, max(sentence.start, trigger.start - 5) - 1, -1):
        if doc[i].is_punct:
            break
        if doc[i].lower_ in _ACTION_VERBS:
            return doc[i:trigger.end]
    end = min(sentence.end, trigger.end + 6)
    for i in range(trigger.end, end):
        if doc[i].is_punct:
            break
        if doc[i].lower_ in _ACTION_VERBS and doc[i - 1].lower_ in _PASSIVE:
            return doc[trigger.start:i + 1]
    return trigger


def _inside_a_name(trigger: SpacySpan, analysis: DocumentAnalysis) -> bool:
    """ "General Agreement on Tariffs and Trade", "Customs Tariff Commission": part of a name."""
    if any(m.span.start <= trigger.start and trigger.end <= m.span.end
           for m in analysis.actor_positions.overlapping(trigger.start, trigger.end)):
        return True
    doc = trigger.doc
    following = doc[trigger.end].text if trigger.end < len(doc) else ""
    return trigger.text[:1].isupper() and not trigger.text.isupper() and (
        following in _NAME_FOLLOWERS)


#: Nouns that a tariff word modifies to name something other than a tariff action.
_COMPOUND_HEADS = frozenset({"deadline", "deadlines", "talks", "dispute", "disputes", "war",
                             "wars", "revenue", "revenues", "negotiations", "policy", "row",
                             "regime", "schedule", "schedules", "code", "codes", "commission",
                             "classification", "income", "receipts"})


def _not_a_trade_tariff(trigger: SpacySpan) -> bool:
    doc = trigger.doc
    if trigger.end < len(doc) and doc[trigger.end].lower_ in _COMPOUND_HEADS:
        return True  # "tariff deadline", "tariff talks"
    after = doc[trigger.end].text if trigger.end < len(doc) else ""
    if after in ("-free", "free") or (after == "-" and trigger.end + 1 < len(doc)
                                      and doc[trigger.end + 1].lower_ == "free"):
        return True
    if "-free" in trigger.text.lower():
        return True
    before = doc[trigger.start - 1].lower_ if trigger.start else ""
    if before == "export" or trigger[0].lower_ == "export":
        return True
    if trigger.root.lower_ in ("duty", "duties") and before in ("on", "off", "of", "for"):
        return True
    nearby = {t.lower_ for t in doc[max(0, trigger.start - 3):trigger.end + 3]}
    return bool(nearby & _NOT_TRADE)


@hookimpl
def eventx_register_event_types(register: Callable[[type[Event]], None]) -> None:
    """The TariffAction type."""
    register(TariffAction)


@hookimpl
def eventx_register_extractors(register: Callable[[Extractor], None]) -> None:
    """The built-in TariffAction extractor."""
    register(TariffExtractor())
