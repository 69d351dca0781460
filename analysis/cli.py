"""Command line: ``python -m analysis parse INPUT... --out DIR [--workers N] [--format csv]``.

The corpus is parsed in batches (:func:`analysis.parse_corpus`) across worker processes and
each table is written as a dataset folder of part files, ``DIR/<table>/part-NNNNN.parquet``;
rerunning into the same ``DIR`` resumes an interrupted run.

Exit codes: 0 the run completed (whatever individual articles did: their ``status`` says);
1 with ``--strict``, an article failed (the run stops there); 2 usage errors, missing inputs,
or an output folder holding files this tool did not write (without ``--overwrite``).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from analysis.attribution import ATTRIBUTION_METHODS
from analysis.attribution_model import ModelUnavailable
from analysis.brat import write_brat
from analysis.corpus import DEFAULT_BATCH_SIZE, ArticleFailed, parse_corpus
from analysis.hedging import HEDGE_METHODS
from analysis.tables import read_table_part

EXIT_OK = 0
EXIT_FAILED = 1
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
        "--attribution",
        choices=ATTRIBUTION_METHODS,
        default=ATTRIBUTION_METHODS[0],
        help=f"how attributions are found (default: {ATTRIBUTION_METHODS[0]})",
    )
    parse.add_argument(
        "--hedges",
        choices=HEDGE_METHODS,
        default=HEDGE_METHODS[0],
        help=f"how hedges are found (default: {HEDGE_METHODS[0]})",
    )
    parse.add_argument(
        "--brat",
        metavar="DIR",
        help="also write the attributions as BRAT standoff (<article_id>.ann and .txt) into DIR",
    )
    parse.add_argument(
        "--workers",
        type=_positive,
        default=None,
        metavar="N",
        help=f"worker processes (default: all cores, here {os.cpu_count() or 1})",
    )
    parse.add_argument(
        "--batch-size",
        type=_positive,
        default=None,
        metavar="N",
        help=f"articles per batch and per part file (default: {DEFAULT_BATCH_SIZE})",
    )
    parse.add_argument(
        "--strict",
        action="store_true",
        help="stop at the first article that fails, with exit code 1 (default: record it in "
        "articles.status and go on)",
    )
    parse.add_argument(
        "--overwrite",
        action="store_true",
        help="write into --out even if it holds files this tool did not write (they are "
        "never deleted)",
    )
    parse.add_argument(
        "--excel-safe",
        action="store_true",
        help="with --format csv: prefix cells starting with = + - @ with an apostrophe so "
        "spreadsheets do not run them as formulas (this changes the text)",
    )
    parse.add_argument("--quiet", action="store_true", help="no progress bar")
    return parser


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer, not {value!r}")
    return number


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
    if args.excel_safe and args.format != "csv":
        print("error: --excel-safe applies to --format csv only", file=sys.stderr)
        return EXIT_USAGE
    try:
        summary = parse_corpus(
            paths,
            out,
            workers=args.workers,
            batch_size=args.batch_size or DEFAULT_BATCH_SIZE,
            format=args.format,
            progress=not args.quiet,
            total=None if args.quiet else _count_inputs(paths),  # for the progress bar only
            train_segmenter=args.train_segmenter,
            overwrite=args.overwrite,
            strict=args.strict,
            excel_safe=args.excel_safe,
            attribution=args.attribution,
            hedges=args.hedges,
        )
    except ArticleFailed as error:
        print(f"error: {error} (--strict: stopped; batches before it are written)", file=sys.stderr)
        return EXIT_FAILED
    except ModelUnavailable as error:  # a trained model is missing: say which and what to do
        print(
            f"error: {error}".replace('attribution="rules"', "--attribution rules"), file=sys.stderr
        )
        return EXIT_USAGE
    except FileExistsError as error:
        print(
            f"error: {error}".replace("overwrite=True (CLI: --overwrite)", "--overwrite"),
            file=sys.stderr,
        )
        return EXIT_USAGE
    except ValueError as error:  # a whole input is unusable (no text column, duplicate ids)
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    if not summary.articles:
        print(f"error: no articles found in {', '.join(args.inputs)}", file=sys.stderr)
        return EXIT_USAGE
    if args.brat:
        _write_brat_by_batch(out, args.brat)
    statuses, rows = summary.statuses, summary.rows
    print(
        f"{_count(summary.articles, 'article')} ({statuses['ok']:,} ok, "
        f"{statuses['empty']:,} empty, {statuses['error']:,} failed), "
        f"{_count(rows['sentences'], 'sentence')}, {_count(rows['quotes'], 'quote')}, "
        f"{_count(rows['attributions'], 'attribution')}, {_count(rows['hedges'], 'hedge')} "
        f"in {summary.seconds:.1f} s -> {out}/"
    )
    return EXIT_OK


def _write_brat_by_batch(out: Path, brat: str) -> None:
    """BRAT files for every article, one batch at a time (memory stays that of one batch)."""
    for part in sorted((out / "articles").glob("part-*")):
        articles = read_table_part(part, "articles", columns=["article_id", "text", "status"])
        attributions = read_table_part(out / "attributions" / part.name, "attributions")
        write_brat(attributions, articles, brat)


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m analysis``; returns the exit code."""
    if argv is None:  # run as a program (not called from Python, whose objects we leave alone)
        # What is imported by now lives as long as the process: the garbage collector need
        # not walk it again in each full collection (one walk took 0.07 s in a BBC run).
        gc.freeze()
    args = _parser().parse_args(argv)
    if args.command == "parse":
        return _run_parse(args)
    return EXIT_USAGE  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
