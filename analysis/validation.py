r"""Validation against hand coding: draw a sample to code, score the tool against the coding,
and measure how far coders agree with each other.

The content-analysis workflow, in three steps:

1. :func:`sample_for_coding` draws a reproducible random sample of articles (stratified by a
   column of ``articles`` if asked) and writes it as a brat folder: each article's text with an
   empty ``.ann`` file to code blind (or one holding the tool's output, to correct), and the
   brat configuration (:func:`analysis.brat.write_brat_config`), so the folder opens in brat as
   it is. The BRAT format, with its ``Quote`` and ``Hedge`` spans and label attributes, is
   described in :mod:`analysis.brat`.
2. Coders code it in brat (or any tool that writes BRAT standoff, PolNeAR's included).
3. :func:`score_attributions`, :func:`score_quotes` and :func:`score_hedges` score the tool
   (or one coder) against the coding; :func:`label_confusion` cross-tabulates a label (cue
   category, kind, source type) over the attributions both found; :func:`compare_attributions`
   lists them side by side; :func:`coder_agreement` and :func:`label_agreement` compare two or
   more coders' folders of the same articles.

``gold`` and ``predicted`` (and each coder) may be: a brat folder (or one ``.ann`` file), read
with :func:`read_coding`; the output folder of ``python -m analysis parse`` or
:meth:`analysis.Tables.to_dir`; parsed :class:`analysis.Tables` (or any mapping with
``articles`` and ``attributions`` tables, like :func:`read_coding`'s); or a bare
``attributions`` table (ours or :func:`analysis.read_brat`'s), with ``texts`` given.

**Scoring convention** (that of ``benchmarks/attributions.py``, which imports these
functions). Each attribution gives one span per role it has (a source shared by two
attributions counts twice). A span is a tuple of ``(start, end)`` pieces: every piece for
Content (``content_spans``), the outer ``start``/``end`` for Source and Cue, and for quotations
and hedges. Each piece is stripped of white space on both sides. *Exact*: the same pieces.
*Overlap*: at least one character in common, matched one to one (exact pairs first, then
greedily by the number of shared characters). Spans match only within their article. Floating
attributions (no cue, which BRAT cannot hold) are left out of the predictions unless
``floating=True``.

**Which articles.** Those both sides cover: a brat folder covers the articles it has ``.ann``
files for (an empty file is an article coded as holding nothing); parsed tables their articles
whose ``status`` is ``ok``; a bare table the articles of ``texts``. An article on one side only
is left out with a warning naming its file, except articles of parsed tables that the coding
does not cover (a parse of a whole corpus and a coded sample of it is the usual case). An
article whose text differs between the two sides is left out with a warning (its offsets
cannot be compared). Problems in the brat files (see :mod:`analysis.brat`) are
:class:`analysis.brat.BratWarning`\ s naming file and line; what they spoil is left out and the
rest is scored.

**The score table** (:data:`SCORE_COLUMNS`), one row per role and matching:

=======================================  =========================================================
``role``                                 ``Source``, ``Cue``, ``Content``; ``Quote``; ``Hedge``
``matching``                             ``exact`` or ``overlap``
``n_articles``                           articles scored
``gold``, ``predicted``, ``matched``     spans in the gold, in the predictions, and matched
``precision``, ``recall``, ``f1``        micro figures: from the counts summed over the articles
                                         (``0.0`` where there is nothing to divide by, as in the
                                         benchmark)
``macro_precision``, ``macro_recall``,   per-article figures averaged over articles: an article's
``macro_f1``                             precision is undefined without predictions, its recall
                                         without gold spans, its F1 (``2 matched / (gold +
                                         predicted)``) without either; undefined figures are left
                                         out of the mean
``<figure>_low``, ``<figure>_high``      the bounds of a percentile bootstrap interval over
                                         articles (``n_boot`` resamples of the articles with
                                         replacement, from ``numpy.random.default_rng(seed)``:
                                         the same seed gives the same bounds); missing with fewer
                                         than two articles, where there is nothing to resample
=======================================  =========================================================

Krippendorff's alpha (:func:`krippendorff_alpha`, nominal) is computed here, in a few lines
from Krippendorff's definition, rather than with the ``krippendorff`` package (PyPI, 0.9.0):
that package is well kept, but licensed GPL-3.0-or-later, which this MIT-licensed package
cannot take as a dependency without changing the terms of the whole; nominal alpha with
missing values needs only a coincidence matrix. It is tested against the worked examples of
Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011).
"""

from __future__ import annotations

import math
import os
import warnings
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.articles import load_articles
from analysis.brat import (
    BratWarning,
    list_brat_files,
    parse_spans,
    read_brat_tables,
    write_brat,
    write_brat_config,
)
from analysis.pipeline import parse
from analysis.tables import (
    ATTRIBUTION_KINDS,
    CUE_CATEGORIES,
    SOURCE_TYPES,
    conform,
    read_tables,
)

__all__ = [
    "ROLES",
    "SCORE_COLUMNS",
    "Span",
    "coder_agreement",
    "compare_attributions",
    "format_scores",
    "krippendorff_alpha",
    "label_agreement",
    "label_confusion",
    "match_spans",
    "read_coding",
    "row_span",
    "sample_for_coding",
    "score_attributions",
    "score_hedges",
    "score_quotes",
    "score_role",
    "shared_characters",
    "spans_by_article",
    "strip_piece",
]

#: The roles of an attribution, in the order they are scored.
ROLES = ("source", "cue", "content")

#: A span: its ``(start, end)`` pieces, sorted.
Span = tuple[tuple[int, int], ...]

#: The labels :func:`label_confusion` and :func:`label_agreement` know, with their categories.
LABELS: dict[str, tuple[str, ...]] = {
    "kind": ATTRIBUTION_KINDS,
    "cue_category": CUE_CATEGORIES,
    "source_type": SOURCE_TYPES,
}

_FIGURES = ("precision", "recall", "f1")

#: Columns and dtypes of the score table (see the module docstring).
SCORE_COLUMNS: dict[str, object] = {
    "role": "string",
    "matching": pd.CategoricalDtype(("exact", "overlap")),
    "n_articles": "int64",
    "gold": "int64",
    "predicted": "int64",
    "matched": "int64",
    **{
        f"{prefix}{figure}{suffix}": "float64"
        for prefix in ("", "macro_")
        for figure in _FIGURES
        for suffix in ("", "_low", "_high")
    },
}


# --- span matching (moved here from benchmarks/attributions.py, which imports it) ----------


def strip_piece(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``(start, end)`` without surrounding whitespace; ``None`` when nothing is left.

    Examples
    --------
    >>> strip_piece("  Ann  said", 0, 6)
    (2, 5)
    """
    piece = text[start:end]
    start += len(piece) - len(piece.lstrip())
    end -= len(piece) - len(piece.rstrip())
    return (start, end) if start < end else None


def row_span(row: Mapping[str, Any], role: str, text: str) -> Span | None:
    """A table row's span for ``role`` (stripped), or ``None`` when the row has no such role.

    Content takes every piece of ``content_spans`` when the row has them; other roles (and a
    content without pieces) their ``{role}_start`` and ``{role}_end``.

    Examples
    --------
    >>> row_span({"content_spans": "0 4;8 13", "content_start": 0}, "content", "Rain, he said. ")
    ((0, 4), (9, 13))
    """
    spans = row.get(f"{role}_spans") if role == "content" else None
    if spans is not None and not pd.isna(spans) and str(spans).strip():
        pieces = parse_spans(spans)
    else:
        start, end = row.get(f"{role}_start"), row.get(f"{role}_end")
        if start is None or end is None or pd.isna(start) or pd.isna(end):
            return None
        pieces = [(int(start), int(end))]
    stripped = [strip_piece(text, start, end) for start, end in pieces]
    kept = tuple(sorted(piece for piece in stripped if piece is not None))
    return kept or None


def spans_by_article(
    frame: pd.DataFrame, role: str, texts: Mapping[str, str]
) -> dict[str, list[Span]]:
    """Every span of ``role`` in an attributions table, per article (only articles in ``texts``).

    Examples
    --------
    >>> frame = pd.DataFrame({"article_id": ["a"], "cue_start": [4], "cue_end": [9]})
    >>> spans_by_article(frame, "cue", {"a": "Ann said so."})
    {'a': [((4, 8),)]}
    """
    spans: dict[str, list[Span]] = defaultdict(list)
    for row in frame.to_dict("records"):
        article_id = str(row["article_id"])
        if article_id not in texts:
            continue
        span = row_span(row, role, texts[article_id])
        if span is not None:
            spans[article_id].append(span)
    return dict(spans)


def shared_characters(a: Span, b: Span) -> int:
    """How many characters two spans have in common.

    Examples
    --------
    >>> shared_characters(((0, 10),), ((5, 7), (8, 20)))
    4
    """
    return sum(
        max(0, min(a_end, b_end) - max(a_start, b_start))
        for a_start, a_end in a
        for b_start, b_end in b
    )


def match_spans(
    gold: list[Span], predicted: list[Span]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """One-to-one matches as ``(gold index, predicted index)``: exact ones, and overlap ones.

    The overlap matching keeps every exact pair, then pairs the rest greedily, largest number
    of shared characters first (ties: earlier gold, then earlier prediction).

    Examples
    --------
    >>> match_spans([((0, 10),), ((20, 30),)], [((20, 30),), ((2, 12),)])
    ([(1, 0)], [(1, 0), (0, 1)])
    """
    unused: dict[Span, list[int]] = defaultdict(list)
    for j, span in enumerate(predicted):
        unused[span].append(j)
    exact = []
    for i, span in enumerate(gold):
        if unused.get(span):
            exact.append((i, unused[span].pop(0)))
    gold_used = {i for i, _ in exact}
    predicted_used = {j for _, j in exact}
    candidates = []
    for i, gold_span in enumerate(gold):
        if i in gold_used:
            continue
        for j, predicted_span in enumerate(predicted):
            if j not in predicted_used:
                shared = shared_characters(gold_span, predicted_span)
                if shared:
                    candidates.append((-shared, i, j))
    overlap = list(exact)
    for _, i, j in sorted(candidates):
        if i not in gold_used and j not in predicted_used:
            overlap.append((i, j))
            gold_used.add(i)
            predicted_used.add(j)
    return exact, overlap


def _rates(tp: int, n_gold: int, n_predicted: int) -> tuple[float, float, float]:
    precision = tp / n_predicted if n_predicted else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_role(
    gold_spans: Mapping[str, Iterable[Span]], predicted_spans: Mapping[str, Iterable[Span]]
) -> dict[str, Any]:
    """Micro precision, recall and F1 of predicted spans against gold spans, per article.

    Parameters
    ----------
    gold_spans, predicted_spans
        Article id to that article's spans, each a tuple of ``(start, end)`` pieces (already
        stripped; see :func:`row_span`). Spans only match within their article.

    Returns
    -------
    dict
        ``gold``, ``predicted``; ``exact_tp``, ``exact_precision``, ``exact_recall``,
        ``exact_f1`` and the same with ``overlap_``; and for error reports ``missed`` and
        ``spurious`` (``(article_id, span)`` without any overlapping partner) and ``boundary``
        (``(article_id, gold span, predicted span)`` matched by overlap only).

    Examples
    --------
    >>> score = score_role({"a": [((0, 4),)]}, {"a": [((0, 4),), ((6, 9),)]})
    >>> score["exact_tp"], score["exact_precision"], score["exact_recall"]
    (1, 0.5, 1.0)
    """
    totals = {"gold": 0, "predicted": 0, "exact_tp": 0, "overlap_tp": 0}
    missed, spurious, boundary = [], [], []
    for article_id in sorted(set(gold_spans) | set(predicted_spans)):
        gold = list(gold_spans.get(article_id, ()))
        predicted = list(predicted_spans.get(article_id, ()))
        exact, overlap = match_spans(gold, predicted)
        totals["gold"] += len(gold)
        totals["predicted"] += len(predicted)
        totals["exact_tp"] += len(exact)
        totals["overlap_tp"] += len(overlap)
        exact_pairs = set(exact)
        boundary += [
            (article_id, gold[i], predicted[j]) for i, j in overlap if (i, j) not in exact_pairs
        ]
        gold_matched = {i for i, _ in overlap}
        predicted_matched = {j for _, j in overlap}
        missed += [(article_id, s) for i, s in enumerate(gold) if i not in gold_matched]
        spurious += [(article_id, s) for j, s in enumerate(predicted) if j not in predicted_matched]
    result: dict[str, Any] = dict(totals)
    for kind in ("exact", "overlap"):
        precision, recall, f1 = _rates(result[f"{kind}_tp"], result["gold"], result["predicted"])
        result[f"{kind}_precision"], result[f"{kind}_recall"], result[f"{kind}_f1"] = (
            precision,
            recall,
            f1,
        )
    result.update(missed=missed, spurious=spurious, boundary=boundary)
    return result


# --- reading a coding, and the two sides of a comparison ------------------------------------


def _warn(message: str) -> None:
    warnings.warn(message, BratWarning, stacklevel=3)


def read_coding(path: str | os.PathLike, errors: str = "warn") -> dict[str, pd.DataFrame]:
    """A hand coding in brat: its texts, attributions, quotations and hedges, as tables.

    Parameters
    ----------
    path
        A brat folder (``.ann`` files with their ``.txt`` beside them, or PolNeAR's
        ``attributions/`` beside ``text/``), or one ``.ann`` file.
    errors
        ``"warn"`` (default): a problem in a file is a :class:`analysis.brat.BratWarning`
        naming the file and line, and what it spoils is left out; ``"raise"``: a
        ``ValueError``.

    Returns
    -------
    dict of pandas.DataFrame
        ``articles`` (``article_id``, ``path`` of the ``.ann`` file, ``annotator``, ``text``,
        ``status`` ``ok``), and :func:`analysis.brat.read_brat_tables`' ``attributions``,
        ``quotes`` and ``hedges``. A PolNeAR name ``<stem>_<annotator>.ann`` gives the article
        id ``<stem>`` (the id of ``<stem>.txt`` when parsed); when several files code the same
        article (several annotators in one folder), the first in sorted order is kept, with a
        warning (compare coders with :func:`coder_agreement` instead). Works with
        :func:`analysis.display.show_article` as parsed tables do.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a1.txt").write_text("Ann said it rained.", encoding="utf-8")
    >>> _ = (folder / "a1.ann").write_text(
    ...     "T1\\tSource 0 3\\tAnn\\nT2\\tCue 4 8\\tsaid\\nT3\\tContent 9 18\\tit rained\\n"
    ...     "T4\\tAttribution 4 8\\tsaid\\nE1\\tAttribution:T4 Content:T3 Cue:T2 Source:T1\\n",
    ...     encoding="utf-8",
    ... )
    >>> coding = read_coding(folder)
    >>> coding["attributions"][["article_id", "source_text", "content_text"]].values.tolist()
    [['a1', 'Ann', 'it rained']]
    """
    folder = Path(path)
    files = list_brat_files(folder)
    texts = {}
    for article_id, text_path in zip(files["article_id"], files["text_path"], strict=True):
        if not pd.isna(text_path):
            with open(text_path, encoding="utf-8", newline="") as handle:
                texts[str(article_id)] = handle.read()
    # A file without its text is reported (and left out) here, once.
    tables = read_brat_tables(folder, text=texts, errors=errors)
    rows, bare_ids = [], {}
    for file in files.to_dict("records"):
        article_id, annotator = str(file["article_id"]), file["annotator"]
        if article_id not in texts:
            continue
        bare = article_id.removesuffix(f"_{annotator}") if not pd.isna(annotator) else article_id
        if bare in bare_ids.values():
            first = next(row["path"] for row in rows if row["article_id"] == bare)
            _warn(
                f"{file['ann_path']}: article {bare!r} is coded a second time (first in "
                f"{first}); scoring keeps the first, coder_agreement compares them"
            )
            continue
        bare_ids[article_id] = bare
        rows.append(
            {
                "article_id": bare,
                "path": file["ann_path"],
                "annotator": None if pd.isna(annotator) else annotator,
                "text": texts[article_id],
                "status": "ok",
            }
        )
    columns = ["article_id", "path", "annotator", "text", "status"]
    result = {"articles": pd.DataFrame(rows, columns=columns).astype("string")}
    for name, table in tables.items():
        table = table[table["article_id"].isin(list(bare_ids))].copy()
        table["article_id"] = table["article_id"].map(bare_ids).astype("string")
        result[name] = table.reset_index(drop=True)
    return result


@dataclass
class _Side:
    """One side of a comparison: its tables, its texts, the articles it covers and where each
    came from (for messages)."""

    name: str
    attributions: pd.DataFrame
    quotes: pd.DataFrame | None
    hedges: pd.DataFrame | None
    texts: dict[str, str] = field(default_factory=dict)
    articles: list[str] | None = None
    files: dict[str, str] = field(default_factory=dict)
    is_coding: bool = False


def _is_table_folder(folder: Path, table: str = "articles") -> bool:
    return any((folder / name).exists() for name in (table, f"{table}.parquet", f"{table}.csv"))


def _with_source_type(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Parsed attributions with their source's ``type`` as ``source_type``."""
    attributions = tables["attributions"]
    sources = tables.get("sources")
    if "source_type" in attributions.columns or sources is None or "source_id" not in attributions:
        return attributions
    types = sources[["article_id", "source_id", "type"]].rename(columns={"type": "source_type"})
    types = types.astype({"source_id": "Int64"})
    merged = attributions.astype({"source_id": "Int64"}).merge(
        types, on=["article_id", "source_id"], how="left"
    )
    return merged


_PARSED_TABLES = ("articles", "attributions", "sources", "quotes", "hedges")


def _side(value: Any, name: str, articles: Sequence[str] | None = None) -> _Side:
    """Resolve what the user passed as one side of a comparison (a parse output folder is
    read for ``articles`` only, when given)."""
    if isinstance(value, _Side):
        return value
    if isinstance(value, str | os.PathLike):
        path = Path(value)
        if path.is_file() and path.suffix == ".ann" or path.is_dir() and any(path.rglob("*.ann")):
            value = read_coding(path)
        elif path.is_dir() and _is_table_folder(path):
            present = [table for table in _PARSED_TABLES if _is_table_folder(path, table)]
            value = read_tables(path, tables=present, articles=articles)
        else:
            raise ValueError(
                f"{name}: {path} is neither a brat folder (no .ann files below it) nor the output "
                "folder of `python -m analysis parse` (no articles table); give one of those"
            )
    if isinstance(value, pd.DataFrame):
        return _Side(name, value, None, None)
    if isinstance(value, Mapping) and "articles" in value and "attributions" in value:
        articles_table = value["articles"]
        if "status" in articles_table.columns:
            articles_table = articles_table[articles_table["status"].astype("string") == "ok"]
        texts = {
            str(article_id): text
            for article_id, text in zip(
                articles_table["article_id"], articles_table["text"], strict=True
            )
            if isinstance(text, str)
        }
        is_coding = "annotator" in articles_table.columns
        files = {}
        if is_coding:
            files = dict(zip(articles_table["article_id"], articles_table["path"], strict=True))
        return _Side(
            name,
            _with_source_type(value),
            value.get("quotes"),
            value.get("hedges"),
            texts,
            list(texts),
            files,
            is_coding,
        )
    raise ValueError(
        f"{name} must be a brat folder, a parse output folder, parsed tables (with 'articles' "
        f"and 'attributions') or an attributions DataFrame, not {type(value).__name__}"
    )


def _common_articles(
    gold: _Side, predicted: _Side, texts: Mapping[str, str] | pd.DataFrame | None
) -> tuple[list[str], dict[str, str]]:
    """The articles both sides cover, and their texts; warns about the others."""
    given = {}
    if isinstance(texts, pd.DataFrame):
        given = {str(k): v for k, v in zip(texts["article_id"], texts["text"], strict=True)}
    elif texts is not None:
        given = {str(k): v for k, v in texts.items()}
    covered = []
    for side in (gold, predicted):
        if side.articles is not None:
            covered.append(set(side.articles))
    if not covered:
        if not given:
            raise ValueError(
                "neither side says which articles it covers: pass `texts` (a mapping from "
                "article id to text, or an articles DataFrame)"
            )
        covered.append(set(given))
    common = set.intersection(*covered)
    for side, other in ((gold, predicted), (predicted, gold)):
        if side.articles is None or other.articles is None:
            continue
        only = sorted(set(side.articles) - set(other.articles))
        if side is predicted and not side.is_coding:
            continue  # a parse of more than the coded sample
        for article_id in only:
            where = side.files.get(article_id) or f"article {article_id!r}"
            _warn(f"{where}: coded in {side.name} only, not in {other.name}; left out")
    chosen: dict[str, str] = {}
    for article_id in sorted(common):
        candidates = [
            source[article_id]
            for source in (gold.texts, predicted.texts, given)
            if article_id in source and isinstance(source[article_id], str)
        ]
        if not candidates:
            _warn(f"article {article_id!r}: no text to score it against; left out")
            continue
        if any(candidate != candidates[0] for candidate in candidates):
            where = gold.files.get(article_id) or predicted.files.get(article_id) or article_id
            _warn(
                f"{where}: the text of article {article_id!r} differs between {gold.name} and "
                f"{predicted.name}, so their offsets cannot be compared; left out"
            )
            continue
        chosen[article_id] = candidates[0]
    if not chosen:
        raise ValueError(
            f"no article to score: {gold.name} and {predicted.name} have no article in common "
            f"(with the same text); {gold.name} has {_some(gold)}, "
            f"{predicted.name} {_some(predicted)}"
        )
    return list(chosen), chosen


def _some(side: _Side) -> str:
    if side.articles is None:
        return "a bare table"
    shown = ", ".join(map(repr, sorted(side.articles)[:3]))
    return f"{len(side.articles)} article(s) ({shown}{', ...' if len(side.articles) > 3 else ''})"


def _sides(gold: Any, predicted: Any, texts: Any) -> tuple[_Side, _Side, list[str], dict[str, str]]:
    gold_side = _side(gold, "gold")
    predicted_side = _side(predicted, "predicted", gold_side.articles)
    ids, article_texts = _common_articles(gold_side, predicted_side, texts)
    return gold_side, predicted_side, ids, article_texts


# --- scores ---------------------------------------------------------------------------------


def _table_spans(
    frame: pd.DataFrame | None, role: str, texts: Mapping[str, str]
) -> dict[str, list[Span]]:
    """Spans of an attributions table (``role`` a role) or of a quotes or hedges table
    (``role`` empty: its ``start`` and ``end``)."""
    if frame is None or frame.empty:
        return {}
    if role:
        return spans_by_article(frame, role, texts)
    renamed = frame[["article_id", "start", "end"]].rename(
        columns={"start": "span_start", "end": "span_end"}
    )
    return spans_by_article(renamed, "span", texts)


def _counts(
    gold: Mapping[str, list[Span]], predicted: Mapping[str, list[Span]], ids: Sequence[str]
) -> np.ndarray:
    """Per article: gold spans, predicted spans, exact matches, overlap matches."""
    counts = np.zeros((len(ids), 4), dtype=np.int64)
    for row, article_id in enumerate(ids):
        gold_spans, predicted_spans = gold.get(article_id, []), predicted.get(article_id, [])
        exact, overlap = match_spans(gold_spans, predicted_spans)
        counts[row] = (len(gold_spans), len(predicted_spans), len(exact), len(overlap))
    return counts


def _divide(numerator: np.ndarray, denominator: np.ndarray, empty: float) -> np.ndarray:
    """``numerator / denominator``, and ``empty`` where the denominator is 0."""
    numerator = np.asarray(numerator, dtype=float)
    denominator = np.asarray(denominator, dtype=float)
    result = np.full(np.broadcast(numerator, denominator).shape, empty, dtype=float)
    return np.divide(numerator, denominator, out=result, where=denominator > 0)


def _micro(gold: np.ndarray, predicted: np.ndarray, matched: np.ndarray) -> np.ndarray:
    """Micro precision, recall, F1 along the last axis of summed counts (as ``_rates``)."""
    precision = _divide(matched, predicted, 0.0)
    recall = _divide(matched, gold, 0.0)
    f1 = _divide(2 * precision * recall, precision + recall, 0.0)
    return np.stack([precision, recall, f1])


def _macro(gold: np.ndarray, predicted: np.ndarray, matched: np.ndarray) -> np.ndarray:
    """Per-article figures averaged along the last axis, undefined ones left out."""
    per_article = np.stack(
        [
            _divide(matched, predicted, np.nan),
            _divide(matched, gold, np.nan),
            _divide(2 * matched, gold + predicted, np.nan),
        ]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # an all-undefined mean is NaN
        return np.nanmean(per_article, axis=-1)


def _quantiles(draws: np.ndarray, confidence: float) -> tuple[np.ndarray, np.ndarray]:
    tail = (1 - confidence) / 2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        low, high = np.nanquantile(draws, [tail, 1 - tail], axis=-1)
    return low, high


def _score_rows(
    role: str, counts: np.ndarray, indices: np.ndarray | None, confidence: float
) -> list[dict[str, Any]]:
    rows = []
    gold, predicted = counts[:, 0], counts[:, 1]
    for matching, column in (("exact", 2), ("overlap", 3)):
        matched = counts[:, column]
        total_gold, total_predicted, total_matched = (
            int(gold.sum()),
            int(predicted.sum()),
            int(matched.sum()),
        )
        row: dict[str, Any] = {
            "role": role,
            "matching": matching,
            "n_articles": len(counts),
            "gold": total_gold,
            "predicted": total_predicted,
            "matched": total_matched,
        }
        estimates = {
            "": _rates(total_matched, total_gold, total_predicted),
            "macro_": tuple(_macro(gold, predicted, matched)),
        }
        bounds: dict[str, tuple[Any, Any]] = {}
        if indices is not None:
            g, p, m = gold[indices], predicted[indices], matched[indices]
            draws = {
                "": _micro(g.sum(axis=1), p.sum(axis=1), m.sum(axis=1)),
                "macro_": _macro(g, p, m),
            }
            bounds = {prefix: _quantiles(draws[prefix], confidence) for prefix in draws}
        for prefix, values in estimates.items():
            for number, figure in enumerate(_FIGURES):
                row[f"{prefix}{figure}"] = float(values[number])
                low, high = bounds.get(prefix, (None, None))
                row[f"{prefix}{figure}_low"] = np.nan if low is None else float(low[number])
                row[f"{prefix}{figure}_high"] = np.nan if high is None else float(high[number])
        rows.append(row)
    return rows


def _check_bootstrap(n_boot: int, confidence: float) -> None:
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1 (e.g. 0.95), not {confidence}")
    if n_boot < 1:
        raise ValueError(f"n_boot must be a positive number of resamples (e.g. 1000), not {n_boot}")


def _bootstrap_indices(n_articles: int, n_boot: int, seed: int) -> np.ndarray | None:
    if n_articles < 2:
        return None
    rng = np.random.default_rng(seed)
    return rng.integers(0, n_articles, size=(n_boot, n_articles))


def _score_table(
    spans: Sequence[tuple[str, dict[str, list[Span]], dict[str, list[Span]]]],
    ids: Sequence[str],
    n_boot: int,
    confidence: float,
    seed: int,
) -> pd.DataFrame:
    indices = _bootstrap_indices(len(ids), n_boot, seed)
    rows = []
    for role, gold, predicted in spans:
        rows += _score_rows(role, _counts(gold, predicted, ids), indices, confidence)
    return conform(pd.DataFrame(rows, columns=list(SCORE_COLUMNS)), SCORE_COLUMNS)


def _predicted_attributions(side: _Side, floating: bool) -> pd.DataFrame:
    frame = side.attributions
    if not floating and "is_floating" in frame.columns:
        frame = frame[~frame["is_floating"].fillna(False).astype(bool)]
    return frame


def score_attributions(
    gold: Any,
    predicted: Any,
    *,
    texts: Mapping[str, str] | pd.DataFrame | None = None,
    floating: bool = False,
    n_boot: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Precision, recall and F1 of predicted attributions against a hand coding, per role.

    Parameters
    ----------
    gold, predicted
        A brat folder, a parse output folder, parsed tables, or an attributions table (see the
        module docstring).
    texts
        Article texts (a mapping from article id, or an articles DataFrame), needed only when
        neither side brings its own (two bare tables).
    floating
        Count the predictions' floating attributions (no cue; a brat coding cannot hold them).
    n_boot, confidence, seed
        The bootstrap over articles: resamples, interval coverage, and the seed of
        ``numpy.random.default_rng``.

    Returns
    -------
    pandas.DataFrame
        The score table (:data:`SCORE_COLUMNS`, described in the module docstring): six rows,
        Source, Cue and Content under exact and overlap matching.

    Examples
    --------
    >>> text = "Ann said it rained. Bo said so."
    >>> gold = pd.DataFrame({"article_id": ["a"], "source_start": [0], "source_end": [3],
    ...     "cue_start": [4], "cue_end": [8], "content_start": [9], "content_end": [18]})
    >>> predicted = gold.assign(content_end=[19])  # the period taken into the content
    >>> scores = score_attributions(gold, predicted, texts={"a": text})
    >>> scores[["role", "matching", "precision", "recall", "f1"]].values.tolist()[-2:]
    [['Content', 'exact', 0.0, 0.0, 0.0], ['Content', 'overlap', 1.0, 1.0, 1.0]]
    """
    _check_bootstrap(n_boot, confidence)
    gold_side, predicted_side, ids, article_texts = _sides(gold, predicted, texts)
    predicted_frame = _predicted_attributions(predicted_side, floating)
    spans = [
        (
            role.capitalize(),
            _table_spans(gold_side.attributions, role, article_texts),
            _table_spans(predicted_frame, role, article_texts),
        )
        for role in ROLES
    ]
    return _score_table(spans, ids, n_boot, confidence, seed)


def _score_spans(
    table: str,
    role: str,
    gold: Any,
    predicted: Any,
    texts: Any,
    n_boot: int,
    confidence: float,
    seed: int,
) -> pd.DataFrame:
    _check_bootstrap(n_boot, confidence)
    gold_side, predicted_side, ids, article_texts = _sides(gold, predicted, texts)
    frames = []
    for side in (gold_side, predicted_side):
        frame = getattr(side, table)
        if frame is None:
            raise ValueError(
                f"{side.name} has no {table} table: give a brat folder, a parse output folder "
                f"or parsed tables (a bare attributions table holds no {table})"
            )
        frames.append(_table_spans(frame, "", article_texts))
    return _score_table([(role, frames[0], frames[1])], ids, n_boot, confidence, seed)


def score_quotes(
    gold: Any,
    predicted: Any,
    *,
    texts: Mapping[str, str] | pd.DataFrame | None = None,
    n_boot: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Precision, recall and F1 of predicted quotations against a hand coding's ``Quote`` spans.

    As :func:`score_attributions` (same arguments, same table), with one role, ``Quote``: a
    quotation's span with its marks, whatever its kind. Only meaningful where the coders coded
    every quotation.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import analysis
    >>> folder = Path(tempfile.mkdtemp())
    >>> text = "“It is fine,” Ann Lee said."
    >>> _ = (folder / "a.txt").write_text(text, encoding="utf-8")
    >>> _ = (folder / "a.ann").write_text("T1\\tQuote 0 13\\t“It is fine,”\\n", encoding="utf-8")
    >>> parsed = analysis.parse(pd.DataFrame({"id": ["a"], "text": [text]}))
    >>> score_quotes(folder, parsed)[["role", "matching", "f1"]].values.tolist()
    [['Quote', 'exact', 1.0], ['Quote', 'overlap', 1.0]]
    """
    return _score_spans("quotes", "Quote", gold, predicted, texts, n_boot, confidence, seed)


def score_hedges(
    gold: Any,
    predicted: Any,
    *,
    texts: Mapping[str, str] | pd.DataFrame | None = None,
    n_boot: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Precision, recall and F1 of predicted hedges against a hand coding's ``Hedge`` spans.

    As :func:`score_attributions` (same arguments, same table), with one role, ``Hedge``: a
    cue's span, whatever its category (categories are not compared here). Only meaningful
    where the coders coded every hedge.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import analysis
    >>> folder = Path(tempfile.mkdtemp())
    >>> text = "Prices may rise, the bank said."
    >>> _ = (folder / "a.txt").write_text(text, encoding="utf-8")
    >>> _ = (folder / "a.ann").write_text(
    ...     "T1\\tHedge 7 10\\tmay\\nA1\\tHedgeCategory T1 modal\\n", encoding="utf-8")
    >>> parsed = analysis.parse(pd.DataFrame({"id": ["a"], "text": [text]}))
    >>> score_hedges(folder, parsed)[["role", "matching", "precision", "recall"]].values.tolist()
    [['Hedge', 'exact', 1.0, 1.0], ['Hedge', 'overlap', 1.0, 1.0]]
    """
    return _score_spans("hedges", "Hedge", gold, predicted, texts, n_boot, confidence, seed)


# --- labels and disagreements ---------------------------------------------------------------


def _rows_with_spans(
    frame: pd.DataFrame, role: str, article_id: str, text: str
) -> tuple[list[dict[str, Any]], list[Span]]:
    """An article's attribution rows that have a ``role`` span, and those spans."""
    rows, spans = [], []
    for row in frame[frame["article_id"].astype(str) == article_id].to_dict("records"):
        span = row_span(row, role, text)
        if span is not None:
            rows.append(row)
            spans.append(span)
    return rows, spans


def _label(row: Mapping[str, Any], label: str) -> str | None:
    value = row.get(label)
    return None if value is None or pd.isna(value) else str(value)


def label_confusion(
    gold: Any,
    predicted: Any,
    label: str = "cue_category",
    *,
    role: str = "cue",
    texts: Mapping[str, str] | pd.DataFrame | None = None,
    floating: bool = False,
) -> pd.DataFrame:
    """How the predicted ``label`` of each attribution compares with the coded one.

    Attributions are paired one to one by the overlap of their ``role`` span (the cue by
    default; the matching of :func:`match_spans`); each pair counts once.

    Parameters
    ----------
    gold, predicted, texts, floating
        As for :func:`score_attributions`.
    label
        ``cue_category``, ``kind`` or ``source_type`` (a parse's attributions take it from
        their source in the ``sources`` table).
    role
        The span attributions are paired by.

    Returns
    -------
    pandas.DataFrame
        Counts: one row per coded value (index ``gold``), one column per predicted value
        (``predicted``), every category of the label in its order, and ``(not coded)`` /
        ``(none)`` for pairs where a side has no value.

    Examples
    --------
    >>> text = "Ann said it rained. Bo denied it."
    >>> gold = pd.DataFrame({"article_id": ["a", "a"], "cue_start": [4, 23], "cue_end": [8, 29],
    ...     "cue_category": ["neutral", "denial"]})
    >>> predicted = gold.assign(cue_category=["neutral", "neutral"])
    >>> table = label_confusion(gold, predicted, texts={"a": text})
    >>> int(table.loc["denial", "neutral"]), int(table.loc["neutral", "neutral"])
    (1, 1)
    """
    if label not in LABELS:
        raise ValueError(f"label must be one of {', '.join(LABELS)}, not {label!r}")
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    gold_side, predicted_side, ids, article_texts = _sides(gold, predicted, texts)
    predicted_frame = _predicted_attributions(predicted_side, floating)
    pairs = Counter()
    for article_id in ids:
        text = article_texts[article_id]
        gold_rows, gold_spans = _rows_with_spans(gold_side.attributions, role, article_id, text)
        predicted_rows, predicted_spans = _rows_with_spans(predicted_frame, role, article_id, text)
        _, overlap = match_spans(gold_spans, predicted_spans)
        for i, j in overlap:
            coded = _label(gold_rows[i], label) or "(not coded)"
            found = _label(predicted_rows[j], label) or "(none)"
            pairs[(coded, found)] += 1
    categories = list(LABELS[label])
    index = categories + ["(not coded)"] * any(g == "(not coded)" for g, _ in pairs)
    columns = categories + ["(none)"] * any(p == "(none)" for _, p in pairs)
    table = pd.DataFrame(
        0, index=pd.Index(index, name="gold"), columns=pd.Index(columns, name="predicted")
    )
    for (coded, found), count in pairs.items():
        table.loc[coded, found] += count
    return table


def _span_text(text: str, span: Span | None) -> str | None:
    if span is None:
        return None
    return " … ".join(text[start:end] for start, end in span)


def _role_agreement(gold: Span | None, predicted: Span | None) -> str:
    if gold is None and predicted is None:
        return ""
    if gold is None:
        return "predicted only"
    if predicted is None:
        return "gold only"
    if gold == predicted:
        return "exact"
    return "overlap" if shared_characters(gold, predicted) else "differs"


def compare_attributions(
    gold: Any,
    predicted: Any,
    *,
    texts: Mapping[str, str] | pd.DataFrame | None = None,
    floating: bool = False,
) -> pd.DataFrame:
    """The coded and the predicted attributions side by side, to see where they disagree.

    Attributions are paired one to one by the overlap of their cues (as in
    :func:`label_confusion`).

    Returns
    -------
    pandas.DataFrame
        One row per pair, per coded attribution the predictions miss and per predicted one the
        coding does not have, in text order: ``article_id``; ``status`` (``same``: every role
        matches exactly; ``differs``; ``missed``: coded only; ``spurious``: predicted only);
        per role ``source``, ``cue``, ``content``: ``gold_<role>`` and ``predicted_<role>``
        (the span's text, pieces joined by `` … ``) and ``<role>_match`` (``exact``,
        ``overlap``, ``differs``, ``gold only``, ``predicted only``, or empty when neither has
        the role); and ``gold_`` and ``predicted_`` ``kind`` and ``cue_category``.

    Examples
    --------
    >>> text = "Ann said it rained."
    >>> gold = pd.DataFrame({"article_id": ["a"], "cue_start": [4], "cue_end": [8],
    ...     "content_start": [9], "content_end": [18]})
    >>> table = compare_attributions(gold, gold.assign(content_end=[19]), texts={"a": text})
    >>> table[["status", "cue_match", "content_match", "predicted_content"]].values.tolist()
    [['differs', 'exact', 'overlap', 'it rained.']]
    """
    gold_side, predicted_side, ids, article_texts = _sides(gold, predicted, texts)
    predicted_frame = _predicted_attributions(predicted_side, floating)
    rows = []
    for article_id in ids:
        text = article_texts[article_id]
        gold_rows, gold_cues = _rows_with_spans(gold_side.attributions, "cue", article_id, text)
        predicted_rows, predicted_cues = _rows_with_spans(predicted_frame, "cue", article_id, text)
        _, overlap = match_spans(gold_cues, predicted_cues)
        gold_paired, predicted_paired = {i for i, _ in overlap}, {j for _, j in overlap}
        paired = [(gold_rows[i], predicted_rows[j]) for i, j in overlap]
        paired += [(row, None) for i, row in enumerate(gold_rows) if i not in gold_paired]
        paired += [(None, row) for j, row in enumerate(predicted_rows) if j not in predicted_paired]
        for gold_row, predicted_row in paired:
            row: dict[str, Any] = {"article_id": article_id}
            matches = []
            for role in ROLES:
                gold_span = row_span(gold_row, role, text) if gold_row else None
                predicted_span = row_span(predicted_row, role, text) if predicted_row else None
                row[f"gold_{role}"] = _span_text(text, gold_span)
                row[f"predicted_{role}"] = _span_text(text, predicted_span)
                row[f"{role}_match"] = _role_agreement(gold_span, predicted_span)
                matches.append(row[f"{role}_match"])
            for label in ("kind", "cue_category"):
                row[f"gold_{label}"] = _label(gold_row, label) if gold_row else None
                row[f"predicted_{label}"] = _label(predicted_row, label) if predicted_row else None
            if predicted_row is None:
                row["status"] = "missed"
            elif gold_row is None:
                row["status"] = "spurious"
            else:
                row["status"] = "same" if all(m in ("exact", "") for m in matches) else "differs"
            cue = row_span(gold_row or predicted_row, "cue", text)
            row["_order"] = cue[0][0] if cue else -1
            rows.append(row)
    columns = [
        "article_id",
        "status",
        *(f"{side}_{role}" for role in ROLES for side in ("gold", "predicted")),
        *(f"{role}_match" for role in ROLES),
        "gold_kind",
        "predicted_kind",
        "gold_cue_category",
        "predicted_cue_category",
    ]
    frame = pd.DataFrame(rows, columns=[*columns, "_order"])
    order = {article_id: number for number, article_id in enumerate(ids)}
    frame = frame.assign(_article=frame["article_id"].map(order))
    frame = frame.sort_values(["_article", "_order"], kind="stable")
    dtypes: dict[str, object] = {column: "string" for column in columns}
    dtypes["status"] = pd.CategoricalDtype(("same", "differs", "missed", "spurious"))
    return frame[columns].reset_index(drop=True).astype(dtypes)


# --- agreement between coders ---------------------------------------------------------------


def _named_codings(codings: Mapping[str, Any] | Sequence[Any]) -> dict[str, Any]:
    if isinstance(codings, Mapping):
        named = {str(name): value for name, value in codings.items()}
    else:
        named = {}
        for number, value in enumerate(codings):
            name = (
                Path(value).name if isinstance(value, str | os.PathLike) else f"coder {number + 1}"
            )
            named[name if name not in named else f"{name} ({number + 1})"] = value
    if len(named) < 2:
        raise ValueError(f"agreement needs at least two codings, not {len(named)}")
    return named


def coder_agreement(
    codings: Mapping[str, Any] | Sequence[Any],
    *,
    n_boot: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Pairwise agreement between coders on attribution spans: the score table per pair.

    Parameters
    ----------
    codings
        Two or more codings of the same articles: brat folders (or anything
        :func:`score_attributions` takes), as a mapping from coder name, or a sequence (named
        by folder).
    n_boot, confidence, seed
        As for :func:`score_attributions`.

    Returns
    -------
    pandas.DataFrame
        ``coder_a``, ``coder_b``, then the score table of ``coder_b`` against ``coder_a``
        (``coder_a`` as the gold: swapping them swaps precision and recall, and F1 is the
        same), for every pair in the order given. Articles coded by one of a pair only are
        left out with a warning.

    Examples
    --------
    >>> text = "Ann said it rained."
    >>> articles = pd.DataFrame({"article_id": ["a"], "text": [text]})
    >>> one = pd.DataFrame({"article_id": ["a"], "source_start": [0], "source_end": [3],
    ...     "cue_start": [4], "cue_end": [8], "content_start": [9], "content_end": [18]})
    >>> two = one.assign(source_start=[pd.NA], source_end=[pd.NA])  # no source coded
    >>> table = coder_agreement({"ann": {"articles": articles, "attributions": one},
    ...                          "bo": {"articles": articles, "attributions": two}})
    >>> table.query("matching == 'exact'")[["coder_a", "coder_b", "role", "f1"]].values.tolist()
    [['ann', 'bo', 'Source', 0.0], ['ann', 'bo', 'Cue', 1.0], ['ann', 'bo', 'Content', 1.0]]
    """
    named = _named_codings(codings)
    resolved = {name: _side(value, name) for name, value in named.items()}
    frames = []
    for name_a, name_b in combinations(resolved, 2):
        table = score_attributions(
            resolved[name_a],
            resolved[name_b],
            n_boot=n_boot,
            confidence=confidence,
            seed=seed,
        )
        table.insert(0, "coder_b", name_b)
        table.insert(0, "coder_a", name_a)
        frames.append(table)
    result = pd.concat(frames, ignore_index=True)
    return result.astype({"coder_a": "string", "coder_b": "string"})


def krippendorff_alpha(units: Iterable[Iterable[Any]]) -> float:
    """Krippendorff's alpha for nominal values, any number of coders, missing values allowed.

    Parameters
    ----------
    units
        One entry per unit (here: an attribution), each the values the coders gave it, one per
        coder, ``None`` or NaN where a coder gave none. Units with fewer than two values are
        not pairable and count for nothing.

    Returns
    -------
    float
        ``1 - D_o / D_e``: with ``o_ck`` the coincidence matrix (each unit with ``m`` values
        adds ``1 / (m - 1)`` per ordered pair of values from different coders), ``n_c`` its
        margins and ``n`` their sum, ``alpha = 1 - (n - 1) * sum_{c != k} o_ck /
        sum_{c != k} n_c n_k`` (Krippendorff 2011, section C). NaN when nothing is pairable or
        every value is the same (alpha is undefined without variation).

    Examples
    --------
    Krippendorff (2011), section A: two coders, ten units, binary values.

    >>> ben = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    >>> gerry = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    >>> round(krippendorff_alpha(zip(ben, gerry, strict=True)), 3)
    0.095
    """
    coincidences: Counter = Counter()
    for unit in units:
        values = [value for value in unit if not _is_missing(value)]
        if len(values) < 2:
            continue
        counts = Counter(values)
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                pairs = n_c * (n_k - 1) if c == k else n_c * n_k
                if pairs:
                    coincidences[(c, k)] += pairs / (len(values) - 1)
    margins: Counter = Counter()
    for (c, _), weight in coincidences.items():
        margins[c] += weight
    n = sum(margins.values())
    expected = (n * n - sum(value * value for value in margins.values())) / (n - 1) if n > 1 else 0
    if n <= 1 or math.isclose(expected, 0.0, abs_tol=1e-12):
        return math.nan
    observed = sum(weight for (c, k), weight in coincidences.items() if c != k)
    return 1 - observed / expected


def _is_missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def label_agreement(
    codings: Mapping[str, Any] | Sequence[Any],
    labels: Sequence[str] = ("kind", "cue_category", "source_type"),
) -> pd.DataFrame:
    """Krippendorff's alpha (nominal) for attribution labels across two or more coders.

    The units are the attributions: within an article, each coder's attributions are paired
    one to one with those found so far by the overlap of their cues (the first coder's make
    the first units; an attribution no earlier coder has is a new unit). A coder contributes a
    unit's value when they have the attribution and coded the label; a unit needs values from
    two coders to count. So alpha measures agreement on the labels of attributions the coders
    both found; :func:`coder_agreement` measures agreement on finding them.

    Parameters
    ----------
    codings
        As for :func:`coder_agreement`.
    labels
        Labels to compare: any of ``kind``, ``cue_category``, ``source_type``.

    Returns
    -------
    pandas.DataFrame
        One row per label: ``label``, ``alpha`` (:func:`krippendorff_alpha`), ``n_units``
        (attributions with the label coded by at least two coders), ``n_values`` (the values
        in those units) and ``n_coders``.

    Examples
    --------
    >>> text = "Ann said it rained. Bo denied it."
    >>> one = pd.DataFrame({"article_id": ["a", "a"], "cue_start": [4, 23], "cue_end": [8, 29],
    ...     "cue_category": ["neutral", "denial"]})
    >>> two = one.assign(cue_category=["neutral", "argumentative"])
    >>> articles = pd.DataFrame({"article_id": ["a"], "text": [text], "status": ["ok"]})
    >>> table = label_agreement({"ann": {"articles": articles, "attributions": one},
    ...                          "bo": {"articles": articles, "attributions": two}},
    ...                         labels=["cue_category"])
    >>> table[["label", "n_units", "n_values", "n_coders"]].values.tolist()
    [['cue_category', 2, 4, 2]]
    """
    unknown = [label for label in labels if label not in LABELS]
    if unknown:
        raise ValueError(f"labels must be among {', '.join(LABELS)}; unknown: {unknown}")
    named = _named_codings(codings)
    sides = {name: _side(value, name) for name, value in named.items()}
    for side in sides.values():
        if side.articles is None:
            raise ValueError(
                f"{side.name}: give a brat folder or tables with their articles, not a bare table"
            )
    texts: dict[str, str] = {}
    for side in sides.values():
        for article_id, text in side.texts.items():
            texts.setdefault(article_id, text)
    units: list[dict[str, dict[str, Any]]] = []
    for article_id in sorted(texts):
        article_units: list[tuple[Span, dict[str, dict[str, Any]]]] = []
        for name, side in sides.items():
            if article_id not in side.texts:
                continue
            if side.texts[article_id] != texts[article_id]:
                _warn(f"article {article_id!r}: {name} coded another text; left out for {name}")
                continue
            rows, spans = _rows_with_spans(side.attributions, "cue", article_id, texts[article_id])
            _, overlap = match_spans([span for span, _ in article_units], spans)
            for i, j in overlap:
                article_units[i][1][name] = rows[j]
            matched = {j for _, j in overlap}
            article_units += [
                (span, {name: rows[j]}) for j, span in enumerate(spans) if j not in matched
            ]
        units += [coded for _, coded in article_units]
    result = []
    for label in labels:
        table = [
            [_label(unit[name], label) if name in unit else None for name in sides]
            for unit in units
        ]
        pairable = [row for row in table if sum(value is not None for value in row) >= 2]
        result.append(
            {
                "label": label,
                "alpha": krippendorff_alpha(table),
                "n_units": len(pairable),
                "n_values": sum(value is not None for row in pairable for value in row),
                "n_coders": len(sides),
            }
        )
    return pd.DataFrame(result, columns=["label", "alpha", "n_units", "n_values", "n_coders"])


# --- printing -------------------------------------------------------------------------------


def format_scores(scores: pd.DataFrame) -> str:
    """The score table as text, one line per row: micro P, R and F1 with their intervals,
    macro F1, and the counts (what ``python -m analysis score`` prints).

    Examples
    --------
    >>> text = "Ann said it rained."
    >>> gold = pd.DataFrame({"article_id": ["a"], "cue_start": [4], "cue_end": [8]})
    >>> lines = format_scores(score_attributions(gold, gold, texts={"a": text})).splitlines()
    >>> lines[0].split()[:6]
    ['role', 'matching', 'P', '[95%', 'interval]', 'R']
    >>> lines[3].split()
    ['Cue', 'exact', '1.000', '1.000', '1.000', '1.000', '1', '1', '1']
    """

    def figure(row: Mapping[str, Any], name: str) -> str:
        low, high = row[f"{name}_low"], row[f"{name}_high"]
        interval = "" if pd.isna(low) else f"[{low:.2f}, {high:.2f}]"
        return f"{row[name]:.3f} {interval:<12}"

    lines = [
        f"{'role':8} {'matching':8} {'P [95% interval]':<18} {'R [95% interval]':<18} "
        f"{'F1 [95% interval]':<18} {'macro F1':>8} {'gold':>6} {'predicted':>9} {'articles':>8}"
    ]
    for row in scores.to_dict("records"):
        macro = "" if pd.isna(row["macro_f1"]) else f"{row['macro_f1']:.3f}"
        lines.append(
            f"{row['role']:8} {row['matching']:8} {figure(row, 'precision')} "
            f"{figure(row, 'recall')} {figure(row, 'f1')} {macro:>8} {row['gold']:>6} "
            f"{row['predicted']:>9} {row['n_articles']:>8}"
        )
    return "\n".join(lines)


# --- a sample to code -----------------------------------------------------------------------


def _allocate(sizes: pd.Series, n: int) -> pd.Series:
    """Proportional allocation of ``n`` over strata of ``sizes``, largest remainders first
    (ties: the strata's order)."""
    quotas = sizes * n / sizes.sum()
    allocation = np.floor(quotas).astype(int)
    left = n - int(allocation.sum())
    remainders = (quotas - allocation).to_numpy()
    for position in np.argsort(-remainders, kind="stable")[:left]:
        allocation.iloc[position] += 1
    return allocation


def sample_for_coding(
    parsed: Mapping[str, pd.DataFrame] | pd.DataFrame,
    n: int,
    by: str | None = None,
    seed: int = 0,
    *,
    out: str | os.PathLike,
    with_predictions: bool = False,
) -> pd.DataFrame:
    """Draw a random sample of articles and write it as a brat folder to code.

    Parameters
    ----------
    parsed
        Parsed tables (:func:`analysis.parse`, :func:`analysis.read_tables`), an ``articles``
        table (:func:`analysis.load_articles`), or a path: the output folder of a parse, or a
        corpus (anything :func:`analysis.load_articles` reads; its articles are read, and
        parsed only if ``with_predictions``, and then only the sample). Only articles whose
        ``status`` is ``ok`` are drawn.
    n
        How many articles.
    by
        A column of ``articles`` to stratify by (``outlet``, ``date``): each stratum gets a
        share of ``n`` proportional to its number of articles (largest remainders rounded up),
        so small strata may get none; missing values form a stratum of their own.
    seed
        Seed of ``numpy.random.default_rng``: the same corpus, ``n``, ``by`` and seed give the
        same sample and the same files, whatever the order of the articles.
    out
        The folder to write (new or empty: a folder holding anything is refused, so that a
        sample being coded is never overwritten).
    with_predictions
        Pre-fill each ``.ann`` with the tool's attributions (with their kind, cue category and
        source type), quotations and hedges, for coders to correct rather than code blind
        (correcting is faster but anchors the coders on the tool; score blind codings to
        validate). The tables' own, when ``parsed`` has them; otherwise the sample is parsed.

    Returns
    -------
    pandas.DataFrame
        The sample, also written as ``out/sample.csv``: ``article_id``, ``stratum`` (the
        ``by`` value; missing without ``by``), ``n_stratum`` (articles of the stratum in the
        corpus), ``n_sampled`` (drawn from it), ``weight`` (``n_stratum / n_sampled``, for
        estimates over the corpus) and ``file`` (the text's path in ``out``).

    Notes
    -----
    ``out`` gets ``<article_id>.txt`` (the text, byte for byte as parsed) and
    ``<article_id>.ann`` per article (ids with ``/`` make subfolders), ``annotation.conf`` and
    ``visual.conf`` (:func:`analysis.brat.write_brat_config`) and ``sample.csv``: copied into
    brat's ``data/`` folder, it opens as it is.

    Examples
    --------
    >>> import tempfile
    >>> import analysis
    >>> parsed = analysis.parse(["Ann said it rained.", "It snowed.", "Bo said so."])
    >>> sample = sample_for_coding(parsed, 2, seed=1, out=tempfile.mkdtemp())
    >>> sample["article_id"].tolist()
    ['0', '1']
    """
    if isinstance(parsed, str | os.PathLike):
        parsed = _read_corpus(Path(parsed))
    articles = parsed["articles"] if isinstance(parsed, Mapping) else parsed
    if not isinstance(articles, pd.DataFrame) or not {"article_id", "text"} <= set(articles):
        raise ValueError(
            "parsed must be parsed tables or an articles table with article_id and text"
        )
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise ValueError(f"n must be a positive number of articles, not {n!r}")
    eligible = articles
    if "status" in articles.columns:
        eligible = articles[articles["status"].astype("string") == "ok"]
    eligible = eligible.assign(article_id=eligible["article_id"].astype(str))
    eligible = eligible.sort_values("article_id", kind="stable").reset_index(drop=True)
    if n > len(eligible):
        raise ValueError(
            f"the corpus has {len(eligible)} parsed article(s) (status ok); "
            "ask for at most that many"
        )
    if by is not None and by not in articles.columns:
        raise ValueError(
            f"by must be a column of articles ({', '.join(articles.columns)}), not {by!r}"
        )
    folder = Path(out)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise FileExistsError(
            f"{folder} exists and is not an empty folder; sample into a new folder (a sample "
            "being coded is never overwritten)"
        )
    rng = np.random.default_rng(seed)
    strata = (
        eligible[by].astype("string")
        if by is not None
        else pd.Series(pd.NA, index=eligible.index, dtype="string")
    )
    keys = strata.fillna("\uffff(missing)")  # missing values: a stratum sorted last
    sizes = keys.value_counts().sort_index()
    allocation = _allocate(sizes, n)
    chosen = []
    for key, quota in allocation.items():
        members = np.flatnonzero((keys == key).to_numpy())
        picked = np.sort(rng.choice(members, size=int(quota), replace=False)) if quota else []
        for position in picked:
            chosen.append((int(position), int(sizes[key]), int(quota)))
    chosen.sort()
    sample = eligible.iloc[[position for position, _, _ in chosen]].reset_index(drop=True)
    listing = pd.DataFrame(
        {
            "article_id": sample["article_id"].astype("string"),
            "stratum": strata.iloc[[position for position, _, _ in chosen]].reset_index(drop=True),
            "n_stratum": [size for _, size, _ in chosen],
            "n_sampled": [quota for _, _, quota in chosen],
        }
    )
    listing["weight"] = listing["n_stratum"] / listing["n_sampled"]
    listing["file"] = [f"{article_id}.txt" for article_id in listing["article_id"]]
    predictions = _predictions(parsed, sample) if with_predictions else {}
    folder.mkdir(parents=True, exist_ok=True)
    write_brat(
        predictions.get(
            "attributions", pd.DataFrame(columns=["article_id", "cue_start", "cue_end"])
        ),
        sample[["article_id", "text"]],
        folder,
        quotes=predictions.get("quotes"),
        hedges=predictions.get("hedges"),
    )
    write_brat_config(folder)
    listing.to_csv(folder / "sample.csv", index=False, lineterminator="\n")
    return listing


def _read_corpus(path: Path) -> Mapping[str, pd.DataFrame] | pd.DataFrame:
    """A parse output folder's tables, or a corpus's articles."""
    if not path.exists():
        raise ValueError(f"no file or folder at {path}; give a corpus or a parse output folder")
    if path.is_dir() and _is_table_folder(path):
        present = [table for table in _PARSED_TABLES if _is_table_folder(path, table)]
        return read_tables(path, tables=present)
    return load_articles(path)


def _predictions(
    parsed: Mapping[str, pd.DataFrame] | pd.DataFrame, sample: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    """The tool's attributions (with source types), quotes and hedges of the sampled articles."""
    if isinstance(parsed, Mapping) and "attributions" in parsed:
        tables = parsed
    else:
        records = pd.DataFrame({"id": sample["article_id"], "text": sample["text"]})
        tables = parse(records)
    ids = set(sample["article_id"])
    result = {}
    attributions = _with_source_type(tables)
    for name, frame in (
        ("attributions", attributions),
        ("quotes", tables.get("quotes")),
        ("hedges", tables.get("hedges")),
    ):
        if frame is not None:
            result[name] = frame[frame["article_id"].astype(str).isin(ids)]
    return result
