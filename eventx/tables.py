"""Events as a table: one row per event, with its document's id, date and metadata.

The columns are fixed by the event types, so that a table can be written as it streams:

- ``document_id``, ``document_date``, ``meta`` (the document's metadata as a JSON object),
  ``event_id``, ``type``, then ``cameo``, ``plover``, ``plover_mode``, ``source`` and
  ``target`` (the directed dyads' countries, ``;``-separated, in pairs) and ``dyads``
  (every dyad as ``USA>JPN`` or, undirected, ``JPN-USA``);
- then each field of the event types in turn: a scalar as itself (an enum by its value); a
  list of strings ``;``-separated; a span by its text; a place as ``<field>_name``,
  ``_country``, ``_latitude``, ``_longitude``, ``_geonameid``; an actor or list of actors as
  ``<field>`` (names), ``<field>_country`` (countries) and ``<field>_cameo`` (CAMEO actor
  codes), each ``;``-separated in the same order; a time as ``<field>_text`` and
  ``<field>_value``; a rate as ``<field>_text`` and ``<field>_percent``; the sentence as
  its text.

A field that a row's type does not have is empty. :func:`to_dataframe` (pandas) and
Parquet output (pyarrow) need the ``research`` extra (``pip install 'eventx[research]'``);
CSV needs nothing more.
"""

from __future__ import annotations

import csv
import enum
import itertools
import json
import types
import typing
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any

import attrs

from eventx.codes import event_codes
from eventx.errors import EventxError
from eventx.events import (
    CORE_EVENT_TYPES,
    Actor,
    Event,
    Place,
    Rate,
    Span,
    TimeExpr,
    event_from_dict,
)
from eventx.pipeline import Result, parse_date

if TYPE_CHECKING:
    import pandas

__all__ = ["TableWriter", "columns", "event_rows", "numeric_columns", "to_dataframe"]

_LEADING = ("document_id", "document_date", "meta", "event_id", "type", "cameo", "plover",
            "plover_mode", "source", "target", "dyads")
_SEPARATOR = "; "
_PLACE_PARTS = ("name", "country", "latitude", "longitude", "geonameid")


def _kind(tp: Any) -> tuple[str, bool]:
    """What a field holds, as (kind, is_list), from its type hint."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        kinds = [_kind(arg) for arg in typing.get_args(tp) if arg is not type(None)]
        return kinds[0] if len(kinds) == 1 else ("scalar", False)
    if origin is tuple:
        return _kind(typing.get_args(tp)[0])[0], True
    for cls, kind in ((Actor, "actor"), (Place, "place"), (TimeExpr, "time"), (Rate, "rate"),
                      (Span, "span")):
        if isinstance(tp, type) and issubclass(tp, cls):
            return kind, False
    return "scalar", False


def _field_columns(name: str, kind: str) -> list[str]:
    if kind == "place":
        return [f"{name}_{part}" for part in _PLACE_PARTS]
    if kind == "actor":
        return [name, f"{name}_country", f"{name}_cameo"]
    if kind == "time":
        return [f"{name}_text", f"{name}_value"]
    if kind == "rate":
        return [f"{name}_text", f"{name}_percent"]
    return [name]


def _fields(cls: type[Event]) -> list[tuple[str, str, bool]]:
    hints = typing.get_type_hints(cls)
    return [(field.name, *_kind(hints[field.name])) for field in attrs.fields(cls)
            if field.name != "id"]


def columns(event_types: Iterable[type[Event]] = CORE_EVENT_TYPES) -> list[str]:
    """The columns of the table of events of these types, in order."""
    found = dict.fromkeys(_LEADING)
    for cls in event_types:
        for name, kind, _ in _fields(cls):
            found.update(dict.fromkeys(_field_columns(name, kind)))
    return list(found)


def numeric_columns(event_types: Iterable[type[Event]] = CORE_EVENT_TYPES) -> dict[str, type]:
    """The columns that hold numbers (``int`` or ``float``) rather than text."""
    found: dict[str, type] = {}
    for cls in event_types:
        hints = typing.get_type_hints(cls)
        for name, kind, many in _fields(cls):
            if kind == "place" and not many:
                found.update({f"{name}_latitude": float, f"{name}_longitude": float,
                              f"{name}_geonameid": int})
            elif kind == "rate":
                found[f"{name}_percent"] = float
            elif kind == "scalar" and not many:
                number = [t for t in (int, float) if t in _members(hints[name])]
                if number:
                    found[name] = number[0]
    return found


def _members(tp: Any) -> tuple[Any, ...]:
    origin = typing.get_origin(tp)
    return typing.get_args(tp) if origin in (typing.Union, types.UnionType) else (tp,)


def _joined(values: Iterable[Any]) -> str:
    return _SEPARATOR.join("" if value is None else str(value) for value in values)


def _scalar(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


def _cells(name: str, kind: str, many: bool, value: Any) -> dict[str, Any]:
    items = list(value) if many else [] if value is None else [value]
    if kind == "place":
        return {f"{name}_{part}": _joined(getattr(i, part) for i in items) if many else
                (getattr(items[0], part) if items else None) for part in _PLACE_PARTS}
    if kind == "actor":
        if not many:
            return {name: items[0].name if items else None,
                    f"{name}_country": items[0].country if items else None,
                    f"{name}_cameo": items[0].cameo if items else None}
        return {name: _joined(i.name for i in items) or None,
                f"{name}_country": _joined(i.country for i in items) or None,
                f"{name}_cameo": _joined(i.cameo for i in items) or None}
    if kind in ("time", "rate"):
        second = "value" if kind == "time" else "percent"
        return {f"{name}_text": items[0].text if items else None,
                f"{name}_{second}": getattr(items[0], second) if items else None}
    if name == "sentence" or kind == "span":
        return {name: items[0].text if items else None}
    if many:
        return {name: _joined(_scalar(i) for i in items) or None}
    return {name: _scalar(value)}


def _event_row(event: Event) -> dict[str, Any]:
    codes = event_codes(event)
    directed = [dyad for dyad in codes.dyads if dyad.directed]
    row: dict[str, Any] = {
        "event_id": event.id, "type": event.event_type, "cameo": codes.cameo,
        "plover": codes.plover, "plover_mode": codes.plover_mode,
        "source": _joined(dyad.source for dyad in directed) or None,
        "target": _joined(dyad.target for dyad in directed) or None,
        "dyads": _joined(f"{d.source}{'>' if d.directed else '-'}{d.target}"
                         for d in codes.dyads) or None,
    }
    for name, kind, many in _fields(type(event)):
        row.update(_cells(name, kind, many, getattr(event, name)))
    return row


def _as_result(item: Result | Mapping[str, Any], known: Mapping[str, type[Event]]) -> Result:
    if isinstance(item, Result):
        return item
    events = [event_from_dict(event, known) for event in item.get("events", ())]
    return Result(str(item.get("id")), events, parse_date(item.get("date")),
                  item.get("meta") or {})


def event_rows(
    results: Iterable[Result | Mapping[str, Any]],
    event_types: Iterable[type[Event]] = CORE_EVENT_TYPES,
) -> Iterator[dict[str, Any]]:
    """One row (a dict with every column) per event of ``results``, streamed.

    :param results: :class:`~eventx.Result` objects or their ``to_dict()`` form (as read
        from JSON Lines output).
    :param event_types: the event classes the results may hold (to read dicts, and the
        columns); the four core types by default.
    :raises SchemaError: for an event of a type not in ``event_types``.
    """
    known = {cls.event_type: cls for cls in event_types}
    names = columns(known.values())
    for item in results:
        result = _as_result(item, known)
        document = {"document_id": result.id,
                    "document_date": result.date.isoformat() if result.date else None,
                    "meta": json.dumps(dict(result.meta), ensure_ascii=False)
                    if result.meta else None}
        for event in result.events:
            row = dict.fromkeys(names)
            row.update(document)
            row.update(_event_row(event))
            yield row


def _research(module: str) -> Any:
    try:
        return __import__(module)
    except ImportError:
        raise EventxError(f"this needs {module}: pip install 'eventx[research]'") from None


def to_dataframe(
    results: Iterable[Result | Mapping[str, Any]],
    event_types: Iterable[type[Event]] = CORE_EVENT_TYPES,
) -> pandas.DataFrame:
    """A pandas DataFrame of the events of ``results``, one row per event (see the module
    docs for the columns); ``document_date`` holds dates, and each metadata key is also a
    column of its own, ``meta_<key>``.

    :raises EventxError: when pandas is not installed (the ``research`` extra).
    """
    pd = _research("pandas")
    event_types = tuple(event_types)
    rows = list(event_rows(results, event_types))
    frame = pd.DataFrame(rows, columns=columns(event_types))
    frame["document_date"] = pd.to_datetime(frame["document_date"])
    for name, kind in numeric_columns(event_types).items():
        frame[name] = frame[name].astype("Int64" if kind is int else "Float64")
    metas = [json.loads(meta) if meta else {} for meta in frame["meta"]]
    for key in dict.fromkeys(itertools.chain.from_iterable(metas)):
        frame[f"meta_{key}"] = [meta.get(key) for meta in metas]
    return frame


class TableWriter:
    """Writes rows with fixed columns as CSV (to a text stream) or Parquet (to a binary
    stream), a batch at a time, so that memory stays bounded.

    :param stream: where to write: text for ``csv``, binary for ``parquet``.
    :param fmt: ``csv`` or ``parquet``.
    :param names: the columns, in order.
    :param numbers: the columns holding numbers, with ``int`` or ``float``; the others are text
        in Parquet.
    :raises EventxError: for Parquet when pyarrow is not installed (the ``research`` extra).
    """

    def __init__(self, stream: IO[Any], fmt: str, names: Sequence[str],
                 numbers: Mapping[str, type] | None = None, batch_size: int = 10_000) -> None:
        self.names, self.format, self.batch_size = list(names), fmt, batch_size
        self.numbers = dict(numbers or {})
        self._batch: list[Mapping[str, Any]] = []
        if fmt == "csv":
            self._csv = csv.DictWriter(stream, fieldnames=self.names, lineterminator="\n",
                                       extrasaction="ignore")
            self._csv.writeheader()
        elif fmt == "parquet":
            _research("pyarrow")
            import pyarrow as pa
            import pyarrow.parquet as pq

            arrow_types = {int: pa.int64(), float: pa.float64()}
            self._schema = pa.schema([
                (name, arrow_types[self.numbers[name]] if name in self.numbers
                 else pa.string()) for name in self.names])
            self._parquet = pq.ParquetWriter(stream, self._schema)
        else:
            raise ValueError(f"unknown table format {fmt!r}")

    def write_rows(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Write these rows (dicts by column name; missing columns are empty)."""
        if self.format == "csv":
            self._csv.writerows(rows)
            return
        self._batch.extend(rows)
        if len(self._batch) >= self.batch_size:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._batch:
            table = pa.Table.from_pylist(
                [{name: self._cell(name, row.get(name)) for name in self.names}
                 for row in self._batch], schema=self._schema)
            self._parquet.write_table(table)
            self._batch = []

    def _cell(self, name: str, value: Any) -> Any:
        """Numbers stay numbers in numeric columns; all else is text."""
        if value is None or name in self.numbers:
            return value
        return value if isinstance(value, str) else str(value)

    def close(self) -> None:
        """Write what is left and finish the file."""
        if self.format == "parquet":
            self._flush()
            self._parquet.close()
