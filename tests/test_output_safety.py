"""``-o`` never destroys an input or a special file; interrupted runs keep finished documents."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from eventx.cli import main

EVENT_TEXT = "China raised tariffs on US steel on Tuesday."


def _jsonl(path: Path, count: int) -> Path:
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": EVENT_TEXT}) + "\n"
                            for i in range(count)))
    return path


@pytest.mark.parametrize("command", ["extract", "render"])
@pytest.mark.parametrize("link", ["same", "symlink", "hardlink"])
def test_an_output_that_is_an_input_is_refused_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, link: str
) -> None:
    source = _jsonl(tmp_path / "in.jsonl", 3)
    before = source.read_bytes()
    output = tmp_path / "out.jsonl"
    if link == "same":
        output = source
    elif link == "symlink":
        output.symlink_to(source)
    else:
        os.link(source, output)
    assert main([command, str(source), "-o", str(output)]) == 2
    assert "is also an input" in capsys.readouterr().err
    assert source.read_bytes() == before


def test_standard_input_redirected_from_the_output_is_refused(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", 2)
    with source.open("rb") as stdin:
        done = subprocess.run([sys.executable, "-m", "eventx", "extract", "--input", "jsonl",
                               "-o", str(source)], stdin=stdin, capture_output=True,
                              text=True, timeout=300)
    assert done.returncode == 2
    assert "is also an input (standard input)" in done.stderr
    assert len(source.read_text().splitlines()) == 2


def test_the_output_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", 1)
    output = tmp_path / "out.jsonl"
    output.write_text("old\n")
    output.chmod(0o600)
    assert main(["extract", str(source), "-q", "-o", str(output)]) == 0
    assert stat.S_IMODE(output.stat().st_mode) == 0o600
    assert json.loads(output.read_text())["id"] == "d0"


def test_a_symlinked_output_writes_its_target(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", 1)
    target = tmp_path / "real.jsonl"
    target.write_text("old\n")
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    assert main(["extract", str(source), "-q", "-o", str(link)]) == 0
    assert link.is_symlink()
    assert json.loads(target.read_text())["id"] == "d0"


def test_a_fifo_is_written_to_not_replaced(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", 2)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    done = subprocess.run([sys.executable, "-m", "eventx", "extract", str(source), "-q",
                           "-o", str(fifo)], capture_output=True, text=True, timeout=300)
    reader.join(timeout=60)
    assert done.returncode == 0, done.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert [json.loads(line)["id"] for line in received[0].splitlines()] == ["d0", "d1"]


def test_resume_appends_only_the_documents_not_yet_written(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", 5)
    output = tmp_path / "out.jsonl"
    first = [json.dumps({"id": "d0", "events": []}), json.dumps({"id": "d1", "events": []})]
    output.write_text("\n".join(first) + '\n{"id": "d2", "ev')  # cut off by a crash
    assert main(["extract", str(source), "-q", "--resume", "-o", str(output)]) == 0
    lines = output.read_text().splitlines()
    assert lines[:2] == first
    assert [json.loads(line)["id"] for line in lines] == ["d0", "d1", "d2", "d3", "d4"]
    assert json.loads(lines[2])["events"][0]["type"] == "TariffAction"


def test_resume_refuses_a_file_that_is_not_results(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    source = _jsonl(tmp_path / "in.jsonl", 1)
    output = tmp_path / "out.jsonl"
    output.write_text("not json\n")
    assert main(["extract", str(source), "--resume", "-o", str(output)]) == 2
    assert "not a result line" in capsys.readouterr().err
    assert output.read_text() == "not json\n"


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_resumable_run_keeps_every_finished_document(
    tmp_path: Path, stop: signal.Signals
) -> None:
    """Stopped mid-run, the file is a valid JSON Lines prefix; a second run completes it."""
    count = 400
    source = _jsonl(tmp_path / "in.jsonl", count)
    output = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "eventx", "extract", str(source), "-q", "--batch-size",
               "1", "--resume", "-o", str(output)]
    child = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while (not output.exists() or output.stat().st_size == 0) and time.monotonic() < deadline:
        time.sleep(0.05)
    child.send_signal(stop)
    child.wait(timeout=60)
    assert child.returncode == (143 if stop == signal.SIGTERM else 130)
    text = output.read_text()
    assert text.endswith("\n")
    ids = [json.loads(line)["id"] for line in text.splitlines()]
    assert 0 < len(ids) < count
    assert ids == [f"d{i}" for i in range(len(ids))]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    ids = [json.loads(line)["id"] for line in output.read_text().splitlines()]
    assert ids == [f"d{i}" for i in range(count)]


def test_an_interrupted_run_without_resume_keeps_the_previous_file(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", 400)
    output = tmp_path / "out.jsonl"
    output.write_text("previous\n")
    child = subprocess.Popen([sys.executable, "-m", "eventx", "extract", str(source), "-q",
                              "--batch-size", "1", "-o", str(output)], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".out.jsonl.*.part")) and time.monotonic() < deadline:
        time.sleep(0.05)
    child.send_signal(signal.SIGTERM)
    child.wait(timeout=60)
    assert output.read_text() == "previous\n"
    assert sorted(os.listdir(tmp_path)) == ["in.jsonl", "out.jsonl"]


def test_a_device_that_is_also_standard_input_is_not_an_input_to_protect() -> None:
    """``eventx extract -o /dev/stdout`` at a terminal: the same device, nothing to destroy."""
    with open(os.devnull, "rb") as stdin:
        done = subprocess.run([sys.executable, "-m", "eventx", "extract", "-o", os.devnull],
                              stdin=stdin, capture_output=True, text=True, timeout=300)
    assert "is also an input" not in done.stderr
    assert "<stdin>: is empty" in done.stderr
