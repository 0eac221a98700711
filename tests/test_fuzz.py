"""Fuzzing with arbitrary unicode: control characters, combining marks, right-to-left text,
emoji, NUL, lone surrogates and very long lines, through Pipeline.extract, the command-line
reader and the writer. Run thorough with HYPOTHESIS_PROFILE=thorough."""

from __future__ import annotations

import functools
import io
import json
import re
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventx import Event, Pipeline
from eventx.cli.inputs import InputStats, read_documents
from eventx.cli.output import Writer
from eventx.engine import map_stretches
from eventx.errors import InputError
from eventx.pipeline import Result

SURROGATE = re.compile("[\ud800-\udfff]")

PIECES = [
    "\x00", "\x07", "\x1b[31m", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\ufeff", "\ufffd",
    "\u0301", "\u0327\u0308", "\u200b", "\u200d", "\u202e", "\u200f", "\u061c",
    "\u0627\u0644\u0633\u0644\u0627\u0645", "\u05e9\u05dc\u05d5\u05dd", "\U0001f600",
    "\U0001f469\u200d\U0001f469\u200d\U0001f467", "\U0001f1fa\U0001f1f8", "\ud800", "\udfff",
    "\n\n", "  ", "\t", ".", "!", "?", "\u2026", '"', "\u201d", "(", ")", "%", "25", "U.S.-ROK",
    "met", "talks", "summit", "tariffs", "raised", "troops", "withdraw", "China", "US",
    "Seoul", "President", "on Tuesday", "next month", "2025/07/11 09:50 KST",
]

ANY_CHARACTER = st.characters(exclude_categories=())  # surrogates included
TEXTS = st.one_of(
    st.text(ANY_CHARACTER, max_size=200),
    st.lists(st.sampled_from(PIECES), max_size=60).map(" ".join),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(ANY_CHARACTER, max_size=5)),
             max_size=60).map("".join),
    st.builds(lambda piece, times: piece * times,
              st.text(ANY_CHARACTER, min_size=1, max_size=12), st.integers(500, 6000)),
)


@functools.lru_cache(maxsize=1)
def pipeline() -> Pipeline:
    return Pipeline(entry_points=False, timeout=60)


def check_event(text: str, event: Event) -> None:
    readable = SURROGATE.sub("\ufffd", text)  # what the pipeline reads in place of surrogates

    def check(stretch: Any) -> Any:
        assert 0 <= stretch.start <= stretch.end <= len(text)
        if hasattr(stretch, "text"):
            assert readable[stretch.start:stretch.end] == stretch.text
        return stretch

    map_stretches(event, check)
    assert event.trigger.start < event.trigger.end
    json.dumps(event.to_dict())


@given(TEXTS, st.sampled_from([None, "2025-07-11"]))
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_extract_never_fails_and_offsets_point_into_the_text(text: str, date: str | None
                                                             ) -> None:
    before = dict(pipeline().engine.failures)
    for event in pipeline().extract(text, date=date, doc_id="fuzz"):
        check_event(text, event)
    assert pipeline().engine.failures == before, "a built-in extractor failed"


@given(st.lists(TEXTS, max_size=4))
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_pipe_never_fails(texts: list[str]) -> None:
    results = list(pipeline().pipe(texts, batch_size=2))
    assert [r.id for r in results] == [str(i) for i in range(len(texts))]
    for text, result in zip(texts, results, strict=True):
        for event in result.events:
            check_event(text, event)


def read(path: Path, **options: Any) -> tuple[list[Any], InputStats]:
    stats = InputStats()
    return list(read_documents([str(path)], stats=stats, **options)), stats


@given(st.binary(max_size=400), st.sampled_from(["text", "jsonl"]))
def test_the_reader_takes_any_bytes(tmp_path_factory: Any, data: bytes, input_format: str
                                    ) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "input"
    path.write_bytes(data)
    documents, stats = read(path, input_format=input_format)
    assert stats.read == len(documents)
    assert len(stats.failed_files) <= 1
    if not stats.failed_files and not stats.skipped:
        try:
            strict_documents, _ = read(path, input_format=input_format, strict=True)
        except InputError as error:  # pragma: no cover - a failure message names the file
            raise AssertionError(f"strict read failed where lenient did not: {error}") from None
        assert strict_documents == documents
    else:
        try:
            read(path, input_format=input_format, strict=True)
        except InputError as error:
            assert str(path) in str(error)
        else:
            raise AssertionError("strict read accepted what lenient reading skipped")
    replaced, _ = read(path, input_format=input_format, replace_errors=True)
    assert len(replaced) >= len(documents)


@given(st.lists(st.tuples(TEXTS, TEXTS), min_size=1, max_size=5), st.booleans())
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_json_lines_round_trip(tmp_path_factory: Any, pairs: list[tuple[str, str]],
                               ascii_only: bool) -> None:
    """Documents written as JSON Lines are read back as JSON defines them, whatever their
    characters. (JSON reads the escapes of two lone surrogates that form a pair,
    "\\ud800\\udc00", as the one character U+10000, so that is what comes back.)"""
    path = tmp_path_factory.mktemp("fuzz") / "input.jsonl"
    with path.open("w", encoding="utf-8", errors="surrogatepass") as file:
        for doc_id, text in pairs:
            surrogates = SURROGATE.search(doc_id + text) is not None
            file.write(json.dumps({"id": doc_id, "text": text},
                                  ensure_ascii=ascii_only or surrogates) + "\n")
    documents, stats = read(path)
    assert stats.skipped == 0 and stats.failed_files == []
    as_json = [tuple(json.loads(json.dumps(pair))) for pair in pairs]
    assert [(d.id, d.text) for d in documents] == as_json


@given(TEXTS, st.sampled_from(["jsonl", "json", "table"]))
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_the_writer_writes_any_id_as_utf8(doc_id: str, fmt: str) -> None:
    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding="utf-8")
    writer = Writer(stream, fmt)
    writer.write(Result(doc_id, []))
    writer.close()
    output = buffer.getvalue().decode("utf-8")
    if fmt == "jsonl":
        assert json.loads(output) == {"id": doc_id, "events": []}
    elif fmt == "json":
        assert json.loads(output) == [{"id": doc_id, "events": []}]
