"""Writing results: JSON Lines, a JSON array, a readable table, or a CSV or Parquet table of
events (see :mod:`eventx.tables`); to stdout or atomically to a file.

A file is written under a temporary name beside it and renamed only when the
run succeeds, so an interrupted or failed run leaves no half-written file.
Text the output encoding cannot represent (a lone surrogate, or any
non-ASCII character on an ASCII terminal) is written as JSON ``\\u`` escapes
or, in the table, as backslash escapes.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from eventx.errors import InputError
from eventx.events import CORE_EVENT_TYPES, Event
from eventx.pipeline import Result
from eventx.tables import TableWriter, columns, event_rows, numeric_columns

FORMATS = ("jsonl", "json", "table", "csv", "parquet")
#: The formats written as bytes, which need a file (``-o``).
BINARY_FORMATS = frozenset({"parquet"})
_COMMON_FIELDS = frozenset(field.name for field in attrs.fields(Event))


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def open_output(path: str | None, *, binary: bool = False) -> Iterator[Any]:
    """Standard output, or a temporary file renamed to ``path`` only when writing succeeds.

    :param binary: open the file for bytes (then a file is required).
    :raises InputError: when no file can be created beside ``path``, or a binary output has
        no file.
    """
    if path is None or path == "-":
        if binary:
            raise InputError("this format is binary: give a file to write with -o")
        yield sys.stdout
        return
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{path}: is a directory; give a file name to write to")
    try:
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                        suffix=".part")
    except OSError as error:
        raise InputError(f"{path}: cannot be written: {error.strerror}") from None
    try:
        with (os.fdopen(handle, "wb") if binary
              else os.fdopen(handle, "w", encoding="utf-8")) as stream:
            yield stream
            stream.flush()
            os.fchmod(stream.fileno(), 0o666 & ~_umask())  # as open() would have made it
            os.fsync(stream.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def _short(value: Any) -> str:
    """A field's value in a few words: an actor or place as its country or name."""
    if isinstance(value, list):
        return ", ".join(_short(item) for item in value)
    if isinstance(value, dict):
        return str(value.get("country") or value.get("name") or value.get("text") or
                   value.get("percent") or "")
    return str(value)


def _describe(event: Event) -> str:
    """The time, the place and the event's own fields (those beyond :class:`Event`'s), set."""
    data = event.to_dict()
    parts = []
    if data.get("time") and data["time"].get("value"):
        parts.append(f"time={data['time']['value']}")
    if data.get("location"):
        parts.append(f"location={data['location']['name']}")
    for field in attrs.fields(type(event)):
        value = data.get(field.name) if field.name not in _COMMON_FIELDS else None
        if value not in (None, [], "") and (text := _short(value)):
            parts.append(f"{field.name}={text}")
    return " ".join(parts)


class Writer:
    """Writes results one by one in the chosen format.

    :param event_types: the event classes the results may hold (the columns of ``csv`` and
        ``parquet``).
    """

    def __init__(self, stream: Any, fmt: str,
                 event_types: Iterable[type[Event]] = CORE_EVENT_TYPES) -> None:
        self.stream, self.format = stream, fmt
        self._first = True
        self._types = tuple(event_types)
        self._table: TableWriter | None = None
        if fmt in ("csv", "parquet"):
            self._table = TableWriter(stream, fmt, columns(self._types),
                                      numeric_columns(self._types))
        elif fmt == "json":
            stream.write("[")
        elif fmt == "table":
            stream.write(f"{'document':20} {'type':16} {'status':10} {'trigger':20} details\n")

    def write(self, result: Result) -> None:
        """Write the events of one document."""
        if self._table is not None:
            self._table.write_rows(event_rows([result], self._types))
        elif self.format == "table":
            for event in result.events:
                trigger = " ".join(event.trigger.text.split())
                self._write(f"{result.id[:20]:20} {event.event_type:16} "
                            f"{event.status.value:10} {trigger[:20]:20} {_describe(event)}\n")
        else:
            data = result.to_dict()
            lead = "" if self.format == "jsonl" else "\n" if self._first else ",\n"
            end = "\n" if self.format == "jsonl" else ""
            try:
                self.stream.write(lead + json.dumps(data, ensure_ascii=False) + end)
            except UnicodeEncodeError:
                self.stream.write(lead + json.dumps(data) + end)
        self._first = False

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
        except UnicodeEncodeError:
            encoding = self.stream.encoding or "utf-8"
            self.stream.write(text.encode(encoding, "backslashreplace").decode(encoding))

    def close(self) -> None:
        """Finish the output (close the JSON array, write the last rows of a table)."""
        if self._table is not None:
            self._table.close()
        elif self.format == "json":
            self.stream.write("\n]\n")
        self.stream.flush()
