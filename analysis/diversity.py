"""Source diversity: indices over category labels, per article, per group, with bootstrap
intervals over articles.

Source diversity is measured as the mix of source categories (type, identification, gender,
country) summarised with diversity indices (McDonald & Dimmick 2003; Masini et al. 2018;
Deacon & Stanyer 2021). The unit that is counted is a parameter: each distinct source once
(``"sources"``, the default), each attribution (``"attributions"``: a source quoted three times
counts three times) or each quoted word (``"quoted_words"``).

Indices (:func:`diversity_indices`), for counts n_i of S categories with N = Σ n_i and
p_i = n_i / N:

=====================  ======================================  ===============================
index                  formula                                 edge cases
=====================  ======================================  ===============================
``n``                  N                                       0 with no sources
``richness``           S (categories with n_i > 0)             0 with no sources
``shannon``            H = −Σ p_i ln p_i (natural log)         0 for one category; NaN if N=0
``evenness``           Pielou's J = H / ln S                   NaN when S < 2 (undefined)
``gini_simpson``       1 − Σ p_i²                              0 for one category; NaN if N=0
``inverse_simpson``    1 / Σ p_i²                              1 for one category; NaN if N=0
``simpson_unbiased``   1 − Σ n_i(n_i − 1) / (N(N − 1))         NaN when N < 2
``shannon_relative``   H / ln k (only with ``k``)              NaN when k < 2 or N = 0
``iqv``                k/(k − 1) · (1 − Σ p_i²) (with ``k``)   NaN when k < 2 or N = 0
=====================  ======================================  ===============================
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

__all__ = [
    "UNITS",
    "bootstrap_diversity",
    "diversity_by",
    "diversity_indices",
    "gender_shares",
    "source_mix",
]

#: What a source counts for: once, once per attribution, or once per quoted word.
UNITS = {"sources": None, "attributions": "n_attributions", "quoted_words": "n_quoted_words"}

_INDICES = (
    "n",
    "richness",
    "shannon",
    "evenness",
    "gini_simpson",
    "inverse_simpson",
    "simpson_unbiased",
)


def _counts(labels: Iterable | pd.Series) -> pd.Series:
    if isinstance(labels, pd.Series) and pd.api.types.is_numeric_dtype(labels.dtype):
        counts = labels.astype("float64")
        if (counts < 0).any():
            raise ValueError("counts must not be negative")
        return counts[counts > 0]
    series = pd.Series(list(labels) if not isinstance(labels, pd.Series) else labels)
    return series.dropna().astype(str).value_counts().astype("float64")


def diversity_indices(labels: Iterable | pd.Series, k: int | None = None) -> pd.Series:
    """Diversity indices of a sequence of category labels, or of a Series of counts indexed by
    category (see the module docstring for formulas and edge cases).

    Parameters
    ----------
    labels
        Labels (``["official", "citizen", "official"]``; missing values are ignored), or a
        numeric Series of counts (``pd.Series({"official": 2, "citizen": 1})``).
    k
        The number of possible categories (7 source types, say); adds ``shannon_relative`` and
        ``iqv``.

    Examples
    --------
    >>> diversity_indices(["official", "official", "citizen", "expert"], k=7).round(3).to_dict()
    ... # doctest: +NORMALIZE_WHITESPACE
    {'n': 4.0, 'richness': 3.0, 'shannon': 1.04, 'evenness': 0.946, 'gini_simpson': 0.625,
     'inverse_simpson': 2.667, 'simpson_unbiased': 0.833, 'shannon_relative': 0.534,
     'iqv': 0.729}
    """
    if k is not None and k < 1:
        raise ValueError(f"k is the number of possible categories, at least 1; got {k}")
    counts = _counts(labels)
    total = float(counts.sum())
    richness = int((counts > 0).sum())
    nan = float("nan")
    if total == 0:
        values = {"n": 0.0, "richness": 0.0}
        values.update({name: nan for name in _INDICES[2:]})
    else:
        shares = counts / total
        shannon = float(-(shares * np.log(shares)).sum()) + 0.0  # +0.0: no negative zero
        sum_squares = float((shares**2).sum())
        values = {
            "n": total,
            "richness": float(richness),
            "shannon": shannon,
            "evenness": shannon / np.log(richness) if richness >= 2 else nan,
            "gini_simpson": 1.0 - sum_squares,
            "inverse_simpson": 1.0 / sum_squares,
            "simpson_unbiased": (
                1.0 - float((counts * (counts - 1)).sum()) / (total * (total - 1))
                if total >= 2
                else nan
            ),
        }
    if k is not None:
        defined = k >= 2 and total > 0
        values["shannon_relative"] = values["shannon"] / np.log(k) if defined else nan
        values["iqv"] = k / (k - 1) * values["gini_simpson"] if defined else nan
    return pd.Series(values, dtype="float64", name="diversity")


def _weighted_sources(tables: Mapping[str, pd.DataFrame], column: str, unit: str) -> pd.DataFrame:
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    try:
        sources = tables["sources"]
    except KeyError:
        raise ValueError("the 'sources' table is needed; pass analysis.parse(...)") from None
    if column not in sources.columns:
        raise ValueError(
            f"sources has no column {column!r}; use one of: {', '.join(sources.columns)}"
        )
    weight = UNITS[unit]
    frame = pd.DataFrame(
        {
            "article_id": sources["article_id"].astype("string"),
            "label": sources[column].astype("object").where(sources[column].notna(), None),
            "weight": 1.0 if weight is None else sources[weight].astype("float64"),
        }
    )
    return frame


def _group_keys(
    tables: Mapping[str, pd.DataFrame], frame: pd.DataFrame, by: str | Sequence[str] | None
) -> tuple[pd.DataFrame, list[str]]:
    if by is None:
        return frame, ["article_id"]
    articles = tables["articles"]
    keys = [by] if isinstance(by, str) else list(by)
    missing = [key for key in keys if key not in articles.columns]
    if missing:
        raise ValueError(
            f"articles has no column {missing[0]!r}; group by one of: {', '.join(articles.columns)}"
        )
    groups = articles.set_index(articles["article_id"].astype("string"))[keys]
    return frame.join(groups, on="article_id"), keys


def source_mix(
    tables: Mapping[str, pd.DataFrame],
    column: str = "type",
    by: str | Sequence[str] | None = None,
    unit: str = "sources",
    shares: bool = True,
) -> pd.DataFrame:
    """Counts (or shares) of each category of a ``sources`` column, per article (``by=None``)
    or per group of articles (``by``: columns of ``articles``, e.g. ``"outlet"``).

    Rows: articles or groups (articles without sources are left out); columns: the categories
    (every category of a categorical column, in its order). Shares sum to 1 per row.
    """
    frame, keys = _group_keys(tables, _weighted_sources(tables, column, unit), by)
    frame = frame.dropna(subset=["label"])
    table = frame.pivot_table(
        index=keys, columns="label", values="weight", aggfunc="sum", fill_value=0.0
    )
    categories = tables["sources"][column].dtype
    if isinstance(categories, pd.CategoricalDtype):
        table = table.reindex(columns=list(categories.categories), fill_value=0.0)
    table.columns.name = column
    if shares:
        totals = table.sum(axis=1)
        table = table.div(totals.where(totals > 0), axis=0)
    return table


def gender_shares(
    tables: Mapping[str, pd.DataFrame],
    by: str | Sequence[str] | None = None,
    unit: str = "sources",
) -> pd.DataFrame:
    """Women's and men's shares of sources, the Gender Gap Tracker's way and without unknowns.

    Columns: ``n`` (counted units), ``female``, ``male``, ``unknown`` (shares of all units,
    unknowns in the denominator), ``female_of_known`` and ``male_of_known`` (shares of units
    whose gender is known; NaN when none is). Only ``person`` sources count: an institution
    has no gender. With ``by=None`` one row for the whole corpus; else one per group.
    """
    frame = _weighted_sources(tables, "gender", unit)
    frame = frame[tables["sources"]["kind"].astype("object").to_numpy() == "person"]
    if by is None:
        frame = frame.assign(corpus="all")
        keys = ["corpus"]
    else:
        frame, keys = _group_keys(tables, frame, by)
    counts = frame.pivot_table(
        index=keys, columns="label", values="weight", aggfunc="sum", fill_value=0.0
    ).reindex(columns=["female", "male", "unknown"], fill_value=0.0)
    total = counts.sum(axis=1)
    known = counts["female"] + counts["male"]
    result = pd.DataFrame(index=counts.index)
    result["n"] = total
    for label in ("female", "male", "unknown"):
        result[label] = counts[label] / total.where(total > 0)
    result["female_of_known"] = counts["female"] / known.where(known > 0)
    result["male_of_known"] = counts["male"] / known.where(known > 0)
    return result


def diversity_by(
    tables: Mapping[str, pd.DataFrame],
    column: str = "type",
    by: str | Sequence[str] | None = None,
    unit: str = "sources",
    k: int | None = None,
) -> pd.DataFrame:
    """:func:`diversity_indices` of a ``sources`` column per article (``by=None``; every article,
    those without sources with ``n`` 0) or per group of articles. ``k`` defaults to the number
    of categories of a categorical column (7 source types)."""
    counts = source_mix(tables, column, by=by, unit=unit, shares=False)
    if k is None and isinstance(tables["sources"][column].dtype, pd.CategoricalDtype):
        k = len(tables["sources"][column].dtype.categories)
    rows = {key: diversity_indices(row, k=k) for key, row in counts.iterrows()}
    result = pd.DataFrame.from_dict(rows, orient="index")
    if by is None:
        ids = pd.Index(tables["articles"]["article_id"].astype("string"), name="article_id")
        empty = diversity_indices([], k=k)
        result = result.reindex(ids)
        result.loc[result["n"].isna()] = empty.to_numpy()
    else:
        result.index.names = counts.index.names
    return result


def bootstrap_diversity(
    tables: Mapping[str, pd.DataFrame],
    column: str = "type",
    unit: str = "sources",
    k: int | None = None,
    n_boot: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Corpus-level diversity indices with percentile bootstrap intervals over articles.

    The corpus's category counts are pooled over its articles; each bootstrap replicate draws
    as many articles with replacement (so the sources of one article stay together) and
    recomputes the indices. Rows: the indices; columns: ``estimate``, ``low``, ``high``. With
    a single article the interval is just the estimate (nothing to resample), and the
    interval is NaN where an index is undefined in too many replicates.
    """
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, not {confidence}")
    counts = source_mix(tables, column, unit=unit, shares=False)
    if k is None and isinstance(tables["sources"][column].dtype, pd.CategoricalDtype):
        k = len(tables["sources"][column].dtype.categories)
    estimate = diversity_indices(counts.sum(axis=0), k=k)
    rng = np.random.default_rng(seed)
    matrix = counts.to_numpy()
    replicates = []
    if len(matrix) > 1:
        for _ in range(n_boot):
            sample = matrix[rng.integers(0, len(matrix), len(matrix))].sum(axis=0)
            replicates.append(diversity_indices(pd.Series(sample, index=counts.columns), k=k))
        draws = pd.DataFrame(replicates)
        tail = (1 - confidence) / 2
        low = draws.quantile(tail)
        high = draws.quantile(1 - tail)
    else:
        low = high = estimate
    return pd.DataFrame({"estimate": estimate, "low": low, "high": high})
