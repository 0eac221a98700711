"""Time expressions and their resolution against the document date.

Values are ISO 8601 prefixes: ``2025``, ``2025-07`` or ``2025-07-10``. A
span of days (a week, "June 8-10") gives the prefix its ends share. A
relative expression with no date to anchor it resolves to None, never a
guess. Weekdays resolve backwards for past events and forwards for future
ones, so each mention keeps both readings. The words (month and weekday
names, "next", "yesterday", ...) are language data, ``eventx/lang/en/times.json``;
the patterns are built from them once per pipeline.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

import attrs

from eventx.lang import Table, alternation, language_cache, lexicon, table

_LANGUAGE = "eventx.lang.en"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_B = r"(?<![\w-])"  # a word boundary that also keeps "mid-" and "2004-05" whole
_E = r"(?![\w])"


def _lowered(name: str) -> dict[str, int]:
    """A table of ``times.json`` with lower-cased words and whole numbers."""
    rows: Table = table(_LANGUAGE, "times", name)
    return {word.lower(): int(number or 0) for word, number in rows.items()}


@attrs.frozen
class _Grammar:
    """The time patterns built from the words of ``times.json``, and its tables.

    Each pattern names the groups the resolver reads: month, day, day2, year, year_word,
    weekday, modifier, unit, relative, ordinal.
    """

    patterns: list[tuple[str, re.Pattern[str]]]
    datelines: list[re.Pattern[str]]
    dateline_lines: list[re.Pattern[str]]
    stamp: re.Pattern[str]
    words: Mapping[str, frozenset[str]]
    tables: Mapping[str, dict[str, int]]


@language_cache
def _grammar() -> _Grammar:
    words = lexicon(_LANGUAGE, "times")

    def any_of(*categories: str) -> str:
        return alternation(form for category in categories for form in words[category])

    month = alternation(words["months"] | {form.upper() for form in words["months"]})
    weekday = alternation(words["weekdays"] | {form.upper() for form in words["weekdays"]})
    day = rf"(?:[12]\d|3[01]|0?[1-9]){any_of('ordinal_suffixes')}?"
    links, of = any_of("range_links"), any_of("month_of")
    patterns = [
        ("iso", rf"{_B}(?P<year>{_YEAR})[-/](?P<month_num>0?[1-9]|1[0-2])[-/](?P<day>{day}){_E}"),
        ("month_day", rf"{_B}(?P<month>{month})\s+(?P<day>{day})(?:\s*{links}\s*(?P<day2>{day}))?"
                      rf"(?:,?\s+(?P<year>{_YEAR}))?{_E}"),
        ("day_month", rf"{_B}(?P<day>{day})(?:\s*{links}\s*(?P<day2>{day}))?\s+(?:{of}\s+)?"
                      rf"(?P<month>{month})(?:,?\s+(?P<year>{_YEAR}))?{_E}"),
        ("month_year", rf"{_B}(?:{any_of('month_year_qualifiers')}\s*)?(?P<month>{month}),?\s+"
                       rf"(?:{of}\s+)?(?P<year>{_YEAR}){_E}"),
        ("month_rel_year", rf"{_B}(?:(?i:{any_of('month_year_openers')})\s+)?(?P<month>{month})"
                           rf"\s+(?P<year_word>{any_of('year_shifts')})\s+{any_of('year_words')}{_E}"),
        ("month", rf"{_B}(?:(?i:{any_of('month_openers')})\s+)(?P<month>{month}){_E}(?!\s+\d)"),
        ("year", rf"{_B}(?:(?i:{any_of('year_openers')})\s+)(?P<year>{_YEAR}){_E}(?![-/]\d)"
                 rf"(?!\s*(?i:{any_of('clock_words')}))"),  # "set for 1900 hours" is a clock time
        ("weekday", rf"{_B}(?:(?P<modifier>{any_of('weekday_modifiers')})\s+)?(?P<weekday>"
                    rf"{weekday}){_E}(?:\s+(?P<part>{any_of('parts_of_day')}))?"),
        ("deictic", rf"{_B}(?P<relative>{any_of('deictic')}){_E}"),
        ("relative_unit", rf"{_B}(?P<modifier>(?i:{any_of('relative_shifts')}))\s+"
                          rf"(?P<unit>{any_of('week_words', 'month_words', 'year_words')}){_E}"),
        ("ordinal", rf"{_B}{any_of('ordinal_openers')} (?P<ordinal>(?:[12]?\d|3[01])"
                    rf"{any_of('ordinal_suffixes')}){_E}"),
        ("same_day", rf"{_B}{any_of('same_day')}{_E}"),
        ("next_day", rf"{_B}{any_of('next_day')}{_E}"),
    ]
    place = r"[A-Z][A-Za-z .'-]{1,40}"
    return _Grammar(
        patterns=[(kind, re.compile(pattern)) for kind, pattern in patterns],
        datelines=[
            re.compile(rf"^\s*(?P<year>{_YEAR})[/.-](?P<month>\d{{1,2}})[/.-](?P<day>\d{{1,2}})\b"),
            re.compile(rf"^\s*{place},\s+(?P<month_name>{month})\s+(?P<day>{day}),?\s+"
                       rf"(?P<year>{_YEAR})\b"),
            re.compile(rf"^\s*{place},\s+(?P<day>{day})\s+(?P<month_name>{month}),?\s+"
                       rf"(?P<year>{_YEAR})\b"),
        ],
        # Datelines anywhere at a line's start: "SEOUL, July 11 --", "WASHINGTON, March 3
        # (Reuters) -", and a time stamp on a line of its own, "2025/07/11 09:50 KST".
        dateline_lines=[re.compile(
            rf"^[ \t]*{place},[ \t]+(?:{month}[ \t]+{day}|{day}[ \t]+{month})(?:,?[ \t]+{_YEAR})?"
            rf"[ \t]*(?:\([A-Za-z ]{{1,20}}\)[ \t]*)?(?:--|-|—|–)", re.M)],
        stamp=re.compile(rf"^[ \t]*(?P<year>{_YEAR})[/.-](?P<month>\d{{1,2}})[/.-]"
                         rf"(?P<day>\d{{1,2}})(?:[ \t]+\d{{1,2}}:\d{{2}})?(?:[ \t]+[A-Z]{{2,4}})?"
                         r"[ \t]*$", re.M),
        words=words,
        tables={name: _lowered(name) for name in ("months", "weekdays", "year_shifts",
                                                  "weekday_shifts", "deictic",
                                                  "relative_shifts")},
    )


@attrs.frozen
class TimeMention:
    """A time expression in the text with its value read as past and as future.

    The two readings differ only for weekdays ("on Tuesday"); elsewhere they are equal.
    """

    start: int
    end: int
    text: str
    past: str | None
    future: str | None

    def value(self, future: bool) -> str | None:
        """The value for an event in the future (True) or the past (False)."""
        return self.future if future else self.past


def _month_number(text: str) -> int:
    return _grammar().tables["months"][text.lower()]


def _day_value(day: dt.date) -> str:
    return day.isoformat()


def _shared_prefix(first: dt.date, last: dt.date) -> str | None:
    if first == last:
        return first.isoformat()
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year:04d}-{first.month:02d}"
    return f"{first.year:04d}" if first.year == last.year else None


def _in_range(value: str | None) -> str | None:
    if value is None:
        return None
    year = value.split("-")[0]
    return value if len(year) == 4 and year != "0000" else None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _ordinal_day(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


class _Resolver:
    """Turns one regex match into past and future values, remembering the last day seen."""

    def __init__(self, anchor: dt.date | None) -> None:
        self.anchor = anchor
        self.last_day: dt.date | None = None

    def resolve(self, kind: str, groups: dict[str, str | None]) -> tuple[str | None, str | None]:
        """Past and future values; None for a date outside years 1 to 9999."""
        try:
            value = getattr(self, f"_{kind}")(groups)
        except (OverflowError, ValueError):  # beyond datetime.date's years 1..9999
            return None, None
        past, future = value if isinstance(value, tuple) else (value, value)
        return _in_range(past), _in_range(future)

    def _year_or_anchor(self, groups: dict[str, str | None]) -> int | None:
        if groups.get("year"):
            return int(groups["year"])  # type: ignore[arg-type]
        return self.anchor.year if self.anchor else None

    def _iso(self, groups: dict[str, str | None]) -> str | None:
        day = _safe_date(int(groups["year"]), int(groups["month_num"]),  # type: ignore[arg-type]
                         _ordinal_day(groups["day"]))  # type: ignore[arg-type]
        return self._remember(day)

    def _month_day(self, groups: dict[str, str | None]) -> str | None:
        year = self._year_or_anchor(groups)
        if year is None:
            return None
        month = _month_number(groups["month"])  # type: ignore[arg-type]
        if groups.get("day2"):
            return f"{year:04d}-{month:02d}"
        return self._remember(_safe_date(year, month, _ordinal_day(groups["day"])))  # type: ignore[arg-type]

    _day_month = _month_day

    def _month_year(self, groups: dict[str, str | None]) -> str | None:
        return f"{int(groups['year']):04d}-{_month_number(groups['month']):02d}"  # type: ignore[arg-type]

    def _month_rel_year(self, groups: dict[str, str | None]) -> str | None:
        if self.anchor is None:
            return None
        shift = _grammar().tables["year_shifts"][groups["year_word"]]  # type: ignore[index]
        return f"{self.anchor.year + shift:04d}-{_month_number(groups['month']):02d}"  # type: ignore[arg-type]

    def _month(self, groups: dict[str, str | None]) -> str | None:
        if self.anchor is None:
            return None
        return f"{self.anchor.year:04d}-{_month_number(groups['month']):02d}"  # type: ignore[arg-type]

    def _year(self, groups: dict[str, str | None]) -> str | None:
        return groups["year"]

    def _weekday(self, groups: dict[str, str | None]) -> tuple[str | None, str | None]:
        if self.anchor is None:
            return None, None
        grammar = _grammar()
        target = grammar.tables["weekdays"][groups["weekday"].lower()]  # type: ignore[union-attr]
        modifier = (groups.get("modifier") or "").lower()
        shift = grammar.tables["weekday_shifts"].get(modifier, 0)
        week = 7 if modifier in grammar.words["a_week_away"] else 0  # "next Tuesday" on a Tuesday
        back = (self.anchor.weekday() - target) % 7
        ahead = (target - self.anchor.weekday()) % 7
        past = self.anchor - dt.timedelta(days=back or (week if shift < 0 else 0))
        future = self.anchor + dt.timedelta(days=ahead or (week if shift > 0 else 0))
        if shift < 0:
            future = past
        elif shift > 0:
            past = future
        self._remember(future if shift > 0 else past)
        return _day_value(past), _day_value(future)

    def _deictic(self, groups: dict[str, str | None]) -> str | None:
        if self.anchor is None:
            return None
        shift = _grammar().tables["deictic"][(groups["relative"] or "").lower()]
        return self._remember(self.anchor + dt.timedelta(days=shift))

    def _relative_unit(self, groups: dict[str, str | None]) -> str | None:
        if self.anchor is None:
            return None
        grammar = _grammar()
        shift = grammar.tables["relative_shifts"][(groups["modifier"] or "").lower()]
        unit = groups["unit"]
        if unit in grammar.words["year_words"]:
            return f"{self.anchor.year + shift:04d}"
        if unit in grammar.words["month_words"]:
            month_index = self.anchor.year * 12 + self.anchor.month - 1 + shift
            return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}"
        monday = self.anchor - dt.timedelta(days=self.anchor.weekday()) + dt.timedelta(weeks=shift)
        return _shared_prefix(monday, monday + dt.timedelta(days=6))

    def _ordinal(self, groups: dict[str, str | None]) -> str | None:
        if self.anchor is None:
            return None
        day = _ordinal_day(groups["ordinal"])  # type: ignore[arg-type]
        return self._remember(_safe_date(self.anchor.year, self.anchor.month, day))

    def _same_day(self, groups: dict[str, str | None]) -> str | None:
        return self.last_day.isoformat() if self.last_day else None

    def _next_day(self, groups: dict[str, str | None]) -> str | None:
        if self.last_day is None:
            return None
        return self._remember(self.last_day + dt.timedelta(days=1))

    def _remember(self, day: dt.date | None) -> str | None:
        if day is not None:
            self.last_day = day
        return _day_value(day) if day else None


def find_times(text: str, anchor: dt.date | None) -> list[TimeMention]:
    """Every time expression in ``text``, resolved against ``anchor``, in text order.

    Where two expressions overlap, the longer one is kept.
    """
    candidates: list[tuple[int, int, str, re.Match[str]]] = []
    for kind, regex in _grammar().patterns:
        for match in regex.finditer(text):
            candidates.append((match.start(), match.end(), kind, match))
    chosen: list[tuple[int, int, str, re.Match[str]]] = []
    for candidate in sorted(candidates, key=lambda c: (c[0], -(c[1] - c[0]))):
        if chosen and candidate[0] < chosen[-1][1]:
            continue
        chosen.append(candidate)
    resolver = _Resolver(anchor)
    mentions = []
    datelines = dateline_spans(text)
    for start, end, kind, match in chosen:
        if any(d_start <= start and end <= d_end for d_start, d_end in datelines):
            continue  # a dateline dates the document, never an event
        past, future = resolver.resolve(kind, match.groupdict())
        mentions.append(TimeMention(start, end, text[start:end], past, future))
    return mentions


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """The character spans of the datelines and time stamps at the start of lines."""
    return sorted((m.start(), m.end()) for regex in _grammar().dateline_lines
                  for m in regex.finditer(text))


def dateline_date(text: str) -> dt.date | None:
    """The date of a dateline at the start of ``text`` ("2025/07/11 09:50 KST"), if it has a year.

    A time stamp on a line of its own anywhere in the text counts too. A dateline without a
    year ("WASHINGTON, March 3 (Reuters) -") cannot anchor anything, so it gives None.
    """
    head = text[:200]
    for regex in _grammar().datelines:
        match = regex.match(head)
        if match:
            groups = match.groupdict()
            month = int(groups["month"]) if groups.get("month") else _month_number(
                groups["month_name"])
            return _safe_date(int(groups["year"]), month, _ordinal_day(groups["day"]))
    stamp = _grammar().stamp.search(text)  # "2025/07/11 09:50 KST" on a line of its own, often last
    if stamp:
        return _safe_date(int(stamp["year"]), int(stamp["month"]), int(stamp["day"]))
    return None
