"""Sentence boundaries for pipelines that have no parser or sentencizer.

A sentence ends after ``.``, ``!`` or ``?`` (and any closing quotes or
brackets), and at a paragraph break: a blank line, or a line break followed
by indentation as in wire copy. A headline set off by a blank line is a
sentence of its own. A single line break inside a sentence is not a break.
"""

from __future__ import annotations

from spacy.tokens import Doc

_FINAL = {".", "!", "?", "...", "…"}
_CLOSERS = {'"', "'", "”", "’", ")", "]", "»"}


def is_paragraph_break(text: str) -> bool:
    """True for whitespace that ends a paragraph: a blank line, or a line break and indent."""
    return text.count("\n") >= 2 or ("\n" in text and text.endswith(("  ", "\t")))


def set_sentence_starts(doc: Doc) -> Doc:
    """Mark sentence starts on ``doc`` unless a parser or sentencizer already did."""
    if len(doc) == 0 or doc.has_annotation("SENT_START"):
        return doc
    start_next = True
    for token in doc:
        if token.is_space:
            token.is_sent_start = start_next
            if is_paragraph_break(token.text):
                start_next = True
            continue
        if token.text in _CLOSERS and not start_next and token.i > 0 and (
            doc[token.i - 1].text in _FINAL
        ):
            token.is_sent_start = False
            start_next = True
            continue
        token.is_sent_start = start_next
        start_next = token.text in _FINAL or (
            token.text.endswith(".") and len(token.text) > 1 and token.text[:-1].isdigit()
        )
    return doc
