"""Sentence-boundary F1 against the gold sentences of the Szeged uncertainty corpus.

Each document's gold sentences are written back as running text joined by single spaces; the
boundaries scored are those after sentences that end in punctuation (``.``, ``!``, ``?``, maybe
followed by closing quotes or brackets), on both sides. The document's end is not a boundary.

Run: ``python benchmarks/sentences.py [--errors N]`` (``make bench`` runs it). Prints figures for
FactBank news (``factbank_dev.jsonl``) and, as a check on another genre, Wikipedia
(``wiki_dev.jsonl``), with the lexicon-only segmenter (the default) and with Punkt also trained
on the benchmark's own texts (``parse(..., train_segmenter=True)``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _shared import require  # noqa: E402

from analysis.segment import Segmenter, default_segmenter, sentence_spans  # noqa: E402

ENDS_IN_PUNCTUATION = re.compile(r"[.!?][\"'”’)\]]*$")


def documents(path: Path) -> list[tuple[str, str, set[int]]]:
    """(doc_id, running text, gold boundary offsets) per document, in file order."""
    sentences = defaultdict(list)
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            sentences[row["doc_id"]].append(row["text"].strip())
    docs = []
    for doc_id, texts in sentences.items():
        texts = [t for t in texts if t]
        gold, offset = set(), 0
        for i, sentence in enumerate(texts):
            offset += len(sentence)
            if i < len(texts) - 1 and ENDS_IN_PUNCTUATION.search(sentence):
                gold.add(offset)
            offset += 1
        docs.append((doc_id, " ".join(texts), gold))
    return docs


def predicted(text: str, segmenter: Segmenter) -> set[int]:
    spans = sentence_spans(text, segmenter, parts=())
    return {s.end for s in spans[:-1] if ENDS_IN_PUNCTUATION.search(text[s.start : s.end])}


def score(docs, segmenter: Segmenter, show_errors: int = 0) -> dict[str, float]:
    tp = fp = fn = 0
    errors = []
    for doc_id, text, gold in docs:
        guess = predicted(text, segmenter)
        tp += len(gold & guess)
        for kind, offsets in (("missed", gold - guess), ("spurious", guess - gold)):
            for offset in sorted(offsets):
                errors.append((kind, doc_id, text[max(0, offset - 50) : offset + 40]))
        fp += len(guess - gold)
        fn += len(gold - guess)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    for kind, doc_id, context in errors[:show_errors]:
        print(f"    {kind:8} {doc_id}: {context!r}")
    return {
        "boundaries": tp + fn,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", type=int, default=0, help="print this many errors per run")
    args = parser.parse_args()
    for name in ("factbank_dev.jsonl", "wiki_dev.jsonl"):
        docs = documents(require(f"uncertainty/{name}"))
        for label, make in (
            ("lexicon (default)", default_segmenter),
            ("trained on corpus", lambda docs=docs: Segmenter.trained(t for _, t, _ in docs)),
        ):
            started = time.perf_counter()
            result = score(docs, make(), args.errors)
            seconds = time.perf_counter() - started
            print(
                f"{name:20} {label:18} docs={len(docs):4} boundaries={result['boundaries']:5} "
                f"P={result['precision']:.4f} R={result['recall']:.4f} F1={result['f1']:.4f} "
                f"(fp={result['fp']}, fn={result['fn']}, {seconds:.1f}s)"
            )


if __name__ == "__main__":
    main()
