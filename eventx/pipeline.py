"""The Pipeline: text in, typed events out, for one document or a stream of many.

By default it runs on a blank English spaCy pipeline (no model download);
pass any spaCy ``Language`` (or the name of an installed one) to use its
tokenizer, parser and entities as well.

A document longer than the chunk size (by default the spaCy pipeline's
``max_length``) is processed chunk by chunk, split at paragraph or sentence
boundaries, so that memory stays bounded; the events' offsets still point into
the whole text, and relative dates resolve against the document's date (or its
dateline). ``eventx_process_events`` hooks then see one chunk's Doc at a time.
Lone surrogates, which no encoder accepts, are read as U+FFFD (offsets are
unchanged). A run of more than 100 characters without a space, with punctuation in it, is
tokenized in pieces
(:mod:`eventx.long_runs`), since spaCy's tokenizer is slow on long runs of punctuation.
"""

from __future__ import annotations

import concurrent.futures
import copy
import datetime as dt
import functools
import logging
import multiprocessing
import os
import re
import signal
import threading
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Mapping, Sized
from typing import Any, NamedTuple

import attrs
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventx.analysis.times import dateline_date
from eventx.engine import Engine, shift_offsets
from eventx.errors import InputError
from eventx.events import Event, event_from_dict, with_ids
from eventx.long_runs import for_tokenizer
from eventx.plugins import PluginSet
from eventx.scoring.scorer import DEFAULT as DEFAULT_SCORER
from eventx.scoring.scorer import Scorer

log = logging.getLogger(__name__)


def parse_date(value: str | dt.date | None, *, where: str = "date") -> dt.date | None:
    """A publication date from an ISO 8601 string (``2025-07-11``, time part ignored) or a date.

    :raises InputError: when the value is not a valid ISO date.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise InputError(f"{where}: expected an ISO date like 2025-07-11, got {value!r}")
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise InputError(f"{where}: {value!r} is not an ISO date like 2025-07-11") from None


#: The fields of an input document that are not metadata.
DOCUMENT_FIELDS = frozenset({"id", "text", "date"})


@attrs.frozen
class Document:
    """One document to process: its id, text, (optional) publication date and metadata.

    ``meta`` holds the document's other fields (title, url, source, ...); they pass through
    to its :class:`Result` and the output unchanged.
    """

    id: str
    text: str
    date: dt.date | None = None
    meta: Mapping[str, Any] = attrs.field(factory=dict, eq=False)

    @classmethod
    def coerce(cls, value: Document | str | Mapping[str, Any], index: int) -> Document:
        """Accept a Document, a plain string (id = its position) or a ``{"id","text","date"}`` dict
        (whose other keys become ``meta``).

        :raises InputError: when ``text`` is missing or not a string, or ``date`` is invalid.
        """
        if isinstance(value, Document):
            return value
        if isinstance(value, str):
            return cls(id=str(index), text=value)
        if isinstance(value, Mapping):
            text = value.get("text")
            doc_id = value.get("id", index)
            if not isinstance(text, str):
                raise InputError(f"document {doc_id}: 'text' must be a string, got "
                                 f"{type(text).__name__}")
            return cls(id=str(doc_id), text=text,
                       date=parse_date(value.get("date"), where=f"document {doc_id}"),
                       meta=metadata(value))
        raise InputError(f"document {index}: expected a string, a mapping or a Document, got "
                         f"{type(value).__name__}")


def metadata(data: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of an input document other than ``id``, ``text`` and ``date``."""
    return {key: value for key, value in data.items() if key not in DOCUMENT_FIELDS}


#: The metadata of a result without any: one shared empty mapping, typed read-only (unlike
#: a ``MappingProxyType``, it pickles, so results cross process boundaries).
_NO_META: Mapping[str, Any] = {}


class Result(NamedTuple):
    """The events of one document, with its publication date (given or from its dateline)
    and its metadata."""

    id: str
    events: list[Event]
    date: dt.date | None = None
    meta: Mapping[str, Any] = _NO_META

    def to_dict(self) -> dict[str, Any]:
        """The SCHEMA.md output shape: ``{"id", "date", "meta", "events"}``; ``date`` only
        when known and ``meta`` only when the document has metadata."""
        data: dict[str, Any] = {"id": self.id}
        if self.date is not None:
            data["date"] = self.date.isoformat()
        if self.meta:
            data["meta"] = dict(self.meta)
        data["events"] = [event.to_dict() for event in self.events]
        return data


def blank_english() -> Language:
    """A blank English pipeline whose tokenizer also splits "U.S.-ROK" at the hyphen."""
    nlp = spacy.blank("en")
    infixes = [*(nlp.Defaults.infixes or ()), r"(?<=[A-Za-z]\.)-(?=[A-Za-z])"]
    tokenizer: Any = nlp.tokenizer  # a spacy.tokenizer.Tokenizer, which has no type stubs
    tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    return nlp


class Pipeline:
    """Extract events from documents with a spaCy pipeline and the loaded plugins.

    :param nlp: a spaCy ``Language``, the name of an installed pipeline, or None for blank English.
    :param plugins: extra plugin objects to register, besides built-ins and entry points.
    :param builtins: load the built-in extractors and gazetteer.
    :param entry_points: load plugins installed under the ``eventx`` entry-point group.
    :param allow: load only the plugins with these names.
    :param block: never load the plugins with these names.
    :param strict: raise :class:`~eventx.PluginError` when a plugin fails to load or an
        extractor fails.
    :param timeout: seconds each extractor may spend on one document (POSIX, main thread
        only; see :mod:`eventx.engine`); one that runs longer loses its events for it.
    :param chunk_size: documents longer than this many characters are processed in chunks
        of at most this size; default and maximum: the spaCy pipeline's ``max_length``.
    :param scorer: the trained scorer that gives each candidate its confidence and status
        (see :mod:`eventx.scoring`): a :class:`~eventx.scoring.Scorer`, the directory
        ``eventx train`` wrote, ``"default"`` for the one shipped with eventx, or None for
        the rules alone (every confidence 1.0).
    :param min_confidence: events with a lower confidence are not reported; None: the
        scorer's own threshold (0 without a scorer).
    """

    def __init__(
        self,
        nlp: Language | str | None = None,
        *,
        plugins: Iterable[object] = (),
        builtins: bool = True,
        entry_points: bool = True,
        allow: Iterable[str] | None = None,
        block: Iterable[str] = (),
        strict: bool = False,
        timeout: float | None = None,
        chunk_size: int | None = None,
        scorer: Scorer | str | os.PathLike[str] | None = DEFAULT_SCORER,
        min_confidence: float | None = None,
    ) -> None:
        if chunk_size is not None and chunk_size < 1:
            raise ValueError(f"chunk_size must be at least 1, got {chunk_size}")
        if nlp is None:
            nlp = blank_english()
        elif isinstance(nlp, str):
            nlp = spacy.load(nlp)
        self.nlp: Language = nlp
        self.plugins = PluginSet(plugins, builtins=builtins, entry_points=entry_points,
                                 allow=allow, block=block, strict=strict)
        self.engine = Engine(self.nlp, self.plugins, strict=strict, timeout=timeout,
                             scorer=_load(scorer), min_confidence=min_confidence)
        self._chunk_size = chunk_size

    def with_scorer(self, scorer: Scorer | str | os.PathLike[str] | None, *,
                    min_confidence: float | None = None) -> Pipeline:
        """A pipeline like this one (same spaCy pipeline and plugins) with another scorer
        and cutoff; see the parameters of the same names."""
        other = copy.copy(self)
        other.engine = Engine(self.nlp, self.plugins, strict=self.engine.strict,
                              timeout=self.engine.timeout, scorer=_load(scorer),
                              min_confidence=min_confidence)
        return other

    @property
    def chunk_size(self) -> int:
        """The length above which a document is processed in chunks."""
        return min(self._chunk_size or self.nlp.max_length, self.nlp.max_length)

    @property
    def event_types(self) -> dict[str, type[Event]]:
        """The registered event types by name."""
        return dict(self.plugins.event_types)

    def event_from_dict(self, data: Mapping[str, Any]) -> Event:
        """Build an event of any registered type from its SCHEMA.md dict."""
        return event_from_dict(data, self.plugins.event_types)

    def extract(
        self, text: str, *, date: str | dt.date | None = None, doc_id: str | None = None
    ) -> list[Event]:
        """The events of one text, in document order.

        :param date: the publication date, against which relative times resolve.
        :raises InputError: when ``text`` is not a string or ``date`` is invalid.
        """
        if not isinstance(text, str):
            raise InputError(f"expected text as a string, got {type(text).__name__}")
        text = readable_text(text)
        if len(text) > self.chunk_size:
            return self._extract_chunked(text, parse_date(date), doc_id)
        return self.process(self._doc(text), date=parse_date(date), doc_id=doc_id)

    __call__ = extract

    def process(
        self, doc: Doc, *, date: dt.date | None = None, doc_id: str | None = None
    ) -> list[Event]:
        """The events of a Doc that this pipeline's ``nlp`` already processed."""
        return self.engine(doc, date=date, doc_id=doc_id)

    def pipe(
        self,
        documents: Iterable[Document | str | Mapping[str, Any]],
        *,
        batch_size: int = 64,
        n_process: int = 1,
        progress: bool = False,
    ) -> Iterator[Result]:
        """Stream a :class:`Result` per document, in input order, holding only a few batches.

        :param documents: strings, ``{"id","text","date"}`` mappings or :class:`Document` objects.
        :param batch_size: documents per spaCy batch (and per worker task).
        :param n_process: worker processes; 1 runs in this process.
        :param progress: show a progress bar (tqdm) on standard error, with the number of
            documents when ``documents`` has a length.
        :raises InputError: on a malformed document; validate upstream (as the command
            line's reader does) to skip bad ones instead.
        """
        if batch_size < 1 or n_process < 1:
            raise ValueError("batch_size and n_process must be at least 1")
        docs = (Document.coerce(d, i) for i, d in enumerate(documents))
        results = (self._pipe_here(docs, batch_size) if n_process == 1
                   else self._pipe_processes(docs, batch_size, n_process))
        if progress:
            from tqdm import tqdm

            total = len(documents) if isinstance(documents, Sized) else None
            results = tqdm(results, total=total, unit="doc", desc="eventx")
        yield from results

    def _doc(self, text: str) -> Doc:
        return self.nlp(for_tokenizer(self.nlp, text))

    def _extract_chunked(self, text: str, date: dt.date | None, doc_id: str | None) -> list[Event]:
        if date is None:
            date = dateline_date(text)
        events: list[Event] = []
        failures = self.engine.failures
        before = Counter(failures)
        for start, end in chunk_bounds(text, self.chunk_size):
            found = self.process(self._doc(text[start:end]), date=date, doc_id=doc_id)
            # the ids of the offsets in the whole text
            events.extend(with_ids([shift_offsets(event, start) for event in found], doc_id))
        for plugin in failures:  # a failure counts once per document, not once per chunk
            failures[plugin] = min(failures[plugin], before[plugin] + 1)
        return events

    def _pipe_here(self, docs: Iterable[Document], batch_size: int) -> Iterator[Result]:
        limit = self.chunk_size
        for batch in _batched(docs, batch_size):
            texts = [readable_text(document.text) for document in batch]
            spacy_docs = self.nlp.pipe(
                (for_tokenizer(self.nlp, t) for t in texts if len(t) <= limit),
                batch_size=batch_size)
            for document, text in zip(batch, texts, strict=True):
                date = document.date or dateline_date(text)
                if len(text) > limit:
                    events = self._extract_chunked(text, date, document.id)
                else:
                    events = self.process(next(spacy_docs), date=date, doc_id=document.id)
                yield Result(document.id, events, date, document.meta)

    def _pipe_processes(
        self, docs: Iterable[Document], batch_size: int, n_process: int
    ) -> Iterator[Result]:
        context = multiprocessing.get_context("fork")
        with concurrent.futures.ProcessPoolExecutor(
            n_process, mp_context=context, initializer=_init_worker,
            initargs=(self, os.getpid())
        ) as pool:
            pending: deque[concurrent.futures.Future[tuple[list[Result], Counter[str]]]]
            pending = deque()
            try:
                try:
                    for batch in _batched(docs, batch_size):
                        pending.append(pool.submit(_work, batch))
                        if len(pending) >= 2 * n_process:
                            yield from self._collect(pending.popleft())
                except Exception:  # the source failed: what was read before still comes out
                    while pending:
                        yield from self._collect(pending.popleft())
                    raise
                while pending:
                    yield from self._collect(pending.popleft())
            finally:  # the caller stopped early or failed: do not wait for unneeded batches
                for future in pending:
                    future.cancel()

    def _collect(
        self, future: concurrent.futures.Future[tuple[list[Result], Counter[str]]]
    ) -> list[Result]:
        results, failures = future.result()
        self.engine.failures.update(failures)
        return results


def _load(scorer: Scorer | str | os.PathLike[str] | None) -> Scorer | None:
    return scorer if scorer is None or isinstance(scorer, Scorer) else Scorer.load(scorer)


def _batched(items: Iterable[Document], size: int) -> Iterator[tuple[Document, ...]]:
    """Batches of ``size`` documents. When the source raises, the documents read before the
    error come first, as a batch of their own, and the error is raised on the next request."""
    iterator = iter(items)
    while True:
        batch: list[Document] = []
        try:
            while len(batch) < size:
                batch.append(next(iterator))
        except StopIteration:
            if batch:
                yield tuple(batch)
            return
        except Exception as error:
            if batch:
                yield tuple(batch)
            raise error
        yield tuple(batch)


_worker_pipeline: Pipeline | None = None


def _init_worker(pipeline: Pipeline, parent: int) -> None:
    """Keep the pipeline; let SIGTERM end the worker, leave Ctrl-C to the parent, and end
    the worker when the parent is gone (killed with SIGKILL, say)."""
    global _worker_pipeline
    _worker_pipeline = pipeline
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _work(batch: tuple[Document, ...]) -> tuple[list[Result], Counter[str]]:
    assert _worker_pipeline is not None
    failures = _worker_pipeline.engine.failures
    failures.clear()
    return list(_worker_pipeline._pipe_here(batch, len(batch))), Counter(failures)


_SURROGATE = re.compile("[\ud800-\udfff]")
_PARAGRAPH_BREAK = re.compile(r"(?:\r\n?|\n)[^\S\r\n]*(?:\r\n?|\n)\s*")
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]\u00bb]*\s+")
_WHITESPACE = re.compile(r"\s+")


def readable_text(text: str) -> str:
    """``text`` as the pipeline reads it: a plain ``str`` (not a subclass such as
    ``numpy.str_``, which spaCy rejects), with lone surrogates (which spaCy cannot hash)
    replaced by U+FFFD, offsets unchanged; the texts inside events are cut from it."""
    text = str.__str__(text)
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def chunk_bounds(text: str, size: int) -> Iterator[tuple[int, int]]:
    """Split ``text`` into consecutive ``(start, end)`` ranges of at most ``size`` characters.

    Each cut falls, in order of preference, after the last paragraph break, the last
    sentence end, or the last whitespace in the second half of the range; only a text
    without any of these is cut at exactly ``size`` characters.
    """
    start = 0
    while len(text) - start > size:
        stop = start + size
        floor = start + max(size // 2, 1)
        end = stop
        for boundary in (_PARAGRAPH_BREAK, _SENTENCE_END, _WHITESPACE):
            last = deque(boundary.finditer(text, floor, stop), maxlen=1)
            if last:
                end = last[0].end()
                break
        yield start, end
        start = end
    yield start, len(text)


@functools.lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """The pipeline :func:`extract` uses: blank English, built-ins and installed plugins.

    Built on first use and kept, so that repeated calls to :func:`extract` are cheap.
    """
    return Pipeline()


def extract(
    text: str, *, date: str | dt.date | None = None, doc_id: str | None = None
) -> list[Event]:
    """The events of one text, with the default pipeline.

    :param text: the document text.
    :param date: the publication date (ISO string or ``datetime.date``).
    :param doc_id: an id for messages.
    """
    return default_pipeline().extract(text, date=date, doc_id=doc_id)
