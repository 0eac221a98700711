"""The spaCy component ``eventx``: ``nlp.add_pipe("eventx")`` sets ``doc._.events``.

Registered through spaCy's ``spacy_factories`` entry point, so it is found
in any pipeline once eventx is installed. The publication date of a Doc,
if known, goes in ``doc._.eventx_date`` (a ``datetime.date`` or ISO string)
before the component runs. Every setting is in the component's config, so a
saved pipeline (``nlp.to_disk``) loads with the same plugins, limits and scorer; ``scorer``
(``"default"``, a directory written by ``eventx train``, or null for the rules alone) and
``min_confidence`` are those of :class:`eventx.Pipeline`::

    nlp.add_pipe("eventx", config={"allow": ["sanctions"], "timeout": 2.0})
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from eventx.engine import Engine
from eventx.pipeline import parse_date
from eventx.plugins import PluginSet
from eventx.scoring.scorer import DEFAULT as DEFAULT_SCORER
from eventx.scoring.scorer import Scorer

#: The component's settings and their defaults (the options of :class:`eventx.Pipeline`).
DEFAULT_CONFIG: dict[str, Any] = {"allow": None, "block": [], "strict": False, "timeout": None,
                                  "builtins": True, "entry_points": True,
                                  "scorer": DEFAULT_SCORER, "min_confidence": None}


class EventxComponent:
    """Runs every loaded extractor on each Doc and stores the events in ``doc._.events``."""

    def __init__(self, nlp: Language, name: str, allow: Iterable[str] | None,
                 block: Iterable[str], strict: bool, timeout: float | None = None,
                 builtins: bool = True, entry_points: bool = True,
                 scorer: str | None = DEFAULT_SCORER,
                 min_confidence: float | None = None) -> None:
        for attr in ("events", "eventx_date"):
            if not Doc.has_extension(attr):
                Doc.set_extension(attr, default=None)
        self.name = name
        plugins = PluginSet(allow=allow, block=block, strict=strict, builtins=builtins,
                            entry_points=entry_points)
        self.engine = Engine(nlp, plugins, strict=strict, timeout=timeout,
                             scorer=Scorer.load(scorer) if scorer is not None else None,
                             min_confidence=min_confidence)

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = self.engine(doc, date=parse_date(doc._.eventx_date))
        return doc


@Language.factory("eventx", assigns=["doc._.events"], default_config=DEFAULT_CONFIG)
def make_eventx_component(nlp: Language, name: str, allow: list[str] | None,
                          block: list[str], strict: bool, timeout: float | None,
                          builtins: bool, entry_points: bool, scorer: str | None,
                          min_confidence: float | None) -> EventxComponent:
    """Build the ``eventx`` component for ``nlp``."""
    return EventxComponent(nlp, name, allow, block, strict, timeout, builtins, entry_points,
                           scorer, min_confidence)
