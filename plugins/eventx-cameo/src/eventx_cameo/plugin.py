"""The plugin: persons and bodies that a CAMEO actor dictionary knows get its country and code.

Through ``eventx_gazetteer`` every record of the dictionaries becomes an actor name (its
phrases, in title case and upper case, as aliases): a ``person`` when it has dated roles,
else an ``organization``; a record coded as a country alone (``[AFG]``) is left to the
built-in country names. Then, for each actor of kind ``person`` or ``organization`` whose
name (or text) is a phrase of the dictionaries, the role valid at the document's
publication date gives the actor's ``cameo`` code (``USAGOV``) and, when the actor has no
country yet and the code starts with an ISO alpha-3 country, its ``country``. A country
the text states ("Japanese Prime Minister ...") is kept; a code that disagrees with it is
not given. Actors the dictionaries do not know, or whose roles do not cover the date, are
left as they are.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterable, Sequence
from typing import Any

import attrs
from eventx import Actor, ActorKind, Event, hookimpl

from eventx_cameo.dictionary import ActorDictionary, ActorRecord, load_dictionary

log = logging.getLogger(__name__)

#: The environment variable naming dictionary files (separated by the path separator).
ENV = "EVENTX_CAMEO_ACTORS"
_CODED_KINDS = (ActorKind.PERSON, ActorKind.ORGANIZATION)


class CameoActors:
    """The plugin object: ``Pipeline(plugins=[CameoActors(["Phoenix.Countries.actors.txt"])])``.

    :param paths: the dictionary files, earlier ones first when two give the same phrase;
        when None, the files named in ``EVENTX_CAMEO_ACTORS`` (read at first use).
    """

    eventx_plugin_name = "cameo"

    def __init__(self, paths: Iterable[str | os.PathLike[str]] | None = None) -> None:
        self._paths = None if paths is None else [str(path) for path in paths]

    @property
    def paths(self) -> list[str]:
        """The dictionary files in use."""
        if self._paths is not None:
            return self._paths
        return [path for path in os.environ.get(ENV, "").split(os.pathsep) if path.strip()]

    def dictionary(self) -> ActorDictionary:
        """The dictionaries of :attr:`paths`, merged (read once and cached)."""
        return load_dictionary(*self.paths)

    def code(self, actor: Actor, day: dt.date | None, dictionary: ActorDictionary) -> Actor:
        """``actor`` with its CAMEO code and country on ``day``, if the dictionary has them."""
        if actor.kind not in _CODED_KINDS or actor.cameo is not None:
            return actor
        record = dictionary.lookup(actor.name) or dictionary.lookup(actor.text)
        role = record.role_at(day) if record else None
        if role is None or (actor.country and role.country and actor.country != role.country):
            return actor
        return attrs.evolve(actor, cameo=role.code, country=actor.country or role.country)

    @hookimpl
    def eventx_gazetteer(self) -> list[dict[str, Any]]:
        """The dictionaries' persons and bodies as gazetteer entries (without a country, which
        depends on the date)."""
        if not self.paths:
            return []
        records = dict.fromkeys(self.dictionary().records.values())
        return [{"name": record.phrases[0].title(),
                 "aliases": [phrase.title() for phrase in record.phrases[1:]],
                 "kind": "person" if record.roles else "organization"}
                for record in records if not _country_only(record)]

    @hookimpl
    def eventx_process_events(self, doc: Any, events: Sequence[Event]) -> list[Event] | None:
        """Code the persons and bodies of the events at the document's date."""
        if not events or not self.paths:
            return None
        dictionary = self.dictionary()
        day = doc.user_data.get("eventx.date")
        return [_map_actors(event, lambda actor: self.code(actor, day, dictionary))
                for event in events]


def _country_only(record: ActorRecord) -> bool:
    return not record.roles and record.default is not None and len(record.default) == 3


def _map_actors(event: Event, function: Any) -> Event:
    changes: dict[str, Any] = {}
    for field in attrs.fields(type(event)):
        value = getattr(event, field.name)
        if isinstance(value, Actor):
            changes[field.name] = function(value)
        elif isinstance(value, tuple) and value and all(isinstance(v, Actor) for v in value):
            changes[field.name] = tuple(function(v) for v in value)
    return attrs.evolve(event, **changes) if changes else event


#: The instance the ``eventx`` entry point loads: it reads ``EVENTX_CAMEO_ACTORS``.
environment_plugin = CameoActors()
