"""Events shown in their text: a self-contained HTML page (or notebook display).

Each document's text is drawn with spaCy's displaCy "span" renderer, every
trigger and argument underlined and labelled with its event's number; beside
it a table lists the events with their fields. Statuses are coloured apart
(occurred, planned, possible, threatened, cancelled, negated) in the text, the
table and a legend. Each event's row is an anchor (``#event-<id>``, its event id), and
checkboxes above the documents filter the rows by type and status (with CSS alone: the
page uses no scripts, fonts or other network resources).
"""

from __future__ import annotations

import enum
import html
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs
from spacy import displacy

from eventx.errors import InputError
from eventx.events import Status
from eventx.pipeline import Document, Pipeline, Result, default_pipeline

__all__ = ["STATUS_COLORS", "Extraction", "render"]

#: Background colour of each status, for triggers, table badges and the legend.
STATUS_COLORS: dict[str, str] = {
    Status.OCCURRED.value: "#8ce99a",
    Status.PLANNED.value: "#74c0fc",
    Status.POSSIBLE.value: "#ffe066",
    Status.THREATENED.value: "#ffa94d",
    Status.CANCELLED.value: "#ced4da",
    Status.NEGATED.value: "#ff8787",
}
_ARGUMENT_COLOR = "#d0bfff"
_UNKNOWN_COLOR = "#e9ecef"
_NOT_SHOWN = ("type", "id", "trigger", "sentence", "status", "confidence", "extractor", "codes")

_CSS = """
.eventx { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #212529;
  font-size: 15px; }
.eventx h2 { font-size: 1.1em; margin: 1.5em 0 0.3em; border-bottom: 1px solid #dee2e6; }
.eventx .document { display: flex; gap: 1.5em; align-items: flex-start; }
.eventx .text { flex: 3 1 0; min-width: 0; }
.eventx .spans > span > span > span { white-space: nowrap; }
.eventx .events { flex: 2 1 0; border-collapse: collapse; font-size: 0.85em; }
.eventx .events th, .eventx .events td { border: 1px solid #dee2e6; padding: 3px 6px;
  text-align: left; vertical-align: top; }
.eventx .events th { background: #f1f3f5; }
.eventx .status { display: inline-block; padding: 1px 6px; border-radius: 3px;
  border: 2px solid transparent; }
.eventx .status-planned, .eventx .status-possible, .eventx .status-threatened {
  border-style: dashed; border-color: #495057; font-style: italic; }
.eventx .status-cancelled, .eventx .status-negated { text-decoration: line-through;
  border-color: #495057; }
.eventx .legend .status { margin-right: 0.5em; }
.eventx .none { color: #868e96; font-style: italic; }
.eventx .meta { color: #868e96; font-size: 0.9em; }
"""


def _plain(value: Any) -> str:
    """A scalar as text; an enum member by its value."""
    return str(value.value if isinstance(value, enum.Enum) else value)


def _spans(value: Any) -> list[Mapping[str, Any]]:
    """The spans (mappings with integer offsets) within a field value."""
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, Mapping)
            and isinstance(item.get("start"), int) and isinstance(item.get("end"), int)]


def _marks(events: Sequence[Mapping[str, Any]]) -> list[tuple[int, int, str, str]]:
    """(start, end, label, colour) of every trigger and argument span, events numbered from 1."""
    marks = []
    for number, event in enumerate(events, 1):
        color = STATUS_COLORS.get(_plain(event.get("status", "")), _UNKNOWN_COLOR)
        marks += [(s["start"], s["end"], f"{number} {event.get('type')}", color)
                  for s in _spans(event.get("trigger"))]
        for role, value in event.items():
            if role in ("trigger", "sentence"):
                continue
            marks += [(s["start"], s["end"], f"{number} {role}", _ARGUMENT_COLOR)
                      for s in _spans(value)]
    return marks


def _displacy_input(text: str, marks: list[tuple[int, int, str, str]]) -> list[dict[str, Any]]:
    """displaCy "span" input, one dict a paragraph: whitespace-separated tokens, cut at marks."""
    cuts = sorted({offset for start, end, _, _ in marks for offset in (start, end)})
    tokens: list[tuple[int, int]] = []
    for match in re.finditer(r"\S+", text):
        start = match.start()
        for cut in cuts:
            if match.start() < cut < match.end():
                tokens.append((start, cut))
                start = cut
        tokens.append((start, match.end()))
    paragraphs: list[list[tuple[int, int]]] = [[]]
    for i, token in enumerate(tokens):
        if i and "\n\n" in text[tokens[i - 1][1]:token[0]].replace("\r", "") and not any(
                start < token[0] and end > tokens[i - 1][1] for start, end, _, _ in marks):
            paragraphs.append([])
        paragraphs[-1].append(token)
    parsed = []
    for paragraph in paragraphs:
        first, last = paragraph[0][0] if paragraph else 0, paragraph[-1][1] if paragraph else 0
        spans = []
        for start, end, label, _ in marks:
            inside = [i for i, (s, e) in enumerate(paragraph) if s < end and start < e]
            if inside and first <= start < last:
                spans.append({"start_token": inside[0], "end_token": inside[-1] + 1,
                              "label": html.escape(label)})
        parsed.append({"text": text[first:last], "spans": spans,
                       "tokens": [text[s:e] for s, e in paragraph]})
    return parsed


def _describe(value: Any) -> str:
    """A field value as short escaped text: spans by name or text, with country and value."""
    if isinstance(value, list):
        return "; ".join(_describe(item) for item in value)
    if isinstance(value, Mapping):
        text = str(value.get("name") or value.get("text") or "")
        extra = [str(value[key]) for key in ("country", "value") if value.get(key)]
        if value.get("percent") is not None:
            extra.append(f"{value['percent']:g}%")
        return html.escape(text) + (f" <span class='meta'>({html.escape(', '.join(extra))})"
                                    "</span>" if extra else "")
    return html.escape(_plain(value))


def _status_badge(status: str) -> str:
    color = STATUS_COLORS.get(status, _UNKNOWN_COLOR)
    return (f"<span class='status status-{html.escape(status)}' style='background: {color}'>"
            f"{html.escape(status)}</span>")


def _token(value: Any) -> str:
    """A value as a CSS-safe word, for filter classes and ids."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", _plain(value))


def _anchor(document_id: str, number: int, event: Mapping[str, Any]) -> str:
    return f"event-{_token(event.get('id') or f'{document_id}-{number}')}"


def _table(document_id: str, events: Sequence[Mapping[str, Any]]) -> str:
    if not events:
        return "<p class='none'>no events found</p>"
    rows = []
    for number, event in enumerate(events, 1):
        trigger = event.get("trigger") or {}
        fields = "<br>".join(f"<b>{html.escape(role)}</b>: {_describe(value)}"
                             for role, value in event.items()
                             if role not in _NOT_SHOWN and value not in (None, [], ""))
        confidence = event.get("confidence")
        meta = html.escape(str(event.get("extractor") or "")) + (
            f" {confidence:.2f}" if isinstance(confidence, (int, float)) else "")
        anchor = _anchor(document_id, number, event)
        rows.append(
            f"<tr id='{anchor}' class='row-type-{_token(event.get('type'))} "
            f"row-status-{_token(event.get('status', ''))}'>"
            f"<td><a href='#{anchor}'>{number}</a></td>"
            f"<td>{html.escape(str(event.get('type')))}</td>"
            f"<td>{_status_badge(_plain(event.get('status', '')))}</td>"
            f"<td><mark class='trigger'>{html.escape(str(trigger.get('text', '')))}</mark></td>"
            f"<td>{fields}</td><td class='meta'>{meta}</td></tr>")
    return ("<table class='events'><thead><tr><th>#</th><th>type</th><th>status</th>"
            "<th>trigger</th><th>fields</th><th>by</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>")


def _document(document: Document, events: Sequence[Mapping[str, Any]]) -> str:
    marks = _marks(events)
    text = displacy.render(_displacy_input(document.text, marks), style="span", manual=True,
                           page=False, jupyter=False,
                           options={"colors": {html.escape(label): color
                                               for _, _, label, color in marks}})
    date = f" <span class='meta'>{document.date.isoformat()}</span>" if document.date else ""
    return (f"<section><h2 id='{html.escape(document.id, quote=True)}'>"
            f"{html.escape(document.id)}{date}</h2><div class='document'><div class='text'>"
            f"{text}</div>{_table(document.id, events)}</div></section>")


def _filter(kind: str, values: Iterable[str]) -> tuple[str, str]:
    """Checkboxes that show or hide the table rows of each value, and their CSS rules."""
    boxes, rules = [], []
    for value in dict.fromkeys(values):
        token = _token(value)
        box = f"show-{kind}-{token}"
        boxes.append(f"<label><input type='checkbox' id='{box}' checked> "
                     f"{html.escape(value)}</label>")
        rules.append(f".eventx:has(#{box}:not(:checked)) tr.row-{kind}-{token} "
                     "{ display: none; }")
    return " ".join(boxes), "\n".join(rules)


def _body(pairs: Iterable[tuple[Document, Sequence[Mapping[str, Any]]]]) -> str:
    pairs = list(pairs)
    legend = "".join(_status_badge(status) for status in STATUS_COLORS)
    sections = "".join(_document(document, events) for document, events in pairs)
    events = [event for _, found in pairs for event in found]
    types, type_rules = _filter("type", (str(e.get("type")) for e in events))
    statuses, status_rules = _filter(
        "status", [*STATUS_COLORS, *(_plain(e.get("status", "")) for e in events)])
    return (f"<div class='eventx'><style>{_CSS}{type_rules}\n{status_rules}</style>"
            f"<p class='legend'>status: {legend}</p>"
            f"<form class='filter'><p>show types: {types}</p><p>show statuses: {statuses}</p>"
            f"</form>{sections}</div>")


def _page(pairs: Iterable[tuple[Document, Sequence[Mapping[str, Any]]]], title: str) -> str:
    return (f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            f"<title>{html.escape(title)}</title></head><body>"
            f"<h1 class='eventx'>{html.escape(title)}</h1>{_body(pairs)}</body></html>\n")


def _events_of(result: Result | Mapping[str, Any]) -> list[Mapping[str, Any]]:
    data = result.to_dict() if isinstance(result, Result) else result
    events = data.get("events")
    if not isinstance(events, list):
        raise InputError(f"result {data.get('id')!r}: needs an 'events' list")
    return events


@attrs.frozen
class Extraction:
    """Documents with the events found in them; displays as highlighted HTML in a notebook."""

    documents: tuple[Document, ...]
    results: tuple[Result, ...]

    @classmethod
    def run(cls, documents: Iterable[Document | str | Mapping[str, Any]],
            pipeline: Pipeline | None = None) -> Extraction:
        """Extract the events of the documents with ``pipeline`` (the default one if None)."""
        docs = tuple(Document.coerce(d, i) for i, d in enumerate(documents))
        return cls(docs, tuple((pipeline or default_pipeline()).pipe(docs)))

    def html(self, title: str = "eventx events") -> str:
        """The whole page, as :func:`render` makes it."""
        return _page(self._pairs(), title)

    def _repr_html_(self) -> str:
        return _body(self._pairs())

    def _pairs(self) -> Iterator[tuple[Document, list[Mapping[str, Any]]]]:
        return ((d, _events_of(r)) for d, r in zip(self.documents, self.results, strict=True))


def render(
    documents: Iterable[Document | str | Mapping[str, Any]],
    results: Iterable[Result | Mapping[str, Any]] | None = None,
    *,
    pipeline: Pipeline | None = None,
    title: str = "eventx events",
) -> str:
    """A self-contained HTML page of the documents with their events highlighted.

    :param documents: strings, ``{"id", "text", "date"}`` mappings or :class:`~eventx.Document`.
    :param results: the events of each document, in the same order (:class:`~eventx.Result`
        or ``{"id", "events"}`` dicts, e.g. gold data); when None, ``pipeline`` (the default
        one if None) extracts them.
    :raises InputError: when ``results`` and ``documents`` differ in number.
    """
    if results is None:
        return Extraction.run(documents, pipeline).html(title)
    docs = [Document.coerce(d, i) for i, d in enumerate(documents)]
    events = [_events_of(r) for r in results]
    if len(docs) != len(events):
        raise InputError(f"{len(docs)} documents but {len(events)} results")
    return _page(zip(docs, events, strict=True), title)
