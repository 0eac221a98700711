"""The pytest plugin of eventx (entry point ``pytest11``): fixtures for testing plugins.

Installed with eventx, so the fixtures are there in any test suite; using them needs the
``testing`` extra. Loading the plugin imports eventx, nothing more:

``eventx_pipeline``
    a factory: ``eventx_pipeline(*plugins, extractors=[...], builtins=False, ...)`` is
    :func:`eventx.testing.isolated_pipeline` (exactly the plugins given, no entry points).
``eventx_recorder``
    an :class:`EventRecorder`, a plugin to pass to the pipeline that records what every
    ``eventx_process_events`` call received, after the other plugins' hooks ran.

::

    def test_my_plugin(eventx_pipeline, eventx_recorder):
        pipeline = eventx_pipeline(my_plugin, eventx_recorder)
        pipeline.extract("The EU imposed sanctions on Russia.")
        assert [e.event_type for e in eventx_recorder.events] == ["Sanction"]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import pytest

from eventx.events import Event
from eventx.hookspecs import hookimpl

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from eventx.pipeline import Pipeline


class EventRecorder:
    """A plugin that records the events of each document, as the last process hook sees them.

    :param name: the plugin's name.
    """

    def __init__(self, name: str = "eventx-recorder") -> None:
        self.eventx_plugin_name = name
        #: One (document text, events) pair per document processed, in order.
        self.calls: list[tuple[str, list[Event]]] = []

    @property
    def events(self) -> list[Event]:
        """Every recorded event, of every document, in order."""
        return [event for _, events in self.calls for event in events]

    def clear(self) -> None:
        """Forget what was recorded."""
        self.calls.clear()

    @hookimpl(trylast=True)
    def eventx_process_events(self, doc: Doc, events: Sequence[Event]) -> None:
        """Record ``events``; leaves them unchanged."""
        self.calls.append((doc.text, list(events)))


@pytest.fixture
def eventx_pipeline() -> Callable[..., Pipeline]:
    """A factory of isolated pipelines: the arguments of
    :func:`eventx.testing.isolated_pipeline`."""
    from eventx.testing.pipeline import isolated_pipeline

    def make(*plugins: object, **options: Any) -> Pipeline:
        return isolated_pipeline(*plugins, **options)

    return make


@pytest.fixture
def eventx_recorder() -> EventRecorder:
    """A fresh :class:`EventRecorder` to pass to a pipeline as a plugin."""
    return EventRecorder()
