"""The plugin manager loads a plugin from a real installed distribution through its entry point.

The distribution lives in ``tests/fixtures/eventx-example-plugin``; install it (not editable) with
``pip install tests/fixtures/eventx-example-plugin``.
"""

from __future__ import annotations

import importlib.metadata

import pytest

from eventx import Pipeline
from eventx.plugins import ALLOW_ENV, BLOCK_ENV, ENTRY_POINT_GROUP, PluginSet

DISTRIBUTION = "eventx-example-plugin"
PLUGIN = "example"


def _installed() -> bool:
    try:
        dist = importlib.metadata.distribution(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return False
    return any(ep.group == ENTRY_POINT_GROUP and ep.name == PLUGIN for ep in dist.entry_points)


pytestmark = pytest.mark.skipif(
    not _installed(),
    reason=f"the test distribution {DISTRIBUTION} is not installed; run "
    "`pip install tests/fixtures/eventx-example-plugin`",
)

TEXT = "The Canadian and Mexican presidents shook hands in Ottawa on Monday."
DATE = "2025-07-09"  # a Wednesday: "on Monday" is 2025-07-07


@pytest.fixture(autouse=True)
def _no_plugin_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ALLOW_ENV, raising=False)
    monkeypatch.delenv(BLOCK_ENV, raising=False)


def test_the_distribution_is_installed_as_a_real_package() -> None:
    dist = importlib.metadata.distribution(DISTRIBUTION)
    (entry_point,) = [ep for ep in dist.entry_points if ep.group == ENTRY_POINT_GROUP]
    assert entry_point.name == PLUGIN
    assert entry_point.value == "eventx_example_plugin"
    # Not an editable install: the module is a file of the installed distribution.
    assert any(str(f).endswith("eventx_example_plugin.py") for f in dist.files or ())


def test_plugin_set_lists_the_entry_point_plugin() -> None:
    plugins = PluginSet()
    infos = [info for info in plugins.info if info.name == PLUGIN]
    assert len(infos) == 1
    info = infos[0]
    assert info.source == "entry point"
    assert info.distribution == DISTRIBUTION
    assert info.version == importlib.metadata.version(DISTRIBUTION)
    assert not info.failed
    assert "Handshake" in plugins.event_types
    assert [e.name for e in plugins.extractors_of(PLUGIN)] == ["example.handshake.v1"]
    assert plugins.types_of(PLUGIN) == ["Handshake"]


def test_entry_point_plugin_events_are_extracted() -> None:
    pipeline = Pipeline()
    handshakes = [e for e in pipeline.extract(TEXT, date=DATE) if e.event_type == "Handshake"]
    assert len(handshakes) == 1
    event = handshakes[0]
    data = event.to_dict()
    assert list(data)[:9] == ["type", "id", "trigger", "sentence", "status", "time",
                              "location", "confidence", "extractor"]
    assert data["trigger"] == {"start": 36, "end": 47, "text": "shook hands"}
    assert TEXT[36:47] == "shook hands"
    assert data["sentence"] == {"start": 0, "end": len(TEXT), "text": TEXT}
    assert data["status"] == "occurred"
    assert data["time"]["value"] == "2025-07-07"
    assert data["location"]["country"] == "CAN"
    assert data["extractor"] == "example.handshake.v1"
    assert {a["country"] for a in data["participants"]} == {"CAN", "MEX"}
    assert pipeline.event_from_dict(data) == event


def test_blocking_the_entry_point_plugin_by_name_removes_it() -> None:
    plugins = PluginSet(block=[PLUGIN])
    assert PLUGIN not in [info.name for info in plugins.info]
    assert "Handshake" not in plugins.event_types
    assert not any(e.event_type == "Handshake"
                   for e in Pipeline(block=[PLUGIN]).extract(TEXT, date=DATE))


def test_blocking_the_entry_point_plugin_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BLOCK_ENV, PLUGIN)
    assert PLUGIN not in [info.name for info in PluginSet().info]


def test_entry_points_can_be_switched_off() -> None:
    plugins = PluginSet(entry_points=False)
    assert PLUGIN not in [info.name for info in plugins.info]
