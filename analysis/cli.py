"""Command line: ``python -m analysis parse INPUT... --out DIR [--format parquet|csv]``.

Exit codes: 0 the run completed (whatever individual articles did: their ``status`` says);
2 usage errors and missing inputs.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from analysis.articles import iter_records
from analysis.brat import write_brat
from analysis.pipeline import parse_records

EXIT_OK = 0
EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Parse news articles into tables (articles, sentences, ...).",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    parse = commands.add_parser(
        "parse",
        help="parse a corpus and write one file per table",
        description=(
            "Parse INPUT(s) - .txt files, folders of them, or .jsonl/.csv/.parquet tables with a "
            "'text' column - and write one file per table into --out."
        ),
    )
    parse.add_argument("inputs", nargs="+", metavar="INPUT", help="file or folder to parse")
    parse.add_argument("--out", required=True, metavar="DIR", help="output folder")
    parse.add_argument(
        "--format", choices=("parquet", "csv"), default="parquet", help="default: parquet"
    )
    parse.add_argument(
        "--train-segmenter",
        action="store_true",
        help="also train Punkt on the corpus (reads the whole corpus first)",
    )
    parse.add_argument(
        "--brat",
        metavar="DIR",
        help="also write the attributions as BRAT standoff (<article_id>.ann and .txt) into DIR",
    )
    parse.add_argument("--quiet", action="store_true", help="no progress bar")
    return parser


def _count_inputs(paths: Sequence[Path]) -> int | None:
    """How many articles the inputs hold, when that is cheap to know (files and folders)."""
    total = 0
    for path in paths:
        if path.is_dir():
            total += sum(1 for _ in path.rglob("*.txt"))
        elif path.suffix.lower() in (".jsonl", ".ndjson", ".csv", ".parquet"):
            return None
        else:
            total += 1
    return total


def _run_parse(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.inputs]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"error: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        print(f"error: --out {out} exists and is not a folder", file=sys.stderr)
        return EXIT_USAGE
    started = time.perf_counter()
    records = itertools.chain.from_iterable(iter_records(p) for p in paths)
    try:
        tables = parse_records(
            records,
            progress=not args.quiet,
            total=_count_inputs(paths),
            train_segmenter=args.train_segmenter,
        )
    except ValueError as error:  # a whole input is unusable (no text column, duplicate ids)
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    articles = tables.articles
    if not len(articles):
        print(f"error: no articles found in {', '.join(args.inputs)}", file=sys.stderr)
        return EXIT_USAGE
    tables.to_dir(out, args.format)
    if args.brat:
        write_brat(tables.attributions, articles, args.brat)
    counts = articles["status"].value_counts()
    seconds = time.perf_counter() - started
    print(
        f"{_count(len(articles), 'article')} ({counts.get('ok', 0):,} ok, "
        f"{counts.get('empty', 0):,} empty, {counts.get('error', 0):,} failed), "
        f"{_count(len(tables.sentences), 'sentence')}, {_count(len(tables.quotes), 'quote')}, "
        f"{_count(len(tables.attributions), 'attribution')}, "
        f"{_count(len(tables.hedges), 'hedge')} in {seconds:.1f} s -> {out}/"
    )
    return EXIT_OK


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m analysis``; returns the exit code."""
    args = _parser().parse_args(argv)
    if args.command == "parse":
        return _run_parse(args)
    return EXIT_USAGE  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
