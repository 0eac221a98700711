"""The plugin is found through its entry point and does nothing without dictionaries."""

from __future__ import annotations

import pytest
from eventx import Pipeline

from eventx_cameo import ENV


def test_found_through_the_entry_point(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV, raising=False)
    pipeline = Pipeline()
    assert "cameo" in [info.name for info in pipeline.plugins.info if not info.failed]
    (event,) = pipeline.extract("Japan and China held talks.")
    assert [a.cameo for a in event.participants] == [None, None]
