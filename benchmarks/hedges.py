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

Run: ``python benchmarks/hedges.py [--errors N] [--categories]`` (``make bench`` runs it).
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _shared import require  # noqa: E402

import analysis  # noqa: E402
from analysis.hedging import UNCERTAINTY_CATEGORIES  # noqa: E402

SEPARATOR = "\n\n"


def documents(path: Path) -> list[dict]:
    """Per document: id, text, sentence starts, gold flags and gold cue spans (doc offsets)."""
    rows = defaultdict(list)
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            rows[row["doc_id"]].append(row)
    docs = []
    for doc_id, sentences in rows.items():
        starts, flags, cues, offset = [], [], [], 0
        for sentence in sentences:
            starts.append(offset)
            flags.append(bool(sentence["uncertain"]))
            cues.append([(offset + c["start"], offset + c["end"]) for c in sentence["cues"]])
            offset += len(sentence["text"]) + len(SEPARATOR)
        text = SEPARATOR.join(s["text"] for s in sentences)
        docs.append(
            {"doc_id": doc_id, "text": text, "starts": starts, "flags": flags, "cues": cues}
        )
    return docs


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if tp else 0.0)


def score(docs: list[dict], show_errors: int = 0, categories: bool = False) -> dict:
    frame = pd.DataFrame(
        {"article_id": [d["doc_id"] for d in docs], "text": [d["text"] for d in docs]}
    )
    started = time.perf_counter()
    parsed = analysis.parse(frame)
    seconds = time.perf_counter() - started
    hedges = parsed.hedges[parsed.hedges["category"].isin(UNCERTAINTY_CATEGORIES)]
    by_doc = {key: group for key, group in hedges.groupby("article_id", sort=False)}
    s_tp = s_fp = s_fn = c_tp = c_fp = c_fn = 0
    matched_by_category: Counter = Counter()
    predicted_by_category: Counter = Counter()
    matched_by_cue: Counter = Counter()
    predicted_by_cue: Counter = Counter()
    errors: list[str] = []
    for doc in docs:
        group = by_doc.get(doc["doc_id"])
        predicted = [[] for _ in doc["starts"]]
        if group is not None:
            columns = (group["start"], group["end"], group["category"])
            for start, end, category in zip(*columns, strict=True):
                index = bisect.bisect_right(doc["starts"], start) - 1
                predicted[index].append((int(start), int(end), category))
        for index, (flag, gold) in enumerate(zip(doc["flags"], doc["cues"], strict=True)):
            guess = predicted[index]
            s_tp += flag and bool(guess)
            s_fp += (not flag) and bool(guess)
            s_fn += flag and not guess
            used = set()
            for start, end, category in guess:
                predicted_by_category[category] += 1
                cue = " ".join(doc["text"][start:end].lower().split())
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
        "seconds": seconds,
    }


def _context(doc: dict, start: int, end: int) -> str:
    text = doc["text"]
    before = text[max(0, start - 50) : start].replace("\n", " ")
    after = text[end : end + 40].replace("\n", " ")
    return f"{doc['doc_id']}: …{before}[[{text[start:end]}]]{after}…"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", type=int, default=0, help="print this many cue errors")
    parser.add_argument("--categories", action="store_true", help="matches by category")
    parser.add_argument("--only", choices=("factbank", "wiki"), help="one corpus only")
    args = parser.parse_args()
    for name in ("factbank_dev.jsonl", "wiki_dev.jsonl"):
        if args.only and not name.startswith(args.only):
            continue
        docs = documents(require(f"uncertainty/{name}"))
        result = score(docs, args.errors, args.categories)
        sp, sr, sf = result["sentence"]
        cp, cr, cf = result["cue"]
        print(
            f"{name:19} docs={len(docs):5} uncertain sentences={result['sentences']:5} "
            f"sentence P={sp:.3f} R={sr:.3f} F1={sf:.3f} | cues={result['cues']:5} "
            f"cue P={cp:.3f} R={cr:.3f} F1={cf:.3f} ({result['seconds']:.1f}s)"
        )


if __name__ == "__main__":
    main()
