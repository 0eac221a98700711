"""Precision in the wild: events per 1,000 random news documents, and a sample to judge.

Draws a fixed random sample of documents from every JSON Lines corpus in a folder (the
same seed gives the same sample), extracts events with the built-in types (no installed
plugins), prints events per 1,000 documents by type and by status, and writes a random
sample of events, each with its sentence, for a reader to judge by the annotation
guidelines (one JSON object a line: ``{"n", "doc", "type", "status", "trigger",
"sentence", "arguments"}``)::

    python benchmarks/wild_precision.py --corpus-dir ../shared/corpus --documents 2000 \\
        --sample 100 --per-type 25 --out wild-sample.jsonl [--scorer none]

``--scorer`` and ``--min-confidence`` are those of ``eventx extract``: the shipped scorer by
default, ``none`` for the rules alone.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import eventx
from eventx.cli.scorer_options import add_scorer_options, scorer_argument


def _sample_documents(folder: Path, count: int, seed: int) -> list[dict[str, Any]]:
    """``count`` documents drawn at random from all ``*.jsonl`` files of ``folder``."""
    documents = []
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            documents.extend(json.loads(line) for line in lines if line.strip())
    return random.Random(seed).sample(documents, min(count, len(documents)))


def _arguments(event: dict[str, Any]) -> dict[str, Any]:
    """The type-specific fields of an event, actors shown by text and country."""
    skip = {"type", "trigger", "sentence", "status", "confidence", "extractor"}
    shown: dict[str, Any] = {}
    for key, value in event.items():
        if key in skip or value in (None, [], ()):
            continue
        if isinstance(value, dict) and "text" in value:
            value = f"{value['text']} ({value.get('country') or value.get('value') or '-'})"
        elif isinstance(value, list):
            value = [f"{v['text']} ({v.get('country') or '-'})" if isinstance(v, dict) else v
                     for v in value]
        shown[key] = value
    return shown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus-dir", type=Path, required=True)
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, required=True, help="where the sample is written")
    parser.add_argument("--per-type", type=int, default=0,
                        help="also write up to this many random events of each type, for "
                             "per-type precision on rare types, to OUT with '.by-type' added")
    add_scorer_options(parser)
    args = parser.parse_args(argv)

    documents = _sample_documents(args.corpus_dir, args.documents, args.seed)
    pipeline = eventx.Pipeline(entry_points=False,  # the built-in types alone
                               scorer=scorer_argument(args), min_confidence=args.min_confidence)
    found: list[dict[str, Any]] = []
    inputs = [{"id": d["id"], "text": d["text"], "date": d.get("date")} for d in documents]
    texts = {d["id"]: d["text"] for d in documents}
    for result in pipeline.pipe(inputs):
        text = texts[result.id]
        for event in result.events:
            data = event.to_dict()
            found.append({"doc": result.id, "type": data["type"], "status": data["status"],
                          "trigger": data["trigger"]["text"],
                          "sentence": " ".join(text[data["sentence"]["start"]:
                                                    data["sentence"]["end"]].split()),
                          "arguments": _arguments(data)})
    per_thousand = 1000 / max(1, len(documents))
    print(f"{len(documents)} documents, {len(found)} events "
          f"({len(found) * per_thousand:.1f} per 1,000 documents)")
    for label, key in (("type", "type"), ("status", "status")):
        counts = Counter(event[key] for event in found)
        print(f"\nper 1,000 documents, by {label}:")
        for value, count in sorted(counts.items()):
            print(f"  {value:<16} {count * per_thousand:7.1f}  ({count})")
    sample = random.Random(args.seed).sample(found, min(args.sample, len(found)))
    with args.out.open("w", encoding="utf-8") as out:
        for n, event in enumerate(sample, 1):
            out.write(json.dumps({"n": n, **event}, ensure_ascii=False) + "\n")
    print(f"\n{len(sample)} events written to {args.out} for judging", file=sys.stderr)
    if args.per_type:
        rng = random.Random(args.seed)
        by_type = [event for kind in sorted({e["type"] for e in found})
                   for event in rng.sample([e for e in found if e["type"] == kind],
                                           min(args.per_type, sum(e["type"] == kind
                                                                  for e in found)))]
        path = args.out.with_suffix(".by-type" + args.out.suffix)
        with path.open("w", encoding="utf-8") as out:
            for n, event in enumerate(by_type, 1):
                out.write(json.dumps({"n": n, **event}, ensure_ascii=False) + "\n")
        print(f"{len(by_type)} events by type written to {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
