"""What an extractor's ``extract`` works with: the documented API for extractor authors.

An extractor receives each matched trigger (a spaCy ``Span``) with the document's
:class:`DocumentAnalysis`. The analysis gives the actors (:class:`ActorMention`), places
(:class:`PlaceMention`) and times of the document, the sentence of a trigger, the status
its cues signal, and the :class:`CommonFields` of an event; :func:`agent_before` and
:func:`actors_after_words` find the parties of the usual English clause shapes::

    from eventx.extracting import DocumentAnalysis, actors_after_words, agent_before

    def extract(self, trigger, analysis: DocumentAnalysis):
        agent = agent_before(trigger, analysis)
        targets = actors_after_words(trigger, analysis, frozenset({"on", "against"}))
        yield Sanction(**analysis.common_fields(trigger, self.name),
                       imposer=agent.actor if agent else None,
                       targets=[m.actor for m in targets])

Everything named here is kept stable across releases; the modules behind it are not.
"""

from eventx.analysis.actors import ActorMention, PlaceMention
from eventx.analysis.arguments import actors_after_words, agent_before
from eventx.analysis.document import DocumentAnalysis
from eventx.analysis.fields import CommonFields

__all__ = [
    "ActorMention",
    "CommonFields",
    "DocumentAnalysis",
    "PlaceMention",
    "actors_after_words",
    "agent_before",
]
