"""The ``eventx`` command: extract events, merge them into happenings, list plugins, print the
JSON Schema, start a plugin.

Exit codes: 0 success; 1 extraction failed or some input was skipped; 2 a
usage or input error (missing, unreadable, binary or non-UTF-8 file); 130
interrupted. Errors are one line on standard error; ``--debug`` shows the
traceback instead. When the reader of the output goes away (``eventx extract
... | head``), eventx stops quietly with exit code 0.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from eventx.cli import (
    evaluate_command,
    extract_command,
    merge_command,
    new_plugin_command,
    plugins_command,
    render_command,
    train_command,
)
from eventx.errors import EventxError, InputError

log = logging.getLogger("eventx")

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _schema(args: argparse.Namespace) -> int:
    from eventx.pipeline import Pipeline
    from eventx.schema import json_schema

    pipeline = Pipeline(allow=args.allow, block=args.block)
    print(json.dumps(json_schema(pipeline.event_types.values()), indent=2))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(prog="eventx", description=__doc__.splitlines()[0])
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="show tracebacks and debug logs")
    common.add_argument("--allow", action="append", metavar="PLUGIN",
                        help="load only this plugin, and the built-in gazetteer (repeatable)")
    common.add_argument("--block", action="append", default=[], metavar="PLUGIN",
                        help="never load this plugin (repeatable)")
    sub = parser.add_subparsers(dest="command", required=True)
    extract_command.add_parser(sub, common)
    plugins_command.add_parser(sub, common)
    evaluate_command.add_parser(sub, common)
    render_command.add_parser(sub, common)
    merge_command.add_parser(sub, common)
    new_plugin_command.add_parser(sub)
    train_command.add_parser(sub, common)
    schema = sub.add_parser("schema", parents=[common],
                            help="print the JSON Schema of the output")
    schema.set_defaults(run=_schema)
    return parser


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # unwinds, so that a partial output file is removed


def _silence_stdout() -> None:
    """Point stdout at devnull, so that flushing it at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):  # stdout may be replaced
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING,
                        format="eventx: %(levelname)s: %(message)s", stream=sys.stderr)
    previous = signal.signal(signal.SIGTERM, _terminate) if _main_thread() else None
    try:
        code = int(args.run(args))
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        print("eventx: interrupted", file=sys.stderr)
        return 130
    except Exception as error:
        if args.debug:
            raise
        if isinstance(error, InputError):
            print(f"eventx: error: {error}", file=sys.stderr)
            return EXIT_USAGE
        if isinstance(error, EventxError):
            print(f"eventx: error: {error}", file=sys.stderr)
        elif isinstance(error, OSError):
            print(f"eventx: error: {error.strerror or error}"
                  + (f": {error.filename}" if error.filename else ""), file=sys.stderr)
        else:
            print(f"eventx: internal error: {type(error).__name__}: {error} (run with --debug "
                  "for the traceback)", file=sys.stderr)
        return EXIT_FAILED
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()
