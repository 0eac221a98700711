"""Bad input files and JSON lines give one-line messages and the right exit code; output is
written atomically and a closed pipe ends the run quietly."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventx.cli import inputs as inputs_module
from eventx.cli import main
from eventx.cli.inputs import InputStats, read_documents
from eventx.errors import InputError

EVENT_TEXT = "China raised tariffs on US steel on Tuesday."


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m eventx`` in a child process, so that stdout, stderr and exit code are real."""
    return subprocess.run([sys.executable, "-m", "eventx", *args], input=stdin and stdin.decode(),
                          capture_output=True, text=True, check=False, timeout=300)


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


# -- input files ---------------------------------------------------------------------------

def test_missing_file(tmp_path: Path) -> None:
    result = run_cli("extract", str(tmp_path / "nowhere.txt"))
    assert result.returncode == 2
    assert one_line(result.stderr) == f"eventx: error: {tmp_path / 'nowhere.txt'}: no such file"
    assert result.stdout == ""


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = run_cli("extract", "--debug", str(tmp_path / "nowhere.txt"))
    assert result.returncode != 0
    assert "Traceback" in result.stderr and "InputError" in result.stderr


def test_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err


def test_unreadable_file_by_permissions(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                        ) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(EVENT_TEXT)
    path.chmod(0)
    if os.access(path, os.R_OK):
        pytest.skip("this user (root) can read a file of mode 000")
    assert main(["extract", str(path)]) == 2
    assert "secret.txt: cannot be read: Permission denied" in capsys.readouterr().err


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                         capsys: pytest.CaptureFixture[str]) -> None:
    """The same as above, with the refusal simulated, so that it also runs as root."""
    path = tmp_path / "secret.txt"
    path.write_text(EVENT_TEXT)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(inputs_module, "open", refuse, raising=False)
    assert main(["extract", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"eventx: error: {path}: cannot be read: Permission denied"


def test_a_bad_path_is_found_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(EVENT_TEXT)
    assert main(["extract", str(good), str(tmp_path / "typo.txt")]) == 2
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty.txt: is empty"),
    (b" \n\t\n  \r\n", "empty.txt: holds only whitespace"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "empty.txt: looks like a binary file"),
    (b"Caf\xe9 talks", "empty.txt: not valid UTF-8 at byte 3"),
])
def test_unreadable_content(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    result = run_cli("extract", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    first, summary = result.stderr.splitlines()
    assert message in first and "Traceback" not in result.stderr
    assert summary.startswith("eventx: 0 documents read, 0 written")


@pytest.mark.parametrize("suffix", [".txt", ".jsonl"])
def test_empty_files_of_both_formats(tmp_path: Path, suffix: str,
                                     caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / f"nothing{suffix}"
    path.write_bytes(b"\n  \n")
    stats = InputStats()
    assert list(read_documents([str(path)], stats=stats)) == []
    assert stats.failed_files == [str(path)]
    assert "holds only whitespace" in caplog.text
    with pytest.raises(InputError, match="holds only whitespace"):
        list(read_documents([str(path)], strict=True))


def test_encoding_errors_replace(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\xe9: ".encode("latin-1") + EVENT_TEXT.encode())
    (document,) = read_documents([str(path)], replace_errors=True)
    assert document.text == "Caf\ufffd: " + EVENT_TEXT
    result = run_cli("extract", "--encoding-errors", "replace", str(path))
    assert result.returncode == 0
    (line,) = result.stdout.splitlines()
    (event,) = json.loads(line)["events"]
    assert event["type"] == "TariffAction"
    assert document.text[event["trigger"]["start"]:event["trigger"]["end"]] == \
        event["trigger"]["text"]


def test_a_bad_file_among_good_ones_is_skipped_and_the_rest_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, bad, last = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt"
    first.write_text(EVENT_TEXT)
    bad.write_bytes(b"\xff\xfe")
    last.write_text(EVENT_TEXT)
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(first), str(bad), str(last), "-o", str(out)]) == 2
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["a", "c"]
    assert "2 documents read, 2 written" in capsys.readouterr().err
    assert main(["extract", "--strict", str(first), str(bad), "-o", str(tmp_path / "s")]) == 2
    assert not (tmp_path / "s").exists()


# -- JSON Lines ----------------------------------------------------------------------------

BAD_LINES = {
    2: (b"{not json\n", "not valid JSON"),
    3: (b"[1, 2]\n", "expected a JSON object, got list"),
    4: (b'{"id": "x"}\n', "needs a string field 'text'"),
    5: (b'{"text": 42}\n', "needs a string field 'text'"),
    6: (b'{"text": "They met.", "date": "11/07/2025"}\n', "is not an ISO date"),
    7: (b'{"text": "They met.", "id": {"a": 1}}\n', "'id' must be a string or an integer"),
    8: (b'{"text": "caf\xe9"}\n', "not valid UTF-8 at byte"),
}


def jsonl_with_bad_lines(path: Path) -> Path:
    good = [json.dumps({"id": f"good{i}", "text": EVENT_TEXT, "date": "2025-07-11"}).encode()
            + b"\n" for i in range(2)]
    path.write_bytes(good[0] + b"".join(line for line, _ in BAD_LINES.values()) + b"\n"
                     + good[1])
    return path


def test_bad_json_lines_are_skipped_with_file_and_line(tmp_path: Path) -> None:
    path = jsonl_with_bad_lines(tmp_path / "in.jsonl")
    result = run_cli("extract", str(path))
    assert result.returncode == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["good0", "good1"]
    warnings = result.stderr.splitlines()[:-1]
    assert len(warnings) == len(BAD_LINES)
    for warning, (number, (_, reason)) in zip(warnings, BAD_LINES.items(), strict=True):
        assert f"{path}:{number}: " in warning and reason in warning
    assert result.stderr.splitlines()[-1] == (
        "eventx: 2 documents read, 2 written, 2 events, 7 lines skipped")


def test_the_utf8_error_offset_counts_from_the_start_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"text": "ok"}\n' + b'{"text": "caf\xe9"}\n')
    # 15 bytes of line 1, then 13 bytes of line 2 before the bad byte
    with pytest.raises(InputError, match=r"in.jsonl:2: not valid UTF-8 at byte 28 "):
        list(read_documents([str(path)], strict=True))


def test_strict_stops_at_the_first_bad_line(tmp_path: Path) -> None:
    path = jsonl_with_bad_lines(tmp_path / "in.jsonl")
    result = run_cli("extract", "--strict", str(path), "-o", str(tmp_path / "out.jsonl"))
    assert result.returncode == 2
    assert one_line(result.stderr).startswith(f"eventx: error: {path}:2: not valid JSON")
    assert not (tmp_path / "out.jsonl").exists()


def test_the_summary_is_printed_when_nothing_went_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"text": EVENT_TEXT}) + "\n" for _ in range(3)))
    assert main(["extract", str(path)]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 3
    assert captured.err == "eventx: 3 documents read, 3 written, 3 events, 0 lines skipped\n"
    assert main(["extract", "--quiet", str(path)]) == 0
    assert capsys.readouterr().err == ""


def test_a_jsonl_file_that_is_binary_is_one_error(tmp_path: Path,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\x00\x01\x02\n" * 100)
    stats = InputStats()
    assert list(read_documents([str(path)], stats=stats)) == []
    assert stats.failed_files == [str(path)] and stats.skipped == 0
    assert len(caplog.records) == 1 and "binary" in caplog.text


# -- output --------------------------------------------------------------------------------

def test_a_closed_pipe_ends_the_run_quietly(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text("".join(json.dumps({"id": str(i), "text": EVENT_TEXT}) + "\n"
                            for i in range(3000)))
    command = f'"{sys.executable}" -m eventx extract "{path}" | head -n 1'
    result = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True,
                            text=True, check=False, timeout=600)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "0"
    assert result.stderr == ""


def test_the_output_file_appears_only_when_complete(tmp_path: Path) -> None:
    """A run stopped by SIGTERM or Ctrl-C leaves neither the output nor its temporary file."""
    out = tmp_path / "out.jsonl"
    for stop in (signal.SIGTERM, signal.SIGINT):
        child = subprocess.Popen([sys.executable, "-m", "eventx", "extract", "--input", "jsonl",
                                  "-o", str(out)], stdin=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
        assert child.stdin is not None
        child.stdin.write(json.dumps({"text": EVENT_TEXT}) + "\n")
        child.stdin.flush()
        deadline = time.monotonic() + 120
        while not any(tmp_path.glob(".out.jsonl.*.part")) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert list(tmp_path.glob(".out.jsonl.*.part")), "the run never started writing"
        child.send_signal(stop)
        child.wait(timeout=60)
        child.stdin.close()
        assert child.returncode == (143 if stop == signal.SIGTERM else 130)
        assert os.listdir(tmp_path) == []


def test_the_output_file_is_complete_and_has_the_usual_mode(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.txt"
    source.write_text(EVENT_TEXT)
    out = tmp_path / "out.json"
    assert main(["extract", str(source), "--format", "json", "-o", str(out)]) == 0
    (result,) = json.loads(out.read_text())
    assert result["id"] == "in"
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask
    assert sorted(os.listdir(tmp_path)) == ["in.txt", "out.json"]


def test_an_output_path_that_cannot_be_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.txt"
    source.write_text(EVENT_TEXT)
    assert main(["extract", str(source), "-o", str(tmp_path / "no" / "dir.jsonl")]) == 2
    assert "cannot be written: No such file or directory" in capsys.readouterr().err
    assert main(["extract", str(source), "-o", str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err


def test_unencodable_text_is_escaped_in_the_output(tmp_path: Path) -> None:
    """A lone surrogate (legal in JSON) cannot be written as UTF-8; it comes out escaped."""
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "s\\ud800", "text": "Lone \\udc00 surrogate. ' + EVENT_TEXT + '"}\n')
    result = run_cli("extract", str(path))
    assert result.returncode == 0, result.stderr
    assert '"id": "s\\ud800"' in result.stdout
    assert json.loads(result.stdout)["events"][0]["type"] == "TariffAction"


def test_bad_options_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["extract", "--batch-size", "0"])
    assert exit_.value.code == 2
    assert main(["extract", "--date", "yesterday", "-"]) == 2
    assert "--date: 'yesterday' is not an ISO date" in capsys.readouterr().err


def test_input_error_messages_are_logged_not_raised_by_default(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = jsonl_with_bad_lines(tmp_path / "in.jsonl")
    stats = InputStats()
    with caplog.at_level(logging.WARNING):
        ids = [d.id for d in read_documents([str(path)], stats=stats)]
    assert ids == ["good0", "good1"]
    assert (stats.read, stats.skipped, stats.failed_files) == (2, len(BAD_LINES), [])
