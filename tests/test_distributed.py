"""The Dask bag integration gives the single-process results, on a local cluster too."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import eventx
from eventx import Document, InputError, Result

db = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

from eventx.distributed import extract_bag  # noqa: E402

ARTICLES = [
    "American officials met Chinese negotiators in Beijing on Monday.",
    "Shares of the utility rose two cents in quiet trading.",
    "China threatened to impose tariffs on American soybeans.",
    "The United States will withdraw 4,500 troops from South Korea.\n\n"
    "The decision followed months of talks between Washington and Seoul.",
    "Rain is expected across the north of the country this weekend.",
    "The summit meeting of EU leaders ended in Brussels.",
    "Canada suspended its tariffs on U.S. steel.",
]
DOCUMENTS = [
    {"id": f"doc-{i}", "text": text, "date": "2025-07-09"} for i, text in enumerate(ARTICLES)
]


@pytest.fixture(scope="module")
def pipeline() -> eventx.Pipeline:
    return eventx.Pipeline(entry_points=False)


@pytest.fixture(scope="module")
def expected(pipeline: eventx.Pipeline) -> list[dict[str, Any]]:
    return [result.to_dict() for result in pipeline.pipe(DOCUMENTS)]


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        yield client


def test_the_reference_output_has_the_events_of_the_articles(
    expected: list[dict[str, Any]],
) -> None:
    types = [sorted({e["type"] for e in result["events"]}) for result in expected]
    assert types[0] == ["Meeting"]
    assert types[1] == []
    assert types[2] == ["TariffAction"]
    assert "TroopAdjustment" in types[3]
    assert types[4] == []


def test_local_cluster_gives_the_single_process_results(
    client: distributed.Client, expected: list[dict[str, Any]]
) -> None:
    bag = db.from_sequence(DOCUMENTS, npartitions=3)
    results = extract_bag(bag, entry_points=False).compute()
    assert all(isinstance(result, Result) for result in results)
    assert [result.to_dict() for result in results] == expected
    assert len(client.scheduler_info()["workers"]) == 2


def test_local_cluster_takes_document_objects_and_dict_output(
    client: distributed.Client, expected: list[dict[str, Any]]
) -> None:
    documents = [Document.coerce(d, i) for i, d in enumerate(DOCUMENTS)]
    bag = db.from_sequence(documents, npartitions=2)
    dicts = extract_bag(bag, batch_size=2, entry_points=False).map(Result.to_dict).compute()
    assert dicts == expected


@given(npartitions=st.integers(1, len(DOCUMENTS)), batch_size=st.integers(1, 8),
       order=st.permutations(range(len(DOCUMENTS))))
def test_partitioning_and_batching_do_not_change_results(
    npartitions: int, batch_size: int, order: list[int], expected: list[dict[str, Any]]
) -> None:
    bag = db.from_sequence([DOCUMENTS[i] for i in order], npartitions=npartitions)
    results = extract_bag(bag, batch_size=batch_size, entry_points=False).compute(
        scheduler="sync")
    assert [result.to_dict() for result in results] == [expected[i] for i in order]


@pytest.mark.parametrize("document", ["A text without an id.", {"text": "No id here."}])
def test_documents_need_ids(document: object) -> None:
    bag = db.from_sequence([DOCUMENTS[0], document], npartitions=1)
    with pytest.raises(InputError, match="needs documents with ids"):
        extract_bag(bag, entry_points=False).compute(scheduler="sync")


def test_batch_size_must_be_positive() -> None:
    with pytest.raises(ValueError, match="batch_size"):
        extract_bag(db.from_sequence(DOCUMENTS), batch_size=0)
