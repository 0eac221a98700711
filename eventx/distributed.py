"""Corpus-scale extraction on a Dask cluster: a bag of documents in, a bag of results out.

Needs the ``dask`` extra (``pip install 'eventx[dask]'``). Each partition is
processed by one :class:`~eventx.Pipeline`, built once per worker thread and
reused for its later partitions, so the results are the same, document for
document and in the same order, as ``Pipeline(**pipeline_kwargs).pipe(...)``
in a single process.

>>> import json
>>> import dask.bag as db
>>> from eventx import Result
>>> from eventx.distributed import extract_bag
>>> bag = db.read_text("news-*.jsonl").map(json.loads)  # doctest: +SKIP
>>> events = extract_bag(bag).map(Result.to_dict).map(json.dumps)  # doctest: +SKIP
>>> events.to_textfiles("events-*.jsonl")  # doctest: +SKIP

:func:`merge_bag` merges the mentions of each happening on the cluster, as
:func:`eventx.merge` does in one process.
"""

from __future__ import annotations

import pickle
import threading
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from eventx.errors import EventxError, InputError
from eventx.happenings import DEFAULT_KEY, Mention, check_options, mentions, sweep
from eventx.pipeline import Document, Pipeline, Result

try:
    import dask.bag as db
except ImportError as error:  # pragma: no cover - exercised only without the extra
    raise EventxError(
        "eventx.distributed needs Dask: pip install 'eventx[dask]'"
    ) from error

__all__ = ["extract_bag", "merge_bag"]


def extract_bag(
    documents: db.Bag, *, batch_size: int = 64, **pipeline_kwargs: Any
) -> db.Bag:
    """A bag of :class:`~eventx.Result`, one per document of ``documents``, in the same order.

    :param documents: a Dask bag of ``{"id", "text", "date"}`` mappings or
        :class:`~eventx.Document` objects. Every document needs its own ``id``:
        a partition does not know its position in the corpus, so ids cannot be
        numbered as :meth:`Pipeline.pipe <eventx.Pipeline.pipe>` numbers plain strings.
    :param batch_size: documents per spaCy batch within a partition.
    :param pipeline_kwargs: the arguments of :class:`~eventx.Pipeline`, which must
        pickle; give ``nlp`` as the name of an installed spaCy pipeline.
    :raises InputError: (when the bag is computed) for a document without an id.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    settings = pickle.dumps(pipeline_kwargs)
    results: db.Bag = documents.map_partitions(  # type: ignore[no-untyped-call]
        _extract_partition, settings=settings, batch_size=batch_size
    )
    return results


def merge_bag(
    results: db.Bag, *, key: Sequence[str] = DEFAULT_KEY, window: int = 0
) -> db.Bag:
    """A bag of happenings (dicts, as :func:`eventx.merge` gives them) from a bag of
    results (:class:`~eventx.Result` objects or their dicts): the mentions are grouped by
    key on the cluster, and each group is swept in day order as :func:`eventx.merge` does.

    :raises ValueError: for an unknown key part or a negative window.
    """
    parts = tuple(key)
    check_options(parts, window)
    found: db.Bag = results.map(mentions, parts).flatten()  # type: ignore[no-untyped-call]
    groups: db.Bag = found.groupby(lambda mention: mention.key)  # type: ignore[no-untyped-call]
    happenings: db.Bag = groups.map(  # type: ignore[no-untyped-call]
        lambda group: [h.to_dict() for h in sweep(sorted(group[1], key=_anchor), parts, window)]
    ).flatten()
    return happenings


def _anchor(mention: Mention) -> str:
    return mention.anchor


_local = threading.local()


def _worker_pipeline(settings: bytes) -> Pipeline:
    """This thread's pipeline for these settings, built on first use (spaCy pipelines are
    not shared between threads)."""
    pipelines: dict[bytes, Pipeline] = _local.__dict__.setdefault("pipelines", {})
    if settings not in pipelines:
        pipelines[settings] = Pipeline(**pickle.loads(settings))
    return pipelines[settings]


def _extract_partition(
    partition: Iterable[Document | Mapping[str, Any]], *, settings: bytes, batch_size: int
) -> list[Result]:
    documents = (_with_id(document) for document in partition)
    return list(_worker_pipeline(settings).pipe(documents, batch_size=batch_size))


def _with_id(document: object) -> Document:
    if isinstance(document, Mapping) and "id" in document:
        return Document.coerce(document, 0)
    if isinstance(document, Document):
        return document
    raise InputError(
        "extract_bag needs documents with ids ({'id', 'text', 'date'} mappings or "
        f"eventx.Document objects), got {type(document).__name__}"
        + (" without an 'id'" if isinstance(document, Mapping) else "")
    )
