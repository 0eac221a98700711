"""The installed distribution: found through the ``eventx`` entry points, and blockable."""

from __future__ import annotations

import pytest
from eventx import Pipeline
from eventx.cli import main
from eventx.plugins import BLOCK_ENV, PluginSet

from eventx_leaders import plugin

TEXT = "Marco Rubio met Wang Yi in Kuala Lumpur."  # officials that eventx alone does not know


def test_found_through_the_entry_point() -> None:
    plugins = PluginSet()
    [info] = [i for i in plugins.info if i.name == "leaders"]
    assert (info.source, info.distribution, info.failed) == ("entry point", "eventx-leaders",
                                                             False)
    assert plugins.manager.get_plugin("leaders") is plugin
    assert plugins.extractors_of("leaders") == [] and plugins.types_of("leaders") == []
    names = {entry["name"] for owner, entry in plugins.gazetteer_entries() if owner == "leaders"}
    assert {"Marco Rubio", "Wang Yi"} <= names


def test_listed_by_eventx_plugins(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plugins"]) == 0
    assert "leaders (entry point, eventx-leaders " in capsys.readouterr().out


def test_the_default_pipeline_knows_the_leaders() -> None:
    [event] = Pipeline().extract(TEXT)
    assert [a.country for a in getattr(event, "participants", ())] == ["USA", "CHN"]


def test_blocked_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plugins", "--block", "leaders"]) == 0
    assert "leaders" not in capsys.readouterr().out
    found = Pipeline(block=["leaders"]).extract(TEXT)
    assert not any(a.country for e in found for a in getattr(e, "participants", ()))


def test_blocked_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BLOCK_ENV, "leaders")
    assert "leaders" not in [i.name for i in PluginSet().info]
