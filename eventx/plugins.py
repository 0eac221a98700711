"""Loading plugins: the built-ins, then the ``eventx`` entry points, each with its own manager.

Nothing here is global: every :class:`PluginSet` builds its own pluggy
``PluginManager``. Plugins are allowed or blocked by name through arguments
or the ``EVENTX_ALLOW_PLUGINS`` / ``EVENTX_BLOCK_PLUGINS`` environment
variables (comma-separated names). A plugin whose import fails is recorded
as failed, with the reason, and the others still load.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.metadata
import logging
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

import attrs
import pluggy

from eventx import hookspecs
from eventx.errors import PluginError
from eventx.events import Event
from eventx.extractor import VERSIONED_NAME, Extractor

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "eventx"
ALLOW_ENV = "EVENTX_ALLOW_PLUGINS"
BLOCK_ENV = "EVENTX_BLOCK_PLUGINS"

#: The built-in plugins, by name, and the modules that implement them.
BUILTIN_PLUGINS: Mapping[str, str] = {
    "eventx.gazetteer": "eventx.builtins.gazetteer.plugin",
    "eventx.meeting": "eventx.builtins.meeting.extractor",
    "eventx.summit": "eventx.builtins.summit.extractor",
    "eventx.tariffs": "eventx.builtins.tariffs.extractor",
    "eventx.troops": "eventx.builtins.troops.extractor",
}


@attrs.frozen
class PluginInfo:
    """What is known of one plugin: where it came from and whether it loaded."""

    name: str
    source: str  # "builtin", "entry point" or "given"
    distribution: str | None = None
    version: str | None = None
    error: str | None = None

    @property
    def failed(self) -> bool:
        """True when the plugin could not be loaded."""
        return self.error is not None


def _names_from_env(variable: str) -> set[str]:
    return {name.strip() for name in os.environ.get(variable, "").split(",") if name.strip()}


class PluginSet:
    """The plugins of one pipeline, their extractors, event types and gazetteer entries.

    :param plugins: extra plugin objects or modules to register (tests, scripts).
    :param builtins: load the built-in plugins.
    :param entry_points: load plugins from the ``eventx`` entry-point group.
    :param allow: if given, only plugins with these names load (also ``EVENTX_ALLOW_PLUGINS``).
    :param block: plugins with these names never load (also ``EVENTX_BLOCK_PLUGINS``).
    :raises PluginError: when two plugins register the same event type or an extractor is invalid.
    """

    def __init__(
        self,
        plugins: Iterable[object] = (),
        *,
        builtins: bool = True,
        entry_points: bool = True,
        allow: Iterable[str] | None = None,
        block: Iterable[str] = (),
    ) -> None:
        self.manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self.manager.add_hookspecs(hookspecs)
        allowed = set(allow) if allow is not None else _names_from_env(ALLOW_ENV) or None
        self._blocked = set(block) | _names_from_env(BLOCK_ENV)
        self._allowed = allowed
        self.info: list[PluginInfo] = []
        if builtins:
            for name, module in BUILTIN_PLUGINS.items():
                if self._wanted(name):
                    builtin = importlib.import_module(module)
                    self._register(name, builtin, PluginInfo(name, "builtin"))
        if entry_points:
            self._load_entry_points()
        for plugin in plugins:
            name = plugin_name(plugin)
            if self._wanted(name):
                self._register(name, plugin, PluginInfo(name, "given"))
        self.manager.check_pending()
        self.event_types = self._collect_event_types()
        self.extractors = self._collect_extractors()

    def _wanted(self, name: str) -> bool:
        if name in self._blocked:
            log.debug("plugin %s is blocked", name)
            return False
        return self._allowed is None or name in self._allowed

    def _register(self, name: str, plugin: object, info: PluginInfo) -> None:
        if self.manager.has_plugin(name):
            raise PluginError(f"two plugins are named {name!r}", plugin=name)
        self.manager.register(plugin, name=name)
        self.info.append(info)

    def _load_entry_points(self) -> None:
        for entry_point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
            name = entry_point.name
            if not self._wanted(name) or self.manager.has_plugin(name):
                continue
            dist = entry_point.dist
            info = PluginInfo(
                name,
                "entry point",
                distribution=dist.metadata["Name"] if dist else None,
                version=dist.version if dist else None,
            )
            try:
                plugin = entry_point.load()
            except Exception as error:  # a broken plugin must not stop eventx
                reason = f"{type(error).__name__}: {error}"
                log.warning("plugin %s failed to load: %s", name, reason)
                self.info.append(attrs.evolve(info, error=reason))
                continue
            self._register(name, plugin, info)

    def _implementations(self, hook_name: str) -> list[tuple[str, Callable[..., Any]]]:
        hook = getattr(self.manager.hook, hook_name)
        # get_hookimpls() is in registration order: built-ins first, later plugins after.
        return [(impl.plugin_name, impl.function) for impl in hook.get_hookimpls()]

    def _collect_event_types(self) -> dict[str, type[Event]]:
        types: dict[str, type[Event]] = {}
        owners: dict[str, str] = {}
        for plugin, function in self._implementations("eventx_register_event_types"):

            def register(cls: type[Event], plugin: str = plugin) -> None:
                if not (isinstance(cls, type) and issubclass(cls, Event) and attrs.has(cls)):
                    raise PluginError(
                        f"plugin {plugin!r} registered {cls!r}, not an attrs subclass of Event",
                        plugin=plugin,
                    )
                event_class: type[Event] = cls  # type: ignore[assignment]
                name = event_class.event_type
                if name in types and types[name] is not event_class:
                    raise PluginError(
                        f"event type {name!r} is registered by both plugin {owners[name]!r} "
                        f"and plugin {plugin!r}",
                        plugin=plugin,
                    )
                types[name], owners[name] = event_class, plugin

            function(register=register)
        return types

    def _collect_extractors(self) -> list[tuple[str, Extractor]]:
        found: list[tuple[str, Extractor]] = []
        names: dict[str, str] = {}
        for plugin, function in self._implementations("eventx_register_extractors"):

            def register(extractor: Extractor, plugin: str = plugin) -> None:
                self._check_extractor(plugin, extractor)
                if extractor.name in names:
                    raise PluginError(
                        f"extractor {extractor.name!r} is registered by both plugin "
                        f"{names[extractor.name]!r} and plugin {plugin!r}",
                        plugin=plugin,
                    )
                names[extractor.name] = plugin
                found.append((plugin, extractor))

            function(register=register)
        return found

    def _check_extractor(self, plugin: str, extractor: Extractor) -> None:
        if not isinstance(extractor, Extractor):
            raise PluginError(
                f"plugin {plugin!r} registered {extractor!r}, not an eventx.Extractor",
                plugin=plugin,
            )
        if not VERSIONED_NAME.match(getattr(extractor, "name", "")):
            raise PluginError(
                f"extractor {extractor!r} of plugin {plugin!r} needs a name ending in a version, "
                "like 'myplugin.thing.v1'",
                plugin=plugin,
            )
        unknown = [cls.event_type for cls in extractor.event_types if cls.event_type not in
                   self.event_types]
        if unknown:
            raise PluginError(
                f"extractor {extractor.name!r} of plugin {plugin!r} emits unregistered event "
                f"types: {', '.join(unknown)}",
                plugin=plugin,
            )

    def gazetteer_entries(self) -> list[tuple[str, Mapping[str, Any]]]:
        """Every gazetteer entry of every plugin, with the name of the plugin that gave it."""
        entries: list[tuple[str, Mapping[str, Any]]] = []
        for plugin, function in self._implementations("eventx_gazetteer"):
            entries.extend((plugin, entry) for entry in function() or ())
        return entries

    def process_events(
        self,
        doc: Doc,
        events: Sequence[Event],
        on_error: Callable[[str, Exception], None] | None = None,
        limit: Callable[[], AbstractContextManager[object]] = contextlib.nullcontext,
    ) -> list[Event]:
        """Pass the events of one document through every ``eventx_process_events`` hook.

        :param on_error: called with the plugin's name and the error when a hook raises; that
            hook's change is then skipped. Without it, the error propagates.
        :param limit: a context manager each hook runs in (the engine's time limit).
        """
        current = list(events)
        for plugin, function in self._implementations("eventx_process_events"):
            try:
                with limit():
                    result = function(doc=doc, events=current)
            except Exception as error:
                if on_error is None:
                    raise
                on_error(plugin, error)
                continue
            if result is not None:
                current = list(result)
        return current

    def extractors_of(self, plugin: str) -> list[Extractor]:
        """The extractors a plugin registered."""
        return [extractor for owner, extractor in self.extractors if owner == plugin]

    def types_of(self, plugin: str) -> list[str]:
        """The event type names a plugin registered."""
        result: list[str] = []
        for owner, function in self._implementations("eventx_register_event_types"):
            if owner == plugin:
                function(register=lambda cls: result.append(cls.event_type))
        return result


def plugin_name(plugin: object) -> str:
    """A plugin's name: its ``eventx_plugin_name``, else its ``__name__``, else its class name."""
    name = getattr(plugin, "eventx_plugin_name", None) or getattr(plugin, "__name__", None)
    return str(name or type(plugin).__name__)
