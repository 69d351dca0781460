"""Charts: deterministic files, empty data drawn as a message, bad names refused."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

import analysis
from analysis import plots


@pytest.fixture
def figures(tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_FIGURES", str(tmp_path))
    plots.set_style()
    return tmp_path


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_same_figure_gives_the_same_bytes(figures):
    data = pd.Series({"a": 3, "b": 1})
    first = plots.save_figure(plots.bar_chart(data, title="t", xlabel="x", ylabel="y"), "n/one")
    again = plots.save_figure(plots.bar_chart(data, title="t", xlabel="x", ylabel="y"), "n/two")
    assert digest(first) == digest(again)
    assert digest(first.with_suffix(".svg")) == digest(again.with_suffix(".svg"))
    assert b"Software" not in first.read_bytes()


@pytest.mark.parametrize("name", ["", "/abs/name", "../outside"])
def test_figure_names_stay_inside_the_figures_folder(figures, name):
    fig = plots.histogram([1, 2], title="t", xlabel="x")
    with pytest.raises(ValueError, match="relative name"):
        plots.save_figure(fig, name)


def test_empty_data_gives_a_chart_that_says_so(figures):
    fig = plots.histogram([], title="Nothing", xlabel="x", note="corpus: none · 0 articles")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any("no values" in t for t in texts)


def test_every_notebook_chart_works_on_an_article_without_quotes_or_hedges(figures):
    parsed = analysis.parse(["Prices rose on Monday. Shares fell."])
    note = plots.corpus_note("tiny", 1)
    for name in plots.__all__:
        if name.endswith("_chart") and name not in (
            "bar_chart",
            "confusion_chart",  # these take prepared tables: tested below
            "interval_chart",
            "position_chart",
            "scatter_chart",
            "score_chart",
        ):
            chart = getattr(plots, name)
            fig = chart(parsed, "0", note) if name == "article_strip_chart" else chart(parsed, note)
            assert fig.axes, name


def test_corpus_note_counts_articles():
    assert plots.corpus_note("bbc", 2225) == "corpus: bbc · 2,225 articles"
    assert plots.corpus_note("seeds", 1) == "corpus: seeds · 1 article"


def _scores(n_articles):
    texts = {f"a{number}": f"Ann said it rained. Bo said {number}." for number in range(n_articles)}
    rows = [
        {"article_id": article_id, "cue_start": start, "cue_end": start + 4}
        for article_id in texts
        for start in (4, 23)
    ]
    gold = pd.DataFrame(rows)
    predicted = gold.iloc[::2]  # every other cue found
    return analysis.score_attributions(gold, predicted, texts=texts, n_boot=50)


def test_the_score_chart_draws_intervals_when_there_are_articles_to_resample(figures):
    fig = plots.score_chart(_scores(3), "corpus: tiny · 3 articles")
    assert "95% bootstrap interval" in fig.axes[0].get_xlabel()
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["Source", "Cue", "Content"]
    one = plots.score_chart(_scores(1), "corpus: tiny · 1 article")
    assert "one article: no interval" in one.axes[0].get_xlabel()
    first = plots.save_figure(plots.score_chart(_scores(3)), "v/one")
    again = plots.save_figure(plots.score_chart(_scores(3)), "v/two")
    assert digest(first) == digest(again)


def test_the_confusion_chart_keeps_the_diagonal_and_says_when_nothing_was_paired(figures):
    confusion = pd.DataFrame(
        [[3, 0, 1], [0, 0, 0], [1, 0, 2]],
        index=pd.Index(["neutral", "belief", "denial"], name="gold"),
        columns=pd.Index(["neutral", "belief", "denial"], name="predicted"),
    )
    fig = plots.confusion_chart(confusion, title="Cue categories")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["neutral", "denial"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["neutral", "denial"]
    assert sorted(t.get_text() for t in ax.texts) == ["1", "1", "2", "3"]
    empty = plots.confusion_chart(confusion * 0, title="Nothing")
    assert any("no attribution found by both" in t.get_text() for t in empty.axes[0].texts)
