"""Every hook in eventx.hookspecs is documented for plugin authors and exercised by a test.

Modelled on datasette's test_plugin_hooks_are_documented / test_plugin_hooks_have_tests.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from eventx import hookspecs

HOOKS = sorted(name for name, value in vars(hookspecs).items()
               if name.startswith("eventx_") and callable(value))
TESTS = Path(__file__).parent


def test_the_hooks_are_found() -> None:
    assert HOOKS == ["eventx_gazetteer", "eventx_language_data", "eventx_process_events",
                     "eventx_register_event_types", "eventx_register_extractors"]


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_is_a_hookspec(hook: str) -> None:
    function = getattr(hookspecs, hook)
    assert hookspecs.PROJECT_NAME + "_spec" in vars(function), f"{hook} is not marked @hookspec"


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_has_a_docstring_with_every_param_and_the_return(hook: str) -> None:
    function = getattr(hookspecs, hook)
    doc = inspect.getdoc(function) or ""
    summary = doc.split("\n", 1)[0]
    assert summary.endswith("."), f"{hook}: the docstring needs a one-line summary"
    for parameter in inspect.signature(function).parameters:
        assert re.search(rf"^:param {parameter}: \S", doc, re.MULTILINE), (
            f"{hook}: parameter {parameter!r} is not documented with ':param {parameter}:'")
    documented = re.findall(r"^:param (\w+):", doc, re.MULTILINE)
    assert set(documented) <= set(inspect.signature(function).parameters), (
        f"{hook} documents parameters it does not have: {documented}")
    assert re.search(r"^:return: \S", doc, re.MULTILINE), f"{hook}: no ':return:' line"


def _implementations_in_tests(hook: str) -> list[str]:
    """Test files and test plugins (other than this file) with an implementation of the hook."""
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        if path.resolve() == Path(__file__).resolve():
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(rf"^\s*def {hook}\(", text, re.MULTILINE):
            found.append(str(path.relative_to(TESTS)))
    return found


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_is_exercised_by_a_test(hook: str) -> None:
    assert _implementations_in_tests(hook), f"no test plugin implements {hook}"
