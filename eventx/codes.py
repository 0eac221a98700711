"""CAMEO and PLOVER codes of events, and their directed (or undirected) country dyads.

The codes of the core types come from the mapping table ``eventx/data/codes.csv``: a row
per event type, status and detail (a TariffAction's ``action``, a TroopAdjustment's
``direction``; ``*`` for any), the first matching row wins. Its CAMEO codes and their
meanings are those of the CAMEO codebook, version 1.1b3 (Schrodt, 2012); its PLOVER types
and modes follow the PLOVER codebook and its CAMEO crosswalk (``CAMEO2PLOVER-2021.txt`` of
the PLOVER repository). An event with no matching row (a negated event, a possible tariff,
a maintained troop presence) has no codes.

Who acts on whom comes from the event class's :class:`Coding`: a ``source`` role and a
``target`` role give directed dyads (TariffAction imposer to each target; TroopAdjustment
force to its location's country), a ``parties`` role gives every pair of its countries,
undirected (Meeting and Summit participants). A plugin's event class declares its own::

    class Sanction(eventx.Event):
        event_type = "Sanction"
        coding = Coding(cameo="163", plover="COERCE", plover_mode="restrict",
                        source="imposer", target="targets")
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from eventx.events import Event

__all__ = ["Codes", "Coding", "Dyad", "event_codes"]


@attrs.frozen(kw_only=True)
class Coding:
    """How an event class is coded: constant codes (for a type without rows in the mapping
    table) and the roles that give its dyads.

    :param cameo: the CAMEO event code, as a string (``"163"``).
    :param plover: the PLOVER event type (``"COERCE"``).
    :param plover_mode: the PLOVER mode (``"restrict"``), if the type has one.
    :param source: the role whose countries act (an actor or a list of actors).
    :param target: the role whose countries are acted on (actors or a place).
    :param parties: the role whose countries form undirected pairs (participants).
    """

    cameo: str | None = None
    plover: str | None = None
    plover_mode: str | None = None
    source: str | None = None
    target: str | None = None
    parties: str | None = None


@attrs.frozen(kw_only=True)
class Dyad:
    """Two countries an event relates: ``source`` acts on ``target`` when ``directed``, else
    the two take part together (in alphabetical order)."""

    source: str
    target: str
    directed: bool


def _dyads_tuple(dyads: Iterable[Dyad]) -> tuple[Dyad, ...]:
    return tuple(dyads)


@attrs.frozen(kw_only=True)
class Codes:
    """An event's CAMEO code, PLOVER type and mode (each null when it has none), and dyads."""

    cameo: str | None = None
    plover: str | None = None
    plover_mode: str | None = None
    dyads: tuple[Dyad, ...] = attrs.field(factory=tuple, converter=_dyads_tuple)


@attrs.frozen
class _Row:
    event_type: str
    status: str
    detail: str
    cameo: str
    plover: str
    plover_mode: str | None


@functools.cache
def mapping_table() -> tuple[_Row, ...]:
    """The rows of ``eventx/data/codes.csv``, in file order."""
    text = resources.files("eventx.data").joinpath("codes.csv").read_text(encoding="utf-8")
    return tuple(_Row(row["type"], row["status"], row["detail"], row["cameo"], row["plover"],
                      row["plover_mode"] or None)
                 for row in csv.DictReader(io.StringIO(text)))


def _detail(event: Event) -> str | None:
    for name in ("action", "direction"):
        value = getattr(event, name, None)
        if value is not None:
            return str(getattr(value, "value", value))
    return None


def _countries(value: Any) -> list[str]:
    """The distinct countries of an actor, a place or a list of them, in order."""
    items = value if isinstance(value, (list, tuple)) else [value]
    found = (getattr(item, "country", None) for item in items)
    return list(dict.fromkeys(country for country in found if isinstance(country, str)))


def _dyads(event: Event, coding: Coding) -> Iterator[Dyad]:
    if coding.source and coding.target:
        sources = _countries(getattr(event, coding.source, None))
        targets = _countries(getattr(event, coding.target, None))
        for source, target in itertools.product(sources, targets):
            if source != target:
                yield Dyad(source=source, target=target, directed=True)
    if coding.parties:
        parties = sorted(_countries(getattr(event, coding.parties, None)))
        for source, target in itertools.combinations(parties, 2):
            yield Dyad(source=source, target=target, directed=False)


#: The statuses that a class's constant codes apply to.
_CODED_BY_CLASS = frozenset({"occurred", "planned"})


def event_codes(event: Event) -> Codes:
    """The codes and dyads of ``event``: from the mapping table for its type, status and
    detail; for a type the table does not list, its class's :class:`Coding` codes when the
    event occurred or is planned."""
    coding = type(event).coding or Coding()
    status, detail = event.status.value, _detail(event)
    rows = [row for row in mapping_table() if row.event_type == event.event_type]
    dyads = tuple(_dyads(event, coding))
    if not rows:
        if status not in _CODED_BY_CLASS:
            return Codes(dyads=dyads)
        return Codes(cameo=coding.cameo, plover=coding.plover, plover_mode=coding.plover_mode,
                     dyads=dyads)
    for row in rows:
        if row.status in (status, "*") and row.detail in (detail, "*"):
            return Codes(cameo=row.cameo, plover=row.plover, plover_mode=row.plover_mode,
                         dyads=dyads)
    return Codes(dyads=dyads)
