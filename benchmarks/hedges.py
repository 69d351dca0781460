"""Hedge detection against the Szeged Uncertainty Corpus (FactBank news and Wikipedia).

Each document's gold sentences are put in one text, one sentence per paragraph, and parsed by
``analysis.parse``. A sentence counts as uncertain when it holds a hedge whose category is one
of ``analysis.hedging.UNCERTAINTY_CATEGORIES`` (modal, probability, evidential, belief,
conditional, investigation, forecast, hearsay, verification): the Szeged scheme does not mark
approximators, boosters, distancing or unnamed sources. Printed per corpus:

- sentence level: precision, recall and F1 of "uncertain" against the gold flag;
- cue level: precision, recall and F1 of predicted cue spans against the gold cue spans, a
  match being an overlap, one-to-one (each gold cue and each predicted cue used once);
- with ``--categories``, how many predicted cues of each category matched a gold cue, and
  the cue words with the most unmatched predictions.

Methods (``--method``, default ``both``): ``rules``; and the trained model twice: as shipped,
which was trained on these very files (in-sample, so not an estimate of accuracy), and by
document-grouped cross-validation, where each fold's documents are found by a model trained,
with its setting selected, on the other folds only (``analysis.train.cross_validation_models``;
about 20 s). The news part is small (129 documents), so its cross-validated figures move by
about 0.01 with how the documents are dealt into folds: the cross-validation is repeated for
``--dealings`` dealings (default 7: by size, then shuffled by seeds 1 to 6), and the mean over
them, with its range, is the figure to report.

Run: ``python benchmarks/hedges.py [--method rules|model|both] [--errors N] [--categories]
[--dealings N | --shuffle SEED]`` (``make bench`` runs it).
"""

from __future__ import annotations

import argparse
import bisect
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _shared import require  # noqa: E402

import analysis  # noqa: E402
from analysis.hedging import UNCERTAINTY_CATEGORIES, find_hedges  # noqa: E402
from analysis.train import (  # noqa: E402
    UNCERTAINTY_FILES,
    UncertaintyDocument,
    cross_validation_models,
    read_uncertainty,
)


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if tp else 0.0)


def predictions(docs: list[UncertaintyDocument], method: str, models=None) -> tuple[dict, float]:
    """Per document, the predicted uncertainty cues ``(start, end, category)``, and seconds.

    ``method`` is ``rules`` or ``model`` (the shipped model, through ``analysis.parse``), or
    ``cv``: each document's cues found by ``models[document.key]``, a model that never saw it,
    in the body sentences that ``analysis.parse`` finds.
    """
    frame = pd.DataFrame({"article_id": [d.key for d in docs], "text": [d.text for d in docs]})
    started = time.perf_counter()
    parsed = analysis.parse(frame, hedges="rules" if method == "cv" else method)
    by_doc: dict[str, list] = defaultdict(list)
    if method == "cv":
        body = parsed.sentences[parsed.sentences["part"] == "body"]
        spans = {
            key: list(zip(group["start"], group["end"], strict=True))
            for key, group in body.groupby("article_id", sort=False)
        }
        for doc in docs:
            found = find_hedges(doc.text, spans.get(doc.key, []), model=models[doc.key])
            by_doc[doc.key] = [
                (h.start, h.end, h.category) for h in found if h.category in UNCERTAINTY_CATEGORIES
            ]
    else:
        hedges = parsed.hedges[parsed.hedges["category"].isin(UNCERTAINTY_CATEGORIES)]
        columns = (hedges["article_id"], hedges["start"], hedges["end"], hedges["category"])
        for key, start, end, category in zip(*columns, strict=True):
            by_doc[key].append((int(start), int(end), category))
    return by_doc, time.perf_counter() - started


def score(
    docs: list[UncertaintyDocument], by_doc: dict, show_errors: int = 0, categories: bool = False
) -> dict:
    """Sentence-level and cue-level precision, recall and F1 of ``by_doc``'s cues."""
    s_tp = s_fp = s_fn = c_tp = c_fp = c_fn = 0
    matched_by_category: Counter = Counter()
    predicted_by_category: Counter = Counter()
    matched_by_cue: Counter = Counter()
    predicted_by_cue: Counter = Counter()
    errors: list[str] = []
    for doc in docs:
        starts = [start for start, _ in doc.sentences]
        predicted: list[list] = [[] for _ in starts]
        for start, end, category in by_doc.get(doc.key, []):
            predicted[bisect.bisect_right(starts, start) - 1].append((start, end, category))
        for index, (flag, gold) in enumerate(zip(doc.uncertain, doc.cues, strict=True)):
            guess = predicted[index]
            s_tp += flag and bool(guess)
            s_fp += (not flag) and bool(guess)
            s_fn += flag and not guess
            used = set()
            for start, end, category in guess:
                predicted_by_category[category] += 1
                cue = " ".join(doc.text[start:end].lower().split())
                predicted_by_cue[cue] += 1
                hit = next(
                    (
                        j
                        for j, (gs, ge) in enumerate(gold)
                        if j not in used and gs < end and start < ge
                    ),
                    None,
                )
                if hit is None:
                    c_fp += 1
                    errors.append(f"  spurious {category:13} {_context(doc, start, end)}")
                else:
                    used.add(hit)
                    c_tp += 1
                    matched_by_category[category] += 1
                    matched_by_cue[cue] += 1
            for j, (gs, ge) in enumerate(gold):
                if j not in used:
                    c_fn += 1
                    errors.append(f"  missed   {'':13} {_context(doc, gs, ge)}")
    for line in errors[:show_errors]:
        print(line)
    if categories:
        for category, count in predicted_by_category.most_common():
            print(
                f"    {category:14} predicted {count:5}  matched {matched_by_category[category]:5}"
            )
        worst = sorted(predicted_by_cue, key=lambda c: matched_by_cue[c] - predicted_by_cue[c])
        print("    cues with most unmatched predictions (matched/predicted):")
        print(
            "    " + ", ".join(f"{c} {matched_by_cue[c]}/{predicted_by_cue[c]}" for c in worst[:40])
        )
    return {
        "sentences": s_tp + s_fn,
        "sentence": f1(s_tp, s_fp, s_fn),
        "cues": c_tp + c_fn,
        "cue": f1(c_tp, c_fp, c_fn),
    }


def _context(doc: UncertaintyDocument, start: int, end: int) -> str:
    text = doc.text
    before = text[max(0, start - 50) : start].replace("\n", " ")
    after = text[end : end + 40].replace("\n", " ")
    return f"{doc.key}: …{before}[[{text[start:end]}]]{after}…"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--method",
        choices=("rules", "model", "both"),
        default="both",
        help="the context rules, the trained model (shipped and cross-validated), or both",
    )
    parser.add_argument("--errors", type=int, default=0, help="print this many cue errors")
    parser.add_argument("--categories", action="store_true", help="matches by category")
    parser.add_argument("--only", choices=("factbank", "wiki"), help="one corpus only")
    parser.add_argument("--folds", type=int, default=5, help="grouped-CV folds (default 5)")
    parser.add_argument(
        "--shuffle",
        type=int,
        default=None,
        metavar="SEED",
        help="one dealing only: the documents dealt into CV folds in an order shuffled by SEED",
    )
    parser.add_argument(
        "--dealings",
        type=int,
        default=7,
        metavar="N",
        help="repeat the CV over N dealings of the documents into folds (by size, then shuffled "
        "by seeds 1 to N-1) and print the mean; default 7",
    )
    args = parser.parse_args()
    if args.dealings < 1:
        parser.error("--dealings must be at least 1")
    folder = require("uncertainty")
    for name in UNCERTAINTY_FILES.values():
        require(f"uncertainty/{name}")
    documents = read_uncertainty(folder)
    runs = []
    if args.method in ("rules", "both"):
        runs.append(("rules", None, "rules"))
    if args.method in ("model", "both"):
        runs.append(("model", None, "model, shipped (trained on these files: in-sample)"))
        seeds = [args.shuffle] if args.shuffle is not None else [None, *range(1, args.dealings)]
        for seed in seeds:
            dealt = "documents dealt by size" if seed is None else f"folds shuffled by seed {seed}"
            runs.append(("cv", seed, f"model, grouped {args.folds}-fold CV (out-of-fold, {dealt})"))
    models = None
    cv_figures: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for method, seed, label in runs:
        if method == "cv":
            try:
                started = time.perf_counter()
                models = cross_validation_models(documents, folds=args.folds, shuffle=seed)
            except ImportError as error:
                print(f"skipped grouped CV: {error}")
                break
            distinct = {id(m): m for m in models.values()}.values()
            settings = Counter(str(m.info["setting"]) for m in distinct)
            print(
                f"  ({time.perf_counter() - started:.1f} s to train {args.folds} fold models "
                f"with selection inside each; settings chosen: {dict(settings)})"
            )
        by_doc, seconds = predictions(documents, method, models)
        print(f"{label}:")
        for corpus, name in UNCERTAINTY_FILES.items():
            if args.only and corpus != args.only:
                continue
            docs = [d for d in documents if d.corpus == corpus]
            result = score(docs, by_doc, args.errors, args.categories)
            sp, sr, sf = result["sentence"]
            cp, cr, cf = result["cue"]
            print(
                f"  {name:19} docs={len(docs):5} uncertain sentences={result['sentences']:5} "
                f"sentence P={sp:.3f} R={sr:.3f} F1={sf:.3f} | cues={result['cues']:5} "
                f"cue P={cp:.3f} R={cr:.3f} F1={cf:.3f}"
            )
            if method == "cv":
                cv_figures[name].append((sf, cf))
        print(f"  (parsed both files in {seconds:.1f} s)")
    dealings = len(next(iter(cv_figures.values()), []))
    if dealings > 1:
        print(f"model, grouped {args.folds}-fold CV, mean over {dealings} dealings (range):")
        for name, figures in cv_figures.items():
            sentence, cue = ([f[k] for f in figures] for k in (0, 1))
            print(
                f"  {name:19} sentence F1={statistics.mean(sentence):.3f} "
                f"({min(sentence):.3f}-{max(sentence):.3f}) | "
                f"cue F1={statistics.mean(cue):.3f} ({min(cue):.3f}-{max(cue):.3f})"
            )


if __name__ == "__main__":
    main()
