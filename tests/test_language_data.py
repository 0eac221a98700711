"""Language data: the data files, the eventx_language_data hook, and that a plugin's words
reach its own pipeline alone."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventx import Meeting, Pipeline, PluginError, TroopAdjustment, hookimpl
from eventx.analysis.numbers import find_percentages, parse_number
from eventx.analysis.times import find_times
from eventx.errors import DataError
from eventx.lang import (
    LanguageData,
    alternation,
    builtin_data,
    lexicon,
    parse_additions,
    resource_names,
    table,
    using,
)
from eventx.lang.files import parse_categories
from eventx.plugins import PluginSet

DATE = "2025-07-09"  # a Wednesday


class Words:
    """A plugin that adds words: the data it returns is set per instance."""

    def __init__(self, data: Any, name: str = "more-words") -> None:
        self.eventx_plugin_name = name
        self.data = data

    @hookimpl
    def eventx_language_data(self, language: str) -> Any:
        return self.data if language == "en" else None


def _types(pipeline: Pipeline, text: str) -> list[str]:
    return [event.event_type for event in pipeline.extract(text, date=DATE)]


# ---------------------------------------------------------------- the hook in a pipeline

POWWOW = "The foreign ministers of France and Germany held a powwow in Paris on Tuesday."
GENDARMES = "France will send 500 more gendarmes to Mali."


def test_a_meeting_noun_from_a_plugin_gives_a_meeting_in_its_pipeline_alone() -> None:
    before = Pipeline(entry_points=False)
    assert _types(before, POWWOW) == []

    extended = Pipeline(plugins=[Words({"meeting": {"nouns": {"nouns": ["powwow"]}}})],
                        entry_points=False)
    (meeting,) = extended.extract(POWWOW, date=DATE)
    assert isinstance(meeting, Meeting)
    assert meeting.trigger.text == "powwow"
    assert {actor.country for actor in meeting.participants} >= {"FRA", "DEU"}
    assert meeting.time is not None and meeting.time.value == "2025-07-08"

    # the other pipeline, alive at the same time, and a new one keep the built-in words
    assert _types(before, POWWOW) == []
    assert _types(Pipeline(entry_points=False), POWWOW) == []
    assert "powwow" not in lexicon("eventx.builtins.meeting", "lexicon")["nouns"]


def test_a_force_noun_from_a_plugin_makes_a_troop_adjustment() -> None:
    assert "TroopAdjustment" not in _types(Pipeline(entry_points=False), GENDARMES)

    plugin = Words({"troops": {"force_nouns": {"nouns": ["gendarme"]}}})
    events = Pipeline(plugins=[plugin], entry_points=False).extract(GENDARMES, date=DATE)
    (troops,) = [event for event in events if isinstance(event, TroopAdjustment)]
    assert troops.trigger.text == "send"
    assert troops.magnitude == 500
    assert troops.location is not None and troops.location.name == "Mali"

    assert "TroopAdjustment" not in _types(Pipeline(entry_points=False), GENDARMES)


def test_a_month_form_from_a_plugin_dates_an_event() -> None:
    text = "The two foreign ministers met in Geneva on Sept 3."
    (plain,) = Pipeline(entry_points=False).extract(text, date=DATE)
    assert plain.time is None  # "Sept" without a dot is no month of the built-in data

    plugin = Words({"times": {"months": {"Sept": 9}}})
    (dated,) = Pipeline(plugins=[plugin], entry_points=False).extract(text, date=DATE)
    assert dated.time is not None
    assert (dated.time.text, dated.time.value) == ("Sept 3", "2025-09-03")


def test_two_plugins_add_up() -> None:
    plugins = [Words({"meeting": {"nouns": ["powwow"]}}, "first"),
               Words({"troops": {"force_nouns": ["gendarmes"]}}, "second")]
    pipeline = Pipeline(plugins=plugins, entry_points=False)
    assert _types(pipeline, POWWOW) == ["Meeting"]
    assert "TroopAdjustment" in _types(pipeline, GENDARMES)


def test_a_plugin_that_fails_later_loses_its_words() -> None:
    class WordsThenBroken(Words):
        @hookimpl
        def eventx_gazetteer(self) -> list[dict[str, Any]]:
            raise RuntimeError("no gazetteer today")

    plugins = PluginSet([WordsThenBroken({"meeting": {"nouns": ["powwow"]}}, "broken")],
                        entry_points=False)
    (info,) = [i for i in plugins.info if i.name == "broken"]
    assert info.failed
    assert "powwow" not in plugins.language.lexicon("eventx.builtins.meeting", "lexicon")["nouns"]


def test_without_additions_a_pipeline_reads_the_builtin_data() -> None:
    assert PluginSet(entry_points=False).language is builtin_data()
    assert PluginSet([Words(None)], entry_points=False).language is builtin_data()


# ---------------------------------------------------------------- bad returns


@pytest.mark.parametrize(("data", "message"), [
    (["powwow"], "must be a mapping of resource name"),
    ({"meetings": {"nouns": ["powwow"]}}, "no language data is named 'meetings' "
                                          r"\(did you mean 'meeting'\?\)"),
    ({"meeting": {"noun": ["powwow"]}}, r"meeting has no category 'noun' \(did you mean"),
    ({"meeting": {"_doc": ["powwow"]}}, "meeting has no category '_doc'"),
    ({"meeting": ["powwow"]}, "meeting: the categories must be a mapping"),
    ({"meeting": {"nouns": "powwow"}}, "category 'nouns' must be a list of words"),
    ({"meeting": {"nouns": {"nouns": [3]}}}, r"nouns\.nouns must be a list of strings"),
    ({"times": {"months": ["Sept"]}}, r"times\.months takes a table of words and numbers"),
    ({"meeting": {"nouns": {"powwow": 1}}}, r"meeting\.nouns takes a list of words"),
])
def test_malformed_language_data_fails_the_plugin_with_its_name(data: Any, message: str) -> None:
    plugins = PluginSet([Words(data, "bad-words")], entry_points=False)
    (info,) = [i for i in plugins.info if i.name == "bad-words"]
    assert info.failed and info.error is not None
    assert "plugin 'bad-words'" in info.error
    assert re.search(message, info.error), info.error
    assert info.fix is not None and "resource_names" in info.fix
    assert plugins.language is builtin_data()
    assert {name for name, _ in plugins.extractors} >= {"eventx.meeting", "eventx.troops"}

    with pytest.raises(PluginError, match="bad-words"):
        PluginSet([Words(data, "bad-words")], entry_points=False, strict=True)


# ---------------------------------------------------------------- the data and its loading


def test_resource_names_cover_the_shared_files_and_the_type_lexicons() -> None:
    names = resource_names()
    assert names["times"] == ("eventx.lang.en", "times")
    assert names["numbers"] == ("eventx.lang.en", "numbers")
    assert names["troops"] == ("eventx.builtins.troops", "lexicon")
    assert {"modality", "clauses", "actors", "arguments", "grammar", "meeting", "summit",
            "tariffs"} <= set(names)


def test_tables_give_each_word_its_number() -> None:
    assert table("eventx.lang.en", "times", "months")["Sept."] == 9
    assert table("eventx.lang.en", "numbers", "scales")["bln"] == 1_000_000_000
    assert "May" in lexicon("eventx.lang.en", "times")["months"]  # the file keeps its case


def test_a_category_of_another_shape_is_a_data_error() -> None:
    with pytest.raises(DataError, match="'odd' must be a list of words"):
        parse_categories({"odd": {"one": "1"}}, "test.json", keep_case=False)


def test_alternation_tries_the_longest_form_first() -> None:
    pattern = re.compile(alternation(["the", "the end of", "a"]))
    assert pattern.match("the end of June").group() == "the end of"  # type: ignore[union-attr]
    assert pattern.match("the start").group() == "the"  # type: ignore[union-attr]


def test_the_active_data_decides_what_the_analyses_read() -> None:
    more = LanguageData([parse_additions({"numbers": {"number_words": {"score": 20},
                                                      "percent_signs": ["pc"]}})])
    assert parse_number("score") is None
    assert find_percentages("up 5 pc") == []
    with using(more):
        assert parse_number("score") == 20
        assert [p.percent for p in find_percentages("up 5 pc")] == [5]
    assert parse_number("score") is None


def test_weekday_words_keep_their_readings() -> None:
    """ "next Tuesday" said on a Tuesday is a week later; "coming Tuesday" is that day."""
    tuesday = dt.date(2025, 7, 8)
    (next_week,) = find_times("They meet next Tuesday.", tuesday)
    (coming,) = find_times("They meet this coming Tuesday.", tuesday)
    (last,) = find_times("They met last Tuesday.", tuesday)
    assert (next_week.past, next_week.future) == ("2025-07-15", "2025-07-15")
    assert (coming.past, coming.future) == ("2025-07-08", "2025-07-08")
    assert (last.past, last.future) == ("2025-07-01", "2025-07-01")


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=12)


@given(st.lists(WORD, min_size=1, max_size=5))
def test_added_words_join_the_category_and_leave_the_builtin_data_alone(
        added: list[str]) -> None:
    base = builtin_data().lexicon("eventx.lang.en", "actors")["honorifics"]
    data = LanguageData([parse_additions({"actors": {"honorifics": added}})])
    assert data.lexicon("eventx.lang.en", "actors")["honorifics"] == base | set(added)
    assert builtin_data().lexicon("eventx.lang.en", "actors")["honorifics"] == base


def test_importing_eventx_reads_no_language_data() -> None:
    code = ("import eventx, eventx.analysis, eventx.builtins.meeting.extractor, "
            "eventx.builtins.troops.extractor, eventx.builtins.tariffs.extractor\n"
            "from eventx.lang.files import read_file\n"
            "assert read_file.cache_info().currsize == 0, read_file.cache_info()\n")
    subprocess.run([sys.executable, "-c", code], check=True)
