"""The extractor-author API: what the tutorial's plugin imports is documented, the common
fields are typed, and list fields of plugin types need no converter of their own."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import ClassVar

import attrs
import pytest

import eventx
import eventx.extracting
from eventx import Actor, Event, Sentence, Span, Status
from eventx.extracting import CommonFields

ROOT = Path(__file__).resolve().parent.parent
#: The modules the API reference documents for plugin authors.
DOCUMENTED = {"eventx", "eventx.extracting", "eventx.testing", "eventx.testing.strategies"}


def _eventx_imports(path: Path) -> list[tuple[str, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("eventx"):
            found += [(node.module or "", alias.name) for alias in node.names]
    return found


@pytest.mark.parametrize("path", sorted(
    (ROOT / "plugins" / "eventx-sanctions" / "src" / "eventx_sanctions").glob("*.py")),
    ids=lambda path: path.name)
def test_the_tutorial_plugin_uses_only_documented_modules(path: Path) -> None:
    imports = [(module, name) for module, name in _eventx_imports(path)
               if not module.startswith("eventx_sanctions")]
    assert [(m, n) for m, n in imports if m not in DOCUMENTED] == []


def test_every_name_of_the_extractor_api_is_in_the_reference() -> None:
    api = (ROOT / "docs" / "api.md").read_text()
    for name in eventx.extracting.__all__:
        assert f"eventx.extracting.{name}" in api, name
        assert (getattr(eventx.extracting, name).__doc__ or "").strip(), name


def _fields() -> CommonFields:
    return CommonFields(trigger=Span(start=0, end=3, text="met"),
                        sentence=Sentence(start=0, end=10), status=Status.OCCURRED, time=None,
                        location=None, extractor="x.meeting.v1")


def test_common_fields_are_typed_and_build_an_event_with_stars() -> None:
    fields = _fields()
    planned = fields.replace(status=Status.PLANNED)
    assert planned.status is Status.PLANNED and fields.status is Status.OCCURRED
    assert dict(planned)["status"] is Status.PLANNED
    event = eventx.Meeting(**planned)
    assert (event.status, event.trigger, event.extractor) == (
        Status.PLANNED, fields.trigger, "x.meeting.v1")
    # The pipeline, not the extractor, sets an event's id.
    assert set(fields) == {f.name for f in attrs.fields(Event)} - {"confidence", "id"}
    fields["status"] = Status.THREATENED
    assert fields.status is Status.THREATENED
    with pytest.raises(KeyError):
        fields["confidence"]
    with pytest.raises(KeyError, match="not a common field"):
        fields["confidence"] = 0.5


def test_the_list_converters_take_any_iterable() -> None:
    @attrs.frozen(kw_only=True)
    class Truce(Event):
        """A truce between parties."""

        event_type: ClassVar[str] = "Truce"

        parties: tuple[Actor, ...] = attrs.field(default=(), converter=eventx.actor_tuple)
        words: tuple[str, ...] = attrs.field(default=(), converter=eventx.string_tuple)

    actor = Actor(text="Chile", start=0, end=5, name="Chile", kind=eventx.ActorKind.COUNTRY,
                  country="CHL")
    event = Truce(**_fields(), parties=(a for a in [actor]), words=["truce"])
    assert event.parties == (actor,) and event.words == ("truce",)
    assert Truce(**_fields()).parties == ()
    assert event.to_dict()["parties"][0]["country"] == "CHL"
