"""The Scorer: a trained classifier that gives each candidate event a calibrated confidence.

A scorer directory holds a spaCy pipeline with one ``textcat`` component (exclusive
labels: :data:`~eventx.scoring.gold.NOT_EVENT` and the six statuses) and
``eventx-scorer.json`` with what training chose: the calibration, the default
threshold, the status threshold and the event types it was trained on. The spaCy
pipeline is loaded on the first candidate to score, not before.

For a candidate of a trained type, ``confidence`` becomes the calibrated probability that
it is a true event, and ``status`` becomes the model's most likely status when the model
gives it a probability of at least ``status_threshold`` (given that it is an event), and
stays the rules' status otherwise. Candidates of other types pass through unchanged.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import logging
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs
import numpy
from spacy.language import Language
from spacy.tokens import Doc

from eventx.errors import InputError
from eventx.events import Event, Status
from eventx.scoring.calibration import Platt
from eventx.scoring.features import candidate_words
from eventx.scoring.labels import LABELS, STATUSES

log = logging.getLogger(__name__)

SETTINGS_FILE = "eventx-scorer.json"
FORMAT_VERSION = 1
#: Decimal places of a confidence.
DIGITS = 4
#: The name that stands for the scorer shipped inside the package.
DEFAULT = "default"


def _names(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True)
class ScorerSettings:
    """What training chose, saved next to the model."""

    types: tuple[str, ...] = attrs.field(converter=_names)
    threshold: float
    status_threshold: float
    calibration: Platt = attrs.field(factory=Platt)
    training: dict[str, Any] = attrs.field(factory=dict)

    def to_json(self) -> str:
        """The settings as the JSON text of the settings file."""
        data = {"format": FORMAT_VERSION, **attrs.asdict(self)}
        return json.dumps(data, indent=1, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str, where: str) -> ScorerSettings:
        """Settings from the JSON text of a settings file.

        :raises InputError: when the file is not a settings file of this version.
        """
        try:
            data = json.loads(text)
            if data.pop("format") != FORMAT_VERSION:
                raise ValueError("unsupported format version")
            data["calibration"] = Platt(**data["calibration"])
            return cls(**data)
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise InputError(f"{where}: not an eventx scorer settings file: {error}") from None


def default_path() -> Path:
    """The directory of the scorer shipped with eventx."""
    return Path(str(importlib.resources.files("eventx.scoring") / DEFAULT))


class Scorer:
    """Scores candidate events with a trained model.

    :param nlp: the spaCy pipeline holding the ``textcat`` component, or a callable
        that loads it when first needed.
    :param settings: the calibration and thresholds.
    :param path: where it was loaded from, if anywhere.
    """

    def __init__(self, nlp: Language | functools.partial[Language], settings: ScorerSettings,
                 path: Path | None = None) -> None:
        self._nlp = nlp
        self.settings = settings
        self.path = path
        self._types = frozenset(settings.types)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Scorer:
        """The scorer saved in ``path`` (or :data:`DEFAULT` for the shipped one); its spaCy
        pipeline is read when the first candidate is scored.

        :raises InputError: when ``path`` holds no scorer.
        """
        where = default_path() if str(path) == DEFAULT else Path(path)
        try:
            text = (where / SETTINGS_FILE).read_text(encoding="utf-8")
        except OSError as error:
            raise InputError(f"{where}: no eventx scorer here ({error.strerror})") from None
        return cls(functools.partial(_load_pipeline, where),
                   ScorerSettings.from_json(text, str(where / SETTINGS_FILE)), where)

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline of the model (loaded on first use)."""
        if isinstance(self._nlp, functools.partial):
            self._nlp = self._nlp()
        return self._nlp

    @property
    def threshold(self) -> float:
        """The default threshold: candidates below it are not reported."""
        return self.settings.threshold

    def save(self, path: str | Path) -> None:
        """Write the model and its settings to the directory ``path``."""
        where = Path(path)
        self.nlp.meta["spacy_version"] = ">=3.7,<4.0"
        self.nlp.meta["name"] = "eventx_scorer"
        self.nlp.to_disk(where)
        (where / SETTINGS_FILE).write_text(self.settings.to_json(), encoding="utf-8")

    def probabilities(self, word_lists: Sequence[Sequence[str]]) -> numpy.ndarray:
        """The model's raw probabilities, one row per candidate, one column per label of
        :data:`~eventx.scoring.labels.LABELS`."""
        if not word_lists:
            return numpy.zeros((0, len(LABELS)))
        textcat: Any = self.nlp.get_pipe("textcat")  # spacy.pipeline.TextCategorizer
        columns = [list(textcat.labels).index(label) for label in LABELS]
        docs = [Doc(self.nlp.vocab, words=list(words)) for words in word_lists]
        return numpy.asarray(textcat.model.predict(docs), dtype="float64")[:, columns]

    def decide(self, rows: numpy.ndarray) -> list[tuple[float, Status | None]]:
        """The calibrated confidence, and the model's status or None (keep the rules'),
        for each row of :meth:`probabilities`."""
        confidences = self.settings.calibration(1.0 - rows[:, 0])
        statuses = rows[:, 1:]
        share = statuses.max(axis=1) / numpy.maximum(statuses.sum(axis=1), 1e-12)
        best = statuses.argmax(axis=1)
        return [(round(float(confidence), DIGITS), Status(STATUSES[column])
                 if fraction >= self.settings.status_threshold else None)
                for confidence, fraction, column in zip(confidences, share, best, strict=True)]

    def score(self, doc: Doc, events: Sequence[Event]) -> list[Event]:
        """``events`` (found in ``doc``) with their confidence and status from the model."""
        chosen = [i for i, event in enumerate(events) if event.event_type in self._types]
        if not chosen:
            return list(events)
        rows = self.probabilities([candidate_words(doc, events[i]) for i in chosen])
        scored = list(events)
        for i, (confidence, status) in zip(chosen, self.decide(rows), strict=True):
            scored[i] = attrs.evolve(events[i], confidence=confidence,
                                     status=status or events[i].status)
        return scored


def _load_pipeline(path: Path) -> Language:
    import spacy

    log.debug("loading the scorer model from %s", path)
    try:
        nlp = spacy.load(path)
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: the scorer model cannot be loaded: {error}") from None
    # The classifier reads only the words themselves: skip computing lexical attributes
    # (shape, like_num...) of every new word.
    nlp.vocab.lex_attr_getters = {}  # type: ignore[attr-defined]
    return nlp
