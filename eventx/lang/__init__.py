"""Language data: the words that the analyses and the built-in event types read.

Words live in JSON files, not in code: the shared cues of a language in
``eventx/lang/<language>/`` (``eventx/lang/en/modality.json``, ...) and each
built-in type's own words beside its rules (``eventx/builtins/troops/lexicon.json``).
A file maps a category to a list of words written as they appear, or to an
object whose ``verbs`` and ``nouns`` are lemmas, expanded to every inflected
form (``withdraw`` gives "withdraws", "withdrew", "withdrawn", "withdrawing")
by `lemminflect <https://github.com/bjascob/LemmInflect>`_, and whose
``words`` are taken as written, or to a table that gives each word a number::

    {"cancel": {"verbs": ["cancel", "postpone"], "nouns": ["cancellation"], "words": ["off"]},
     "scales": {"thousand": 1000, "million": 1000000}}

Every form is lower-cased, and matching is on the lower-cased token, unless the file
sets ``"_case": "kept"``. Plugins add words through the ``eventx_language_data`` hook;
each pipeline reads its own :class:`LanguageData` (see :mod:`eventx.lang.data`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from eventx.lang.data import (
    DEFAULT_LANGUAGE,
    LanguageAttribute,
    LanguageData,
    active,
    builtin_data,
    language_cache,
    parse_additions,
    resource_names,
    using,
)
from eventx.lang.files import Table, can_be_a_noun, inflections

__all__ = [
    "DEFAULT_LANGUAGE",
    "LanguageAttribute",
    "LanguageData",
    "Table",
    "active",
    "alternation",
    "builtin_data",
    "can_be_a_noun",
    "inflections",
    "language_cache",
    "lexicon",
    "parse_additions",
    "resource_names",
    "table",
    "token_patterns",
    "using",
    "words",
]

_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def lexicon(package: str, name: str) -> Mapping[str, frozenset[str]]:
    """The categories of the data file ``name``.json in ``package``, each a set of forms,
    with the words the active pipeline's plugins add.

    :param package: a package holding data files, such as ``"eventx.lang.en"`` or
        ``"eventx.builtins.troops"``.
    :param name: the file name without ``.json``.
    :raises DataError: when the file is missing or malformed.
    """
    return active().lexicon(package, name)


def table(package: str, name: str, category: str) -> Table:
    """One table of the data file ``name``.json in ``package``: ``table("eventx.lang.en",
    "numbers", "scales")["thousand"]`` is 1000."""
    return active().table(package, name, category)


def words(name: str, category: str, language: str = DEFAULT_LANGUAGE) -> frozenset[str]:
    """The forms of one category of a shared language file: ``words("modality", "cancel")``."""
    return lexicon(f"eventx.lang.{language}", name)[category]


def token_patterns(forms: Iterable[str], *, gap: int = 0) -> list[list[dict[str, Any]]]:
    """spaCy ``Matcher`` patterns for word forms: one pattern for the single words, one a
    phrase for the others ("pull out" is "pull" then "out"; "build-up" is "build", "-",
    "up", as spaCy's tokenizer splits it), each matched lower-cased.

    :param gap: how many words a phrase may have between its first word and the rest
        ("pull some 3,000 troops out"); the words of a phrase's tail stay together.
    """
    split = {form: _HYPHEN.sub(" - ", form).split() for form in forms}
    singles = sorted(form for form, words in split.items() if len(words) == 1)
    patterns: list[list[dict[str, Any]]] = [[{"LOWER": {"IN": singles}}]] if singles else []
    for phrase in sorted(form for form, words in split.items() if len(words) > 1):
        head, *tail = split[phrase]
        patterns.append([{"LOWER": head}, *([{"OP": "?"}] * gap),
                         *({"LOWER": word} for word in tail)])
    return patterns


def alternation(forms: Iterable[str]) -> str:
    """A regular expression group that matches any of ``forms`` as written, longest first
    (so that "the end of" is tried before "the")."""
    ordered = sorted(set(forms), key=lambda form: (-len(form), form))
    return "(?:" + "|".join(re.escape(form) for form in ordered) + ")"
