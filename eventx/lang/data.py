"""The language data of one pipeline: the built-in files with what its plugins add.

A :class:`LanguageData` is built once per plugin set (see :mod:`eventx.plugins`) and made
the active one while its pipeline extracts (:func:`using`), so that two pipelines with
different plugins never see each other's words. Outside a pipeline, the built-in data is
active. Code that derives something from the data (a set of forms, trigger patterns) keeps
it once per :class:`LanguageData` with :func:`language_cache` or :class:`LanguageAttribute`.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib import resources as package_files
from typing import Any, Generic, TypeVar

from eventx.errors import DataError
from eventx.lang.files import DataFile, Table, parse_categories, read_file

#: The language of the built-in data.
DEFAULT_LANGUAGE = "en"
#: The package that holds the built-in event types, each with its ``lexicon.json``.
BUILTIN_TYPES = "eventx.builtins"

T = TypeVar("T")
#: Where a plugin's additions go: the package and the file name of a data file.
FileKey = tuple[str, str]


@functools.cache
def resource_names(language: str = DEFAULT_LANGUAGE) -> Mapping[str, FileKey]:
    """The data files that plugins can extend, by the name the ``eventx_language_data`` hook
    uses: a shared file of the language by its name (``"modality"`` is
    ``eventx/lang/en/modality.json``), a built-in type's lexicon by its folder (``"meeting"``
    is ``eventx/builtins/meeting/lexicon.json``)."""
    shared = f"{__package__}.{language}"
    found: dict[str, FileKey] = {}
    for entry in package_files.files(BUILTIN_TYPES).iterdir():
        if entry.is_dir() and entry.joinpath("lexicon.json").is_file():
            found[entry.name] = (f"{BUILTIN_TYPES}.{entry.name}", "lexicon")
    for entry in package_files.files(shared).iterdir():
        stem = entry.name.removesuffix(".json")
        if entry.name.endswith(".json"):
            if stem in found:
                raise DataError(f"{shared}/{entry.name} has the name of a built-in type")
            found[stem] = (shared, stem)
    return dict(sorted(found.items()))


def parse_additions(data: object, language: str = DEFAULT_LANGUAGE) -> dict[FileKey, DataFile]:
    """The words that ``data`` adds, by file: a mapping of resource name (see
    :func:`resource_names`) to categories, each written as in the data files.

    :raises DataError: for a resource or category the data does not have, or a category of
        another shape than the one it extends.
    """
    from eventx.registration import did_you_mean

    if not isinstance(data, Mapping):
        raise DataError(f"language data must be a mapping of resource name to categories, "
                        f"not {type(data).__name__}")
    names = resource_names(language)
    found: dict[FileKey, DataFile] = {}
    for resource, categories in data.items():
        if resource not in names:
            raise DataError(f"no language data is named {resource!r}"
                            f"{did_you_mean(str(resource), names)}; the names: "
                            f"{', '.join(names)}")
        if not isinstance(categories, Mapping):
            raise DataError(f"{resource}: the categories must be a mapping, not "
                            f"{type(categories).__name__}")
        base = read_file(*names[resource])
        for category in categories:
            if category not in base.words or str(category).startswith("_"):
                raise DataError(f"{resource} has no category {category!r}"
                                f"{did_you_mean(str(category), base.words)}")
        added = parse_categories(categories, resource, keep_case=base.keep_case)
        for category in added.words:
            if (category in base.tables) != (category in added.tables):
                shape = "a table of words and numbers" if category in base.tables else (
                    "a list of words or an object of 'verbs', 'nouns' and 'words'")
                raise DataError(f"{resource}.{category} takes {shape}")
        found[names[resource]] = added
    return found


class LanguageData:
    """The data files of one language, with the additions of a pipeline's plugins.

    :param additions: what each plugin adds, as :func:`parse_additions` gives it.
    :param language: the language of the shared files, ``eventx/lang/<language>/``.
    """

    def __init__(self, additions: Iterable[Mapping[FileKey, DataFile]] = (),
                 language: str = DEFAULT_LANGUAGE) -> None:
        self.language = language
        self._additions: dict[FileKey, list[DataFile]] = defaultdict(list)
        for addition in additions:
            for key, part in addition.items():
                self._additions[key].append(part)
        self._files: dict[FileKey, DataFile] = {}
        self._derived: dict[Callable[[], Any], Any] = {}

    def _file(self, package: str, name: str) -> DataFile:
        key = (package, name)
        if key not in self._files:
            self._files[key] = read_file(package, name).extended(self._additions.get(key, ()))
        return self._files[key]

    def lexicon(self, package: str, name: str) -> Mapping[str, frozenset[str]]:
        """The categories of the data file ``name``.json in ``package``, each a set of forms.

        :raises DataError: when the file is missing or malformed.
        """
        return self._file(package, name).words

    def table(self, package: str, name: str, category: str) -> Table:
        """One table of the data file ``name``.json in ``package``: each word's number."""
        return self._file(package, name).tables[category]

    def derived(self, build: Callable[[], T]) -> T:
        """``build()``, called once for this data (``build`` reads the active data)."""
        if build not in self._derived:
            with using(self):
                self._derived[build] = build()
        value: T = self._derived[build]
        return value


_ACTIVE: contextvars.ContextVar[LanguageData | None] = contextvars.ContextVar(
    "eventx_language_data", default=None)


def builtin_data(language: str = DEFAULT_LANGUAGE) -> LanguageData:
    """The data files as eventx ships them, with no plugin's additions (one object per
    language)."""
    return _builtin(language)


@functools.cache
def _builtin(language: str) -> LanguageData:
    return LanguageData(language=language)


def active() -> LanguageData:
    """The language data of the pipeline that is extracting, else the built-in data."""
    return _ACTIVE.get() or builtin_data()


@contextlib.contextmanager
def using(data: LanguageData) -> Iterator[LanguageData]:
    """Make ``data`` the active language data while the block runs (in this thread or task)."""
    token = _ACTIVE.set(data)
    try:
        yield data
    finally:
        _ACTIVE.reset(token)


def language_cache(build: Callable[[], T]) -> Callable[[], T]:
    """Like ``functools.cache`` for a function of no arguments that reads language data, but
    once per :class:`LanguageData`: each pipeline gets the value its plugins' words give."""

    @functools.wraps(build)
    def cached() -> T:
        return active().derived(build)

    return cached


class LanguageAttribute(Generic[T]):
    """A class attribute built from language data, once per :class:`LanguageData`; an
    extractor's trigger patterns, for one::

        class MeetingExtractor(Extractor):
            patterns = LanguageAttribute(lambda: {"verb": token_patterns(words()["verbs"])})
    """

    def __init__(self, build: Callable[[], T]) -> None:
        self._build = build

    def __get__(self, instance: object, owner: type | None = None) -> T:
        return active().derived(self._build)
