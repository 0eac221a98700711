"""The Pipeline: text in, typed events out, for one document or a stream of many.

By default it runs on a blank English spaCy pipeline (no model download);
pass any spaCy ``Language`` (or the name of an installed one) to use its
tokenizer, parser and entities as well.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import functools
import itertools
import logging
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

import attrs
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventx.engine import Engine
from eventx.errors import InputError
from eventx.events import Event, event_from_dict
from eventx.plugins import PluginSet

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


@attrs.frozen
class Document:
    """One document to process: its id, text and (optional) publication date."""

    id: str
    text: str
    date: dt.date | None = None

    @classmethod
    def coerce(cls, value: Document | str | Mapping[str, Any], index: int) -> Document:
        """Accept a Document, a plain string (id = its position) or a ``{"id","text","date"}`` dict.

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
                       date=parse_date(value.get("date"), where=f"document {doc_id}"))
        raise InputError(f"document {index}: expected a string, a mapping or a Document, got "
                         f"{type(value).__name__}")


class Result(NamedTuple):
    """The events of one document."""

    id: str
    events: list[Event]

    def to_dict(self) -> dict[str, Any]:
        """The SCHEMA.md output shape: ``{"id": ..., "events": [...]}``."""
        return {"id": self.id, "events": [event.to_dict() for event in self.events]}


def blank_english() -> Language:
    """A blank English pipeline whose tokenizer also splits "U.S.-ROK" at the hyphen."""
    nlp = spacy.blank("en")
    infixes = [*nlp.Defaults.infixes, r"(?<=[A-Za-z]\.)-(?=[A-Za-z])"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    return nlp


class Pipeline:
    """Extract events from documents with a spaCy pipeline and the loaded plugins.

    :param nlp: a spaCy ``Language``, the name of an installed pipeline, or None for blank English.
    :param plugins: extra plugin objects to register, besides built-ins and entry points.
    :param builtins: load the built-in extractors and gazetteer.
    :param entry_points: load plugins installed under the ``eventx`` entry-point group.
    :param allow: load only the plugins with these names.
    :param block: never load the plugins with these names.
    :param strict: raise :class:`~eventx.PluginError` when an extractor fails.
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
    ) -> None:
        if nlp is None:
            nlp = blank_english()
        elif isinstance(nlp, str):
            nlp = spacy.load(nlp)
        self.nlp: Language = nlp
        self.plugins = PluginSet(plugins, builtins=builtins, entry_points=entry_points,
                                 allow=allow, block=block)
        self.engine = Engine(self.nlp, self.plugins, strict=strict)

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
        :raises InputError: when ``text`` is not a string, is longer than the spaCy
            pipeline's ``max_length`` or ``date`` is invalid.
        """
        if not isinstance(text, str):
            raise InputError(f"expected text as a string, got {type(text).__name__}")
        self._check_length(text, doc_id)
        return self.process(self.nlp(text), date=parse_date(date), doc_id=doc_id)

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
    ) -> Iterator[Result]:
        """Stream a :class:`Result` per document, in input order, holding only a few batches.

        :param documents: strings, ``{"id","text","date"}`` mappings or :class:`Document` objects.
        :param batch_size: documents per spaCy batch (and per worker task).
        :param n_process: worker processes; 1 runs in this process.
        :raises InputError: on a malformed document; use :func:`iter_documents` style
            validation upstream to skip bad ones instead.
        """
        if batch_size < 1 or n_process < 1:
            raise ValueError("batch_size and n_process must be at least 1")
        docs = (Document.coerce(d, i) for i, d in enumerate(documents))
        if n_process == 1:
            yield from self._pipe_here(docs, batch_size)
        else:
            yield from self._pipe_processes(docs, batch_size, n_process)

    def _check_length(self, text: str, doc_id: str | None) -> None:
        if len(text) > self.nlp.max_length:
            raise InputError(
                f"document {doc_id or '<unnamed>'} has {len(text):,} characters, more than the "
                f"spaCy pipeline's max_length of {self.nlp.max_length:,}"
            )

    def _pipe_here(self, docs: Iterable[Document], batch_size: int) -> Iterator[Result]:
        for batch in _batched(docs, batch_size):
            for document in batch:
                self._check_length(document.text, document.id)
            spacy_docs = self.nlp.pipe((d.text for d in batch), batch_size=batch_size)
            for document, doc in zip(batch, spacy_docs):
                yield Result(document.id, self.process(doc, date=document.date,
                                                       doc_id=document.id))

    def _pipe_processes(
        self, docs: Iterable[Document], batch_size: int, n_process: int
    ) -> Iterator[Result]:
        context = multiprocessing.get_context("fork")
        with concurrent.futures.ProcessPoolExecutor(
            n_process, mp_context=context, initializer=_init_worker, initargs=(self,)
        ) as pool:
            pending: deque[concurrent.futures.Future[list[Result]]] = deque()
            for batch in _batched(docs, batch_size):
                pending.append(pool.submit(_work, batch))
                if len(pending) >= 2 * n_process:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()


def _batched(items: Iterable[Document], size: int) -> Iterator[tuple[Document, ...]]:
    iterator = iter(items)
    while batch := tuple(itertools.islice(iterator, size)):
        yield batch


_worker_pipeline: Pipeline | None = None


def _init_worker(pipeline: Pipeline) -> None:
    global _worker_pipeline
    _worker_pipeline = pipeline


def _work(batch: tuple[Document, ...]) -> list[Result]:
    assert _worker_pipeline is not None
    return list(_worker_pipeline._pipe_here(batch, len(batch)))


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
