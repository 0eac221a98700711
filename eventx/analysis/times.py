"""Time expressions and their resolution against the document date.

Values are ISO 8601 prefixes: ``2025``, ``2025-07`` or ``2025-07-10``. A
span of days (a week, "June 8-10") gives the prefix its ends share. A
relative expression with no date to anchor it resolves to None, never a
guess. Weekdays resolve backwards for past events and forwards for future
ones, so each mention keeps both readings.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_FORMS = [
    "January", "Jan\\.", "February", "Feb\\.", "March", "Mar\\.", "April", "Apr\\.", "May",
    "June", "July", "August", "Aug\\.", "September", "Sept\\.", "Sep\\.", "October", "Oct\\.",
    "November", "Nov\\.", "December", "Dec\\.",
]
_MONTH = "(?:" + "|".join(_MONTH_FORMS + [f.upper() for f in _MONTH_FORMS]) + ")"
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WEEKDAY = "(?:" + "|".join(_WEEKDAYS + [d.upper() for d in _WEEKDAYS]) + ")"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_B = r"(?<![\w-])"  # a word boundary that also keeps "mid-" and "2004-05" whole
_E = r"(?![\w])"

# Each pattern names the groups the resolver reads: month, day, day2, year, year_word,
# weekday, modifier, unit, relative, ordinal.
_PATTERNS = [
    ("iso", rf"{_B}(?P<year>{_YEAR})[-/](?P<month_num>0?[1-9]|1[0-2])[-/](?P<day>{_DAY}){_E}"),
    (
        "month_day",
        rf"{_B}(?P<month>{_MONTH})\s+(?P<day>{_DAY})(?:\s*(?:-|–|to|and)\s*(?P<day2>{_DAY}))?"
        rf"(?:,?\s+(?P<year>{_YEAR}))?{_E}",
    ),
    (
        "day_month",
        rf"{_B}(?P<day>{_DAY})(?:\s*(?:-|–|to|and)\s*(?P<day2>{_DAY}))?\s+(?:of\s+)?"
        rf"(?P<month>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?{_E}",
    ),
    (
        "month_year",
        rf"{_B}(?:(?:early|late|mid-?|the end of|the beginning of|end-)\s*)?"
        rf"(?P<month>{_MONTH}),?\s+"
        rf"(?:of\s+)?(?P<year>{_YEAR}){_E}",
    ),
    (
        "month_rel_year",
        rf"{_B}(?:(?i:in|by|since|until|during|before|after|from|early|late)\s+)?"
        rf"(?P<month>{_MONTH})\s+(?P<year_word>this|next|last)\s+year{_E}",
    ),
    (
        "month",
        rf"{_B}(?:(?i:in|since|until|by|during|before|after|from|early|late|mid-?|"
        rf"end of|the end of|beginning of|this|next|last|the)\s+)(?P<month>{_MONTH}){_E}(?!\s+\d)",
    ),
    (
        "year",
        rf"{_B}(?:(?i:in|by|since|until|during|before|after|through|from|for|of|early|late|mid-?|"
        rf"end of|the end of|beginning of|fiscal)\s+)(?P<year>{_YEAR}){_E}(?![-/]\d)"
        r"(?!\s*(?i:hours|hrs|gmt|utc|local time))",  # "set for 1900 hours" is a clock time
    ),
    (
        "weekday",
        rf"{_B}(?:(?P<modifier>last|next|this|coming|on|On|LAST|NEXT|ON)\s+)?"
        rf"(?P<weekday>{_WEEKDAY}){_E}(?:\s+(?P<part>morning|afternoon|evening|night))?",
    ),
    (
        "deictic",
        rf"{_B}(?P<relative>yesterday|today|tomorrow|tonight|Yesterday|Today|Tomorrow|Tonight|"
        rf"this (?:morning|afternoon|evening)){_E}",
    ),
    (
        "relative_unit",
        rf"{_B}(?P<modifier>(?i:(?:later |earlier )?this|last|next|the past|the coming|"
        rf"the end of (?:the|this|next)|the end of|later|earlier))\s+"
        rf"(?P<unit>week|month|year){_E}",
    ),
    ("ordinal", rf"{_B}on the (?P<ordinal>[12]?\d(?:st|nd|rd|th)|3[01](?:st|th)){_E}"),
    ("same_day", rf"{_B}(?:the same day|that day|later that day){_E}"),
    ("next_day", rf"{_B}(?:the following day|the next day|a day later){_E}"),
]
_REGEXES = [(kind, re.compile(pattern)) for kind, pattern in _PATTERNS]


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
    return _MONTHS[text[:3].lower()]


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
        shift = {"this": 0, "next": 1, "last": -1}[groups["year_word"]]  # type: ignore[index]
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
        target = _WEEKDAYS.index(groups["weekday"].capitalize())  # type: ignore[union-attr]
        modifier = (groups.get("modifier") or "").lower()
        back = (self.anchor.weekday() - target) % 7
        ahead = (target - self.anchor.weekday()) % 7
        past = self.anchor - dt.timedelta(days=back or (7 if modifier == "last" else 0))
        future = self.anchor + dt.timedelta(days=ahead or (7 if modifier == "next" else 0))
        if modifier == "last":
            future = past
        elif modifier in ("next", "coming"):
            past = future
        self._remember(future if modifier in ("next", "coming") else past)
        return _day_value(past), _day_value(future)

    def _deictic(self, groups: dict[str, str | None]) -> str | None:
        if self.anchor is None:
            return None
        word = (groups["relative"] or "").lower()
        shift = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
        return self._remember(self.anchor + dt.timedelta(days=shift))

    def _relative_unit(self, groups: dict[str, str | None]) -> str | None:
        if self.anchor is None:
            return None
        modifier = (groups["modifier"] or "").lower()
        unit = groups["unit"]
        shift = 1 if ("next" in modifier or "coming" in modifier) else -1 if (
            "last" in modifier or "past" in modifier) else 0
        if unit == "year":
            return f"{self.anchor.year + shift:04d}"
        if unit == "month":
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
    for kind, regex in _REGEXES:
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


_DATELINES = [
    re.compile(rf"^\s*(?P<year>{_YEAR})[/.-](?P<month>\d{{1,2}})[/.-](?P<day>\d{{1,2}})\b"),
    re.compile(
        rf"^\s*[A-Z][A-Za-z .'-]{{1,40}},\s+(?P<month_name>{_MONTH})\s+(?P<day>{_DAY}),?\s+"
        rf"(?P<year>{_YEAR})\b"
    ),
    re.compile(
        rf"^\s*[A-Z][A-Za-z .'-]{{1,40}},\s+(?P<day>{_DAY})\s+(?P<month_name>{_MONTH}),?\s+"
        rf"(?P<year>{_YEAR})\b"
    ),
]

#: Datelines anywhere at a line's start: "SEOUL, July 11 --", "WASHINGTON, March 3 (Reuters) -",
#: and a time stamp on a line of its own, "2025/07/11 09:50 KST".
_DATELINE_LINES = [
    re.compile(rf"^[ \t]*[A-Z][A-Za-z .'-]{{1,40}},[ \t]+(?:{_MONTH}[ \t]+{_DAY}|{_DAY}[ \t]+"
               rf"{_MONTH})(?:,?[ \t]+{_YEAR})?[ \t]*(?:\([A-Za-z ]{{1,20}}\)[ \t]*)?(?:--|-|—|–)",
               re.M),
    _STAMP := re.compile(rf"^[ \t]*(?P<year>{_YEAR})[/.-](?P<month>\d{{1,2}})[/.-]"
                         rf"(?P<day>\d{{1,2}})(?:[ \t]+\d{{1,2}}:\d{{2}})?(?:[ \t]+[A-Z]{{2,4}})?"
                         r"[ \t]*$", re.M),
]


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """The character spans of the datelines and time stamps at the start of lines."""
    return sorted((m.start(), m.end()) for regex in _DATELINE_LINES for m in regex.finditer(text))


def dateline_date(text: str) -> dt.date | None:
    """The date of a dateline at the start of ``text`` ("2025/07/11 09:50 KST"), if it has a year.

    A time stamp on a line of its own anywhere in the text counts too. A dateline without a
    year ("WASHINGTON, March 3 (Reuters) -") cannot anchor anything, so it gives None.
    """
    head = text[:200]
    for regex in _DATELINES:
        match = regex.match(head)
        if match:
            groups = match.groupdict()
            month = int(groups["month"]) if groups.get("month") else _month_number(
                groups["month_name"])
            return _safe_date(int(groups["year"]), month, _ordinal_day(groups["day"]))
    stamp = _STAMP.search(text)  # "2025/07/11 09:50 KST" on a line of its own, often last
    if stamp:
        return _safe_date(int(stamp["year"]), int(stamp["month"]), int(stamp["day"]))
    return None
