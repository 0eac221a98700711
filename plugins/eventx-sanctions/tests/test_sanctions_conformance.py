"""The conformance checks of ``eventx.testing`` that every extractor must pass."""

from __future__ import annotations

from collections.abc import Callable

from eventx import Extractor
from eventx.testing import parametrize_with_checks

from eventx_sanctions import SanctionExtractor

TEXTS = [
    "The European Union imposed sanctions on Russian banks on Monday.",
    "The United States sanctioned three Chinese firms.",
    "Iranian officials were sanctioned by Britain.",
    "Washington lifted sanctions on Venezuela last year.",
    "Canada will extend its arms embargo on Myanmar next month.",
    "Japan threatened export bans against North Korea.",
    "The EU hit Russia with sanctions and an asset freeze.",
]


@parametrize_with_checks([SanctionExtractor()], texts=TEXTS)
def test_conformance(extractor: Extractor, check: Callable[[Extractor], None]) -> None:
    check(extractor)
