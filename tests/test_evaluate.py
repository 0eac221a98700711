"""Scoring by the rules of SCHEMA.md: hand-computed examples, properties, and agreement with
the reference scorer ../shared/tools/score.py on the shared gold data."""

from __future__ import annotations

import enum
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventx.cli import main
from eventx.errors import InputError
from eventx.evaluate import Counts, RoleKind, evaluate, read_jsonl, scored_roles
from eventx.events import (
    Actor,
    Event,
    Meeting,
    Place,
    Rate,
    Summit,
    TariffAction,
    TimeExpr,
    TroopAdjustment,
)
from eventx.pipeline import Pipeline

SHARED = Path(__file__).parents[1] / ".." / "shared"
GOLD = SHARED / "gold" / "dev.jsonl"
SCORER = SHARED / "tools" / "score.py"

TEXT = ("Officials of Japan and Korea met in Busan on Monday. "
        "Seoul will raise duties on steel products and autos to 25 percent. "
        "The US plans to withdraw 1,200 troops.")


def span(word: str, nth: int = 0, **extra: Any) -> dict[str, Any]:
    """The span of the nth occurrence of ``word`` in TEXT, with extra keys."""
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return {"start": start, "end": start + len(word), "text": word, **extra}


def country(word: str, code: str) -> dict[str, Any]:
    return span(word, name=word, kind="country", country=code, title=None)


def event(kind: str, trigger: str, **fields: Any) -> dict[str, Any]:
    return {"type": kind, "trigger": span(trigger), "sentence": {"start": 0, "end": 10},
            **fields}


def run_cli(*argv: str) -> int:
    """Run ``eventx evaluate`` through the real command line."""
    return main(["evaluate", *argv])


# -- roles derived from the attrs field types ------------------------------------------------


def test_core_roles_are_those_of_the_schema() -> None:
    actor, place, value = RoleKind.ACTOR, RoleKind.PLACE, RoleKind.VALUE
    common = {"status": value, "time": RoleKind.TIME, "location": place}
    assert scored_roles(Meeting) == {**common, "participants": actor, "chair": actor}
    assert scored_roles(Summit) == {**common, "participants": actor, "host": actor}
    assert scored_roles(TariffAction) == {**common, "imposer": actor, "targets": actor,
                                          "products": RoleKind.HEADS,
                                          "rate": RoleKind.PERCENT, "action": value}
    assert scored_roles(TroopAdjustment) == {**common, "force": actor, "direction": value,
                                             "magnitude": RoleKind.INTEGER,
                                             "destination": place}


class Severity(str, enum.Enum):
    LOW = "low"
    HIGH = "high"


@attrs.frozen(kw_only=True)
class Sanction(Event):
    """A plugin-style event type with one field of every scored kind and some unscored ones."""

    event_type = "Sanction"

    issuer: Actor | None = None
    targets: tuple[Actor, ...] = ()
    venue: Place | None = None
    severity: Severity = Severity.LOW
    effective: TimeExpr | None = None
    entities: int | None = None
    levy: Rate | None = None
    sectors: tuple[str, ...] = ()
    label: str | None = None
    weight: float = 0.0


def test_plugin_roles_follow_the_field_types() -> None:
    assert scored_roles(Sanction) == {
        "status": RoleKind.VALUE, "time": RoleKind.TIME, "location": RoleKind.PLACE,
        "issuer": RoleKind.ACTOR, "targets": RoleKind.ACTOR, "venue": RoleKind.PLACE,
        "severity": RoleKind.VALUE, "effective": RoleKind.TIME, "entities": RoleKind.INTEGER,
        "levy": RoleKind.PERCENT, "sectors": RoleKind.HEADS,
    }


def test_plugin_type_is_scored_by_the_same_rules() -> None:
    gold = [{"id": "d", "text": TEXT, "events": [event(
        "Sanction", "duties", issuer=country("Seoul", "KOR"), severity="high",
        sectors=["steel products"], entities=3, label="x")]}]
    pred = [{"id": "d", "events": [event(
        "Sanction", "duties", issuer=country("Korea", "KOR"), severity="low",
        sectors=["Products"], entities=3, label="y")]}]
    result = evaluate(gold, pred, event_types={"Sanction": Sanction})
    roles = result.roles()
    # issuer: both countries KOR -> match; severity high vs low; sectors head "product" both;
    # entities 3 = 3; status absent on both sides; label is free text, not scored
    assert (roles["issuer"].tp, roles["severity"].fp, roles["severity"].fn) == (1, 1, 1)
    assert (roles["sectors"].tp, roles["entities"].tp) == (1, 1)
    assert set(roles) == {"issuer", "severity", "sectors", "entities"}
    assert (result.argument.tp, result.argument.fp, result.argument.fn) == (3, 1, 1)


# -- hand-computed examples -------------------------------------------------------------------


def test_events_and_arguments_by_hand() -> None:
    gold = [{"id": "d", "text": TEXT, "events": [
        event("Meeting", "met", status="occurred",
              participants=[country("Japan", "JPN"), country("Korea", "KOR")],
              location=span("Busan", name="Busan", country="KOR"),
              time=span("Monday", value="2025-03-03")),
        event("TroopAdjustment", "withdraw", status="planned", direction="withdraw"),
    ]}]
    pred = [{"id": "d", "events": [
        # "Officials of Japan" overlaps gold "Japan"; "Busan" is a second, unmatched actor
        {**event("Meeting", "met", status="planned", time=None,
                 participants=[span("Officials of Japan", kind="group", country="JPN"),
                               country("Busan", "KOR")],
                 location=span("Busan", name="Busan", country="KOR")),
         "trigger": span("Korea met")},
        event("TariffAction", "duties", status="planned"),
    ]}]
    result = evaluate(gold, pred)
    # events: Meeting matched; TariffAction spurious; TroopAdjustment missed
    assert result.events["Meeting"] == Counts(1, 0, 0)
    assert result.events["TariffAction"] == Counts(0, 1, 0)
    assert result.events["TroopAdjustment"] == Counts(0, 0, 1)
    assert (result.event.precision, result.event.recall, result.event.f1) == (0.5, 0.5, 0.5)
    # participants: Japan by overlap, Busan (KOR, country) matches gold Korea (KOR, country)
    roles = result.roles()
    assert roles["participants"] == Counts(2, 0, 0)
    assert roles["location"] == Counts(1, 0, 0)
    assert roles["status"] == Counts(0, 1, 1)
    assert roles["time"] == Counts(0, 0, 1)
    # argument totals: tp 3, fp 1, fn 2 -> P 3/4, R 3/5, F1 2/3
    argument = result.argument
    assert (argument.tp, argument.fp, argument.fn) == (3, 1, 2)
    assert argument.precision == pytest.approx(0.75)
    assert argument.recall == pytest.approx(0.6)
    assert argument.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    kinds = sorted(error.kind for error in result.errors)
    assert kinds == ["missed", "role", "role", "spurious"]


def test_tariff_roles_by_hand() -> None:
    gold = [{"id": "d", "text": TEXT, "events": [event(
        "TariffAction", "raise", status="planned", action="raise",
        imposer=country("Seoul", "KOR"), targets=[],
        products=["steel products", "autos"], rate={"text": "25 percent", "percent": 25})]}]
    pred = [{"id": "d", "events": [event(
        "TariffAction", "raise", status="planned", action="impose", imposer=None,
        targets=[country("US", "USA")],
        products=["Steel Products", "auto parts"], rate={"text": "25 percent", "percent": 25.0})]}]
    roles = evaluate(gold, pred).roles()
    # heads: gold {product, auto}, pred {product, part}
    assert roles["products"] == Counts(1, 1, 1)
    assert roles["rate"] == Counts(1, 0, 0)
    assert roles["action"] == Counts(0, 1, 1)
    assert roles["imposer"] == Counts(0, 0, 1)
    assert roles["targets"] == Counts(0, 1, 0)
    assert roles["status"] == Counts(1, 0, 0)


def test_actor_matching_is_one_to_one() -> None:
    gold = [{"id": "d", "text": TEXT, "events": [event(
        "Summit", "met", participants=[country("Japan", "JPN"), country("Officials", "JPN")])]}]
    pred = [{"id": "d", "events": [event(
        "Summit", "met", participants=[country("Seoul", "JPN")])]}]
    assert evaluate(gold, pred).roles()["participants"] == Counts(1, 0, 1)


def test_optional_gold_events_neither_reward_nor_penalise() -> None:
    optional = {**event("Meeting", "Officials"), "trigger": span("Officials of Japan"),
                "optional": True}
    required = {**event("Meeting", "met"), "trigger": span("Korea met")}
    gold = [{"id": "d", "text": TEXT, "events": [optional, required,
                                                 {**event("Summit", "Busan"), "optional": True}]}]
    # one prediction overlapping both the optional and the required event: the required one
    # takes it although the optional one comes first; the missed optional Summit is not counted
    pred = [{"id": "d", "events": [{**event("Meeting", "Japan"),
                                    "trigger": span("Japan and Korea")}]}]
    result = evaluate(gold, pred)
    assert result.events == {"Meeting": Counts(1, 0, 0)}
    # a found optional event is not a spurious one
    found = [{"id": "d", "events": [optional, required]}]
    assert evaluate(gold, found).events == {"Meeting": Counts(1, 0, 0)}


def test_documents_missing_from_the_predictions_count_as_misses() -> None:
    gold = [{"id": "a", "text": TEXT, "events": [event("Meeting", "met")]},
            {"id": "b", "text": TEXT, "events": []}]
    result = evaluate(gold, [{"id": "zzz", "events": [event("Meeting", "met")]}])
    assert result.events == {"Meeting": Counts(0, 0, 1)}


def test_unknown_gold_type_is_scored_on_the_common_fields(caplog: Any) -> None:
    gold = [{"id": "d", "text": TEXT, "events": [event("Embargo", "duties", status="planned",
                                                      ships=4)]}]
    pred = [{"id": "d", "events": [event("Embargo", "duties", status="planned", ships=5)]}]
    result = evaluate(gold, pred)
    assert result.roles() == {"status": Counts(1, 0, 0)}
    assert "Embargo" in caplog.text


# -- properties -------------------------------------------------------------------------------

actors = st.builds(lambda start, length, code: {"start": start, "end": start + length,
                                                "text": "x", "kind": "country",
                                                "country": code},
                   st.integers(0, 200), st.integers(1, 10), st.sampled_from(["USA", "KOR", None]))
gold_events = st.builds(
    lambda kind, start, status, parts, magnitude: {
        "type": kind, "trigger": {"start": start, "end": start + 3, "text": "abc"},
        "status": status, "participants": parts, "magnitude": magnitude},
    st.sampled_from(["Meeting", "Summit", "TroopAdjustment"]), st.integers(0, 300),
    st.sampled_from(["occurred", "planned", None]), st.lists(actors, max_size=4),
    st.none() | st.integers(0, 10_000))


@given(st.lists(gold_events, max_size=8))
def test_gold_scored_against_itself_is_perfect(events: list[dict[str, Any]]) -> None:
    gold = [{"id": "d", "text": "", "events": events}]
    result = evaluate(gold, gold)
    assert result.event == Counts(len(events), 0, 0)
    assert result.argument.fp == result.argument.fn == 0
    assert not result.errors


@given(st.integers(0, 50), st.integers(0, 50), st.integers(0, 50))
def test_f1_lies_between_precision_and_recall(tp: int, fp: int, fn: int) -> None:
    c = Counts(tp, fp, fn)
    assert 0.0 <= c.f1 <= 1.0
    if tp:
        low, high = sorted((c.precision, c.recall))
        assert low - 1e-12 <= c.f1 <= high + 1e-12
    else:
        assert c.f1 == 0.0


# -- files and the command line ---------------------------------------------------------------


def test_read_jsonl_reports_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a", "events": []}\n\n[1, 2]\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"gold.jsonl:3"):
        list(read_jsonl(path))


def test_cli_prints_figures_and_errors(tmp_path: Path, capsys: Any) -> None:
    gold = tmp_path / "gold.jsonl"
    pred = tmp_path / "pred.jsonl"
    gold.write_text(json.dumps({"id": "d", "text": TEXT, "events": [
        event("Meeting", "met", status="occurred"),
        event("TroopAdjustment", "withdraw", direction="withdraw")]}) + "\n", encoding="utf-8")
    pred.write_text(json.dumps({"id": "d", "events": [
        event("Meeting", "met", status="planned"), event("Summit", "Busan")]}) + "\n",
        encoding="utf-8")
    assert run_cli(str(gold), "--pred", str(pred), "--errors") == 0
    out = capsys.readouterr().out
    # events tp 1, fp 1, fn 1; arguments: status tp 0, fp 1, fn 1
    assert out.splitlines()[-1] == ("event F1 0.500 (P 0.500 R 0.500); "
                                    "argument F1 0.000 (P 0.000 R 0.000)")
    assert "MISSED" in out and "SPURIOUS" in out and ".status: predicted 'planned'" in out
    assert run_cli(str(gold), "--pred", str(pred), "--json") == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["event"]["tp"] == 1 and figures["types"]["Summit"]["fp"] == 1


# -- agreement with the reference scorer ------------------------------------------------------


@pytest.mark.skipif(not (GOLD.exists() and SCORER.exists()),
                    reason="../shared (gold data and score.py) is not beside the checkout")
def test_agrees_with_the_reference_scorer_on_dev(tmp_path: Path) -> None:
    gold = list(read_jsonl(GOLD))
    pipeline = Pipeline()
    results = list(pipeline.pipe(gold))
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(r.to_dict()) + "\n" for r in results), encoding="utf-8")
    completed = subprocess.run([sys.executable, str(SCORER), str(GOLD), str(pred), "--json"],
                               capture_output=True, text=True, check=True)
    reference = json.loads(completed.stdout)
    ours = evaluate(gold, list(read_jsonl(pred)), pipeline=pipeline).to_dict()
    # without predictions, evaluate runs the pipeline itself: the same figures
    assert evaluate(gold, pipeline=pipeline).to_dict() == ours
    assert reference["event"]["tp"] > 0 and reference["argument"]["tp"] > 0
    for section in ("types", "roles"):
        assert set(ours[section]) == set(reference[section])
        for name, figures in reference[section].items():
            for key, value in figures.items():
                assert round(ours[section][name][key], 3) == round(value, 3), (section, name, key)
    for section in ("event", "argument"):
        for key, value in reference[section].items():
            assert round(ours[section][key], 3) == round(value, 3), (section, key)
