"""eventx: typed political events (meetings, summits, tariffs, troop moves) from news text.

>>> import eventx
>>> [e.event_type for e in eventx.extract("The two foreign ministers met in Geneva.")]
['Meeting']

Importing this package loads neither a spaCy model nor any plugin; the
default pipeline is built on the first call to :func:`extract`.
"""

from eventx.codes import Coding
from eventx.errors import DataError, EventxError, InputError, PluginError, SchemaError
from eventx.evaluate import evaluate
from eventx.events import (
    Actor,
    ActorKind,
    Direction,
    Event,
    Meeting,
    Place,
    Rate,
    Sentence,
    Span,
    Status,
    Summit,
    TariffAction,
    TariffActionKind,
    TimeExpr,
    TroopAdjustment,
    actor_tuple,
    event_from_dict,
    string_tuple,
)
from eventx.extractor import Extractor
from eventx.happenings import merge
from eventx.hookspecs import hookimpl
from eventx.pipeline import Document, Pipeline, Result, extract
from eventx.render import render
from eventx.schema import json_schema
from eventx.tables import to_dataframe

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "ActorKind",
    "Coding",
    "DataError",
    "Direction",
    "Document",
    "Event",
    "EventxError",
    "Extractor",
    "InputError",
    "Meeting",
    "Pipeline",
    "Place",
    "PluginError",
    "Rate",
    "Result",
    "SchemaError",
    "Sentence",
    "Span",
    "Status",
    "Summit",
    "TariffAction",
    "TariffActionKind",
    "TimeExpr",
    "TroopAdjustment",
    "__version__",
    "actor_tuple",
    "evaluate",
    "event_from_dict",
    "extract",
    "hookimpl",
    "json_schema",
    "merge",
    "render",
    "string_tuple",
    "to_dataframe",
]
