"""Hypothesis strategies for eventx: actors, places, dates, event sentences and Event objects.

Surface-form strategies draw a :class:`Mention`: the text as news writes it
("the U.S.", "Washington", "American officials", "Japanese Prime Minister
Anna Tanabe") with what eventx should read from it (canonical name, kind,
ISO alpha-3 country, title). :func:`dates` draws a :class:`TimeForm`, a time
expression with the ISO value it has against a document date.

:func:`examples` draws whole sentences from a small generative grammar of
:class:`Template` objects (templates x surface forms x tenses and modal
cues), each an :class:`Example` carrying the event it states. Plugin authors
pass their own templates (and slot kinds) for their own event types::

    from eventx.testing.strategies import BUILTIN_TEMPLATES, Template, examples

    SANCTION = Template("Sanction", Status.OCCURRED,
                        "{country1} [imposed sanctions] on {country2}.",
                        roles={"imposer": "country1", "targets": ("country2",)})

    @given(examples(templates=[*BUILTIN_TEMPLATES, SANCTION], event_types=["Sanction"]))
    def test_sanctions(example): ...

:func:`events` draws arbitrary events of any attrs event class, field by
field from the type hints, with consistent offsets.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import string
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs
from hypothesis import strategies as st

from eventx.events import (
    Actor,
    ActorKind,
    Direction,
    Event,
    Place,
    Rate,
    Sentence,
    Span,
    Status,
    TariffActionKind,
    TimeExpr,
)

__all__ = [
    "BUILTIN_TEMPLATES",
    "SLOT_KINDS",
    "Example",
    "Mention",
    "Slot",
    "Template",
    "TimeForm",
    "actors",
    "capitals",
    "cities",
    "countries",
    "dates",
    "demonyms",
    "events",
    "examples",
    "groups",
    "persons",
    "places",
]


@attrs.frozen
class Mention:
    """An actor or place as text, with what eventx should read from it.

    ``kind`` is None for a place.
    """

    text: str
    name: str
    country: str | None
    kind: ActorKind | None = None
    title: str | None = None


@attrs.frozen
class TimeForm:
    """A time expression ("last month", "on March 3, 2024") and its ISO value at ``date``."""

    text: str
    value: str
    date: dt.date


# Canonical name, surface forms as a state, capital, demonym (adjective).
_COUNTRIES: dict[str, tuple[str, tuple[str, ...], str, str]] = {
    "USA": ("United States", ("the United States", "the U.S.", "the US", "America"),
            "Washington", "American"),
    "CHN": ("China", ("China",), "Beijing", "Chinese"),
    "JPN": ("Japan", ("Japan",), "Tokyo", "Japanese"),
    "KOR": ("South Korea", ("South Korea",), "Seoul", "South Korean"),
    "GBR": ("United Kingdom", ("Britain", "the United Kingdom", "the U.K."), "London", "British"),
    "FRA": ("France", ("France",), "Paris", "French"),
    "DEU": ("Germany", ("Germany",), "Berlin", "German"),
    "IND": ("India", ("India",), "New Delhi", "Indian"),
    "CAN": ("Canada", ("Canada",), "Ottawa", "Canadian"),
    "MEX": ("Mexico", ("Mexico",), "Mexico City", "Mexican"),
    "RUS": ("Russia", ("Russia",), "Moscow", "Russian"),
    "AUS": ("Australia", ("Australia",), "Canberra", "Australian"),
    "ITA": ("Italy", ("Italy",), "Rome", "Italian"),
    "BRA": ("Brazil", ("Brazil",), "Brasilia", "Brazilian"),
}
_OTHER_PLACES: dict[str, str] = {"Geneva": "CHE", "Vienna": "AUT", "Brussels": "BEL",
                                 "Oslo": "NOR", "Helsinki": "FIN"}
_GROUP_NOUNS = ("officials", "diplomats", "negotiators")
#: Titles and whether they mark a head of state or government.
_TITLES = {"President": True, "Prime Minister": True, "Foreign Minister": False,
           "Trade Minister": False, "Defense Minister": False}
#: Names that no built-in gazetteer entry uses ("Sofia" would read as the capital of Bulgaria).
_FIRST_NAMES = ("Anna", "Marco", "Lena", "Omar", "Ingrid", "Jonas", "Mira", "Tomas")
_SURNAMES = ("Halvorsen", "Okafor", "Lindqvist", "Moreau", "Tanabe", "Castell", "Varga",
             "Brennan")
_PRODUCTS = ("steel", "aluminum", "cars", "semiconductors", "solar panels", "soybeans",
             "lumber", "electric vehicles")


def _country_codes() -> st.SearchStrategy[str]:
    return st.sampled_from(sorted(_COUNTRIES))


def countries(*, metonyms: bool = True) -> st.SearchStrategy[Mention]:
    """A state as news names it: "the United States", "the U.S.", "America", "Washington"."""

    def forms(code: str) -> st.SearchStrategy[Mention]:
        name, names, capital, _ = _COUNTRIES[code]
        texts = [*names, capital] if metonyms else list(names)
        return st.sampled_from(texts).map(
            lambda text: Mention(text, name, code, ActorKind.COUNTRY))

    return _country_codes().flatmap(forms)


def demonyms() -> st.SearchStrategy[Mention]:
    """A state as an adjective ("Chinese" in "Chinese steel"), read as that state."""
    return _country_codes().map(
        lambda code: Mention(_COUNTRIES[code][3], _COUNTRIES[code][0], code, ActorKind.COUNTRY))


def groups() -> st.SearchStrategy[Mention]:
    """People described by role with their state: "American officials", "Japanese diplomats"."""
    return st.builds(
        lambda code, noun: Mention(f"{_COUNTRIES[code][3]} {noun}", f"{_COUNTRIES[code][3]} "
                                   f"{noun}", code, ActorKind.GROUP),
        _country_codes(), st.sampled_from(_GROUP_NOUNS))


def persons(*, heads: bool | None = None) -> st.SearchStrategy[Mention]:
    """A titled person with their state: "Japanese Prime Minister Anna Tanabe".

    :param heads: only heads of state or government (True), only other officials
        (False), or both (None).
    """
    titles = sorted(t for t, head in _TITLES.items() if heads is None or head is heads)

    def person(code: str, title: str, first: str, last: str) -> Mention:
        name = f"{first} {last}"
        return Mention(f"{_COUNTRIES[code][3]} {title} {name}", name, code, ActorKind.PERSON,
                       title)

    return st.builds(person, _country_codes(), st.sampled_from(titles),
                     st.sampled_from(_FIRST_NAMES), st.sampled_from(_SURNAMES))


def actors(*, heads: bool | None = None) -> st.SearchStrategy[Mention]:
    """An actor: a state in any of its forms, a group of officials or a titled person.

    :param heads: as for :func:`persons`; two heads of state meeting make a Summit.
    """
    return st.one_of(countries(), groups(), persons(heads=heads))


def capitals() -> st.SearchStrategy[Mention]:
    """A capital standing for its state, as "Washington" in "Washington imposed tariffs"."""
    return _country_codes().map(lambda code: Mention(_COUNTRIES[code][2], _COUNTRIES[code][0],
                                                     code, ActorKind.COUNTRY))


def cities() -> st.SearchStrategy[Mention]:
    """A city as a place: a capital or a conference city ("Geneva")."""
    found = [Mention(capital, capital, code) for code, (_, _, capital, _) in _COUNTRIES.items()]
    found += [Mention(city, city, code) for city, code in _OTHER_PLACES.items()]
    return st.sampled_from(found)


def places() -> st.SearchStrategy[Mention]:
    """A place: a city, or a country named as a place ("troops in Germany")."""
    states = [Mention(next(n for n in names if not n.startswith("the ")), name, code)
              for code, (name, names, _, _) in _COUNTRIES.items()]
    return st.one_of(cities(), st.sampled_from(states))


def _add_months(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _weekday_form(anchor: dt.date, offset: int) -> TimeForm:
    day = anchor + dt.timedelta(days=offset)
    return TimeForm(f"on {calendar.day_name[day.weekday()]}", day.isoformat(), anchor)


def dates(
    tense: str = "past", *, anchor: st.SearchStrategy[dt.date] | None = None
) -> st.SearchStrategy[TimeForm]:
    """A time expression before (``tense="past"``) or after (``"future"``) its document date.

    Relative forms ("yesterday", "next month", "on Tuesday") and absolute
    ones ("on March 3, 2024", "in March 2024", "in 2023") each carry the
    value SCHEMA.md gives them against the drawn document date.
    """
    if tense not in ("past", "future"):
        raise ValueError(f"tense must be 'past' or 'future', got {tense!r}")
    sign = -1 if tense == "past" else 1
    anchors = anchor if anchor is not None else st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31))

    def forms(day: dt.date) -> st.SearchStrategy[TimeForm]:
        year, month = _add_months(day, sign)
        relative = [
            TimeForm("yesterday" if sign < 0 else "tomorrow",
                     (day + dt.timedelta(days=sign)).isoformat(), day),
            TimeForm(f"{'last' if sign < 0 else 'next'} month", f"{year:04d}-{month:02d}", day),
            TimeForm(f"{'last' if sign < 0 else 'next'} year", f"{day.year + sign:04d}", day),
        ]
        weekday = st.integers(1, 6).map(lambda n: _weekday_form(day, sign * n))
        absolute_day = st.integers(1, 700).map(lambda n: day + dt.timedelta(days=sign * n)).map(
            lambda d: TimeForm(f"on {calendar.month_name[d.month]} {d.day}, {d.year}",
                               d.isoformat(), day))
        absolute_month = st.integers(1, 30).map(lambda n: _add_months(day, sign * n)).map(
            lambda ym: TimeForm(f"in {calendar.month_name[ym[1]]} {ym[0]}",
                                f"{ym[0]:04d}-{ym[1]:02d}", day))
        absolute_year = st.integers(1, 5).map(
            lambda n: TimeForm(f"in {day.year + sign * n}", f"{day.year + sign * n:04d}", day))
        return st.one_of(st.sampled_from(relative), weekday, absolute_day, absolute_month,
                         absolute_year)

    return anchors.flatmap(forms)


# -- the sentence grammar ---------------------------------------------------------------------

#: Slot kinds: a function from (tense, document date) to a strategy of (text, expected value).
SlotKind = Callable[[str, dt.date], st.SearchStrategy[tuple[str, Any]]]


def _mentions(strategy: st.SearchStrategy[Mention]) -> SlotKind:
    return lambda tense, day: strategy.map(lambda m: (m.text, m))


SLOT_KINDS: Mapping[str, SlotKind] = {
    "actor": _mentions(actors(heads=False)),
    "country": _mentions(countries()),
    "state": _mentions(countries(metonyms=False)),
    "capital": _mentions(capitals()),
    "demonym": _mentions(demonyms()),
    "group": _mentions(groups()),
    "person": _mentions(persons()),
    "leader": _mentions(persons(heads=True)),
    "place": _mentions(places()),
    "city": _mentions(cities()),
    "time": lambda tense, day: dates(tense, anchor=st.just(day)).map(lambda t: (t.text, t)),
    "magnitude": lambda tense, day: st.integers(20, 90_000).map(lambda n: (f"{n:,}", n)),
    "percent": lambda tense, day: st.tuples(
        st.integers(1, 150), st.sampled_from(["%", " percent", " pct"])).map(
            lambda p: (f"{p[0]}{p[1]}", float(p[0]))),
    "product": lambda tense, day: st.sampled_from(_PRODUCTS).map(lambda p: (p, p)),
}


@attrs.frozen
class Template:
    """A sentence pattern stating one event of ``event_type`` with ``status``.

    :param text: the sentence with ``{slot}`` fields and the trigger in square
        brackets: ``"{country1} will [meet] {country2} in {place} {time}."``.
        A slot's kind is its name without trailing digits (see :data:`SLOT_KINDS`);
        slots of one kind name different states.
    :param roles: event field -> slot name (or a tuple of slot names for a list role).
    :param fixed: event field -> the value the sentence implies (``direction``, ``action``).
    :param tense: ``"past"`` or ``"future"``: which side of the document date ``{time}`` is on.
    """

    event_type: str
    status: Status
    text: str
    roles: Mapping[str, str | tuple[str, ...]] = attrs.field(factory=dict)
    fixed: Mapping[str, Any] = attrs.field(factory=dict)
    tense: str = "past"


@attrs.frozen
class Slot:
    """A filled slot of an example: where its text lies and what it should be read as."""

    start: int
    end: int
    value: Any


@attrs.frozen
class Example:
    """A sentence drawn from a template, with the event it states.

    ``trigger`` is the (start, end) of the bracketed trigger; ``expected``
    maps each event field the template names to a :class:`Slot` (or a tuple
    of them), or to a fixed value.
    """

    text: str
    date: dt.date
    template: Template
    trigger: tuple[int, int]
    expected: Mapping[str, Any]

    @property
    def event_type(self) -> str:
        """The type of the stated event."""
        return self.template.event_type

    @property
    def status(self) -> Status:
        """The status of the stated event."""
        return self.template.status

    @property
    def ends_with_abbreviation(self) -> bool:
        """True when the sentence ends with an abbreviation ("... with the U.S."), after which
        a following sentence cannot be told from a continuation."""
        last = self.text.rsplit(None, 1)[-1]
        return "." in last[:-1]

    def find(self, events: Iterable[Event]) -> Event | None:
        """The first event of the expected type whose trigger overlaps the expected trigger."""
        start, end = self.trigger
        for event in events:
            if (event.event_type == self.event_type and event.trigger.start < end
                    and start < event.trigger.end):
                return event
        return None

    def mismatches(self, event: Event) -> list[str]:
        """How ``event`` differs from the expected one, by the SCHEMA.md scoring rules."""
        problems = []
        if event.status is not self.status:
            problems.append(f"status: expected {self.status.value}, got {event.status.value}")
        for role, want in self.expected.items():
            got = getattr(event, role)
            problem = _compare(want, got)
            if problem:
                problems.append(f"{role}: {problem}")
        return problems

    def describe(self, events: Sequence[Event]) -> str:
        """A readable account of this example and what was extracted, for test failures."""
        found = "\n".join(f"  {event!r}" for event in events) or "  (no events)"
        return (f"text: {self.text!r} (date {self.date})\nexpected {self.event_type} "
                f"[{self.status.value}] at {self.trigger}: {dict(self.expected)!r}\ngot:\n{found}")


def _actor_matches(want: Slot, got: Actor) -> bool:
    mention: Mention = want.value
    if got.start < want.end and want.start < got.end:
        return True
    return (mention.kind is ActorKind.COUNTRY and got.kind is ActorKind.COUNTRY
            and got.country == mention.country)


def _compare(want: Any, got: Any) -> str | None:
    if isinstance(want, tuple):  # a list role: every expected actor, or product, found
        values = tuple(got or ())
        missing = [w for w in want if not any(_compare(w, g) is None for g in values)]
        extra = [g for g in values if not any(_compare(w, g) is None for w in want)]
        if missing or extra:
            return (f"missing {[m.value for m in missing]!r}, unexpected {list(extra)!r}")
        return None
    if not isinstance(want, Slot):
        return None if got == want else f"expected {want!r}, got {got!r}"
    value = want.value
    if got is None:
        return f"expected {value!r}, got None"
    if isinstance(got, Actor):
        return None if _actor_matches(want, got) else f"expected {value!r}, got {got!r}"
    if isinstance(got, Place):
        ok = (got.country == value.country if value.country else
              got.name.lower() == value.name.lower())
        return None if ok else f"expected {value!r}, got {got!r}"
    if isinstance(got, TimeExpr):
        return None if got.value == value.value else f"expected {value.value!r}, got {got!r}"
    if isinstance(got, Rate):
        return None if got.percent == value else f"expected {value!r}%, got {got!r}"
    if isinstance(got, str) and isinstance(value, str):
        return None if got.lower().split()[-1:] == value.lower().split()[-1:] else (
            f"expected {value!r}, got {got!r}")
    return None if got == value else f"expected {value!r}, got {got!r}"


def _slot_kind(name: str) -> str:
    return name.rstrip(string.digits)


def _render(template: Template, day: dt.date, fills: Mapping[str, tuple[str, Any]]) -> Example:
    text = ""
    slots: dict[str, Slot] = {}
    trigger = [-1, -1]
    for literal, field, _, _ in string.Formatter().parse(template.text):
        if text.endswith(".") and literal.startswith("."):  # "the U.S." ends the sentence
            literal = literal[1:]
        for char in literal:
            if char == "[":
                trigger[0] = len(text)
            elif char == "]":
                trigger[1] = len(text)
            else:
                text += char
        if field is not None:
            surface, value = fills[field]
            slots[field] = Slot(len(text), len(text) + len(surface), value)
            text += surface
    if text[:1].islower():
        text = text[0].upper() + text[1:]
    expected: dict[str, Any] = dict(template.fixed)
    for role, names in template.roles.items():
        expected[role] = (tuple(slots[n] for n in names) if isinstance(names, tuple)
                          else slots[names])
    return Example(text, day, template, (trigger[0], trigger[1]), expected)


def _fill(template: Template, day: dt.date, kinds: Mapping[str, SlotKind]) -> (
        st.SearchStrategy[Example]):
    names = [field for _, field, _, _ in string.Formatter().parse(template.text) if field]
    strategies = {}
    for name in names:
        kind = _slot_kind(name)
        if kind not in kinds:
            raise ValueError(f"template {template.text!r}: unknown slot kind {kind!r}; known: "
                             f"{', '.join(sorted(kinds))}")
        strategies[name] = kinds[kind](template.tense, day)
    by_kind: dict[str, list[str]] = {}
    for name in names:
        by_kind.setdefault(_slot_kind(name), []).append(name)

    def distinct_states(fills: Mapping[str, tuple[str, Any]]) -> bool:
        for group in by_kind.values():
            codes = [getattr(fills[n][1], "country", None) for n in group]
            codes = [c for c in codes if c is not None]
            if len(codes) != len(set(codes)):
                return False
        actor_codes = [getattr(fills[n][1], "country", None) for n in names
                       if isinstance(fills[n][1], Mention) and fills[n][1].kind is not None]
        return len(actor_codes) == len(set(actor_codes))

    return st.fixed_dictionaries(strategies).filter(distinct_states).map(
        lambda fills: _render(template, day, fills))


def examples(
    event_types: Iterable[str] | None = None,
    statuses: Iterable[Status] | None = None,
    *,
    templates: Iterable[Template] | None = None,
    slot_kinds: Mapping[str, SlotKind] | None = None,
    anchor: st.SearchStrategy[dt.date] | None = None,
) -> st.SearchStrategy[Example]:
    """Sentences stating one event each, with the event they state.

    :param event_types: keep templates of these type names (all when None).
    :param statuses: keep templates of these statuses (all when None).
    :param templates: the grammar; :data:`BUILTIN_TEMPLATES` when None. Plugins
        pass ``[*BUILTIN_TEMPLATES, *their_own]`` or only their own.
    :param slot_kinds: extra slot kinds, added to :data:`SLOT_KINDS`.
    :param anchor: the document dates (2000-2030 by default).
    :raises ValueError: when no template is left after filtering.
    """
    chosen = list(BUILTIN_TEMPLATES if templates is None else templates)
    if event_types is not None:
        wanted = set(event_types)
        chosen = [t for t in chosen if t.event_type in wanted]
    if statuses is not None:
        wanted_statuses = set(statuses)
        chosen = [t for t in chosen if t.status in wanted_statuses]
    if not chosen:
        raise ValueError("no template matches the given event types and statuses")
    kinds = {**SLOT_KINDS, **(slot_kinds or {})}
    anchors = anchor if anchor is not None else st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))
    return st.tuples(st.sampled_from(chosen), anchors).flatmap(
        lambda pair: _fill(pair[0], pair[1], kinds))


_S = Status
_M, _SU, _T, _TR = "Meeting", "Summit", "TariffAction", "TroopAdjustment"
_TWO = ("actor1", "actor2")

#: The grammar of the four core types: constructions SCHEMA.md and ANNOTATION.md say how to
#: read. Threats are stated for tariffs and troops, the types SCHEMA.md gives threats for.
BUILTIN_TEMPLATES: tuple[Template, ...] = (
    # Meeting
    Template(_M, _S.OCCURRED, "{actor1} [met] {actor2} in {city} {time}.",
             {"participants": _TWO, "location": "city", "time": "time"}),
    Template(_M, _S.OCCURRED, "{actor1} and {actor2} held [talks] in {city}.",
             {"participants": _TWO, "location": "city"}),
    Template(_M, _S.PLANNED, "{actor1} will [meet] {actor2} in {city} {time}.",
             {"participants": _TWO, "location": "city", "time": "time"}, tense="future"),
    Template(_M, _S.PLANNED, "{actor1} and {actor2} are scheduled to hold [talks] {time}.",
             {"participants": _TWO, "time": "time"}, tense="future"),
    Template(_M, _S.POSSIBLE, "{actor1} may [meet] {actor2} in {city}.",
             {"participants": _TWO, "location": "city"}),
    Template(_M, _S.POSSIBLE, "{actor1} is considering [talks] with {actor2}.",
             {"participants": _TWO}),
    Template(_M, _S.CANCELLED, "{actor1} cancelled its [meeting] with {actor2}.",
             {"participants": _TWO}),
    Template(_M, _S.NEGATED, "{actor1} did not [meet] {actor2} {time}.",
             {"participants": _TWO, "time": "time"}),
    # Summit
    Template(_SU, _S.OCCURRED, "{country1} and {country2} held a [summit] in {city} {time}.",
             {"participants": ("country1", "country2"), "location": "city", "time": "time"}),
    Template(_SU, _S.OCCURRED, "{leader1} and {leader2} [met] in {city}.",
             {"participants": ("leader1", "leader2"), "location": "city"}),
    Template(_SU, _S.PLANNED, "{country1} and {country2} will hold a [summit] {time}.",
             {"participants": ("country1", "country2"), "time": "time"}, tense="future"),
    Template(_SU, _S.POSSIBLE, "{country1} and {country2} are discussing a possible [summit].",
             {"participants": ("country1", "country2")}),
    Template(_SU, _S.CANCELLED, "{country1} postponed its [summit] with {country2}.",
             {"participants": ("country1", "country2")}),
    Template(_SU, _S.NEGATED, "{country1} ruled out a [summit] with {country2}.",
             {"participants": ("country1", "country2")}),
    # TariffAction
    Template(_T, _S.OCCURRED,
             "{country1} imposed [tariffs] of {percent} on {product} from {state2} {time}.",
             {"imposer": "country1", "targets": ("state2",), "products": ("product",),
              "rate": "percent", "time": "time"}, {"action": TariffActionKind.IMPOSE}),
    Template(_T, _S.OCCURRED, "{country1} suspended [tariffs] on {demonym2} {product}.",
             {"imposer": "country1", "targets": ("demonym2",), "products": ("product",)},
             {"action": TariffActionKind.SUSPEND}),
    Template(_T, _S.OCCURRED, "{country1} raised [tariffs] on {demonym2} {product} to {percent}.",
             {"imposer": "country1", "targets": ("demonym2",), "products": ("product",),
              "rate": "percent"}, {"action": TariffActionKind.RAISE}),
    Template(_T, _S.PLANNED,
             "{country1} will impose a {percent} [tariff] on {product} from {state2} {time}.",
             {"imposer": "country1", "targets": ("state2",), "products": ("product",),
              "rate": "percent", "time": "time"}, {"action": TariffActionKind.IMPOSE},
             tense="future"),
    Template(_T, _S.THREATENED, "{country1} threatened to impose [tariffs] on {state2}.",
             {"imposer": "country1", "targets": ("state2",)},
             {"action": TariffActionKind.IMPOSE}),
    Template(_T, _S.POSSIBLE,
             "{country1} is considering lowering [tariffs] on {product} from {state2}.",
             {"imposer": "country1", "targets": ("state2",), "products": ("product",)},
             {"action": TariffActionKind.LOWER}),
    Template(_T, _S.CANCELLED, "{country1} cancelled planned [tariffs] on {state2}.",
             {"imposer": "country1", "targets": ("state2",)}),
    Template(_T, _S.NEGATED, "{country1} did not impose [tariffs] on {state2}.",
             {"imposer": "country1", "targets": ("state2",)},
             {"action": TariffActionKind.IMPOSE}),
    # TroopAdjustment
    Template(_TR, _S.OCCURRED, "{country1} [withdrew] {magnitude} troops from {place} {time}.",
             {"force": "country1", "magnitude": "magnitude", "location": "place", "time": "time"},
             {"direction": Direction.WITHDRAW}),
    Template(_TR, _S.PLANNED, "{country1} will [deploy] {magnitude} troops to {place} {time}.",
             {"force": "country1", "magnitude": "magnitude", "location": "place", "time": "time"},
             {"direction": Direction.DEPLOY}, tense="future"),
    Template(_TR, _S.PLANNED, "{country1} will [keep] {magnitude} troops in {place}.",
             {"force": "country1", "magnitude": "magnitude", "location": "place"},
             {"direction": Direction.MAINTAIN}),
    Template(_TR, _S.THREATENED, "{country1} threatened to [withdraw] its troops from {place}.",
             {"force": "country1", "location": "place"}, {"direction": Direction.WITHDRAW}),
    Template(_TR, _S.POSSIBLE,
             "{country1} is considering a [reduction] of its troops in {place}.",
             {"force": "country1", "location": "place"}, {"direction": Direction.DECREASE}),
    Template(_TR, _S.CANCELLED,
             "{country1} cancelled the planned [deployment] of troops to {place}.",
             {"force": "country1", "location": "place"}, {"direction": Direction.DEPLOY}),
    Template(_TR, _S.NEGATED, "{country1} denied plans to [withdraw] troops from {place}.",
             {"force": "country1", "location": "place"}, {"direction": Direction.WITHDRAW}),
)


# -- arbitrary Event objects ------------------------------------------------------------------

_ISO3 = st.from_regex(r"\A[A-Z]{3}\Z")
_ISO_PREFIX = st.dates().map(dt.date.isoformat).flatmap(
    lambda day: st.sampled_from([day[:4], day[:7], day]))
#: Strategies by field name, for fields whose validators restrict them.
_FIELD_OVERRIDES: Mapping[str, st.SearchStrategy[Any]] = {
    "country": st.one_of(st.none(), _ISO3),
    "value": st.one_of(st.none(), _ISO_PREFIX),
    "confidence": st.floats(0.0, 1.0),
    "latitude": st.one_of(st.none(), st.floats(-90.0, 90.0)),
    "longitude": st.one_of(st.none(), st.floats(-180.0, 180.0)),
    "cameo": st.one_of(st.none(), st.from_regex(r"\A([A-Z]{3}){1,3}\Z")),
}
_OFFSET = st.integers(0, 100_000)


def _for_type(tp: Any, overrides: Mapping[str, st.SearchStrategy[Any]]) -> (
        st.SearchStrategy[Any]):
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(_for_type(arg, overrides) for arg in typing.get_args(tp)))
    if origin is tuple:
        return st.lists(_for_type(typing.get_args(tp)[0], overrides), max_size=3).map(tuple)
    if tp is type(None):
        return st.none()
    if tp is float:
        return st.floats(allow_nan=False, allow_infinity=False)
    if tp is int:
        return st.integers(0, 10**9)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return st.sampled_from(list(tp))
    if isinstance(tp, type) and attrs.has(tp):
        return _for_attrs(tp, overrides)
    return st.from_type(tp)


def _for_attrs(cls: type, overrides: Mapping[str, st.SearchStrategy[Any]]) -> (
        st.SearchStrategy[Any]):
    hints = typing.get_type_hints(cls)
    names = {field.name for field in attrs.fields(cls)}
    fields = {name: overrides[name] if name in overrides else _for_type(hints[name], overrides)
              for name in names - {"start", "end"}}
    if not {"start", "end"} <= names:
        return st.builds(cls, **fields)
    if "text" in names:  # a mention: its offsets span exactly its text
        return st.tuples(st.fixed_dictionaries(fields), _OFFSET).map(
            lambda pair: cls(**pair[0], start=pair[1], end=pair[1] + len(pair[0]["text"])))
    return st.tuples(st.fixed_dictionaries(fields), _OFFSET, st.integers(0, 1000)).map(
        lambda t: cls(**t[0], start=t[1], end=t[1] + t[2]))


def events(
    event_type: type[Event] | Iterable[type[Event]],
    *,
    overrides: Mapping[str, st.SearchStrategy[Any]] | None = None,
) -> st.SearchStrategy[Event]:
    """Arbitrary events of the given attrs class(es), built field by field from the type hints.

    Mentions (trigger, actors, places, times) span exactly their text, and the
    sentence contains the trigger.

    :param overrides: strategies by field name for fields the type hints do not
        restrict enough (a plugin type's validated fields).
    """
    classes = [event_type] if isinstance(event_type, type) else list(event_type)
    merged = {**_FIELD_OVERRIDES, **(overrides or {})}

    def build(cls: type[Event]) -> st.SearchStrategy[Event]:
        hints = typing.get_type_hints(cls)
        rest = {field.name: merged[field.name] if field.name in merged
                else _for_type(hints[field.name], merged)
                for field in attrs.fields(cls) if field.name not in ("trigger", "sentence")}
        trigger = _for_attrs(Span, merged)
        around = st.tuples(st.integers(0, 500), st.integers(0, 500))
        return st.tuples(trigger, around, st.fixed_dictionaries(rest)).map(
            lambda t: cls(trigger=t[0], sentence=Sentence(start=max(0, t[0].start - t[1][0]),
                                                          end=t[0].end + t[1][1]), **t[2]))

    return st.sampled_from(classes).flatmap(build)
