"""Sentence templates for ``eventx.testing.strategies.examples``: one Sanction each.

Needs hypothesis (the ``test`` extra). ``{state}`` slots name a state by its
name, never by its capital: after "on" a capital reads as a place ("sanctions
on Moscow" is not told apart from "talks in Moscow").

    from hypothesis import given
    from eventx.testing.strategies import examples
    from eventx_sanctions.templates import SLOT_KINDS, TEMPLATES

    @given(examples(templates=TEMPLATES, slot_kinds=SLOT_KINDS))
    def test_sanctions(example): ...
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from eventx import Status
from eventx.testing.strategies import SlotKind, Template, countries
from hypothesis import strategies as st

from eventx_sanctions.plugin import SanctionAction


def _states(tense: str, day: dt.date) -> st.SearchStrategy[tuple[str, Any]]:
    return countries(metonyms=False).map(lambda mention: (mention.text, mention))


#: Extra slot kinds the templates use.
SLOT_KINDS: Mapping[str, SlotKind] = {"state": _states}

_S, _A = Status, SanctionAction
_SANCTION = "Sanction"
_ON_TARGET: dict[str, str | tuple[str, ...]] = {"imposer": "country1", "targets": ("state2",)}

#: One template per status, and one per action, in the active, verbal and passive forms.
TEMPLATES: tuple[Template, ...] = (
    Template(_SANCTION, _S.OCCURRED, "{country1} imposed [sanctions] on {state2} {time}.",
             {**_ON_TARGET, "time": "time"}, {"action": _A.IMPOSE}),
    Template(_SANCTION, _S.OCCURRED, "{country1} [sanctioned] {demonym2} banks {time}.",
             {"imposer": "country1", "targets": ("demonym2",), "time": "time"},
             {"action": _A.IMPOSE}),
    Template(_SANCTION, _S.OCCURRED, "{state2} was hit with new [sanctions] by {country1}.",
             _ON_TARGET, {"action": _A.IMPOSE}),
    Template(_SANCTION, _S.OCCURRED, "{leader1} ordered an [asset freeze] against {group2}.",
             {"imposer": "leader1", "targets": ("group2",)}, {"action": _A.IMPOSE}),
    Template(_SANCTION, _S.OCCURRED, "{country1} lifted [sanctions] on {state2} {time}.",
             {**_ON_TARGET, "time": "time"}, {"action": _A.LIFT}),
    Template(_SANCTION, _S.OCCURRED, "{country1} eased [sanctions] against {state2}.",
             _ON_TARGET, {"action": _A.EASE}),
    Template(_SANCTION, _S.OCCURRED, "{country1} extended its arms [embargo] on {state2}.",
             _ON_TARGET, {"action": _A.EXTEND}),
    Template(_SANCTION, _S.PLANNED, "{country1} will impose [export bans] on {state2} {time}.",
             {**_ON_TARGET, "time": "time"}, {"action": _A.IMPOSE}, tense="future"),
    Template(_SANCTION, _S.THREATENED, "{country1} threatened [sanctions] against {state2}.",
             _ON_TARGET),
    Template(_SANCTION, _S.POSSIBLE, "{country1} is considering an [embargo] on {state2}.",
             _ON_TARGET),
    Template(_SANCTION, _S.NEGATED, "{country1} did not lift [sanctions] on {state2}.",
             _ON_TARGET, {"action": _A.LIFT}),
)
