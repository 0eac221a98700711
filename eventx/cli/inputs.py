"""Reading documents from plain-text and JSON Lines files (or standard input) for the CLI.

Every problem is reported in one line naming the file (and, for JSON Lines,
the line number; for invalid UTF-8, the byte offset in the file).

- :func:`check_paths` rejects a missing, unreadable or directory path before
  anything is processed, so that a typo costs nothing.
- A file whose content cannot be read (binary, not UTF-8, empty or blank) is
  reported and skipped, and the other files are still read; a bad JSON line
  (not JSON, not an object, no string ``text``, a bad ``id`` or ``date``) is
  reported and skipped, and the following lines are still read. Both are
  counted in :class:`InputStats`. With ``strict`` the first problem raises
  :class:`~eventx.InputError` instead.

JSON Lines are read one line at a time, so a file of any size streams.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import attrs

from eventx.errors import InputError
from eventx.pipeline import Document, metadata, parse_date

log = logging.getLogger(__name__)

STDIN = "-"
_SNIFF = 8192  # bytes looked at for NUL bytes, the mark of a binary file


@attrs.define
class InputStats:
    """Counts of what was read: documents, skipped lines and the files that could not be read."""

    read: int = 0
    skipped: int = 0
    failed_files: list[str] = attrs.Factory(list)


def _decode(data: bytes, name: str, replace: bool, offset: int = 0) -> str:
    """``data`` as text; ``offset`` is where ``data`` starts in its file, for messages."""
    if b"\x00" in data[:_SNIFF]:
        raise InputError(f"{name}: looks like a binary file (NUL bytes), not UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if replace:
            return data.decode("utf-8-sig", errors="replace")
        raise InputError(
            f"{name}: not valid UTF-8 at byte {offset + error.start} (use --encoding-errors "
            "replace to read it anyway)"
        ) from None


def _name(path: str) -> str:
    return "<stdin>" if path == STDIN else path


def _open(path: str) -> BinaryIO:
    if path == STDIN:
        return sys.stdin.buffer
    if os.path.isdir(path):
        raise InputError(f"{path}: is a directory, not a file")
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read: {error.strerror}") from None


def check_paths(paths: list[str]) -> None:
    """Check that every path can be opened, before any document is processed.

    :raises InputError: naming the first path that is missing, a directory or unreadable.
    """
    for path in paths:
        if path != STDIN:
            _open(path).close()


def _is_jsonl(path: str, input_format: str) -> bool:
    if input_format != "auto":
        return input_format == "jsonl"
    return path.endswith((".jsonl", ".ndjson", ".jsonl.txt"))


def read_documents(
    paths: list[str],
    *,
    input_format: str = "auto",
    date: dt.date | None = None,
    strict: bool = False,
    replace_errors: bool = False,
    stats: InputStats | None = None,
) -> Iterator[Document]:
    """Yield the documents of every path, in order, streaming JSON Lines line by line.

    :param input_format: ``auto`` (by extension), ``text`` or ``jsonl``.
    :param date: the publication date for plain-text documents.
    :param strict: raise on the first unreadable file or bad JSON line instead of skipping it.
    :param replace_errors: decode invalid UTF-8 with replacement characters.
    :raises InputError: for a file that cannot be read, or (strict) an unreadable
        content or a bad line.
    """
    stats = stats if stats is not None else InputStats()
    for path in paths:
        try:
            yield from _read_file(path, input_format, date, strict, replace_errors, stats)
        except InputError as error:
            if strict:
                raise
            stats.failed_files.append(_name(path))
            log.error("skipped %s", error)


def _read_file(
    path: str, input_format: str, date: dt.date | None, strict: bool, replace_errors: bool,
    stats: InputStats,
) -> Iterator[Document]:
    name = _name(path)
    stream = _open(path)
    try:
        if _is_jsonl(path, input_format):
            yield from _read_jsonl(stream, name, strict, replace_errors, stats)
            return
        text = _decode(stream.read(), name, replace_errors)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    if not text.strip():
        raise InputError(f"{name}: is empty" if not text else f"{name}: holds only whitespace")
    stats.read += 1
    yield Document(id="stdin" if path == STDIN else Path(path).stem, text=text, date=date)


def _read_jsonl(
    stream: BinaryIO, name: str, strict: bool, replace_errors: bool, stats: InputStats
) -> Iterator[Document]:
    head = stream.peek(_SNIFF) if hasattr(stream, "peek") else b""
    if b"\x00" in head[:_SNIFF]:
        raise InputError(f"{name}: looks like a binary file (NUL bytes), not UTF-8 text")
    offset, found = 0, False
    for number, raw in enumerate(stream, 1):
        start, offset = offset, offset + len(raw)
        if not raw.strip():
            continue
        found = True
        where = f"{name}:{number}"
        try:
            document = _parse_line(_decode(raw, where, replace_errors, start), where)
        except InputError as error:
            if strict:
                raise
            stats.skipped += 1
            log.warning("skipped %s", error)
            continue
        stats.read += 1
        yield document
    if not found:
        raise InputError(f"{name}: is empty" if not offset else f"{name}: holds only whitespace")


def _parse_line(line: str, where: str) -> Document:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"{where}: not valid JSON: {error.msg} at column {error.colno}") from None
    except RecursionError:
        raise InputError(f"{where}: not valid JSON: nested too deeply") from None
    if not isinstance(data, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(data).__name__}")
    text = data.get("text")
    if not isinstance(text, str):
        raise InputError(f"{where}: needs a string field 'text'")
    doc_id = data.get("id")
    if doc_id is None:
        doc_id = where
    elif isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)):
        raise InputError(f"{where}: 'id' must be a string or an integer")
    return Document(id=str(doc_id), text=text,
                    date=parse_date(data.get("date"), where=f"{where}: date"),
                    meta=metadata(data))
