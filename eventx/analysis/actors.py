"""Actors and places in a Doc, from the gazetteer, titles, role nouns and (if present) NER.

- "Japanese Prime Minister Shigeru Ishiba", "President Lee" and "South Korea's
  trade minister" are persons with a title and, where the text gives it, a country.
- "U.S. officials", "EC leaders", "defense ministers", "British troops" are groups.
- "the U.S. government", "Sudan's government" are the country itself.
- A surname alone ("Blair") after the full name refers to the same person.
- With a trained pipeline, PERSON and ORG entities that the gazetteer does
  not know are added as persons and organizations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs
import numpy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans
from spacy.vocab import Vocab

from eventx.analysis.gazetteer import Gazetteer, GazetteerEntry, GazetteerMatch
from eventx.events import Actor, ActorKind, Place
from eventx.lang import language_cache, lexicon


@language_cache
def words() -> Mapping[str, frozenset[str]]:
    """The actor words (``eventx/lang/en/actors.json``): group and role nouns, government
    nouns, place prepositions, honorifics and the like."""
    return lexicon("eventx.lang.en", "actors")


@language_cache
def _grammar() -> Mapping[str, frozenset[str]]:
    return lexicon("eventx.lang.en", "grammar")

@attrs.frozen
class Title:
    """A title as the data lists it: canonical form and whether it marks a head of state."""

    title: str
    head: bool


@attrs.frozen
class ActorMention:
    """An actor found at a token span.

    ``head`` marks a head of state or government; ``modifier`` a demonym used as an
    adjective ("Japanese cars"), which names a country that owns something but is not
    itself a party to an event.
    """

    span: SpacySpan
    actor: Actor
    head: bool = False
    modifier: bool = False


@attrs.frozen
class PlaceMention:
    """A place (or a country named as a place) found at a token span.

    ``metonym`` marks a name that can also stand for a government ("Washington");
    ``is_country`` a country's own name.
    """

    span: SpacySpan
    place: Place
    metonym: bool = False
    is_country: bool = False


class TitleMatcher:
    """Finds titles ("Prime Minister", "foreign ministers") in one PhraseMatcher pass."""

    def __init__(
        self,
        vocab: Vocab,
        make_docs: Callable[[Iterable[str]], Iterable[Doc]],
        titles: Iterable[dict[str, Any]],
    ) -> None:
        self.vocab = vocab
        self.head_titles: set[str] = set()
        self._by_key: dict[str, tuple[Title, bool]] = {}
        forms: dict[str, tuple[Title, bool]] = {}
        for data in titles:
            title = Title(data["title"], bool(data.get("head", False)))
            if title.head:
                self.head_titles.add(title.title)
            for form in dict.fromkeys([data["title"], *data.get("aliases", ())]):
                for variant in {form, form.lower(), form.upper(), form.title()}:
                    forms.setdefault(variant, (title, False))
                    suffix = "es" if variant.lower().endswith("s") else "s"
                    plural = variant + (suffix.upper() if variant.isupper() else suffix)
                    forms.setdefault(plural, (title, True))
        self._matcher = PhraseMatcher(vocab, attr="ORTH")
        keys = list(forms)
        for index, (form, pattern) in enumerate(zip(keys, make_docs(keys))):
            key = f"title{index}"
            self._by_key[key] = forms[form]
            self._matcher.add(key, [pattern])

    def find(self, doc: Doc) -> list[tuple[SpacySpan, Title, bool]]:
        """Titles in ``doc``: (span, title, is_plural), longest first, in document order."""
        spans = [SpacySpan(doc, s, e, label=k) for k, s, e in self._matcher(doc)]
        return [(span, *self._by_key[span.label_]) for span in filter_spans(spans)]


def _clean(text: str) -> str:
    return " ".join(text.split())


def _is_name_token(token: Token) -> bool:
    text = token.text
    if (token.is_space or token.is_punct or not text[:1].isupper()
            or token.lower_ in words()["name_stop"]):
        return False
    return all(part.isalpha() for part in text.replace("-", " ").replace("'", " ").replace(
        ".", " ").split())


def _name_after(doc: Doc, start: int, taken: set[int]) -> int:
    """The end of a run of capitalised name tokens starting at ``start`` (max four words).

    Hyphenated parts written without spaces belong to the name ("Kim Il-sung").
    """
    end, words = start, 0
    while end < len(doc) and words < 4 and end not in taken:
        token = doc[end]
        if _is_name_token(token):
            end, words = end + 1, words + 1
        elif (token.text == "\n" and end > start and end + 1 < len(doc)
              and _is_name_token(doc[end + 1])):
            end += 1
        elif (token.text == "-" and end > start and not doc[end - 1].whitespace_
              and end + 1 < len(doc) and not token.whitespace_ and doc[end + 1].is_alpha):
            end += 2
        else:
            break
    return end


def _skip_space_back(doc: Doc, i: int) -> int:
    while i >= 0 and doc[i].is_space:
        i -= 1
    return i


def preposition_before(doc: Doc, index: int, floor: int = 0) -> str:
    """The lower-cased word before token ``index``, past spaces and an article ("from the")."""
    i = _skip_space_back(doc, index - 1)
    if i >= floor and doc[i].lower_ in _grammar()["articles"]:
        i = _skip_space_back(doc, i - 1)
    return doc[i].lower_ if i >= floor else ""


def _skip_space_forward(doc: Doc, i: int) -> int:
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i


def _actor(doc: Doc, start: int, end: int, *, name: str, kind: ActorKind, country: str | None,
           title: str | None = None, head: bool = False, modifier: bool = False) -> ActorMention:
    span = doc[start:end]
    return ActorMention(
        span,
        Actor(text=span.text, start=span.start_char, end=span.end_char, name=_clean(name),
              kind=kind, country=country, title=title),
        head,
        modifier,
    )


def _country_of(match: GazetteerMatch) -> str | None:
    return match.entry.country


def _modifier_before(doc: Doc, index: int, by_end: dict[int, GazetteerMatch]) -> tuple[
        int, GazetteerMatch] | None:
    """A country/body named just before token ``index`` ("Japanese", "South Korea's")."""
    i = _skip_space_back(doc, index - 1)
    if i >= 0 and doc[i].text in ("'s", "’s", "'"):
        i = _skip_space_back(doc, i - 1)
    match = by_end.get(i + 1)
    if match and match.entry.kind in ("country", "organization", "place"):
        return match.span.start, match
    return None


def find_actors_and_places(
    doc: Doc, gazetteer: Gazetteer, titles: TitleMatcher
) -> tuple[list[ActorMention], list[PlaceMention]]:
    """All actor and place mentions of ``doc``, in document order."""
    matches = gazetteer.find(doc)
    by_end = {m.span.end: m for m in matches}
    by_start = {m.span.start: m for m in matches}
    gaz_tokens = {i for m in matches for i in range(m.span.start, m.span.end)}
    actors: list[ActorMention] = []
    consumed: set[int] = set()

    for span, title, plural in titles.find(doc):
        if span.start in consumed:
            continue
        modifier = _modifier_before(doc, span.start, by_end)
        start = modifier[0] if modifier else span.start
        country = _country_of(modifier[1]) if modifier else None
        if plural:
            if not modifier:
                start = _determiners_before(doc, span.start)
            if not modifier and start == span.start and span.start > 0 and not doc[
                    span.start - 1].is_space and not doc[span.start].is_sent_start and (
                    title.title.lower() in words()["generic_titles"]):
                continue  # "ministers" alone names no group; "the ministers" does, and so
                # does "Leaders" opening a sentence, as it does opening the text
            actors.append(_actor(doc, start, span.end, name=doc[start:span.end].text,
                                 kind=ActorKind.GROUP, country=country))
            consumed.update(range(start, span.end))
            continue
        name_start = _skip_space_forward(doc, span.end)
        if (name_start + 1 < len(doc) and doc[name_start].text == ","
                and _is_name_token(doc[_skip_space_forward(doc, name_start + 1)])):
            name_start = _skip_space_forward(doc, name_start + 1)
        person = by_start.get(name_start)
        if person is None:  # a first name the data lacks: "premier Recep Erdogan"
            person = by_start.get(_name_after(doc, name_start, gaz_tokens))
        titled = by_start.get(span.start)  # an alias that includes the title: "President Lee"
        if titled and titled.entry.kind == "person" and titled.span.end > span.end:
            person = titled
        if person and person.entry.kind == "person":
            end, name = person.span.end, person.entry.name
            country = country or person.entry.country
        elif span.text.isupper():
            # a headline in capitals: "FINANCE MINISTER MEETS STOLTENBERG" has no name to read
            end, name = name_start, ""
        else:
            end = _name_after(doc, name_start, gaz_tokens)
            name = doc[name_start:end].text if end > name_start else ""
        if not name and not modifier:
            continue
        body = _body_before(doc, span.start) if title.head and not modifier else None
        if body is not None:  # "Central Bank President": the bank's head, not a state's
            start = body
        actors.append(_actor(doc, start, end if name else span.end,
                             name=name or doc[start:span.end].text, kind=ActorKind.PERSON,
                             country=country,
                             title=doc[body:span.end].text if body is not None else title.title,
                             head=title.head and body is None))
        consumed.update(range(start, end if name else span.end))

    for match in matches:
        if match.span.start in consumed:
            continue
        entry = match.entry
        nxt = _skip_space_forward(doc, match.span.end)
        if nxt < len(doc) and doc[nxt].text in ("'s", "’s"):
            nxt = _skip_space_forward(doc, nxt + 1)
        follower = doc[nxt].text if nxt < len(doc) else ""
        paired = _paired_group_end(doc, match, nxt, by_start)
        if paired is not None:  # "Chinese and Taiwanese leaders": Chinese leaders, too
            actors.append(_actor(doc, match.span.start, match.span.end,
                                 name=f"{match.span.text} {doc[paired - 1].text}",
                                 kind=ActorKind.GROUP, country=entry.country))
            consumed.update(range(match.span.start, match.span.end))
            continue
        if entry.kind in ("country", "organization") or entry.metonym:
            if follower.lower() in words()["government_nouns"] and entry.kind == "country":
                actors.append(_actor(doc, match.span.start, nxt + 1, name=entry.name,
                                     kind=ActorKind.COUNTRY, country=entry.country))
                consumed.update(range(match.span.start, nxt + 1))
                continue
            if follower.lower() in words()["group_nouns"]:
                actors.append(_actor(doc, match.span.start, nxt + 1,
                                     name=doc[match.span.start:nxt + 1].text,
                                     kind=ActorKind.GROUP, country=entry.country))
                consumed.update(range(match.span.start, nxt + 1))
                continue
        if entry.kind == "place" and not entry.metonym:
            continue
        if entry.kind == "place":
            if preposition_before(doc, match.span.start) in words()["place_prepositions"]:
                continue
            if match.span.text.isupper() and follower in (",", "-", "(", "--"):
                continue  # a dateline ("JERUSALEM -"), not an actor
            kind = ActorKind.COUNTRY
        else:
            kind = ActorKind(entry.kind)
        previous = doc[match.span.start - 1].lower_ if match.span.start else ""
        adjective = match.demonym and not match.span.text.endswith("s") and (
            previous not in _grammar()["definite_articles"])
        actors.append(_actor(doc, match.span.start, match.span.end, name=entry.name, kind=kind,
                             country=entry.country, title=entry.title,
                             head=entry.title in titles.head_titles, modifier=adjective))
        consumed.update(range(match.span.start, match.span.end))

    taken = consumed | gaz_tokens
    index = _Words(doc)
    actors.extend(_coalitions(doc, index, taken))
    actors.extend(_named_bodies(doc, index, taken, by_end))
    actors.extend(_honorific_persons(doc, index, taken))
    actors.extend(_described_groups(doc, index, taken))
    actors.extend(_bare_official_groups(doc, index, taken))
    actors.extend(_entity_actors(doc, taken))
    actors.extend(_surname_references(doc, index, actors, taken))
    actors.sort(key=lambda m: m.span.start)
    return actors, _places(matches)


def _paired_group_end(doc: Doc, match: GazetteerMatch, nxt: int,
                      by_start: dict[int, GazetteerMatch]) -> int | None:
    """The end of "Chinese and Taiwanese leaders" when ``match`` is its first country."""
    if not match.demonym or nxt >= len(doc) or doc[nxt].lower_ not in _grammar()["coordinators"]:
        return None
    second = by_start.get(_skip_space_forward(doc, nxt + 1))
    if second is None or not second.demonym:
        return None
    end = _skip_space_forward(doc, second.span.end)
    if end < len(doc) and doc[end].lower_ in words()["group_nouns"]:
        return end + 1
    return None


def _body_before(doc: Doc, start: int) -> int | None:
    """The start of a body's name right before a head's title ("Central Bank President",
    "Commission President"), if there is one."""
    i = start - 1
    if i < 0 or doc[i].lower_ not in words()["body_words"] or not doc[i].is_title or (
            "\n" in doc[i].whitespace_):
        return None
    while i > 0 and _is_name_token(doc[i - 1]) and "\n" not in doc[i - 1].whitespace_ and (
            not doc[i].is_sent_start):
        i -= 1
    return i


class _Words:
    """The tokens of a Doc whose lower-case or exact form is in a set of words, found by
    hash in one array per Doc, so that each pass over the Doc visits its candidates only."""

    def __init__(self, doc: Doc) -> None:
        self._strings = doc.vocab.strings
        table = numpy.asarray(doc.to_array(["LOWER", "ORTH", "LIKE_NUM", "IS_ALPHA"]),
                              dtype=numpy.uint64).reshape(len(doc), 4)
        self._lower, self._orth = table[:, 0], table[:, 1]
        self._alpha_numbers = [int(i) for i in numpy.flatnonzero(table[:, 2] & table[:, 3])]

    def lower_in(self, forms: Iterable[str]) -> list[int]:
        """Indices of the tokens whose lower-case form is one of ``forms``."""
        return self._where(self._lower, forms)

    def text_in(self, forms: Iterable[str]) -> list[int]:
        """Indices of the tokens written exactly as one of ``forms``."""
        return self._where(self._orth, forms)

    def number_words(self) -> list[int]:
        """Indices of numbers written as words ("two", "seven")."""
        return self._alpha_numbers

    def _where(self, column: numpy.ndarray, forms: Iterable[str]) -> list[int]:
        hashes = numpy.array([self._strings[form] for form in forms], dtype=numpy.uint64)
        return [int(i) for i in numpy.flatnonzero(numpy.isin(column, hashes))]


def _coalitions(doc: Doc, index: _Words, taken: set[int]) -> list[ActorMention]:
    """ "the allies", "allied forces", "coalition troops": a group of unnamed states."""
    found = []
    for i in index.lower_in(words()["coalition_words"]):
        token = doc[i]
        if i in taken:
            continue
        end = token.i + 1
        if end < len(doc) and doc[end].lower_ in words()["group_nouns"]:
            end += 1
        elif token.lower_ not in words()["lone_coalition_words"]:
            continue
        found.append(_actor(doc, token.i, end, name="allies", kind=ActorKind.GROUP,
                            country=None))
        taken.update(range(token.i, end))
    return found


def _named_bodies(doc: Doc, index: _Words, taken: set[int],
                  by_end: dict[int, GazetteerMatch]) -> list[ActorMention]:
    """ "the International Coffee Organization", "the Ministry of Finance", "the U.S.
    Agriculture Department": a capitalised name that ends in (or opens with) a word for a
    public body; a country named just before it is the body's country."""
    found = []
    for i in index.lower_in(words()["body_heads"]):
        token = doc[i]
        if i in taken or not token.is_title:
            continue
        start = token.i
        while start > 0 and start - 1 not in taken and _is_name_token(doc[start - 1]):
            start -= 1
        end = token.i + 1
        if end + 1 < len(doc) and doc[end].lower_ in words()["body_name_links"] and _is_name_token(
                doc[end + 1]):
            end = _name_after(doc, end + 1, taken)
        if end - start < 2:
            continue  # "the Council" names no body by itself
        country = _modifier_before(doc, start, by_end)
        found.append(_actor(doc, start, end, name=doc[start:end].text,
                            kind=ActorKind.ORGANIZATION,
                            country=_country_of(country[1]) if country else None))
        taken.update(range(start, end))
    return found


def _determiners_before(doc: Doc, index: int) -> int:
    """The start of a run of up to two determiners or numbers before token ``index``
    ("the two", "both"), or ``index`` itself."""
    start = index
    while start > 0 and index - start < 2 and (
            doc[start - 1].lower_ in words()["group_determiners"]
            or (doc[start - 1].like_num and doc[start - 1].is_alpha)):
        start -= 1
    return start


def _honorific_persons(doc: Doc, index: _Words, taken: set[int]) -> list[ActorMention]:
    """ "Mr Kennedy", "Ms Jamieson": a name after an honorific is a person."""
    found = []
    for i in index.lower_in(words()["honorifics"]):
        token = doc[i]
        if i in taken:
            continue
        start = _skip_space_forward(doc, token.i + 1)
        end = _name_after(doc, start, taken)
        if end > start:
            found.append(_actor(doc, token.i, end, name=doc[start:end].text,
                                kind=ActorKind.PERSON, country=None))
            taken.update(range(token.i, end))
    return found


def _described_groups(doc: Doc, index: _Words, taken: set[int]) -> list[ActorMention]:
    """ "the two leaders", "both sides", "their counterparts": people described by role, a
    determiner or number and up to two modifiers before a plural role noun."""
    found = []
    starts = sorted({*index.lower_in(words()["group_determiners"]), *index.number_words()})
    for i in starts:
        token = doc[i]
        if i in taken:
            continue
        end = token.i + 1
        while end < len(doc) and end - token.i <= 3 and end not in taken and (
                doc[end].is_alpha and doc[end].lower_ not in words()["role_nouns"]):
            end += 1
        if (end < len(doc) and end not in taken and doc[end].lower_ in words()["role_nouns"]
                and doc[end].is_lower):
            found.append(_actor(doc, token.i, end + 1, name=doc[token.i:end + 1].text,
                                kind=ActorKind.GROUP, country=None))
            taken.update(range(token.i, end + 1))
    return found


def _bare_official_groups(doc: Doc, index: _Words, taken: set[int]) -> list[ActorMention]:
    """ "delegates said", "Producer delegates were meeting": plural nouns that name officials
    by themselves, with the word before them when it qualifies them."""
    found = []
    for i in index.lower_in(words()["official_groups"]):
        token = doc[i]
        if i in taken or not token.is_lower:
            continue
        start = token.i
        before = doc[token.i - 1] if token.i else None
        if before is not None and before.i not in taken and before.is_alpha and (
                not before.is_stop) and (before.is_title or before.is_lower):
            start = before.i  # "Producer delegates", "trade negotiators"
        found.append(_actor(doc, start, token.i + 1, name=doc[start:token.i + 1].text,
                            kind=ActorKind.GROUP, country=None))
        taken.update(range(start, token.i + 1))
    return found


def _entity_actors(doc: Doc, taken: set[int]) -> list[ActorMention]:
    """PERSON and ORG entities of a trained pipeline that nothing else claimed."""
    found = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or any(i in taken for i in range(ent.start,
                                                                                  ent.end)):
            continue
        kind = ActorKind.PERSON if ent.label_ == "PERSON" else ActorKind.ORGANIZATION
        found.append(_actor(doc, ent.start, ent.end, name=ent.text, kind=kind, country=None))
        taken.update(range(ent.start, ent.end))
    return found


def _surname_references(doc: Doc, index: _Words, actors: list[ActorMention],
                         taken: set[int]) -> list[ActorMention]:
    """Later mentions of a known person by surname alone."""
    known: dict[str, ActorMention] = {}
    for mention in actors:
        parts = mention.actor.name.split()
        if mention.actor.kind is ActorKind.PERSON and len(parts) >= 2:
            known.setdefault(parts[-1], mention)
    found = []
    for i in index.text_in(known):
        token = doc[i]
        first = known.get(token.text)
        if first and token.i not in taken and token.idx > first.actor.start:
            actor = first.actor
            found.append(_actor(doc, token.i, token.i + 1, name=actor.name,
                                kind=ActorKind.PERSON, country=actor.country,
                                title=actor.title, head=first.head))
    return found


def _places(matches: list[GazetteerMatch]) -> list[PlaceMention]:
    places = []
    for match in matches:
        entry: GazetteerEntry = match.entry
        if entry.kind not in ("place", "country") or match.demonym:
            continue
        span = match.span
        places.append(PlaceMention(
            span,
            Place(text=span.text, start=span.start_char, end=span.end_char, name=entry.name,
                  country=entry.country),
            metonym=entry.metonym or entry.kind == "country",
            is_country=entry.kind == "country",
        ))
    return places
