"""Happenings: the mentions of one event, within a document and across documents, as one record.

Two mentions are of the same happening when they agree on the **key** and their **days**
are at most ``window`` days apart (a chain of such mentions is one happening). The key's
parts, by name (:data:`KEY_PARTS`; all of them by default):

- ``type``: the event type;
- ``status``: occurred, planned, ...;
- ``countries``: the countries of every actor of the event (participants, imposer,
  targets, force, ...), as a set;
- ``place``: the location's country, else its name (lower case), else none.

The day of a mention is its time value (``1987-03-02``), else its document's publication
date. A time value coarser than a day (``1987-03``) only meets mentions with the same
value. With the default window of 0 days this is the one-a-day rule of ICEWS: one
record per type, status, countries and place a day. A mention with neither an actor
country nor a place is a happening of its own (nothing says which happening it is).

Memory stays bounded: mentions are reduced to small records, sorted by day in sorted runs
on disk (an external sort), and swept in day order; only the happenings still open within
the window are held. :func:`eventx.distributed.merge_bag` does the same on Dask.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import heapq
import itertools
import json
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from eventx.pipeline import Result

__all__ = ["DEFAULT_KEY", "HAPPENING_COLUMNS", "KEY_PARTS", "Happening", "Mention",
           "check_options", "mentions", "merge", "sweep"]

KEY_PARTS = ("type", "status", "countries", "place")
DEFAULT_KEY = KEY_PARTS
#: The columns of a happenings table, in order (lists are ``;``-separated in CSV/Parquet).
HAPPENING_COLUMNS = ("id", "type", "status", "countries", "place", "first_day", "last_day",
                     "mention_count", "document_count", "first_published", "last_published",
                     "document_ids", "event_ids")


@attrs.frozen
class Mention:
    """One event mention reduced to what merging needs."""

    key: tuple[Any, ...]
    day: str | None
    event_id: str
    document_id: str
    published: str | None

    @property
    def anchor(self) -> str:
        """The first day the mention's day covers (``1987-03`` gives ``1987-03-01``)."""
        if self.day is None:
            return ""
        return self.day + "-01" * ((10 - len(self.day)) // 3)

    @property
    def exact(self) -> bool:
        """Whether the day is a day (not a month or a year)."""
        return self.day is not None and len(self.day) == 10

    def to_json(self) -> str:
        """The mention as one line of JSON (for the sorted runs on disk)."""
        return json.dumps([self.anchor, self.key, self.day, self.event_id, self.document_id,
                           self.published])

    @classmethod
    def from_json(cls, line: str) -> Mention:
        """Read back :meth:`to_json`."""
        _, key, day, event_id, document_id, published = json.loads(line)
        return cls(_tuple(key), day, event_id, document_id, published)


def _tuple(value: Any) -> Any:
    return tuple(_tuple(item) for item in value) if isinstance(value, list) else value


@attrs.define
class Happening:
    """Mentions merged into one happening; :meth:`to_dict` gives its output record."""

    key: tuple[Any, ...]
    parts: tuple[str, ...]
    first_day: str | None
    last_day: str | None
    event_ids: list[str] = attrs.Factory(list)
    document_ids: list[str] = attrs.Factory(list)
    published: list[str] = attrs.Factory(list)

    def add(self, mention: Mention) -> None:
        """Count one more mention."""
        self.last_day = mention.day
        self.event_ids.append(mention.event_id)
        if mention.document_id not in self.document_ids:
            self.document_ids.append(mention.document_id)
        if mention.published:
            self.published.append(mention.published)

    def to_dict(self) -> dict[str, Any]:
        """``{"id", "type", "status", "countries", "place", "first_day", "last_day",
        "mention_count", "document_count", "first_published", "last_published",
        "document_ids", "event_ids"}``; key parts left out of the key are null."""
        named = dict(zip(self.parts, self.key))
        ident = hashlib.sha256(json.dumps([self.key, self.first_day, self.event_ids[0]])
                               .encode("utf-8")).hexdigest()[:16]
        countries = named.get("countries")
        return {
            "id": ident, "type": named.get("type"), "status": named.get("status"),
            "countries": list(countries) if isinstance(countries, tuple) else None,
            "place": named.get("place"), "first_day": self.first_day,
            "last_day": self.last_day, "mention_count": len(self.event_ids),
            "document_count": len(self.document_ids),
            "first_published": min(self.published, default=None),
            "last_published": max(self.published, default=None),
            "document_ids": self.document_ids, "event_ids": self.event_ids,
        }


def _actor_countries(value: Any, found: set[str]) -> None:
    if isinstance(value, list):
        for item in value:
            _actor_countries(item, found)
    elif isinstance(value, Mapping) and "kind" in value and isinstance(value.get("country"), str):
        found.add(value["country"])


def _place(event: Mapping[str, Any]) -> str | None:
    location = event.get("location")
    if not isinstance(location, Mapping):
        return None
    return location.get("country") or (str(location.get("name") or "").lower() or None)


def mentions(
    result: Result | Mapping[str, Any], key: Sequence[str] = DEFAULT_KEY
) -> Iterator[Mention]:
    """The mentions of one document's events (a :class:`~eventx.Result` or its dict)."""
    data = result if isinstance(result, Mapping) else result.to_dict()
    document_id, published = str(data.get("id")), data.get("date")
    for event in data.get("events", ()):
        countries: set[str] = set()
        for value in event.values():
            _actor_countries(value, countries)
        place = _place(event)
        values = {"type": event.get("type"), "status": event.get("status"),
                  "countries": tuple(sorted(countries)), "place": place}
        parts = tuple(values[part] for part in key)
        event_id = str(event.get("id") or "")
        if not countries and place is None:
            parts = (*parts, ("alone", document_id, event_id))
        time = event.get("time")
        day = (time.get("value") if isinstance(time, Mapping) else None) or published
        yield Mention(parts, day, event_id, document_id, published)


def _days_apart(earlier: str, later: str) -> int:
    return (dt.date.fromisoformat(later) - dt.date.fromisoformat(earlier)).days


def sweep(
    ordered: Iterable[Mention], key: Sequence[str], window: int
) -> Iterator[Happening]:
    """Happenings from mentions in day order (by :attr:`Mention.anchor`), each yielded as soon
    as no later mention can join it."""
    parts = tuple(key)
    open_: dict[tuple[Any, ...], Happening] = {}
    today = ""
    for mention in ordered:
        if mention.anchor != today:
            today = mention.anchor
            yield from _close_before(open_, today, window)
        slot = (mention.key, "=" if mention.exact else mention.day or "")
        current = open_.get(slot)
        if current is None:
            current = open_[slot] = Happening(mention.key, parts, mention.day, mention.day)
        current.add(mention)
    yield from sorted(open_.values(), key=_order)


def _order(happening: Happening) -> tuple[str, str]:
    return happening.first_day or "", json.dumps(happening.key)


def _closed(slot: tuple[Any, ...], happening: Happening, today: str, window: int) -> bool:
    if slot[1] != "=":  # a month, a year or no day: only the same value joins
        return True
    return _days_apart(happening.last_day or today, today) > window


def _close_before(open_: dict[tuple[Any, ...], Happening], today: str,
                  window: int) -> Iterator[Happening]:
    """Close the happenings that no mention from ``today`` on can join any more."""
    done = [slot for slot, happening in open_.items() if _closed(slot, happening, today, window)]
    for slot in sorted(done, key=lambda s: _order(open_[s])):
        yield open_.pop(slot)


def _sorted_runs(records: Iterable[Mention], chunk: int,
                 stack: contextlib.ExitStack) -> list[IO[str]]:
    """Temporary files of at most ``chunk`` mentions each, each sorted by day."""
    files: list[IO[str]] = []
    iterator = iter(records)
    while batch := list(itertools.islice(iterator, chunk)):
        batch.sort(key=lambda mention: mention.anchor)
        run = stack.enter_context(  # closed (and removed) with the stack
            tempfile.TemporaryFile("w+", encoding="utf-8"))  # noqa: SIM115
        run.writelines(m.to_json() + "\n" for m in batch)
        run.seek(0)
        files.append(run)
    return files


def merge(
    results: Iterable[Result | Mapping[str, Any]],
    *,
    key: Sequence[str] = DEFAULT_KEY,
    window: int = 0,
    chunk_size: int = 200_000,
) -> Iterator[dict[str, Any]]:
    """The happenings of the events of ``results``, as dicts (see :meth:`Happening.to_dict`),
    streamed in order of their first day.

    :param results: :class:`~eventx.Result` objects or their dicts (read from JSON Lines).
    :param key: the key parts that must agree (a subset of :data:`KEY_PARTS`).
    :param window: how many days apart two mentions of the same key may be.
    :param chunk_size: mentions sorted in memory at a time; more are sorted on disk.
    :raises ValueError: (at once) for an unknown key part or a negative window.
    """
    check_options(key, window)
    return _merge(results, tuple(key), window, chunk_size)


def check_options(key: Sequence[str], window: int) -> None:
    """Check the key parts and the window of a merge.

    :raises ValueError: for an unknown key part, no key part, or a negative window.
    """
    unknown = [part for part in key if part not in KEY_PARTS]
    if unknown or not key:
        raise ValueError(f"unknown key part(s) {', '.join(unknown) or '(none given)'}; known: "
                         f"{', '.join(KEY_PARTS)}")
    if window < 0:
        raise ValueError(f"window must be 0 or more days, got {window}")


def _merge(results: Iterable[Result | Mapping[str, Any]], key: tuple[str, ...], window: int,
           chunk_size: int) -> Iterator[dict[str, Any]]:
    records = itertools.chain.from_iterable(mentions(result, key) for result in results)
    with contextlib.ExitStack() as stack:
        files = _sorted_runs(records, chunk_size, stack)
        runs = [(Mention.from_json(line) for line in file) for file in files]
        ordered = heapq.merge(*runs, key=lambda mention: mention.anchor)
        for happening in sweep(ordered, key, window):
            yield happening.to_dict()
