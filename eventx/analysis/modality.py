"""Modality: whether an event occurred, is planned, threatened, possible, cancelled or negated.

Cues are read in the trigger's clause: the words before the trigger back to
a clause boundary, a few words after it ("was called off", "took place"),
and the modifiers directly in front of a noun trigger ("the planned summit").
When the pipeline has a dependency parse, the auxiliaries and governing
verbs of the trigger are read as well. Reported speech keeps the reported
status: in "officials said they met", "said" is no cue.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventx.analysis.positions import has_annotation
from eventx.events import Status

# Single-word cues, lower-cased, by the status they signal.
CANCEL_WORDS = frozenset({
    "cancel", "cancels", "cancelled", "canceled", "cancelling", "canceling", "cancellation",
    "postpone", "postponed", "postpones", "postponing", "postponement", "scrapped", "scrap",
    "scraps", "aborted", "suspended", "shelved", "delayed",
})
NEGATION_WORDS = frozenset({
    "not", "n't", "no", "never", "neither", "nor", "denied", "denies", "deny", "ruled",
    "rejected", "rejects", "refused", "refuses", "without", "dismissed", "unlikely", "nothing",
})
THREAT_WORDS = frozenset({
    "threaten", "threatened", "threatens", "threatening", "threat", "threats", "warned", "warns",
    "warning", "retaliate", "retaliation", "retaliatory", "ultimatum",
})
POSSIBLE_WORDS = frozenset({
    "may", "might", "could", "consider", "considers", "considered", "considering",
    "consideration", "propose", "proposed", "proposes", "proposing", "proposal", "possible",
    "possibility", "possibly", "potential", "weighing", "weigh", "mulling", "mull", "option",
    "options", "discuss", "discussed", "discussing", "discussion", "discussions", "debate",
    "debated", "debating", "seek", "seeks", "seeking", "sought", "want", "wants", "wanted",
    "urge", "urged", "urges", "urging", "call", "calls", "called", "suggest", "suggested",
    "suggests", "hope", "hopes", "hoped", "hoping", "push", "pushing", "pressed", "idea",
    "review", "reviewing", "study", "studying", "talk", "talked", "talking", "if", "whether",
    "perhaps", "prospect", "prospects", "would-be", "explore", "exploring", "ready", "prepared",
    "willing", "ask", "asks", "asked", "asking", "offer", "offers", "offered", "advise",
    "advises", "advised", "assess", "assessing", "proposals", "should", "need", "needs",
    "needed", "vital", "necessary", "return", "restarting", "resumption", "eventual",
    "eventually", "recommend", "recommended", "recommends", "demand", "demanding", "demanded",
})
PLANNED_WORDS = frozenset({
    "will", "'ll", "shall", "would", "plan", "plans", "planned", "planning", "scheduled",
    "schedule", "set", "due", "expected", "expects", "expect", "agreed", "agree", "agrees",
    "decided", "decide", "decides", "announced", "announce", "announces", "approved", "approve",
    "approves", "oks", "ok", "okd", "intend", "intends", "intended", "upcoming", "forthcoming",
    "coming", "next", "prepare", "prepares", "preparing", "going", "arrange", "likely", "deal",
    "arranged", "organize", "organise", "host", "hosts", "ahead", "later", "pledged",
    "promised", "vowed", "vows", "pledges", "promises", "aims", "aim", "slated",
})
# Words that close the clause when reading backwards from the trigger.
CLAUSE_BREAKS = frozenset({";", ":", "but", "while", "whereas", "although", "though", "after",
                           "before", "since", "because", "as", "when", "—", "--", "(", ")"})
# Words after the trigger that put it in the future: "tariffs will be 25 percent".
FUTURE_AFTER = frozenset({"will", "would", "'ll", "shall", "planned", "scheduled", "begins",
                          "opens", "due", "next", "tomorrow", "resume", "resumes"})
_AFTER_CANCEL = frozenset({"cancelled", "canceled", "postponed", "called", "scrapped",
                           "shelved", "delayed", "suspended", "aborted"})


def _window_before(trigger: SpacySpan, size: int) -> list[Token]:
    doc = trigger.doc
    sentence_start = trigger.sent.start if has_annotation(doc, "SENT_START") else 0
    tokens: list[Token] = []
    i = trigger.start - 1
    while i >= sentence_start and len(tokens) < size:
        token = doc[i]
        if token.lower_ in CLAUSE_BREAKS or token.text == ",":
            if token.text == "," and len(tokens) < 2:
                i -= 1
                continue
            break
        if not token.is_space:
            tokens.append(token)
        i -= 1
    return tokens


def _window_after(trigger: SpacySpan, size: int) -> list[Token]:
    doc = trigger.doc
    end = trigger.sent.end if has_annotation(doc, "SENT_START") else len(doc)
    return [t for t in doc[trigger.end : min(end, trigger.end + size)] if not t.is_space]


def _clause_after(trigger: SpacySpan, size: int) -> list[Token]:
    """The words after the trigger up to the end of its clause, at most ``size``."""
    words = []
    for token in _window_after(trigger, size):
        if token.lower_ in CLAUSE_BREAKS or token.text in (",", ".", ";"):
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


def status_of(trigger: SpacySpan) -> Status:
    """The status that the cues around ``trigger`` signal; ``occurred`` without any cue."""
    before = _window_before(trigger, 10)
    near = before[:4]
    after = _window_after(trigger, 4)
    clause_after = _lowers(_clause_after(trigger, 25))
    governing = _governing(trigger)
    words_before = _lowers(before) | _lowers(governing)
    near_words = _lowers(near) | _lowers(t for t in governing if t.dep_ == "neg")
    after_words = _lowers(after)
    trigger_words = _lowers(trigger)

    if (clause_after & _AFTER_CANCEL and clause_after & {"was", "were", "been", "be", "is",
                                                         "has", "have", "had", "off"}) or (
        words_before & CANCEL_WORDS and not trigger_words & CANCEL_WORDS
    ):
        return Status.CANCELLED
    if near_words & NEGATION_WORDS or (
        "no" in words_before and after_words & {"took", "take", "held", "place"}
    ):
        return Status.NEGATED
    if words_before & THREAT_WORDS:
        return Status.THREATENED
    if words_before & POSSIBLE_WORDS:
        return Status.POSSIBLE
    infinitive = bool(near) and near[0].lower_ == "to"
    if infinitive or words_before & PLANNED_WORDS or after_words & FUTURE_AFTER:
        return Status.PLANNED
    return Status.OCCURRED
