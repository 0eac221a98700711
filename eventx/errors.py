"""The exceptions eventx raises: one base class and a few kinds beneath it.

- :class:`EventxError`: the base of every error eventx raises on purpose.
- :class:`InputError`: a document or input file that cannot be read as asked.
- :class:`SchemaError`: data that does not have the shape of an event (SCHEMA.md).
- :class:`PluginError`: a plugin that cannot be loaded, clashes with another
  plugin, or fails while extracting (raised in strict mode only).
- :class:`DataError`: a language data file that is missing or malformed.
"""

from __future__ import annotations


class EventxError(Exception):
    """Base class of every error raised by eventx."""


class InputError(EventxError, ValueError):
    """A document or input file cannot be read as asked."""


class SchemaError(EventxError, ValueError):
    """Data does not have the shape of an event as SCHEMA.md defines it."""


class PluginError(EventxError):
    """A plugin failed to load, clashes with another, or raised while extracting.

    :param plugin: the name of the plugin at fault.
    :param fix: one line saying how to fix it, when known.
    """

    def __init__(self, message: str, *, plugin: str | None = None, fix: str | None = None
                 ) -> None:
        super().__init__(message)
        self.plugin = plugin
        self.fix = fix


class DataError(EventxError):
    """A language data file (``eventx/lang``, a type's ``lexicon.json``) is missing, is not
    valid JSON, or has a malformed category."""
