"""``eventx new-plugin NAME``: write a working plugin distribution to start from.

The files come from the template under ``eventx/data/plugin-template``: a
``pyproject.toml`` with the entry point, the plugin module (an event type with
an enum field, an extractor, the hooks), sentence templates, tests that pass at
once (the conformance checks, generated sentences, the pytest fixtures) and a
README. In the template's paths ``__module__`` and ``__name__`` stand for the
package and plugin names; in its contents ``$name``, ``$module``, ``$dist``
and ``$Type`` do (``string.Template`` syntax).
"""

from __future__ import annotations

import re
import string
import sys
from importlib.resources import files
from pathlib import Path

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:
    from importlib.abc import Traversable

from eventx.errors import InputError

__all__ = ["write_plugin"]

_NAME = re.compile(r"^[a-z][a-z0-9]{1,39}$")
_SUFFIX = ".tmpl"


def _files(folder: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    found = []
    for item in folder.iterdir():
        if item.is_dir():
            found += _files(item, f"{prefix}{item.name}/")
        elif item.name.endswith(_SUFFIX):
            found.append((prefix + item.name[: -len(_SUFFIX)], item))
    return sorted(found, key=lambda pair: pair[0])


def write_plugin(name: str, directory: str | Path = ".") -> Path:
    """Write the distribution ``eventx-NAME`` into ``directory``; return its folder.

    :param name: one lower-case word, the new event type's trigger word and the plugin's
        name (``ceasefire`` makes the type ``Ceasefire``, the package ``eventx_ceasefire``).
    :raises InputError: for a name that is not one lower-case word, or when the folder exists.
    """
    if not _NAME.match(name):
        raise InputError(f"plugin name {name!r}: give one lower-case word of 2 to 40 letters "
                         "or digits, such as 'ceasefire'")
    values = {"name": name, "module": f"eventx_{name}", "dist": f"eventx-{name}",
              "Type": name.capitalize()}
    target = Path(directory) / values["dist"]
    if target.exists():
        raise InputError(f"{target}: already exists; remove it or choose another folder")
    for relative, source in _files(files("eventx") / "data" / "plugin-template"):
        path = target / relative.replace("__module__", values["module"]).replace(
            "__name__", name)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = string.Template(source.read_text(encoding="utf-8")).substitute(values)
        path.write_text(text, encoding="utf-8")
    return target
