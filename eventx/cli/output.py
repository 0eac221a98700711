"""Writing results: JSON Lines, a JSON array, a readable table, or a CSV or Parquet table of
events (see :mod:`eventx.tables`); to stdout or safely to a file.

- A path that names one of the inputs (itself, or through a symbolic or hard link) is
  refused before anything is read (:func:`check_not_an_input`).
- A regular file is written under a temporary name beside it and renamed only when
  the run succeeds, so an interrupted or failed run leaves the previous file as it was;
  the new file keeps the old one's mode (and owner, where permitted).
- A symbolic link is followed: its target is written, the link stays.
- A device, FIFO or socket (``/dev/null``, a named pipe) is written to directly,
  never replaced.
- :func:`open_resumable` appends to a JSON Lines file line by line instead, after the
  documents it already holds, so that an interrupted run keeps every finished document.

Text the output encoding cannot represent (a lone surrogate, or any non-ASCII
character on an ASCII terminal) is written as JSON ``\\u`` escapes or, in the table,
as backslash escapes; control characters in the table are escaped as well.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import signal
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

import attrs

from eventx.errors import InputError
from eventx.events import CORE_EVENT_TYPES, Event
from eventx.pipeline import Result
from eventx.tables import TableWriter, columns, event_rows, numeric_columns

log = logging.getLogger(__name__)

FORMATS = ("jsonl", "json", "table", "csv", "parquet")
#: The formats written as bytes, which need a file (``-o``).
BINARY_FORMATS = frozenset({"parquet"})
STDOUT = "-"
_COMMON_FIELDS = frozenset(field.name for field in attrs.fields(Event))


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _identity(path: str) -> tuple[int, int] | None:
    """The device and inode of a regular file (standard input for ``-``), else None."""
    try:
        info = os.fstat(sys.stdin.fileno()) if path == STDOUT else os.stat(path)
    except (OSError, ValueError, AttributeError):  # missing, or stdin closed or replaced
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None


def check_not_an_input(output: str | None, inputs: Iterable[str]) -> None:
    """Refuse an output path that is one of the inputs, through links too. Only a regular
    file can be destroyed so: a terminal or pipe is written in place.

    :raises InputError: when ``output`` and an input are the same file.
    """
    if output is None or output == STDOUT:
        return
    target = _identity(output)
    if target is None:
        return
    for path in inputs:
        if _identity(path) == target:
            shown = "standard input" if path == STDOUT else path
            raise InputError(f"{output}: is also an input ({shown}); writing it would "
                             "destroy the input, so give another output file")


@contextlib.contextmanager
def open_output(path: str | None, *, binary: bool = False) -> Iterator[Any]:
    """Standard output, or ``path`` written safely (see the module's description).

    :param binary: open the file for bytes (then a file is required).
    :raises InputError: when ``path`` is a directory or cannot be written, or a binary
        output has no file.
    """
    if path is None or path == STDOUT:
        if binary:
            raise InputError("this format is binary: give a file to write with -o")
        yield sys.stdout
        return
    target = Path(os.path.realpath(path))
    try:
        old = target.stat()
    except FileNotFoundError:
        old = None
    except OSError as error:
        raise InputError(f"{path}: cannot be written: {error.strerror}") from None
    if old is not None and stat.S_ISDIR(old.st_mode):
        raise InputError(f"{path}: is a directory; give a file name to write to")
    if old is not None and not stat.S_ISREG(old.st_mode):
        with _open_special(path, target, binary) as stream:
            yield stream
        return
    temp: str | None = None
    try:
        with _signals_held():  # a Ctrl-C or SIGTERM now must not leave the file behind
            try:
                handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                                suffix=".part")
            except OSError as error:
                raise InputError(f"{path}: cannot be written: {error.strerror}") from None
        with (os.fdopen(handle, "wb") if binary
              else os.fdopen(handle, "w", encoding="utf-8")) as stream:
            yield stream
            stream.flush()
            _keep_mode_and_owner(stream.fileno(), old)
            os.fsync(stream.fileno())
        os.replace(temp, target)
    except BaseException:
        if temp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
        raise


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back while the body runs (where the platform can), so that
    they arrive only once the temporary file's name is known and it can be removed."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextlib.contextmanager
def _open_special(path: str, target: Path, binary: bool) -> Iterator[Any]:
    """A device, FIFO or socket: written in place."""
    try:
        stream = (open(target, "wb") if binary  # noqa: SIM115 (closed below)
                  else open(target, "w", encoding="utf-8"))  # noqa: SIM115
    except OSError as error:
        raise InputError(f"{path}: cannot be written: {error.strerror}") from None
    with stream:
        yield stream


def _keep_mode_and_owner(handle: int, old: os.stat_result | None) -> None:
    if old is None:
        os.fchmod(handle, 0o666 & ~_umask())  # as open() would have made it
        return
    with contextlib.suppress(PermissionError):  # only root may give a file away
        if (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
            os.fchown(handle, old.st_uid, old.st_gid)
    os.fchmod(handle, stat.S_IMODE(old.st_mode))


@contextlib.contextmanager
def open_resumable(path: str) -> Iterator[tuple[TextIO, set[str]]]:
    """``path`` opened to append JSON Lines, and the ids of the documents it already holds.

    A last line cut off by an earlier crash is removed first; every other line must be
    a result (``{"id": ..., "events": [...]}``).

    :raises InputError: when ``path`` holds something other than results, or cannot be
        written.
    """
    done: set[str] = set()
    try:
        raw = open(os.path.realpath(path), "a+b")  # noqa: SIM115 (closed below)
    except OSError as error:
        raise InputError(f"{path}: cannot be written: {error.strerror}") from None
    if not stat.S_ISREG(os.fstat(raw.fileno()).st_mode):
        raw.close()
        raise InputError(f"{path}: --resume needs a regular file to continue")
    with raw:
        raw.seek(0)
        complete = 0
        for number, line in enumerate(raw, 1):
            if not line.endswith(b"\n"):
                log.warning("%s: removed the incomplete last line of an interrupted run", path)
                break
            try:
                done.add(str(json.loads(line)["id"]))
            except (ValueError, TypeError, KeyError):
                raise InputError(f"{path}:{number}: not a result line; --resume continues "
                                 "only an output file of JSON Lines results") from None
            complete += len(line)
        raw.truncate(complete)
        stream = io.TextIOWrapper(raw, encoding="utf-8", newline="\n", write_through=True)
        yield stream, done
        stream.flush()


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


_CONTROLS = {code: f"\\x{code:02x}" for code in [*range(0x20), *range(0x7f, 0xa0)]}
_CONTROLS.update({0x2028: "\\u2028", 0x2029: "\\u2029"})


def _cell(text: str) -> str:
    """``text`` with line breaks and terminal escapes written as backslash escapes, so that
    a document id or a trigger cannot start a row or colour the terminal."""
    return text.translate(_CONTROLS)


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
                self._write(_cell(f"{result.id[:20]:20} {event.event_type:16} "
                                  f"{event.status.value:10} {trigger[:20]:20} "
                                  f"{_describe(event)}") + "\n")
        else:
            # Event by event, so that a document of many events is never held as dicts whole;
            # written in one call, so that an interrupted run leaves whole lines.
            head = self._json(result._replace(events=[]).to_dict())[:-2]  # cut "]}"
            events = ", ".join(self._json(event.to_dict()) for event in result.events)
            lead = "" if self.format == "jsonl" else "\n" if self._first else ",\n"
            end = "\n" if self.format == "jsonl" else ""
            self.stream.write(f"{lead}{head}{events}]}}{end}")
        self._first = False

    def _json(self, data: Any) -> str:
        """``data`` as JSON, with ``\\u`` escapes if the stream's encoding needs them."""
        text = json.dumps(data, ensure_ascii=False)
        try:
            text.encode(getattr(self.stream, "encoding", None) or "utf-8")  # surrogates fail
        except UnicodeEncodeError:
            text = json.dumps(data)
        return text

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
