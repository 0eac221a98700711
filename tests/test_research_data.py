"""Event data for research: metadata that passes through, stable event ids, CAMEO/PLOVER codes
with dyads, tables (DataFrame, CSV, Parquet), progress, and saved events rendered."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest
from hypothesis import given

import eventx
from eventx import Actor, ActorKind, Event, Pipeline, Sentence, Span, Status, TariffAction
from eventx.cli import main
from eventx.codes import Codes, Coding, Dyad, event_codes, mapping_table
from eventx.events import Meeting, Place, TroopAdjustment, event_id
from eventx.tables import columns, event_rows, to_dataframe
from eventx.testing import events as arbitrary_events

DOCS = [
    {"id": "a", "date": "2025-07-09", "title": "Talks in Lima", "url": "https://example.org/a",
     "tags": ["trade"], "text": "Chile and Peru held talks in Lima on Monday."},
    {"id": "b", "date": "2025-07-10", "source": "wire",
     "text": "Japan raised tariffs on Chinese steel to 30%. "
             "The United States will withdraw 4,500 troops from Germany."},
    {"id": "c", "text": "Nothing of the kind happened."},
]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(entry_points=False)


@pytest.fixture(scope="module")
def results(pipeline: Pipeline) -> list[eventx.Result]:
    return list(pipeline.pipe(DOCS))


def test_metadata_and_date_pass_through(results: list[eventx.Result]) -> None:
    first = results[0].to_dict()
    assert list(first) == ["id", "date", "meta", "events"]
    assert first["meta"] == {"title": "Talks in Lima", "url": "https://example.org/a",
                             "tags": ["trade"]}
    assert first["date"] == "2025-07-09"
    assert results[1].meta == {"source": "wire"}
    assert results[2].to_dict() == {"id": "c", "events": []}


def test_metadata_passes_through_the_command_line(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "docs.jsonl"
    source.write_text("".join(json.dumps(d) + "\n" for d in DOCS), encoding="utf-8")
    assert main(["extract", str(source), "-q"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line.get("meta") for line in lines] == [
        {"title": "Talks in Lima", "url": "https://example.org/a", "tags": ["trade"]},
        {"source": "wire"}, None]


def test_event_ids_are_stable_and_distinct(pipeline: Pipeline,
                                           results: list[eventx.Result]) -> None:
    again = list(pipeline.pipe(DOCS))
    ids = [e.id for r in results for e in r.events]
    assert ids == [e.id for r in again for e in r.events]
    assert len(ids) == len(set(ids)) == 3
    assert all(isinstance(i, str) and len(i) == 16 for i in ids)
    first = results[0].events[0]
    assert first.id == event_id("a", "Meeting", first.trigger)
    # The same text in another document has another id.
    (other,) = pipeline.pipe([{**DOCS[0], "id": "z"}])
    assert other.events[0].id != first.id
    assert all(e.to_dict()["id"] == e.id for r in results for e in r.events)


def test_ids_of_a_chunked_document_are_those_of_the_whole_text() -> None:
    text = "Chile and Peru held talks in Lima. " * 3
    whole = Pipeline(entry_points=False).extract(text, doc_id="d")
    chunked = Pipeline(entry_points=False, chunk_size=40).extract(text, doc_id="d")
    assert [e.id for e in chunked] == [e.id for e in whole]
    assert [e.sentence.text for e in chunked] == ["Chile and Peru held talks in Lima."] * 3


def _actor(name: str, country: str | None, kind: ActorKind = ActorKind.COUNTRY) -> Actor:
    return Actor(text=name, start=0, end=len(name), name=name, kind=kind, country=country)


COMMON = {"trigger": Span(start=0, end=3, text="met"), "sentence": Sentence(start=0, end=3)}


def test_codes_of_the_core_types() -> None:
    # Checked against the CAMEO 1.1b3 codebook and the PLOVER crosswalk by hand.
    tariff = TariffAction(**COMMON, imposer=_actor("US", "USA"),
                          targets=[_actor("Japan", "JPN"), _actor("China", "CHN")])
    assert event_codes(tariff) == Codes(cameo="163", plover="COERCE", plover_mode="restrict",
                                        dyads=[Dyad(source="USA", target="JPN", directed=True),
                                               Dyad(source="USA", target="CHN", directed=True)])
    lowered = attrs.evolve(tariff, action=eventx.TariffActionKind.LOWER)
    assert (event_codes(lowered).cameo, event_codes(lowered).plover) == ("085", "RETREAT")
    threat = attrs.evolve(tariff, status=Status.THREATENED)
    assert (event_codes(threat).cameo, event_codes(threat).plover) == ("1312", "THREATEN")
    assert event_codes(attrs.evolve(tariff, status=Status.NEGATED)).cameo is None
    meeting = Meeting(**COMMON, participants=[_actor("Peru", "PER"), _actor("Chile", "CHL"),
                                              _actor("Ms Diaz", "CHL", ActorKind.PERSON)])
    codes = event_codes(meeting)
    assert (codes.cameo, codes.plover) == ("040", "CONSULT")
    assert codes.dyads == (Dyad(source="CHL", target="PER", directed=False),)
    planned = event_codes(attrs.evolve(meeting, status=Status.PLANNED))
    assert (planned.cameo, planned.plover) == ("036", "AGREE")
    troops = TroopAdjustment(
        **COMMON, force=_actor("US", "USA"), direction=eventx.Direction.DEPLOY,
        location=Place(text="Poland", start=0, end=6, name="Poland", country="POL"))
    assert event_codes(troops) == Codes(cameo="154", plover="MOBILIZE", plover_mode="troops",
                                        dyads=[Dyad(source="USA", target="POL", directed=True)])


def test_the_mapping_table_names_only_known_types_statuses_and_details() -> None:
    details = {m.value for m in eventx.TariffActionKind} | {m.value for m in eventx.Direction}
    for row in mapping_table():
        assert row.event_type in {"Meeting", "Summit", "TariffAction", "TroopAdjustment"}
        assert row.status in {s.value for s in Status}
        assert row.detail == "*" or row.detail in details
        assert row.cameo.isdigit() and 3 <= len(row.cameo) <= 4
        assert row.plover.isupper()


@attrs.frozen(kw_only=True)
class Sanction(Event):
    """A plugin type with its own codes."""

    event_type: ClassVar[str] = "Sanction"
    coding: ClassVar[Coding | None] = Coding(cameo="163", plover="COERCE",
                                             plover_mode="restrict", source="imposer",
                                             target="targets")
    imposer: Actor | None = None
    targets: tuple[Actor, ...] = attrs.field(factory=tuple, converter=tuple)


def test_a_plugin_type_codes_itself() -> None:
    event = Sanction(**COMMON, imposer=_actor("EU", None, ActorKind.ORGANIZATION),
                     targets=[_actor("Iran", "IRN")])
    assert event.to_dict()["codes"] == {"cameo": "163", "plover": "COERCE",
                                        "plover_mode": "restrict", "dyads": []}
    negated = attrs.evolve(event, status=Status.NEGATED)
    assert event_codes(negated).cameo is None


@given(arbitrary_events([Meeting, TariffAction, TroopAdjustment]))
def test_dyads_join_distinct_countries_of_the_event(event: Event) -> None:
    countries = {value.country for field in attrs.fields(type(event))
                 for value in _flat(getattr(event, field.name))
                 if isinstance(value, (Actor, Place))}
    for dyad in event_codes(event).dyads:
        assert dyad.source != dyad.target
        assert {dyad.source, dyad.target} <= countries
        assert dyad.directed == (not isinstance(event, Meeting))


def _flat(value: Any) -> list[Any]:
    return list(value) if isinstance(value, tuple) else [value]


def test_dataframe_has_a_row_per_event(results: list[eventx.Result]) -> None:
    pytest.importorskip("pandas")
    frame = to_dataframe(results)
    assert list(frame.columns[:len(columns())]) == columns()
    assert len(frame) == 3
    meeting, tariff, troops = (frame.iloc[i] for i in range(3))
    assert (meeting["document_id"], meeting["type"], meeting["status"]) == ("a", "Meeting",
                                                                            "occurred")
    assert str(meeting["document_date"].date()) == "2025-07-09"
    assert meeting["meta_title"] == "Talks in Lima"
    assert meeting["participants_country"] == "CHL; PER"
    assert meeting["dyads"] == "CHL-PER"
    assert meeting["sentence"] == "Chile and Peru held talks in Lima on Monday."
    assert meeting["time_value"] == "2025-07-07"
    assert meeting["location_country"] == "PER"
    assert (tariff["imposer_country"], tariff["targets_country"]) == ("JPN", "CHN")
    assert (tariff["source"], tariff["target"], tariff["cameo"]) == ("JPN", "CHN", "163")
    assert tariff["rate_percent"] == 30.0
    assert tariff["meta_source"] == "wire"
    assert (troops["force_country"], troops["location_country"]) == ("USA", "DEU")
    assert (troops["magnitude"], troops["direction"]) == (4500, "withdraw")


def test_dataframe_of_saved_events_equals_that_of_results(results: list[eventx.Result]) -> None:
    pytest.importorskip("pandas")
    saved = [json.loads(json.dumps(r.to_dict())) for r in results]
    assert to_dataframe(saved).equals(to_dataframe(results))


def test_missing_extra_is_named(monkeypatch: pytest.MonkeyPatch,
                                results: list[eventx.Result]) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(eventx.EventxError, match=r"pip install 'eventx\[research\]'"):
        to_dataframe(results)


def test_extract_writes_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "docs.jsonl"
    source.write_text("".join(json.dumps(d) + "\n" for d in DOCS), encoding="utf-8")
    assert main(["extract", str(source), "--format", "csv", "-q"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["document_id"], r["type"]) for r in rows] == [
        ("a", "Meeting"), ("b", "TariffAction"), ("b", "TroopAdjustment")]
    assert json.loads(rows[0]["meta"])["tags"] == ["trade"]
    assert rows[1]["products"] == "steel" and rows[1]["rate_percent"] == "30.0"


def test_extract_writes_parquet(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    source = tmp_path / "docs.jsonl"
    source.write_text("".join(json.dumps(d) + "\n" for d in DOCS), encoding="utf-8")
    out = tmp_path / "events.parquet"
    assert main(["extract", str(source), "--format", "parquet", "-o", str(out), "-q"]) == 0
    table = pq.read_table(out)
    # The core types' columns first; installed plugins' types may add more.
    assert table.column_names[:len(columns())] == columns()
    rows = table.to_pylist()
    assert [r["event_id"] for r in rows] == [
        e.id for r in Pipeline(entry_points=False).pipe(DOCS) for e in r.events]
    assert rows[2]["magnitude"] == 4500 and rows[1]["rate_percent"] == 30.0


def test_parquet_needs_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Chile and Peru held talks.", encoding="utf-8")
    assert main(["extract", str(source), "--format", "parquet"]) == 2
    assert "give a file to write with -o" in capsys.readouterr().err


def test_rows_stream_lazily() -> None:
    def endless() -> Any:
        number = 0
        while True:
            number += 1
            yield {"id": str(number), "events": [Meeting(**COMMON).to_dict()]}

    rows = event_rows(endless())
    assert [next(rows)["document_id"] for _ in range(3)] == ["1", "2", "3"]


def test_progress_bar(pipeline: Pipeline, capsys: pytest.CaptureFixture[str]) -> None:
    results = list(pipeline.pipe(DOCS, progress=True))
    assert len(results) == 3
    assert "3/3" in capsys.readouterr().err


def test_render_saved_events(tmp_path: Path, results: list[eventx.Result]) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text("".join(json.dumps(d) + "\n" for d in DOCS), encoding="utf-8")
    events = tmp_path / "events.jsonl"
    # Saved in another order, one document missing: events are matched by document id.
    events.write_text(json.dumps(results[1].to_dict()) + "\n" + json.dumps(results[0].to_dict())
                      + "\n", encoding="utf-8")
    page = tmp_path / "page.html"
    assert main(["render", "--events", str(events), str(docs), "-o", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    for result in results[:2]:
        for event in result.events:
            assert f"<tr id='event-{event.id}' class='row-type-{event.event_type} " in html
    assert "<script" not in html
    assert "id='show-type-TariffAction' checked" in html
    assert (".eventx:has(#show-status-planned:not(:checked)) tr.row-status-planned "
            "{ display: none; }") in html


def test_results_pickle_for_worker_processes(results: list[eventx.Result]) -> None:
    import pickle

    for result in [*results, eventx.Result("bare", [])]:
        assert pickle.loads(pickle.dumps(result)).to_dict() == result.to_dict()


def test_worker_processes_keep_metadata_and_ids(pipeline: Pipeline,
                                                results: list[eventx.Result]) -> None:
    in_workers = list(pipeline.pipe(DOCS, n_process=2, batch_size=1))
    assert [r.to_dict() for r in in_workers] == [r.to_dict() for r in results]
