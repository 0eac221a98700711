"""Reading CAMEO actor dictionaries in the PETRARCH/TABARI format.

A record is a primary phrase, optional synonym lines starting with ``+``, and optional
date restrictions on lines starting with whitespace::

    RONALD_REAGAN_  ; a comment
    +REAGAN_
    +PRESIDENT_REAGAN_
        [USAELI 19670102-750106]
        [USAGOV 810120-890120]

    YASUHIRO_NAKASONE_ [JPNGOV 821127-871106]

A code in brackets on a phrase line (``[JPNGOV]`` or ``[JPNGOV 821127-871106]``) belongs to
the record too; one without dates is the default, used when no restriction covers the
date. Restrictions are ``[CODE start-end]`` (both days included), ``[CODE <date]`` (before)
and ``[CODE >date]`` (after). Dates are ``YYYYMMDD`` or ``YYMMDD``; a two-digit year up to
30 is 20xx, above it 19xx (as PETRARCH reads them). Phrases are words joined by ``_`` or
spaces; a trailing ``_`` is dropped. Comments start with ``#`` or ``;``, or are ``<!-- -->``
blocks. A line that cannot be read is skipped with a warning naming the file and line.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs
import pycountry

log = logging.getLogger(__name__)

_BRACKET = re.compile(r"\[([^\]]*)\]")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_COMMENT_START = re.compile(r"(?:^|\s)[#;]")
_DATE = r"\d{6}(?:\d{2})?"
_RESTRICTION = re.compile(rf"^(?P<code>[A-Z0-9]+)(?:\s+(?:(?P<start>{_DATE})-(?P<end>{_DATE})"
                          rf"|<(?P<before>{_DATE})|>(?P<after>{_DATE})))?$")


def parse_date(text: str) -> dt.date:
    """A dictionary date (``YYYYMMDD`` or ``YYMMDD``) as a date."""
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year <= 30 else 1900 + year}{text[2:]}"
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))


@attrs.frozen
class Role:
    """A CAMEO actor code and the days it holds (``None``: open-ended)."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        """Whether the code holds on ``day``."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    @property
    def country(self) -> str | None:
        """The ISO 3166-1 alpha-3 country of the code (``USAGOV`` gives ``USA``), if it has one."""
        return self.code[:3] if _is_country(self.code[:3]) else None

    @property
    def sector(self) -> str | None:
        """The sector after the country (``GOV``, ``MIL``, ``BUS``, ``REB``, ...), if any."""
        return self.code[3:6] or None if self.country else None


@functools.cache
def _is_country(code: str) -> bool:
    return (pycountry.countries.get(alpha_3=code) or
            pycountry.historic_countries.get(alpha_3=code)) is not None


@attrs.frozen(slots=False)
class ActorRecord:
    """One actor: its phrases, default code and dated roles (read from ``restrictions``, the
    texts in brackets, when first needed)."""

    phrases: tuple[str, ...]
    default: str | None
    restrictions: tuple[str, ...] = ()

    @functools.cached_property
    def roles(self) -> tuple[Role, ...]:
        """The dated roles, in the order of the dictionary."""
        return tuple(role for text in self.restrictions
                     if (role := _restriction(text)[1]) is not None)

    def role_at(self, day: dt.date | None) -> Role | None:
        """The role on ``day``: the first dated role that covers it, else the default code
        (also when the day is unknown)."""
        if day is not None:
            for role in self.roles:
                if role.covers(day):
                    return role
        return Role(self.default) if self.default else None


def _phrase(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).upper()


def _restriction(text: str) -> tuple[str, Role | None]:
    """(code, role): a role when the bracket has dates, else the code alone."""
    match = _RESTRICTION.match(text.strip())
    if match is None:
        raise ValueError(f"not a code restriction: [{text}]")
    code = match["code"]
    if match["start"]:
        return code, Role(code, parse_date(match["start"]), parse_date(match["end"]))
    if match["before"]:
        return code, Role(code, None, parse_date(match["before"]) - dt.timedelta(days=1))
    if match["after"]:
        return code, Role(code, parse_date(match["after"]) + dt.timedelta(days=1), None)
    return code, None


class _Builder:
    def __init__(self) -> None:
        self.phrases: list[str] = []
        self.default: str | None = None
        self.restrictions: list[str] = []

    def add_codes(self, text: str) -> None:
        for inside in _BRACKET.findall(text):
            match = _RESTRICTION.match(inside.strip())
            if match is None:
                raise ValueError(f"not a code restriction: [{inside}]")
            if match["start"] or match["before"] or match["after"]:
                self.restrictions.append(inside)
            else:
                self.default = match["code"]

    def record(self) -> ActorRecord | None:
        if not self.phrases:
            return None
        return ActorRecord(tuple(self.phrases), self.default, tuple(self.restrictions))


def _uncommented(line: str) -> str:
    comment = _COMMENT_START.search(line)
    return line[:comment.start()] if comment else line


def read_records(lines: Iterable[str], source: str = "<dictionary>") -> Iterator[ActorRecord]:
    """The records of a dictionary's lines."""
    current = _Builder()
    for number, raw in enumerate(lines, 1):
        line = _uncommented(raw.rstrip("\n"))
        if not line.strip():
            continue
        try:
            if line[0].isspace():
                current.add_codes(line)
            elif line.startswith("+"):
                current.phrases.append(_phrase(_BRACKET.sub("", line[1:])))
                current.add_codes(line)
            else:
                done = current.record()
                if done:
                    yield done
                current = _Builder()
                current.phrases.append(_phrase(_BRACKET.sub("", line)))
                current.add_codes(line)
        except ValueError as error:
            log.warning("%s:%d: skipped: %s", source, number, error)
    done = current.record()
    if done:
        yield done


class ActorDictionary:
    """Actor records by phrase (upper case, words separated by single spaces)."""

    def __init__(self, records: Iterable[ActorRecord] = ()) -> None:
        self.records: dict[str, ActorRecord] = {}
        for record in records:
            for phrase in record.phrases:
                self.records.setdefault(phrase, record)

    def __len__(self) -> int:
        return len(self.records)

    def lookup(self, name: str) -> ActorRecord | None:
        """The record of a name as news writes it ("Reagan", "Yasuhiro Nakasone")."""
        return self.records.get(_phrase(name.replace(".", "")))

    def update(self, other: ActorDictionary) -> None:
        """Add the phrases of ``other`` that this dictionary does not have yet."""
        for phrase, record in other.records.items():
            self.records.setdefault(phrase, record)


def load_dictionary(*paths: str | os.PathLike[str]) -> ActorDictionary:
    """The dictionaries in the files at ``paths`` merged (an earlier file wins a phrase both
    give), read once per set of file versions (cached by path, size and modification time).

    :raises OSError: when a file cannot be read.
    """
    versions = []
    for path in paths:
        stat = Path(path).stat()
        versions.append((str(Path(path).resolve()), stat.st_size, stat.st_mtime_ns))
    return _merged(tuple(versions))


@functools.lru_cache(maxsize=8)
def _merged(versions: tuple[tuple[str, int, int], ...]) -> ActorDictionary:
    merged = ActorDictionary()
    for version in versions:
        merged.update(_load(*version))
    return merged


@functools.lru_cache(maxsize=32)
def _load(path: str, size: int, mtime: int) -> ActorDictionary:
    text = _COMMENT.sub(lambda m: "\n" * m.group().count("\n"),
                        Path(path).read_text(encoding="utf-8", errors="replace"))
    return ActorDictionary(read_records(text.splitlines(), path))
