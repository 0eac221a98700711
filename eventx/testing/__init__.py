"""The test kit for eventx plugins: hypothesis strategies, conformance checks, isolated pipelines.

This is what eventx tests its own extractors with. It needs hypothesis,
pytest and jsonschema: install ``eventx[testing]`` (or ``eventx[test]``)::

    from eventx.testing import check_extractor, parametrize_with_checks

    check_extractor(MyExtractor(), texts=["Sentences that state its events."])

    @parametrize_with_checks([MyExtractor()], texts=[...])
    def test_conformance(extractor, check):
        check(extractor)

Strategies for sentences and events are in :mod:`eventx.testing.strategies`;
:func:`isolated_pipeline` loads exactly the plugins a test gives.
"""

from eventx.testing.checks import CHECKS, check_extractor, parametrize_with_checks
from eventx.testing.pipeline import ExtractorPlugin, isolated_pipeline
from eventx.testing.strategies import BUILTIN_TEMPLATES, Example, Template, events, examples

__all__ = [
    "BUILTIN_TEMPLATES",
    "CHECKS",
    "Example",
    "ExtractorPlugin",
    "Template",
    "check_extractor",
    "events",
    "examples",
    "isolated_pipeline",
    "parametrize_with_checks",
]
