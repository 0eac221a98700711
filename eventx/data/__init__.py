"""Gazetteers and lexicons as data files (JSON), read with ``importlib.resources``."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def load_data(filename: str) -> Any:
    """Read one JSON data file shipped in ``eventx/data``."""
    with resources.files("eventx.data").joinpath(filename).open(encoding="utf-8") as file:
        return json.load(file)
