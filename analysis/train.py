"""Train the package's models from the team's shared data: ``python -m analysis.train WHICH``.

``make train`` runs it for every model. Each model is written into ``analysis/models/``
(package data) as a byte-stable file: the same data gives the same bytes. The data is read from
``$ANALYSIS_SHARED_DATA`` or ``../shared/data`` beside the project; when it is absent the
command says so and exits with code 2, and the shipped models stay as they are. Training needs
scikit-learn (``pip install ".[train]"``), which parsing does not.

- ``attributions``: the attribution model (:mod:`analysis.attribution_model`) from PolNeAR's
  training split, ``polnear/train`` (text and BRAT annotations; the first annotator's file of
  each article, as the benchmark scores).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from analysis.articles import make_article_row
from analysis.attribution_model import (
    MODEL_FILE,
    TrainingArticle,
    model_path,
    train_attribution_model,
    write_model,
)
from analysis.brat import read_brat
from analysis.quotes import find_quotes
from analysis.segment import body_sentence_spans, default_segmenter, sentence_columns

EXIT_NO_DATA = 2


def shared_data() -> Path:
    """``$ANALYSIS_SHARED_DATA``, else ``../shared/data`` beside the project."""
    configured = os.environ.get("ANALYSIS_SHARED_DATA")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def read_text(path: Path) -> str:
    """A text as annotated: UTF-8 without newline translation."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def polnear_articles(split: Path) -> list[TrainingArticle]:
    """The annotated articles of a PolNeAR split folder (``text/*.txt``, ``attributions/*.ann``),
    sorted by name, each with its first annotator's cues, segmented as the pipeline does."""
    annotations: dict[str, list[Path]] = {}
    for ann in sorted((split / "attributions").glob("*.ann")):
        annotations.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
    articles = []
    segmenter = default_segmenter()
    for text_file in sorted((split / "text").glob("*.txt")):
        if text_file.stem not in annotations:
            continue
        text = read_text(text_file)
        gold = read_brat(annotations[text_file.stem][0], text=text)
        row = make_article_row({"article_id": text_file.stem, "text": text}, words=False)
        sentences = body_sentence_spans(sentence_columns(row, segmenter))
        cues = [
            (int(start), int(end))
            for start, end in zip(gold["cue_start"], gold["cue_end"], strict=True)
            if start is not None and start == start
        ]
        articles.append(TrainingArticle(text, sentences, find_quotes(text), cues))
    return articles


def _train_attributions(out: Path | None) -> int:
    split = shared_data() / "polnear" / "train"
    if not (split / "text").is_dir():
        print(
            f"no training data: {split} is not here (PolNeAR's training split, from the "
            "team's shared data); the shipped model is left as it is",
            file=sys.stderr,
        )
        return EXIT_NO_DATA
    started = time.perf_counter()
    articles = polnear_articles(split)
    data = train_attribution_model(articles)
    target = out or model_path()
    write_model(data, target)
    print(
        f"attributions: trained on {len(articles)} articles of {split} in "
        f"{time.perf_counter() - started:.0f} s: {len(data['vocabulary'])} vocabulary words, "
        f"{sum(len(data[k]['weights']) for k in ('cue', 'left', 'right')):,} weights -> {target}"
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m analysis.train", description=__doc__)
    parser.add_argument("which", choices=("attributions", "all"), help="the model to train")
    parser.add_argument(
        "--out", type=Path, default=None, help=f"write here instead of analysis/models/{MODEL_FILE}"
    )
    args = parser.parse_args(argv)
    return _train_attributions(args.out)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
