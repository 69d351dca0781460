"""Charts for the notebooks: each function takes prepared data and returns a matplotlib Figure.

One style (:func:`set_style`) and one way to save (:func:`save_figure`): PNG and SVG under
``figures/<notebook>/<name>``, with the metadata that would change from run to run (dates,
software versions, random SVG ids) left out, so two runs on the same corpus give byte-identical
files. Every chart carries a title, axis labels with units, and a note naming the corpus and
its article count (:func:`corpus_note`). Charts of empty data say so in the panel instead of
failing: a corpus without boosters still gets its boosters chart.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import matplotlib
import matplotlib.patches
import matplotlib.ticker
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

__all__ = [
    "PALETTE",
    "country_chart",
    "diversity_chart",
    "gender_chart",
    "identification_chart",
    "most_quoted_chart",
    "source_type_chart",
    "sources_per_article_chart",
    "article_strip_chart",
    "attribution_kind_chart",
    "composition_chart",
    "confusion_chart",
    "cue_category_chart",
    "extraction_rates_chart",
    "hedge_category_chart",
    "hedge_position_chart",
    "hedge_voice_chart",
    "hedges_boosters_chart",
    "hedging_by_group_chart",
    "lengths_chart",
    "longest_quotes_chart",
    "quote_position_chart",
    "quoted_share_chart",
    "quotes_per_sentence_chart",
    "readability_chart",
    "score_chart",
    "sourcing_chart",
    "top_cues_chart",
    "bar_chart",
    "corpus_note",
    "figures_root",
    "grouped_bars",
    "histogram",
    "interval_chart",
    "position_chart",
    "save_figure",
    "scatter_chart",
    "sentence_strip",
    "set_style",
]

#: Okabe & Ito's colour-blind-safe palette.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
)

#: Environment variable that moves where figures are written (the tests use it).
FIGURES_VARIABLE = "ANALYSIS_FIGURES"


def set_style() -> None:
    """The project's chart style: readable sizes, light grid, colour-blind-safe colours."""
    _inline_in_notebooks()
    matplotlib.rcdefaults()
    matplotlib.rcParams.update(
        {
            "figure.figsize": (8, 4.5),
            "figure.dpi": 100,
            "savefig.dpi": 150,
            "savefig.bbox": "tight",
            "font.size": 10,
            "axes.titlesize": 12,
            "axes.titleweight": "bold",
            "axes.labelsize": 10,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
            "legend.frameon": False,
            "svg.hashsalt": "analysis",  # fixed SVG element ids
            "svg.fonttype": "path",
        }
    )


def _inline_in_notebooks() -> None:
    """In a notebook kernel, show returned figures inline (``%matplotlib inline``)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None and hasattr(shell, "run_line_magic"):
        shell.run_line_magic("matplotlib", "inline")


def figures_root() -> Path:
    """Where figures go: ``$ANALYSIS_FIGURES``, else the ``figures/`` folder of the project
    the current folder belongs to (the notebooks run in ``notebooks/``), else ``./figures``."""
    configured = os.environ.get(FIGURES_VARIABLE)
    if configured:
        return Path(configured)
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "figures").is_dir() and (folder / "notebooks").is_dir():
            return folder / "figures"
    return here / "figures"


def save_figure(fig: Figure, name: str) -> Path:
    """Write ``fig`` as ``<figures root>/<name>.png`` and ``.svg``; return the PNG's path.

    ``name`` may hold a sub-folder (``"02-hedging/per-category"``). The files carry no date or
    software version, so the same figure gives the same bytes on every run.
    """
    if not name or name.startswith("/") or ".." in Path(name).parts:
        raise ValueError(f"name must be a relative name like '02-hedging/rates', not {name!r}")
    target = figures_root() / name
    target.parent.mkdir(parents=True, exist_ok=True)
    png = target.with_suffix(".png")
    fig.savefig(png, format="png", metadata={"Software": None})
    fig.savefig(
        target.with_suffix(".svg"),
        format="svg",
        metadata={"Date": None, "Creator": None},
    )
    return png


def corpus_note(label: str, n_articles: int) -> str:
    """The note every figure carries: ``corpus: seeds · 1 article``."""
    return f"corpus: {label} · {n_articles:,} article{'' if n_articles == 1 else 's'}"


def _figure(figsize: tuple[float, float] | None = None) -> tuple[Figure, Axes]:
    # Figures are made without pyplot: no global state, nothing left open between charts.
    fig = Figure(figsize=figsize or matplotlib.rcParams["figure.figsize"])
    return fig, fig.subplots()


def _finish(
    fig: Figure, ax: Axes, title: str, xlabel: str, ylabel: str, note: str | None
) -> Figure:
    ax.set_title(title, loc="left")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if note:
        fig.text(0.99, 0.005, note, ha="right", va="bottom", fontsize=8, color="#555555")
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return fig


def _empty(ax: Axes, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])


def histogram(
    values: Sequence[float] | pd.Series,
    *,
    title: str,
    xlabel: str,
    ylabel: str = "articles",
    note: str | None = None,
    bins: int | Sequence[float] = 20,
    color: str = PALETTE[0],
    median: bool = True,
    clip_quantile: float | None = None,
) -> Figure:
    """Distribution of one measure, with its median marked.

    With ``clip_quantile`` (e.g. 0.99), values above that quantile are drawn in the last bar
    (a long tail would squash the rest) and the axis label says so.
    """
    data = pd.Series(values, dtype="float64").dropna()
    fig, ax = _figure()
    if clip_quantile is not None and len(data) > 1:
        ceiling = float(data.quantile(clip_quantile))
        if (data > ceiling).any():
            data = data.clip(upper=ceiling)
            xlabel = f"{xlabel} (the top {1 - clip_quantile:.0%} drawn at {ceiling:,.0f})"
    if data.empty:
        _empty(ax, "no values to show in this corpus")
    else:
        ax.hist(data, bins=bins, color=color, edgecolor="white")
        if median:
            value = float(data.median())
            ax.axvline(value, color=PALETTE[5], linestyle="--", linewidth=1.2)
            ax.annotate(
                f"median {value:,.3g}",
                xy=(value, 1),
                xycoords=("data", "axes fraction"),
                xytext=(4, -12),
                textcoords="offset points",
                fontsize=9,
                color=PALETTE[5],
            )
    return _finish(fig, ax, title, xlabel, ylabel, note)


def bar_chart(
    values: pd.Series,
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    note: str | None = None,
    horizontal: bool = False,
    color: str | Sequence[str] = PALETTE[0],
    labels: bool = True,
    fmt: str = "{:,.3g}",
    empty_message: str = "nothing to show in this corpus",
) -> Figure:
    """One bar per category (the Series index), values as labels on the bars."""
    data = pd.Series(values).dropna()
    height = max(3.0, 0.32 * len(data) + 1.2) if horizontal else None
    fig, ax = _figure((8, height) if height else None)
    if data.empty or not np.isfinite(data.to_numpy(dtype=float)).any():
        _empty(ax, empty_message)
    else:
        names = [str(i) for i in data.index]
        positions = np.arange(len(names))
        if horizontal:
            bars = ax.barh(positions[::-1], data.to_numpy(), color=color)
            ax.set_yticks(positions[::-1], names)
            ax.grid(axis="y", visible=False)
        else:
            bars = ax.bar(positions, data.to_numpy(), color=color)
            ax.grid(axis="x", visible=False)
            step = -(-len(names) // 20)  # many bars (sentences, paragraphs): at most 20 ticks
            ax.set_xticks(positions[::step], names[::step])
            if max(len(n) for n in names) * len(names[::step]) > 60:
                ax.tick_params(axis="x", labelrotation=35)
                for label in ax.get_xticklabels():
                    label.set_horizontalalignment("right")
        if np.allclose(data.to_numpy(dtype=float), np.round(data.to_numpy(dtype=float))):
            axis = ax.xaxis if horizontal else ax.yaxis
            axis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
        if labels:
            texts = [fmt.format(v) for v in bars.datavalues]
            ax.bar_label(bars, labels=texts, fontsize=8, padding=2)
            if horizontal:
                ax.margins(x=0.12)
            else:
                ax.margins(y=0.12)
    return _finish(fig, ax, title, xlabel, ylabel, note)


def grouped_bars(
    frame: pd.DataFrame,
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    note: str | None = None,
    stacked: bool = False,
    horizontal: bool = False,
    colors: Sequence[str] | None = None,
    legend_title: str | None = None,
    empty_message: str = "nothing to show in this corpus",
) -> Figure:
    """Bars per row (the index), one colour per column; stacked or side by side."""
    data = frame.fillna(0)
    height = max(3.5, 0.35 * len(data) + 1.5) if horizontal else None
    fig, ax = _figure((8, height) if height else None)
    if data.empty or not data.to_numpy(dtype=float).any():
        _empty(ax, empty_message)
        return _finish(fig, ax, title, xlabel, ylabel, note)
    colors = list(colors or PALETTE)[: data.shape[1]]
    kind = "barh" if horizontal else "bar"
    plotted = data.iloc[::-1] if horizontal else data
    plotted.plot(kind=kind, stacked=stacked, ax=ax, color=colors, width=0.8, legend=False)
    ax.grid(axis="y" if horizontal else "x", visible=False)
    if not horizontal:
        ax.tick_params(axis="x", labelrotation=0)
        step = -(-len(data) // 20)  # at most 20 ticks
        names = [str(i) for i in data.index]
        ax.set_xticks(np.arange(len(names))[::step], names[::step])
        if max(len(n) for n in names) * len(names[::step]) > 60:
            ax.tick_params(axis="x", labelrotation=35)
            for label in ax.get_xticklabels():
                label.set_horizontalalignment("right")
    if horizontal:
        ax.legend(title=legend_title, loc="best", fontsize=9)
    else:  # beside the plot: stacked columns fill the whole height
        ax.legend(title=legend_title, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=9)
    return _finish(fig, ax, title, xlabel, ylabel, note)


def position_chart(
    positions: Mapping[str, pd.Series],
    *,
    title: str,
    note: str | None = None,
    bins: int = 10,
    ylabel: str = "share of items",
) -> Figure:
    """Where items fall through an article (0 = first sentence, 1 = last), one line per group,
    each as the share of its items per tenth of the article."""
    fig, ax = _figure()
    edges = np.linspace(0, 1, bins + 1)
    centres = (edges[:-1] + edges[1:]) / 2
    drawn = False
    for (label, values), color in zip(positions.items(), PALETTE, strict=False):
        data = pd.Series(values, dtype="float64").dropna()
        if data.empty:
            continue
        counts, _ = np.histogram(data.clip(0, 1), bins=edges)
        ax.plot(
            centres,
            counts / counts.sum(),
            marker="o",
            color=color,
            label=f"{label} (n={len(data):,})",
        )
        drawn = True
    if not drawn:
        _empty(ax, "nothing to place in this corpus")
    else:
        ax.set_xlim(0, 1)
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
        ax.legend(fontsize=9)
    return _finish(
        fig, ax, title, "position in the article (0 = first sentence, 1 = last)", ylabel, note
    )


def scatter_chart(
    x: pd.Series,
    y: pd.Series,
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    note: str | None = None,
) -> Figure:
    """One point per item (article, source ...), with the diagonal for reference."""
    data = pd.DataFrame({"x": x, "y": y}).dropna()
    fig, ax = _figure((6, 5))
    if data.empty:
        _empty(ax, "no values to show in this corpus")
    else:
        ax.scatter(data["x"], data["y"], s=14, alpha=0.6, color=PALETTE[0], edgecolor="none")
        top = float(max(data["x"].max(), data["y"].max(), 1e-9))
        ax.plot([0, top], [0, top], color="#999999", linewidth=0.8, linestyle=":")
        ax.set_xlim(left=0)
        ax.set_ylim(bottom=0)
    return _finish(fig, ax, title, xlabel, ylabel, note)


def interval_chart(
    frame: pd.DataFrame,
    *,
    title: str,
    xlabel: str,
    ylabel: str = "",
    note: str | None = None,
) -> Figure:
    """Estimates with intervals, one row each: columns ``estimate``, ``low``, ``high``."""
    data = frame.dropna(subset=["estimate"])
    fig, ax = _figure((8, max(3.5, 0.6 * len(data) + 1.5)))
    if data.empty:
        _empty(ax, "no values to show in this corpus")
        return _finish(fig, ax, title, xlabel, ylabel, note)
    names = [str(i) for i in data.index][::-1]
    estimate = data["estimate"].to_numpy()[::-1]
    low = data["low"].to_numpy()[::-1]
    high = data["high"].to_numpy()[::-1]
    errors = np.vstack([estimate - low, high - estimate])
    errors = np.where(np.isfinite(errors), errors, 0)
    ax.errorbar(estimate, names, xerr=errors, fmt="o", color=PALETTE[0], capsize=4)
    for y, value in enumerate(estimate):
        ax.annotate(
            f"{value:.2f}",
            (value, y),
            xytext=(0, 7),
            textcoords="offset points",
            ha="center",
            fontsize=8,
        )
    ax.grid(axis="y", visible=False)
    return _finish(fig, ax, title, xlabel, ylabel, note)


def sentence_strip(
    profile: pd.DataFrame,
    *,
    title: str,
    note: str | None = None,
) -> Figure:
    """One column per sentence, one row per feature (columns of ``profile`` with counts):
    a cell is coloured when the sentence has the feature, darker for more."""
    data = profile.fillna(0).astype(float)
    fig, ax = _figure((10, 0.55 * max(1, data.shape[1]) + 1.6))
    if data.empty:
        _empty(ax, "no sentences to show")
        return _finish(fig, ax, title, "sentence", "", note)
    for row, (column, color) in enumerate(zip(data.columns, PALETTE, strict=False)):
        values = data[column].to_numpy()
        top = values.max() or 1.0
        for x, value in enumerate(values):
            if value > 0:
                alpha = 0.35 + 0.65 * value / top
                ax.add_patch(
                    matplotlib.patches.Rectangle(
                        (x, row + 0.1), 0.9, 0.8, color=color, alpha=float(alpha), linewidth=0
                    )
                )
    ax.set_xlim(0, len(data))
    ax.set_ylim(0, data.shape[1])
    ax.set_yticks(np.arange(data.shape[1]) + 0.5, [str(c) for c in data.columns])
    step = max(1, len(data) // 20)
    ticks = np.arange(0, len(data), step)
    ax.set_xticks(ticks + 0.45, [str(data.index[i]) for i in ticks])
    ax.invert_yaxis()
    ax.grid(False)
    return _finish(fig, ax, title, "sentence (number in the article)", "", note)


# --- the notebooks' charts: each works for one article (over its sentences, paragraphs and
# sources) and for a corpus (over articles and groups) --------------------------------------


def _with_group(tables: Mapping[str, pd.DataFrame], groups: pd.Series) -> dict:
    """The tables with a ``group`` column in ``articles`` (from :func:`article_groups`)."""
    articles = tables["articles"]
    ids = articles["article_id"].astype("string")
    return {**tables, "articles": articles.assign(group=groups.reindex(ids).to_numpy())}


def _n_articles(tables: Mapping[str, pd.DataFrame]) -> int:
    return int((tables["articles"]["status"] == "ok").sum())


def lengths_chart(tables: Mapping[str, pd.DataFrame], note: str | None = None) -> Figure:
    """Article lengths in body words (a corpus) or sentence lengths (one article)."""
    from analysis.metrics import article_quoting

    if _n_articles(tables) > 1:
        words = article_quoting(tables)["n_body_words"]
        return histogram(
            words[words > 0],
            title="Article length",
            xlabel="body words per article",
            note=note,
            clip_quantile=0.99,
        )
    sentences = tables["sentences"]
    body = sentences[sentences["part"] == "body"]
    return histogram(
        body["n_words"],
        title="Sentence length in the article",
        xlabel="words per sentence",
        ylabel="sentences",
        note=note,
        bins=15,
    )


def composition_chart(tables: Mapping[str, pd.DataFrame], note: str | None = None) -> Figure:
    """Articles per outlet / agency / folder (a corpus); for one article, or a corpus with no
    groups, how many items of each table were extracted."""
    from analysis.metrics import article_groups

    groups = article_groups(tables)
    if groups is not None and groups.name in ("year", "month"):
        counts = groups.value_counts().sort_index()
        return bar_chart(
            counts,
            title=f"Articles by {groups.name}",
            xlabel=str(groups.name),
            ylabel="articles",
            note=note,
            fmt="{:,.0f}",
            labels=len(counts) <= 24,
        )
    if groups is not None:
        counts = groups.value_counts().sort_values(ascending=False).head(25)
        return bar_chart(
            counts,
            title=f"Articles by {groups.name}",
            xlabel="articles",
            ylabel="",
            horizontal=True,
            note=note,
            fmt="{:,.0f}",
        )
    counts = pd.Series(
        {
            name: len(tables[name])
            for name in ("sentences", "quotes", "attributions", "sources", "hedges")
            if name in tables
        }
    )
    return bar_chart(
        counts,
        title="What was extracted",
        xlabel="",
        ylabel="rows in the table",
        note=note,
        fmt="{:,.0f}",
    )


def readability_chart(tables: Mapping[str, pd.DataFrame], note: str | None = None) -> Figure:
    """Flesch reading ease per article (a corpus) or per paragraph (one article)."""
    from analysis.readability import article_readability

    if _n_articles(tables) > 1:
        scores = article_readability(tables)["flesch_reading_ease"]
        return histogram(
            scores,
            title="Readability (Flesch reading ease; higher is easier)",
            xlabel="Flesch reading ease of the article body",
            note=note,
        )
    scores = article_readability(tables, by="paragraph")["flesch_reading_ease"]
    return histogram(
        scores,
        title="Readability of the article's paragraphs (Flesch; higher is easier)",
        xlabel="Flesch reading ease of the paragraph",
        ylabel="paragraphs",
        note=note,
        bins=10,
    )


def extraction_rates_chart(tables: Mapping[str, pd.DataFrame], note: str | None = None) -> Figure:
    """Quotations, attributions, sources and hedges per 100 body sentences, over the corpus."""
    from analysis.metrics import article_overview

    overview = article_overview(tables)
    sentences = overview["n_body_sentences"].sum()
    columns = {
        "quotations": "n_quotes",
        "attributions": "n_attributions",
        "sources": "n_sources",
        "hedges": "n_hedges",
    }
    rates = pd.Series(
        {label: 100 * overview[c].sum() / sentences for label, c in columns.items()}
        if sentences
        else {},
        dtype="float64",
    )
    return bar_chart(
        rates,
        title="Extraction at a glance",
        xlabel="",
        ylabel="per 100 body sentences",
        note=note,
        color=list(PALETTE[:4]),
    )


def hedge_category_chart(tables: Mapping[str, pd.DataFrame], note: str | None = None) -> Figure:
    """Hedges (and boosters) per 100 body words by category, over all the text."""
    from analysis.metrics import article_hedging
    from analysis.tables import HEDGE_CATEGORIES

    hedging = article_hedging(tables)
    words = hedging["n_body_words"].sum()
    rates = pd.Series(
        {c: 100 * hedging[f"n_{c}"].sum() / words for c in HEDGE_CATEGORIES} if words else {},
        dtype="float64",
    ).sort_values(ascending=False)
    colors = [PALETTE[3] if c == "booster" else PALETTE[2] for c in rates.index]
    return bar_chart(
        rates,
        title="Hedges per 100 body words, by category (boosters in pink)",
        xlabel="per 100 body words",
        ylabel="",
        horizontal=True,
        color=colors,
        note=note,
        fmt="{:.2f}",
    )


def hedge_voice_chart(tables: Mapping[str, pd.DataFrame], note: str | None = None) -> Figure:
    """Whose uncertainty: hedges in the reporter's voice and in sources' voices, by category."""
    hedges = tables["hedges"]
    counts = (
        hedges[hedges["polarity"] == "hedge"]
        .groupby(["category", "voice"], observed=True)
        .size()
        .unstack("voice", fill_value=0)
        .reindex(columns=["reporter", "source"], fill_value=0)
    )
    counts = counts[counts.sum(axis=1) > 0]
    counts = counts.loc[counts.sum(axis=1).sort_values(ascending=False).index]
    counts.index = counts.index.astype(str)
    return grouped_bars(
        counts,
        title="Whose uncertainty? Hedges by voice",
        xlabel="hedges",
        ylabel="",
        stacked=True,
        horizontal=True,
        colors=[PALETTE[0], PALETTE[1]],
        legend_title="voice",
        note=note,
        empty_message="no hedges in this corpus",
    )


def hedge_position_chart(tables: Mapping[str, pd.DataFrame], note: str | None = None) -> Figure:
    """Where hedges fall through an article, reporter's voice against sources'."""
    from analysis.metrics import with_position

    hedges = with_position(tables["hedges"], tables)
    groups = {
        "reporter's hedges": hedges.loc[
            (hedges["polarity"] == "hedge") & (hedges["voice"] == "reporter"), "position"
        ],
        "sources' hedges": hedges.loc[
            (hedges["polarity"] == "hedge") & (hedges["voice"] == "source"), "position"
        ],
        "boosters": hedges.loc[hedges["polarity"] == "booster", "position"],
    }
    return position_chart(
        groups, title="Where hedges fall through the article", note=note, ylabel="share of cues"
    )


def top_cues_chart(
    tables: Mapping[str, pd.DataFrame], note: str | None = None, top: int = 20
) -> Figure:
    """The most frequent hedge and booster cues (lower-cased, spacing normalised)."""
    hedges = tables["hedges"]
    is_quote = hedges["text"].str.match(r"^[\"“”‘’'«»]")
    cues = hedges.loc[~is_quote, "text"].str.lower().str.split().str.join(" ")
    counts = cues.value_counts().head(top)
    return bar_chart(
        counts,
        title=f"The {min(top, len(counts))} most frequent cues (scare quotes left out)",
        xlabel="occurrences",
        ylabel="",
        horizontal=True,
        note=note,
        fmt="{:,.0f}",
        empty_message="no hedges in this corpus",
    )


def hedges_boosters_chart(tables: Mapping[str, pd.DataFrame], note: str | None = None) -> Figure:
    """Hedges against boosters: per article (a corpus) or by voice (one article)."""
    from analysis.metrics import article_hedging

    if _n_articles(tables) > 1:
        hedging = article_hedging(tables)
        return scatter_chart(
            hedging["hedges_per_100_words"],
            hedging["boosters_per_100_words"],
            title="Hedges against boosters, per article",
            xlabel="hedges per 100 body words",
            ylabel="boosters per 100 body words",
            note=note,
        )
    hedges = tables["hedges"]
    counts = (
        hedges.groupby(["voice", "polarity"], observed=False)
        .size()
        .unstack("polarity", fill_value=0)
        .reindex(columns=["hedge", "booster"], fill_value=0)
    )
    counts.index = counts.index.astype(str)
    return grouped_bars(
        counts,
        title="Hedges against boosters, by voice",
        xlabel="voice",
        ylabel="cues",
        colors=[PALETTE[2], PALETTE[3]],
        legend_title="polarity",
        note=note,
    )


#: The sourcing-and-verification categories charted together.
SOURCING_CATEGORIES = ("verification", "unnamed_source", "hearsay", "distancing")


def sourcing_chart(tables: Mapping[str, pd.DataFrame], note: str | None = None) -> Figure:
    """Verification disclaimers, unnamed sourcing, hearsay and distancing: the share of
    articles with at least one (a corpus) or the count of each (one article)."""
    from analysis.metrics import article_hedging

    hedging = article_hedging(tables)
    hedging = hedging[hedging["n_body_words"] > 0]
    if len(hedging) > 1:
        shares = pd.Series(
            {c: (hedging[f"n_{c}"] > 0).mean() for c in SOURCING_CATEGORIES}, dtype="float64"
        )
        return bar_chart(
            shares,
            title="Articles with verification disclaimers, unnamed sources, hearsay, distancing",
            xlabel="",
            ylabel="share of articles with at least one",
            note=note,
            fmt="{:.0%}",
        )
    counts = pd.Series({c: int(hedging[f"n_{c}"].sum()) for c in SOURCING_CATEGORIES})
    return bar_chart(
        counts,
        title="Verification disclaimers, unnamed sources, hearsay, distancing",
        xlabel="",
        ylabel="cues in the article",
        note=note,
        fmt="{:,.0f}",
    )


def hedging_by_group_chart(tables: Mapping[str, pd.DataFrame], note: str | None = None) -> Figure:
    """Hedges per 100 body words by group (outlet, agency, folder, year), reporter vs source;
    per article for a corpus without groups; by paragraph for one article."""
    from analysis.metrics import article_groups, article_hedging, hedging_by_group

    groups = article_groups(tables)
    if groups is not None:
        table = hedging_by_group(_with_group(tables, groups), "group")
        rates = table[["reporter_per_100_words", "source_per_100_words"]]
        if groups.name not in ("year", "month"):
            rates = rates.loc[table["n_articles"].sort_values(ascending=False).index[:25]]
        rates.columns = ["reporter", "source"]
        return grouped_bars(
            rates,
            title=f"Hedges per 100 body words by {groups.name}",
            xlabel=str(groups.name),
            ylabel="hedges per 100 body words",
            stacked=True,
            colors=[PALETTE[0], PALETTE[1]],
            legend_title="voice",
            note=note,
        )
    if _n_articles(tables) > 1:
        return histogram(
            article_hedging(tables)["hedges_per_100_words"],
            title="Hedges per 100 body words, per article",
            xlabel="hedges per 100 body words",
            note=note,
        )
    sentences = tables["sentences"]
    body = sentences[sentences["part"] == "body"]
    hedges = tables["hedges"]
    hedges = hedges[hedges["polarity"] == "hedge"].merge(
        body[["article_id", "sentence_id", "paragraph_id"]], on=["article_id", "sentence_id"]
    )
    words = body.groupby("paragraph_id")["n_words"].sum()
    counts = (
        hedges.groupby(["paragraph_id", "voice"], observed=False)
        .size()
        .unstack("voice", fill_value=0)
        .reindex(index=words.index, columns=["reporter", "source"], fill_value=0)
    )
    rates = 100 * counts.div(words.where(words > 0), axis=0)
    return grouped_bars(
        rates,
        title="Hedges per 100 words, paragraph by paragraph",
        xlabel="paragraph",
        ylabel="hedges per 100 words",
        stacked=True,
        colors=[PALETTE[0], PALETTE[1]],
        legend_title="voice",
        note=note,
    )


def quoted_share_chart(tables: Mapping[str, pd.DataFrame], note: str | None = None) -> Figure:
    """Share of body words inside quotations: per article (a corpus), per paragraph (one)."""
    from analysis.metrics import article_quoting

    if _n_articles(tables) > 1:
        share = article_quoting(tables)["share_words_quoted"]
        return histogram(
            share,
            title="How much of each article is quoted",
            xlabel="share of body words inside quotation marks",
            note=note,
            bins=np.linspace(0, 1, 21),
        )
    sentences = tables["sentences"]
    body = sentences[sentences["part"] == "body"]
    quotes = tables["quotes"]
    quotes = quotes[quotes["kind"].isin(["direct", "partial"])].merge(
        body[["article_id", "sentence_id", "paragraph_id"]], on=["article_id", "sentence_id"]
    )
    words = body.groupby("paragraph_id")["n_words"].sum()
    quoted = quotes.groupby("paragraph_id")["n_words"].sum().reindex(words.index, fill_value=0)
    share = (quoted / words.where(words > 0)).clip(upper=1)
    return bar_chart(
        share,
        title="How much of each paragraph is quoted",
        xlabel="paragraph",
        ylabel="share of words inside quotation marks",
        note=note,
        labels=False,
    )


def quotes_per_sentence_chart(
    tables: Mapping[str, pd.DataFrame], note: str | None = None
) -> Figure:
    """Quotations per 100 body sentences per article (a corpus); quotations per sentence (one)."""
    from analysis.metrics import article_quoting, sentence_profile

    if _n_articles(tables) > 1:
        rate = article_quoting(tables)["quotes_per_100_sentences"]
        return histogram(
            rate,
            title="Quotation density",
            xlabel="quotations per 100 body sentences",
            note=note,
        )
    article_id = str(tables["articles"]["article_id"].iloc[0])
    profile = sentence_profile(tables, article_id)
    return bar_chart(
        profile["quotation"],
        title="Quotations sentence by sentence",
        xlabel="sentence",
        ylabel="quotations",
        note=note,
        labels=False,
    )


def attribution_kind_chart(tables: Mapping[str, pd.DataFrame], note: str | None = None) -> Figure:
    """Direct, mixed and indirect attributions: shares, by group when the corpus has groups."""
    from analysis.metrics import article_groups
    from analysis.tables import ATTRIBUTION_KINDS

    attributions = tables["attributions"]
    groups = article_groups(tables)
    if groups is not None:
        grouped = attributions.assign(
            group=groups.reindex(attributions["article_id"].astype("string")).to_numpy()
        )
        counts = (
            grouped.groupby(["group", "kind"], observed=False)
            .size()
            .unstack("kind", fill_value=0)
            .reindex(columns=list(ATTRIBUTION_KINDS), fill_value=0)
        )
        shares = counts.div(counts.sum(axis=1).where(counts.sum(axis=1) > 0), axis=0).head(25)
        return grouped_bars(
            shares,
            title=f"Direct, mixed and indirect attributions by {groups.name}",
            xlabel=str(groups.name),
            ylabel="share of attributions",
            stacked=True,
            legend_title="kind",
            note=note,
        )
    counts = attributions["kind"].value_counts().reindex(list(ATTRIBUTION_KINDS), fill_value=0)
    total = counts.sum()
    return bar_chart(
        counts / total if total else counts.astype(float) * np.nan,
        title="Direct, mixed and indirect attributions",
        xlabel="",
        ylabel="share of attributions",
        note=note,
        fmt="{:.0%}",
        empty_message="no attributions in this corpus",
    )


def cue_category_chart(tables: Mapping[str, pd.DataFrame], note: str | None = None) -> Figure:
    """Reporting cues by category (neutral `said` against distancing `claimed`, ...)."""
    from analysis.tables import CUE_CATEGORIES

    attributions = tables["attributions"]
    counts = attributions["cue_category"].value_counts().reindex(list(CUE_CATEGORIES))
    counts = counts[counts > 0]
    top = (
        attributions.dropna(subset=["cue_lemma"])
        .groupby("cue_category", observed=True)["cue_lemma"]
        .agg(lambda lemmas: ", ".join(lemmas.value_counts().head(3).index))
    )
    counts.index = [f"{c} ({top.get(c, '')})" for c in counts.index]
    return bar_chart(
        counts,
        title="Reporting cues by category (most frequent verbs in brackets)",
        xlabel="attributions",
        ylabel="",
        horizontal=True,
        note=note,
        fmt="{:,.0f}",
        empty_message="no attributions in this corpus",
    )


def quote_position_chart(tables: Mapping[str, pd.DataFrame], note: str | None = None) -> Figure:
    """Where quotations and attributions fall through an article (the inverted pyramid)."""
    from analysis.metrics import with_position

    quotes = with_position(tables["quotes"], tables)
    attributions = with_position(tables["attributions"], tables)
    groups = {
        "direct quotations": quotes.loc[quotes["kind"] == "direct", "position"],
        "indirect attributions": attributions.loc[attributions["kind"] == "indirect", "position"],
        "all attributions": attributions["position"],
    }
    return position_chart(groups, title="Where quotations fall through the article", note=note)


def longest_quotes_chart(
    tables: Mapping[str, pd.DataFrame], note: str | None = None, top: int = 10
) -> Figure:
    """The longest quotations, in words, labelled with their source."""
    quotes = tables["quotes"]
    quotes = quotes[quotes["kind"].isin(["direct", "partial"])].nlargest(top, "n_words")
    attributions = tables["attributions"].set_index(["article_id", "attribution_id"])
    names = tables["sources"].set_index(["article_id", "source_id"])["name"]
    labels = []
    for row in quotes.itertuples():
        source = "unattributed"
        if not pd.isna(row.attribution_id):
            key = (row.article_id, int(row.attribution_id))
            source_id = attributions["source_id"].get(key)
            found = None if pd.isna(source_id) else names.get((row.article_id, int(source_id)))
            if not isinstance(found, str):
                found = attributions["source_text"].get(key)
            source = str(found) if isinstance(found, str) else "no source named"
        start = " ".join(str(row.text).split()[:6])
        labels.append(f"{source[:28]}: “{start[:40]}…”")
    counts = pd.Series(quotes["n_words"].to_numpy(), index=labels, dtype="float64")
    return bar_chart(
        counts,
        title="The longest quotations",
        xlabel="words inside the quotation marks",
        ylabel="",
        horizontal=True,
        note=note,
        fmt="{:,.0f}",
        empty_message="no quotations in this corpus",
    )


def article_strip_chart(
    tables: Mapping[str, pd.DataFrame], article_id: str, note: str | None = None
) -> Figure:
    """Sentence by sentence: quotations, attributions, hedges by voice and boosters."""
    from analysis.metrics import sentence_profile

    return sentence_strip(
        sentence_profile(tables, article_id),
        title=f"Sentence by sentence: {article_id}",
        note=note,
    )


# --- 04: source diversity -----------------------------------------------------------------


def _mix_chart(
    tables: Mapping[str, pd.DataFrame], column: str, title: str, note: str | None
) -> Figure:
    """Shares of a sources column's categories, by group when the corpus has groups."""
    from analysis.diversity import source_mix
    from analysis.metrics import article_groups

    sources = tables["sources"]
    groups = article_groups(tables)
    if groups is not None and len(sources):
        shares = source_mix(_with_group(tables, groups), column, by="group")
        shares = shares.loc[:, shares.sum() > 0]
        return grouped_bars(
            shares,
            title=f"{title} by {groups.name}",
            xlabel=str(groups.name),
            ylabel="share of sources",
            stacked=True,
            legend_title=column,
            note=note,
        )
    counts = sources[column].value_counts(normalize=True, sort=False)
    counts = counts[counts > 0] if len(counts) else counts
    return bar_chart(
        counts,
        title=title,
        xlabel="",
        ylabel="share of sources",
        note=note,
        fmt="{:.0%}",
        empty_message="no sources in this corpus",
    )


def identification_chart(tables: Mapping[str, pd.DataFrame], note: str | None = None) -> Figure:
    """Named people, named institutions and anonymous sources."""
    return _mix_chart(tables, "identification", "Named, institutional and anonymous sources", note)


def source_type_chart(tables: Mapping[str, pd.DataFrame], note: str | None = None) -> Figure:
    """Officials, experts, business, civil society, citizens, media."""
    return _mix_chart(tables, "type", "Who gets a voice: source types", note)


def gender_chart(tables: Mapping[str, pd.DataFrame], note: str | None = None) -> Figure:
    """Women and men among person sources, with unknowns, and the evidence behind them."""
    sources = tables["sources"]
    persons = sources[sources["kind"] == "person"]
    counts = (
        persons.assign(evidence=persons["gender_evidence"].astype("object").fillna("no evidence"))
        .groupby(["gender", "evidence"], observed=True)
        .size()
        .unstack("evidence", fill_value=0)
        .reindex(index=["female", "male", "unknown"], fill_value=0)
    )
    known = counts.loc[["female", "male"]].to_numpy().sum()
    share = counts.loc["female"].sum() / known if known else float("nan")
    title = "Gender of person sources" + (
        f" (women: {share:.0%} of those with known gender)" if known else ""
    )
    return grouped_bars(
        counts,
        title=title,
        xlabel="gender",
        ylabel="person sources",
        stacked=True,
        legend_title="evidence",
        note=note,
        empty_message="no person sources in this corpus",
    )


def country_chart(
    tables: Mapping[str, pd.DataFrame], note: str | None = None, top: int = 15
) -> Figure:
    """Sources by country of affiliation (from nationality words, possessives and capitals)."""
    countries = tables["sources"]["country"].dropna().value_counts().head(top)
    return bar_chart(
        countries,
        title="Sources by country of affiliation",
        xlabel="sources",
        ylabel="",
        horizontal=True,
        note=note,
        fmt="{:,.0f}",
        empty_message="no country affiliations found",
    )


def sources_per_article_chart(
    tables: Mapping[str, pd.DataFrame], note: str | None = None
) -> Figure:
    """Distinct sources per article (a corpus); attributions per source (one article)."""
    if _n_articles(tables) > 1:
        counts = (
            tables["sources"]
            .groupby("article_id")
            .size()
            .reindex(tables["articles"]["article_id"].astype("string"), fill_value=0)
        )
        return histogram(
            counts,
            title="Distinct sources per article",
            xlabel="sources",
            note=note,
            bins=np.arange(0, max(int(counts.max()), 1) + 2) - 0.5,
        )
    sources = tables["sources"]
    counts = sources.set_index(sources["name"].fillna("(unnamed)"))["n_attributions"]
    return histogram(
        counts,
        title="How often each source is cited",
        xlabel="attributions per source",
        ylabel="sources",
        note=note,
        bins=np.arange(0, max(int(counts.max()) if len(counts) else 1, 1) + 2) - 0.5,
    )


def most_quoted_chart(
    tables: Mapping[str, pd.DataFrame], note: str | None = None, top: int = 15
) -> Figure:
    """The sources cited most often: named people and bodies with a proper name (``the
    company`` is left out), summed by name over the corpus."""
    sources = tables["sources"]
    named = sources[
        sources["identification"].isin(["named", "institution"])
        & sources["name"].str.match(r"^[A-Z]").fillna(False)
    ]
    counts = named.groupby("name")["n_attributions"].sum().sort_values(ascending=False).head(top)
    return bar_chart(
        counts,
        title="Who is cited most",
        xlabel="attributions",
        ylabel="",
        horizontal=True,
        note=note,
        fmt="{:,.0f}",
        empty_message="no named sources in this corpus",
    )


def diversity_chart(
    tables: Mapping[str, pd.DataFrame], note: str | None = None, n_boot: int = 1000
) -> Figure:
    """Corpus-level diversity of source types and identification, with 95% bootstrap
    intervals over articles (a single article has no interval)."""
    from analysis.diversity import bootstrap_diversity

    rows = {}
    for column, label in (("type", "source type"), ("identification", "identification")):
        table = bootstrap_diversity(tables, column, n_boot=n_boot)
        for index, name in (("iqv", "IQV"), ("shannon_relative", "relative Shannon")):
            rows[f"{label}: {name}"] = table.loc[index]
    frame = pd.DataFrame(rows).T
    interval = (
        "95% bootstrap interval over articles"
        if _n_articles(tables) > 1
        else "one article: no interval over articles"
    )
    fig = interval_chart(
        frame,
        title="Source diversity",
        xlabel=f"0 = a single category, 1 = an even spread ({interval})",
        note=note,
    )
    fig.axes[0].set_xlim(0, 1.05)
    return fig


# --- 06: validation against hand coding --------------------------------------------------


def score_chart(scores: pd.DataFrame, note: str | None = None) -> Figure:
    """F1 by role against a hand coding: exact and overlap matching, with the bootstrap
    intervals of :func:`analysis.score_attributions` (none for a single article)."""
    fig, ax = _figure((8, max(3.0, 0.75 * scores["role"].nunique() + 1.6)))
    if scores.empty:
        _empty(ax, "nothing was scored")
        return _finish(fig, ax, "F1 against the hand coding", "F1", "", note)
    roles = list(dict.fromkeys(scores["role"].astype(str)))
    positions = {role: len(roles) - 1 - number for number, role in enumerate(roles)}
    styles = {"exact": ("o", PALETTE[0], 0.12), "overlap": ("s", PALETTE[1], -0.12)}
    for matching, (marker, color, offset) in styles.items():
        rows = scores[scores["matching"].astype(str) == matching]
        if rows.empty:
            continue
        y = np.array([positions[role] + offset for role in rows["role"].astype(str)])
        f1 = rows["f1"].to_numpy(dtype=float)
        errors = np.vstack(
            [f1 - rows["f1_low"].to_numpy(dtype=float), rows["f1_high"].to_numpy(dtype=float) - f1]
        )
        errors = np.where(np.isfinite(errors), errors, 0)
        ax.errorbar(f1, y, xerr=errors, fmt=marker, color=color, capsize=4, label=matching)
        for x, y_value in zip(f1, y, strict=True):
            ax.annotate(
                f"{x:.2f}",
                (x, y_value),
                xytext=(0, 6),
                textcoords="offset points",
                ha="center",
                fontsize=8,
            )
    ax.set_yticks(list(positions.values()), list(positions))
    ax.set_xlim(0, 1.05)
    ax.set_ylim(-0.6, len(roles) - 0.4)
    ax.grid(axis="y", visible=False)
    ax.legend(title="matching", loc="lower left", fontsize=9)
    n_articles = int(scores["n_articles"].max())
    interval = (
        "bars: 95% bootstrap interval over articles"
        if n_articles > 1
        else "one article: no interval over articles"
    )
    return _finish(fig, ax, "F1 against the hand coding, by role", f"F1 ({interval})", "", note)


def confusion_chart(
    confusion: pd.DataFrame,
    *,
    title: str,
    note: str | None = None,
    xlabel: str = "tool",
    ylabel: str = "hand coding",
) -> Figure:
    """Counts of a label as coded (rows) and as predicted (columns), for the attributions both
    found (:func:`analysis.label_confusion`); categories neither side used are left out, the
    others kept in the same order on both axes, so that agreement is the diagonal."""
    rows, columns = confusion.sum(axis=1), confusion.sum(axis=0)
    shared = [c for c in confusion.index if c in confusion.columns and rows[c] + columns[c] > 0]
    data = confusion.loc[
        shared + [r for r in confusion.index if r not in confusion.columns and rows[r] > 0],
        shared + [c for c in confusion.columns if c not in confusion.index and columns[c] > 0],
    ]
    fig, ax = _figure((max(5.0, 1.1 * data.shape[1] + 2.5), max(3.5, 0.55 * data.shape[0] + 2)))
    if data.empty:
        _empty(ax, "no attribution found by both")
        return _finish(fig, ax, title, xlabel, ylabel, note)
    values = data.to_numpy(dtype=float)
    ax.imshow(values, cmap="Blues", vmin=0, vmax=max(values.max(), 1), aspect="auto")
    for row in range(values.shape[0]):
        for column in range(values.shape[1]):
            value = int(values[row, column])
            dark = values[row, column] > 0.6 * values.max()
            ax.text(
                column,
                row,
                str(value),
                ha="center",
                va="center",
                fontsize=9,
                color="white" if dark else "#222222",
            )
    ax.set_xticks(np.arange(values.shape[1]), [str(c) for c in data.columns])
    ax.set_yticks(np.arange(values.shape[0]), [str(i) for i in data.index])
    ax.tick_params(axis="x", labelrotation=30)
    for label in ax.get_xticklabels():
        label.set_horizontalalignment("right")
    ax.grid(False)
    return _finish(fig, ax, title, xlabel, ylabel, note)
