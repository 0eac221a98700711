"""The ``eventx`` command, run both as ``python -m eventx`` and through ``eventx.cli.main``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

import jsonschema
import pytest

from eventx.cli import main

MEETING = "The two foreign ministers met in Geneva on Monday."
TROOPS = "Washington will withdraw 4,500 troops from Germany next year."
COMMON_KEYS = ["type", "id", "trigger", "sentence", "status", "time", "location", "confidence",
               "extractor"]
BUILTIN_EXTRACTORS = ("eventx.meeting.v1", "eventx.summit.v1", "eventx.tariffs.v1",
                      "eventx.troops.v1")


class Outcome(NamedTuple):
    code: int
    out: str
    err: str


Runner = Callable[..., Outcome]


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items()
            if k not in ("EVENTX_ALLOW_PLUGINS", "EVENTX_BLOCK_PLUGINS")}


def _run_subprocess(cwd: Path, args: Sequence[str], stdin: str | None = None) -> Outcome:
    done = subprocess.run([sys.executable, "-m", "eventx", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True, env=_env(), timeout=300)
    return Outcome(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def run(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> Runner:
    """Runs ``eventx ARGS`` in ``tmp_path`` in-process through ``main``, or as a subprocess
    (``python -m eventx``) for the tests marked with :data:`both_ways`.

    In-process, log records go to pytest's log capture rather than standard error, so the
    captured log text is appended to the error output.
    """
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EVENTX_ALLOW_PLUGINS", raising=False)
    monkeypatch.delenv("EVENTX_BLOCK_PLUGINS", raising=False)
    if getattr(request, "param", "main") == "subprocess":
        return lambda *args: _run_subprocess(tmp_path, args)

    def run_main(*args: str) -> Outcome:
        capsys.readouterr()
        caplog.clear()
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse usage errors
            code = exit_.code if isinstance(exit_.code, int) else 1
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err + caplog.text)

    return run_main


#: Run a test both as ``python -m eventx`` and through ``main``.
both_ways = pytest.mark.parametrize("run", ["subprocess", "main"], indirect=True)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _jsonl(path: Path, *rows: object) -> Path:
    lines = [row if isinstance(row, str) else json.dumps(row) for row in rows]
    return _write(path, "\n".join(lines) + "\n")


def _lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _mentions(err: str, needle: str) -> list[str]:
    return [line for line in err.splitlines() if needle in line]


def _check_meeting(event: dict[str, object], value: str | None) -> None:
    assert list(event)[:9] == COMMON_KEYS
    assert event["type"] == "Meeting"
    assert event["trigger"] == {"start": 26, "end": 29, "text": "met"}
    assert event["sentence"] == {"start": 0, "end": 50, "text": MEETING}
    assert event["status"] == "occurred"
    assert event["time"] == {"text": "on Monday", "start": 40, "end": 49, "value": value}
    # GeoNames 2660646 is Geneva, Switzerland, at 46.20222 N, 6.14569 E.
    assert event["location"] == {"text": "Geneva", "start": 33, "end": 39, "name": "Geneva",
                                 "country": "CHE", "latitude": 46.20222,
                                 "longitude": 6.14569, "geonameid": 2660646}
    assert 0 <= event["confidence"] <= 1
    assert event["extractor"] == "eventx.meeting.v1"
    assert {"participants", "chair", "topics"} <= set(event)


# ---------------------------------------------------------------- extract


@both_ways
def test_extract_plain_text_with_date(run: Runner, tmp_path: Path) -> None:
    _write(tmp_path / "geneva.txt", MEETING + "\n")
    outcome = run("extract", "geneva.txt", "--date", "2025-07-09")
    assert outcome.code == 0, outcome.err
    (line,) = _lines(outcome.out)
    assert list(line) == ["id", "date", "events"]
    assert line["id"] == "geneva"
    assert line["date"] == "2025-07-09"
    (event,) = line["events"]
    _check_meeting(event, "2025-07-07")
    assert "Traceback" not in outcome.err


@both_ways
def test_extract_format_json(run: Runner, tmp_path: Path) -> None:
    _write(tmp_path / "geneva.txt", MEETING)
    _write(tmp_path / "troops.txt", TROOPS)
    outcome = run("extract", "--format", "json", "geneva.txt", "troops.txt")
    assert outcome.code == 0, outcome.err
    documents = json.loads(outcome.out)
    assert [d["id"] for d in documents] == ["geneva", "troops"]
    _check_meeting(documents[0]["events"][0], None)  # no --date: "on Monday" stays unresolved
    assert [e["type"] for e in documents[1]["events"]] == ["TroopAdjustment"]


def test_extract_format_json_with_no_documents_is_an_empty_array(
    run: Runner, tmp_path: Path
) -> None:
    _jsonl(tmp_path / "none.jsonl", "")
    outcome = run("extract", "--format", "json", "none.jsonl")
    assert json.loads(outcome.out) == []


@both_ways
def test_extract_format_table(run: Runner, tmp_path: Path) -> None:
    _write(tmp_path / "geneva.txt", MEETING)
    outcome = run("extract", "--format", "table", "--date", "2025-07-09", "geneva.txt")
    assert outcome.code == 0, outcome.err
    header, *rows = outcome.out.splitlines()
    assert header.split()[:4] == ["document", "type", "status", "trigger"]
    assert len(rows) == 1
    assert rows[0].split()[:4] == ["geneva", "Meeting", "occurred", "met"]
    assert "2025-07-07" in rows[0]
    assert "Geneva" in rows[0]


@both_ways
def test_extract_output_file(run: Runner, tmp_path: Path) -> None:
    _write(tmp_path / "geneva.txt", MEETING)
    outcome = run("extract", "geneva.txt", "--date", "2025-07-09", "-o", "events.jsonl")
    assert outcome.code == 0, outcome.err
    assert outcome.out == ""
    (line,) = _lines((tmp_path / "events.jsonl").read_text(encoding="utf-8"))
    assert line["id"] == "geneva"
    _check_meeting(line["events"][0], "2025-07-07")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


@both_ways
def test_extract_jsonl_with_ids_and_dates(run: Runner, tmp_path: Path) -> None:
    _jsonl(tmp_path / "docs.jsonl",
           {"id": "wed", "text": MEETING, "date": "2025-07-09", "source": "ignored"},
           {"id": "next-wed", "text": MEETING, "date": "2025-07-16",
            "events": [{"type": "Meeting"}]},
           {"id": "troops", "text": TROOPS, "date": "2025-07-09"})
    outcome = run("extract", "docs.jsonl")
    assert outcome.code == 0, outcome.err
    lines = _lines(outcome.out)
    assert [line["id"] for line in lines] == ["wed", "next-wed", "troops"]
    _check_meeting(lines[0]["events"][0], "2025-07-07")
    _check_meeting(lines[1]["events"][0], "2025-07-14")
    (troops,) = lines[2]["events"]
    assert troops["type"] == "TroopAdjustment"
    assert troops["time"]["value"] == "2026"
    assert troops["magnitude"] == 4500


def test_extract_input_jsonl_for_another_extension(run: Runner, tmp_path: Path) -> None:
    _jsonl(tmp_path / "docs.txt", {"id": "d1", "text": MEETING, "date": "2025-07-09"})
    outcome = run("extract", "--input", "jsonl", "docs.txt")
    assert outcome.code == 0, outcome.err
    assert [line["id"] for line in _lines(outcome.out)] == ["d1"]


def test_extract_from_standard_input(tmp_path: Path) -> None:
    outcome = _run_subprocess(tmp_path, ["extract", "--date", "2025-07-09", "-"], stdin=MEETING)
    assert outcome.code == 0, outcome.err
    (line,) = _lines(outcome.out)
    _check_meeting(line["events"][0], "2025-07-07")


# ---------------------------------------------------------------- plugins and schema


@both_ways
def test_plugins_lists_the_builtin_extractors_with_versions(run: Runner) -> None:
    outcome = run("plugins")
    assert outcome.code == 0, outcome.err
    for name in ("eventx.meeting", "eventx.summit", "eventx.tariffs", "eventx.troops"):
        assert f"{name} (builtin)" in outcome.out
    for extractor in BUILTIN_EXTRACTORS:
        assert len(_mentions(outcome.out, extractor)) == 1
        assert extractor.endswith(".v1")
    for event_type in ("Meeting", "Summit", "TariffAction", "TroopAdjustment"):
        assert event_type in outcome.out


def test_plugins_respects_block(run: Runner) -> None:
    outcome = run("plugins", "--block", "eventx.troops")
    assert outcome.code == 0, outcome.err
    assert "eventx.troops" not in outcome.out
    assert "eventx.meeting.v1" in outcome.out


@both_ways
def test_schema_is_a_valid_json_schema_that_accepts_the_output(
    run: Runner, tmp_path: Path
) -> None:
    outcome = run("schema")
    assert outcome.code == 0, outcome.err
    schema = json.loads(outcome.out)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    _jsonl(tmp_path / "docs.jsonl",
           {"id": "m", "text": MEETING, "date": "2025-07-09"},
           {"id": "t", "text": TROOPS, "date": "2025-07-09"},
           {"id": "n", "text": "Nothing happened."})
    extracted = run("extract", "docs.jsonl")
    documents = _lines(extracted.out)
    assert len(documents) == 3
    for document in documents:
        validator.validate(document)

    # And it is a real constraint, not a schema that accepts anything.
    bad = json.loads(json.dumps(documents[0]))
    bad["events"][0]["status"] = "happened"
    assert not validator.is_valid(bad)
    bad["events"][0].pop("status")
    assert not validator.is_valid(bad)
    assert not validator.is_valid({"events": []})


# ---------------------------------------------------------------- bad input


def _no_traceback(outcome: Outcome) -> None:
    assert "Traceback" not in outcome.err
    assert "Traceback" not in outcome.out


@both_ways
def test_missing_file(run: Runner) -> None:
    outcome = run("extract", "no-such-article.txt")
    assert outcome.code == 2
    _no_traceback(outcome)
    (message,) = _mentions(outcome.err, "no-such-article.txt")
    assert "no such file" in message
    assert outcome.out == ""


@both_ways
def test_directory(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    outcome = run("extract", "articles")
    assert outcome.code == 2
    _no_traceback(outcome)
    (message,) = _mentions(outcome.err, "articles")
    assert "directory" in message


@both_ways
def test_binary_file(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    outcome = run("extract", "image.txt")
    assert outcome.code == 2
    _no_traceback(outcome)
    (message,) = _mentions(outcome.err, "image.txt")
    assert "binary" in message


@both_ways
def test_non_utf8_file_names_the_byte_offset(run: Runner, tmp_path: Path) -> None:
    # "Talks in Z" is 10 bytes; the Latin-1 "ü" at offset 10 is not valid UTF-8.
    (tmp_path / "zurich.txt").write_bytes("Talks in Zürich.".encode("latin-1"))
    outcome = run("extract", "zurich.txt")
    assert outcome.code == 2
    _no_traceback(outcome)
    (message,) = _mentions(outcome.err, "zurich.txt")
    assert "UTF-8" in message
    assert "byte 10" in message


def test_non_utf8_file_can_be_read_with_replacement(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "geneva.txt").write_bytes(MEETING.encode("latin-1") + b" \xe9")
    outcome = run("extract", "--encoding-errors", "replace", "--date", "2025-07-09",
                  "geneva.txt")
    assert outcome.code == 0, outcome.err
    (line,) = _lines(outcome.out)
    _check_meeting(line["events"][0], "2025-07-07")


BAD_JSONL = [
    {"id": "first", "text": MEETING, "date": "2025-07-09"},
    '{"id": "second", "text": ',
    {"id": "third", "body": "a line without text"},
    {"id": "fourth", "text": TROOPS, "date": "2025-07-09"},
]


@both_ways
def test_malformed_json_line_is_reported_and_the_rest_written(
    run: Runner, tmp_path: Path
) -> None:
    _jsonl(tmp_path / "docs.jsonl", *BAD_JSONL)
    outcome = run("extract", "docs.jsonl")
    assert outcome.code == 1
    _no_traceback(outcome)
    (bad_json,) = _mentions(outcome.err, "docs.jsonl:2")
    assert "JSON" in bad_json
    assert [line["id"] for line in _lines(outcome.out)] == ["first", "fourth"]


def test_line_without_text_is_reported(run: Runner, tmp_path: Path) -> None:
    _jsonl(tmp_path / "docs.jsonl", *BAD_JSONL)
    outcome = run("extract", "docs.jsonl")
    (no_text,) = _mentions(outcome.err, "docs.jsonl:3")
    assert "'text'" in no_text


@both_ways
def test_strict_stops_at_the_bad_line(run: Runner, tmp_path: Path) -> None:
    _jsonl(tmp_path / "docs.jsonl", *BAD_JSONL)
    outcome = run("extract", "--strict", "docs.jsonl")
    assert outcome.code == 2
    _no_traceback(outcome)
    assert _mentions(outcome.err, "docs.jsonl:2")
    assert not _mentions(outcome.err, "docs.jsonl:3")
    assert "fourth" not in outcome.out


def test_bad_date_option(run: Runner, tmp_path: Path) -> None:
    _write(tmp_path / "geneva.txt", MEETING)
    outcome = run("extract", "--date", "July 9", "geneva.txt")
    assert outcome.code == 2
    _no_traceback(outcome)
    assert _mentions(outcome.err, "--date")
