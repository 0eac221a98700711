"""The base class of every extractor, built-in or from a plugin.

An extractor declares its trigger patterns as data (spaCy ``Matcher`` token
patterns, grouped under labels) and turns each matched trigger into events,
using the shared analyses of the document. All extractors' patterns run in
one matcher pass per document.
"""

from __future__ import annotations

import abc
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

    from eventx.analysis.document import DocumentAnalysis
    from eventx.events import Event

VERSIONED_NAME = re.compile(r"^[A-Za-z_][\w\-]*(\.[A-Za-z_][\w\-]*)*\.v\d+$")

TokenPattern = list[dict[str, Any]]


class Extractor(abc.ABC):
    """Find events of the declared types around matched trigger words.

    Subclasses set three class attributes and implement :meth:`extract`:

    - ``name``: a dotted name ending in a version, e.g. ``"eventx.meeting.v1"``;
    - ``event_types``: the event classes it emits;
    - ``patterns``: a mapping from a label to spaCy ``Matcher`` token patterns.
    """

    name: ClassVar[str]
    event_types: ClassVar[tuple[type[Event], ...]]
    patterns: ClassVar[Mapping[str, Sequence[TokenPattern]]]

    @abc.abstractmethod
    def extract(self, trigger: SpacySpan, analysis: DocumentAnalysis) -> Iterable[Event]:
        """Return the events that the matched ``trigger`` states.

        :param trigger: the matched tokens; ``trigger.label_`` is the pattern's label.
        :param analysis: the document's shared analyses (actors, places, times, status).
        :return: zero or more events whose trigger lies inside the document.
        """

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"
