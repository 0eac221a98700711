"""Troop adjustments: changes, or talk of changes, in the number or stationing of forces."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Span as SpacySpan

from eventx.analysis.arguments import agent_before, number_before
from eventx.analysis.document import DocumentAnalysis
from eventx.events import Actor, ActorKind, Direction, Event, TroopAdjustment
from eventx.extractor import Extractor
from eventx.hookspecs import hookimpl

FORCE_NOUNS = frozenset({
    "troops", "troop", "forces", "force", "soldiers", "peacekeepers", "peacekeeping", "marines",
    "brigade", "brigades", "battalion", "battalions", "contingent", "contingents", "personnel",
    "military", "division", "divisions", "army", "reinforcements", "units", "warships",
    "carrier", "missiles", "gurkhas", "servicemen", "presence",
})
#: Change words by direction; each is a trigger when a force noun is near.
DIRECTION_WORDS: dict[Direction, list[str]] = {
    Direction.WITHDRAW: ["withdraw", "withdraws", "withdrew", "withdrawn", "withdrawing",
                         "withdrawal", "withdrawals", "pullout", "pull-out", "pullback",
                         "evacuate", "evacuated", "remove", "removed", "removal", "exit"],
    Direction.DECREASE: ["reduce", "reduced", "reduces", "reducing", "reduction", "reductions",
                         "cut", "cuts", "cutting", "drawdown", "downsize", "downsizing",
                         "decrease", "decreased", "shrink", "trim", "trimmed", "fewer"],
    Direction.INCREASE: ["increase", "increased", "increases", "increasing", "boost",
                         "boosted", "boosting", "reinforce", "reinforced", "reinforcements",
                         "re-enforcements", "enforcements", "enlarge", "enlarged", "expand",
                         "expanded",
                         "expansion", "bolster", "bolstered", "more", "additional", "extra",
                         "surge", "double", "doubled", "bigger", "greater"],
    Direction.REDEPLOY: ["redeploy", "redeployed", "redeployment", "relocate", "relocated",
                         "relocation", "transfer", "transferred", "move", "moved",
                         "shift", "shifted", "rotate", "rotation"],
    Direction.DEPLOY: ["deploy", "deployed", "deploys", "deploying", "deployment",
                       "deployments", "send", "sends", "sent", "sending", "dispatch",
                       "dispatched", "station", "stationed", "stationing", "arrive", "arrived",
                       "arrival", "arrivals", "commit", "committed", "offer", "offered",
                       "contribute", "contributed", "mobilize", "mobilise", "mobilized",
                       "mobilised", "post", "posted"],
    Direction.MAINTAIN: ["keep", "keeps", "kept", "maintain", "maintained", "maintains",
                         "retain", "retained", "remain", "stay"],
    Direction.ADJUST: ["adjust", "adjusted", "adjusting", "adjustment", "adjustments",
                       "realignment", "restructuring", "change", "changes", "reposture"],
}
_DIRECTION_OF = {word: direction for direction, words in DIRECTION_WORDS.items()
                 for word in words}
_UNIT_NOUNS = frozenset({"brigade", "brigades", "battalion", "battalions", "marines",
                         "division", "divisions", "carrier", "warships", "contingent",
                         "gurkhas", "peacekeepers", "regiment"})
_NOT_MILITARY = frozenset({"fans", "labor", "labour", "task", "work", "sales", "market",
                           "workforce", "staff", "jobs", "peace", "price", "prices"})


class TroopExtractor(Extractor):
    """Finds troop adjustments from change words ("withdraw", "deployment") near force nouns."""

    name = "eventx.troops.v1"
    event_types = (TroopAdjustment,)
    patterns = {
        "change": [[{"LOWER": {"IN": sorted(_DIRECTION_OF)}}]],
        "phrase": [[{"LOWER": {"IN": ["pull", "pulled", "pulling", "pulls", "draw", "drew",
                                      "scale", "scaled", "bring", "brought"]}},
                    {"LOWER": {"IN": ["out", "back", "down", "home"]}}]],
    }

    def extract(self, trigger: SpacySpan, analysis: DocumentAnalysis) -> Iterator[Event]:
        force_token = _force_noun_near(trigger)
        if (force_token is None or _is_idiom(trigger) or _verb_said_it(trigger)
                or _describes_a_standing_force(trigger, force_token)):
            return
        first = trigger[0].lower_
        direction = (Direction.WITHDRAW if trigger.label_ == "phrase" and first in (
            "pull", "pulled", "pulling", "pulls", "bring", "brought")
            else Direction.DECREASE if trigger.label_ == "phrase"
            else _DIRECTION_OF[first])
        sentence = analysis.sentence(trigger)
        force = _force_actor(force_token, trigger, analysis)
        fields = analysis.common_fields(trigger, self.name)
        if fields["location"] is None:  # "more troops for Darfur"
            fields = fields.replace(
                location=analysis.location(trigger, prepositions=frozenset({"for"})))
        destination = None
        if direction is Direction.REDEPLOY:
            destination = analysis.location(trigger, after_only=True)
        yield TroopAdjustment(
            **fields,
            force=force,
            direction=direction,
            magnitude=number_before(force_token, trigger),
            unit=(sentence.doc[force_token].text if sentence.doc[force_token].lower_
                  in _UNIT_NOUNS else None),
            destination=destination,
        )


_ADJECTIVES = frozenset({"more", "additional", "extra", "bigger", "greater", "fewer"})


def _verb_said_it(trigger: SpacySpan) -> bool:
    """ "send more troops": the adjective adds nothing to the verb's event before it."""
    if trigger[0].lower_ not in _ADJECTIVES:
        return False
    before = trigger.doc[max(trigger.sent.start, trigger.start - 4):trigger.start]
    return any(t.lower_ in _DIRECTION_OF and t.lower_ not in _ADJECTIVES for t in before)


def _describes_a_standing_force(trigger: SpacySpan, force_token: int) -> bool:
    """ "the 28,500 troops stationed in Korea": a description of a presence, not a change."""
    return trigger[0].lower_ in ("stationed", "based", "posted") and force_token < trigger.start


def _is_idiom(trigger: SpacySpan) -> bool:
    """ "move to make arrests", "keep the peace": change words that move no troops."""
    doc = trigger.doc
    following = [t for t in doc[trigger.end:trigger.end + 3] if not t.is_space]
    if trigger[0].lower_ in ("move", "moved") and len(following) >= 2 and (
            following[0].lower_ == "to" and following[1].is_lower):
        return True
    return any(t.lower_ == "peace" for t in following[:2])


def _force_noun_near(trigger: SpacySpan) -> int | None:
    """The index of a force noun within a few words of the trigger, in its sentence."""
    doc = trigger.doc
    sent = trigger.sent
    start, end = max(sent.start, trigger.start - 5), min(sent.end, trigger.end + 6)
    candidates = [t for t in doc[start:end] if t.lower_ in FORCE_NOUNS]
    if any(t.lower_ in _NOT_MILITARY for t in doc[start:end]):
        return None
    if not candidates:
        return None
    return min(candidates, key=lambda t: abs(t.i - trigger.start)).i


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
def eventx_register_event_types(register: Callable[[type[Event]], None]) -> None:
    """The TroopAdjustment type."""
    register(TroopAdjustment)


@hookimpl
def eventx_register_extractors(register: Callable[[Extractor], None]) -> None:
    """The built-in TroopAdjustment extractor."""
    register(TroopExtractor())
