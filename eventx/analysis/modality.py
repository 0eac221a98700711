"""Modality: whether an event occurred, is planned, threatened, possible, cancelled or negated.

Cues are read in the trigger's clause: the words before the trigger back to
a clause boundary (punctuation, a conjunction, a relative pronoun or a
reporting verb: in "officials said they met", "said" is no cue), the words
after it to the end of its clause ("was called off", "has been arranged for
Friday", "will take place"), and, with a dependency parse, the auxiliaries
and governing verbs of the trigger. The cue words are language data
(``eventx/lang/en/modality.json``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventx.analysis.positions import has_annotation
from eventx.events import Status
from eventx.lang import language_cache, lexicon


@language_cache
def _cues() -> Mapping[str, frozenset[str]]:
    return lexicon("eventx.lang.en", "modality")


@language_cache
def _grammar() -> Mapping[str, frozenset[str]]:
    return lexicon("eventx.lang.en", "grammar")


def _is_break(token: Token, cues: Mapping[str, frozenset[str]]) -> bool:
    """A clause word, or a reporting verb written in lower case ("said"; not the "States" of
    "the United States")."""
    return token.lower_ in cues["clause_breaks"] or (
        token.lower_ in cues["reporting"] and token.is_lower)


def _window_before(trigger: SpacySpan, size: int) -> list[Token]:
    """The words before the trigger back to its clause's start, nearest first."""
    doc, cues = trigger.doc, _cues()
    sentence_start = trigger.sent.start if has_annotation(doc, "SENT_START") else 0
    tokens: list[Token] = []
    i = trigger.start - 1
    while i >= sentence_start and len(tokens) < size:
        token = doc[i]
        if token.text == ",":
            if len(tokens) >= 2:
                break
        elif _is_break(token, cues):
            break
        elif not token.is_space:
            tokens.append(token)
        i -= 1
    return tokens


def _clause_after(trigger: SpacySpan, size: int) -> list[Token]:
    """The words after the trigger up to the end of its clause, at most ``size``."""
    doc, cues = trigger.doc, _cues()
    end = trigger.sent.end if has_annotation(doc, "SENT_START") else len(doc)
    words: list[Token] = []
    for token in doc[trigger.end:min(end, trigger.end + size)]:
        if token.is_space:
            continue
        if token.text in (",", ".", ";") or _is_break(token, cues):
            break
        words.append(token)
    return words


def _governing(trigger: SpacySpan) -> list[Token]:
    """The trigger's verb chain and its auxiliaries, from a dependency parse."""
    if not has_annotation(trigger.doc, "DEP"):
        return []
    found: list[Token] = []
    token = trigger.root
    for _ in range(3):
        found.extend(child for child in token.children if child.dep_ in ("aux", "auxpass", "neg"))
        if token.dep_ in ("xcomp", "ccomp", "dobj", "pobj", "nsubj", "nsubjpass", "compound",
                          "amod", "prep", "acl") and token.head is not token:
            token = token.head
            found.append(token)
        else:
            break
    return found


def _lowers(tokens: Iterable[Token]) -> set[str]:
    return {token.lower_ for token in tokens}


def is_past_time(text: str) -> bool:
    """True for a time expression that places an event in the past by its words ("last
    month", "yesterday", "two weeks ago")."""
    return any(word in _cues()["past_time_words"] for word in text.lower().split())


def is_future_time(text: str) -> bool:
    """True for a time expression that places an event ahead by its words ("next week",
    "tomorrow")."""
    return any(word in _cues()["future_time_words"] for word in text.lower().split())


def is_failure_condition(trigger: SpacySpan) -> bool:
    """True when the trigger is the subject of a condition that it fails ("if the talks
    fail", "unless the negotiations collapse"): a condition, not an event."""
    cues = _cues()
    before = _window_before(trigger, 4)
    after = _clause_after(trigger, 3)
    return bool(_lowers(before) & cues["condition"]) and bool(
        _lowers(after) & cues["condition_failure"])


_MODIFIER_STATUSES = ((Status.CANCELLED, "modifier_cancelled"),
                      (Status.POSSIBLE, "modifier_possible"),
                      (Status.PLANNED, "modifier_planned"),
                      (Status.OCCURRED, "modifier_occurred"))


def _modifier_status(trigger: SpacySpan) -> Status | None:
    """The status that a modifier right before a noun trigger states ("the upcoming summit",
    "the proposed talks", "the postponed meeting", "the previous meeting"), back to its
    determiner."""
    cues, doc = _cues(), trigger.doc
    for token in reversed(doc[max(0, trigger.start - 3):trigger.start]):
        if token.is_space or token.is_punct or token.lower_ in _grammar()["articles"] or (
                token.lower_ in _grammar()["infinitive_markers"]):
            break  # "the upcoming", not "a recent decision to"
        for status, key in _MODIFIER_STATUSES:
            if token.lower_ in cues[key]:
                return status
    return None


def _predicate_is_future(before: list[Token], clause_after: list[Token]) -> bool:
    """A trigger that heads its clause's subject ("Negotiations between Iran and the United
    States will return on Saturday") takes the tense of the clause's first auxiliary."""
    cues = _cues()
    if any(not (t.is_punct or t.lower_ in _grammar()["articles"] or t.text[:1].isupper())
           for t in before):
        return False
    first = next((t for t in clause_after if t.lower_ in cues["auxiliaries_after"]), None)
    return first is not None and first.lower_ in cues["future_auxiliaries"]


def status_of(trigger: SpacySpan) -> Status:
    """The status that the cues of ``trigger``'s clause signal; ``occurred`` without any cue.

    The clause's cues are tried in the order cancelled, negated, then a modifier right
    before the trigger ("the upcoming summit"), then threatened, possible, planned.
    """
    cues = _cues()
    before = _window_before(trigger, 10)
    near = before[:4]
    clause_after = _clause_after(trigger, 25)
    after = _lowers(clause_after[:4])
    governing = _governing(trigger)
    # a trigger widened over its verb ("tariffs will be cut") holds auxiliaries of its own
    inner = _lowers(trigger) & cues["auxiliaries"]
    words_before = _lowers(before) | _lowers(governing) | inner
    near_words = _lowers(near) | _lowers(t for t in governing if t.dep_ == "neg")
    later = _lowers(clause_after)
    trigger_words = _lowers(trigger)

    if (later & cues["cancel_after"] and later & cues["passive_aux"]) or (
        words_before & cues["cancel"] and not trigger_words & cues["cancel"]
    ):
        return Status.CANCELLED
    if near_words & cues["negation"] or (
        words_before & _grammar()["negative_determiners"] and after & cues["negation_after"]
    ):
        return Status.NEGATED
    modified = _modifier_status(trigger)
    if modified is not None:
        return modified
    if words_before & cues["threat"]:
        return Status.THREATENED
    if words_before & cues["possible"]:
        return Status.POSSIBLE
    to = _grammar()["infinitive_markers"]
    infinitive = (bool(near) and near[0].lower_ in to) or any(  # "is to hold two days of"
        before[k].lower_ in to and before[k - 1].lower_ in cues["light_verbs"]
        for k in range(1, min(len(before), 6)))
    progressive = bool(near) and near[0].lower_ in cues["present_be"] and (  # "I'm speaking
        trigger[0].lower_.endswith(tuple(_grammar()["progressive_suffixes"]))) and bool(
        later & cues["scheduled_days"])  # on Friday"
    if (infinitive or progressive or _predicate_is_future(before, clause_after)
            or words_before & cues["planned"] or after & cues["future_after"]
            or _lowers(clause_after[:10]) & cues["planned_after"]):
        return Status.PLANNED
    return Status.OCCURRED
