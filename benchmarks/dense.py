"""Extraction time and memory against event density: one document of N event sentences.

Each size runs in a fresh subprocess, so that its peak resident memory is its
own. The document repeats a few short sentences that each hold one event
("The two presidents met in Seoul on Tuesday to discuss trade."); the time is
that of ``Pipeline.extract`` on the whole text (tokenizing included, pipeline
setup excluded), shown per 1,000 sentences and as a ratio to the smallest size, with the
CPU time of the process beside it (steadier than wall-clock time on a shared machine).
Linear cost gives flat figures; a cost that grows with the square of the events
per document doubles the figure at each doubling of N.

    python benchmarks/dense.py --sizes 1000 4000 16000 64000 --repeat 3
    python benchmarks/dense.py --sizes 350000 --repeat 1    # the 21 MB document
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from typing import Any

SENTENCES = (
    "The two presidents met in Seoul on Tuesday to discuss trade.",
    "Japan raised tariffs on American steel to 25 percent on Monday.",
    "Britain will send 500 more troops to Basra next week.",
    "Leaders of both nations held a summit in Geneva in March.",
)


def dense_text(n: int) -> str:
    """A document of ``n`` event sentences, one paragraph of 20 sentences per blank line."""
    parts = []
    for i in range(n):
        parts.append(SENTENCES[i % len(SENTENCES)])
        parts.append("\n\n" if i % 20 == 19 else " ")
    return "".join(parts).strip() + "\n"


def _measure(n: int) -> dict[str, Any]:
    import eventx

    pipeline = eventx.Pipeline()
    text = dense_text(n)
    started, cpu_started = time.perf_counter(), time.process_time()
    events = pipeline.extract(text, date="2025-03-14")
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return {"n": n, "chars": len(text), "events": len(events), "seconds": seconds, "cpu": cpu,
            "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}


def _child(n: int, timeout: float) -> dict[str, Any] | None:
    command = [sys.executable, __file__, "--child", str(n)]
    try:
        out = subprocess.run(command, check=True, capture_output=True, text=True,
                             timeout=timeout).stdout
    except subprocess.TimeoutExpired:
        return None
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 16000, 64000],
                        help="numbers of event sentences (default: 1k 4k 16k 64k)")
    parser.add_argument("--repeat", type=int, default=3, help="repeats; medians are shown")
    parser.add_argument("--timeout", type=float, default=900,
                        help="seconds after which one run is given up (shown as '>')")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(_measure(args.child)))
        return

    samples: dict[int, list[dict[str, Any]]] = {n: [] for n in args.sizes}
    given_up: set[int] = set()
    for repeat in range(args.repeat):  # interleaved, so a slow spell hits every size
        for n in args.sizes:
            if n in given_up:
                continue
            print(f"# repeat {repeat + 1}/{args.repeat}: N={n}", file=sys.stderr, flush=True)
            result = _child(n, args.timeout)
            if result is None:
                given_up.add(n)
            else:
                samples[n].append(result)

    header = ["sentences", "MB", "events", "seconds", "s per 1,000", "ratio", "CPU s",
              "CPU s per 1,000", "peak RSS MiB"]
    rows = [header]
    base: float | None = None
    for n in args.sizes:
        results = samples[n]
        if n in given_up or not results:
            rows.append([f"{n:,}", "", "", f">{args.timeout:g}", "", "", "", "", ""])
            continue
        seconds = statistics.median(r["seconds"] for r in results)
        cpu = statistics.median(r["cpu"] for r in results)
        per_1000 = seconds / n * 1000
        base = per_1000 if base is None else base
        rows.append([f"{n:,}", f"{results[0]['chars'] / 1e6:.1f}", f"{results[0]['events']:,}",
                     f"{seconds:.2f}", f"{per_1000:.3f}", f"{per_1000 / base:.2f}",
                     f"{cpu:.2f}", f"{cpu / n * 1000:.3f}",
                     f"{statistics.median(r['peak_kib'] for r in results) / 1024:.0f}"])
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for index, row in enumerate(rows):
        print("  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)))
        if index == 0:
            print("  ".join("-" * width for width in widths))


if __name__ == "__main__":
    main()
