"""Clauses of the blank pipeline: the stretch of a sentence that one event's words belong to.

A clause ends at a semicolon, colon, dash or bracket; at a comma followed by a word that
opens a new clause ("..., as the United States watched", "..., which ..."); and a trailing
reporting clause (", officials said on Tuesday") stands apart from what it reports. The words
are language data, ``eventx/lang/en/clauses.json``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from eventx.lang import lexicon

_REPORTING_REACH = 5  # words between a comma and its reporting verb: ", senior officials said"


@functools.cache
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
    return any(t.lower_ in _words()["reporting"] for t in following[:_REPORTING_REACH])


def clause_of(trigger: SpacySpan, sentence: SpacySpan) -> SpacySpan:
    """The clause of ``sentence`` that holds ``trigger``."""
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
