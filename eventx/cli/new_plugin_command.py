"""``eventx new-plugin NAME``: write a plugin distribution that passes its own tests."""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(sub: Any) -> None:
    """Add the ``new-plugin`` subcommand."""
    parser = sub.add_parser(
        "new-plugin", help="write a new plugin distribution (type, extractor, tests, docs)")
    parser.add_argument("name", help="one lower-case word: the trigger word and plugin name, "
                        "e.g. ceasefire")
    parser.add_argument("-d", "--directory", default=".",
                        help="where to write eventx-NAME/ (default: here)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the plugin and say what to do next."""
    from eventx.scaffold import write_plugin

    target = write_plugin(args.name, args.directory)
    print(f"wrote {target}\nnext: pip install -e '{target}[test]' && pytest {target}")
    return 0
