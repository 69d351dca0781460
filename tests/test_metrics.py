"""Per-article and per-group measures, checked against hand counts."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import analysis
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
