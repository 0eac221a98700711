"""``eventx new-plugin NAME`` writes a plugin distribution that passes its own tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import tomllib

from eventx.cli import main


def test_new_plugin_writes_a_distribution_whose_tests_pass(tmp_path: Path) -> None:
    assert main(["new-plugin", "ceasefire", "-d", str(tmp_path)]) == 0
    root = tmp_path / "eventx-ceasefire"
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    assert project["name"] == "eventx-ceasefire"
    assert project["entry-points"]["eventx"] == {"ceasefire": "eventx_ceasefire.plugin"}
    for part in ("src/eventx_ceasefire/plugin.py", "src/eventx_ceasefire/templates.py",
                 "src/eventx_ceasefire/py.typed", "tests/test_ceasefire.py", "README.md"):
        assert (root / part).is_file(), part
    assert "$" not in (root / "src/eventx_ceasefire/plugin.py").read_text()
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                            cwd=root, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:]
    assert " passed" in result.stdout and "failed" not in result.stdout


def test_new_plugin_refuses_an_existing_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "eventx-truce").mkdir()
    assert main(["new-plugin", "truce", "-d", str(tmp_path)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert list((tmp_path / "eventx-truce").iterdir()) == []


@pytest.mark.parametrize("name", ["Ceasefire", "cease-fire", "arms_deal", "x", "2truce", ""])
def test_new_plugin_wants_one_lower_case_word(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new-plugin", name, "-d", str(tmp_path)]) == 2
    assert "one lower-case word" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
