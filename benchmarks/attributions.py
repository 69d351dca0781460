"""Attribution precision, recall and F1 per role (Source, Cue, Content) against PolNeAR.

Gold: ``polnear/<split>/text/<stem>.txt`` with ``attributions/<stem>_<annotator>.ann`` (BRAT
standoff, read with :func:`analysis.brat.read_brat`). When several annotators annotated an
article, the first ``.ann`` file in sorted order is the gold (one annotation per article, so
that no article counts twice); articles without any ``.ann`` file are left out.

Floating attributions (``is_floating``: a paragraph that is only a quotation, given to the
speaker of the quotation before it) have no cue, and PolNeAR annotates only attributions with a
cue: the table leaves them out, and a line after it gives the F1 with them counted in.

Predictions: the ``attributions`` table of :func:`analysis.parse` run on the split's texts
(given as a DataFrame of ``id`` and ``text``, read without newline translation, so that
``--limit`` parses only the articles scored; the ids are the file stems, as for the folder).

Scoring, per role: each attribution gives one span per role it has (a source shared by two
attributions counts twice). A span is a tuple of ``(start, end)`` pieces: every piece for
Content (``content_spans``), the outer ``start``/``end`` for Source and Cue (the predictions
have only those). Each piece is stripped of surrounding whitespace on both sides. Exact: the
same pieces. Overlap: at least one character in common, matched one to one (exact pairs first,
then greedily by the number of shared characters). Micro precision, recall and F1 over all
articles.

Cross-validation (``--cv K``): the training split dealt into K folds by the articles' sorted
index (article ``i`` in fold ``i % K``); for each fold a model is trained by
:func:`analysis.attribution_model.train_attribution_model` on the other folds (as ``make
train`` trains on the whole split) and parses the fold's articles; the table scores every
article of the split, each by the model that did not see it. Needs scikit-learn (``pip install
".[train]"``); about 40 s per fold on the development machine. The rules' figures on the
training split are not held out: they were written by error analysis on it.

Run: ``python benchmarks/attributions.py [--split dev|train|both] [--limit N] [--errors N]
[--attribution model|rules|both] [--cv K]`` (``make bench`` runs it with the dev split, both
methods: the trained model, ``analysis.parse``'s default, and the rules alone). ``--errors N``
prints, per role, up to N spans missed (no predicted span overlaps them), N spurious (overlap
no gold span) and N with wrong boundaries (overlap but do not match exactly), in context.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pandas as pd  # noqa: E402
from _shared import require  # noqa: E402

import analysis  # noqa: E402
from analysis.brat import read_brat  # noqa: E402
from analysis.validation import ROLES, Span, score_role, spans_by_article  # noqa: E402


def gold_files(
    split_dir: Path, limit: int | None = None
) -> tuple[list[tuple[str, Path, Path]], int]:
    """``(article_id, text file, gold .ann file)`` per annotated article, sorted; and the number
    of texts left out for having no ``.ann`` file."""
    annotations: dict[str, list[Path]] = defaultdict(list)
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        annotations[ann.stem.rsplit("_", 1)[0]].append(ann)
    chosen, unannotated = [], 0
    for text_file in sorted((split_dir / "text").glob("*.txt")):
        if annotations.get(text_file.stem):
            chosen.append((text_file.stem, text_file, annotations[text_file.stem][0]))
        else:
            unannotated += 1
    return (chosen[:limit] if limit is not None else chosen), unannotated


def read_text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def load_gold(files: list[tuple[str, Path, Path]], texts: Mapping[str, str]) -> pd.DataFrame:
    """The gold attributions of ``files``, with ``article_id`` the text's stem."""
    frames = []
    for article_id, _, ann in files:
        frame = read_brat(ann, text=texts[article_id])
        frame["article_id"] = article_id
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def format_table(scores: Mapping[str, Mapping[str, Any]]) -> str:
    """The score table, one line per role."""
    lines = [
        f"{'role':8} {'exact P':>8} {'R':>6} {'F1':>6}   {'overlap P':>9} {'R':>6} {'F1':>6}"
        f"   {'gold':>6} {'predicted':>9}"
    ]
    for role, score in scores.items():
        lines.append(
            f"{role.capitalize():8} {score['exact_precision']:8.3f} {score['exact_recall']:6.3f} "
            f"{score['exact_f1']:6.3f}   {score['overlap_precision']:9.3f} "
            f"{score['overlap_recall']:6.3f} {score['overlap_f1']:6.3f}   "
            f"{score['gold']:6d} {score['predicted']:9d}"
        )
    return "\n".join(lines)


def in_context(text: str, span: Span, width: int = 40) -> str:
    """The span between ``[[`` and ``]]`` (pieces joined by `` … ``), with text around it."""
    start, end = span[0][0], span[-1][1]
    inside = " … ".join(text[a:b] for a, b in span)
    shown = f"{text[max(0, start - width) : start]}[[{inside}]]{text[end : end + width]}"
    return re.sub(r"\s+", " ", shown)


def print_errors(role: str, score: Mapping[str, Any], texts: Mapping[str, str], n: int) -> None:
    sampler = random.Random(0)  # a fixed sample, so that runs can be compared
    for kind in ("missed", "spurious", "boundary"):
        errors = score[kind]
        if not errors:
            continue
        shown = sorted(sampler.sample(errors, min(n, len(errors))))
        print(f"  {role.capitalize()}: {len(shown)} of {len(errors)} {kind}")
        for error in shown:
            article_id, text = error[0], texts[error[0]]
            if kind == "boundary":
                print(f"    {article_id}: gold      {in_context(text, error[1])}")
                print(f"    {' ' * len(article_id)}  predicted {in_context(text, error[2])}")
            else:
                print(f"    {article_id}: {in_context(text, error[1])}")


def score_roles(
    gold: pd.DataFrame, predicted: pd.DataFrame, texts: Mapping[str, str]
) -> dict[str, dict[str, Any]]:
    """:func:`analysis.validation.score_role` of every role, predicted against gold."""
    return {
        role: score_role(
            spans_by_article(gold, role, texts), spans_by_article(predicted, role, texts)
        )
        for role in ROLES
    }


def _floating(table: pd.DataFrame) -> pd.Series:
    """Which rows of an attributions table are floating (no cue; PolNeAR annotates none)."""
    return table["is_floating"].fillna(False).astype(bool)


def run(split: str, limit: int | None, show_errors: int, methods: list[str]) -> None:
    split_dir = require(f"polnear/{split}")
    files, unannotated = gold_files(split_dir, limit)
    if not files:
        print(f"skipped: no annotated articles in {split_dir} (nothing measured)")
        return
    texts = {article_id: read_text(text_file) for article_id, text_file, _ in files}
    gold = load_gold(files, texts)
    left_out = f", {unannotated} without annotation left out" if unannotated else ""
    print(f"split {split}: {len(files)} articles{left_out}")
    for method in methods:
        started = time.perf_counter()
        parsed = analysis.parse(
            pd.DataFrame({"id": list(texts), "text": list(texts.values())}), attribution=method
        )
        seconds = time.perf_counter() - started
        predicted = parsed["attributions"]
        print(
            f"attribution={method}: parsed in {seconds:.1f} s "
            f"({len(files) / seconds if seconds else 0.0:.1f} articles/s)"
        )
        # PolNeAR annotates attributions that have a cue. A floating attribution (a paragraph
        # that is only a quotation, given to the speaker of the quotation before it) has none,
        # so it is scored separately: the table leaves it out, the line after it counts it in.
        floating = _floating(predicted)
        scores = score_roles(gold, predicted[~floating], texts)
        print(format_table(scores))
        with_floating = score_roles(gold, predicted, texts)
        print(
            f"with the {int(floating.sum())} floating attributions (no cue) counted too: exact F1 "
            + ", ".join(
                f"{role.capitalize()} {with_floating[role]['exact_f1']:.3f}" for role in ROLES
            )
        )
        if show_errors:
            for role, score in scores.items():
                print_errors(role, score, texts, show_errors)


def cross_validate(folds: int) -> None:
    """Print the model's exact and overlap figures on PolNeAR train, each article parsed by a
    model trained on the other ``folds - 1`` folds."""
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print(
            "skipped --cv: scikit-learn is not installed (pip install '.[train]'); nothing measured"
        )
        return
    import tempfile

    from analysis.articles import iter_records
    from analysis.attribution_model import train_attribution_model, write_model
    from analysis.pipeline import Methods, parse_records
    from analysis.train import polnear_articles

    split_dir = require("polnear/train")
    files, _ = gold_files(split_dir)
    articles = polnear_articles(split_dir)
    texts = {article_id: read_text(text_file) for article_id, text_file, _ in files}
    if [article.text for article in articles] != list(texts.values()):
        raise SystemExit("the training articles and the gold files are not the same articles")
    gold = load_gold(files, texts)
    print(f"split train, {folds}-fold cross-validation: {len(files)} articles")
    started = time.perf_counter()
    predicted = []
    with tempfile.TemporaryDirectory() as folder:
        for fold in range(folds):
            model = train_attribution_model(
                [article for i, article in enumerate(articles) if i % folds != fold]
            )
            path = Path(folder) / f"fold{fold}.json"
            write_model(model, path)
            held_out = [article_id for i, article_id in enumerate(texts) if i % folds == fold]
            frame = pd.DataFrame({"id": held_out, "text": [texts[a] for a in held_out]})
            methods = Methods(attribution="model", attribution_file=str(path))
            predicted.append(parse_records(iter_records(frame), methods=methods)["attributions"])
            print(f"  fold {fold + 1} of {folds}: {len(held_out)} articles held out", flush=True)
    table = pd.concat(predicted, ignore_index=True)
    scores = score_roles(gold, table[~_floating(table)], texts)
    print(f"attribution=model, out-of-fold ({time.perf_counter() - started:.0f} s):")
    print(format_table(scores))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "train", "both"), default="dev")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    parser.add_argument(
        "--errors", type=int, default=0, help="print N errors of each kind per role"
    )
    parser.add_argument(
        "--attribution",
        choices=(*analysis.ATTRIBUTION_METHODS, "both"),
        default="both",
        help="how attributions are found (default: both, one after the other)",
    )
    parser.add_argument(
        "--cv",
        type=int,
        default=None,
        metavar="K",
        help="instead: K-fold cross-validation of the model on the training split",
    )
    args = parser.parse_args()
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    if args.cv is not None:
        if args.cv < 2:
            parser.error("--cv must be at least 2")
        cross_validate(args.cv)
        return
    for split in ("dev", "train") if args.split == "both" else (args.split,):
        methods = (
            list(analysis.ATTRIBUTION_METHODS) if args.attribution == "both" else [args.attribution]
        )
        run(split, args.limit, args.errors, methods)


if __name__ == "__main__":
    main()
