"""The spaCy component ``eventx``: ``nlp.add_pipe("eventx")`` sets ``doc._.events``.

Registered through spaCy's ``spacy_factories`` entry point, so it is found
in any pipeline once eventx is installed. The publication date of a Doc,
if known, goes in ``doc._.eventx_date`` (a ``datetime.date`` or ISO string)
before the component runs. The config's ``scorer`` (``"default"``, a directory written by
``eventx train``, or null for the rules alone) and ``min_confidence`` are those of
:class:`eventx.Pipeline`.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from eventx.engine import Engine
from eventx.pipeline import parse_date
from eventx.plugins import PluginSet
from eventx.scoring.scorer import DEFAULT as DEFAULT_SCORER
from eventx.scoring.scorer import Scorer


class EventxComponent:
    """Runs every loaded extractor on each Doc and stores the events in ``doc._.events``."""

    def __init__(self, nlp: Language, name: str, allow: Iterable[str] | None,
                 block: Iterable[str], strict: bool, scorer: str | None = DEFAULT_SCORER,
                 min_confidence: float | None = None) -> None:
        for attr in ("events", "eventx_date"):
            if not Doc.has_extension(attr):
                Doc.set_extension(attr, default=None)
        self.name = name
        self.engine = Engine(nlp, PluginSet(allow=allow, block=block), strict=strict,
                             scorer=Scorer.load(scorer) if scorer is not None else None,
                             min_confidence=min_confidence)

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = self.engine(doc, date=parse_date(doc._.eventx_date))
        return doc


@Language.factory(
    "eventx",
    default_config={"allow": None, "block": [], "strict": False, "scorer": DEFAULT_SCORER,
                    "min_confidence": None},
)
def make_eventx_component(nlp: Language, name: str, allow: list[str] | None,
                          block: list[str], strict: bool, scorer: str | None,
                          min_confidence: float | None) -> EventxComponent:
    """Build the ``eventx`` component for ``nlp``."""
    return EventxComponent(nlp, name, allow, block, strict, scorer, min_confidence)
