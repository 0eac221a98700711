"""The hooks a plugin implements, with their contracts.

A plugin is a module or object with functions named after these hooks and
marked with :data:`eventx.hookimpl`. It is found through the ``eventx``
entry-point group, or passed to :class:`eventx.Pipeline` directly. The
built-in extractors are plugins of exactly this kind.

Hooks are called through pluggy, plugin by plugin, so ``tryfirst``,
``trylast`` and ``wrapper=True`` work as in pytest. A hook that raises or
returns something else than documented fails its plugin alone (see
:mod:`eventx.plugins`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from eventx.events import Event
    from eventx.extractor import Extractor

PROJECT_NAME = "eventx"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def eventx_register_event_types(register: Callable[[type[Event]], None]) -> None:
    """Register the event types this plugin defines.

    Call ``register(cls)`` once per type, where ``cls`` is a subclass of
    :class:`eventx.Event`, itself decorated with ``@attrs.frozen(kw_only=True)``,
    with its own class-level ``event_type`` name and fields of types eventx can
    write as JSON (see :mod:`eventx.schema`). ``register`` raises
    :class:`eventx.PluginError` for an invalid class, or a name that an earlier
    plugin registered; the plugin then fails to load.

    :param register: the function to call with each event class.
    :return: nothing; registration happens through ``register``.
    """


@hookspec
def eventx_register_extractors(register: Callable[[Extractor], None]) -> None:
    """Register the extractors this plugin provides.

    Call ``register(extractor)`` with an instance of an
    :class:`eventx.Extractor` subclass. Its ``name`` carries a version
    (``"myplugin.sanction.v1"``) and its ``event_types`` must be registered
    by some plugin.

    :param register: the function to call with each extractor.
    :return: nothing; registration happens through ``register``.
    """


@hookspec
def eventx_gazetteer() -> Iterable[Mapping[str, Any]]:
    """Return gazetteer entries that extend the shared actor and place recognition.

    Each entry is a mapping with ``name`` (canonical name), ``kind``
    (``country``, ``organization``, ``person``, ``group`` or ``place``) and
    optionally ``aliases`` (other surface forms), ``demonyms`` (adjectives such
    as "Japanese": an actor only before a role noun or title, or as a plural
    noun; otherwise they mark what belongs to the country), ``country`` (ISO 3166-1
    alpha-3), ``title`` (for persons: ``"President"``) and ``metonym``
    (for places: true when the name also stands for its country's
    government, as "Washington" does). A malformed entry is rejected with
    the plugin's name.

    :return: an iterable of entry mappings.
    """
    return ()


@hookspec
def eventx_language_data(language: str) -> Mapping[str, Mapping[str, Any]] | None:
    """Return words to add to the language data that the analyses and built-in types read.

    The result maps a resource name to categories, each written as in the data files
    (see :mod:`eventx.lang`): a list of words, an object whose ``verbs`` and ``nouns``
    are lemmas (every inflected form is added) and whose ``words`` are taken as written, or
    for a table (``"months"``, ``"scales"``) an object that gives each word its number. A
    resource is a shared file of the language by its name (``"modality"``, ``"times"``,
    ``"numbers"``, ``"actors"``, ...) or a built-in type's lexicon by its folder
    (``"meeting"``, ``"tariffs"``, ``"troops"``); :func:`eventx.lang.resource_names` lists
    them. Words are only added, never removed; a table row replaces the one it names::

        {"troops": {"force_nouns": {"nouns": ["gendarme"]}},
         "meeting": {"nouns": ["parley", "parleys"]}}

    The words reach only the pipeline whose plugins gave them. An unknown resource or
    category, or a category of another shape than the one it extends, fails the plugin.

    :param language: the language of the pipeline's data, such as ``"en"``.
    :return: a mapping of resource name to categories, or None to add nothing.
    """
    return None


@hookspec
def eventx_process_events(doc: Doc, events: Sequence[Event]) -> Sequence[Event] | None:
    """Filter, merge or enrich the events found in one document.

    Called once per document after every extractor has run and the scorer
    (if any) has set confidences and dropped the events below the cut, plugin by
    plugin in pluggy's order; each receives the previous plugin's result. A
    hook that raises, or returns something else than None or a list of events,
    is reported with the plugin's name and its change is skipped (in strict
    mode it raises :class:`eventx.PluginError`).

    :param doc: the spaCy ``Doc`` the events were found in; its publication date (a
        ``datetime.date``, or None) is ``doc.user_data["eventx.date"]``.
    :param events: the events found so far, in document order.
    :return: the new list of events, or None to leave them unchanged.
    """
    return None
