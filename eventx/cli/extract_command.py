"""``eventx extract``: events from plain-text or JSON Lines files, streamed to the output."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from eventx.cli.inputs import STDIN, InputStats, add_max_size, check_paths, read_documents
from eventx.cli.numbers import MAX_BATCH_SIZE, MAX_PROCESSES, positive_int, seconds
from eventx.cli.output import (
    BINARY_FORMATS,
    FORMATS,
    Writer,
    check_not_an_input,
    open_output,
    open_resumable,
)
from eventx.cli.scorer_options import add_scorer_options, scorer_argument
from eventx.errors import InputError

if TYPE_CHECKING:
    from eventx.pipeline import Document, Pipeline

log = logging.getLogger(__name__)


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``extract`` subcommand."""
    parser = sub.add_parser("extract", parents=[common],
                            help="extract events from files or standard input")
    parser.add_argument("paths", nargs="*", default=[STDIN],
                        help="plain-text or .jsonl files; '-' for standard input (default)")
    parser.add_argument("--input", choices=("auto", "text", "jsonl"), default="auto",
                        help="input format (default: by extension, .jsonl is JSON Lines)")
    parser.add_argument("--date", help="publication date (YYYY-MM-DD) of plain-text input")
    parser.add_argument("--format", choices=FORMATS, default="jsonl",
                        help="output format (csv and parquet: a row per event; parquet needs "
                        "-o and the research extra)")
    parser.add_argument("-o", "--output", help="write to this file (atomically) instead of "
                        "standard output; never one of the inputs")
    parser.add_argument("--resume", action="store_true",
                        help="append to the -o JSON Lines file, skipping the documents whose "
                        "ids it already holds; each document is written as it is finished")
    parser.add_argument("--model", help="an installed spaCy pipeline to use (e.g. "
                        "en_core_web_sm); default: blank English")
    parser.add_argument("--batch-size", type=positive_int(MAX_BATCH_SIZE), default=64,
                        help=f"documents per batch (at most {MAX_BATCH_SIZE:,})")
    parser.add_argument("--processes", type=positive_int(MAX_PROCESSES), default=1,
                        help=f"worker processes (at most {MAX_PROCESSES})")
    parser.add_argument("--strict", action="store_true",
                        help="stop at the first unreadable file, bad input line or failing "
                        "plugin")
    parser.add_argument("--timeout", type=seconds, metavar="SECONDS",
                        help="time limit for each extractor on one document (POSIX)")
    add_max_size(parser)
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no summary line on standard error")
    parser.add_argument("--encoding-errors", choices=("strict", "replace"), default="strict",
                        help="what to do with invalid UTF-8 (default: report it)")
    parser.add_argument("--progress", choices=("auto", "always", "never"), default="auto",
                        help="progress bar on standard error (auto: only on a terminal)")
    add_scorer_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Extract and write; returns 2 when a file was skipped, 1 when input lines were
    skipped or an extractor failed, else 0."""
    from eventx.pipeline import Pipeline, parse_date

    date = parse_date(args.date, where="--date")
    if args.resume and (args.output in (None, "-") or args.format != "jsonl"):
        raise InputError("--resume needs -o FILE and the jsonl format")
    check_not_an_input(args.output, args.paths)
    check_paths(args.paths)
    stats = InputStats()
    documents = read_documents(args.paths, input_format=args.input, date=date,
                               strict=args.strict,
                               replace_errors=args.encoding_errors == "replace", stats=stats,
                               max_size=args.max_size)
    pipeline = Pipeline(args.model, allow=args.allow, block=args.block, strict=args.strict,
                        timeout=args.timeout, scorer=scorer_argument(args),
                        min_confidence=args.min_confidence)
    if args.resume:
        with open_resumable(args.output) as (stream, done):
            if done:
                log.info("resuming: %d documents already in %s", len(done), args.output)
            todo = (d for d in documents if d.id not in done)
            written, events = _write(pipeline, todo, stream, args, flush=True)
    else:
        with open_output(args.output, binary=args.format in BINARY_FORMATS) as stream:
            written, events = _write(pipeline, documents, stream, args, flush=False)
    failures = pipeline.engine.failures
    if not args.quiet:
        print(_summary(stats, written, events, sum(failures.values())), file=sys.stderr)
    if stats.failed_files:
        return 2
    return 1 if stats.skipped or failures else 0


def _write(pipeline: Pipeline, documents: Iterable[Document], stream: Any,
           args: argparse.Namespace, *, flush: bool) -> tuple[int, int]:
    """Extract and write every document; ``flush`` each one as it is written."""
    from tqdm import tqdm

    show = args.progress == "always" or (args.progress == "auto" and sys.stderr.isatty())
    writer = Writer(stream, args.format, pipeline.event_types.values())
    written = events = 0
    results = pipeline.pipe(documents, batch_size=args.batch_size, n_process=args.processes)
    with tqdm(results, disable=not show, unit="doc", file=sys.stderr) as bar:
        for result in bar:
            writer.write(result)
            if flush:
                stream.flush()
            written += 1
            events += len(result.events)
            bar.set_postfix(events=events, refresh=False)
    writer.close()
    return written, events


def _summary(stats: InputStats, written: int, events: int, failures: int) -> str:
    parts = [f"{stats.read} documents read", f"{written} written", f"{events} events",
             f"{stats.skipped} lines skipped"]
    if stats.failed_files:
        parts.append(f"{len(stats.failed_files)} files skipped")
    if failures:
        parts.append(f"{failures} extractor failures")
    return "eventx: " + ", ".join(parts)
