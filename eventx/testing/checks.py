"""Conformance checks that every extractor, built-in or from a plugin, must pass.

:func:`check_extractor` runs them all and raises :class:`AssertionError`
naming the first failing check; :func:`parametrize_with_checks` makes one
pytest test per (extractor, check), with ids like
``eventx.meeting.v1-offsets_inside_document`` that ``-k`` selects::

    from eventx.testing import parametrize_with_checks

    @parametrize_with_checks([SanctionExtractor()], texts=["The EU imposed sanctions on X."])
    def test_conformance(extractor, check):
        check(extractor)

The checks that read extracted events run on the grammar's sentences for
the extractor's types (see :mod:`eventx.testing.strategies`) and on the
``texts`` given, under the active hypothesis settings profile.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventx.errors import PluginError
from eventx.events import Event
from eventx.extractor import VERSIONED_NAME, Extractor
from eventx.pipeline import Pipeline, readable_text
from eventx.schema import json_schema
from eventx.testing.pipeline import isolated_pipeline
from eventx.testing.strategies import BUILTIN_TEMPLATES, examples

if TYPE_CHECKING:
    import pytest

__all__ = ["CHECKS", "CONTEXT_SENTENCES", "UNRELATED_SENTENCES", "ExtractorUnderTest",
           "check_extractor", "parametrize_with_checks"]

#: Sentences that state no event and name no actor, place, time or number.
UNRELATED_SENTENCES = (
    "Markets were calm.",
    "The weather stayed mild for most of the day.",
    "Shares of several companies edged up in light trading.",
    "The report ran to several hundred pages.",
    "Rain fell over the coast overnight.",
)
#: Sentences that state no event but name actors and places that the grammar never draws, for
#: the context checks: an extractor that takes parties or places from the whole document
#: instead of the trigger's sentence gives other events when they follow.
CONTEXT_SENTENCES = (
    "Kenya declined to comment.",
    "Norway and Chile were not mentioned in the statement.",
    "Officials in Nairobi said nothing further.",
    "The Philippines was not represented.",
    "Argentina's president was travelling in Peru.",
)
#: Inputs every extractor must survive without raising.
EDGE_CASE_TEXTS = (
    "",
    " ",
    "\n\n\t  \n",
    ".",
    "a" * 20_000,
    "met talks summit tariffs troops withdraw deploy " * 300,
    "Überraschung 🙂 会谈 Сеул \u200b\u00a0 met\x00 tariffs \ud800 troops",
    "The United States met " + "Japan and " * 500 + "China.",
    "“Tariffs”, he said — «withdraw» (the troops)!?",
)

Document = tuple[str, dt.date | None]

_FUZZ_WORDS = frozenset({"the", "U.S.", "China", "in", "on", "25%", "4,500", ".", ",", "\n\n",
                         "will", "not", "and", "Japan", "officials", "said"})


def _given(*strategies: st.SearchStrategy[Any]) -> Callable[[Callable[..., None]], Any]:
    """``@given`` under the active profile, without a deadline: the first example builds the
    pipeline, and extraction time is no part of conformance."""
    checked = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

    def decorate(function: Callable[..., None]) -> Any:
        return checked(given(*strategies)(function))

    return decorate


def _as_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(values)


@attrs.frozen
class ExtractorUnderTest:
    """An extractor as the checks see it: with the plugins it needs and sample texts.

    Every check in :data:`CHECKS` is a function of one of these, so checks compose::

        from eventx.testing import ExtractorUnderTest
        from eventx.testing.checks import context_invariance, offsets_inside_document

        subject = ExtractorUnderTest(MyExtractor(), texts=("The EU imposed sanctions.",))
        offsets_inside_document(subject)
        context_invariance(subject)

    :param extractor: the extractor instance.
    :param plugins: other plugins it needs (gazetteer entries, ...).
    :param texts: sentences stating its events, needed when the grammar has no template
        for its types.
    """

    extractor: Extractor
    plugins: tuple[object, ...] = attrs.field(default=(), converter=_as_tuple)
    texts: tuple[str, ...] = attrs.field(default=(), converter=_as_tuple)

    @property
    def pipeline(self) -> Pipeline:
        """A strict isolated pipeline running this extractor alone, with the gazetteer."""
        return _pipeline(self.extractor, self.plugins)

    def extract(self, text: str, date: dt.date | None = None) -> list[Event]:
        """The events in ``text`` (the pipeline runs this extractor alone); the engine's own
        checks of extractor output fail as assertions."""
        try:
            return self.pipeline.extract(text, date=date)
        except PluginError as error:
            raise AssertionError(f"{error} (text {text[:300]!r})") from error

    def documents(self) -> st.SearchStrategy[Document]:
        """The grammar's sentences for the extractor's types, and the given texts."""
        names = {cls.event_type for cls in self.extractor.event_types}
        options: list[st.SearchStrategy[Document]] = []
        if any(t.event_type in names for t in BUILTIN_TEMPLATES):
            options.append(examples(event_types=names)
                           .filter(lambda ex: not ex.ends_with_abbreviation)
                           .map(lambda ex: (ex.text, ex.date)))
        if self.texts:
            options.append(st.sampled_from(self.texts).map(lambda text: (text, None)))
        if not options:
            raise AssertionError(
                f"no sample text for {self.extractor.name}: the grammar has no template for "
                f"{', '.join(sorted(names))}; pass texts=[...] that state such events")
        return st.one_of(options)


@functools.lru_cache(maxsize=32)
def _pipeline(extractor: Extractor, plugins: tuple[object, ...]) -> Pipeline:
    return isolated_pipeline(*plugins, extractors=[extractor], strict=True)


def _mentions(value: Any) -> Iterator[Any]:
    """Every attrs instance with character offsets inside ``value`` (itself included)."""
    if isinstance(value, tuple):
        for item in value:
            yield from _mentions(item)
    elif attrs.has(type(value)):
        fields = attrs.fields_dict(type(value))
        if "start" in fields and "end" in fields:
            yield value
        for name in fields:
            yield from _mentions(getattr(value, name))


def _shift(value: Any, delta: int) -> Any:
    """``value`` with every character offset in it moved by ``delta``."""
    if isinstance(value, tuple):
        return tuple(_shift(item, delta) for item in value)
    if not attrs.has(type(value)):
        return value
    changes = {name: _shift(getattr(value, name), delta) for name in attrs.fields_dict(type(value))}
    if "start" in changes and "end" in changes:
        changes["start"] += delta
        changes["end"] += delta
    return attrs.evolve(value, **changes)


def _where(text: str, event: Event) -> str:
    return f"in {text[:300]!r}{'...' if len(text) > 300 else ''}: {event!r}"


# -- the checks ---------------------------------------------------------------------------------

def name_is_versioned(subject: ExtractorUnderTest) -> None:
    """The extractor's name is dotted and ends in a version: ``myplugin.thing.v1``."""
    name = getattr(subject.extractor, "name", None)
    assert isinstance(name, str) and VERSIONED_NAME.match(name), (
        f"extractor name {name!r} does not end in a version like 'myplugin.thing.v1'")


def declares_registered_types(subject: ExtractorUnderTest) -> None:
    """It declares at least one event type, each an attrs Event subclass that registers."""
    declared = tuple(getattr(subject.extractor, "event_types", ()))
    assert declared, f"{subject.extractor.name} declares no event_types"
    for cls in declared:
        is_attrs_class = attrs.has(cls)
        assert isinstance(cls, type) and issubclass(cls, Event) and is_attrs_class, (
            f"{subject.extractor.name} declares {cls!r}, not an attrs subclass of eventx.Event")
        assert cls.event_type != Event.event_type, (
            f"{cls.__name__} does not set its own class-level event_type")
        registered = subject.pipeline.event_types.get(cls.event_type)
        assert registered is cls, (
            f"{cls.event_type} is registered as {registered!r}, not as {cls!r}")


def finds_events_in_examples(subject: ExtractorUnderTest) -> None:
    """It finds events in the sample sentences (otherwise the other checks prove little)."""
    found = 0

    @_given(subject.documents())
    def run(document: Document) -> None:
        nonlocal found
        found += len(subject.extract(*document))

    run()
    assert found, (f"{subject.extractor.name} found no event in any sample sentence of its "
                   "types; pass texts=[...] that state its events")


def _each_event(subject: ExtractorUnderTest, check: Callable[[str, Event], None]) -> None:
    @_given(subject.documents())
    def run(document: Document) -> None:
        for event in subject.extract(*document):
            check(document[0], event)

    run()


def emits_only_declared_types(subject: ExtractorUnderTest) -> None:
    """Every event it returns is of a type it declares."""
    declared = subject.extractor.event_types

    def check(text: str, event: Event) -> None:
        assert isinstance(event, declared), (
            f"{subject.extractor.name} emitted {type(event).__name__}, not among its declared "
            f"{[c.__name__ for c in declared]} {_where(text, event)}")

    _each_event(subject, check)


def _check_offsets(text: str, event: Event) -> None:
    for mention in _mentions(event):
        assert 0 <= mention.start <= mention.end <= len(text), (
            f"{type(mention).__name__} at {mention.start}-{mention.end} lies outside the "
            f"document of {len(text)} characters {_where(text, event)}")
        if "text" in attrs.fields_dict(type(mention)) and mention.text is not None:
            actual = readable_text(text)[mention.start:mention.end]
            assert mention.text == actual, (
                f"{type(mention).__name__} text {mention.text!r} is not the document text "
                f"{actual!r} at {mention.start}-{mention.end} {_where(text, event)}")
    assert event.trigger.start < event.trigger.end, f"empty trigger {_where(text, event)}"


def offsets_inside_document(subject: ExtractorUnderTest) -> None:
    """Trigger, sentence, actors, places and times lie inside the text and match it."""
    _each_event(subject, _check_offsets)


def events_inside_sentence(subject: ExtractorUnderTest) -> None:
    """The trigger lies in the event's sentence, which is the sentence around it."""

    @_given(subject.documents(), st.sampled_from(UNRELATED_SENTENCES),
           st.sampled_from(UNRELATED_SENTENCES))
    def run(document: Document, before: str, after: str) -> None:
        sentence, date = document
        text = f"{before} {sentence} {after}"
        start, end = len(before) + 1, len(before) + 1 + len(sentence)
        for event in subject.extract(text, date):
            assert event.sentence.start <= event.trigger.start, _where(text, event)
            assert event.trigger.end <= event.sentence.end, _where(text, event)
            if start <= event.trigger.start < end:
                assert (event.sentence.start, event.sentence.end) == (start, end), (
                    f"the sentence of the event is {event.sentence.start}-{event.sentence.end}, "
                    f"not the trigger's sentence {start}-{end} {_where(text, event)}")

    run()


def _check_enumerations(name: str, event: Event) -> None:
    for value in (event, *_mentions(event)):
        hints = typing.get_type_hints(type(value))
        for field in attrs.fields(type(value)):
            enums = [t for t in (hints[field.name], *typing.get_args(hints[field.name]))
                     if isinstance(t, type) and issubclass(t, enum.Enum)]
            member = getattr(value, field.name)
            if enums and member is not None:
                assert isinstance(member, tuple(enums)), (
                    f"{type(value).__name__}.{field.name} is {member!r}, not a member of "
                    f"{enums[0].__name__}: {event!r}")
    attrs.validate(event)
    assert 0.0 <= event.confidence <= 1.0, f"confidence {event.confidence} outside [0, 1]"
    assert event.extractor == name, (
        f"the event's extractor is {event.extractor!r}, not {name!r}: {event!r}")


def enumerations_valid(subject: ExtractorUnderTest) -> None:
    """Status and other enumerations hold members of their enums; validators pass; provenance."""
    _each_event(subject, lambda _text, event: _check_enumerations(subject.extractor.name, event))


def deterministic(subject: ExtractorUnderTest) -> None:
    """The same text gives the same events, again and in a freshly built pipeline."""
    fresh = isolated_pipeline(*subject.plugins, extractors=[subject.extractor], strict=True)

    @_given(subject.documents())
    def run(document: Document) -> None:
        first = subject.extract(*document)
        assert subject.extract(*document) == first, f"second run differs on {document[0]!r}"
        again = fresh.extract(document[0], date=document[1])
        assert again == first, f"a fresh pipeline differs on {document[0]!r}"

    run()


def survives_any_text(subject: ExtractorUnderTest) -> None:
    """No exception on empty, whitespace-only, unicode, long-token or unbroken text, on its
    own trigger words alone, or on random runs of them."""
    own = sorted(pattern_words(subject.extractor))
    triggers_alone = [text for word in own for text in (word, f"{word}.", f"{word} {word}",
                                                         word.upper(), f"\n\n{word}\n\n")]
    for text in (*EDGE_CASE_TEXTS, *triggers_alone):
        for event in subject.extract(text):
            _check_offsets(text, event)

    words = sorted(_FUZZ_WORDS | set(own))

    @_given(st.text(max_size=300) | st.lists(st.sampled_from(words)).map(" ".join))
    def run(text: str) -> None:
        for event in subject.extract(text):
            _check_offsets(text, event)

    run()


def pattern_words(extractor: Extractor) -> set[str]:
    """The words an extractor's patterns name (``LOWER``, ``ORTH``, ``TEXT``, ``LEMMA``
    values and their ``IN`` lists), for fuzzing it with its own triggers."""
    words: set[str] = set()
    for patterns in getattr(extractor, "patterns", {}).values():
        for token in (token for pattern in patterns for token in pattern):
            for key in ("LOWER", "ORTH", "TEXT", "LEMMA"):
                value = token.get(key)
                if isinstance(value, str):
                    words.add(value)
                elif isinstance(value, Mapping):
                    words.update(w for w in value.get("IN", ()) if isinstance(w, str))
    return words


def serialisation_round_trip(subject: ExtractorUnderTest) -> None:
    """Events survive to_dict, JSON and from_dict, and validate against the JSON Schema."""
    import jsonschema

    types = subject.pipeline.event_types
    validator = jsonschema.Draft202012Validator(json_schema(types.values()))

    def check(text: str, event: Event) -> None:
        data = json.loads(json.dumps(event.to_dict()))
        back = subject.pipeline.event_from_dict(data)
        assert back == event, f"round trip gave {back!r} for {event!r}"
        errors = [e.message for e in validator.iter_errors({"id": "x", "events": [data]})]
        assert not errors, f"the JSON Schema rejects {data!r}: {errors}"

    _each_event(subject, check)


def context_invariance(subject: ExtractorUnderTest) -> None:
    """A sentence's events do not change when unrelated sentences precede it and sentences
    naming other actors and places follow it (offsets shift)."""

    @_given(subject.documents(), st.lists(st.sampled_from(UNRELATED_SENTENCES), max_size=3),
           st.lists(st.sampled_from(CONTEXT_SENTENCES), min_size=1, max_size=3))
    def run(document: Document, before: Sequence[str], after: Sequence[str]) -> None:
        sentence, date = document
        prefix = "".join(f"{s} " for s in before)
        text = prefix + sentence + "".join(f" {s}" for s in after)
        alone = [_shift(e, len(prefix)) for e in subject.extract(sentence, date)]
        inside = [e for e in subject.extract(text, date)
                  if len(prefix) <= e.trigger.start < len(prefix) + len(sentence)]
        assert inside == alone, (
            f"events of {sentence!r} change in context {text!r}:\nalone (shifted): {alone!r}\n"
            f"in context: {inside!r}")

    run()


#: Every check, by the name that test ids use.
CHECKS: Mapping[str, Callable[[ExtractorUnderTest], None]] = {
    check.__name__: check for check in (
        name_is_versioned, declares_registered_types, finds_events_in_examples,
        emits_only_declared_types, offsets_inside_document, events_inside_sentence,
        enumerations_valid, deterministic, survives_any_text, serialisation_round_trip,
        context_invariance,
    )
}


def _check_names(checks: Iterable[str] | None) -> list[str]:
    names = list(CHECKS) if checks is None else list(checks)
    for name in names:
        if name not in CHECKS:
            raise KeyError(f"no check named {name!r}; the checks: {', '.join(CHECKS)}")
    return names


class _Check:
    """One check bound to its options, callable with an extractor (what tests receive)."""

    def __init__(self, name: str, plugins: Iterable[object], texts: Iterable[str]) -> None:
        self.name = name
        self.plugins = tuple(plugins)
        self.texts = tuple(texts)

    def __call__(self, extractor: Extractor) -> None:
        try:
            CHECKS[self.name](ExtractorUnderTest(extractor, self.plugins, self.texts))
        except AssertionError as error:
            raise AssertionError(f"{getattr(extractor, 'name', extractor)!r} fails check "
                                 f"{self.name}: {error}") from error

    def __repr__(self) -> str:
        return self.name


def check_extractor(
    extractor: Extractor, *, plugins: Iterable[object] = (), texts: Iterable[str] = (),
    checks: Iterable[str] | None = None,
) -> None:
    """Run the conformance checks on ``extractor``, in the order of :data:`CHECKS`.

    :param extractor: the extractor instance; it is registered, with its declared
        types, in an isolated pipeline with the built-in gazetteer.
    :param plugins: other plugins it needs (gazetteer entries, ...), not the one
        that registers ``extractor`` itself.
    :param texts: sentences stating its events, needed when the grammar has no
        template for its types.
    :param checks: the names of the checks to run; all when None.
    :raises AssertionError: naming the extractor and the first failing check.
    :raises KeyError: for an unknown check name.
    """
    for name in _check_names(checks):
        _Check(name, plugins, texts)(extractor)


def parametrize_with_checks(
    extractors: Iterable[Extractor], *, plugins: Iterable[object] = (),
    texts: Iterable[str] = (), checks: Iterable[str] | None = None,
    xfail: Mapping[str, str] | None = None,
) -> pytest.MarkDecorator:
    """A ``pytest.mark.parametrize`` of ``(extractor, check)``, one test per pair.

    Test ids are ``<extractor name>-<check name>``. Options as for :func:`check_extractor`.

    :param checks: the names of the checks to parametrize with; all when None.
    :param xfail: check name (or ``<extractor name>-<check name>``) -> the reason it is
        known to fail; those tests are marked ``xfail(strict=True)``, so that they report
        when the extractor is fixed.
    :raises KeyError: for an unknown check name.
    """
    import pytest

    names = _check_names(checks)
    known = dict(xfail or {})
    for key in known:
        if key.rsplit("-", 1)[-1] not in CHECKS:
            raise KeyError(f"xfail names no check: {key!r}; the checks: {', '.join(CHECKS)}")
    params = []
    for extractor in extractors:
        for name in names:
            test_id = f"{extractor.name}-{name}"
            reason = known.get(test_id, known.get(name))
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            params.append(pytest.param(extractor, _Check(name, plugins, texts), marks=marks,
                                       id=test_id))
    return pytest.mark.parametrize(("extractor", "check"), params)
