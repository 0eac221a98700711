"""Time expressions resolved against fixed document dates (each value checked by hand)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventx.analysis.times import dateline_date, find_times

WEDNESDAY = dt.date(2025, 7, 9)


def values(text: str, anchor: dt.date | None = WEDNESDAY, future: bool = False) -> list[
        str | None]:
    return [m.value(future) for m in find_times(text, anchor)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on March 3, 1987", "1987-03-03"),
        ("on 10 March 2005", "2005-03-10"),
        ("in March 1987", "1987-03"),
        ("on 2025/07/11", "2025-07-11"),
        ("In 2005", "2005"),
        ("by the end of 2005", "2005"),
        ("on June 8-10", "2025-06"),
        ("in April this year", "2025-04"),
        ("in April", "2025-04"),
        ("on the 10th", "2025-07-10"),
        ("yesterday", "2025-07-08"),
        ("today", "2025-07-09"),
        ("tomorrow", "2025-07-10"),
        ("last month", "2025-06"),
        ("next year", "2026"),
        ("last week", "2025"),  # Monday 30 June to Sunday 6 July
        ("next week", "2025-07"),
    ],
)
def test_expressions(text: str, expected: str) -> None:
    assert values(text) == [expected]


def test_weekday_reads_back_for_the_past_and_forward_for_the_future() -> None:
    (mention,) = find_times("on Monday", WEDNESDAY)
    assert mention.value(future=False) == "2025-07-07"
    assert mention.value(future=True) == "2025-07-14"


def test_last_and_next_weekday() -> None:
    assert values("last Wednesday") == ["2025-07-02"]
    assert values("next Friday", future=True) == ["2025-07-11"]


def test_the_same_day_is_the_last_resolved_day() -> None:
    assert values("on Monday ... the same day") == ["2025-07-07", "2025-07-07"]


def test_relative_expressions_without_anchor_are_null() -> None:
    assert values("on Tuesday and next month", anchor=None) == [None, None]
    assert values("in March 1987", anchor=None) == ["1987-03"]


def test_modal_may_is_not_a_month() -> None:
    assert values("Talks may resume.") == []


def test_datelines() -> None:
    assert dateline_date("2025/07/11 09:50 KST -- Seoul") == dt.date(2025, 7, 11)
    assert dateline_date("WASHINGTON, March 3, 1987 - The") == dt.date(1987, 3, 3)
    assert dateline_date("WASHINGTON, March 3 (Reuters) - The") is None


def test_the_following_day_is_the_day_after_the_last_resolved_day() -> None:
    assert values("met on Monday and again the following day") == ["2025-07-07", "2025-07-08"]
