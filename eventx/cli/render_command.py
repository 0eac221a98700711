"""``eventx render``: an HTML page of documents with their events highlighted."""

from __future__ import annotations

import argparse
from typing import Any

from eventx.cli.inputs import STDIN, add_max_size


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``render`` subcommand."""
    parser = sub.add_parser("render", parents=[common],
                            help="write an HTML page showing the events in their text")
    parser.add_argument("paths", nargs="*", default=[STDIN],
                        help="plain-text or .jsonl files; '-' for standard input (default)")
    parser.add_argument("-o", "--output", required=True,
                        help="the HTML file to write (atomically); '-' for standard output")
    parser.add_argument("--input", choices=("auto", "text", "jsonl"), default="auto",
                        help="input format (default: by extension, .jsonl is JSON Lines)")
    parser.add_argument("--date", help="publication date (YYYY-MM-DD) of plain-text input")
    parser.add_argument("--model", help="an installed spaCy pipeline to use; default: blank "
                        "English")
    parser.add_argument("--title", default="eventx events", help="the page title")
    parser.add_argument("--events", metavar="EVENTS.jsonl",
                        help="show these saved events (output of eventx extract, matched to the "
                        "documents by id) instead of extracting them")
    add_max_size(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Extract the events of every document (or read them with ``--events``) and write the
    page; 2 when a file was skipped, 1 when input lines were skipped, else 0."""
    from eventx.cli.inputs import InputStats, check_paths, read_documents
    from eventx.cli.output import check_not_an_input, open_output
    from eventx.evaluate import read_jsonl
    from eventx.pipeline import Pipeline, parse_date
    from eventx.render import render

    date = parse_date(args.date, where="--date")
    inputs = [*args.paths, *([args.events] if args.events else [])]
    check_not_an_input(args.output, inputs)
    check_paths(inputs)
    stats = InputStats()
    documents = read_documents(args.paths, input_format=args.input, date=date, stats=stats,
                               max_size=args.max_size)
    if args.events:
        saved = {str(result.get("id")): result for result in read_jsonl(args.events)}
        shown = list(documents)
        results = [saved.get(document.id, {"id": document.id, "events": []})
                   for document in shown]
        page = render(shown, results, title=args.title)
    else:
        pipeline = Pipeline(args.model, allow=args.allow, block=args.block)
        page = render(documents, pipeline=pipeline, title=args.title)
    with open_output(args.output) as stream:
        stream.write(page)
    if stats.failed_files:
        return 2
    return 1 if stats.skipped else 0
