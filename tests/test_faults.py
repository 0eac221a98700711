"""The faults a long corpus run meets: huge or binary input, odd encodings and line endings,
clashing ids, bad option values, a failing source, and a host program's own alarm."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy
import pytest

import eventx
from eventx.cli import main
from eventx.cli.inputs import InputStats, read_documents
from eventx.errors import InputError

EVENT_TEXT = "China raised tariffs on US steel on Tuesday."


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "eventx", *args], capture_output=True,
                          cwd=cwd, timeout=300)


# -- bounded input -------------------------------------------------------------------------

@pytest.mark.timeout(120)
def test_an_endless_binary_stream_is_refused_from_its_head() -> None:
    done = _cli("extract", "/dev/zero")
    assert done.returncode == 2
    assert b"looks like a binary file" in done.stderr


def test_a_file_over_the_size_limit_is_skipped_unread(tmp_path: Path,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    big = tmp_path / "big.txt"
    big.write_text(EVENT_TEXT * 100)
    small = tmp_path / "small.txt"
    small.write_text(EVENT_TEXT)
    stats = InputStats()
    with caplog.at_level(logging.ERROR):
        ids = [d.id for d in read_documents([str(big), str(small)], stats=stats,
                                            max_size=1000)]
    assert ids == ["small"]
    assert stats.failed_files == [str(big)]
    assert "larger than --max-size (1,000 bytes)" in caplog.text


def test_a_json_line_over_the_size_limit_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    long_line = json.dumps({"id": "long", "text": EVENT_TEXT * 50})
    path.write_text(f'{{"id": "a", "text": "x"}}\n{long_line}\n{{"id": "b", "text": "y"}}\n')
    stats = InputStats()
    ids = [d.id for d in read_documents([str(path)], stats=stats, max_size=500)]
    assert ids == ["a", "b"]
    assert stats.skipped == 1


def test_max_size_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_text(EVENT_TEXT * 100)
    assert _cli("extract", str(path), "--max-size", "1K").returncode == 2
    assert _cli("extract", str(path), "--max-size", "1M", "-q").returncode == 0
    assert _cli("extract", str(path), "--max-size", "lots").returncode == 2


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_files_are_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(EVENT_TEXT.encode(encoding))
    (document,) = read_documents([str(path)])
    assert document.text == EVENT_TEXT


def test_offsets_count_from_after_a_utf8_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(b"\xef\xbb\xbf" + EVENT_TEXT.encode())
    (document,) = read_documents([str(path)])
    (event,) = eventx.extract(document.text)
    assert EVENT_TEXT[event.trigger.start:event.trigger.end] == event.trigger.text


# -- line endings and ids ------------------------------------------------------------------

def test_cr_only_json_lines_are_separate_documents(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"".join(json.dumps({"id": str(i), "text": EVENT_TEXT}).encode() + b"\r"
                              for i in range(3)))
    stats = InputStats()
    assert [d.id for d in read_documents([str(path)], stats=stats)] == ["0", "1", "2"]
    assert stats.skipped == 0


def test_a_cr_only_headline_is_a_sentence_of_its_own() -> None:
    text = "SUMMIT OPENS\r\rThe presidents of France and Germany met in Berlin on Monday.\r"
    meeting = next(e for e in eventx.extract(text) if e.trigger.text == "met")
    assert text[meeting.sentence.start:meeting.sentence.end].startswith("The presidents")


def test_plain_text_ids_are_unique_among_the_inputs(tmp_path: Path) -> None:
    for folder, name in (("a", "x.txt"), ("b", "x.txt"), ("a", "x.md"), ("a", "y.txt")):
        (tmp_path / folder).mkdir(exist_ok=True)
        (tmp_path / folder / name).write_text(EVENT_TEXT)
    paths = [str(tmp_path / p) for p in ("a/x.txt", "b/x.txt", "a/x.md", "a/y.txt")]
    ids = [d.id for d in read_documents(paths)]
    assert ids == [*paths[:3], "y"]


def test_duplicate_json_ids_are_reported(tmp_path: Path,
                                         caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": EVENT_TEXT}) + "\n"
                            for i in ("a", "b", "a")))
    with caplog.at_level(logging.WARNING):
        assert len(list(read_documents([str(path)]))) == 3
    assert "document id 'a' appears more than once" in caplog.text


def test_a_non_utf8_file_name_gives_valid_utf8_output(tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(name, "wb") as handle:
        handle.write(EVENT_TEXT.encode())
    done = subprocess.run([os.fsencode(sys.executable), b"-m", b"eventx", b"extract", name],
                          capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.decode("utf-8"))["id"] == "caf\ufffd"
    page = os.fsencode(tmp_path) + b"/page.html"
    done = subprocess.run([os.fsencode(sys.executable), b"-m", b"eventx", b"render", name,
                           b"-o", page], capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "caf\ufffd" in Path(os.fsdecode(page)).read_text()


def test_render_reports_a_skipped_input(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(EVENT_TEXT)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert main(["render", str(good), str(empty), "-o", str(tmp_path / "page.html")]) == 2


def test_table_cells_cannot_forge_rows_or_colour_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "a\nforged row\x1b[31m", "text": EVENT_TEXT}) + "\n")
    done = _cli("extract", str(path), "--format", "table", "-q")
    assert done.returncode == 0
    lines = done.stdout.decode().splitlines()
    assert len(lines) == 2
    assert "\x1b" not in done.stdout.decode()
    assert lines[1].startswith("a\\x0aforged row\\x1b")


# -- option values -------------------------------------------------------------------------

@pytest.mark.parametrize("option", [
    ["--timeout", "inf"], ["--timeout", "1e10"], ["--timeout", "nan"], ["--timeout", "-1"],
    ["--timeout", "0"], ["--batch-size", "100000000000000000000"], ["--batch-size", "1e20"],
    ["--processes", "100000"],
])
def test_out_of_range_numbers_are_usage_errors(option: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["extract", *option, "-"])
    assert exit_.value.code == 2


@pytest.mark.parametrize("timeout", [float("inf"), float("nan"), 1e10, -1.0])
def test_the_pipeline_refuses_a_timeout_it_cannot_keep(timeout: float) -> None:
    with pytest.raises(ValueError, match="timeout"):
        eventx.Pipeline(timeout=timeout)


# -- the library ---------------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="POSIX timers")
def test_the_time_limit_keeps_the_host_programs_alarm() -> None:
    pipeline = eventx.Pipeline(timeout=5)
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 100)
        assert pipeline.extract(EVENT_TEXT)
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 90 < left <= 100
        signal.setitimer(signal.ITIMER_REAL, 1)  # due before the limit: left alone
        assert pipeline.extract(EVENT_TEXT)
        assert 0 < signal.getitimer(signal.ITIMER_REAL)[0] <= 1
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert fired == []


def test_numpy_strings_are_text() -> None:
    (event,) = eventx.extract(numpy.str_(EVENT_TEXT))
    assert event.event_type == "TariffAction"
    (result,) = eventx.Pipeline().pipe([numpy.str_(EVENT_TEXT)])
    assert len(result.events) == 1


def _failing_source(count: int) -> Iterator[dict[str, Any]]:
    for i in range(count):
        yield {"id": str(i), "text": EVENT_TEXT}
    raise RuntimeError("the source broke")


@pytest.mark.parametrize("n_process", [1, 2])
def test_pipe_delivers_every_document_read_before_the_source_fails(n_process: int) -> None:
    delivered = []
    with pytest.raises(RuntimeError, match="the source broke"):
        for result in eventx.Pipeline().pipe(_failing_source(100), n_process=n_process):
            delivered.append(result.id)
    assert delivered == [str(i) for i in range(100)]


def test_pipe_delivers_every_document_before_a_malformed_one() -> None:
    documents: list[Any] = [{"id": str(i), "text": EVENT_TEXT} for i in range(80)]
    documents[50] = {"id": "bad"}
    delivered = []
    with pytest.raises(InputError, match="document bad"):
        for result in eventx.Pipeline().pipe(documents):
            delivered.append(result.id)
    assert delivered == [str(i) for i in range(50)]


@pytest.mark.parametrize("batch_size", ["64", "10"])
def test_strict_output_does_not_depend_on_the_batch_size(tmp_path: Path,
                                                         batch_size: str) -> None:
    path = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": str(i), "text": EVENT_TEXT}) for i in range(80)]
    lines[50] = "not json"
    path.write_text("\n".join(lines) + "\n")
    done = _cli("extract", str(path), "--strict", "--batch-size", batch_size)
    assert done.returncode == 2
    assert len(done.stdout.splitlines()) == 50


def _children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as handle:
        return [int(child) for child in handle.read().split()]


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="Linux /proc")
def test_workers_end_when_the_parent_is_killed(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"id": str(i), "text": EVENT_TEXT}) + "\n"
                            for i in range(20_000)))
    parent = subprocess.Popen([sys.executable, "-m", "eventx", "extract", str(path), "-q",
                               "--processes", "2", "--batch-size", "8", "-o",
                               str(tmp_path / "out.jsonl")], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(workers := _children(parent.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(workers) >= 2
    parent.kill()
    parent.wait(timeout=30)
    deadline = time.monotonic() + 30
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_running(pid) for pid in workers)
