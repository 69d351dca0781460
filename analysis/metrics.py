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

__all__ = [
    "article_groups",
    "article_hedging",
    "article_overview",
    "article_quoting",
    "hedging_by_group",
    "sentence_positions",
    "sentence_profile",
    "with_position",
]

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


def _body_counts(articles: pd.DataFrame, sentences: pd.DataFrame):
    """Body words and sentences per article, and a test of which rows lie in body sentences."""
    ids = pd.Index(articles["article_id"].astype("string"), name="article_id")
    body = sentences[sentences["part"] == "body"]
    counts = pd.DataFrame(index=ids)
    counts["n_body_words"] = body.groupby("article_id")["n_words"].sum()
    counts["n_body_sentences"] = body.groupby("article_id").size()
    body_keys = pd.MultiIndex.from_frame(body[["article_id", "sentence_id"]])

    def in_body(frame: pd.DataFrame):
        return pd.MultiIndex.from_frame(frame[["article_id", "sentence_id"]]).isin(body_keys)

    return counts, in_body


def _hedge_counts(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    articles = _table(tables, "articles")
    sentences = _table(tables, "sentences")
    hedges = _table(tables, "hedges")
    counts, in_body = _body_counts(articles, sentences)
    hedges = hedges[in_body(hedges)]
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


def sentence_positions(tables: Mapping[str, pd.DataFrame]) -> pd.Series:
    """Where each body sentence lies in its article, from 0 (first) to 1 (last).

    Position ``(rank + 0.5) / n`` of a sentence's rank among the article's ``n`` body
    sentences, so a one-sentence article's sentence sits at 0.5. Indexed by ``article_id`` and
    ``sentence_id``; the inverted pyramid shows as mass near 0.
    """
    sentences = _table(tables, "sentences")
    body = sentences.loc[sentences["part"] == "body", ["article_id", "sentence_id"]]
    rank = body.groupby("article_id").cumcount()
    size = body.groupby("article_id")["sentence_id"].transform("size")
    position = (rank + 0.5) / size
    return pd.Series(
        position.to_numpy(),
        index=pd.MultiIndex.from_frame(body),
        name="position",
    )


def with_position(frame: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """``frame`` (rows with ``article_id`` and ``sentence_id``) with a ``position`` column
    (:func:`sentence_positions`); rows outside the body get a missing position."""
    positions = sentence_positions(tables)
    keys = pd.MultiIndex.from_frame(frame[["article_id", "sentence_id"]])
    result = frame.copy()
    result["position"] = positions.reindex(keys).to_numpy()
    return result


def article_quoting(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Quotation and attribution measures of every article (indexed by ``article_id``).

    Columns: ``n_body_words``, ``n_body_sentences``, ``n_quotes`` (quotations in body
    sentences, any kind), ``n_quoted_words`` (words inside ``direct`` and ``partial``
    quotations: quoted speech, not titles or nicknames; a quotation nested in another counts
    once), ``share_words_quoted``,
    ``quotes_per_100_sentences``, ``n_attributions``, ``n_direct`` / ``n_mixed`` /
    ``n_indirect`` (attributions by kind) and ``n_cue_<category>`` (attributions by reporting
    cue category, e.g. ``n_cue_neutral``, ``n_cue_distancing``).
    """
    from analysis.tables import ATTRIBUTION_KINDS, CUE_CATEGORIES

    articles = _table(tables, "articles")
    sentences = _table(tables, "sentences")
    quotes = _table(tables, "quotes")
    attributions = _table(tables, "attributions")
    table, in_body = _body_counts(articles, sentences)
    quotes = quotes[in_body(quotes)]
    table["n_quotes"] = quotes.groupby("article_id").size()
    speech = quotes[quotes["kind"].isin(["direct", "partial"])].sort_values(["article_id", "start"])
    # A quotation inside another (a nested or unclosed one) must not count its words twice.
    reach = speech.groupby("article_id")["end"].transform(lambda ends: ends.cummax().shift())
    outermost = speech[~(speech["end"] <= reach)]
    table["n_quoted_words"] = outermost.groupby("article_id")["n_words"].sum()
    table["n_attributions"] = attributions.groupby("article_id").size()
    kinds = attributions.groupby(["article_id", "kind"], observed=False).size()
    cues = attributions.groupby(["article_id", "cue_category"], observed=False).size()
    for kind in ATTRIBUTION_KINDS:
        table[f"n_{kind}"] = kinds.xs(kind, level="kind") if len(kinds) else 0
    for category in CUE_CATEGORIES:
        table[f"n_cue_{category}"] = cues.xs(category, level="cue_category") if len(cues) else 0
    table = table.fillna(0).astype("int64")
    words = table["n_body_words"].where(table["n_body_words"] > 0)
    sentences_n = table["n_body_sentences"].where(table["n_body_sentences"] > 0)
    table["share_words_quoted"] = (table["n_quoted_words"] / words).clip(upper=1.0)
    table["quotes_per_100_sentences"] = 100 * table["n_quotes"] / sentences_n
    return table


def sentence_profile(tables: Mapping[str, pd.DataFrame], article_id: str) -> pd.DataFrame:
    """What each body sentence of one article holds, for a sentence-by-sentence strip chart.

    Indexed by ``sentence_id``; columns count the sentence's ``quotation``s,
    ``attribution``s, ``hedge (reporter)``, ``hedge (source)`` and ``booster``s.
    """
    sentences = _table(tables, "sentences")
    body = sentences[(sentences["article_id"] == article_id) & (sentences["part"] == "body")]
    if body.empty and not (_table(tables, "articles")["article_id"] == article_id).any():
        raise ValueError(f"no article {article_id!r} in these tables")
    index = pd.Index(body["sentence_id"].astype("int64"), name="sentence_id")

    def count(frame: pd.DataFrame) -> pd.Series:
        frame = frame[frame["article_id"] == article_id]
        return frame.groupby("sentence_id").size().reindex(index, fill_value=0)

    hedges = _table(tables, "hedges")
    is_hedge = hedges["polarity"] == "hedge"
    return pd.DataFrame(
        {
            "quotation": count(_table(tables, "quotes")),
            "attribution": count(_table(tables, "attributions")),
            "hedge (reporter)": count(hedges[is_hedge & (hedges["voice"] == "reporter")]),
            "hedge (source)": count(hedges[is_hedge & (hedges["voice"] == "source")]),
            "booster": count(hedges[~is_hedge]),
        },
        index=index,
    )


def article_overview(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per article: its metadata and how much of each table it produced.

    Columns: ``title``, ``outlet``, ``agency``, ``date``, ``status``, ``n_words`` (whole
    text), ``n_body_words``, ``n_body_sentences``, ``n_quotes``, ``n_attributions``,
    ``n_sources`` and ``n_hedges`` (polarity ``hedge``).
    """
    articles = _table(tables, "articles")
    overview = articles.set_index(articles["article_id"].astype("string"))[
        ["title", "outlet", "agency", "date", "status", "n_words"]
    ]
    quoting = article_quoting(tables)
    overview = overview.join(
        quoting[["n_body_words", "n_body_sentences", "n_quotes", "n_attributions"]]
    )
    sources = _table(tables, "sources")
    overview["n_sources"] = (
        sources.groupby("article_id").size().reindex(overview.index, fill_value=0)
    )
    overview["n_hedges"] = article_hedging(tables)["n_hedges"]
    overview.index.name = "article_id"
    return overview


def article_groups(tables: Mapping[str, pd.DataFrame]) -> pd.Series | None:
    """The natural grouping of a corpus's articles, for charts by group.

    The ``outlet`` column when it has values, else ``agency``, else the first folder of the
    article ids (``business/001`` is in ``business``), else the publication ``year`` (or
    ``month``, when the dates span less than three years) from ``date``; ``None`` when none of
    these splits the corpus into two or more groups. Indexed by ``article_id``, named after its
    origin (``outlet``, ``agency``, ``folder``, ``year``, ``month``).
    """
    articles = _table(tables, "articles")
    index = pd.Index(articles["article_id"].astype("string"), name="article_id")
    candidates = [
        ("outlet", articles["outlet"]),
        ("agency", articles["agency"]),
        ("folder", articles["article_id"].astype("string").str.extract(r"^([^/]+)/", expand=False)),
        _period(articles["date"]),
    ]
    for name, values in candidates:
        values = pd.Series(values.to_numpy(), index=index, name=name, dtype="string")
        if values.notna().any() and values.nunique(dropna=True) >= 2:
            return values.fillna("(none)")
    return None


def _period(dates: pd.Series) -> tuple[str, pd.Series]:
    """Dates as ``year`` or ``month`` labels (``2019``, ``2019-03``); unparsable ones missing."""
    parsed = pd.to_datetime(dates, errors="coerce", utc=True, format="mixed")
    valid = parsed.dropna()
    if valid.empty:
        return "year", pd.Series(pd.NA, index=dates.index, dtype="string")
    if (valid.max() - valid.min()).days >= 3 * 365:
        return "year", parsed.dt.strftime("%Y").astype("string")
    return "month", parsed.dt.strftime("%Y-%m").astype("string")
