"""The whole pipeline: a corpus in, a bundle of tables out.

Articles are parsed one at a time (:func:`parse_article`); an exception while parsing one is
recorded in that article's row (``status`` = ``"error"``, ``error`` naming the stage) and the
corpus goes on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from analysis.articles import articles_frame, iter_records, make_article_row
from analysis.attribution import ATTRIBUTION_METHODS, attribution_columns, link_quotes
from analysis.attribution_model import AttributionModel, attribution_model
from analysis.hedge_model import load_hedge_model
from analysis.hedging import HEDGE_METHODS, hedge_columns
from analysis.quotes import find_quotes, quote_columns
from analysis.segment import (
    Segmenter,
    default_segmenter,
    sentence_columns,
    words_of_sentences,
)
from analysis.sources import source_columns
from analysis.tables import TABLE_SCHEMAS, Tables, frame_from_columns

#: The tables built for every article, after ``articles``.
ARTICLE_TABLES = ("sentences", "quotes", "attributions", "sources", "hedges")

__all__ = ["Methods", "parse", "parse_article", "parse_records"]


@dataclass(frozen=True, slots=True)
class Methods:
    """How the ``attributions`` and ``hedges`` tables are made: one of
    :data:`analysis.attribution.ATTRIBUTION_METHODS` and one of
    :data:`analysis.hedging.HEDGE_METHODS` (the first of each is the default).

    Examples
    --------
    >>> Methods(attribution="rules").attribution
    'rules'
    >>> Methods(attribution="guess")
    Traceback (most recent call last):
    ...
    ValueError: attribution must be one of 'model', 'rules', not 'guess'
    """

    attribution: str = ATTRIBUTION_METHODS[0]
    hedges: str = HEDGE_METHODS[0]
    #: The attribution model's file for ``attribution="model"``: ``None`` (the default) for the
    #: shipped model, or a file written by ``python -m analysis.train attributions --out FILE``
    #: (a model trained on other data, or on part of PolNeAR for cross-validation).
    attribution_file: str | None = None

    def __post_init__(self) -> None:
        for name, allowed in (("attribution", ATTRIBUTION_METHODS), ("hedges", HEDGE_METHODS)):
            value = getattr(self, name)
            if value not in allowed:
                choices = ", ".join(repr(choice) for choice in allowed)
                raise ValueError(f"{name} must be one of {choices}, not {value!r}")
        if self.attribution_file is not None and self.attribution != "model":
            raise ValueError(
                f"attribution_file is read only with attribution='model', not {self.attribution!r}"
            )

    def attribution_reviser(self) -> AttributionModel | None:
        """The trained model that revises the rules' attributions, or ``None`` for the rules
        alone. Loaded once per process; raises
        :class:`~analysis.attribution_model.ModelUnavailable` when its file is missing."""
        if self.attribution != "model":
            return None
        return attribution_model(self.attribution_file)

    def check(self) -> None:
        """Load the models the methods need, so that a missing model stops a run before it
        starts, naming the file and the fix, instead of failing every article."""
        self.attribution_reviser()
        if self.hedges == "model":
            load_hedge_model()


DEFAULT_METHODS = Methods()


def parse_article(
    record: dict[str, Any], segmenter: Segmenter | None = None, methods: Methods | None = None
) -> tuple[dict[str, Any], dict[str, dict[str, list]]]:
    """Parse one raw record (from :func:`analysis.articles.iter_records`), with ``methods``
    (default: :class:`Methods` ()).

    Returns the finished ``articles`` row and the article's rows of every other table, as
    column lists (tables are built once per corpus, not once per article). Never raises for a
    bad article: the failure is recorded in the row, with the stage that failed.
    """
    methods = methods or DEFAULT_METHODS
    stage = "articles"
    try:
        row = make_article_row(record, words=False)
        if row["status"] != "ok":
            return row, {}
        stage = "sentences"
        sentences = sentence_columns(row, segmenter or default_segmenter())
        row["n_sentences"] = len(sentences["sentence_id"])
        row["n_words"] = words_of_sentences(row["text"], sentences)
        article_id, text = row["article_id"], row["text"]
        stage = "quotes"
        quote_spans = find_quotes(text)
        quotes = quote_columns(article_id, text, sentences, quote_spans)
        stage = "attributions"
        attributions = attribution_columns(
            article_id, text, sentences, quote_spans, methods.attribution_reviser()
        )
        quotes = link_quotes(quotes, attributions)
        stage = "sources"
        attributions["source_id"], sources = source_columns(article_id, attributions, text, quotes)
        stage = "hedges"
        hedges = hedge_columns(
            article_id, text, sentences, quote_spans, attributions, method=methods.hedges
        )
    except Exception as error:  # noqa: BLE001 - one article must not stop a corpus
        row = {k: v for k, v in record.items() if k != "text"}
        row.update(status="error", text=None, n_chars=0, n_words=0)
        row["error"] = f"{stage}: {type(error).__name__}: {error}"
        return row, {}
    return row, {
        "sentences": sentences,
        "quotes": quotes,
        "attributions": attributions,
        "sources": sources,
        "hedges": hedges,
    }


def parse_records(
    records: Iterable[dict[str, Any]],
    segmenter: Segmenter | None = None,
    progress: bool = False,
    total: int | None = None,
    train_segmenter: bool = False,
    methods: Methods | None = None,
) -> Tables:
    """Parse raw records into tables, optionally with a progress bar on stderr.

    With ``train_segmenter`` (and no ``segmenter``), Punkt is first trained on the records'
    texts, which are then all held in memory.
    """
    (methods or DEFAULT_METHODS).check()
    if segmenter is None and train_segmenter:
        records = list(records)
        segmenter = Segmenter.trained(r["text"] for r in records if r.get("text"))
    if progress:
        try:  # a notebook widget bar needs ipywidgets; without it, the text bar
            import ipywidgets  # noqa: F401
            from tqdm.auto import tqdm
        except ImportError:
            from tqdm import tqdm

        records = tqdm(
            records, total=total, unit=" articles", mininterval=0.5, delay=1.0, leave=False
        )
    rows, columns = parse_to_columns(records, segmenter, methods)
    tables = {"articles": articles_frame(rows)}
    for name in ARTICLE_TABLES:
        tables[name] = frame_from_columns(columns[name], TABLE_SCHEMAS[name])
    return Tables(tables)


def parse_to_columns(
    records: Iterable[dict[str, Any]],
    segmenter: Segmenter | None = None,
    methods: Methods | None = None,
) -> tuple[list[dict[str, Any]], dict[str, dict[str, list]]]:
    """Parse raw records: the ``articles`` rows, and every other table as column lists
    (what :func:`parse_records` makes its DataFrames of)."""
    rows: list[dict[str, Any]] = []
    columns: dict[str, dict[str, list]] = {
        name: {column: [] for column in TABLE_SCHEMAS[name]} for name in ARTICLE_TABLES
    }
    for record in records:
        row, tables = parse_article(record, segmenter, methods)
        rows.append(row)
        for name, table in tables.items():
            for column, values in table.items():
                columns[name][column].extend(values)
    return rows, columns


def parse(
    source: Any,
    *,
    train_segmenter: bool = False,
    segmenter: Segmenter | None = None,
    progress: bool = False,
    attribution: str = ATTRIBUTION_METHODS[0],
    hedges: str = HEDGE_METHODS[0],
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
    attribution
        How attributions are found: one of :data:`analysis.attribution.ATTRIBUTION_METHODS`.
    hedges
        How hedges are found: one of :data:`analysis.hedging.HEDGE_METHODS`.

    Returns
    -------
    Tables
        ``articles``, ``sentences``, ``quotes``, ``attributions``, ``sources`` and ``hedges``
        (every column is described in docs/tables.md).

    Examples
    --------
    >>> parsed = parse(["LONDON (Reuters) - Prices rose. Shares fell."])
    >>> parsed.sentences[["part", "text"]].values.tolist()
    [['dateline', 'LONDON (Reuters) -'], ['body', 'Prices rose.'], ['body', 'Shares fell.']]
    """
    methods = Methods(attribution=attribution, hedges=hedges)  # checked before reading
    return parse_records(
        iter_records(source),
        segmenter,
        progress=progress,
        train_segmenter=train_segmenter,
        methods=methods,
    )
