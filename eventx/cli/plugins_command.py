"""``eventx plugins``: every plugin, where it came from, its extractors and event types."""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``plugins`` subcommand."""
    parser = sub.add_parser("plugins", parents=[common], help="list the loaded plugins")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print one block per plugin; failed plugins show the reason and how to fix it."""
    from eventx.plugins import PluginSet

    plugins = PluginSet(allow=args.allow, block=args.block)
    for info in plugins.info:
        origin = info.source + (f", {info.distribution} {info.version}" if info.distribution
                                else "")
        if info.failed:
            print(f"{info.name} ({origin}): FAILED: {info.error}")
            if info.fix:
                print(f"  fix: {info.fix}")
            continue
        print(f"{info.name} ({origin})")
        for extractor in plugins.extractors_of(info.name):
            types = ", ".join(cls.event_type for cls in extractor.event_types)
            print(f"  extractor {extractor.name} -> {types}")
        type_names = plugins.types_of(info.name)
        if type_names:
            print(f"  event types: {', '.join(type_names)}")
    return 0
