"""Time to read a CAMEO actor dictionary of the size of Phoenix.Countries.actors.txt (1.5 MB).

Writes a dictionary of made-up persons with dated roles (the shape of the Phoenix records)
to a temporary file and prints the median time of ``--repeat`` first reads (cache cleared)
and of a cached read. Needs the eventx-cameo plugin (``pip install plugins/eventx-cameo``).

    .venv/bin/python benchmarks/cameo_load.py --megabytes 1.5
"""

from __future__ import annotations

import argparse
import logging
import statistics
import string
import tempfile
import time
from pathlib import Path

log = logging.getLogger("benchmarks.cameo_load")


def _dictionary(megabytes: float) -> str:
    lines: list[str] = []
    size, number = 0, 0
    letters = string.ascii_uppercase
    while size < megabytes * 1_000_000:
        first = "".join(letters[(number // 26 ** i) % 26] for i in range(5))
        last = "".join(letters[(number * 7 // 26 ** i) % 26] for i in range(6))
        record = (f"{first}_{last}_  ; made up\n+{last}_{first}_\n"
                  f"\t[USAELI 670102-750106]\n\t[USAGOV 810120-890120]\n\n")
        lines.append(record)
        size += len(record)
        number += 1
    return "".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=1.5)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    from eventx_cameo.dictionary import _load, _merged, load_dictionary

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "actors.txt"
        path.write_text(_dictionary(args.megabytes), encoding="utf-8")
        first = []
        for _ in range(args.repeat):
            _load.cache_clear()
            _merged.cache_clear()
            start = time.perf_counter()
            dictionary = load_dictionary(path)
            first.append(time.perf_counter() - start)
        start = time.perf_counter()
        load_dictionary(path)
        cached = time.perf_counter() - start
        log.info("%.2f MB, %d phrases: first read median %.3f s, cached read %.6f s",
                 path.stat().st_size / 1e6, len(dictionary), statistics.median(first), cached)


if __name__ == "__main__":
    main()
