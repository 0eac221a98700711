"""``python -m eventx``: the command-line interface."""

from eventx.cli import main

raise SystemExit(main())
