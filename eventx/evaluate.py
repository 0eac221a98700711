"""Scoring extracted events against hand-annotated gold data, by the rules of SCHEMA.md.

Events match one-to-one when they have the same type and overlapping triggers;
over matched pairs every role is compared as a set of keys. Which roles an event
type has, and how each is compared, follows from the types of its attrs fields,
so plugin event types are scored by the same rules as the core ones:

- ``Actor`` or ``tuple[Actor, ...]``: actors match when their spans overlap or
  both are countries with the same ``country`` code;
- ``Place``: the place's ``country``, else its normalised name;
- an enum (``status``, ``action``, ``direction``...): the value itself;
- ``TimeExpr``: ``time.value``; ``int``: the integer; ``Rate``: ``percent``;
- ``tuple[str, ...]``: the lower-cased head word of each phrase.

Fields of any other type (free text, confidence, offsets) are not scored.
"""

from __future__ import annotations

import enum
import json
import logging
import re
import types
import typing
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from eventx.errors import InputError
from eventx.events import CORE_EVENT_TYPES, Actor, Event, Meeting, Place, Rate, TimeExpr
from eventx.pipeline import Pipeline, Result, default_pipeline

__all__ = ["Counts", "Evaluation", "Mismatch", "RoleKind", "evaluate", "match_events",
           "read_jsonl", "read_jsonl_numbered", "scored_roles"]

log = logging.getLogger(__name__)


class RoleKind(enum.Enum):
    """How the values of one role are compared."""

    ACTOR = "actor"
    PLACE = "place"
    VALUE = "value"
    TIME = "time"
    INTEGER = "integer"
    PERCENT = "percent"
    HEADS = "heads"


#: Fields whose type would make them scored but which SCHEMA.md leaves out (free phrases).
UNSCORED_FIELDS: frozenset[tuple[type[Event], str]] = frozenset({(Meeting, "topics")})


def _role_kind(tp: Any) -> RoleKind | None:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        kinds = {_role_kind(arg) for arg in typing.get_args(tp) if arg is not type(None)}
        return kinds.pop() if len(kinds) == 1 else None
    if origin is tuple:
        (item, *_) = typing.get_args(tp)
        return RoleKind.HEADS if item is str else (RoleKind.ACTOR if item is Actor else None)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return RoleKind.VALUE
    simple = {Actor: RoleKind.ACTOR, Place: RoleKind.PLACE, TimeExpr: RoleKind.TIME,
              Rate: RoleKind.PERCENT, int: RoleKind.INTEGER}
    return simple.get(tp)


_ROLES: dict[type[Event], dict[str, RoleKind]] = {}


def scored_roles(cls: type[Event]) -> dict[str, RoleKind]:
    """The scored roles of an event class and how each is compared, in field order."""
    if cls not in _ROLES:
        hints = typing.get_type_hints(cls)
        kinds = {field.name: _role_kind(hints[field.name]) for field in attrs.fields(cls)}
        _ROLES[cls] = {name: kind for name, kind in kinds.items()
                       if kind is not None and (cls, name) not in UNSCORED_FIELDS}
    return dict(_ROLES[cls])


@attrs.define
class Counts:
    """True positives, false positives and false negatives, with P/R/F1 from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        """Add another count to this one."""
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        """tp / (tp + fp), 0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn), 0 when there is nothing to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall, 0 when both are 0."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        """``{"p", "r", "f1", "tp", "fp", "fn"}``."""
        return {"p": self.precision, "r": self.recall, "f1": self.f1,
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@attrs.frozen
class Mismatch:
    """One error: a missed or spurious event, or a role whose values differ."""

    doc_id: str
    kind: str  # "missed", "spurious" or "role"
    event_type: str
    trigger: Mapping[str, Any]
    sentence: str = ""
    role: str = ""
    predicted: Any = None
    gold: Any = None

    def __str__(self) -> str:
        where = f"{self.doc_id} {self.event_type} {self.trigger.get('text')!r}" \
                f"@{self.trigger.get('start')}"
        if self.kind == "role":
            text = f"{where} .{self.role}: predicted {_brief(self.predicted)}, " \
                   f"gold {_brief(self.gold)}"
        else:
            text = f"{where} {self.kind.upper()}"
        return f"{text}  | {self.sentence}" if self.sentence else text


def _brief(value: Any) -> str:
    """A role value in short: spans by their text (and country), lists item by item."""
    if isinstance(value, list):
        return "[" + ", ".join(map(_brief, value)) + "]"
    if isinstance(value, Mapping):
        country = value.get("country")
        text = value.get("text")
        return repr(text) + (f" ({country})" if country else "") + \
            (f" = {value['value']}" if value.get("value") else "")
    return repr(value.value if isinstance(value, enum.Enum) else value)


@attrs.define
class Evaluation:
    """The counts of one evaluation: per event type, per (type, role), and the errors."""

    events: dict[str, Counts] = attrs.field(factory=dict)
    arguments: dict[tuple[str, str], Counts] = attrs.field(factory=dict)
    errors: list[Mismatch] = attrs.field(factory=list)

    @property
    def event(self) -> Counts:
        """Event counts over all types."""
        return _total(self.events.values())

    @property
    def argument(self) -> Counts:
        """Argument counts over all types and roles (micro-averaged)."""
        return _total(self.arguments.values())

    def roles(self) -> dict[str, Counts]:
        """Argument counts per role over all event types, by role name."""
        out: dict[str, Counts] = {}
        for (_, role), counts in self.arguments.items():
            out.setdefault(role, Counts()).add(counts)
        return dict(sorted(out.items()))

    def type_arguments(self) -> dict[str, Counts]:
        """Argument counts per event type, over all its roles."""
        out: dict[str, Counts] = {}
        for (event_type, _), counts in self.arguments.items():
            out.setdefault(event_type, Counts()).add(counts)
        return dict(sorted(out.items()))

    def to_dict(self) -> dict[str, Any]:
        """The figures as plain data: ``types``, ``roles``, ``event``, ``argument``,
        ``type_arguments``; each a ``{"p", "r", "f1", "tp", "fp", "fn"}`` dict."""
        return {
            "types": {t: c.to_dict() for t, c in sorted(self.events.items())},
            "roles": {r: c.to_dict() for r, c in self.roles().items()},
            "event": self.event.to_dict(),
            "argument": self.argument.to_dict(),
            "type_arguments": {t: c.to_dict() for t, c in self.type_arguments().items()},
        }


def _total(counts: Iterable[Counts]) -> Counts:
    total = Counts()
    for c in counts:
        total.add(c)
    return total


def _overlap(a: Any, b: Any) -> bool:
    if not isinstance(a, Mapping) or not isinstance(b, Mapping):
        return False
    try:
        return bool(a["start"] < b["end"] and b["start"] < a["end"])
    except (KeyError, TypeError):
        return False


def _items(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _norm(text: Any) -> str:
    return " ".join(str(text).lower().split())


def _head(phrase: Any) -> str:
    """The last word of a phrase, lower-cased; a final "s" dropped from words over 3 letters."""
    words: list[str] = re.findall(r"[a-z0-9]+", str(phrase).lower())
    if not words:
        return ""
    word = words[-1]
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def _keys(kind: RoleKind, value: Any) -> set[Any]:
    """The comparable keys of a non-actor role value (JSON shape)."""
    if kind is RoleKind.VALUE:
        return {value} if value else set()
    if kind is RoleKind.TIME:
        return {value["value"]} if isinstance(value, Mapping) and value.get("value") else set()
    if kind is RoleKind.PLACE:
        if not isinstance(value, Mapping):
            return set()
        key = value.get("country") or _norm(value.get("name") or value.get("text") or "")
        return {key} if key else set()
    if kind is RoleKind.INTEGER:
        return {int(value)} if isinstance(value, (int, float)) else set()
    if kind is RoleKind.PERCENT:
        percent = value.get("percent") if isinstance(value, Mapping) else None
        return {float(percent)} if percent is not None else set()
    return {_head(phrase) for phrase in _items(value)} - {""}


def _actors_match(p: Any, g: Any) -> bool:
    if not isinstance(p, Mapping) or not isinstance(g, Mapping):
        return False
    if _overlap(p, g):
        return True
    return bool(p.get("kind") == g.get("kind") == "country" and p.get("country")
                and p.get("country") == g.get("country"))


def _actor_counts(predicted: list[Any], gold: list[Any]) -> Counts:
    """One-to-one: each gold actor, in order, takes the first unused predicted actor it matches."""
    free = list(range(len(predicted)))
    tp = 0
    for g in gold:
        hit = next((i for i in free if _actors_match(predicted[i], g)), None)
        if hit is not None:
            free.remove(hit)
            tp += 1
    return Counts(tp, len(predicted) - tp, len(gold) - tp)


def _role_counts(kind: RoleKind, role: str, pred: Mapping[str, Any],
                 gold: Mapping[str, Any]) -> Counts | None:
    """The counts of one role of a matched pair, None when neither side has anything to score."""
    if kind is RoleKind.ACTOR:
        predicted = _items(pred.get(role))
        if role not in gold and not predicted:
            return None
        return _actor_counts(predicted, _items(gold.get(role)))
    pk, gk = _keys(kind, pred.get(role)), _keys(kind, gold.get(role))
    if not pk and not gk:
        return None
    return Counts(len(pk & gk), len(pk - gk), len(gk - pk))


def match_events(
    gold: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, Any]]
) -> list[tuple[Mapping[str, Any], int | None]]:
    """Pair gold events with predicted ones (JSON shape) by the SCHEMA.md rule.

    Each gold event, required ones first and then in order, takes the first unused
    predicted event of its type whose trigger overlaps its own.

    :return: every gold event with the index of its predicted match, or None.
    """
    used: set[int] = set()
    pairs: list[tuple[Mapping[str, Any], int | None]] = []
    for g in sorted(gold, key=lambda event: bool(event.get("optional"))):
        hit = next((i for i, p in enumerate(predicted) if i not in used
                    and p.get("type") == g.get("type")
                    and _overlap(p.get("trigger"), g.get("trigger"))), None)
        if hit is not None:
            used.add(hit)
        pairs.append((g, hit))
    return pairs


class _Scorer:
    def __init__(self, event_types: Mapping[str, type[Event]]) -> None:
        self.event_types = event_types
        self.result = Evaluation()
        self._warned: set[str] = set()

    def roles_of(self, event_type: str) -> dict[str, RoleKind]:
        cls = self.event_types.get(event_type)
        if cls is None:
            if event_type not in self._warned:
                self._warned.add(event_type)
                log.warning("unknown event type %r in the gold data: scoring only the common "
                            "fields; to score its own fields, pass its class in "
                            "evaluate(..., event_types={%r: ...}) or a pipeline that "
                            "registers it", event_type, event_type)
            cls = Event
        return scored_roles(cls)

    def document(self, doc_id: str, text: str, gold: Sequence[Mapping[str, Any]],
                 predicted: Sequence[Mapping[str, Any]]) -> None:
        def sentence(event: Mapping[str, Any]) -> str:
            span = event.get("sentence")
            if not isinstance(span, Mapping):
                return ""
            return " ".join(text[span.get("start", 0):span.get("end", 0)].split())

        pairs = match_events(gold, predicted)
        used = {hit for _, hit in pairs if hit is not None}
        for g, hit in pairs:
            event_type = str(g.get("type"))
            if g.get("optional"):
                continue
            counts = self.result.events.setdefault(event_type, Counts())
            if hit is None:
                counts.fn += 1
                self.result.errors.append(Mismatch(doc_id, "missed", event_type,
                                                   g.get("trigger") or {}, sentence(g)))
                continue
            counts.tp += 1
            for role, kind in sorted(self.roles_of(event_type).items()):
                role_counts = _role_counts(kind, role, predicted[hit], g)
                if role_counts is None:
                    continue
                self.result.arguments.setdefault((event_type, role), Counts()).add(role_counts)
                if role_counts.fp or role_counts.fn:
                    self.result.errors.append(Mismatch(
                        doc_id, "role", event_type, g.get("trigger") or {}, sentence(g), role,
                        predicted[hit].get(role), g.get(role)))
        for i, p in enumerate(predicted):
            if i not in used:
                event_type = str(p.get("type", "?"))
                self.result.events.setdefault(event_type, Counts()).fp += 1
                self.result.errors.append(Mismatch(doc_id, "spurious", event_type,
                                                   p.get("trigger") or {}, sentence(p)))


def _as_dict(item: Result | Mapping[str, Any]) -> Mapping[str, Any]:
    return item.to_dict() if isinstance(item, Result) else item


def evaluate(
    gold: Iterable[Mapping[str, Any]],
    predicted: Iterable[Result | Mapping[str, Any]] | None = None,
    *,
    pipeline: Pipeline | None = None,
    event_types: Mapping[str, type[Event]] | None = None,
) -> Evaluation:
    """Score predicted events against gold documents.

    :param gold: documents ``{"id", "text", "events": [...]}``; an event may be ``"optional"``.
    :param predicted: ``{"id", "events"}`` dicts or :class:`~eventx.Result` objects; when None,
        ``pipeline`` (the default pipeline if None) is run over the gold documents.
    :param event_types: the event classes by name, whose fields give the roles; by default the
        pipeline's registered types (with ``predicted`` given: the four core types).
    """
    gold_docs = {str(doc.get("id", i)): doc for i, doc in enumerate(gold)}
    if predicted is None:
        pipeline = pipeline or default_pipeline()
        predicted = pipeline.pipe(gold_docs.values())
    if event_types is None:
        event_types = (pipeline.event_types if pipeline is not None
                       else {cls.event_type: cls for cls in CORE_EVENT_TYPES})
    by_id = {str(d.get("id")): d for d in map(_as_dict, predicted)}
    scorer = _Scorer(event_types)
    for doc_id, doc in gold_docs.items():
        text = doc.get("text")
        scorer.document(doc_id, text if isinstance(text, str) else "",
                        doc.get("events") or [], by_id.get(doc_id, {}).get("events") or [])
    return scorer.result


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    """The JSON objects of a JSON Lines file, one a line (blank lines skipped), read as a stream.

    :raises InputError: when the file cannot be read or a line is not a JSON object.
    """
    for _, data in read_jsonl_numbered(path):
        yield data


def read_jsonl_numbered(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Like :func:`read_jsonl`, each object with its line number (from 1)."""
    try:
        with open(path, encoding="utf-8-sig") as file:
            yield from _json_objects(file, path)
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot be read: {error}") from None


def _json_objects(lines: Iterable[str], path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{path}:{number}: not valid JSON: {error.msg}") from None
        if not isinstance(data, dict) or not isinstance(data.get("events", []), list):
            raise InputError(f"{path}:{number}: expected an object with an 'events' list")
        yield number, data
