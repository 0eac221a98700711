"""Loading plugins: the built-ins, then the ``eventx`` entry points, each with its own manager.

Nothing here is global: every :class:`PluginSet` builds its own pluggy
``PluginManager``. Plugins are allowed or blocked by name through arguments
or the ``EVENTX_ALLOW_PLUGINS`` / ``EVENTX_BLOCK_PLUGINS`` environment
variables (comma-separated names); a name that matches no plugin is warned
about. An allow list never drops the built-in gazetteer, which every
extractor's actor and place recognition needs; block ``eventx.gazetteer`` to
go without it.

A plugin that fails to load is left out and recorded as failed, with the
reason and a one-line fix, and the others still load: an import error, a
misspelt hook name, a hook whose arguments differ from the specification, an
invalid event class or extractor, a clash with an earlier plugin, a
registration or gazetteer hook that raises or returns something else than
documented. In strict mode the first such failure raises
:class:`~eventx.PluginError` instead.

Hooks are called through pluggy, one plugin at a time, in pluggy's order: the
plugins in the order they were found (built-ins, entry points, then plugins
given as arguments), except that ``tryfirst`` and ``trylast`` move a hook to
the front or the back. A ``wrapper=True`` hook wraps its own plugin's hook, or,
in a plugin that has no plain implementation of that hook, each plugin's.
"""

from __future__ import annotations

import contextlib
import functools
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
from eventx.errors import DataError, PluginError
from eventx.events import Event
from eventx.extractor import Extractor
from eventx.lang import DEFAULT_LANGUAGE, LanguageData, builtin_data, parse_additions, using
from eventx.registration import check_event_class, check_extractor, did_you_mean

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from eventx.lang.data import FileKey
    from eventx.lang.files import DataFile

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
    "eventx.geo": "eventx.geo",
}
#: The built-in plugin that provides countries, bodies, places and titles.
GAZETTEER_PLUGIN = "eventx.gazetteer"

_HOOK_NAMES = tuple(name for name in dir(hookspecs) if name.startswith("eventx_"))


@attrs.frozen
class PluginInfo:
    """What is known of one plugin: where it came from and whether it loaded.

    ``error`` says why it failed and ``fix`` how to mend it, when it did.
    """

    name: str
    source: str  # "builtin", "entry point" or "given"
    distribution: str | None = None
    version: str | None = None
    error: str | None = None
    fix: str | None = None

    @property
    def failed(self) -> bool:
        """True when the plugin could not be loaded."""
        return self.error is not None


def _names_from_env(variable: str) -> set[str]:
    return {name.strip() for name in os.environ.get(variable, "").split(",") if name.strip()}


@attrs.define
class _Candidate:
    """A plugin found, not yet loaded: its name, how to get it, and what is known of it."""

    name: str
    load: Callable[[], object]
    info: PluginInfo


class PluginSet:
    """The plugins of one pipeline, their extractors, event types and gazetteer entries.

    :param plugins: extra plugin objects or modules to register (tests, scripts).
    :param builtins: load the built-in plugins.
    :param entry_points: load plugins from the ``eventx`` entry-point group.
    :param allow: if given, only plugins with these names load, and the built-in gazetteer
        (also ``EVENTX_ALLOW_PLUGINS``).
    :param block: plugins with these names never load (also ``EVENTX_BLOCK_PLUGINS``).
    :param strict: raise on a plugin that fails to load instead of leaving it out.
    :raises PluginError: in strict mode, for the first plugin that fails to load.
    """

    def __init__(
        self,
        plugins: Iterable[object] = (),
        *,
        builtins: bool = True,
        entry_points: bool = True,
        allow: Iterable[str] | None = None,
        block: Iterable[str] = (),
        strict: bool = False,
    ) -> None:
        self.manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self.manager.add_hookspecs(hookspecs)
        self.strict = strict
        allowed = set(allow) if allow is not None else _names_from_env(ALLOW_ENV) or None
        self._blocked = set(block) | _names_from_env(BLOCK_ENV)
        self._allowed = allowed
        #: Every plugin found and wanted, in the order found, failed ones included.
        self.info: list[PluginInfo] = []
        self._index: dict[str, int] = {}
        self._order: dict[str, list[str]] = {}
        self._callers: dict[tuple[str, str], Any] = {}
        found = self._find(plugins, builtins=builtins, entry_points=entry_points)
        self._warn_unknown_names({c.name for c in found} | set(BUILTIN_PLUGINS),
                                 from_env=allow is None)
        wanted = self._select(found)
        # pluggy calls the last registered first: register in reverse, call in found order.
        loaded = [(c, plugin) for c in wanted if (plugin := self._load(c)) is not None]
        for candidate, plugin in reversed(loaded):
            self._register(candidate, plugin)
        #: The registered event types by name.
        self.event_types: dict[str, type[Event]] = {}
        self._type_owners: dict[str, str] = {}
        #: The registered extractors with the names of their plugins, in call order.
        self.extractors: list[tuple[str, Extractor]] = []
        self._gazetteer: list[tuple[str, Mapping[str, Any]]] = []
        self._language_additions: list[tuple[str, Mapping[FileKey, DataFile]]] = []
        self._language: LanguageData | None = None
        self._collect()
        if self._allowed is not None and not self.extractors:
            log.warning("the allowed plugins (%s) register no extractor, so no event will be "
                        "found", ", ".join(sorted(self._allowed)))

    # -- finding and registering ---------------------------------------------------------

    def _wanted(self, name: str) -> bool:
        if name in self._blocked:
            log.debug("plugin %s is blocked", name)
            return False
        return self._allowed is None or name in self._allowed or name == GAZETTEER_PLUGIN

    def _find(self, given: Iterable[object], *, builtins: bool,
              entry_points: bool) -> list[_Candidate]:
        found: list[_Candidate] = []
        seen: set[tuple[str, str]] = set()
        if builtins:
            found += [_Candidate(name, functools.partial(importlib.import_module, module),
                                 PluginInfo(name, "builtin"))
                      for name, module in BUILTIN_PLUGINS.items()]
        if entry_points:
            for entry_point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
                if (entry_point.name, entry_point.value) in seen:
                    continue  # the same distribution found twice on the path
                seen.add((entry_point.name, entry_point.value))
                dist = entry_point.dist
                found.append(_Candidate(entry_point.name, entry_point.load, PluginInfo(
                    entry_point.name, "entry point",
                    distribution=dist.metadata["Name"] if dist else None,
                    version=dist.version if dist else None)))
        for plugin in given:
            name = plugin_name(plugin)
            found.append(_Candidate(name, functools.partial(_same, plugin),
                                    PluginInfo(name, "given")))
        return found

    def _select(self, found: list[_Candidate]) -> list[_Candidate]:
        """The wanted plugins, each name once; a second plugin of the same name fails."""
        wanted = []
        for candidate in found:
            if not self._wanted(candidate.name):
                continue
            if candidate.name in self._index:
                self.info.append(candidate.info)
                self._failed(candidate.info, PluginError(
                    f"another plugin is already named {candidate.name!r}",
                    plugin=candidate.name, fix="give one of them another name"), index=-1)
                continue
            self._index[candidate.name] = len(self.info)
            self.info.append(candidate.info)
            wanted.append(candidate)
        return wanted

    def _warn_unknown_names(self, known: set[str], *, from_env: bool) -> None:
        for names, option in ((self._allowed or set(), ALLOW_ENV if from_env else "allow"),
                              (self._blocked, "block")):
            for name in sorted(names - known):
                log.warning("no plugin is named %r (in %s)%s; installed: %s", name, option,
                            did_you_mean(name, known), ", ".join(sorted(known)))

    def _load(self, candidate: _Candidate) -> object | None:
        try:
            return candidate.load()
        except Exception as error:  # a broken plugin must not stop eventx
            self._failed(candidate.info, PluginError(
                f"{type(error).__name__}: {error}", plugin=candidate.name,
                fix="install what it imports, or block it"), error)
            return None

    def _register(self, candidate: _Candidate, plugin: object) -> None:
        name = candidate.name
        try:
            self.manager.register(plugin, name=name)
        except pluggy.PluginValidationError as error:
            self._failed(candidate.info, PluginError(
                str(error), plugin=name,
                fix="give the hook the arguments its specification names"), error)
            return
        except ValueError as error:  # the same object is registered under another name
            self._failed(candidate.info, PluginError(
                str(error), plugin=name, fix="register each plugin object once"), error)
            return
        unknown = [caller.name for caller in self.manager.get_hookcallers(plugin) or ()
                   if not caller.has_spec() and not any(
                       impl.optionalhook for impl in caller.get_hookimpls()
                       if impl.plugin_name == name)]
        if unknown:
            hook = unknown[0]
            self._failed(candidate.info, PluginError(
                f"unknown hook {hook!r}{did_you_mean(hook, _HOOK_NAMES)}", plugin=name,
                fix=f"name the hook after one of: {', '.join(_HOOK_NAMES)}"))
            return
        for attribute in dir(plugin):
            if (attribute.startswith("eventx_") and attribute != "eventx_plugin_name"
                    and callable(getattr(plugin, attribute, None))
                    and self.manager.parse_hookimpl_opts(plugin, attribute) is None):
                log.warning("plugin %r defines %s without @eventx.hookimpl, so it is never "
                            "called", name, attribute)

    def _failed(self, info: PluginInfo, error: PluginError,
                cause: BaseException | None = None, *, index: int | None = None) -> None:
        """Record ``info``'s plugin as failed (its entry in :attr:`info` at ``index``, by
        default its name's) and unregister it; in strict mode, raise ``error``."""
        if self.strict:
            raise error from cause
        where = f" ({info.distribution} {info.version})" if info.distribution else ""
        log.warning("plugin %s%s failed to load and is left out: %s%s", info.name, where,
                    error, f"; fix: {error.fix}" if error.fix else "")
        self.info[self._index[info.name] if index is None else index] = attrs.evolve(
            info, error=str(error), fix=error.fix)
        if index is None and self.manager.has_plugin(info.name):
            self.manager.unregister(name=info.name)
            self._order.clear()
            self._callers.clear()

    # -- calling the hooks -----------------------------------------------------------------

    def _plugins_of(self, hook_name: str) -> list[str]:
        """The plugins implementing a hook, in pluggy's call order (wrappers aside)."""
        if hook_name not in self._order:
            impls = getattr(self.manager.hook, hook_name).get_hookimpls()
            self._order[hook_name] = list(dict.fromkeys(
                impl.plugin_name for impl in reversed(impls)
                if not (impl.wrapper or impl.hookwrapper)))
        return self._order[hook_name]

    def _caller(self, hook_name: str, plugin: str) -> Any:
        """The hook with only ``plugin``'s implementations and the wrapper-only plugins'."""
        key = (hook_name, plugin)
        if key not in self._callers:
            others = [self.manager.get_plugin(name) for name in self._plugins_of(hook_name)
                      if name != plugin]
            self._callers[key] = self.manager.subset_hook_caller(hook_name, others)
        return self._callers[key]

    def _call(self, hook_name: str, plugin: str, **kwargs: Any) -> list[Any]:
        return list(self._caller(hook_name, plugin)(**kwargs))

    def _collect(self) -> None:
        """Language data, event types, then extractors (whose patterns may read the language
        data), then gazetteer entries, plugin by plugin; a plugin whose hook fails loses all
        it registered, and so do extractors of its types."""
        for hook, step in (("eventx_language_data", self._add_language_data),
                           ("eventx_register_event_types", self._register_types),
                           ("eventx_register_extractors", self._register_extractors),
                           ("eventx_gazetteer", self._add_gazetteer)):
            for plugin in list(self._plugins_of(hook)):
                with using(self.language):
                    self._isolated(plugin, step, hook)

    def _isolated(self, plugin: str, step: Callable[[str], None],
                  hook: str | None = None) -> None:
        """Run one plugin's registration ``step``; on an error, fail the plugin whose hook
        raised it (another plugin's wrapper, perhaps: then the step runs again without it)."""
        if not self.manager.has_plugin(plugin):
            return  # failed at an earlier step
        try:
            step(plugin)
        except Exception as error:
            culprit = self._culprit(hook, error, plugin) if hook else plugin
            if not isinstance(error, PluginError):
                error = PluginError(f"{type(error).__name__}: {error}", plugin=culprit,
                                    fix="make its registration hooks work on their own")
            self._failed(self.info[self._index[culprit]], error, error.__cause__)
            self._drop(culprit)
            if culprit != plugin:
                self._isolated(plugin, step, hook)

    def _culprit(self, hook: str, error: BaseException, default: str) -> str:
        """The plugin whose implementation of ``hook`` raised ``error``: the innermost frame
        of the traceback that is one of the hook's functions; else ``default``."""
        codes = {getattr(impl.function, "__code__", None): impl.plugin_name
                 for impl in getattr(self.manager.hook, hook).get_hookimpls()}
        culprit, frame = default, error.__traceback__
        while frame is not None:
            culprit = codes.get(frame.tb_frame.f_code, culprit)
            frame = frame.tb_next
        return culprit

    def _drop(self, plugin: str) -> None:
        """Forget what a failed plugin registered, and extractors that need its types."""
        lost = {name for name, owner in self._type_owners.items() if owner == plugin}
        for name in lost:
            del self.event_types[name], self._type_owners[name]
        self._gazetteer = [(owner, entry) for owner, entry in self._gazetteer if owner != plugin]
        if any(owner == plugin for owner, _ in self._language_additions):
            self._language_additions = [(owner, added) for owner, added
                                        in self._language_additions if owner != plugin]
            self._language = None
        self.extractors = [(owner, e) for owner, e in self.extractors if owner != plugin]
        for owner, extractor in list(self.extractors):
            if lost & {cls.event_type for cls in extractor.event_types}:
                self._isolated(owner, functools.partial(_raise_lost, extractor=extractor,
                                                        lost=lost))

    def _register_types(self, plugin: str) -> None:
        mine: list[type[Event]] = []

        def register(cls: type[Event]) -> None:
            event_class = check_event_class(cls, plugin)
            name = event_class.event_type
            owner = self._type_owners.get(name)
            if owner is not None and self.event_types[name] is not event_class:
                raise PluginError(
                    f"event type {name!r} is registered by both plugin {owner!r} and "
                    f"plugin {plugin!r}", plugin=plugin, fix="give the type another name")
            mine.append(event_class)

        self._call("eventx_register_event_types", plugin, register=register)
        for cls in mine:
            self.event_types.setdefault(cls.event_type, cls)
            self._type_owners.setdefault(cls.event_type, plugin)

    def _register_extractors(self, plugin: str) -> None:
        mine: list[Extractor] = []
        names = {extractor.name: owner for owner, extractor in self.extractors}

        def register(extractor: Extractor) -> None:
            checked = check_extractor(extractor, plugin, self.event_types)
            if checked.name in names or checked.name in {e.name for e in mine}:
                raise PluginError(
                    f"extractor {checked.name!r} is registered by both plugin "
                    f"{names.get(checked.name, plugin)!r} and plugin {plugin!r}",
                    plugin=plugin, fix="give the extractor another name")
            mine.append(checked)

        self._call("eventx_register_extractors", plugin, register=register)
        self.extractors += [(plugin, extractor) for extractor in mine]

    def _add_gazetteer(self, plugin: str) -> None:
        from eventx.analysis.gazetteer import entry_from_mapping

        entries: list[Mapping[str, Any]] = []
        for result in self._call("eventx_gazetteer", plugin):
            try:
                entries += list(result)
            except TypeError:
                raise PluginError(
                    f"plugin {plugin!r}: eventx_gazetteer returned "
                    f"{type(result).__name__}, not an iterable of entries", plugin=plugin,
                    fix="return a list of entry mappings") from None
        for entry in entries:
            try:
                entry_from_mapping(entry, plugin)
            except PluginError as error:
                error.fix = "give entries the keys the eventx_gazetteer hook documents"
                raise
        self._gazetteer += [(plugin, entry) for entry in entries]

    def _add_language_data(self, plugin: str) -> None:
        for result in self._call("eventx_language_data", plugin, language=DEFAULT_LANGUAGE):
            if result is None:
                continue
            try:
                added = parse_additions(result, DEFAULT_LANGUAGE)
            except DataError as error:
                raise PluginError(
                    f"plugin {plugin!r}: eventx_language_data returned words eventx cannot "
                    f"add: {error}", plugin=plugin,
                    fix="return {resource: {category: [words]}} with the names "
                        "eventx.lang.resource_names() lists and the data files' categories"
                ) from None
            self._language_additions.append((plugin, added))
            self._language = None

    # -- what the plugins give -------------------------------------------------------------

    @property
    def language(self) -> LanguageData:
        """The language data of these plugins: the built-in files with the words their
        ``eventx_language_data`` hooks add."""
        if self._language is None:
            self._language = LanguageData(
                [added for _, added in self._language_additions], DEFAULT_LANGUAGE
            ) if self._language_additions else builtin_data(DEFAULT_LANGUAGE)
        return self._language

    def gazetteer_entries(self) -> list[tuple[str, Mapping[str, Any]]]:
        """Every gazetteer entry of every plugin, with the name of the plugin that gave it."""
        return list(self._gazetteer)

    def process_events(
        self,
        doc: Doc,
        events: Sequence[Event],
        on_error: Callable[[str, Exception], None] | None = None,
        limit: Callable[[], AbstractContextManager[object]] = contextlib.nullcontext,
    ) -> list[Event]:
        """Pass the events of one document through every ``eventx_process_events`` hook.

        :param on_error: called with the plugin's name and the error when a hook raises or
            returns something else than None or a list of events; that hook's change is then
            skipped. A wrapper that raises is its own plugin's failure. Without ``on_error``,
            the error propagates.
        :param limit: a context manager each hook runs in (the engine's time limit).
        """
        current = list(events)
        for plugin in self._plugins_of("eventx_process_events"):
            try:
                with limit():
                    results = self._call("eventx_process_events", plugin, doc=doc,
                                         events=current)
                for result in results:
                    current = _events_from(result, plugin)
            except Exception as error:
                if on_error is None:
                    raise
                on_error(self._culprit("eventx_process_events", error, plugin), error)
        return current

    def extractors_of(self, plugin: str) -> list[Extractor]:
        """The extractors a plugin registered."""
        return [extractor for owner, extractor in self.extractors if owner == plugin]

    def types_of(self, plugin: str) -> list[str]:
        """The event type names a plugin registered."""
        return [name for name, owner in self._type_owners.items() if owner == plugin]


def _same(plugin: object) -> object:
    return plugin


def _raise_lost(owner: str, *, extractor: Extractor, lost: set[str]) -> None:
    raise PluginError(f"plugin {owner!r}: extractor {extractor.name!r} emits "
                      f"{', '.join(sorted(lost))}, whose plugin failed", plugin=owner,
                      fix="mend or unblock the plugin that registers those types")


def _events_from(result: object, plugin: str) -> list[Event]:
    if not isinstance(result, (list, tuple)) or not all(isinstance(e, Event) for e in result):
        raise PluginError(
            f"eventx_process_events returned {type(result).__name__} "
            f"{str(result)[:80]!r}, not None or a list of events", plugin=plugin)
    return list(result)


def plugin_name(plugin: object) -> str:
    """A plugin's name: its ``eventx_plugin_name``, else its ``__name__``, else its class name."""
    name = getattr(plugin, "eventx_plugin_name", None) or getattr(plugin, "__name__", None)
    return str(name or type(plugin).__name__)
