"""A plugin's mistakes stay that plugin's: checked registrations, isolated failures, warnings
for names that match nothing, hooks called through pluggy, plugin types written in full."""

from __future__ import annotations

import enum
import json
import logging
import subprocess
import sys
import textwrap
from collections.abc import Callable, Generator, Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar, Literal

import attrs
import pytest
import spacy
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from eventx import Actor, Event, Extractor, Pipeline, PluginError, hookimpl
from eventx.analysis.document import DocumentAnalysis
from eventx.plugins import ALLOW_ENV, BLOCK_ENV, PluginSet
from eventx.schema import json_schema

TEXT = "Russia and Ukraine agreed a ceasefire on Tuesday."


@pytest.fixture(autouse=True)
def _no_plugin_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ALLOW_ENV, raising=False)
    monkeypatch.delenv(BLOCK_ENV, raising=False)


class CeasefireAction(str, enum.Enum):
    """What the parties do to the truce."""

    AGREE = "agree"
    BREAK = "break"


@attrs.frozen(kw_only=True)
class Ceasefire(Event):
    """Parties agree or break a truce."""

    event_type: ClassVar[str] = "Ceasefire"

    parties: tuple[Actor, ...] = attrs.field(default=(), converter=tuple)
    action: CeasefireAction = CeasefireAction.AGREE
    scope: Literal["local", "general"] = "general"


class CeasefireExtractor(Extractor):
    """Finds "ceasefire"."""

    name = "ceasefire.truce.v1"
    event_types = (Ceasefire,)
    patterns: ClassVar[dict[str, list[list[dict[str, Any]]]]] = {
        "noun": [[{"LOWER": "ceasefire"}]]}

    def extract(self, trigger: SpacySpan, analysis: DocumentAnalysis) -> Iterator[Event]:
        parties = [m.actor for m in analysis.actors_in(analysis.sentence(trigger))]
        yield Ceasefire(**analysis.common_fields(trigger, self.name), parties=tuple(parties))


class CeasefirePlugin:
    """A working plugin: the type and its extractor."""

    eventx_plugin_name = "ceasefire"

    @hookimpl
    def eventx_register_event_types(self, register: Callable[[type[Event]], None]) -> None:
        register(Ceasefire)

    @hookimpl
    def eventx_register_extractors(self, register: Callable[[Extractor], None]) -> None:
        register(CeasefireExtractor())


def registering(name: str, cls: object) -> object:
    """A plugin that registers ``cls`` as an event type."""

    class Plugin:
        eventx_plugin_name = name

        @hookimpl
        def eventx_register_event_types(self, register: Callable[[object], None]) -> None:
            register(cls)

    return Plugin()


class MisspeltHook:
    eventx_plugin_name = "misspelt"

    @hookimpl
    def eventx_register_event_type(self, register: Callable[[object], None]) -> None:
        register(Ceasefire)


def failed(plugins: PluginSet, name: str) -> str:
    (info,) = [info for info in plugins.info if info.name == name]
    assert info.failed and info.fix, info
    return info.error or ""


# ---------------------------------------------------------------- trap 1: isolation


def test_a_misspelt_hook_fails_only_its_plugin_with_a_suggestion() -> None:
    plugins = PluginSet([MisspeltHook(), CeasefirePlugin()], entry_points=False)
    error = failed(plugins, "misspelt")
    assert "eventx_register_event_type" in error
    assert "did you mean 'eventx_register_event_types'" in error
    assert {"Ceasefire", "Meeting"} <= set(plugins.event_types)
    assert not plugins.manager.has_plugin("misspelt")


def test_in_strict_mode_a_failing_plugin_stops_loading() -> None:
    with pytest.raises(PluginError) as caught:
        PluginSet([MisspeltHook()], entry_points=False, strict=True)
    assert caught.value.plugin == "misspelt" and caught.value.fix


def test_an_extractor_of_an_unregistered_type_fails_its_plugin_only() -> None:
    class Orphan:
        eventx_plugin_name = "orphan"

        @hookimpl
        def eventx_register_extractors(self, register: Callable[[Extractor], None]) -> None:
            register(CeasefireExtractor())

    plugins = PluginSet([Orphan()], entry_points=False)
    assert "unregistered event types: Ceasefire" in failed(plugins, "orphan")
    assert [e.name for e in Pipeline(plugins=[Orphan()], entry_points=False).plugins
            .extractors_of("eventx.meeting")] == ["eventx.meeting.v1"]


def test_an_invalid_spacy_pattern_fails_its_plugin() -> None:
    class BadPattern(CeasefireExtractor):
        patterns: ClassVar[dict[str, list[list[dict[str, Any]]]]] = {
            "noun": [[{"LOWR": "ceasefire"}]]}

    class Plugin(CeasefirePlugin):
        @hookimpl
        def eventx_register_extractors(self, register: Callable[[Extractor], None]) -> None:
            register(BadPattern())

    plugins = PluginSet([Plugin()], entry_points=False)
    assert "LOWR" in failed(plugins, "ceasefire")
    assert "Ceasefire" not in plugins.event_types  # a failed plugin loses all it registered


def test_a_raising_registration_hook_fails_its_plugin() -> None:
    class Raising:
        eventx_plugin_name = "raising"

        @hookimpl
        def eventx_register_event_types(self, register: Callable[[object], None]) -> None:
            raise RuntimeError("no data file")

    plugins = PluginSet([Raising()], entry_points=False)
    assert "RuntimeError: no data file" in failed(plugins, "raising")
    assert "Meeting" in plugins.event_types


@pytest.mark.parametrize("gives", [42, None, "raise"])
def test_a_gazetteer_hook_that_raises_or_gives_no_iterable_fails_its_plugin(gives: Any) -> None:
    class Gazetteer:
        eventx_plugin_name = "bad-places"

        @hookimpl
        def eventx_gazetteer(self) -> Any:
            if gives == "raise":
                raise RuntimeError("cannot read places")
            return gives

    plugins = PluginSet([Gazetteer()], entry_points=False)
    if gives is None:  # None is "no result" to pluggy: nothing to add, nothing wrong
        assert not any(info.failed for info in plugins.info)
        return
    assert ("RuntimeError" if gives == "raise" else "not an iterable") in failed(
        plugins, "bad-places")
    events = Pipeline(plugins=[Gazetteer()], entry_points=False).extract(
        "The two foreign ministers met in Geneva on Monday.")
    assert events and events[0].location is not None


def test_extractors_of_a_failed_plugins_types_fail_too() -> None:
    class TypesThenBroken(CeasefirePlugin):
        @hookimpl
        def eventx_gazetteer(self) -> Any:
            return [{"name": "X", "kind": "nonsense"}]

    class MoreCeasefires:
        eventx_plugin_name = "more-ceasefires"

        @hookimpl
        def eventx_register_extractors(self, register: Callable[[Extractor], None]) -> None:
            class Second(CeasefireExtractor):
                name = "more.truce.v1"
            register(Second())

    plugins = PluginSet([TypesThenBroken(), MoreCeasefires()], entry_points=False)
    assert "malformed gazetteer entry" in failed(plugins, "ceasefire")
    assert "whose plugin failed" in failed(plugins, "more-ceasefires")
    assert all(not e.name.startswith(("ceasefire", "more")) for _, e in plugins.extractors)


def _install(site: Path, dist: str, module: str, source: str) -> None:
    info = site / f"{dist.replace('-', '_')}-0.2.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.2\n")
    (info / "entry_points.txt").write_text(f"[eventx]\n{module} = {module}\n")
    (site / f"{module}.py").write_text(textwrap.dedent(source))


def _eventx(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "eventx", *args], capture_output=True,
                          text=True, env={"PYTHONPATH": str(site), "PATH": ""}, check=False,
                          cwd=site)


def test_eventx_plugins_lists_installed_broken_plugins_as_failed(tmp_path: Path) -> None:
    _install(tmp_path, "eventx-typo", "typo", """
        from eventx import hookimpl

        @hookimpl
        def eventx_register_event_type(register):
            pass
    """)
    _install(tmp_path, "eventx-badplaces", "badplaces", """
        from eventx import hookimpl

        @hookimpl
        def eventx_gazetteer():
            raise RuntimeError("places file missing")
    """)
    result = _eventx(tmp_path, "plugins")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    typo = lines.index(next(line for line in lines if line.startswith("typo ")))
    assert "eventx-typo 0.2" in lines[typo] and "FAILED" in lines[typo]
    assert "did you mean 'eventx_register_event_types'" in lines[typo]
    assert lines[typo + 1].startswith("  fix: ")
    (bad,) = [line for line in lines if line.startswith("badplaces ")]
    assert "FAILED" in bad and "places file missing" in bad
    assert any(line.startswith("eventx.meeting ") for line in lines)
    assert "internal error" not in result.stderr

    (tmp_path / "news.txt").write_text("The two foreign ministers met in Geneva on Monday.\n")
    extracted = _eventx(tmp_path, "extract", "news.txt")
    assert extracted.returncode == 0, extracted.stderr
    assert json.loads(extracted.stdout)["events"][0]["type"] == "Meeting"
    assert "typo" in extracted.stderr and "badplaces" in extracted.stderr
    assert _eventx(tmp_path, "extract", "--strict", "news.txt").returncode == 1


# ---------------------------------------------------------------- process_events results


class ReturnsText:
    eventx_plugin_name = "returns-text"

    @hookimpl
    def eventx_process_events(self, doc: Doc, events: Sequence[Event]) -> Any:
        return "not events"


def test_a_process_hook_returning_a_non_list_is_its_failure_and_events_stand(
    caplog: pytest.LogCaptureFixture,
) -> None:
    text = "The two foreign ministers met in Geneva on Monday."
    plain = Pipeline(entry_points=False).extract(text)
    pipeline = Pipeline(plugins=[ReturnsText()], entry_points=False)
    with caplog.at_level(logging.WARNING, logger="eventx"):
        assert pipeline.extract(text, doc_id="d1") == plain
    assert pipeline.engine.failures == {"returns-text": 1}
    assert any("not None or a list of events" in r.getMessage() for r in caplog.records)
    with pytest.raises(PluginError, match="returns-text"):
        Pipeline(plugins=[ReturnsText()], entry_points=False, strict=True).extract(text)


def test_extract_with_a_bad_process_hook_writes_every_document(tmp_path: Path) -> None:
    _install(tmp_path, "eventx-text", "texthook", """
        from eventx import hookimpl

        @hookimpl
        def eventx_process_events(doc, events):
            return "oops"
    """)
    (tmp_path / "in.jsonl").write_text("".join(
        json.dumps({"id": f"d{i}", "text": "The two foreign ministers met in Geneva."}) + "\n"
        for i in range(5)))
    result = _eventx(tmp_path, "extract", "in.jsonl", "-o", "out.jsonl")
    assert result.returncode == 1  # a plugin failed
    lines = (tmp_path / "out.jsonl").read_text().splitlines()
    assert [json.loads(line)["id"] for line in lines] == [f"d{i}" for i in range(5)]
    assert all(json.loads(line)["events"] for line in lines)
    assert "texthook" in result.stderr


# ---------------------------------------------------------------- trap 2: plugin types in output


def test_a_plugin_enum_is_written_as_its_value() -> None:
    (event,) = Pipeline(plugins=[CeasefirePlugin()], entry_points=False).extract(TEXT)
    data = event.to_dict()
    assert data["action"] == "agree" and type(data["action"]) is str
    assert data["scope"] == "general"
    assert json.loads(json.dumps(data))["action"] == "agree"
    assert Ceasefire.from_dict(data) == event


def test_the_table_shows_a_plugin_types_own_fields(tmp_path: Path) -> None:
    from eventx.cli.output import Writer
    from eventx.pipeline import Result

    events = Pipeline(plugins=[CeasefirePlugin()], entry_points=False).extract(TEXT)
    stream = __import__("io").StringIO()
    Writer(stream, "table").write(Result("d", events))
    _header, row = stream.getvalue().splitlines()
    assert "action=agree" in row and "parties=RUS, UKR" in row and "scope=general" in row
    assert "CeasefireAction" not in row


# ---------------------------------------------------------------- trap 3: schema robustness


@attrs.frozen(kw_only=True)
class Undocumented(Event):
    event_type: ClassVar[str] = "Undocumented"

    kind: Literal["a", "b"] = "a"


def test_schema_copes_with_no_docstring_and_literal_fields() -> None:
    schema = json_schema([Undocumented])
    definition = schema["$defs"]["Undocumented"]
    assert "description" not in definition
    assert definition["properties"]["kind"] == {"enum": ["a", "b"]}


class UndocumentedExtractor(Extractor):
    """Finds "truce" as an Undocumented event."""

    name = "undocumented.truce.v1"
    event_types = (Undocumented,)
    patterns: ClassVar[dict[str, list[list[dict[str, Any]]]]] = {"noun": [[{"LOWER": "truce"}]]}

    def extract(self, trigger: SpacySpan, analysis: DocumentAnalysis) -> Iterator[Event]:
        yield Undocumented(**analysis.common_fields(trigger, self.name), kind="b")


def test_the_serialisation_check_copes_with_no_docstring_and_literal_fields() -> None:
    from eventx.testing import check_extractor

    check_extractor(UndocumentedExtractor(), texts=["A truce held in the north."],
                    checks=["serialisation_round_trip"])


def test_eventx_schema_with_a_plugin_type_without_docstring(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="eventx"):
        plugins = PluginSet([registering("undocumented", Undocumented)], entry_points=False)
    assert "Undocumented" in plugins.event_types
    assert any("without a docstring" in r.getMessage() for r in caplog.records)


def test_a_field_type_eventx_cannot_write_fails_registration_naming_the_field() -> None:
    @attrs.frozen(kw_only=True)
    class Bagged(Event):
        """Holds a set."""

        event_type: ClassVar[str] = "Bagged"

        things: frozenset[str] = frozenset()

    plugins = PluginSet([registering("bagged", Bagged)], entry_points=False)
    assert "Bagged.things" in failed(plugins, "bagged")


# ------------------------------------------------------ trap 4: mistakes accepted silently


class NoType(Event):
    """Not decorated and without a type name."""


@attrs.frozen(kw_only=True)
class NoTypeName(Event):
    """Decorated, but without its own event_type."""


class NotDecorated(Event):
    """Names a type but is not an attrs class itself."""

    event_type: ClassVar[str] = "NotDecorated"
    extra: int = 0


@attrs.define(kw_only=True, slots=False)
class Mutable(Event):
    """Made mutable again by its own __setattr__."""

    event_type: ClassVar[str] = "Mutable"

    def __setattr__(self, name: str, value: Any) -> None:
        object.__setattr__(self, name, value)


@pytest.mark.parametrize(("cls", "says"), [
    (Mutable, "not frozen"),
    (NoTypeName, "without its own event_type"),
    (NoType, "without its own event_type"),
    (NotDecorated, "not an attrs class"),
    (dict, "not a subclass of eventx.Event"),
])
def test_invalid_event_classes_are_refused(cls: type, says: str) -> None:
    plugins = PluginSet([registering("bad-type", cls)], entry_points=False)
    assert says in failed(plugins, "bad-type")
    assert "Event" not in plugins.event_types


def test_a_hook_function_without_hookimpl_is_warned_about(
    caplog: pytest.LogCaptureFixture,
) -> None:
    class Forgot:
        eventx_plugin_name = "forgot"

        def eventx_register_event_types(self, register: Callable[[object], None]) -> None:
            register(Ceasefire)

    with caplog.at_level(logging.WARNING, logger="eventx"):
        PluginSet([Forgot()], entry_points=False)
    assert any("forgot" in r.getMessage() and "@eventx.hookimpl" in r.getMessage()
               for r in caplog.records)


def test_unknown_block_and_allow_names_are_warned_about(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch,
) -> None:
    with caplog.at_level(logging.WARNING, logger="eventx"):
        PluginSet([CeasefirePlugin()], entry_points=False, block=["ceasfire"])
    assert any("'ceasfire'" in r.getMessage() and "did you mean 'ceasefire'" in r.getMessage()
               for r in caplog.records)
    caplog.clear()
    monkeypatch.setenv(ALLOW_ENV, "eventx.meetings")
    with caplog.at_level(logging.WARNING, logger="eventx"):
        plugins = PluginSet(entry_points=False)
    messages = [r.getMessage() for r in caplog.records]
    assert any(ALLOW_ENV in m and "did you mean 'eventx.meeting'" in m for m in messages)
    assert any("register no extractor" in m for m in messages)
    assert plugins.extractors == []


def test_allowing_a_plugin_keeps_the_builtin_gazetteer() -> None:
    (event,) = Pipeline(plugins=[CeasefirePlugin()], entry_points=False,
                        allow=["ceasefire"]).extract(TEXT)
    assert isinstance(event, Ceasefire)
    assert [actor.country for actor in event.parties] == ["RUS", "UKR"]
    bare = Pipeline(plugins=[CeasefirePlugin()], entry_points=False, allow=["ceasefire"],
                    block=["eventx.gazetteer"]).extract(TEXT)
    assert bare[0].parties == ()


# ---------------------------------------------------------------- trap 5: pluggy's call order


def _tagger(name: str, **options: Any) -> object:
    class Tagger:
        eventx_plugin_name = name

        @hookimpl(**options)
        def eventx_process_events(self, doc: Doc, events: Sequence[Event]) -> list[Event]:
            order.append(name)
            return list(events)

    return Tagger()


order: list[str] = []


def test_tryfirst_and_trylast_order_process_hooks() -> None:
    order.clear()
    plugins = [_tagger("plain-a"), _tagger("last", trylast=True), _tagger("first", tryfirst=True),
               _tagger("plain-b")]
    Pipeline(plugins=plugins, builtins=False, entry_points=False).extract("Nothing here.")
    assert order == ["first", "plain-a", "plain-b", "last"]


class Wrapping:
    eventx_plugin_name = "wrapping"
    calls: ClassVar[list[int]] = []

    @hookimpl(wrapper=True)
    def eventx_process_events(self, doc: Doc, events: Sequence[Event]) -> Generator[
            None, list[Any], list[Any]]:
        results = yield
        Wrapping.calls.append(len(events))
        return results


def test_a_wrapper_wraps_the_hooks_and_leaves_the_events_alone() -> None:
    Wrapping.calls.clear()
    text = "The two foreign ministers met in Geneva on Monday."
    plain = Pipeline(entry_points=False).extract(text)
    assert Pipeline(plugins=[Wrapping()], entry_points=False).extract(text) == plain
    assert Wrapping.calls  # it ran around each plugin's step


class RaisingWrapper:
    eventx_plugin_name = "raising-wrapper"

    @hookimpl(wrapper=True)
    def eventx_process_events(self, doc: Doc, events: Sequence[Event]) -> Generator[
            None, list[Any], list[Any]]:
        yield
        raise RuntimeError("wrapper broke")

    @hookimpl(wrapper=True)
    def eventx_register_event_types(self, register: Any) -> Generator[None, Any, Any]:
        yield
        raise RuntimeError("wrapper broke while registering")


def test_a_raising_wrapper_is_its_own_plugins_failure() -> None:
    plugins = PluginSet([CeasefirePlugin(), RaisingWrapper()], entry_points=False)
    assert "wrapper broke while registering" in failed(plugins, "raising-wrapper")
    assert not any(info.failed for info in plugins.info if info.name != "raising-wrapper")
    assert {"Ceasefire", "Meeting", "Summit"} <= set(plugins.event_types)

    class ProcessOnly(RaisingWrapper):
        eventx_register_event_types = None  # type: ignore[assignment]

    text = "The two foreign ministers met in Geneva on Monday."
    # The wrapper's failure also skips the change of the hook it wraps: block the built-in
    # geocoding hook, so that the extractors' events are compared as they are.
    pipeline = Pipeline(plugins=[ProcessOnly()], entry_points=False, block=["eventx.geo"])
    assert pipeline.extract(text) == Pipeline(entry_points=False,
                                              block=["eventx.geo"]).extract(text)
    assert set(pipeline.engine.failures) == {"raising-wrapper"}


# ---------------------------------------------------------------- trap 9: the spaCy component


def test_the_spacy_factory_declares_what_it_assigns_and_its_settings() -> None:
    meta = spacy.Language.get_factory_meta("eventx")
    assert "doc._.events" in meta.assigns
    assert {"allow", "block", "strict", "timeout", "builtins", "entry_points"} <= set(
        meta.default_config)
    nlp = spacy.blank("en")
    nlp.add_pipe("eventx", config={"timeout": 2.0, "entry_points": False,
                                   "block": ["eventx.troops"]})
    component = nlp.get_pipe("eventx")
    assert component.engine.timeout == 2.0
    assert "TroopAdjustment" not in component.engine.plugins.event_types
    assert nlp.config["components"]["eventx"]["timeout"] == 2.0
