"""The test kit for eventx plugins: hypothesis strategies, conformance checks, isolated pipelines.

This is what eventx tests its own extractors with. It needs hypothesis,
pytest and jsonschema: install ``eventx[testing]`` (or ``eventx[test]``)::

    from eventx.testing import check_extractor, parametrize_with_checks

    check_extractor(MyExtractor(), texts=["Sentences that state its events."])

    @parametrize_with_checks([MyExtractor()], texts=[...])
    def test_conformance(extractor, check):
        check(extractor)

Every check is also a function of an :class:`ExtractorUnderTest`, importable from
:mod:`eventx.testing.checks`, so that a test can compose its own. Strategies for sentences
and events are in :mod:`eventx.testing.strategies`; :func:`isolated_pipeline` loads exactly
the plugins a test gives; the pytest fixtures ``eventx_pipeline`` and ``eventx_recorder``
come with eventx (:mod:`eventx.pytest_plugin`).
"""

from eventx.pytest_plugin import EventRecorder
from eventx.testing.checks import (
    CHECKS,
    ExtractorUnderTest,
    check_extractor,
    parametrize_with_checks,
)
from eventx.testing.pipeline import ExtractorPlugin, isolated_pipeline
from eventx.testing.strategies import BUILTIN_TEMPLATES, Example, Template, events, examples

__all__ = [
    "BUILTIN_TEMPLATES",
    "CHECKS",
    "EventRecorder",
    "Example",
    "ExtractorPlugin",
    "ExtractorUnderTest",
    "Template",
    "check_extractor",
    "events",
    "examples",
    "isolated_pipeline",
    "parametrize_with_checks",
]
