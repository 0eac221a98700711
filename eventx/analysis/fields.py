"""The fields every event has, as an extractor receives them from the analyses."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from eventx.events import Place, Sentence, Span, Status, TimeExpr


@attrs.define(kw_only=True)
class CommonFields(Mapping[str, Any]):
    """Trigger, sentence, status, time, location and extractor of one event, read from the
    analyses (:meth:`~eventx.analysis.document.DocumentAnalysis.common_fields`).

    Typed attributes to read and set, :meth:`replace` for a changed copy, and a mapping of
    field name to value, so that an event is built with ``**``::

        fields = analysis.common_fields(trigger, self.name)
        if fields.location is not None and covers_a_party(fields.location):
            fields.location = None
        yield Ceasefire(**fields, parties=parties)

    ``fields["location"] = place`` sets an attribute too; a name that is not a common field
    is a ``KeyError``.
    """

    trigger: Span
    sentence: Sentence
    status: Status
    time: TimeExpr | None
    location: Place | None
    extractor: str

    def replace(self, **changes: Any) -> CommonFields:
        """A copy with the given fields changed: ``fields.replace(status=Status.PLANNED)``."""
        return attrs.evolve(self, **changes)

    def __getitem__(self, name: str) -> Any:
        if name not in _NAMES:
            raise KeyError(name)
        return getattr(self, name)

    def __setitem__(self, name: str, value: Any) -> None:
        if name not in _NAMES:
            raise KeyError(f"{name!r} is not a common field; the fields: {', '.join(_NAMES)}")
        setattr(self, name, value)

    def __iter__(self) -> Iterator[str]:
        return iter(_NAMES)

    def __len__(self) -> int:
        return len(_NAMES)


_NAMES = tuple(field.name for field in attrs.fields(CommonFields))
