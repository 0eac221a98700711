"""The documentation covers every hook and public name, and its examples run.

The hook and API checks read the docs sources as text and need nothing
beyond eventx; the Sphinx builds run when Sphinx (the ``docs`` extra) is installed.
"""

from __future__ import annotations

import inspect
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import eventx
import eventx.testing
from eventx import hookspecs

DOCS = Path(__file__).resolve().parent.parent / "docs"
HOOKS = sorted(name for name, value in vars(hookspecs).items()
               if name.startswith("eventx_") and inspect.isfunction(value))


def _sources() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in DOCS.rglob("*.md")
                     if "_build" not in path.parts)


def test_the_five_hooks_are_found() -> None:
    assert HOOKS == ["eventx_gazetteer", "eventx_language_data", "eventx_process_events",
                     "eventx_register_event_types", "eventx_register_extractors"]


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_is_documented(hook: str) -> None:
    function = getattr(hookspecs, hook)
    assert (function.__doc__ or "").strip(), f"{hook} has no docstring"
    assert ":param" in function.__doc__ or ":return" in function.__doc__, (
        f"{hook}'s docstring states neither its parameters nor its return contract")
    assert f"autofunction:: eventx.hookspecs.{hook}" in _sources(), (
        f"{hook} is missing from the hook reference (docs/plugins/hooks.md)")


def _public(module: object) -> list[tuple[str, str]]:
    prefix = module.__name__  # type: ignore[attr-defined]
    return [(prefix, name) for name in module.__all__]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("module", "name"), _public(eventx) + _public(eventx.testing))
def test_public_name_is_documented(module: str, name: str) -> None:
    value = getattr(eventx if module == "eventx" else eventx.testing, name)
    documented_here = f"{module}.{name}" in _sources()
    assert documented_here, f"{module}.{name} is not in the API reference (docs/api.md)"
    if inspect.isclass(value) or inspect.isfunction(value):
        assert (value.__doc__ or "").strip(), f"{module}.{name} has no docstring"


def _sphinx(builder: str, tmp_path: Path) -> tuple[int, str]:
    build = pytest.importorskip("sphinx.cmd.build")
    log = tmp_path / "warnings.txt"
    code = build.build_main(["-W", "--keep-going", "-q", "-b", builder, "-w", str(log),
                             "-d", str(tmp_path / "doctrees"), str(DOCS),
                             str(tmp_path / builder)])
    return code, log.read_text(encoding="utf-8") if log.exists() else ""


def test_docs_build_without_warnings(tmp_path: Path) -> None:
    code, warnings = _sphinx("html", tmp_path)
    assert code == 0, warnings


def test_docs_examples_run(tmp_path: Path) -> None:
    code, warnings = _sphinx("doctest", tmp_path)
    output = tmp_path / "doctest" / "output.txt"
    report = output.read_text(encoding="utf-8") if output.exists() else ""
    assert code == 0, warnings + report


def _console_commands() -> list[tuple[str, str, str]]:
    """(page, command, expected output) for each ``$ ...`` line of the docs' console blocks."""
    found = []
    for path in sorted(DOCS.rglob("*.md")):
        if "_build" in path.parts:
            continue
        for block in path.read_text(encoding="utf-8").split("```console\n")[1:]:
            lines = block.split("\n```", 1)[0].splitlines()
            for i, line in enumerate(lines):
                if line.startswith("$ "):
                    output = []
                    for following in lines[i + 1:]:
                        if following.startswith("$ "):
                            break
                        output.append(following)
                    found.append((path.name, line[2:], "\n".join(output)))
    return found


EVENTX_COMMANDS = [(page, command, output) for page, command, output in _console_commands()
                   if "eventx " in command and not command.startswith("pip ")]


def test_console_examples_are_found() -> None:
    assert len(EVENTX_COMMANDS) >= 5


@pytest.mark.parametrize(("page", "command", "output"), EVENTX_COMMANDS,
                         ids=[f"{p}:{c[:40]}" for p, c, _ in EVENTX_COMMANDS])
def test_console_example_uses_real_options(page: str, command: str, output: str) -> None:
    from eventx.cli import build_parser

    arguments = shlex.split(command.split("eventx ", 1)[1])
    try:
        build_parser().parse_args(arguments)
    except SystemExit as error:
        pytest.fail(f"{page}: `{command}` is not a valid eventx command line ({error})")


@pytest.mark.parametrize(("page", "command", "output"),
                         [example for example in EVENTX_COMMANDS if example[2]],
                         ids=[f"{p}:{c[:40]}" for p, c, o in EVENTX_COMMANDS if o])
def test_console_example_prints_what_the_docs_show(page: str, command: str,
                                                   output: str) -> None:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "EVENTX_BLOCK_PLUGINS": ""}
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, env=env,
                          cwd=DOCS.parent, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == output.strip()


def test_schema_tables_fail_the_build_when_a_field_is_undocumented(tmp_path: Path) -> None:
    build = pytest.importorskip("sphinx.cmd.build")
    source = tmp_path / "src"
    source.mkdir()
    (source / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(DOCS / '_ext')!r})\n"
        "extensions = ['myst_parser', 'eventx_schema']\n", encoding="utf-8")
    (source / "index.md").write_text(
        "# Test\n\n```{eventx-fields} eventx.Rate\ntext: the text.\nrate: not a field.\n```\n",
        encoding="utf-8")
    log = tmp_path / "warnings.txt"
    code = build.build_main(["-W", "--keep-going", "-q", "-b", "html", "-w", str(log),
                             str(source), str(tmp_path / "out")])
    warnings = log.read_text(encoding="utf-8")
    assert code != 0
    assert "eventx.Rate: undocumented: percent" in warnings
    assert "eventx.Rate: documented but not in the code: rate" in warnings
