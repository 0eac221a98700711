"""The extraction engine: one matcher pass for every extractor's triggers, then the extractors.

An extractor that raises, or returns an event outside the document or of a
type it did not declare, loses only its own events for that document: the
failure is logged once per plugin and the others' events stand. In strict
mode the failure raises :class:`~eventx.PluginError` instead.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans

from eventx.analysis.document import AnalysisResources, DocumentAnalysis
from eventx.analysis.sentences import set_sentence_starts
from eventx.errors import PluginError
from eventx.events import Event
from eventx.extractor import Extractor
from eventx.plugins import PluginSet

log = logging.getLogger(__name__)


class Engine:
    """Runs the extractors of a plugin set over processed spaCy Docs.

    :param nlp: the pipeline the Docs come from (its vocab and tokenizer build the patterns).
    :param plugins: the loaded plugins.
    :param strict: raise on a failing extractor instead of reporting it and carrying on.
    """

    def __init__(self, nlp: Language, plugins: PluginSet, *, strict: bool = False) -> None:
        self.plugins = plugins
        self.strict = strict
        self.resources = AnalysisResources(nlp, plugins.gazetteer_entries())
        self._matcher = Matcher(nlp.vocab)
        self._owners: dict[str, tuple[str, Extractor]] = {}
        for plugin, extractor in plugins.extractors:
            for label, patterns in extractor.patterns.items():
                key = f"{extractor.name}/{label}"
                self._matcher.add(key, [list(p) for p in patterns])
                self._owners[key] = (plugin, extractor)
        self._reported: set[str] = set()

    def triggers(self, doc: Doc) -> dict[str, list[SpacySpan]]:
        """The matched triggers of ``doc`` by extractor name: longest first, no overlaps."""
        by_extractor: dict[str, list[SpacySpan]] = defaultdict(list)
        for key, start, end in self._matcher(doc):
            label = doc.vocab.strings[key]
            by_extractor[self._owners[label][1].name].append(
                SpacySpan(doc, start, end, label=label.split("/", 1)[1])
            )
        return {name: sorted(filter_spans(spans), key=lambda s: s.start)
                for name, spans in by_extractor.items()}

    def __call__(
        self, doc: Doc, *, date: dt.date | None = None, doc_id: str | None = None
    ) -> list[Event]:
        """The events of one processed Doc, in document order."""
        set_sentence_starts(doc)
        triggers = self.triggers(doc)
        if not triggers:
            return self.plugins.process_events(doc, [])
        analysis = DocumentAnalysis(doc, self.resources, date=date, doc_id=doc_id)
        events: list[Event] = []
        for plugin, extractor in self.plugins.extractors:
            spans = triggers.get(extractor.name)
            if spans:
                events.extend(self._run(plugin, extractor, spans, analysis))
        events.sort(key=lambda e: (e.trigger.start, e.trigger.end, e.event_type))
        return self.plugins.process_events(doc, events)

    def _run(
        self, plugin: str, extractor: Extractor, spans: Iterable[SpacySpan],
        analysis: DocumentAnalysis,
    ) -> list[Event]:
        found: list[Event] = []
        try:
            for span in spans:
                for event in extractor.extract(span, analysis):
                    self._check(extractor, event, analysis.text)
                    found.append(event)
        except Exception as error:
            message = (f"extractor {extractor.name} of plugin {plugin!r} failed on document "
                       f"{analysis.doc_id or '<unnamed>'}: {type(error).__name__}: {error}")
            if self.strict:
                raise PluginError(message, plugin=plugin) from error
            if plugin not in self._reported:
                self._reported.add(plugin)
                log.warning("%s (its events for this document are dropped; further failures "
                            "of this plugin are logged at debug level)", message)
            else:
                log.debug(message)
            return []
        return found

    @staticmethod
    def _check(extractor: Extractor, event: Event, text: str) -> None:
        if not isinstance(event, extractor.event_types):
            raise PluginError(f"returned {type(event).__name__}, which it does not declare")
        trigger = event.trigger
        if not 0 <= trigger.start < trigger.end <= len(text):
            raise PluginError(f"returned a trigger at {trigger.start}-{trigger.end}, outside "
                              f"the document of {len(text)} characters")
        if text[trigger.start:trigger.end] != trigger.text:
            raise PluginError(f"returned trigger text {trigger.text!r} that is not the text at "
                              f"{trigger.start}-{trigger.end}")
