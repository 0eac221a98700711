"""Merging mentions into happenings: across documents, within one, by day, window and key;
on the command line; and the external sort that keeps memory bounded."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventx import Pipeline
from eventx.cli import main
from eventx.happenings import merge


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(entry_points=False)


ARTICLES = [
    {"id": "wire-1", "date": "2025-08-15",
     "text": "The leaders of the United States and Russia held a summit in Geneva."},
    {"id": "wire-2", "date": "2025-08-15",
     "text": "A summit between the United States and Russia took place in Geneva."},
    {"id": "paper-3", "date": "2025-08-15",
     "text": "Russia and the United States held their summit in Geneva."},
    # The same day, a different summit: other countries, another place.
    {"id": "wire-4", "date": "2025-08-15",
     "text": "The leaders of France and Germany held a summit in Berlin."},
]


def test_three_articles_on_one_summit_are_one_happening(pipeline: Pipeline) -> None:
    results = list(pipeline.pipe(ARTICLES))
    assert [len(r.events) for r in results] == [1, 1, 1, 1]
    happenings = list(merge(results))
    assert len(happenings) == 2
    by_place = {h["place"]: h for h in happenings}
    geneva, berlin = by_place["CHE"], by_place["DEU"]
    assert geneva["type"] == "Summit" and geneva["status"] == "occurred"
    assert geneva["countries"] == ["RUS", "USA"]
    assert (geneva["mention_count"], geneva["document_count"]) == (3, 3)
    assert geneva["document_ids"] == ["wire-1", "wire-2", "paper-3"]
    assert geneva["event_ids"] == [r.events[0].id for r in results[:3]]
    assert geneva["first_day"] == geneva["first_published"] == "2025-08-15"
    assert berlin["countries"] == ["DEU", "FRA"]
    assert (berlin["mention_count"], berlin["document_count"]) == (1, 1)
    assert berlin["document_ids"] == ["wire-4"]


def test_a_headline_and_a_body_sentence_are_one_happening(pipeline: Pipeline) -> None:
    text = ("Japan and South Korea hold talks in Seoul\n\n"
            "Japan and South Korea held talks in Seoul on Tuesday.")
    (result,) = pipeline.pipe([{"id": "d", "text": text, "date": "2025-07-09"}])
    assert len(result.events) == 2
    # The body sentence's time resolves to 2025-07-08, the headline's to the publication day:
    # one day apart, so they are one happening only with a window of a day.
    assert [e.time.value if e.time else None for e in result.events] == [None, "2025-07-08"]
    assert [h["mention_count"] for h in merge([result])] == [1, 1]
    (happening,) = merge([result], window=1)
    assert (happening["mention_count"], happening["document_count"]) == (2, 1)
    assert (happening["first_day"], happening["last_day"]) == ("2025-07-08", "2025-07-09")


def _result(doc_id: str, published: str | None, *events: dict[str, Any]) -> dict[str, Any]:
    return {"id": doc_id, "date": published, "events": list(events)}


def _meeting(event_id: str, countries: list[str], day: str | None = None,
             status: str = "occurred") -> dict[str, Any]:
    return {"type": "Meeting", "id": event_id, "status": status,
            "time": {"text": "x", "start": 0, "end": 1, "value": day} if day else None,
            "location": None,
            "participants": [{"name": c, "kind": "country", "country": c} for c in countries]}


def test_day_window_and_key() -> None:
    results = [
        _result("a", "2025-01-01", _meeting("a1", ["CHL", "PER"])),
        _result("b", "2025-01-02", _meeting("b1", ["PER", "CHL"])),
        _result("c", "2025-01-04", _meeting("c1", ["CHL", "PER"])),
        _result("d", "2025-01-02", _meeting("d1", ["CHL", "PER"], status="planned")),
    ]
    counts = lambda **options: sorted(h["mention_count"] for h in merge(results, **options))  # noqa: E731
    assert counts() == [1, 1, 1, 1]
    assert counts(window=1) == [1, 1, 2]
    assert counts(window=2) == [1, 3]
    assert counts(window=2, key=("type", "countries")) == [4]


def test_a_month_only_meets_the_same_month() -> None:
    results = [_result("a", "2025-03-02", _meeting("a1", ["CHL", "PER"], "2025-03")),
               _result("b", "2025-03-20", _meeting("b1", ["CHL", "PER"], "2025-03")),
               _result("c", "2025-03-01", _meeting("c1", ["CHL", "PER"]))]
    happenings = list(merge(results, window=30))
    assert sorted((h["first_day"], h["mention_count"]) for h in happenings) == [
        ("2025-03", 2), ("2025-03-01", 1)]


def test_mentions_without_countries_or_place_stay_apart() -> None:
    results = [_result("a", "2025-01-01", _meeting("a1", [])),
               _result("b", "2025-01-01", _meeting("b1", []))]
    assert [h["mention_count"] for h in merge(results)] == [1, 1]


def test_bad_options_are_refused_at_once() -> None:
    with pytest.raises(ValueError, match="unknown key part"):
        merge([], key=("type", "colour"))
    with pytest.raises(ValueError, match="window"):
        merge([], window=-1)


@st.composite
def _corpora(draw: st.DrawFn) -> list[dict[str, Any]]:
    days = st.sampled_from(["2025-01-01", "2025-01-02", "2025-01-05", "2025-02", None])
    countries = st.lists(st.sampled_from(["CHL", "PER", "USA"]), max_size=2)
    results = []
    for number in range(draw(st.integers(0, 12))):
        events = [_meeting(f"e{number}-{i}", draw(countries), draw(days))
                  for i in range(draw(st.integers(0, 3)))]
        results.append(_result(f"d{number}", draw(days), *events))
    return results


@given(_corpora(), st.integers(0, 3), st.integers(1, 4))
def test_every_mention_is_in_exactly_one_happening(
        results: list[dict[str, Any]], window: int, chunk_size: int) -> None:
    happenings = list(merge(results, window=window, chunk_size=chunk_size))
    ids = [i for h in happenings for i in h["event_ids"]]
    assert sorted(ids) == sorted(e["id"] for r in results for e in r["events"])
    for happening in happenings:
        assert happening["mention_count"] == len(happening["event_ids"])
        assert happening["document_count"] == len(set(happening["document_ids"]))
    # The result does not depend on how the external sort cuts its runs.
    whole = list(merge(results, window=window, chunk_size=10_000))
    assert _as_sets(whole) == _as_sets(happenings)


def _as_sets(happenings: list[dict[str, Any]]) -> set[frozenset[str]]:
    return {frozenset(h["event_ids"]) for h in happenings}


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    return (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())


def test_merge_command(pipeline: Pipeline, tmp_path: Path,
                       capsys: pytest.CaptureFixture[str]) -> None:
    events = tmp_path / "events.jsonl"
    events.write_text("".join(json.dumps(r.to_dict()) + "\n" for r in pipeline.pipe(ARTICLES)),
                      encoding="utf-8")
    out = tmp_path / "happenings.jsonl"
    assert main(["merge", str(events), "-o", str(out)]) == 0
    assert sorted(h["document_count"] for h in _lines(out)) == [1, 3]
    assert "4 mentions, 2 happenings (2.00 mentions a happening)" in capsys.readouterr().err
    assert main(["merge", str(events), "--key", "type,colour"]) == 2
    assert "unknown key part(s) colour" in capsys.readouterr().err


def test_merge_command_writes_parquet(pipeline: Pipeline, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    events = tmp_path / "events.jsonl"
    events.write_text("".join(json.dumps(r.to_dict()) + "\n" for r in pipeline.pipe(ARTICLES)),
                      encoding="utf-8")
    out = tmp_path / "happenings.parquet"
    assert main(["merge", str(events), "-o", str(out)]) == 0
    table = pq.read_table(out).to_pylist()
    assert sorted(row["document_count"] for row in table) == [1, 3]
    geneva = next(row for row in table if row["document_count"] == 3)
    assert geneva["countries"] == "RUS; USA"
    assert geneva["document_ids"] == "wire-1; wire-2; paper-3"


@given(_corpora(), st.integers(0, 3))
def test_dask_gives_the_same_happenings(results: list[dict[str, Any]], window: int) -> None:
    db = pytest.importorskip("dask.bag")
    from eventx.distributed import merge_bag

    bag = db.from_sequence(results, npartitions=3) if results else db.from_sequence([])
    on_dask = merge_bag(bag, window=window).compute(scheduler="sync")
    assert _as_sets(on_dask) == _as_sets(list(merge(results, window=window)))
    assert sorted(h["mention_count"] for h in on_dask) == sorted(
        h["mention_count"] for h in merge(results, window=window))
