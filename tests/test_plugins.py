"""Example tests of the plugin system: built-ins through the hooks, allow/block, clashes,
extractor checks, in-process plugins, per-pipeline managers, gazetteer and process hooks."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Sequence
from typing import Any, ClassVar

import attrs
import pytest
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from eventx import (
    Actor,
    Event,
    Extractor,
    Meeting,
    Pipeline,
    PluginError,
    TariffAction,
    hookimpl,
)
from eventx.analysis.document import DocumentAnalysis
from eventx.plugins import ALLOW_ENV, BLOCK_ENV, BUILTIN_PLUGINS, PluginSet

CORE_TYPES = {"Meeting", "Summit", "TariffAction", "TroopAdjustment"}
BUILTIN_EXTRACTORS = {"eventx.meeting.v1", "eventx.summit.v1", "eventx.tariffs.v1",
                      "eventx.troops.v1"}
DATE = "2025-07-09"  # a Wednesday


@pytest.fixture(autouse=True)
def _no_plugin_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests here control allow/block themselves; the caller's environment must not leak in."""
    monkeypatch.delenv(ALLOW_ENV, raising=False)
    monkeypatch.delenv(BLOCK_ENV, raising=False)


# ---------------------------------------------------------------- in-process test plugins


@attrs.frozen(kw_only=True)
class Toast(Event):
    """A made-up event type: a toast raised at a dinner."""

    event_type: ClassVar[str] = "Toast"

    participants: tuple[Actor, ...] = attrs.field(factory=tuple, converter=tuple)


@attrs.frozen(kw_only=True)
class OtherToast(Event):
    """A second class that claims the same type name."""

    event_type: ClassVar[str] = "Toast"


class ToastExtractor(Extractor):
    """Finds toasts from "raised a toast"."""

    name = "toasts.toast.v1"
    event_types = (Toast,)
    patterns: ClassVar[dict[str, list[list[dict[str, Any]]]]] = {
        "toast": [[{"LOWER": {"IN": ["raised", "raise"]}}, {"LOWER": "a"},
                   {"LOWER": "toast"}]],
    }

    def extract(self, trigger: SpacySpan, analysis: DocumentAnalysis) -> Iterator[Event]:
        actors = analysis.actors_in(analysis.sentence(trigger))
        yield Toast(**analysis.common_fields(trigger, self.name),
                    participants=tuple(m.actor for m in actors))


class ToastPlugin:
    """Registers the Toast type and its extractor."""

    eventx_plugin_name = "toasts"

    @hookimpl
    def eventx_register_event_types(self, register: Callable[[type[Event]], None]) -> None:
        register(Toast)

    @hookimpl
    def eventx_register_extractors(self, register: Callable[[Extractor], None]) -> None:
        register(ToastExtractor())


class OtherToastPlugin:
    """Registers a different class under the type name "Toast"."""

    eventx_plugin_name = "other-toasts"

    @hookimpl
    def eventx_register_event_types(self, register: Callable[[type[Event]], None]) -> None:
        register(OtherToast)


class ExtractorOnlyPlugin:
    """Registers one extractor, given at construction, and no type."""

    def __init__(self, extractor: object, name: str = "bad-extractor") -> None:
        self.extractor = extractor
        self.eventx_plugin_name = name

    @hookimpl
    def eventx_register_extractors(self, register: Callable[[object], None]) -> None:
        register(self.extractor)


class UnversionedToastExtractor(ToastExtractor):
    name = "toasts.toast"


class SpacedToastExtractor(ToastExtractor):
    name = "toast extractor v1"


class FreedoniaGazetteer:
    """A made-up country, with an alias, through the gazetteer hook."""

    eventx_plugin_name = "freedonia"

    @hookimpl
    def eventx_gazetteer(self) -> list[dict[str, Any]]:
        return [{"name": "Freedonia", "kind": "country", "country": "XFR",
                 "aliases": ["Republic of Freedonia"]}]


class DropTariffs:
    """Removes every TariffAction through the process_events hook."""

    eventx_plugin_name = "drop-tariffs"

    @hookimpl
    def eventx_process_events(self, doc: Doc, events: Sequence[Event]) -> list[Event]:
        return [event for event in events if not isinstance(event, TariffAction)]


class LeaveUnchanged:
    """Returns None from process_events: the events stay as they were."""

    eventx_plugin_name = "leave-unchanged"
    seen: ClassVar[list[int]] = []

    @hookimpl
    def eventx_process_events(self, doc: Doc, events: Sequence[Event]) -> None:
        self.seen.append(len(events))


# ---------------------------------------------------------------- built-ins


def test_builtins_are_registered_as_plugins_through_the_hooks() -> None:
    plugins = PluginSet(entry_points=False)

    assert [info.name for info in plugins.info] == list(BUILTIN_PLUGINS)
    assert {info.source for info in plugins.info} == {"builtin"}
    for name, module in BUILTIN_PLUGINS.items():
        assert plugins.manager.get_plugin(name) is importlib.import_module(module)
    extractor_hooks = plugins.manager.hook.eventx_register_extractors.get_hookimpls()
    assert {impl.plugin_name for impl in extractor_hooks} == {
        "eventx.meeting", "eventx.summit", "eventx.tariffs", "eventx.troops"}
    gazetteer_hooks = plugins.manager.hook.eventx_gazetteer.get_hookimpls()
    assert "eventx.gazetteer" in {impl.plugin_name for impl in gazetteer_hooks}
    assert set(plugins.event_types) == CORE_TYPES
    assert {extractor.name for _, extractor in plugins.extractors} == BUILTIN_EXTRACTORS


def test_each_builtin_extractor_is_owned_by_its_plugin() -> None:
    plugins = PluginSet(entry_points=False)
    assert [e.name for e in plugins.extractors_of("eventx.meeting")] == ["eventx.meeting.v1"]
    assert plugins.types_of("eventx.troops") == ["TroopAdjustment"]
    assert plugins.extractors_of("eventx.gazetteer") == []


def test_without_builtins_nothing_is_loaded() -> None:
    plugins = PluginSet(builtins=False, entry_points=False)
    assert plugins.info == []
    assert plugins.event_types == {}
    assert plugins.extractors == []


# ---------------------------------------------------------------- allow / block


def test_block_by_argument_removes_the_plugin() -> None:
    plugins = PluginSet(entry_points=False, block=["eventx.tariffs"])
    assert "eventx.tariffs" not in [info.name for info in plugins.info]
    assert "TariffAction" not in plugins.event_types
    assert "eventx.tariffs.v1" not in {e.name for _, e in plugins.extractors}


def test_allow_by_argument_loads_only_those() -> None:
    plugins = PluginSet(entry_points=False, allow=["eventx.gazetteer", "eventx.meeting"])
    assert [info.name for info in plugins.info] == ["eventx.gazetteer", "eventx.meeting"]
    assert set(plugins.event_types) == {"Meeting"}


def test_block_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BLOCK_ENV, "eventx.troops, eventx.summit")
    plugins = PluginSet(entry_points=False)
    assert set(plugins.event_types) == {"Meeting", "TariffAction"}


def test_allow_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ALLOW_ENV, "eventx.gazetteer,eventx.troops")
    plugins = PluginSet(entry_points=False)
    assert [info.name for info in plugins.info] == ["eventx.gazetteer", "eventx.troops"]
    assert {e.name for _, e in plugins.extractors} == {"eventx.troops.v1"}


def test_allow_argument_takes_precedence_over_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ALLOW_ENV, "eventx.troops")
    plugins = PluginSet(entry_points=False, allow=["eventx.meeting"])
    assert [info.name for info in plugins.info] == ["eventx.gazetteer", "eventx.meeting"]


def test_block_argument_and_environment_add_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BLOCK_ENV, "eventx.troops")
    plugins = PluginSet(entry_points=False, block=["eventx.summit"])
    assert set(plugins.event_types) == {"Meeting", "TariffAction"}


def test_block_wins_over_allow() -> None:
    plugins = PluginSet(entry_points=False, allow=["eventx.meeting"], block=["eventx.meeting"])
    assert [info.name for info in plugins.info] == ["eventx.gazetteer"]


def test_blocked_extractor_finds_nothing_in_a_pipeline() -> None:
    text = "Washington will withdraw 4,500 troops from Germany next year."
    assert [e.event_type for e in Pipeline(entry_points=False).extract(text)] == [
        "TroopAdjustment"]
    assert Pipeline(entry_points=False, block=["eventx.troops"]).extract(text) == []


def test_given_plugins_obey_allow_and_block() -> None:
    blocked = PluginSet([ToastPlugin()], entry_points=False, block=["toasts"])
    assert "Toast" not in blocked.event_types
    allowed = PluginSet([ToastPlugin()], entry_points=False, allow=["toasts"])
    assert [info.name for info in allowed.info] == ["eventx.gazetteer", "toasts"]
    assert set(allowed.event_types) == {"Toast"}


# ---------------------------------------------------------------- clashes and bad extractors


def test_type_name_clash_names_both_plugins() -> None:
    with pytest.raises(PluginError) as caught:
        PluginSet([ToastPlugin(), OtherToastPlugin()], builtins=False, entry_points=False,
                  strict=True)
    message = str(caught.value)
    assert "'Toast'" in message
    assert "'toasts'" in message
    assert "'other-toasts'" in message


def test_clash_with_a_core_type_names_the_builtin_plugin() -> None:
    @attrs.frozen(kw_only=True)
    class FakeMeeting(Event):
        event_type: ClassVar[str] = "Meeting"

    class FakeMeetingPlugin:
        eventx_plugin_name = "fake-meetings"

        @hookimpl
        def eventx_register_event_types(self, register: Callable[[type[Event]], None]) -> None:
            register(FakeMeeting)

    with pytest.raises(PluginError) as caught:
        PluginSet([FakeMeetingPlugin()], entry_points=False, strict=True)
    assert "'eventx.meeting'" in str(caught.value)
    assert "'fake-meetings'" in str(caught.value)


def test_same_class_registered_twice_is_not_a_clash() -> None:
    class AlsoToast:
        eventx_plugin_name = "also-toasts"

        @hookimpl
        def eventx_register_event_types(self, register: Callable[[type[Event]], None]) -> None:
            register(Toast)

    plugins = PluginSet([ToastPlugin(), AlsoToast()], builtins=False, entry_points=False)
    assert plugins.event_types == {"Toast": Toast}


def test_two_plugins_with_the_same_name_are_rejected() -> None:
    with pytest.raises(PluginError, match="toasts"):
        PluginSet([ToastPlugin(), ToastPlugin()], builtins=False, entry_points=False, strict=True)


@pytest.mark.parametrize("extractor_class", [UnversionedToastExtractor, SpacedToastExtractor])
def test_extractor_without_a_versioned_name_is_rejected(extractor_class: type) -> None:
    with pytest.raises(PluginError, match="version") as caught:
        PluginSet([ToastPlugin(), ExtractorOnlyPlugin(extractor_class())], builtins=False,
                  entry_points=False, strict=True)
    assert caught.value.plugin == "bad-extractor"


def test_extractor_with_an_unregistered_type_is_rejected() -> None:
    with pytest.raises(PluginError, match="Toast") as caught:
        PluginSet([ExtractorOnlyPlugin(ToastExtractor())], entry_points=False, strict=True)
    assert "unregistered" in str(caught.value)
    assert caught.value.plugin == "bad-extractor"


def test_something_that_is_not_an_extractor_is_rejected() -> None:
    with pytest.raises(PluginError, match=r"not an eventx\.Extractor"):
        PluginSet([ExtractorOnlyPlugin(lambda doc: [])], entry_points=False, strict=True)


def test_registering_a_non_event_class_is_rejected() -> None:
    class NotAnEvent:
        eventx_plugin_name = "not-an-event"

        @hookimpl
        def eventx_register_event_types(self, register: Callable[[type], None]) -> None:
            register(dict)

    with pytest.raises(PluginError, match="not-an-event"):
        PluginSet([NotAnEvent()], entry_points=False, strict=True)


def test_two_extractors_with_the_same_name_are_rejected() -> None:
    with pytest.raises(PluginError, match=r"toasts\.toast\.v1"):
        PluginSet([ToastPlugin(), ExtractorOnlyPlugin(ToastExtractor())], builtins=False,
                  entry_points=False, strict=True)


# ---------------------------------------------------------------- plugins=[...] and isolation


TOAST_TEXT = "The Japanese and Canadian prime ministers raised a toast in Ottawa on Monday."


def test_plugin_given_to_the_pipeline_extracts_its_events() -> None:
    pipeline = Pipeline(plugins=[ToastPlugin()], entry_points=False)

    info = [i for i in pipeline.plugins.info if i.name == "toasts"]
    assert len(info) == 1 and info[0].source == "given"
    assert pipeline.event_types["Toast"] is Toast

    events = pipeline.extract(TOAST_TEXT, date=DATE)
    toasts = [e for e in events if isinstance(e, Toast)]
    assert len(toasts) == 1
    toast = toasts[0]
    assert toast.trigger.text == "raised a toast"
    assert TOAST_TEXT[toast.trigger.start:toast.trigger.end] == "raised a toast"
    assert toast.extractor == "toasts.toast.v1"
    assert toast.time is not None and toast.time.value == "2025-07-07"
    assert toast.location is not None and toast.location.country == "CAN"
    assert {a.country for a in toast.participants} >= {"JPN", "CAN"}
    assert pipeline.event_from_dict(toast.to_dict()) == toast


def test_each_pipeline_has_its_own_plugin_manager() -> None:
    with_toasts = Pipeline(plugins=[ToastPlugin()], entry_points=False)
    without = Pipeline(entry_points=False)

    assert with_toasts.plugins is not without.plugins
    assert with_toasts.plugins.manager is not without.plugins.manager
    assert "Toast" in with_toasts.event_types
    assert "Toast" not in without.event_types
    assert not any(isinstance(e, Toast) for e in without.extract(TOAST_TEXT))

    # Changing one manager after the fact leaves the other untouched.
    with_toasts.plugins.manager.unregister(name="eventx.troops")
    assert without.plugins.manager.has_plugin("eventx.troops")
    again = Pipeline(entry_points=False)
    assert "Toast" not in again.event_types
    assert again.plugins.manager.has_plugin("eventx.troops")


# ---------------------------------------------------------------- gazetteer and process hooks


def test_gazetteer_hook_adds_a_made_up_country() -> None:
    text = "Freedonia met Japan in Geneva on Monday."
    plain = Pipeline(entry_points=False).extract(text, date=DATE)
    assert all(a.name != "Freedonia"
               for e in plain if isinstance(e, Meeting) for a in e.participants)

    events = Pipeline(plugins=[FreedoniaGazetteer()], entry_points=False).extract(text, date=DATE)
    meetings = [e for e in events if isinstance(e, Meeting)]
    assert len(meetings) == 1
    freedonia = [a for a in meetings[0].participants if a.name == "Freedonia"]
    assert len(freedonia) == 1
    actor = freedonia[0]
    assert (actor.text, actor.start, actor.end) == ("Freedonia", 0, 9)
    assert actor.kind.value == "country"
    assert actor.country == "XFR"
    assert "JPN" in {a.country for a in meetings[0].participants}


def test_gazetteer_alias_is_recognised_with_the_canonical_name() -> None:
    text = "The Republic of Freedonia and Japan held talks in Geneva on Monday."
    events = Pipeline(plugins=[FreedoniaGazetteer()], entry_points=False).extract(text, date=DATE)
    meetings = [e for e in events if isinstance(e, Meeting)]
    assert len(meetings) == 1
    actors = [a for a in meetings[0].participants if a.country == "XFR"]
    assert [(a.text, a.name) for a in actors] == [("Republic of Freedonia", "Freedonia")]
    assert text[actors[0].start:actors[0].end] == "Republic of Freedonia"


def test_malformed_gazetteer_entry_is_rejected_with_the_plugin_name() -> None:
    class BadGazetteer:
        eventx_plugin_name = "bad-gazetteer"

        @hookimpl
        def eventx_gazetteer(self) -> list[dict[str, Any]]:
            return [{"name": "Atlantis", "kind": "country", "country": "atlantis"}]

    with pytest.raises(PluginError, match="bad-gazetteer"):
        Pipeline(plugins=[BadGazetteer()], entry_points=False, strict=True)


MIXED_TEXT = ("Japan raised tariffs on Chinese steel to 30% on Friday. "
              "The two foreign ministers met in Geneva on Monday.")


def test_process_events_hook_can_filter_events() -> None:
    plain = Pipeline(entry_points=False).extract(MIXED_TEXT, date=DATE)
    assert [e.event_type for e in plain] == ["TariffAction", "Meeting"]

    filtered = Pipeline(plugins=[DropTariffs()], entry_points=False).extract(MIXED_TEXT,
                                                                             date=DATE)
    assert [e.event_type for e in filtered] == ["Meeting"]
    assert filtered[0] == plain[1]


def test_process_events_hook_returning_none_leaves_events_unchanged() -> None:
    LeaveUnchanged.seen.clear()
    pipeline = Pipeline(plugins=[LeaveUnchanged()], entry_points=False)
    events = pipeline.extract(MIXED_TEXT, date=DATE)
    assert [e.event_type for e in events] == ["TariffAction", "Meeting"]
    assert LeaveUnchanged.seen == [2]


# ---------------------------------------------------------------- hook order
#
# PluginSet._implementations reverses pluggy's get_hookimpls(), which is already in
# registration order, so hooks run last-registered first: built-ins after given plugins.


class GenevaElsewhere:
    """Corrects a built-in place: the gazetteer docs say the later entry wins."""

    eventx_plugin_name = "geneva-elsewhere"

    @hookimpl
    def eventx_gazetteer(self) -> list[dict[str, Any]]:
        return [{"name": "Geneva", "kind": "place", "country": "XGV"}]


class DropSummits:
    """Removes every Summit, including those the built-in summit plugin makes from meetings."""

    eventx_plugin_name = "drop-summits"

    @hookimpl
    def eventx_process_events(self, doc: Doc, events: Sequence[Event]) -> list[Event]:
        return [event for event in events if event.event_type != "Summit"]


def test_a_plugin_gazetteer_entry_overrides_the_builtin_one() -> None:
    events = Pipeline(plugins=[GenevaElsewhere()], entry_points=False).extract(
        "The two foreign ministers met in Geneva on Monday.")
    assert events[0].location is not None
    assert events[0].location.country == "XGV"


def test_a_plugin_process_hook_runs_after_the_builtin_ones() -> None:
    text = "President Macron and Chancellor Merz met in Paris on Monday."
    assert [e.event_type for e in Pipeline(entry_points=False).extract(text)] == ["Summit"]
    assert Pipeline(plugins=[DropSummits()], entry_points=False).extract(text) == []


def test_the_plugin_registering_a_clashing_type_second_is_the_one_at_fault() -> None:
    with pytest.raises(PluginError) as caught:
        PluginSet([ToastPlugin(), OtherToastPlugin()], builtins=False, entry_points=False,
                  strict=True)
    assert caught.value.plugin == "other-toasts"
    assert str(caught.value).index("'toasts'") < str(caught.value).index("'other-toasts'")
