"""Clauses: the stretch of a sentence that one event's words belong to.

With a dependency parse, the clause is the subtree of the verb that governs the trigger,
less the clauses nested in it. The blank pipeline has no parse; there a clause ends at a
semicolon, colon, dash or bracket, and at a comma followed by a word that opens a new
clause ("..., as the United States watched", "..., which ..."); a trailing reporting
clause (", officials said on Tuesday") stands apart from what it reports. The words are
language data, ``eventx/lang/en/clauses.json``.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from eventx.analysis.positions import has_annotation
from eventx.lang import language_cache, lexicon

_REPORTING_REACH = 5  # words between a comma and its reporting verb: ", senior officials said"
_DATED_REPORT_REACH = 3  # words from a reporting verb to its time: "told reporters on"


@language_cache
def _words() -> Mapping[str, frozenset[str]]:
    return lexicon("eventx.lang.en", "clauses")


def _opens_clause(doc: Doc, comma: int, end: int) -> bool:
    """True when the comma at ``comma`` starts a new clause: a clause word follows it, or a
    reporting verb within a few words (", officials said")."""
    following = [t for t in doc[comma + 1:min(end, comma + 2 + _REPORTING_REACH)]
                 if not t.is_space]
    if not following:
        return False
    if following[0].lower_ in _words()["after_comma"]:
        return True
    return any(t.lower_ in _words()["reporting"] and t.is_lower
               for t in following[:_REPORTING_REACH])


def dates_a_report(doc: Doc, start: int, trigger: SpacySpan, floor: int) -> bool:
    """True when the time at token ``start`` dates a reporting verb just before it ("said on
    Tuesday", "told reporters Friday"), not the reported event; not when the trigger comes
    between the two ("will tell officials at talks later this month")."""
    before = [t for t in doc[max(floor, start - _DATED_REPORT_REACH):start] if not t.is_space]
    for token in reversed(before):
        if token.is_punct:
            return False
        if token.lower_ in _words()["reporting"] and token.is_lower:
            return not token.i < trigger.start < start
    return False


#: Dependency labels of clauses inside another clause, which a parsed clause leaves out.
_SUBCLAUSES = frozenset({"advcl", "relcl", "parataxis", "ccomp", "acl"})


def clause_of(trigger: SpacySpan, sentence: SpacySpan) -> SpacySpan:
    """The clause of ``sentence`` that holds ``trigger``: from the dependency parse when the
    pipeline has one, else from punctuation and clause words."""
    if has_annotation(trigger.doc, "DEP"):
        return _parsed_clause(trigger, sentence)
    return _segmented_clause(trigger, sentence)


def _parsed_clause(trigger: SpacySpan, sentence: SpacySpan) -> SpacySpan:
    """The unbroken stretch around the trigger of the subtree of the verb that governs it,
    less the clauses nested in it that do not hold the trigger ("..., as the United States
    watched"); "officials said" above a reported "met" is not part of it."""
    doc = trigger.doc
    verb = trigger.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return _segmented_clause(trigger, sentence)
    left_out = {t.i for child in verb.children if child.dep_ in _SUBCLAUSES
                and not child.left_edge.i <= trigger.start <= child.right_edge.i
                for t in child.subtree}
    kept = {t.i for t in verb.subtree if t.i not in left_out} | set(range(trigger.start,
                                                                           trigger.end))
    start, end = trigger.start, trigger.end
    while start > sentence.start and (start - 1 in kept or doc[start - 1].is_space):
        start -= 1
    while end < sentence.end and (end in kept or doc[end].is_space):
        end += 1
    return doc[start:end]


def _segmented_clause(trigger: SpacySpan, sentence: SpacySpan) -> SpacySpan:
    """The clause from punctuation, clause words and reporting verbs, for unparsed text."""
    doc = trigger.doc
    start, end = sentence.start, sentence.end
    for i in range(trigger.start - 1, sentence.start - 1, -1):
        token = doc[i]
        if token.text in _words()["hard"] or (
                token.text == "," and _opens_clause(doc, i, trigger.start)):
            start = i + 1
            break
    for i in range(trigger.end, sentence.end):
        token = doc[i]
        if token.text in _words()["hard"] or (
                token.text == "," and _opens_clause(doc, i, sentence.end)):
            end = i
            break
    return doc[start:end]
