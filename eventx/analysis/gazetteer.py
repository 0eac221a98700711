"""Gazetteer entries (countries, bodies, places, persons) and their matching in a Doc.

Entries come from plugins through the ``eventx_gazetteer`` hook, the
built-in data included. All names are matched in one ``PhraseMatcher`` pass,
case-sensitively (news capitalises names; "US" is not "us"), with an
upper-case form added for headlines set in capitals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans
from spacy.vocab import Vocab

from eventx.errors import PluginError

KINDS = ("country", "organization", "person", "group", "place")


@attrs.frozen(kw_only=True)
class GazetteerEntry:
    """One named thing: its canonical name, kind, country and surface forms."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    country: str | None = None
    title: str | None = None
    metonym: bool = False

    @property
    def surface_forms(self) -> tuple[str, ...]:
        """The name and its aliases, without duplicates, in the order given."""
        return tuple(dict.fromkeys((self.name, *self.aliases)))


def entry_from_mapping(data: Mapping[str, Any], plugin: str) -> GazetteerEntry:
    """Validate one entry from a plugin.

    :raises PluginError: naming the plugin, when the entry is malformed.
    """

    def bad(reason: str) -> PluginError:
        return PluginError(
            f"plugin {plugin!r} gave a malformed gazetteer entry {dict(data)!r}: {reason}",
            plugin=plugin,
        )

    if not isinstance(data, Mapping):
        raise bad("an entry must be a mapping")
    name, kind = data.get("name"), data.get("kind")
    if not isinstance(name, str) or not name.strip():
        raise bad("'name' must be a non-empty string")
    if kind not in KINDS:
        raise bad(f"'kind' must be one of {', '.join(KINDS)}")
    aliases, demonyms = data.get("aliases", ()), data.get("demonyms", ())
    for key, forms in (("aliases", aliases), ("demonyms", demonyms)):
        if isinstance(forms, str) or not all(isinstance(f, str) and f.strip() for f in forms):
            raise bad(f"{key!r} must be a list of non-empty strings")
    country = data.get("country")
    if country is not None and not (
        isinstance(country, str) and len(country) == 3 and country.isalpha() and country.isupper()
    ):
        raise bad("'country' must be an ISO 3166-1 alpha-3 code or null")
    title = data.get("title")
    if title is not None and not isinstance(title, str):
        raise bad("'title' must be a string or null")
    unknown = set(data) - {"name", "kind", "aliases", "demonyms", "country", "title", "metonym"}
    if unknown:
        raise bad(f"unknown keys {sorted(unknown)}")
    return GazetteerEntry(
        name=name.strip(),
        kind=kind,
        aliases=tuple(a.strip() for a in aliases),
        demonyms=tuple(d.strip() for d in demonyms),
        country=country,
        title=title,
        metonym=bool(data.get("metonym", False)),
    )


@attrs.frozen
class GazetteerMatch:
    """A gazetteer entry found at a token span of a Doc; ``demonym`` when matched as one."""

    span: SpacySpan
    entry: GazetteerEntry
    demonym: bool = False


def _case_variants(form: str) -> set[str]:
    variants = {form}
    if len(form) > 3 and any(c.islower() for c in form):
        variants.add(form.upper())
    return variants


class Gazetteer:
    """Matches every surface form of every entry in a Doc, longest match first.

    When two entries share a surface form, the later one wins, so plugins
    can correct the built-in data.

    :param make_docs: tokenizes many strings the way the pipeline does (``nlp.tokenizer.pipe``).
    """

    def __init__(
        self,
        vocab: Vocab,
        make_docs: Callable[[Iterable[str]], Iterable[Doc]],
        entries: Iterable[GazetteerEntry],
    ) -> None:
        by_form: dict[str, tuple[GazetteerEntry, bool]] = {}
        for entry in entries:
            for forms, demonym in ((entry.surface_forms, False), (entry.demonyms, True)):
                for form in forms:
                    for variant in _case_variants(form):
                        by_form[variant] = (entry, demonym)
        self._entries: list[GazetteerEntry] = []
        index: dict[GazetteerEntry, int] = {}
        self._matcher = PhraseMatcher(vocab, attr="ORTH")
        surface_forms = list(by_form)
        for form, pattern in zip(surface_forms, make_docs(surface_forms)):
            entry, demonym = by_form[form]
            if entry not in index:
                index[entry] = len(self._entries)
                self._entries.append(entry)
            self._matcher.add(f"{index[entry]}{'d' if demonym else ''}", [pattern])
        self.vocab = vocab

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def entries(self) -> list[GazetteerEntry]:
        """Every entry, once each."""
        return list(self._entries)

    def find(self, doc: Doc) -> list[GazetteerMatch]:
        """The entries found in ``doc``: non-overlapping, longest first, in document order."""
        spans = [
            SpacySpan(doc, start, end, label=key)
            for key, start, end in self._matcher(doc)
        ]
        found = []
        for span in filter_spans(spans):
            key = self.vocab.strings[span.label]
            found.append(GazetteerMatch(span, self._entries[int(key.rstrip("d"))],
                                        key.endswith("d")))
        return found
