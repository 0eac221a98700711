"""Tariff actions: a government imposes, changes, suspends, removes or extends tariffs."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from spacy.tokens import Span as SpacySpan

from eventx.analysis.arguments import (
    actors_after_words,
    agent_before,
    products_after,
    rate_near,
    subject_of_previous_sentence,
)
from eventx.analysis.document import DocumentAnalysis
from eventx.events import ActorKind, Event, Rate, Status, TariffAction, TariffActionKind
from eventx.extractor import Extractor
from eventx.hookspecs import hookimpl
from eventx.lang import LanguageAttribute, language_cache, lexicon, token_patterns


@language_cache
def _words() -> Mapping[str, frozenset[str]]:
    return lexicon("eventx.builtins.tariffs", "lexicon")


#: The actions in the order their cues are checked.
_ACTIONS = (TariffActionKind.EXEMPT, TariffActionKind.SUSPEND, TariffActionKind.REMOVE,
            TariffActionKind.EXTEND, TariffActionKind.LOWER, TariffActionKind.RAISE,
            TariffActionKind.IMPOSE)


@language_cache
def _percent_signs() -> frozenset[str]:
    return lexicon("eventx.lang.en", "numbers")["percent_signs"]


@language_cache
def _kind_of() -> dict[str, TariffActionKind]:
    """Each action cue's action; a word listed under two actions keeps the first."""
    found: dict[str, TariffActionKind] = {}
    for kind in _ACTIONS:
        for form in _words()[kind.value]:
            found.setdefault(form, kind)
    return found


@language_cache
def _action_verbs() -> frozenset[str]:
    return frozenset(_kind_of()) - _words()["not_verbs"]


class TariffExtractor(Extractor):
    """Finds tariff actions from "tariffs", "duties", "levies" and the verbs around them."""

    name = "eventx.tariffs.v1"
    event_types = (TariffAction,)
    patterns = LanguageAttribute(lambda: {"tariff": token_patterns(_words()["tariff_nouns"])})

    def extract(self, trigger: SpacySpan, analysis: DocumentAnalysis) -> Iterator[Event]:
        sentence = analysis.sentence(trigger)
        free = _tariff_free(trigger)
        rate: Rate | None
        if free is not None:  # "will enter tariff-free": tariffs removed, a rate of zero
            trigger, action, rate = free, TariffActionKind.REMOVE, Rate(text=free.text, percent=0.0)
        elif _not_a_trade_tariff(trigger, sentence) or _inside_a_name(trigger, analysis):
            return
        else:
            action = _action_of(trigger, sentence)
            trigger = _with_action_word(trigger, sentence)
            rate = rate_near(trigger, analysis)
        # A government imposes tariffs: a state or body, else an official who speaks for one.
        imposer = agent_before(trigger, analysis, (ActorKind.COUNTRY, ActorKind.ORGANIZATION))
        if imposer is None:
            official = agent_before(trigger, analysis, (ActorKind.PERSON,))
            imposer = official if official and official.actor.country else None
        if imposer is None:
            imposer = subject_of_previous_sentence(trigger, analysis)
        targets = [m.actor for m in actors_after_words(
            trigger, analysis, _words()["target_markers"])
            if imposer is None or m.actor != imposer.actor]
        products = products_after(trigger, analysis)
        if action is TariffActionKind.UNSPECIFIED and not (targets or products or rate) and (
                imposer is None or imposer.span.end < trigger.start - 2) and (
                analysis.status(trigger) is Status.OCCURRED):
            return  # a tariff named with no action, party or level: "tariffs hurt", "like tariffs"
        if action is TariffActionKind.UNSPECIFIED and _is_standing(trigger) and (
                analysis.status(trigger) is Status.OCCURRED):
            return  # "are subject to import duties of 5 percent" (not "will have to pay")
        if action is TariffActionKind.UNSPECIFIED and (targets or rate or imposer):
            action = TariffActionKind.IMPOSE  # "25% tariffs on Canada": a tariff put on them
        fields = analysis.common_fields(trigger, self.name)
        # "tariffs on China" names a target, not a place: only "in"/"at" say where.
        fields["location"] = analysis.location(trigger,
                                               prepositions=_words()["location_prepositions"])
        yield TariffAction(
            **fields,
            imposer=imposer.actor if imposer else None,
            targets=tuple(targets),
            products=tuple(products),
            rate=rate,
            action=action,
        )


def _action_of(trigger: SpacySpan, sentence: SpacySpan) -> TariffActionKind:
    """The action the nearest cue states; verbs ("cut") win over adjectives ("new")."""
    window = trigger.doc[max(sentence.start, trigger.start - 8):min(sentence.end,
                                                                    trigger.end + 6)]
    cues = [t for t in window if t.lower_ in _kind_of()
            and not trigger.start <= t.i < trigger.end]  # "levies" is no cue of itself
    if not cues:
        return TariffActionKind.UNSPECIFIED
    best = min(cues, key=lambda t: (t.lower_ not in _action_verbs(), abs(t.i - trigger.start)))
    return _kind_of()[best.lower_]


def _with_action_word(trigger: SpacySpan, sentence: SpacySpan) -> SpacySpan:
    """The trigger widened to the verb that acts on it: "cut duties", "duties were cut"."""
    doc = trigger.doc
    for i in range(trigger.start - 1, max(sentence.start, trigger.start - 5) - 1, -1):
        if doc[i].is_punct:
            break
        if doc[i].lower_ in _action_verbs():
            return doc[i:trigger.end]
    end = min(sentence.end, trigger.end + 6)
    for i in range(trigger.end, end):
        if doc[i].is_punct:
            break
        if doc[i].lower_ in _action_verbs() and any(
                t.lower_ in _words()["passive"] for t in doc[i - 2:i]):
            return doc[trigger.start:i + 1]  # "tariffs were (sharply) increased"
    return trigger


def _tariff_free(trigger: SpacySpan) -> SpacySpan | None:
    """ "tariff-free" (not "duty-free", a shop's word), as a span, before no compound head."""
    doc = trigger.doc
    if trigger.root.lower_ not in _words()["free_of"] or trigger.end + 1 >= len(doc):
        return None
    end = trigger.end + 2 if doc[trigger.end].text == "-" else trigger.end + 1
    if end > len(doc) or doc[end - 1].lower_ not in _words()["free_words"] or (
            end < len(doc) and doc[end].lower_ in _words()["compound_heads"]):
        return None
    return doc[trigger.start:end]


def _is_standing(trigger: SpacySpan) -> bool:
    """A tariff in force described, not acted on: "subject to duties", "currently pay"."""
    before = [t for t in trigger.doc[max(0, trigger.start - 5):trigger.start] if not t.is_space]
    return any(t.lower_ in _words()["standing"] for t in before)


def _inside_a_name(trigger: SpacySpan, analysis: DocumentAnalysis) -> bool:
    """ "General Agreement on Tariffs and Trade", "Customs Tariff Commission": part of a name."""
    if any(m.span.start <= trigger.start and trigger.end <= m.span.end
           for m in analysis.actor_positions.overlapping(trigger.start, trigger.end)):
        return True
    doc = trigger.doc
    following = next((t.text for t in doc[trigger.end:trigger.end + 3] if not t.is_space), "")
    before = next((t.text for t in reversed(doc[max(0, trigger.start - 3):trigger.start])
                   if not t.is_space), "")
    return trigger.text[:1].isupper() and not trigger.text.isupper() and (
        following.lower() in _words()["name_followers"] or before in _words()["name_prepositions"])


def _next_word(trigger: SpacySpan, offset: int = 0) -> str:
    doc = trigger.doc
    words = [t.lower_ for t in doc[trigger.end:trigger.end + 4] if not t.is_space]
    return words[offset] if len(words) > offset else ""


def _not_a_trade_tariff(trigger: SpacySpan, sentence: SpacySpan) -> bool:
    """A tariff word in another sense: "tariff deadline", "duty-free", "non-tariff barriers",
    "export duties", "a telephone tariff", "her duty", or a duty or levy with no import or
    trade word in its sentence (an oil levy)."""
    doc = trigger.doc
    if _next_word(trigger) in _words()["compound_heads"]:
        return True
    free = _words()["free_words"]
    hyphened = {f"-{word}" for word in free}  # "duty-free"
    if _next_word(trigger) in free | hyphened or any(
            form in trigger.text.lower() for form in hyphened) or (
            _next_word(trigger) == "-" and _next_word(trigger, 1) in free):
        return True
    before = doc[trigger.start - 1].lower_ if trigger.start else ""
    prefixes = _words()["negating_prefixes"]
    prefixed = {f"{prefix}-" for prefix in prefixes}  # "non-tariff"
    if before in prefixes | prefixed or trigger.text.lower().startswith(tuple(prefixed)) or (
            before == "-" and trigger.start > 1 and doc[trigger.start - 2].lower_ in prefixes):
        return True
    if before in _words()["export_words"] or trigger[0].lower_ in _words()["export_words"]:
        return True
    if before == "-" and trigger.start > 1 and doc[trigger.start - 2].lower_ in (
            _words()["hyphen_senses"]):
        return True  # "heavy-duty engines", "on-duty officers"
    if trigger.root.lower_ in _words()["duty_nouns"] and before in (
            _words()["personal_duty_markers"]):
        return True
    nearby = {t.lower_ for t in doc[max(0, trigger.start - 3):trigger.end + 3]}
    if nearby & _words()["not_trade"] or before in _words()["domestic_levies"]:
        return True  # "a telephone tariff", "the oil levy", "fuel duty"
    return trigger.root.lower_ in _words()["needs_trade_context"] and not _trade_context(
        trigger, sentence)


def _trade_context(trigger: SpacySpan, sentence: SpacySpan) -> bool:
    """A trade word in the sentence; else, except for a surcharge (fuel and credit surcharges
    are none), a percentage, an action on it ("lowered the duties") or "on" right after it
    ("duties on chocolate")."""
    if any(t.lower_ in _words()["trade_context"] for t in sentence if t.i != trigger.root.i):
        return True
    if trigger.root.lower_ in _words()["needs_trade_word"]:
        return False
    return (_with_action_word(trigger, sentence) != trigger
            or _next_word(trigger) in _words()["object_prepositions"]
            or any(t.text in _percent_signs() for t in sentence))


@hookimpl
def eventx_register_event_types(register: Callable[[type[Event]], None]) -> None:
    """The TariffAction type."""
    register(TariffAction)


@hookimpl
def eventx_register_extractors(register: Callable[[Extractor], None]) -> None:
    """The built-in TariffAction extractor."""
    register(TariffExtractor())
