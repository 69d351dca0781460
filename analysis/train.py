"""Rebuild the package's trained models: ``python -m analysis.train attributions|hedges|all``
(``make train`` runs ``all``).

Each sub-command reads its annotated data from the team's shared folder (``../shared/data``
beside the repository, or ``$ANALYSIS_SHARED_DATA``), trains deterministically and writes the
model into ``analysis/models/``; the same data gives the same bytes. The data itself is never
copied into the package: only weights of features are written. Training needs scikit-learn
(``pip install ".[train]"``); parsing does not.

``attributions``: the attribution model (:mod:`analysis.attribution_model`) from PolNeAR's
training split, ``polnear/train`` (texts and BRAT annotations; the first annotator's file of
each article, as the benchmark scores). Exits 2, saying so, when the data is absent.

``hedges``: the hedge classifier (:mod:`analysis.hedge_model`) from the Szeged Uncertainty
Corpus (``uncertainty/factbank_dev.jsonl`` and ``uncertainty/wiki_dev.jsonl``), selected by
document-grouped cross-validation. Exits 2, saying so, when the data is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from analysis.articles import make_article_row
from analysis.attribution import ATTRIBUTION_PARTS
from analysis.attribution_model import (
    TrainingArticle,
    model_path,
    train_attribution_model,
    weight_count,
    write_model,
)
from analysis.brat import read_brat
from analysis.hedge_model import (
    Examples,
    HedgeModel,
    default_model_path,
    group_folds,
    train_hedge_model,
)
from analysis.hedging import hedge_candidates
from analysis.quotes import find_quotes
from analysis.segment import body_sentence_spans, default_segmenter, sentence_columns
from analysis.validation import row_span

__all__ = [
    "UNCERTAINTY_FILES",
    "UncertaintyDocument",
    "cross_validation_models",
    "hedge_examples",
    "main",
    "polnear_articles",
    "read_uncertainty",
    "shared_data_folder",
]

#: The Szeged Uncertainty Corpus files the hedge model is trained on, and their corpus names.
UNCERTAINTY_FILES = {"factbank": "factbank_dev.jsonl", "wiki": "wiki_dev.jsonl"}

#: The corpus whose cross-validated F1 selects the setting and the threshold; None: the mean
#: over both corpora. Wikipedia's annotation marks some cues differently from news'
#: (``possible``, ``until``, narrative ``would``); before the classifier's ``genre`` features
#: told the two kinds of text apart, choosing by the mean gave a model worse than the rules on
#: held-out news, and news alone (``"factbank"``) chose. With them, the mean over both corpora
#: (six times news' candidates) chooses better for both: over seven dealings of the folds,
#: news sentence F1 0.866 -> 0.868, cue 0.830 -> 0.831, Wikipedia sentence 0.852 -> 0.865.
SELECT_ON: str | None = None

#: How a document's sentences are joined into one text (one sentence per paragraph).
SEPARATOR = "\n\n"


@dataclass(frozen=True)
class UncertaintyDocument:
    """One annotated document: its sentences joined by :data:`SEPARATOR`.

    Attributes
    ----------
    key
        ``corpus/doc_id``, unique across corpora.
    corpus
        ``factbank`` or ``wiki``.
    text
        The sentences, one per paragraph.
    sentences
        ``(start, end)`` of each sentence in ``text``.
    uncertain
        The gold flag of each sentence.
    cues
        The gold cue spans of each sentence, as offsets into ``text``.
    """

    key: str
    corpus: str
    text: str
    sentences: list[tuple[int, int]]
    uncertain: list[bool]
    cues: list[list[tuple[int, int]]]


def shared_data_folder() -> Path:
    """``$ANALYSIS_SHARED_DATA``, else ``../shared/data`` beside the repository."""
    configured = os.environ.get("ANALYSIS_SHARED_DATA")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def read_uncertainty(folder: str | Path) -> list[UncertaintyDocument]:
    """The documents of the uncertainty files in ``folder``, in file order.

    Each file has one JSON object per sentence: ``doc_id``, ``text``, ``uncertain`` and
    ``cues`` (``start``, ``end`` in the sentence). A document's sentences are consecutive.

    Raises
    ------
    FileNotFoundError
        When a file is missing, naming it.
    ValueError
        When a line is not such an object, naming the file and line.
    """
    folder = Path(folder)
    documents: list[UncertaintyDocument] = []
    for corpus, name in UNCERTAINTY_FILES.items():
        path = folder / name
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing (the Szeged uncertainty data)")
        rows: dict[str, list[dict]] = {}
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                try:
                    row = json.loads(line)
                    rows.setdefault(str(row["doc_id"]), []).append(row)
                except (ValueError, KeyError, TypeError) as error:
                    raise ValueError(f"{path}:{number}: not a sentence record ({error})") from None
        for doc_id, sentences in rows.items():
            spans, flags, cues, offset = [], [], [], 0
            try:
                for sentence in sentences:
                    spans.append((offset, offset + len(sentence["text"])))
                    flags.append(bool(sentence["uncertain"]))
                    cues.append(
                        [(offset + c["start"], offset + c["end"]) for c in sentence["cues"]]
                    )
                    offset += len(sentence["text"]) + len(SEPARATOR)
            except (KeyError, TypeError) as error:
                raise ValueError(f"{path}: document {doc_id}: bad sentence ({error})") from None
            text = SEPARATOR.join(s["text"] for s in sentences)
            documents.append(
                UncertaintyDocument(f"{corpus}/{doc_id}", corpus, text, spans, flags, cues)
            )
    return documents


def hedge_examples(documents: Sequence[UncertaintyDocument]) -> Examples:
    """The classifier's candidates in ``documents``, labelled: a candidate is a hedge when it
    overlaps a gold cue of its sentence; gold cues that no candidate overlaps are ``missed``.

    Examples
    --------
    >>> text = "Prices may rise. We may meet in May."
    >>> doc = UncertaintyDocument("news/1", "news", text, [(0, 16), (17, 36)],
    ...                           [True, False], [[(7, 10)], []])
    >>> examples = hedge_examples([doc])
    >>> examples.labels, [f[0] for f in examples.features]
    ([True, False, False], ['w=may', 'w=may', 'w=may'])
    """
    features: list[list[str]] = []
    labels: list[bool] = []
    keys: list[str] = []
    corpora: list[str] = []
    decisions: list[str] = []
    missed: list[tuple[str, str]] = []
    for document in documents:
        for (s_start, s_end), gold in zip(document.sentences, document.cues, strict=True):
            candidates = hedge_candidates(document.text, [(s_start, s_end)], rescue=True)
            covered = set()
            for start, end, _, decision, found in candidates:
                hit = [
                    j for j, (g_start, g_end) in enumerate(gold) if g_start < end and start < g_end
                ]
                covered.update(hit)
                features.append(found)
                labels.append(bool(hit))
                keys.append(document.key)
                corpora.append(document.corpus)
                decisions.append(decision)
            missed += [(document.key, document.corpus)] * (len(gold) - len(covered))
    return Examples(features, labels, keys, corpora, decisions, missed)


def cross_validation_models(
    documents: Sequence[UncertaintyDocument],
    folds: int = 5,
    grid: dict[str, tuple] | None = None,
    examples: Examples | None = None,
    shuffle: int | None = None,
) -> dict[str, HedgeModel]:
    """For each document, a model that never saw it: documents are split into ``folds``
    groups, and each group's model is trained (selection included) on the other groups.
    ``shuffle``, a seed, deals the documents into groups in a shuffled order (another split,
    to tell a real difference from the luck of one dealing).

    Returns
    -------
    dict
        Document key to the model to predict it with.
    """
    examples = examples or hedge_examples(documents)
    # One unit per candidate, and one for a document without any, so folds balance work.
    with_candidates = set(examples.documents)
    units = list(examples.documents) + [d.key for d in documents if d.key not in with_candidates]
    models: dict[str, HedgeModel] = {}
    for _, test in group_folds(units, folds, shuffle):
        held_out = {units[i] for i in test}
        training = {d.key for d in documents} - held_out
        model = train_hedge_model(examples.of_documents(training), grid=grid, select_on=SELECT_ON)
        for key in held_out:
            models[key] = model
    return models


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
        sentences = body_sentence_spans(sentence_columns(row, segmenter), ATTRIBUTION_PARTS)
        cues = [
            (int(start), int(end))
            for start, end in zip(gold["cue_start"], gold["cue_end"], strict=True)
            if start is not None and start == start
        ]
        contents = {}
        for row in gold.to_dict("records"):
            cue, content = row_span(row, "cue", text), row_span(row, "content", text)
            if cue is not None and content is not None:
                contents[(int(row["cue_start"]), int(row["cue_end"]))] = list(content)
        articles.append(TrainingArticle(text, sentences, find_quotes(text), cues, contents))
    return articles


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def train_hedges(folder: Path, out: Path) -> HedgeModel:
    """Train the hedge model on the uncertainty files in ``folder`` and write it to ``out``."""
    documents = read_uncertainty(folder)
    examples = hedge_examples(documents)
    model = train_hedge_model(examples, select_on=SELECT_ON)
    info = dict(model.info)
    info["data"] = {
        name: {"sha256": _file_digest(folder / name)} for name in UNCERTAINTY_FILES.values()
    }
    model = HedgeModel(
        model.weights,
        model.intercept,
        model.threshold,
        model.groups,
        model.rescue,
        model.categories,
        info,
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(out.name + ".tmp")
    temporary.write_text(model.to_json(), encoding="utf-8")
    temporary.replace(out)
    return model


def _train_attributions(data: Path | None, out: Path | None) -> int:
    split = data or shared_data_folder() / "polnear" / "train"
    if not (split / "text").is_dir() or not (split / "attributions").is_dir():
        print(
            f"cannot train the attribution model: {split} has no text/ and attributions/ "
            "(PolNeAR's training split, from the shared data; set ANALYSIS_SHARED_DATA or "
            "--data). The shipped model is unchanged.",
            file=sys.stderr,
        )
        return 2
    started = time.perf_counter()
    articles = polnear_articles(split)
    model = train_attribution_model(articles)
    target = out or model_path()
    write_model(model, target)
    weights = weight_count(model)
    print(
        f"attribution model -> {target}: {len(articles)} articles, "
        f"{len(model['vocabulary'])} vocabulary words, {weights:,} weights "
        f"({time.perf_counter() - started:.1f} s)"
    )
    return 0


def _train_hedges(data: Path | None, out: Path | None) -> int:
    folder = data or shared_data_folder() / "uncertainty"
    missing = [name for name in UNCERTAINTY_FILES.values() if not (folder / name).is_file()]
    if missing:
        print(
            f"cannot train the hedge model: {', '.join(str(folder / m) for m in missing)} "
            "not found (the shared Szeged uncertainty data; set ANALYSIS_SHARED_DATA or "
            "--data). The shipped model is unchanged.",
            file=sys.stderr,
        )
        return 2
    out = out or default_model_path()
    started = time.perf_counter()
    model = train_hedges(folder, out)
    setting = model.info["setting"]
    print(
        f"hedge model -> {out}: {len(model.weights)} weights, setting {setting}, "
        f"grouped-CV candidate F1 {model.info['cv_candidate_f1']:.3f} "
        f"({time.perf_counter() - started:.1f} s)"
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: ``python -m analysis.train attributions|hedges|all [--data DIR]
    [--out FILE]``; returns the exit code (2 when training data is missing)."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis.train", description=__doc__.splitlines()[0]
    )
    commands = parser.add_subparsers(dest="model", required=True)
    attributions = commands.add_parser(
        "attributions", help="the attribution model (PolNeAR's training split)"
    )
    attributions.add_argument(
        "--data",
        type=Path,
        default=None,
        help="a PolNeAR split folder with text/ and attributions/ "
        "(default: $ANALYSIS_SHARED_DATA/polnear/train or ../shared/data/polnear/train)",
    )
    hedges = commands.add_parser("hedges", help="the hedge classifier (Szeged uncertainty data)")
    hedges.add_argument(
        "--data",
        type=Path,
        default=None,
        help="folder of factbank_dev.jsonl and wiki_dev.jsonl "
        "(default: $ANALYSIS_SHARED_DATA/uncertainty or ../shared/data/uncertainty)",
    )
    for command in (attributions, hedges):
        command.add_argument("--out", type=Path, default=None, help="default: the shipped model")
    commands.add_parser("all", help="every model, each from its default data")
    args = parser.parse_args(argv)
    if args.model == "attributions":
        return _train_attributions(args.data, args.out)
    if args.model == "hedges":
        return _train_hedges(args.data, args.out)
    return max(_train_attributions(None, None), _train_hedges(None, None))


if __name__ == "__main__":
    sys.exit(main())
