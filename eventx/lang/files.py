"""Reading language data files: categories of words, inflected from lemmas, and tables.

A category is a list of words as written; or an object whose ``verbs`` and ``nouns`` are
lemmas, expanded to every inflected form by lemminflect, and whose ``words`` are taken as
written; or a table, an object that gives each word a number (or null): ``{"january": 1}``.
Keys starting with ``_`` are comments. Every form is lower-cased, unless the file sets
``"_case": "kept"`` (for words matched in the raw text, where "May" is a month and "may"
is not); lemmas are lower-cased either way.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any

import attrs

from eventx.errors import DataError

_UPOS = {"verbs": "VERB", "nouns": "NOUN"}

#: A table's values: a number for each word, or None for a word that has none.
Table = Mapping[str, float | None]


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


@attrs.frozen
class DataFile:
    """The categories of one data file (or of what a plugin adds to it).

    :param words: every category's forms; a table's are its words.
    :param tables: the tables, each word with its number.
    :param keep_case: the forms keep the case they are written in.
    """

    words: Mapping[str, frozenset[str]]
    tables: Mapping[str, Table]
    keep_case: bool = False

    def extended(self, additions: Iterable[DataFile]) -> DataFile:
        """This file with the forms and table rows of ``additions`` added (a table row of a
        later addition wins)."""
        words = dict(self.words)
        tables = {name: dict(rows) for name, rows in self.tables.items()}
        for addition in additions:
            for name, forms in addition.words.items():
                words[name] = words[name] | forms
            for name, rows in addition.tables.items():
                tables[name].update(rows)
        return DataFile(words, tables, self.keep_case)


def _is_number(value: object) -> bool:
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool))


def _word_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(w, str) for w in value)


def parse_categories(data: Mapping[str, Any], where: str, *, keep_case: bool) -> DataFile:
    """The categories of ``data`` (comments, keys starting with ``_``, left out).

    :raises DataError: naming ``where``, for a category of another shape.
    """
    fold = (lambda word: word) if keep_case else str.lower
    words: dict[str, frozenset[str]] = {}
    tables: dict[str, Table] = {}
    for name, value in data.items():
        if name.startswith("_"):
            continue
        if _word_list(value):
            words[name] = frozenset(fold(w) for w in value)
        elif isinstance(value, Mapping) and value and set(value) <= set(_UPOS) | {"words"}:
            forms: set[str] = set()
            for key, listed in value.items():
                if not _word_list(listed):
                    raise DataError(f"{where}: {name}.{key} must be a list of strings")
                forms |= (inflections(listed, _UPOS[key]) if key in _UPOS
                          else {fold(w) for w in listed})
            words[name] = frozenset(forms)
        elif isinstance(value, Mapping) and all(_is_number(v) for v in value.values()):
            tables[name] = {fold(word): number for word, number in value.items()}
            words[name] = frozenset(tables[name])
        else:
            raise DataError(f"{where}: category {name!r} must be a list of words, an object "
                            "with 'verbs', 'nouns' and 'words' lists, or an object giving "
                            "each word a number")
    return DataFile(words, tables, keep_case)


@functools.cache
def read_file(package: str, name: str) -> DataFile:
    """The data file ``name``.json of ``package``, as the package holds it.

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
    case = data.get("_case", "lower")
    if case not in ("lower", "kept"):
        raise DataError(f"{where}: '_case' must be \"lower\" or \"kept\", not {case!r}")
    return parse_categories(data, where, keep_case=case == "kept")
