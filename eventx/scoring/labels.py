"""The scorer's labels: a candidate is not an event, or an event with one of the statuses."""

from __future__ import annotations

from eventx.events import Status

#: The label of a candidate that is not a true event; true ones are labelled by status.
NOT_EVENT = "not-event"
STATUSES = tuple(status.value for status in Status)
LABELS = (NOT_EVENT, *STATUSES)
