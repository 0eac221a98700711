"""Tokenizing text that holds very long runs of non-space characters.

spaCy's tokenizer strips punctuation from a run one character at a time and
searches the rest of the run each time, so its cost grows with the square of a
run's length (a line of 20,000 ``!`` takes minutes). A run longer than
:data:`MAX_RUN` characters that holds punctuation is therefore tokenized in pieces
of that length; the Doc's text is the text unchanged, and only such runs (which
hold no words an extractor reads) are split differently. A run of letters and
digits alone, which the tokenizer reads in one step, stays one token.
"""

from __future__ import annotations

import itertools
import re

from spacy.language import Language
from spacy.tokens import Doc

#: The longest run of non-space characters tokenized in one piece.
MAX_RUN = 100
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


def for_tokenizer(nlp: Language, text: str) -> str | Doc:
    """``text`` itself, or, when it holds a run longer than :data:`MAX_RUN` with
    punctuation in it, a Doc of it tokenized in pieces, which ``nlp`` and ``nlp.pipe``
    accept in place of the text."""
    cuts = [0]
    for run in _LONG_RUN.finditer(text):
        if not run.group().isalnum():
            cuts.extend(range(run.start() + MAX_RUN, run.end(), MAX_RUN))
    if len(cuts) == 1:
        return text
    cuts.append(len(text))
    pieces = [nlp.make_doc(text[start:end]) for start, end in itertools.pairwise(cuts)]
    return Doc.from_docs(pieces, ensure_whitespace=False)
