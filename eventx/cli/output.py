"""Writing results: JSON Lines, a JSON array or a table; to stdout or atomically to a file.

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
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import attrs

from eventx.errors import InputError
from eventx.events import Event
from eventx.pipeline import Result

FORMATS = ("jsonl", "json", "table")
_COMMON_FIELDS = frozenset(field.name for field in attrs.fields(Event))


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def open_output(path: str | None) -> Iterator[TextIO]:
    """Standard output, or a temporary file renamed to ``path`` only when writing succeeds.

    :raises InputError: when no file can be created beside ``path``.
    """
    if path is None or path == "-":
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
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
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
    """Writes results one by one in the chosen format."""

    def __init__(self, stream: TextIO, fmt: str) -> None:
        self.stream, self.format = stream, fmt
        self._first = True
        if fmt == "json":
            stream.write("[")
        elif fmt == "table":
            stream.write(f"{'document':20} {'type':16} {'status':10} {'trigger':20} details\n")

    def write(self, result: Result) -> None:
        """Write the events of one document."""
        if self.format == "table":
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
        """Finish the output (close the JSON array)."""
        if self.format == "json":
            self.stream.write("\n]\n")
        self.stream.flush()
