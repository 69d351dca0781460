"""Command line: ``python -m analysis parse INPUT... --out DIR [--workers N] [--format csv]``,
``python -m analysis sample INPUT --n N --out DIR`` and ``python -m analysis score GOLD PRED``.

The corpus is parsed in batches (:func:`analysis.parse_corpus`) across worker processes and
each table is written as a dataset folder of part files, ``DIR/<table>/part-NNNNN.parquet``;
rerunning into the same ``DIR`` resumes an interrupted run.

Exit codes: 0 the run completed (whatever individual articles did: their ``status`` says);
1 with ``--strict``, an article failed (the run stops there); 2 usage errors, missing inputs,
or an output folder holding files this tool did not write (without ``--overwrite``).

``sample`` and ``score`` are the validation workflow of :mod:`analysis.validation`: ``sample``
writes a random sample as a brat folder to hand-code; ``score`` prints the tool's precision,
recall and F1 against the coding, problems in the brat files as warnings on stderr. Both exit
with 2 on usage errors (missing paths, an output folder that is not empty, no article in
common).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from analysis.attribution import ATTRIBUTION_METHODS
from analysis.attribution_model import ModelUnavailable
from analysis.brat import BratWarning, write_brat
from analysis.corpus import DEFAULT_BATCH_SIZE, ArticleFailed, parse_corpus
from analysis.hedging import HEDGE_METHODS
from analysis.tables import read_table_part
from analysis.validation import (
    format_scores,
    sample_for_coding,
    score_attributions,
    score_hedges,
    score_quotes,
)

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
    _add_validation_commands(commands)
    return parser


def _add_validation_commands(commands: argparse._SubParsersAction) -> None:
    sample = commands.add_parser(
        "sample",
        help="draw a random sample of articles and write it as a brat folder to hand-code",
        description=(
            "Draw a reproducible random sample of INPUT's articles and write it into --out as a "
            "brat folder: each text with an empty .ann file (or the tool's output, with "
            "--with-predictions), annotation.conf, visual.conf and sample.csv."
        ),
    )
    sample.add_argument(
        "input", metavar="INPUT", help="a corpus (as for parse) or a parse output folder"
    )
    sample.add_argument("--n", type=_positive, required=True, metavar="N", help="articles to draw")
    sample.add_argument(
        "--by", metavar="COLUMN", help="stratify by this column of the articles table (outlet)"
    )
    sample.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    sample.add_argument("--out", required=True, metavar="DIR", help="a new or empty folder")
    sample.add_argument(
        "--with-predictions",
        action="store_true",
        help="pre-fill the .ann files with the tool's output, to correct rather than code blind",
    )
    score = commands.add_parser(
        "score",
        help="score the tool (or a coder) against a hand coding in brat",
        description=(
            "Print precision, recall and F1 (micro, with 95% bootstrap intervals over "
            "articles, and macro) of PRED against the hand coding in GOLD_DIR, per role "
            "(Source, Cue, Content) under exact and overlap matching."
        ),
    )
    score.add_argument("gold", metavar="GOLD_DIR", help="the hand coding: a brat folder")
    score.add_argument(
        "predicted", metavar="PRED", help="a parse output folder, or another brat folder"
    )
    score.add_argument("--quotes", action="store_true", help="also score quotations (Quote spans)")
    score.add_argument("--hedges", action="store_true", help="also score hedges (Hedge spans)")
    score.add_argument("--seed", type=int, default=0, help="bootstrap seed (default: 0)")
    score.add_argument(
        "--n-boot", type=_positive, default=1000, metavar="N", help="bootstrap resamples (1000)"
    )
    score.add_argument("--csv", metavar="FILE", help="also write the score table as CSV")


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


def _run_sample(args: argparse.Namespace) -> int:
    try:
        sample = sample_for_coding(
            args.input,
            args.n,
            by=args.by,
            seed=args.seed,
            out=args.out,
            with_predictions=args.with_predictions,
        )
    except (ValueError, FileExistsError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    strata = sample["stratum"].nunique()
    by = f" from {strata} {args.by} strat{'um' if strata == 1 else 'a'}" if args.by else ""
    print(
        f"{_count(len(sample), 'article')}{by} written to {args.out}/ (seed {args.seed}); "
        "copy the folder into brat's data/ folder to code it"
    )
    return EXIT_OK


def _run_score(args: argparse.Namespace) -> int:
    missing = [path for path in (args.gold, args.predicted) if not Path(path).exists()]
    if missing:
        print(f"error: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    scorers = [score_attributions]
    scorers += [score_quotes] if args.quotes else []
    scorers += [score_hedges] if args.hedges else []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", BratWarning)
        try:
            tables = [
                scorer(args.gold, args.predicted, n_boot=args.n_boot, seed=args.seed)
                for scorer in scorers
            ]
        except ValueError as error:
            print(f"error: {error}", file=sys.stderr)
            return EXIT_USAGE
    # Each scorer reads the files again: say each problem once.
    for message in dict.fromkeys(str(warning.message) for warning in caught):
        print(f"warning: {message}", file=sys.stderr)
    table = pd.concat(tables, ignore_index=True)
    print(format_scores(table))
    if args.csv:
        table.to_csv(args.csv, index=False, lineterminator="\n")
    return EXIT_OK


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
    if args.command == "sample":
        return _run_sample(args)
    if args.command == "score":
        return _run_score(args)
    return EXIT_USAGE  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
