"""What the scorer sees of a candidate event: one sequence of words.

The words are the rules' own signals as feature words (the event type, the rules'
status, the trigger, which arguments were found), the words right around the trigger
by position, and the sentence, lower-cased, with the trigger between ``[T`` and ``T]``.
A bag-of-words text classifier over unigrams and bigrams of this sequence then weighs
each signal, alone and next to its neighbours. Only the Event and its spaCy Doc are
read, so any extractor's candidates (a plugin's too) can be scored.
"""

from __future__ import annotations

import enum
import functools

import attrs
from spacy.tokens import Doc

from eventx.events import Event

#: Tokens of the sentence kept on each side of the trigger, so that cost stays bounded.
SENTENCE_WINDOW = 40
#: Tokens on each side of the trigger that also appear with their position.
NEAR_WINDOW = 3
_COMMON_FIELDS = frozenset(f.name for f in attrs.fields(Event))


@functools.lru_cache(maxsize=1 << 16)  # words repeat: most are looked up again
def _word(text: str) -> str:
    word = text.lower().strip()
    return "".join("0" if ch.isdigit() else ch for ch in word) or "_"


def _value_words(name: str, value: object) -> list[str]:
    """How many items a list role holds, an enumerated value, and the kinds of actors."""
    items = value if isinstance(value, tuple) else (value,)
    words = {f"{name}:n{min(len(items), 3)}"} if isinstance(value, tuple) else set()
    for item in items:
        if isinstance(item, enum.Enum):
            words.add(f"{name}={item.value}")
        kind = getattr(item, "kind", None)
        if isinstance(kind, enum.Enum):
            words.add(f"{name}:{kind.value}")
    return sorted(words)


def argument_words(event: Event) -> list[str]:
    """``has:ROLE`` or ``no:ROLE`` for every argument field of the event's type and for its
    time and location, with the size of list roles, enumerated values and actor kinds."""
    words = []
    for field in attrs.fields(type(event)):
        if field.name in _COMMON_FIELDS and field.name not in ("time", "location"):
            continue
        value = getattr(event, field.name)
        present = value not in (None, (), "", [])
        words.append(f"{'has' if present else 'no'}:{field.name}")
        if present:
            words += _value_words(field.name, value)
    return words


def candidate_words(doc: Doc, event: Event) -> list[str]:
    """The words the scorer classifies for ``event``, found in ``doc`` (offsets relative to it)."""
    trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if trigger is None or len(trigger) == 0:
        first = last = 0
    else:
        first, last = trigger.start, trigger.end
    sentence = doc.char_span(event.sentence.start, event.sentence.end, alignment_mode="expand")
    sent_start, sent_end = (sentence.start, sentence.end) if sentence is not None else (first, last)
    sent_start = max(min(sent_start, first), first - SENTENCE_WINDOW)
    sent_end = min(max(sent_end, last), last + SENTENCE_WINDOW)

    kind = event.event_type
    trigger_text = _word(event.trigger.text)
    status = getattr(event.status, "value", str(event.status))
    words = [f"type:{kind}", f"rule:{status}", f"{kind}:rule:{status}", f"trigger:{trigger_text}",
             f"{kind}:trigger:{trigger_text}"]
    words += [f"{kind}:{word}" for word in argument_words(event)]
    for offset in range(1, NEAR_WINDOW + 1):
        if first - offset >= sent_start:
            words.append(f"L{offset}:{_word(doc[first - offset].text)}")
        if last + offset - 1 < sent_end:
            words.append(f"R{offset}:{_word(doc[last + offset - 1].text)}")
    words.append("|")
    for token in doc[sent_start:first]:
        if not token.is_space:
            words.append(_word(token.text))
    words.append("[T")
    words += [_word(token.text) for token in doc[first:last] if not token.is_space]
    words.append("T]")
    for token in doc[last:sent_end]:
        if not token.is_space:
            words.append(_word(token.text))
    return words
