"""Property tests: every generated sentence states one Sanction, and eventx reads it back."""

from __future__ import annotations

from eventx import Pipeline
from eventx.testing.pipeline import isolated_pipeline
from eventx.testing.strategies import Example, examples
from hypothesis import HealthCheck, given, settings

from eventx_sanctions import plugin
from eventx_sanctions.templates import SLOT_KINDS, TEMPLATES

PIPELINE: Pipeline = isolated_pipeline(plugin)
BUILTINS: Pipeline = isolated_pipeline(plugin, builtins=True)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(examples(templates=TEMPLATES, slot_kinds=SLOT_KINDS))
def test_every_template_sentence_gives_its_sanction(example: Example) -> None:
    events = PIPELINE.extract(example.text, date=example.date)
    event = example.find(events)
    assert event is not None, example.describe(events)
    assert event.extractor == "eventx_sanctions.sanction.v1"
    assert example.mismatches(event) == [], example.describe(events)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(examples(templates=TEMPLATES, slot_kinds=SLOT_KINDS))
def test_one_sanction_per_stated_act(example: Example) -> None:
    events = PIPELINE.extract(example.text, date=example.date)
    assert [e.event_type for e in events] == ["Sanction"], example.describe(events)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(examples(templates=TEMPLATES, slot_kinds=SLOT_KINDS))
def test_with_the_builtins_loaded_the_sanction_is_still_found(example: Example) -> None:
    events = BUILTINS.extract(example.text, date=example.date)
    event = example.find(events)
    assert event is not None and example.mismatches(event) == [], example.describe(events)
