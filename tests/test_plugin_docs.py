"""What plugin authors read matches what they install: the extras the docs name, the extras
the API reference needs, and messages that say what to do."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
import tomllib

from eventx import evaluate

ROOT = Path(__file__).resolve().parent.parent
EXTRAS = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]


def _closure(extra: str) -> set[str]:
    """The project names an extra installs, eventx's own extras followed."""
    names: set[str] = set()
    for requirement in EXTRAS[extra]:
        match = re.match(r"eventx\[([\w,]+)\]", requirement)
        if match:
            for inner in match.group(1).split(","):
                names |= _closure(inner)
        else:
            names.add(re.split(r"[\[<>=! ]", requirement, maxsplit=1)[0].lower())
    return names


def test_the_docs_extra_installs_what_the_api_reference_imports() -> None:
    api = (ROOT / "docs" / "api.md").read_text()
    assert "eventx.testing" in api and "eventx.distributed" in api
    docs = _closure("docs")
    assert _closure("testing") <= docs  # eventx.testing imports hypothesis, pytest, jsonschema
    assert _closure("dask") <= docs


def test_the_testing_page_names_an_extra_that_exists() -> None:
    page = (ROOT / "docs" / "plugins" / "testing.md").read_text()
    named = set(re.findall(r"eventx\[(\w+)\]", page))
    assert named == {"testing"} and "testing" in EXTRAS
    assert "the `test` extra" not in page


def test_scoring_an_unknown_type_says_how_to_score_its_fields(
    caplog: pytest.LogCaptureFixture,
) -> None:
    event = {"type": "Ceasefire", "trigger": {"start": 2, "end": 7, "text": "truce"},
             "status": "occurred"}
    gold = [{"id": "a", "text": "A truce held.", "events": [event]}]
    with caplog.at_level(logging.WARNING, logger="eventx"):
        evaluate(gold, [{"id": "a", "events": [event]}])
    (message,) = [r.getMessage() for r in caplog.records if "Ceasefire" in r.getMessage()]
    assert "event_types=" in message
