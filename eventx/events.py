"""The event model: frozen attrs classes whose ``to_dict()`` is the SCHEMA.md shape.

Spans carry character offsets into the document text (``end`` exclusive).
Every event type is a subclass of :class:`Event` with a class-level
``event_type`` name; plugins define their own types the same way.
"""

from __future__ import annotations

import enum
import hashlib
import re
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, TypeVar

import attrs
import cattrs

from eventx.codes import Coding, event_codes
from eventx.errors import SchemaError

__all__ = [
    "CORE_EVENT_TYPES",
    "Actor",
    "ActorKind",
    "Direction",
    "Event",
    "Meeting",
    "Place",
    "Rate",
    "Sentence",
    "Span",
    "Status",
    "Summit",
    "TariffAction",
    "TariffActionKind",
    "TimeExpr",
    "TroopAdjustment",
    "actor_tuple",
    "event_from_dict",
    "event_id",
    "string_tuple",
    "with_ids",
    "with_sentence_text",
]


class Status(str, enum.Enum):
    """Whether an event happened, is planned, threatened, possible, cancelled or negated."""

    OCCURRED = "occurred"
    PLANNED = "planned"
    THREATENED = "threatened"
    POSSIBLE = "possible"
    CANCELLED = "cancelled"
    NEGATED = "negated"


class ActorKind(str, enum.Enum):
    """What an actor is: a state, a person, a body, or people described by role."""

    COUNTRY = "country"
    PERSON = "person"
    ORGANIZATION = "organization"
    GROUP = "group"


class TariffActionKind(str, enum.Enum):
    """What a tariff action does to the tariff."""

    IMPOSE = "impose"
    RAISE = "raise"
    LOWER = "lower"
    SUSPEND = "suspend"
    REMOVE = "remove"
    EXEMPT = "exempt"
    EXTEND = "extend"
    UNSPECIFIED = "unspecified"


class Direction(str, enum.Enum):
    """How a troop presence changes."""

    INCREASE = "increase"
    DECREASE = "decrease"
    WITHDRAW = "withdraw"
    DEPLOY = "deploy"
    REDEPLOY = "redeploy"
    MAINTAIN = "maintain"
    ADJUST = "adjust"


_ISO3 = re.compile(r"^[A-Z]{3}$")

#: Field metadata of a field that output written by earlier versions lacks: the JSON Schema
#: does not require it, and reading a dict without it gives the default.
OPTIONAL: Mapping[str, Any] = {"optional": True}


def _offsets_ordered(instance: Any, attribute: attrs.Attribute[int], value: int) -> None:
    if value < instance.start:
        raise ValueError(f"end ({value}) is before start ({instance.start})")


def _iso3_or_none(instance: Any, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and not _ISO3.match(value):
        raise ValueError(f"{attribute.name} must be an ISO 3166-1 alpha-3 code, got {value!r}")


@attrs.frozen(kw_only=True)
class Sentence:
    """The sentence holding an event's trigger, as character offsets, and its text (which the
    pipeline fills in)."""

    start: int = attrs.field(validator=attrs.validators.ge(0))
    end: int = attrs.field(validator=_offsets_ordered)
    text: str | None = attrs.field(default=None, metadata=OPTIONAL)


@attrs.frozen(kw_only=True)
class Span:
    """A stretch of the document: character offsets and the text between them."""

    start: int = attrs.field(validator=attrs.validators.ge(0))
    end: int = attrs.field(validator=_offsets_ordered)
    text: str


@attrs.frozen(kw_only=True)
class TimeExpr:
    """A time expression and its ISO 8601 prefix (``2025``, ``2025-07``, ``2025-07-10``) or None."""

    text: str
    start: int = attrs.field(validator=attrs.validators.ge(0))
    end: int = attrs.field(validator=_offsets_ordered)
    value: str | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(
            attrs.validators.matches_re(r"^\d{4}(-\d{2}(-\d{2})?)?$")
        ),
    )


@attrs.frozen(kw_only=True)
class Place:
    """A place mention with its canonical name and the ISO alpha-3 code of its country."""

    text: str
    start: int = attrs.field(validator=attrs.validators.ge(0))
    end: int = attrs.field(validator=_offsets_ordered)
    name: str
    country: str | None = attrs.field(default=None, validator=_iso3_or_none)
    latitude: float | None = attrs.field(
        default=None, validator=attrs.validators.optional([attrs.validators.ge(-90.0),
                                                           attrs.validators.le(90.0)]),
        metadata=OPTIONAL)
    longitude: float | None = attrs.field(
        default=None, validator=attrs.validators.optional([attrs.validators.ge(-180.0),
                                                           attrs.validators.le(180.0)]),
        metadata=OPTIONAL)
    geonameid: int | None = attrs.field(default=None, metadata=OPTIONAL)


@attrs.frozen(kw_only=True)
class Actor:
    """A party to an event: a country, person, organization or group."""

    text: str
    start: int = attrs.field(validator=attrs.validators.ge(0))
    end: int = attrs.field(validator=_offsets_ordered)
    name: str
    kind: ActorKind
    country: str | None = attrs.field(default=None, validator=_iso3_or_none)
    title: str | None = None
    cameo: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(
            attrs.validators.matches_re(r"^[A-Z0-9]{3}([A-Z0-9]{3})*$")),
        metadata=OPTIONAL)


@attrs.frozen(kw_only=True)
class Rate:
    """A tariff level: the text that states it and its percentage."""

    text: str
    percent: float | None = None


@attrs.frozen(kw_only=True)
class Event:
    """The fields every event has. Subclasses set ``event_type`` and add their own fields.

    ``id`` is set by the pipeline (see :func:`event_id`); it is not compared by ``==``, being
    derived from the document id, the type and the trigger offsets.
    """

    event_type: ClassVar[str] = "Event"
    #: How events of this type are coded in CAMEO and PLOVER, and who acts on whom
    #: (see :mod:`eventx.codes`); None for a type without codes.
    coding: ClassVar[Coding | None] = None

    id: str | None = attrs.field(default=None, eq=False, metadata=OPTIONAL)
    trigger: Span
    sentence: Sentence
    status: Status = Status.OCCURRED
    time: TimeExpr | None = None
    location: Place | None = None
    confidence: float = attrs.field(
        default=1.0, validator=[attrs.validators.ge(0.0), attrs.validators.le(1.0)]
    )
    extractor: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The event in the JSON shape of SCHEMA.md, ``type`` first, then ``id``, with its
        ``codes`` (CAMEO, PLOVER, dyads) last."""
        return {"type": self.event_type, **_converter.unstructure(self),
                "codes": _converter.unstructure(event_codes(self))}

    @classmethod
    def from_dict(cls: type[_E], data: Mapping[str, Any]) -> _E:
        """Build an event of this class from its SCHEMA.md dict; unknown keys are ignored.

        :raises SchemaError: when the dict lacks a field or a value has the wrong shape.
        """
        given = data.get("type", cls.event_type)
        if given != cls.event_type:
            raise SchemaError(f"expected an event of type {cls.event_type!r}, got {given!r}")
        try:
            return _converter.structure(dict(data), cls)
        except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as error:
            raise SchemaError(f"not a valid {cls.event_type} event: {_explain(error)}") from error


_E = TypeVar("_E", bound=Event)


def _tuple_field() -> Any:
    return attrs.field(factory=tuple, converter=tuple)


def actor_tuple(values: Iterable[Actor]) -> tuple[Actor, ...]:
    """The converter of a list-of-actors field: any iterable of actors, as a tuple (which JSON
    writes as a list)::

        parties: tuple[Actor, ...] = attrs.field(default=(), converter=eventx.actor_tuple)
    """
    return tuple(values)


def string_tuple(values: Iterable[str]) -> tuple[str, ...]:
    """The converter of a list-of-strings field (products, measures), as :func:`actor_tuple`."""
    return tuple(values)


@attrs.frozen(kw_only=True)
class Meeting(Event):
    """Officials, bodies or delegations come together: talks, visits, calls."""

    event_type: ClassVar[str] = "Meeting"
    coding: ClassVar[Coding | None] = Coding(parties="participants")

    participants: tuple[Actor, ...] = _tuple_field()
    chair: Actor | None = None
    topics: tuple[str, ...] = _tuple_field()


@attrs.frozen(kw_only=True)
class Summit(Event):
    """A meeting of heads of state or government, or one the text calls a summit."""

    event_type: ClassVar[str] = "Summit"
    coding: ClassVar[Coding | None] = Coding(parties="participants")

    participants: tuple[Actor, ...] = _tuple_field()
    host: Actor | None = None
    name: str | None = None


@attrs.frozen(kw_only=True)
class TariffAction(Event):
    """A government imposes, changes, suspends, removes or extends tariffs."""

    event_type: ClassVar[str] = "TariffAction"
    coding: ClassVar[Coding | None] = Coding(source="imposer", target="targets")

    imposer: Actor | None = None
    targets: tuple[Actor, ...] = _tuple_field()
    products: tuple[str, ...] = _tuple_field()
    rate: Rate | None = None
    action: TariffActionKind = TariffActionKind.UNSPECIFIED


@attrs.frozen(kw_only=True)
class TroopAdjustment(Event):
    """A change, or the discussion of a change, in the number or stationing of forces."""

    event_type: ClassVar[str] = "TroopAdjustment"
    coding: ClassVar[Coding | None] = Coding(source="force", target="location")

    force: Actor | None = None
    direction: Direction = Direction.ADJUST
    magnitude: int | None = None
    unit: str | None = None
    destination: Place | None = None


CORE_EVENT_TYPES: tuple[type[Event], ...] = (Meeting, Summit, TariffAction, TroopAdjustment)


def event_from_dict(
    data: Mapping[str, Any], types: Mapping[str, type[Event]] | None = None
) -> Event:
    """Build an event of whichever type ``data["type"]`` names.

    :param types: the known types by name; the four core types when None.
    :raises SchemaError: for an unknown type or a malformed event.
    """
    known = types if types is not None else {cls.event_type: cls for cls in CORE_EVENT_TYPES}
    name = data.get("type") if isinstance(data, Mapping) else None
    if not isinstance(name, str) or name not in known:
        raise SchemaError(f"unknown event type {name!r}; known: {', '.join(sorted(known))}")
    return known[name].from_dict(data)


def event_id(doc_id: str | None, event_type: str, trigger: Span) -> str:
    """A stable event id: 16 hex digits of the SHA-256 of the document id, the event type and
    the trigger's offsets, so that extracting the same document again gives the same ids."""
    key = "\x1f".join((doc_id or "", event_type, str(trigger.start), str(trigger.end)))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def with_ids(events: Iterable[_E], doc_id: str | None) -> list[_E]:
    """``events`` with their :func:`event_id` for the document ``doc_id`` (an event that
    has it already is kept as it is)."""
    done = []
    for event in events:
        new_id = event_id(doc_id, event.event_type, event.trigger)
        done.append(event if event.id == new_id else attrs.evolve(event, id=new_id))
    return done


def with_sentence_text(events: Iterable[_E], text: str) -> list[_E]:
    """``events`` with the text of their sentence, cut from the document ``text``."""
    return [attrs.evolve(event, sentence=attrs.evolve(
        event.sentence, text=text[event.sentence.start:event.sentence.end]))
        for event in events]


def _explain(error: BaseException) -> str:
    if isinstance(error, cattrs.BaseValidationError):
        return "; ".join(cattrs.transform_error(error))
    return str(error)


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


_converter = cattrs.Converter(unstruct_collection_overrides={tuple: list})
# Every enum, a plugin's included, is written as its value: members of str or int enums would
# otherwise dispatch as str or int and stay enum members in the dict.
for _scalar in (str, int):
    _converter.register_unstructure_hook(_scalar, _plain)
