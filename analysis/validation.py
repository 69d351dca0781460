"""Validation against hand coding: spans of a coding and of the predictions, matched and scored.

**Scoring convention** (that of ``benchmarks/attributions.py``, which imports these
functions). Each attribution gives one span per role it has (a source shared by two
attributions counts twice). A span is a tuple of ``(start, end)`` pieces: every piece for
Content (``content_spans``), the outer ``start``/``end`` for Source and Cue. Each piece is
stripped of white space on both sides. *Exact*: the same pieces. *Overlap*: at least one
character in common, matched one to one (exact pairs first, then greedily by the number of
shared characters). Spans match only within their article.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from analysis.brat import parse_spans

__all__ = [
    "ROLES",
    "Span",
    "match_spans",
    "row_span",
    "score_role",
    "shared_characters",
    "spans_by_article",
    "strip_piece",
]

#: The roles of an attribution, in the order they are scored.
ROLES = ("source", "cue", "content")

#: A span: its ``(start, end)`` pieces, sorted.
Span = tuple[tuple[int, int], ...]

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
