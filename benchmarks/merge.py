"""Peak memory and time of merging events into happenings, as the input grows.

Runs :func:`eventx.merge` in a fresh subprocess over ``--copies`` copies of a JSON Lines
file of events (the output of ``eventx extract``; each copy's document and event ids made
distinct), and prints mentions, happenings, the mention-to-happening ratio, the peak
resident set size and the median time of ``--repeat`` runs. Memory that stays flat while
the input grows is memory that the input does not bound.

    .venv/bin/python benchmarks/merge.py --events reuters-events.jsonl --copies 1 4 16
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

log = logging.getLogger("benchmarks.merge")


def _copies(path: str, copies: int) -> Iterator[dict[str, Any]]:
    for copy in range(copies):
        with open(path, encoding="utf-8") as file:
            for line in file:
                result = json.loads(line)
                result["id"] = f"{result['id']}#{copy}"
                for event in result["events"]:
                    event["id"] = f"{event['id']}#{copy}"
                yield result


def child(path: str, copies: int, chunk_size: int) -> None:
    """Merge and print one JSON line of figures."""
    from eventx.happenings import merge

    start = time.perf_counter()
    mentions = happenings = 0
    for happening in merge(_copies(path, copies), chunk_size=chunk_size):
        happenings += 1
        mentions += happening["mention_count"]
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"mentions": mentions, "happenings": happenings, "seconds": seconds,
                      "peak_mb": peak_mb}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", required=True, help="output of eventx extract (JSON Lines)")
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--chunk-size", type=int, default=20_000,
                        help="mentions sorted in memory at a time")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.events, args.copies[0], args.chunk_size)
        return
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    log.info("%7s %10s %11s %6s %10s %9s", "copies", "mentions", "happenings", "ratio",
             "peak MB", "median s")
    for copies in args.copies:
        runs = [json.loads(subprocess.run(
            [sys.executable, __file__, "--child", "--events", args.events, "--copies",
             str(copies), "--chunk-size", str(args.chunk_size)],
            capture_output=True, text=True, check=True).stdout) for _ in range(args.repeat)]
        first = runs[0]
        log.info("%7d %10d %11d %6.2f %10.1f %9.2f", copies, first["mentions"],
                 first["happenings"], first["mentions"] / max(first["happenings"], 1),
                 statistics.median(r["peak_mb"] for r in runs),
                 statistics.median(r["seconds"] for r in runs))


if __name__ == "__main__":
    main()
