"""Per-article and per-group measures, checked against hand counts."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import analysis
from analysis import metrics
from analysis.metrics import article_hedging, hedging_by_group


@pytest.fixture(scope="module")
def parsed():
    return analysis.parse(
        pd.DataFrame(
            {
                "id": ["a", "b", "c"],
                "outlet": ["X", "X", "Y"],
                "text": [
                    # 9 body words; hedges: may, could not verify (2 of 2 sentences hedged)
                    "Prices may rise. Officials could not verify the toll.",
                    # 3 words; one booster, no hedge
                    "Clearly, prices rose.",
                    "",
                ],
            }
        )
    )


def test_article_counts_and_rates(parsed):
    table = article_hedging(parsed)
    a = table.loc["a"]
    assert (a["n_body_words"], a["n_hedges"], a["n_boosters"]) == (9, 2, 0)
    assert (a["n_modal"], a["n_verification"], a["n_reporter"], a["n_source"]) == (1, 1, 2, 0)
    assert a["hedges_per_100_words"] == pytest.approx(200 / 9)
    assert a["share_sentences_hedged"] == 1.0
    b = table.loc["b"]
    assert (b["n_hedges"], b["n_boosters"]) == (0, 1)
    assert b["boosters_per_100_words"] == pytest.approx(100 / 3)
    assert b["share_sentences_hedged"] == 0.0


def test_an_article_without_body_words_has_missing_rates_not_an_error(parsed):
    c = article_hedging(parsed).loc["c"]
    assert c["n_body_words"] == 0 and c["n_hedges"] == 0
    assert math.isnan(c["hedges_per_100_words"]) and math.isnan(c["share_sentences_hedged"])


def test_groups_sum_counts_then_compute_rates(parsed):
    table = hedging_by_group(parsed, "outlet")
    x = table.loc["X"]
    assert (x["n_articles"], x["n_body_words"], x["n_hedges"], x["n_boosters"]) == (2, 12, 2, 1)
    assert x["hedges_per_100_words"] == pytest.approx(200 / 12)
    assert x["share_sentences_hedged"] == pytest.approx(2 / 3)
    assert table.loc["Y", "n_articles"] == 1


def test_grouping_by_an_unknown_column_says_which_exist(parsed):
    with pytest.raises(ValueError, match="articles has no column 'desk'"):
        hedging_by_group(parsed, "desk")


def test_a_missing_table_is_a_clear_error():
    with pytest.raises(ValueError, match="'hedges' table is needed"):
        article_hedging({"articles": pd.DataFrame(), "sentences": pd.DataFrame()})


@pytest.fixture(scope="module")
def quoted():
    return analysis.parse(
        pd.DataFrame(
            {
                "id": ["q", "none"],
                "text": [
                    # 4 sentences, 17 body words; one direct quotation of 4 words
                    "“We will win this,” Ann Lee said. Rain fell. Bob Ray said it may stop."
                    " Officials claimed the storm had passed.",
                    "Nothing was said.",
                ],
            }
        )
    )


def test_article_quoting_counts_words_quotes_and_kinds(quoted):
    row = metrics.article_quoting(quoted).loc["q"]
    assert (row["n_body_sentences"], row["n_quotes"], row["n_quoted_words"]) == (4, 1, 4)
    assert row["share_words_quoted"] == pytest.approx(4 / row["n_body_words"])
    assert row["quotes_per_100_sentences"] == pytest.approx(25.0)
    assert (row["n_direct"], row["n_indirect"]) == (1, 2)
    assert row["n_cue_distancing"] == 1
    empty = metrics.article_quoting(quoted).loc["none"]
    assert (empty["n_quotes"], empty["share_words_quoted"]) == (0, 0.0)


def test_sentence_positions_run_from_first_to_last_body_sentence(quoted):
    positions = metrics.sentence_positions(quoted).loc["q"]
    assert positions.tolist() == pytest.approx([0.125, 0.375, 0.625, 0.875])
    hedges = metrics.with_position(quoted.hedges, quoted)
    may = hedges[hedges["text"] == "may"]
    assert may["position"].tolist() == pytest.approx([0.625])


def test_sentence_profile_counts_what_each_sentence_holds(quoted):
    profile = metrics.sentence_profile(quoted, "q")
    assert profile["quotation"].tolist() == [1, 0, 0, 0]
    assert profile["attribution"].tolist() == [1, 0, 1, 1]
    assert profile["hedge (reporter)"].sum() + profile["hedge (source)"].sum() == 2
    with pytest.raises(ValueError, match="no article 'zzz'"):
        metrics.sentence_profile(quoted, "zzz")


@pytest.mark.parametrize(
    ("frame", "expected"),
    [
        ({"id": ["a", "b"], "outlet": ["X", "Y"]}, ("outlet", ["X", "Y"])),
        ({"id": ["biz/1", "sport/2"]}, ("folder", ["biz", "sport"])),
        ({"id": ["a", "b"], "outlet": ["X", "X"]}, None),
    ],
)
def test_article_groups_take_outlet_else_agency_else_folder(frame, expected):
    parsed = analysis.parse(pd.DataFrame({**frame, "text": ["One.", "Two."]}))
    groups = metrics.article_groups(parsed)
    if expected is None:
        assert groups is None
    else:
        assert (groups.name, groups.tolist()) == expected


def test_readability_never_asks_nltk_to_download(monkeypatch):
    import nltk

    from analysis.readability import readability

    def refuse(*args, **kwargs):
        raise AssertionError("nltk.download was called")

    monkeypatch.setattr(nltk, "download", refuse)
    scores = readability("The committee approved the budget. Members voted on Tuesday.")
    assert 0 < scores["flesch_reading_ease"] < 100
    assert scores["words_per_sentence"] == 4.5
