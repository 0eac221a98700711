"""Writing results: JSON Lines, a JSON array or a table; to stdout or atomically to a file."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from eventx.events import Event
from eventx.pipeline import Result

FORMATS = ("jsonl", "json", "table")


@contextlib.contextmanager
def open_output(path: str | None) -> Iterator[TextIO]:
    """Standard output, or a temporary file renamed to ``path`` only when writing succeeds."""
    if path is None or path == "-":
        yield sys.stdout
        return
    target = Path(path)
    handle, temp = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.",
                                    suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            yield stream
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def _describe(event: Event) -> str:
    data = event.to_dict()
    parts = []
    for key in ("participants", "imposer", "targets", "force", "direction", "action", "rate",
                "magnitude"):
        value = data.get(key)
        if value in (None, [], ""):
            continue
        if isinstance(value, list):
            value = ", ".join(v.get("country") or v.get("name") for v in value)
        elif isinstance(value, dict):
            value = value.get("country") or value.get("name") or value.get("text")
        parts.append(f"{key}={value}")
    time = data["time"]["value"] if data.get("time") else None
    place = data["location"]["name"] if data.get("location") else None
    return " ".join(filter(None, [f"time={time}" if time else "",
                                  f"location={place}" if place else "", *parts]))


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
        if self.format == "jsonl":
            self.stream.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        elif self.format == "json":
            self.stream.write(("\n" if self._first else ",\n") +
                              json.dumps(result.to_dict(), ensure_ascii=False))
        else:
            for event in result.events:
                trigger = " ".join(event.trigger.text.split())
                self.stream.write(f"{result.id[:20]:20} {event.event_type:16} "
                                  f"{event.status.value:10} {trigger[:20]:20} "
                                  f"{_describe(event)}\n")
        self._first = False

    def close(self) -> None:
        """Finish the output (close the JSON array)."""
        if self.format == "json":
            self.stream.write("\n]\n")
        self.stream.flush()
