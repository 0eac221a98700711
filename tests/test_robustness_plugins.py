"""Failing plugins lose only their own events: raising, hanging, bad offsets, undeclared
types, malformed gazetteer entries and plugins whose import fails."""

from __future__ import annotations

import ast
import json
import logging
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import eventx
from eventx import Event, Meeting, Pipeline, Place, PluginError, Sentence, Span, Summit, hookimpl
from eventx.extractor import Extractor

TEXT = "The envoys met on Monday. Later the talks stalled."
MET = (TEXT.index("met"), TEXT.index("met") + 3)


class Types:
    """Registers the core event types the test extractors emit."""

    eventx_plugin_name = "test.types"

    @hookimpl
    def eventx_register_event_types(self, register: Callable[[type[Event]], None]) -> None:
        register(Meeting)
        register(Summit)


def meeting(trigger: Any, name: str, **changes: Any) -> Meeting:
    """A Meeting at ``trigger`` with the trigger's sentence, as a well-behaved extractor makes."""
    sent = trigger.sent
    return Meeting(trigger=Span(start=trigger.start_char, end=trigger.end_char, text=trigger.text),
                   sentence=Sentence(start=sent.start_char, end=sent.end_char), extractor=name,
                   **changes)


def make_plugin(name: str, word: str, behaviour: Callable[[Any, str], Iterable[Event]]) -> object:
    """A plugin with one extractor triggered by ``word`` that does ``behaviour``."""

    class _Extractor(Extractor):
        event_types = (Meeting,)
        patterns = {"word": [[{"LOWER": word}]]}

        def extract(self, trigger: Any, analysis: Any) -> Iterable[Event]:
            return behaviour(trigger, self.name)

    _Extractor.name = f"{name}.v1"

    class _Plugin:
        eventx_plugin_name = name

        @hookimpl
        def eventx_register_extractors(self, register: Callable[[Extractor], None]) -> None:
            register(_Extractor())

    return _Plugin()


def good(trigger: Any, name: str) -> Iterator[Event]:
    yield meeting(trigger, name)


def raising(trigger: Any, name: str) -> Iterator[Event]:
    raise RuntimeError("boom")
    yield  # pragma: no cover - makes this a generator


def hanging(trigger: Any, name: str) -> Iterator[Event]:
    while True:
        try:
            while True:
                pass
        except Exception:  # a careless plugin that swallows errors must still be stopped
            continue
    yield  # pragma: no cover


def trigger_outside(trigger: Any, name: str) -> Iterator[Event]:
    yield attrs.evolve(meeting(trigger, name), trigger=Span(start=900, end=903, text="met"))


def location_outside(trigger: Any, name: str) -> Iterator[Event]:
    yield meeting(trigger, name, location=Place(text="Oslo", start=500, end=504, name="Oslo"))


def location_wrong_text(trigger: Any, name: str) -> Iterator[Event]:
    yield meeting(trigger, name, location=Place(text="Oslo", start=0, end=4, name="Oslo"))


def undeclared_type(trigger: Any, name: str) -> Iterator[Event]:
    event = meeting(trigger, name)
    yield Summit(trigger=event.trigger, sentence=event.sentence, extractor=name)


def not_an_event(trigger: Any, name: str) -> Iterator[Any]:
    yield {"type": "Meeting"}


def pipeline_with(bad: Callable[[Any, str], Iterable[Event]], **options: Any) -> Pipeline:
    """The good extractor on "met" and ``bad`` on "talks", nothing else loaded."""
    plugins = [Types(), make_plugin("test.good", "met", good),
               make_plugin("test.bad", "talks", bad)]
    return Pipeline(plugins=plugins, builtins=False, entry_points=False, **options)


BAD_BEHAVIOURS = [raising, trigger_outside, location_outside, location_wrong_text,
                  undeclared_type, not_an_event]


@pytest.mark.parametrize("bad", BAD_BEHAVIOURS, ids=lambda f: f.__name__)
def test_a_failing_extractor_loses_only_its_own_events(
    bad: Callable[[Any, str], Iterable[Event]], caplog: pytest.LogCaptureFixture
) -> None:
    pipeline = pipeline_with(bad)
    with caplog.at_level(logging.WARNING, logger="eventx"):
        events = pipeline.extract(TEXT, doc_id="doc-7")
    assert [(e.trigger.start, e.trigger.end, e.extractor) for e in events] == [
        (*MET, "test.good.v1")]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "'test.bad'" in warnings[0] and "doc-7" in warnings[0]
    assert pipeline.engine.failures == {"test.bad": 1}


@pytest.mark.parametrize("bad", BAD_BEHAVIOURS, ids=lambda f: f.__name__)
def test_strict_mode_raises_a_plugin_error_naming_the_plugin(
    bad: Callable[[Any, str], Iterable[Event]]
) -> None:
    pipeline = pipeline_with(bad, strict=True)
    with pytest.raises(PluginError, match="doc-7") as error:
        pipeline.extract(TEXT, doc_id="doc-7")
    assert error.value.plugin == "test.bad"


def test_a_failure_is_reported_once_per_plugin(caplog: pytest.LogCaptureFixture) -> None:
    pipeline = pipeline_with(raising)
    documents = [{"id": f"d{i}", "text": TEXT} for i in range(3)]
    with caplog.at_level(logging.DEBUG, logger="eventx"):
        results = list(pipeline.pipe(documents))
    assert [len(r.events) for r in results] == [1, 1, 1]
    failures = [r for r in caplog.records if "test.bad" in r.getMessage()]
    assert [r.levelno for r in failures] == [logging.WARNING, logging.DEBUG, logging.DEBUG]
    assert "d0" in failures[0].getMessage() and "d2" in failures[2].getMessage()
    assert pipeline.engine.failures == {"test.bad": 3}


def test_a_hanging_extractor_is_stopped_by_the_time_limit(
    caplog: pytest.LogCaptureFixture,
) -> None:
    pipeline = pipeline_with(hanging, timeout=0.2)
    with caplog.at_level(logging.WARNING, logger="eventx"):
        events = pipeline.extract(TEXT, doc_id="slow-doc")
    assert [e.extractor for e in events] == ["test.good.v1"]
    (warning,) = [r.getMessage() for r in caplog.records]
    assert "time limit" in warning and "slow-doc" in warning and "'test.bad'" in warning
    # the alarm is disarmed afterwards: a later document runs normally
    assert len(pipeline.extract("They met.")) == 1


def test_a_hanging_extractor_in_strict_mode_raises() -> None:
    with pytest.raises(PluginError, match="time limit"):
        pipeline_with(hanging, timeout=0.2, strict=True).extract(TEXT)


@pytest.mark.parametrize("timeout", [0, -1.0])
def test_the_time_limit_must_be_positive(timeout: float) -> None:
    with pytest.raises(ValueError, match="timeout"):
        pipeline_with(good, timeout=timeout)


def test_failures_in_worker_processes_are_counted() -> None:
    pipeline = pipeline_with(raising)
    documents = [TEXT] * 5
    results = list(pipeline.pipe(documents, batch_size=2, n_process=2))
    assert [len(r.events) for r in results] == [1] * 5
    assert pipeline.engine.failures == {"test.bad": 5}


class BadGazetteer:
    eventx_plugin_name = "test.badgazetteer"

    @hookimpl
    def eventx_gazetteer(self) -> list[dict[str, Any]]:
        return [{"name": "Atlantis", "kind": "place", "country": "atlantis"}]


def test_a_malformed_gazetteer_entry_is_rejected_with_the_plugin_name() -> None:
    with pytest.raises(PluginError, match=r"test\.badgazetteer") as error:
        Pipeline(plugins=[BadGazetteer()], entry_points=False, strict=True)
    assert error.value.plugin == "test.badgazetteer"
    assert "country" in str(error.value)


def test_data_files_are_never_unpickled_or_evaluated() -> None:
    """The modules that load gazetteers, patterns and plugins import no pickle-like loader,
    and no module of eventx calls eval or exec."""
    unsafe_modules = {"pickle", "cPickle", "marshal", "shelve", "dill", "joblib"}
    package = Path(eventx.__file__).parent
    loaders = {*(package / "analysis").glob("*.py"), *(package / "extractors").glob("*.py"),
               package / "plugins.py", package / "extractor.py"}
    for source in package.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in {"eval", "exec"}, f"{source}:{node.lineno}"
            if source not in loaders:
                continue
            if isinstance(node, ast.Import):
                names = {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                names = {(node.module or "").split(".")[0]}
            else:
                continue
            assert not names & unsafe_modules, f"{source}:{node.lineno}"
    data = {p.suffix for p in (package / "data").iterdir() if p.is_file()}
    assert data <= {".json", ".csv", ".toml", ".py"}


def install_broken_distribution(site: Path) -> None:
    """A real distribution (dist-info with an ``eventx`` entry point) whose module fails to
    import, in a directory to put on ``sys.path``."""
    info = site / "eventx_broken-0.3.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: eventx-broken\nVersion: 0.3\n")
    (info / "entry_points.txt").write_text("[eventx]\nbroken = eventx_broken_plugin\n")
    (site / "eventx_broken_plugin.py").write_text(
        "import a_module_that_is_not_installed_anywhere\n")


def test_a_plugin_whose_import_fails_is_recorded_and_the_rest_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    install_broken_distribution(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    with caplog.at_level(logging.WARNING, logger="eventx"):
        pipeline = Pipeline()
    (info,) = [i for i in pipeline.plugins.info if i.name == "broken"]
    assert info.failed and info.distribution == "eventx-broken" and info.version == "0.3"
    assert "ModuleNotFoundError" in (info.error or "")
    assert "a_module_that_is_not_installed_anywhere" in (info.error or "")
    assert any("broken" in r.getMessage() for r in caplog.records)
    assert {"Meeting", "TariffAction"} <= set(pipeline.event_types)
    assert isinstance(pipeline.extract("China raised tariffs on US steel."), list)


def test_eventx_plugins_shows_the_failed_plugin_with_its_reason(tmp_path: Path) -> None:
    install_broken_distribution(tmp_path)
    result = subprocess.run([sys.executable, "-m", "eventx", "plugins"], capture_output=True,
                            text=True, env={"PYTHONPATH": str(tmp_path), "PATH": ""},
                            check=False)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    (line,) = [line for line in lines if line.startswith("broken ")]
    assert "FAILED" in line and "ModuleNotFoundError" in line and "eventx-broken 0.3" in line
    assert any(line.startswith("eventx.meeting ") for line in lines)
    assert "Traceback" not in result.stderr


def test_a_plugin_whose_import_fails_does_not_stop_extract(tmp_path: Path) -> None:
    install_broken_distribution(tmp_path)
    source = tmp_path / "news.txt"
    source.write_text(textwrap.dedent("China raised tariffs on US steel on Tuesday.\n"))
    result = subprocess.run([sys.executable, "-m", "eventx", "extract", str(source)],
                            capture_output=True, text=True,
                            env={"PYTHONPATH": str(tmp_path), "PATH": ""}, check=False)
    assert result.returncode == 0, result.stderr
    assert '"id": "news"' in result.stdout
    assert "broken" in result.stderr and "Traceback" not in result.stderr


def test_extract_reports_a_failing_installed_extractor_and_exits_1(tmp_path: Path) -> None:
    """An installed plugin whose extractor raises: the built-ins' events are written, the
    failure is reported once with the plugin's name and document id, and the exit code is 1."""
    info = tmp_path / "eventx_faulty-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: eventx-faulty\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[eventx]\nfaulty = eventx_faulty_plugin\n")
    (tmp_path / "eventx_faulty_plugin.py").write_text(textwrap.dedent('''
        from eventx import Extractor, Meeting, hookimpl

        class Faulty(Extractor):
            name = "faulty.steel.v1"
            event_types = (Meeting,)
            patterns = {"steel": [[{"LOWER": "steel"}]]}

            def extract(self, trigger, analysis):
                raise ValueError("cannot cope")

        @hookimpl
        def eventx_register_extractors(register):
            register(Faulty())
    '''))
    source = tmp_path / "news.jsonl"
    source.write_text("".join(json.dumps({"id": f"n{i}", "text": "China raised tariffs on US "
                                          "steel."}) + "\n" for i in range(2)))
    result = subprocess.run([sys.executable, "-m", "eventx", "extract", str(source)],
                            capture_output=True, text=True,
                            env={"PYTHONPATH": str(tmp_path), "PATH": ""}, check=False)
    assert result.returncode == 1
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [[e["type"] for e in o["events"]] for o in outputs] == [["TariffAction"]] * 2
    warning, summary = result.stderr.splitlines()
    assert "faulty.steel.v1" in warning and "'faulty'" in warning and "document n0" in warning
    assert "ValueError: cannot cope" in warning
    assert summary.endswith("0 lines skipped, 2 extractor failures")


class RaisingPostProcessor:
    """A plugin whose eventx_process_events hook raises."""

    eventx_plugin_name = "test.post"

    @hookimpl
    def eventx_process_events(self, doc: Any, events: Any) -> Any:
        raise RuntimeError("post-processing broke")


def test_a_raising_process_events_hook_leaves_the_events_standing(
    caplog: pytest.LogCaptureFixture,
) -> None:
    plugins = [Types(), make_plugin("test.good", "met", good), RaisingPostProcessor()]
    pipeline = Pipeline(plugins=plugins, builtins=False, entry_points=False)
    with caplog.at_level(logging.WARNING, logger="eventx"):
        events = pipeline.extract(TEXT, doc_id="doc-9")
    assert [(e.trigger.start, e.trigger.end) for e in events] == [MET]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "'test.post'" in warnings[0] and "doc-9" in warnings[0]
    assert pipeline.engine.failures == {"test.post": 1}


def test_a_raising_process_events_hook_in_strict_mode_raises() -> None:
    plugins = [Types(), make_plugin("test.good", "met", good), RaisingPostProcessor()]
    pipeline = Pipeline(plugins=plugins, builtins=False, entry_points=False, strict=True)
    with pytest.raises(PluginError) as error:
        pipeline.extract(TEXT, doc_id="doc-9")
    assert error.value.plugin == "test.post"


def test_a_failure_counts_once_per_document_however_many_chunks_it_has() -> None:
    pipeline = pipeline_with(raising, chunk_size=len(TEXT) + 1)
    events = pipeline.extract(" ".join([TEXT] * 4), doc_id="long")
    assert len(events) == 4
    assert pipeline.engine.failures == {"test.bad": 1}


class HangingHook:
    eventx_plugin_name = "test.hanginghook"

    @hookimpl
    def eventx_process_events(self, doc: Any, events: list[Event]) -> list[Event]:
        while True:
            pass


def test_a_hanging_process_events_hook_is_stopped_by_the_time_limit(
    caplog: pytest.LogCaptureFixture,
) -> None:
    plugins = [Types(), make_plugin("test.good", "met", good), HangingHook()]
    pipeline = Pipeline(plugins=plugins, builtins=False, entry_points=False, timeout=0.2)
    with caplog.at_level(logging.WARNING, logger="eventx"):
        events = pipeline.extract(TEXT, doc_id="slow-doc")
    assert [(e.trigger.start, e.extractor) for e in events] == [(MET[0], "test.good.v1")]
    assert pipeline.engine.failures == {"test.hanginghook": 1}
    (warning,) = [r.getMessage() for r in caplog.records]
    assert "time limit" in warning and "'test.hanginghook'" in warning
