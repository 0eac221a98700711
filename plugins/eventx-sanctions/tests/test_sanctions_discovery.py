"""The installed distribution: found through the ``eventx`` entry points, and blockable."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from eventx.cli import main
from eventx.plugins import BLOCK_ENV, PluginSet

from eventx_sanctions import plugin


def test_found_through_the_entry_point() -> None:
    plugins = PluginSet()
    [info] = [i for i in plugins.info if i.name == "sanctions"]
    assert (info.source, info.distribution, info.failed) == ("entry point", "eventx-sanctions",
                                                             False)
    assert plugins.manager.get_plugin("sanctions") is plugin
    assert plugins.event_types["Sanction"].__module__ == "eventx_sanctions.plugin"
    assert [e.name for e in plugins.extractors_of("sanctions")] == [
        "eventx_sanctions.sanction.v1"]


def test_listed_by_eventx_plugins(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plugins"]) == 0
    out = capsys.readouterr().out
    assert "sanctions (entry point, eventx-sanctions " in out
    assert "extractor eventx_sanctions.sanction.v1 -> Sanction" in out


def test_blocked_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert "sanctions" not in [i.name for i in PluginSet(block=["sanctions"]).info]
    assert main(["plugins", "--block", "sanctions"]) == 0
    assert "sanctions" not in capsys.readouterr().out


def test_blocked_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BLOCK_ENV, "other, sanctions")
    plugins = PluginSet()
    assert "sanctions" not in [i.name for i in plugins.info]
    assert "Sanction" not in plugins.event_types


def test_command_line_extracts_a_sanction() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "eventx", "extract", "--date", "2024-03-04", "-"],
        input="The European Union imposed sanctions on Russian banks on Monday.",
        capture_output=True, text=True, check=True, timeout=300,
    )
    [event] = [e for e in json.loads(result.stdout)["events"] if e["type"] == "Sanction"]
    assert event["imposer"]["name"] == "European Union"
    assert [t["country"] for t in event["targets"]] == ["RUS"]
    assert event["status"] == "occurred"
    assert event["time"]["value"] == "2024-03-04"
