"""``eventx merge``: the happenings of saved events, one record per happening (see
:mod:`eventx.happenings`)."""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from typing import Any


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``merge`` subcommand."""
    parser = sub.add_parser("merge", parents=[common],
                            help="merge the mentions of each happening in saved events")
    parser.add_argument("paths", nargs="+", metavar="EVENTS.jsonl",
                        help="output of eventx extract (JSON Lines)")
    parser.add_argument("-o", "--output", default="-",
                        help="the file to write (atomically); .parquet gives Parquet, else "
                        "JSON Lines; default: standard output")
    parser.add_argument("--format", choices=("jsonl", "csv", "parquet"),
                        help="output format (default: by the extension of -o, else jsonl)")
    parser.add_argument("--key", default=",".join(_default_key()),
                        help="the comma-separated parts that must agree (default: %(default)s)")
    parser.add_argument("--window", type=int, default=0, metavar="DAYS",
                        help="how many days apart mentions of one happening may be "
                        "(default: 0, one a day)")
    parser.set_defaults(run=run)


def _default_key() -> tuple[str, ...]:
    from eventx.happenings import DEFAULT_KEY

    return DEFAULT_KEY


def _cell(value: Any) -> Any:
    return "; ".join(value) if isinstance(value, list) else value


def run(args: argparse.Namespace) -> int:
    """Merge and write the happenings; prints a summary line on standard error."""
    from eventx.cli.inputs import check_paths
    from eventx.cli.output import open_output
    from eventx.errors import InputError
    from eventx.evaluate import read_jsonl
    from eventx.happenings import HAPPENING_COLUMNS, merge
    from eventx.tables import TableWriter

    fmt = args.format or ("parquet" if str(args.output).endswith(".parquet") else "jsonl")
    key = [part.strip() for part in args.key.split(",") if part.strip()]
    check_paths(args.paths)
    results = itertools.chain.from_iterable(read_jsonl(path) for path in args.paths)
    try:
        happenings = merge(results, key=key, window=args.window)
    except ValueError as error:
        raise InputError(f"--key/--window: {error}") from None
    count = mentions = 0
    with open_output(args.output, binary=fmt == "parquet") as stream:
        table = (TableWriter(stream, fmt, HAPPENING_COLUMNS,
                             {"mention_count": int, "document_count": int})
                 if fmt != "jsonl" else None)
        for happening in happenings:
            count += 1
            mentions += happening["mention_count"]
            if table is None:
                stream.write(json.dumps(happening, ensure_ascii=False) + "\n")
            else:
                table.write_rows([{name: _cell(value) for name, value in happening.items()}])
        if table is not None:
            table.close()
    ratio = f"{mentions / count:.2f}" if count else "n/a"
    print(f"eventx: {mentions} mentions, {count} happenings ({ratio} mentions a happening)",
          file=sys.stderr)
    return 0
