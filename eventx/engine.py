"""The extraction engine: one matcher pass for every extractor's triggers, then the extractors.

An extractor that raises, runs past the time limit, or returns an event that
is not of a type it declares or whose offsets do not point into the document
loses only its own events for that document: the failure is logged once per
plugin (with the document id) and counted in :attr:`Engine.failures`, and the
other extractors' events stand. In strict mode the failure raises
:class:`~eventx.PluginError` instead. Each ``eventx_process_events`` hook runs under
the same time limit; one that runs past it loses only its own change.

The time limit uses ``SIGALRM``, so it applies only on POSIX systems and in
the main thread of a process (worker processes of ``Pipeline.pipe`` included);
elsewhere it is not enforced and a warning says so once. It interrupts Python
code; a C extension that never returns to the interpreter (a catastrophic
regular expression, say) cannot be interrupted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import signal
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import FrameType
from typing import TYPE_CHECKING, Any

import attrs
import numpy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans

from eventx.analysis.document import AnalysisResources, DocumentAnalysis
from eventx.analysis.positions import sentence_index
from eventx.analysis.sentences import set_sentence_starts
from eventx.analysis.times import dateline_date
from eventx.errors import PluginError
from eventx.events import Event, event_id
from eventx.extractor import Extractor
from eventx.lang import using
from eventx.plugins import PluginSet

if TYPE_CHECKING:
    from eventx.scoring.scorer import Scorer

log = logging.getLogger(__name__)

#: Where ``eventx_process_events`` hooks find the document's publication date (or None):
#: ``doc.user_data[DATE_KEY]``.
DATE_KEY = "eventx.date"


def _finish(events: Iterable[Event], text: str, doc_id: str | None) -> list[Event]:
    """The events with their ids and the texts of their sentences, cut from the document
    ``text`` (again after the hooks, which may add or change events); an event that has
    both right already is kept as it is."""
    done = []
    for event in events:
        sentence = event.sentence
        sentence_text = text[sentence.start:sentence.end]
        new_id = event_id(doc_id, event.event_type, event.trigger)
        if sentence.text != sentence_text:
            event = attrs.evolve(event, id=new_id,
                                 sentence=attrs.evolve(sentence, text=sentence_text))
        elif event.id != new_id:
            event = attrs.evolve(event, id=new_id)
        done.append(event)
    return done


def _is_stretch(value: object) -> bool:
    return not isinstance(value, Event) and all(
        type(getattr(value, name, None)) is int for name in ("start", "end")
    )


def map_stretches(value: Any, function: Callable[[Any], Any]) -> Any:
    """``value`` rebuilt with ``function`` applied to every stretch of text inside it.

    A stretch is an attrs object with integer ``start`` and ``end`` offsets
    (:class:`~eventx.Span`, :class:`~eventx.Sentence`, :class:`~eventx.TimeExpr`,
    :class:`~eventx.Place`, :class:`~eventx.Actor`, or a plugin's own class of that
    shape). The walk enters attrs objects, tuples and lists; unchanged parts are
    kept as they are (the very same objects).
    """
    if attrs.has(type(value)):
        if _is_stretch(value):
            return function(value)
        changes = {}
        for field in attrs.fields(type(value)):
            if field.init:
                old = getattr(value, field.name)
                new = map_stretches(old, function)
                if new is not old:
                    changes[field.alias] = new
        return attrs.evolve(value, **changes) if changes else value
    if type(value) in (tuple, list):
        items = [map_stretches(item, function) for item in value]
        if any(new is not old for new, old in zip(items, value, strict=True)):
            return type(value)(items)
    return value


def shift_offsets(event: Event, offset: int) -> Event:
    """``event`` with every offset inside it moved by ``offset`` characters."""
    if offset == 0:
        return event
    shifted: Event = map_stretches(
        event, lambda s: attrs.evolve(s, start=s.start + offset, end=s.end + offset)
    )
    return shifted


#: The longest time limit, in seconds (a day); ``setitimer`` overflows on far larger ones.
MAX_TIMEOUT = 86_400.0


class _TimeLimitExceeded(BaseException):
    """Raised inside an extractor that runs too long. A BaseException, so that an
    extractor's own ``except Exception`` does not swallow it."""


def _can_time_limit() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`_TimeLimitExceeded` in the block after ``seconds``.

    An alarm of the host program that is due first is left alone (the limit is then not
    enforced); one due later is set again, less the time spent, when the block ends.
    """
    pending, interval = signal.getitimer(signal.ITIMER_REAL)
    if pending and pending <= seconds:
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise _TimeLimitExceeded

    previous = signal.signal(signal.SIGALRM, expire)
    started = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            signal.signal(signal.SIGALRM, previous)
            if pending:
                left = max(pending - (time.monotonic() - started), 1e-6)
                signal.setitimer(signal.ITIMER_REAL, left, interval)


def _anchors(
    nlp: Language, patterns: Iterable[Sequence[Mapping[str, Any]]]
) -> tuple[numpy.ndarray[Any, numpy.dtype[numpy.uint64]],
           numpy.ndarray[Any, numpy.dtype[numpy.int64]]] | None:
    """The sorted lower-case ids of every word a pattern can start with, and for each the
    length of the longest pattern that starts with it; None when some pattern does not start
    with a fixed ``LOWER`` word or set of words, or has a repeating token (``*``, ``+``), so
    that only a whole-document pass is safe."""
    longest: dict[int, int] = {}
    for pattern in patterns:
        first = pattern[0] if pattern else {}
        value = first.get("LOWER")
        if set(first) != {"LOWER"} or any(t.get("OP", "!") not in ("!", "?") for t in pattern):
            return None  # the first token has an operator or another key, or a token repeats
        if isinstance(value, str):
            words = [value]
        elif isinstance(value, Mapping) and set(value) == {"IN"}:
            words = list(value["IN"])
        else:
            return None
        for word in words:
            key = nlp.vocab.strings.add(word)
            longest[key] = max(longest.get(key, 0), len(pattern))
    if not longest:
        return None
    keys = sorted(longest)
    return (numpy.array(keys, dtype="uint64"),
            numpy.array([longest[key] for key in keys], dtype="int64"))


class Engine:
    """Runs the extractors of a plugin set over processed spaCy Docs.

    :param nlp: the pipeline the Docs come from (its vocab and tokenizer build the patterns).
    :param plugins: the loaded plugins.
    :param strict: raise on a failing extractor instead of reporting it and carrying on.
    :param timeout: seconds each extractor may spend on one document, or None for no limit.
    :param scorer: gives the candidates their confidence and status; None keeps the rules'.
    :param min_confidence: events below it are not reported; None: the scorer's threshold.
    """

    def __init__(
        self, nlp: Language, plugins: PluginSet, *, strict: bool = False,
        timeout: float | None = None, scorer: Scorer | None = None,
        min_confidence: float | None = None,
    ) -> None:
        if timeout is not None and not 0 < timeout <= MAX_TIMEOUT:
            raise ValueError(f"timeout must be above 0 and at most {MAX_TIMEOUT:g} seconds, "
                             f"got {timeout!r}")
        if min_confidence is not None and not 0.0 <= min_confidence <= 1.0:
            raise ValueError(f"min_confidence must be in [0, 1], got {min_confidence!r}")
        self.scorer = scorer
        self._min_confidence = min_confidence
        self.plugins = plugins
        self.strict = strict
        self.timeout = timeout
        self.resources = AnalysisResources(nlp, plugins.gazetteer_entries())
        #: The words the analyses and extractors read while this engine extracts.
        self.language = plugins.language
        self._matcher = Matcher(nlp.vocab)
        self._owners: dict[str, tuple[str, Extractor]] = {}
        with using(self.language):  # patterns built from language data take the plugins' words
            patterns = [(plugin, extractor, dict(extractor.patterns))
                        for plugin, extractor in plugins.extractors]
        for plugin, extractor, labelled in patterns:
            for label, token_patterns in labelled.items():
                key = f"{extractor.name}/{label}"
                self._matcher.add(key, [list(p) for p in token_patterns])
                self._owners[key] = (plugin, extractor)
        self._anchors = _anchors(nlp, [p for _, _, labelled in patterns
                                       for ps in labelled.values() for p in ps])
        #: How many documents each plugin's extractors failed on (non-strict mode).
        self.failures: Counter[str] = Counter()
        self._reported: set[str] = set()
        self._warned_no_limit = False

    def triggers(self, doc: Doc) -> dict[str, list[SpacySpan]]:
        """The matched triggers of ``doc`` by extractor name: longest first, no overlaps."""
        by_extractor: dict[str, list[SpacySpan]] = defaultdict(list)
        for key, start, end in self._matches(doc):
            label = doc.vocab.strings[key]
            by_extractor[self._owners[label][1].name].append(
                SpacySpan(doc, start, end, label=label.split("/", 1)[1])
            )
        return {name: sorted(filter_spans(spans), key=lambda s: s.start)
                for name, spans in by_extractor.items()}

    def _matches(self, doc: Doc) -> Iterator[tuple[int, int, int]]:
        """The matcher's matches, found only in windows that start at a possible first token
        of some pattern, when every pattern has such a fixed first token."""
        if not len(self._matcher):
            return  # no extractor is loaded
        if self._anchors is None:
            yield from self._matcher(doc)
            return
        words, longest = self._anchors
        lowers = doc.to_array("LOWER")
        where = numpy.minimum(numpy.searchsorted(words, lowers), len(words) - 1)
        found = numpy.flatnonzero(words[where] == lowers)
        start = end = 0
        for i, reach in zip(found.tolist(), longest[where[found]].tolist(), strict=True):
            if i > end:
                yield from self._window(doc, start, end)
                start = end = i
            end = max(end, min(len(doc), i + reach))
        yield from self._window(doc, start, end)

    def _window(self, doc: Doc, start: int, end: int) -> Iterator[tuple[int, int, int]]:
        if start < end:
            for key, match_start, match_end in self._matcher(doc[start:end]):
                yield key, start + match_start, start + match_end

    def __call__(
        self, doc: Doc, *, date: dt.date | None = None, doc_id: str | None = None
    ) -> list[Event]:
        """The events of one processed Doc, in document order, each with its id: the
        extractors' candidates, scored and cut at ``min_confidence`` (see
        :mod:`eventx.scoring`), then passed through the ``eventx_process_events`` hooks."""
        text = doc.text  # spaCy joins the tokens' texts on every call: once per document
        if date is None:
            date = dateline_date(text)
        doc.user_data[DATE_KEY] = date
        def on_error(plugin: str, error: Exception) -> None:
            self._fail(plugin, "its eventx_process_events hook", doc_id,
                       f"{type(error).__name__}: {error}", error)

        set_sentence_starts(doc)
        with sentence_index(doc), using(self.language):
            events = self._candidates(doc, date, doc_id, text)
            if events and self.scorer is not None:
                events = self.scorer.score(doc, events)
            if self.min_confidence > 0:
                events = [event for event in events if event.confidence >= self.min_confidence]
            events = _finish(events, text, doc_id)  # the hooks see ids and sentence texts
            return _finish(
                self.plugins.process_events(doc, events, on_error, self._hook_limit), text, doc_id)

    @property
    def min_confidence(self) -> float:
        """The least confidence of a reported event: the one given, else the scorer's
        threshold, else 0."""
        if self._min_confidence is not None:
            return self._min_confidence
        return self.scorer.threshold if self.scorer is not None else 0.0

    def extract(
        self, doc: Doc, *, date: dt.date | None = None, doc_id: str | None = None
    ) -> list[Event]:
        """The extractors' candidate events of one processed Doc, in document order,
        before scoring and hooks."""
        set_sentence_starts(doc)
        with sentence_index(doc), using(self.language):
            return self._candidates(doc, date, doc_id, None)

    def _candidates(self, doc: Doc, date: dt.date | None, doc_id: str | None,
                    text: str | None) -> list[Event]:
        """:meth:`extract` on a Doc with sentence starts, an installed sentence index and the
        plugins' language data in use."""
        triggers = self.triggers(doc)
        if not triggers:
            return []
        events: list[Event] = []
        analysis = DocumentAnalysis(doc, self.resources, date=date, doc_id=doc_id, text=text)
        for plugin, extractor in self.plugins.extractors:
            spans = triggers.get(extractor.name)
            if spans:
                events.extend(self._run(plugin, extractor, spans, analysis))
        events.sort(key=lambda e: (e.trigger.start, e.trigger.end, e.event_type))
        return events

    def _limit(self) -> contextlib.AbstractContextManager[None]:
        if self.timeout is None:
            return contextlib.nullcontext()
        if _can_time_limit():
            return _time_limit(self.timeout)
        if not self._warned_no_limit:
            self._warned_no_limit = True
            log.warning("the extractor time limit needs SIGALRM and the main thread; "
                        "running without it")
        return contextlib.nullcontext()

    @contextlib.contextmanager
    def _hook_limit(self) -> Iterator[None]:
        """The time limit for one ``eventx_process_events`` hook, expiring as an ordinary
        exception, so that only that hook's change is lost."""
        try:
            with self._limit():
                yield
        except _TimeLimitExceeded:
            raise TimeoutError(f"took longer than the time limit of {self.timeout:g} s"
                               ) from None

    def _run(
        self, plugin: str, extractor: Extractor, spans: Iterable[SpacySpan],
        analysis: DocumentAnalysis,
    ) -> list[Event]:
        found: list[Event] = []
        try:
            with self._limit():
                for span in spans:
                    for event in extractor.extract(span, analysis):
                        self._check(extractor, event, analysis.text)
                        found.append(event)
        except _TimeLimitExceeded:
            self._fail(plugin, f"extractor {extractor.name}", analysis.doc_id,
                       f"took longer than the time limit of {self.timeout:g} s", None)
            return []
        except Exception as error:
            self._fail(plugin, f"extractor {extractor.name}", analysis.doc_id,
                       f"{type(error).__name__}: {error}", error)
            return []
        return found

    def _fail(self, plugin: str, what: str, doc_id: str | None, reason: str,
              error: Exception | None) -> None:
        message = (f"{what} of plugin {plugin!r} failed on document "
                   f"{doc_id or '<unnamed>'}: {reason}")
        if self.strict:
            raise PluginError(message, plugin=plugin) from error
        self.failures[plugin] += 1
        if plugin not in self._reported:
            self._reported.add(plugin)
            log.warning("%s (what it gave for this document is dropped; further failures "
                        "of this plugin are logged at debug level)", message)
        else:
            log.debug(message)

    @staticmethod
    def _check(extractor: Extractor, event: Event, text: str) -> None:
        if not isinstance(event, extractor.event_types):
            raise PluginError(f"returned {type(event).__name__}, which it does not declare")
        trigger = event.trigger
        if not 0 <= trigger.start < trigger.end <= len(text):
            raise PluginError(f"returned a trigger at {trigger.start}-{trigger.end}, outside "
                              f"the document of {len(text)} characters")

        def check(stretch: Any) -> Any:
            name, start, end = type(stretch).__name__, stretch.start, stretch.end
            if not 0 <= start <= end <= len(text):
                raise PluginError(f"returned a {name} at {start}-{end}, outside the document "
                                  f"of {len(text)} characters")
            quoted = getattr(stretch, "text", None)
            if isinstance(quoted, str) and text[start:end] != quoted:
                raise PluginError(f"returned a {name} with text {quoted!r} that is not the "
                                  f"text at {start}-{end}")
            return stretch

        map_stretches(event, check)
