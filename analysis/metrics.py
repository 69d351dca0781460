"""Per-article and per-group measures computed from the parsed tables.

Every function takes the tables (a :class:`~analysis.tables.Tables` bundle, or any mapping
with the tables it needs) and returns a new DataFrame; nothing is printed or plotted. Rates are
per 100 *body* words (the byline, dateline and credits are not counted), so that articles of
different lengths compare. An article with no body words has missing rates, never a division
by zero.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.tables import HEDGE_CATEGORIES, HEDGE_VOICES

__all__ = ["article_hedging", "hedging_by_group"]

#: Count columns of :func:`article_hedging` (summed when articles are grouped).
_HEDGE_COUNTS = (
    ["n_body_words", "n_body_sentences", "n_hedges", "n_boosters", "n_sentences_hedged"]
    + [f"n_{voice}" for voice in HEDGE_VOICES]
    + [f"n_{category}" for category in HEDGE_CATEGORIES]
)


def _table(tables: Mapping[str, pd.DataFrame], name: str) -> pd.DataFrame:
    try:
        return tables[name]
    except KeyError:
        raise ValueError(
            f"the {name!r} table is needed; pass the result of analysis.parse(...) or "
            "analysis.read_tables(...)"
        ) from None


def _hedge_counts(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    articles = _table(tables, "articles")
    sentences = _table(tables, "sentences")
    hedges = _table(tables, "hedges")
    ids = pd.Index(articles["article_id"].astype("string"), name="article_id")
    body = sentences[sentences["part"] == "body"]
    counts = pd.DataFrame(index=ids)
    counts["n_body_words"] = body.groupby("article_id")["n_words"].sum()
    counts["n_body_sentences"] = body.groupby("article_id").size()
    body_keys = pd.MultiIndex.from_frame(body[["article_id", "sentence_id"]])
    in_body = pd.MultiIndex.from_frame(hedges[["article_id", "sentence_id"]]).isin(body_keys)
    hedges = hedges[in_body]
    is_hedge = hedges["polarity"] == "hedge"
    counts["n_hedges"] = is_hedge.groupby(hedges["article_id"]).sum()
    counts["n_boosters"] = (~is_hedge).groupby(hedges["article_id"]).sum()
    counts["n_sentences_hedged"] = hedges[is_hedge].groupby("article_id")["sentence_id"].nunique()
    for voice in HEDGE_VOICES:
        counts[f"n_{voice}"] = (
            (is_hedge & (hedges["voice"] == voice)).groupby(hedges["article_id"]).sum()
        )
    by_category = hedges.groupby(["article_id", "category"], observed=False).size()
    for category in HEDGE_CATEGORIES:
        counts[f"n_{category}"] = (
            by_category.xs(category, level="category") if len(by_category) else 0
        )
    return counts.fillna(0).astype("int64")


def _rates(counts: pd.DataFrame) -> pd.DataFrame:
    words = counts["n_body_words"].where(counts["n_body_words"] > 0)
    sentences = counts["n_body_sentences"].where(counts["n_body_sentences"] > 0)
    rates = counts.copy()
    rates["hedges_per_100_words"] = 100 * counts["n_hedges"] / words
    rates["boosters_per_100_words"] = 100 * counts["n_boosters"] / words
    rates["share_sentences_hedged"] = counts["n_sentences_hedged"] / sentences
    for voice in HEDGE_VOICES:
        rates[f"{voice}_per_100_words"] = 100 * counts[f"n_{voice}"] / words
    for category in HEDGE_CATEGORIES:
        rates[f"{category}_per_100_words"] = 100 * counts[f"n_{category}"] / words
    return rates.astype({c: "float64" for c in rates.columns if c not in counts.columns})


def article_hedging(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Hedging measures of every article, one row per article (indexed by ``article_id``).

    Columns: the counts ``n_body_words``, ``n_body_sentences``, ``n_hedges`` (polarity
    ``hedge``), ``n_boosters``, ``n_sentences_hedged`` (body sentences with at least one
    hedge), ``n_reporter`` / ``n_source`` (hedges by voice) and ``n_<category>`` for every
    category (boosters included, as ``n_booster``); then the rates ``hedges_per_100_words``,
    ``boosters_per_100_words``, ``share_sentences_hedged``, ``reporter_per_100_words``,
    ``source_per_100_words`` and ``<category>_per_100_words``. Only body sentences count.

    Examples
    --------
    >>> import analysis
    >>> parsed = analysis.parse(["Prices may rise. Officials could not verify the toll."])
    >>> row = article_hedging(parsed).loc["0"]
    >>> int(row["n_hedges"]), int(row["n_body_words"]), float(round(row["hedges_per_100_words"], 1))
    (2, 9, 22.2)
    """
    return _rates(_hedge_counts(tables))


def hedging_by_group(tables: Mapping[str, pd.DataFrame], by: str | Sequence[str]) -> pd.DataFrame:
    """Hedging measures of groups of articles (``by``: columns of ``articles``, e.g. outlet).

    Counts are summed over a group's articles and the rates computed from the sums, so long
    articles weigh more than short ones (a rate of the group's text, not a mean of rates). The
    column ``n_articles`` says how many articles each group has.
    """
    articles = _table(tables, "articles")
    keys = [by] if isinstance(by, str) else list(by)
    missing = [k for k in keys if k not in articles.columns]
    if missing:
        raise ValueError(
            f"articles has no column {missing[0]!r}; group by one of: {', '.join(articles.columns)}"
        )
    counts = _hedge_counts(tables)
    groups = articles.set_index(articles["article_id"].astype("string"))[keys]
    joined = counts.join(groups)
    summed = joined.groupby(keys, dropna=False, observed=True)[list(_HEDGE_COUNTS)].sum()
    summed.insert(0, "n_articles", joined.groupby(keys, dropna=False, observed=True).size())
    rates = _rates(summed.drop(columns="n_articles"))
    rates.insert(0, "n_articles", summed["n_articles"].astype("int64"))
    return rates.replace([np.inf, -np.inf], np.nan)
