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

import argparse
import datetime as dt
import json
import logging
import os
import re
import stat
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import attrs

from eventx.errors import InputError
from eventx.pipeline import Document, metadata, parse_date

log = logging.getLogger(__name__)

STDIN = "-"
_SNIFF = 8192  # bytes looked at for NUL bytes, the mark of a binary file
_PIECE = 1 << 20  # bytes read at a time
#: The default largest plain-text file, and JSON line, in bytes.
DEFAULT_MAX_SIZE = 100 * 1024 * 1024
_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}


@attrs.define
class InputStats:
    """Counts of what was read: documents, skipped lines and the files that could not be read."""

    read: int = 0
    skipped: int = 0
    failed_files: list[str] = attrs.Factory(list)


def parse_size(value: str) -> int:
    """A size in bytes from ``"5000"``, ``"64K"``, ``"100M"`` or ``"2G"`` (powers of 1,024)."""
    text = value.strip().upper().removesuffix("B")
    unit = text[-1:] if text[-1:] in ("K", "M", "G") else ""
    try:
        number = float(text[: len(text) - len(unit)])
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a size like 100M, got {value!r}") from None
    if not 1 <= number * _UNITS[unit] < 2**62:
        raise argparse.ArgumentTypeError(f"expected a size from 1 byte to 4 EiB, got {value!r}")
    return int(number * _UNITS[unit])


def add_max_size(parser: argparse.ArgumentParser) -> None:
    """Add ``--max-size`` to a command that reads documents."""
    parser.add_argument("--max-size", type=parse_size, default=DEFAULT_MAX_SIZE,
                        metavar="SIZE",
                        help="largest plain-text file or JSON line, e.g. 500M or 2G "
                        "(default 100M); larger ones are skipped without being read")


def _encoding(head: bytes) -> str:
    """The encoding of a file from its first bytes: UTF-16 with a byte-order mark, or UTF-16
    without one when every other byte is NUL (English text); else UTF-8."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = head[: _SNIFF - _SNIFF % 2]
    if len(sample) >= 4 and b"\x00" in sample:
        even, odd = sample[0::2], sample[1::2]
        if odd.count(0) == len(odd) > 0 and 0 not in even:
            return "utf-16-le"
        if even.count(0) == len(even) > 0 and 0 not in odd:
            return "utf-16-be"
    return "utf-8"


def _decode(data: bytes, name: str, replace: bool, offset: int = 0,
            encoding: str = "utf-8") -> str:
    """``data`` as text; ``offset`` is where ``data`` starts in its file, for messages.

    A UTF-8 byte-order mark is dropped, so offsets count from the first character after it.
    """
    if encoding.startswith("utf-16"):
        try:
            return data.decode(encoding, errors="replace" if replace else "strict")
        except UnicodeDecodeError as error:
            raise InputError(f"{name}: not valid UTF-16 at byte {offset + error.start}") from None
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
    return "<stdin>" if path == STDIN else printable(path)


def printable(path: str) -> str:
    """A file name as valid text: bytes that are not UTF-8 become U+FFFD."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _open(path: str) -> BinaryIO:
    if path == STDIN:
        return sys.stdin.buffer
    if os.path.isdir(path):
        raise InputError(f"{_name(path)}: is a directory, not a file")
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError(f"{_name(path)}: no such file") from None
    except OSError as error:
        raise InputError(f"{_name(path)}: cannot be read: {error.strerror}") from None


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


def document_ids(paths: list[str]) -> dict[str, str]:
    """The id of each plain-text path: its file name without extension, or, where two
    inputs share that name (``a/x.txt``, ``b/x.txt``), the path as given."""
    stems = Counter(Path(p).stem for p in dict.fromkeys(paths) if p != STDIN)
    return {p: "stdin" if p == STDIN else printable(Path(p).stem if stems[Path(p).stem] == 1
                                                    else p) for p in paths}


def read_documents(
    paths: list[str],
    *,
    input_format: str = "auto",
    date: dt.date | None = None,
    strict: bool = False,
    replace_errors: bool = False,
    stats: InputStats | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
) -> Iterator[Document]:
    """Yield the documents of every path, in order, streaming JSON Lines line by line.

    :param input_format: ``auto`` (by extension), ``text`` or ``jsonl``.
    :param date: the publication date for plain-text documents.
    :param strict: raise on the first unreadable file or bad JSON line instead of skipping it.
    :param replace_errors: decode invalid UTF-8 with replacement characters.
    :param max_size: the largest plain-text file or JSON line in bytes; a larger one is
        skipped (or, strict, raises) without being read whole.
    :raises InputError: for a file that cannot be read, or (strict) an unreadable
        content or a bad line.
    """
    stats = stats if stats is not None else InputStats()
    ids = document_ids(paths)
    seen: set[int] = set()
    for path in paths:
        try:
            for document in _read_file(path, ids[path], input_format, date, strict,
                                       replace_errors, stats, max_size):
                key = hash(document.id)
                if key in seen:
                    log.warning("document id %r appears more than once; its results share "
                                "the id", document.id)
                seen.add(key)
                yield document
        except InputError as error:
            if strict:
                raise
            stats.failed_files.append(_name(path))
            log.error("skipped %s", error)


def _read_file(
    path: str, doc_id: str, input_format: str, date: dt.date | None, strict: bool,
    replace_errors: bool, stats: InputStats, max_size: int,
) -> Iterator[Document]:
    name = _name(path)
    stream = _open(path)
    try:
        if _is_jsonl(path, input_format):
            yield from _read_jsonl(stream, name, strict, replace_errors, stats, max_size)
            return
        text = _read_text(stream, name, replace_errors, max_size)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    if not text.strip():
        raise InputError(f"{name}: is empty" if not text else f"{name}: holds only whitespace")
    stats.read += 1
    yield Document(id=doc_id, text=text, date=date)


def _too_large(name: str, max_size: int) -> InputError:
    return InputError(f"{name}: is larger than --max-size ({max_size:,} bytes); raise the "
                      "limit, or split the text into JSON Lines documents")


def _read_text(stream: BinaryIO, name: str, replace: bool, max_size: int) -> str:
    """A whole plain-text file, checked for binary content on its head first and read in
    pieces up to ``max_size``."""
    try:
        info = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):  # no file descriptor: read and count
        info = None
    if info is not None and stat.S_ISREG(info.st_mode) and info.st_size > max_size:
        raise _too_large(name, max_size)
    head = stream.read(_SNIFF)
    encoding = _encoding(head)
    if encoding == "utf-8" and b"\x00" in head:
        raise InputError(f"{name}: looks like a binary file (NUL bytes), not UTF-8 text")
    pieces, size = [head], len(head)
    while piece := stream.read(_PIECE):
        size += len(piece)
        if size > max_size:
            raise _too_large(name, max_size)
        pieces.append(piece)
    return _decode(b"".join(pieces), name, replace, encoding=encoding)


def _lines(stream: BinaryIO, name: str, max_size: int) -> Iterator[tuple[int, bytes | None]]:
    """The lines of ``stream`` with their byte offsets, split at LF, CRLF or a lone CR;
    a line longer than ``max_size`` is read past in pieces and given as None."""
    offset = 0
    while raw := stream.readline(max_size + 1):
        start = offset
        offset += len(raw)
        if len(raw) > max_size and not raw.endswith(b"\n"):
            while (rest := stream.readline(_PIECE)) and not rest.endswith(b"\n"):
                offset += len(rest)
            offset += len(rest)
            yield start, None
            continue
        if b"\r" not in raw.rstrip(b"\r\n"):
            yield start, raw
            continue
        for part in re.split(rb"(?<=\r)(?!\n)", raw):
            if part:
                yield start, part
                start += len(part)


def _read_jsonl(
    stream: BinaryIO, name: str, strict: bool, replace_errors: bool, stats: InputStats,
    max_size: int,
) -> Iterator[Document]:
    head = stream.peek(_SNIFF) if hasattr(stream, "peek") else b""
    if b"\x00" in head[:_SNIFF]:
        raise InputError(f"{name}: looks like a binary file (NUL bytes), not UTF-8 text")
    offset, found = 0, False
    for number, (start, raw) in enumerate(_lines(stream, name, max_size), 1):
        offset = start + (len(raw) if raw is not None else 1)
        if raw is not None and not raw.strip():
            continue
        found = True
        where = f"{name}:{number}"
        try:
            if raw is None:
                raise InputError(f"{where}: longer than --max-size ({max_size:,} bytes)")
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
