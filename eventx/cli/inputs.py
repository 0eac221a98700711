"""Reading documents from plain-text and JSON Lines files (or standard input) for the CLI.

Every problem is reported with the file name (and line number for JSON Lines)
as an :class:`~eventx.InputError`. A bad JSON line is skipped with a warning
unless ``strict`` is set, and counted, so that no good document is lost.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import attrs

from eventx.errors import InputError
from eventx.pipeline import Document, parse_date

log = logging.getLogger(__name__)

STDIN = "-"


@attrs.define
class InputStats:
    """Counts of what was read: documents and skipped lines."""

    read: int = 0
    skipped: int = 0


def _decode(data: bytes, name: str, replace: bool) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if replace:
            return data.decode("utf-8", errors="replace")
        raise InputError(
            f"{name}: not valid UTF-8 at byte {error.start} (use --encoding-errors replace to "
            "read it anyway)"
        ) from None


def _open(path: str) -> BinaryIO:
    if path == STDIN:
        return sys.stdin.buffer
    file = Path(path)
    if not file.exists():
        raise InputError(f"{path}: no such file")
    if file.is_dir():
        raise InputError(f"{path}: is a directory, not a file")
    try:
        return file.open("rb")
    except OSError as error:
        raise InputError(f"{path}: cannot be read: {error.strerror}") from None


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
    :param strict: raise on the first bad JSON line instead of skipping it.
    :param replace_errors: decode invalid UTF-8 with replacement characters.
    :raises InputError: for a file that cannot be read, or a bad line in strict mode.
    """
    stats = stats if stats is not None else InputStats()
    for path in paths:
        name = "<stdin>" if path == STDIN else path
        stream = _open(path)
        try:
            if _is_jsonl(path, input_format):
                yield from _read_jsonl(stream, name, strict, replace_errors, stats)
            else:
                text = _decode(stream.read(), name, replace_errors)
                if not text.strip():
                    raise InputError(f"{name}: is empty")
                stats.read += 1
                doc_id = "stdin" if path == STDIN else Path(path).stem
                yield Document(id=doc_id, text=text, date=date)
        finally:
            if stream is not sys.stdin.buffer:
                stream.close()


def _read_jsonl(
    stream: BinaryIO, name: str, strict: bool, replace_errors: bool, stats: InputStats
) -> Iterator[Document]:
    for number, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        where = f"{name}:{number}"
        try:
            line = _decode(raw, where, replace_errors)
            try:
                data = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(f"{where}: not valid JSON: {error.msg}") from None
            if not isinstance(data, dict):
                raise InputError(f"{where}: expected a JSON object, got {type(data).__name__}")
            text = data.get("text")
            if not isinstance(text, str):
                raise InputError(f"{where}: needs a string field 'text'")
            doc_id = str(data.get("id", f"{name}:{number}"))
            document = Document(id=doc_id, text=text,
                                date=parse_date(data.get("date"), where=f"{where}: date"))
        except InputError as error:
            if strict:
                raise
            stats.skipped += 1
            log.warning("skipped %s", error)
            continue
        stats.read += 1
        yield document
