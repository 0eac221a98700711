"""The cost of calling ``eventx_process_events`` through pluggy, plugin by plugin.

Each plugin's hook is called through a pluggy hook caller of its own (so that
``tryfirst``, ``trylast`` and wrappers work and a failure stays that plugin's).
This prints the median time per document of ``PluginSet.process_events`` with
0, 1, 4 and 16 pass-through plugins, next to calling the same functions directly,
and the time of extracting one short document, for scale.

    python benchmarks/plugin_hooks.py --repeat 5
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Sequence
from typing import Any

from eventx import Pipeline, hookimpl
from eventx.events import Event

TEXT = "The two foreign ministers met in Geneva on Monday to discuss trade."


def _pass_through(index: int) -> object:
    class PassThrough:
        eventx_plugin_name = f"pass-through-{index}"

        @hookimpl
        def eventx_process_events(self, doc: Any, events: Sequence[Event]) -> list[Event]:
            return list(events)

    return PassThrough()


def _median_us(function: Any, calls: int, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(calls):
            function()
        times.append((time.perf_counter() - start) / calls * 1e6)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{'plugins':>8} {'pluggy us/doc':>14} {'direct us/doc':>14} {'ratio':>6}")
    for count in (0, 1, 4, 16):
        plugins = [_pass_through(i) for i in range(count)]
        pipeline = Pipeline(plugins=plugins, builtins=False, entry_points=False)
        doc = pipeline.nlp(TEXT)
        plugin_set = pipeline.plugins
        direct = [p.eventx_process_events for p in plugins]  # type: ignore[attr-defined]

        def through_pluggy(plugin_set: Any = plugin_set, doc: Any = doc) -> None:
            plugin_set.process_events(doc, [])

        def directly(direct: Any = direct, doc: Any = doc) -> None:
            events: list[Event] = []
            for function in direct:
                events = function(doc, events)

        hooked = _median_us(through_pluggy, args.calls, args.repeat)
        plain = _median_us(directly, args.calls, args.repeat)
        print(f"{count:>8} {hooked:>14.2f} {plain:>14.2f} {hooked / max(plain, 1e-9):>6.1f}")
    full = Pipeline(entry_points=False)
    full.extract(TEXT)
    extract = _median_us(lambda: full.extract(TEXT), max(args.calls // 20, 10), args.repeat)
    print(f"one short document, extracted with the built-ins: {extract:.0f} us")


if __name__ == "__main__":
    main()
