"""Checks of what a plugin registers: its hook names, event classes and extractors.

Each check raises :class:`~eventx.PluginError` naming the plugin, with a
one-line ``fix``; :class:`~eventx.plugins.PluginSet` then leaves that plugin
out (or, in strict mode, lets the error stop the program).
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from eventx.errors import PluginError
from eventx.events import Event
from eventx.extractor import VERSIONED_NAME, Extractor

log = logging.getLogger(__name__)

__all__ = ["check_event_class", "check_extractor", "did_you_mean"]


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``known``, or an empty string."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def check_event_class(cls: object, plugin: str) -> type[Event]:
    """``cls`` when it can be registered as an event type; otherwise a :class:`PluginError`.

    An event class is a subclass of :class:`~eventx.Event` decorated with
    ``@attrs.frozen(kw_only=True)`` itself, with its own class-level ``event_type`` name,
    whose fields all have types that eventx can write as JSON (see :mod:`eventx.schema`).
    A class without a docstring is accepted with a warning: the schema describes a type by
    the first line of its docstring.
    """
    def fail(message: str, fix: str) -> PluginError:
        return PluginError(f"plugin {plugin!r} registered {message}", plugin=plugin, fix=fix)

    if not (isinstance(cls, type) and issubclass(cls, Event)):
        raise fail(f"{cls!r}, which is not a subclass of eventx.Event",
                   "register classes that subclass eventx.Event")
    name = cls.__dict__.get("event_type")
    if not isinstance(name, str) or not name.isidentifier() or name == Event.event_type:
        raise fail(f"{cls.__name__} without its own event_type",
                   f'add `event_type: ClassVar[str] = "{cls.__name__}"` to the class')
    if "__attrs_attrs__" not in cls.__dict__:
        raise fail(f"{cls.__name__}, which is not an attrs class itself",
                   "decorate it with @attrs.frozen(kw_only=True)")
    if cls.__setattr__ is not Event.__setattr__:
        raise fail(f"{cls.__name__}, which is not frozen",
                   "decorate it with @attrs.frozen(kw_only=True) and do not define __setattr__")
    from eventx.schema import json_schema

    try:
        json_schema([cls])
    except (TypeError, NameError) as error:
        raise fail(f"{cls.__name__} with a field eventx cannot write as JSON: {error}",
                   "use str, int, float, bool, None, a str or int enum, a Literal, tuple[X, ...], "
                   "an attrs class of such fields, or X | None") from None
    if not (cls.__doc__ or "").strip():
        log.warning("plugin %r registered %s without a docstring; `eventx schema` describes "
                    "each type by the first line of its docstring", plugin, cls.__name__)
    return cls


def check_extractor(extractor: object, plugin: str, types: Collection[str]) -> Extractor:
    """``extractor`` when it can be registered; otherwise a :class:`PluginError`.

    :param types: the names of the event types registered so far.
    """
    def fail(message: str, fix: str) -> PluginError:
        return PluginError(f"plugin {plugin!r}: {message}", plugin=plugin, fix=fix)

    if not isinstance(extractor, Extractor):
        raise fail(f"registered {extractor!r}, not an eventx.Extractor",
                   "register an instance of a subclass of eventx.Extractor")
    name = getattr(extractor, "name", "")
    if not isinstance(name, str) or not VERSIONED_NAME.match(name):
        raise fail(f"extractor {extractor!r} needs a name ending in a version",
                   "name it like 'myplugin.thing.v1'")
    declared = getattr(extractor, "event_types", ())
    unknown = [getattr(cls, "event_type", repr(cls)) for cls in declared
               if getattr(cls, "event_type", None) not in types]
    if unknown or not declared:
        raise fail(f"extractor {name!r} emits unregistered event types: "
                   f"{', '.join(unknown) or 'none declared'}",
                   "register each type in eventx_register_event_types and list it in "
                   "the extractor's event_types")
    _check_patterns(extractor, fail)
    return extractor


def _check_patterns(extractor: Extractor, fail: Any) -> None:
    from spacy.errors import MatchPatternError
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab

    patterns = getattr(extractor, "patterns", None)
    if not isinstance(patterns, Mapping) or not patterns:
        raise fail(f"extractor {extractor.name!r} has no patterns",
                   "set patterns = {'label': [[{'LOWER': 'word'}]]}")
    matcher = Matcher(Vocab(), validate=True)
    for label, token_patterns in patterns.items():
        try:
            matcher.add(str(label), [list(pattern) for pattern in token_patterns])
        except (MatchPatternError, ValueError, TypeError) as error:
            first = " ".join(str(error).split())
            raise fail(f"extractor {extractor.name!r} has an invalid pattern {label!r}: "
                       f"{first[:300]}",
                       "write patterns in spaCy Matcher syntax: a list of token dicts") from None

