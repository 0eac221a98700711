"""Gold documents for training: read, checked line by line, and candidates labelled.

A candidate (an event the rules propose) is labelled by the SCHEMA.md matching rule:
matched to a required gold event it is a true event with that event's status; matched to
an optional one it is left out of training; unmatched it is not an event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from eventx.errors import InputError
from eventx.evaluate import match_events, read_jsonl_numbered
from eventx.events import Event, Status
from eventx.pipeline import parse_date
from eventx.scoring.labels import NOT_EVENT, STATUSES


@attrs.frozen
class GoldDocument:
    """One gold document: where it was read, its text and date, and its gold events."""

    source: str
    id: str
    text: str
    date: dt.date | None
    events: tuple[Mapping[str, Any], ...]


def _check_event(where: str, number: int, event: Any, text: str,
                 types: Iterable[str]) -> None:
    if not isinstance(event, Mapping):
        raise InputError(f"{where}: event {number} is not an object")
    known = sorted(types)
    if event.get("type") not in known:
        raise InputError(f"{where}: event {number} has unknown type {event.get('type')!r}; "
                         f"known: {', '.join(known)}")
    trigger = event.get("trigger")
    start = trigger.get("start") if isinstance(trigger, Mapping) else None
    end = trigger.get("end") if isinstance(trigger, Mapping) else None
    if not (type(start) is int and type(end) is int and 0 <= start < end <= len(text)):
        raise InputError(f"{where}: event {number} needs a trigger with integer start < end "
                         f"inside the text, got {trigger!r}")
    status = event.get("status", Status.OCCURRED.value)
    if status not in STATUSES:
        raise InputError(f"{where}: event {number} has unknown status {status!r}; known: "
                         f"{', '.join(STATUSES)}")


def read_gold(path: str | Path, types: Iterable[str]) -> list[GoldDocument]:
    """The documents of a gold JSON Lines file (the SCHEMA.md shape with ``text``).

    :param types: the event type names the pipeline knows.
    :raises InputError: naming the file and line of the first malformed document, event,
        unknown type or status.
    """
    names = frozenset(types)
    documents = []
    for line, data in read_jsonl_numbered(path):
        where = f"{path}:{line}"
        text = data.get("text")
        if not isinstance(text, str):
            raise InputError(f"{where}: 'text' must be a string")
        for number, event in enumerate(data.get("events", []), 1):
            _check_event(where, number, event, text, names)
        documents.append(GoldDocument(
            source=where, id=str(data.get("id", where)), text=text,
            date=parse_date(data.get("date"), where=where), events=tuple(data.get("events", [])),
        ))
    if not documents:
        raise InputError(f"{path}: no documents")
    return documents


def candidate_labels(gold: Sequence[Mapping[str, Any]],
                     candidates: Sequence[Event]) -> list[str | None]:
    """The label of each candidate: a status, :data:`NOT_EVENT`, or None when it matches an
    optional gold event (neither right nor wrong)."""
    labels: list[str | None] = [NOT_EVENT] * len(candidates)
    predicted = [event.to_dict() for event in candidates]
    for event, hit in match_events(gold, predicted):
        if hit is not None:
            labels[hit] = None if event.get("optional") else str(
                event.get("status", Status.OCCURRED.value))
    return labels
