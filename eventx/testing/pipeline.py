"""Isolated pipelines for tests: exactly the plugins and extractors given, no entry points."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.language import Language

from eventx.events import Event
from eventx.extractor import Extractor
from eventx.hookspecs import hookimpl
from eventx.pipeline import Pipeline
from eventx.plugins import BUILTIN_PLUGINS, GAZETTEER_PLUGIN, plugin_name


class ExtractorPlugin:
    """A plugin that registers the given extractors and the event types they declare.

    :param extractors: the extractor instances to register.
    :param name: the plugin's name; by default from the extractors' names.
    """

    def __init__(self, extractors: Iterable[Extractor], *, name: str | None = None) -> None:
        self.extractors = tuple(extractors)
        self.eventx_plugin_name = name or "+".join(e.name for e in self.extractors)

    @hookimpl
    def eventx_register_event_types(self, register: Callable[[type[Event]], None]) -> None:
        """Each declared type once; registering a type its own plugin also registers is fine."""
        for cls in dict.fromkeys(c for e in self.extractors for c in e.event_types):
            register(cls)

    @hookimpl
    def eventx_register_extractors(self, register: Callable[[Extractor], None]) -> None:
        """The given extractors."""
        for extractor in self.extractors:
            register(extractor)


def isolated_pipeline(
    *plugins: object,
    extractors: Iterable[Extractor] = (),
    builtins: bool = False,
    gazetteer: bool = True,
    strict: bool = True,
    nlp: Language | str | None = None,
) -> Pipeline:
    """A :class:`~eventx.Pipeline` that loads exactly what is given: no entry points.

    ``EVENTX_ALLOW_PLUGINS`` is not consulted; ``EVENTX_BLOCK_PLUGINS`` still applies.

    :param plugins: plugin objects or modules to register.
    :param extractors: extractor instances to register (with their declared types)
        through an :class:`ExtractorPlugin`.
    :param builtins: also load every built-in plugin (the four core extractors).
    :param gazetteer: load the built-in gazetteer (countries, places, titles), which
        actor and place recognition needs; implied by ``builtins``.
    :param strict: raise :class:`~eventx.PluginError` when an extractor fails,
        instead of logging it and dropping its events.
    :param nlp: the spaCy pipeline; blank English when None.

    The pipeline has no scorer: it tests what the extractors themselves emit.
    """
    given = list(plugins)
    if extractors:
        given.append(ExtractorPlugin(extractors))
    allow = {plugin_name(plugin) for plugin in given}
    if builtins:
        allow |= set(BUILTIN_PLUGINS)
    elif gazetteer:
        allow.add(GAZETTEER_PLUGIN)
    return Pipeline(nlp, plugins=given, builtins=builtins or gazetteer, entry_points=False,
                    allow=allow, strict=strict, scorer=None)

