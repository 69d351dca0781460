"""The whole pipeline: a corpus in, a bundle of tables out.

Articles are parsed one at a time (:func:`parse_article`); an exception while parsing one is
recorded in that article's row (``status`` = ``"error"``, ``error`` naming the stage) and the
corpus goes on.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from analysis.articles import articles_frame, iter_records, make_article_row
from analysis.segment import Segmenter, article_sentences, default_segmenter
from analysis.tables import SENTENCE_COLUMNS, Tables, conform

__all__ = ["parse", "parse_article", "parse_records"]


def parse_article(
    record: dict[str, Any], segmenter: Segmenter | None = None
) -> tuple[dict[str, Any], dict[str, pd.DataFrame]]:
    """Parse one raw record (from :func:`analysis.articles.iter_records`).

    Returns the finished ``articles`` row and the article's rows of every other table. Never
    raises for a bad article: the failure is recorded in the row.
    """
    stage = "articles"
    try:
        row = make_article_row(record)
        stage = "sentences"
        sentences = article_sentences(row, segmenter or default_segmenter())
    except Exception as error:  # noqa: BLE001 - one article must not stop a corpus
        row = {k: v for k, v in record.items() if k != "text"}
        row.update(status="error", text=None, n_chars=0, n_words=0)
        row["error"] = f"{stage}: {type(error).__name__}: {error}"
        return row, {}
    if row["status"] == "ok":
        row["n_sentences"] = len(sentences)
    return row, {"sentences": sentences}


def parse_records(
    records: Iterable[dict[str, Any]],
    segmenter: Segmenter | None = None,
    progress: bool = False,
    total: int | None = None,
) -> Tables:
    """Parse raw records into tables, optionally with a progress bar on stderr."""
    if progress:
        from tqdm.auto import tqdm

        records = tqdm(
            records, total=total, unit=" articles", mininterval=0.5, delay=1.0, leave=False
        )
    rows, pieces = [], {"sentences": []}
    for record in records:
        row, tables = parse_article(record, segmenter)
        rows.append(row)
        for name, frame in tables.items():
            if len(frame):
                pieces[name].append(frame)
    sentences = (
        pd.concat(pieces["sentences"], ignore_index=True)
        if pieces["sentences"]
        else conform(pd.DataFrame(), SENTENCE_COLUMNS)
    )
    return Tables({"articles": articles_frame(rows), "sentences": sentences})


def parse(
    source: Any,
    *,
    train_segmenter: bool = False,
    segmenter: Segmenter | None = None,
    progress: bool = False,
) -> Tables:
    """Parse a corpus into its tables.

    Parameters
    ----------
    source
        Anything :func:`analysis.load_articles` accepts: a ``.txt`` file, a folder, a
        ``.jsonl``/``.csv``/``.parquet`` table, a DataFrame with a ``text`` column, a list of
        strings.
    train_segmenter
        Also train Punkt on this corpus's texts (see :meth:`Segmenter.trained`). Off by default,
        so that an article's sentences do not depend on what else is in the corpus.
    segmenter
        A ready :class:`~analysis.segment.Segmenter` (overrides ``train_segmenter``).
    progress
        Show a progress bar on stderr.

    Returns
    -------
    Tables
        ``articles`` and ``sentences`` (see the README for every column).

    Examples
    --------
    >>> parsed = parse(["LONDON (Reuters) - Prices rose. Shares fell."])
    >>> parsed.sentences[["part", "text"]].values.tolist()
    [['dateline', 'LONDON (Reuters) -'], ['body', 'Prices rose.'], ['body', 'Shares fell.']]
    """
    records: Iterable[dict[str, Any]] = iter_records(source)
    if segmenter is None and train_segmenter:
        records = list(records)
        segmenter = Segmenter.trained(r["text"] for r in records if r.get("text"))
    return parse_records(records, segmenter, progress=progress)
