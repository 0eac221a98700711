"""The shared analyses that every extractor, built-in or plugin, reuses.

- :mod:`eventx.analysis.document`: :class:`DocumentAnalysis`, the entry point.
- :mod:`eventx.analysis.actors`: actors and places (gazetteer, titles, groups).
- :mod:`eventx.analysis.arguments`: agents, targets, products, rates, magnitudes.
- :mod:`eventx.analysis.times`: time expressions resolved against the document date.
- :mod:`eventx.analysis.modality`: the status of an event from its cues.
- :mod:`eventx.analysis.numbers`: numbers and percentages.
- :mod:`eventx.analysis.positions`: lookups by position (mention and sentence indexes).
"""

from eventx.analysis.actors import ActorMention, PlaceMention
from eventx.analysis.document import AnalysisResources, DocumentAnalysis
from eventx.analysis.modality import status_of
from eventx.analysis.numbers import find_percentages, parse_number
from eventx.analysis.times import TimeMention, dateline_date, find_times

__all__ = [
    "ActorMention",
    "AnalysisResources",
    "DocumentAnalysis",
    "PlaceMention",
    "TimeMention",
    "dateline_date",
    "find_percentages",
    "find_times",
    "parse_number",
    "status_of",
]
