"""Language data: the words that the analyses and the built-in event types read.

Words live in JSON files, not in code: the shared cues of a language in
``eventx/lang/<language>/`` (``eventx/lang/en/modality.json``, ...) and each
built-in type's own words beside its rules (``eventx/builtins/troops/lexicon.json``).
A file maps a category to a list of words written as they appear, or to an
object whose ``verbs`` and ``nouns`` are lemmas, expanded to every inflected
form (``withdraw`` gives "withdraws", "withdrew", "withdrawn", "withdrawing")
by `lemminflect <https://github.com/bjascob/LemmInflect>`_, and whose
``words`` are taken as written::

    {"cancel": {"verbs": ["cancel", "postpone"], "nouns": ["cancellation"], "words": ["off"]}}

Every form is lower-cased; matching is on the lower-cased token.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any

from eventx.errors import DataError

#: The language of the built-in data.
DEFAULT_LANGUAGE = "en"
_UPOS = {"verbs": "VERB", "nouns": "NOUN"}
_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def inflections(lemmas: Iterable[str], upos: str) -> frozenset[str]:
    """Every form of each lemma for the universal part of speech ``upos`` (``VERB``,
    ``NOUN``), the lemma itself included, lower-cased.

    A phrase inflects its first word when a verb ("pull out" gives "pulled out") and its last
    when a noun ("fighter jet" gives "fighter jets").
    """
    from lemminflect import getAllInflections, getAllInflectionsOOV

    forms: set[str] = set()
    for lemma in lemmas:
        words = lemma.lower().split()
        at = 0 if upos == "VERB" else len(words) - 1
        found = (getAllInflections(words[at], upos=upos)
                 or getAllInflectionsOOV(words[at], upos=upos))
        for variant in {words[at]}.union(*found.values()):
            forms.add(" ".join([*words[:at], variant, *words[at + 1:]]))
    return frozenset(forms)


@functools.lru_cache(maxsize=65536)
def can_be_a_noun(word: str) -> bool:
    """True when ``word`` is a known form of a noun and not of an auxiliary ("payday",
    "talks"; not "pulled", "will"), which tells a modifier ("military talks") from a
    subject ("the military pulled out")."""
    from lemminflect import getAllLemmas

    lower = word.lower()
    parts = getAllLemmas(lower)
    if "AUX" in parts:
        return False
    return "NOUN" in parts or (lower.endswith("s") and "NOUN" in getAllLemmas(lower[:-1]))


def _category(name: str, value: Any, where: str) -> frozenset[str]:
    if isinstance(value, list) and all(isinstance(w, str) for w in value):
        return frozenset(w.lower() for w in value)
    if isinstance(value, Mapping) and set(value) <= {"verbs", "nouns", "words"}:
        forms: set[str] = set()
        for key, words in value.items():
            if not (isinstance(words, list) and all(isinstance(w, str) for w in words)):
                raise DataError(f"{where}: {name}.{key} must be a list of strings")
            forms |= (inflections(words, _UPOS[key]) if key in _UPOS
                      else {w.lower() for w in words})
        return frozenset(forms)
    raise DataError(f"{where}: category {name!r} must be a list of words or an object "
                            "with 'verbs', 'nouns' and 'words' lists")


@functools.cache
def lexicon(package: str, name: str) -> Mapping[str, frozenset[str]]:
    """The categories of the data file ``name``.json in ``package``, each a set of forms.

    :param package: a package holding data files, such as ``"eventx.lang.en"`` or
        ``"eventx.builtins.troops"``.
    :param name: the file name without ``.json``.
    :raises DataError: when the file is missing or malformed.
    """
    where = f"{package}/{name}.json"
    try:
        text = resources.files(package).joinpath(f"{name}.json").read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, ModuleNotFoundError, ValueError) as error:
        raise DataError(f"cannot read {where}: {error}") from error
    if not isinstance(data, dict):
        raise DataError(f"{where}: the top level must be an object of categories")
    return {key: _category(key, value, where) for key, value in data.items()
            if not key.startswith("_")}


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
