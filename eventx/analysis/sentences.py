"""Sentence boundaries for pipelines that have no parser or sentencizer.

A sentence ends after ``.``, ``!`` or ``?`` (and any closing quotes or
brackets), and at a paragraph break: a blank line, or a line break followed
by indentation as in wire copy. A headline set off by a blank line is a
sentence of its own. A single line break inside a sentence is not a break. A
dotted abbreviation ends a sentence when a capitalised function word follows
("... with the U.K. The talks"), not before a name ("the U.S. President").
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START  # type: ignore[import-not-found]
from spacy.tokens import Doc

_FINAL = {".", "!", "?", "...", "…"}
_CLOSERS = {'"', "'", "”", "’", ")", "]", "»"}


def is_paragraph_break(text: str) -> bool:
    """True for whitespace that ends a paragraph: a blank line, or a line break and indent.

    A line break is LF, CRLF or a lone CR.
    """
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    return breaks >= 2 or (breaks >= 1 and text.endswith(("  ", "\t")))


def set_sentence_starts(doc: Doc) -> Doc:
    """Mark sentence starts on ``doc`` unless a parser or sentencizer already did.

    All starts are written in one ``Doc.from_array`` call: setting ``is_sent_start``
    token by token costs time that grows with the square of the document's length.
    """
    if len(doc) == 0 or doc.has_annotation("SENT_START"):
        return doc
    starts = numpy.empty((len(doc), 1), dtype="int32")
    start_next = True
    previous = ""
    previous_abbreviation = False  # "U.K." may end a sentence: "... with the U.K. The ..."
    for token in doc:
        text = token.text
        if token.is_space:
            starts[token.i, 0] = 1 if start_next else -1
            if is_paragraph_break(text):
                start_next = True
        elif text in _CLOSERS and not start_next and previous in _FINAL:
            starts[token.i, 0] = -1
            start_next = True
        else:
            after_abbreviation = previous_abbreviation and token.is_stop and text[:1].isupper()
            starts[token.i, 0] = 1 if start_next or after_abbreviation else -1
            previous_abbreviation = text.endswith(".") and text.count(".") >= 2
            start_next = text in _FINAL or (
                text.endswith(".") and len(text) > 1 and text[:-1].isdigit()
            )
        previous = text
    doc.from_array([SENT_START], starts.astype("uint64"))  # type: ignore[arg-type]
    return doc
