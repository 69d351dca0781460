"""Diversity indices against hand-computed values, edge cases included."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import analysis
from analysis import diversity

LN = math.log


@pytest.mark.parametrize(
    ("labels", "k", "expected"),
    [
        # two official, one citizen, one expert: p = 1/2, 1/4, 1/4
        (
            ["official", "official", "citizen", "expert"],
            7,
            {
                "n": 4,
                "richness": 3,
                "shannon": -(0.5 * LN(0.5) + 2 * 0.25 * LN(0.25)),
                "evenness": -(0.5 * LN(0.5) + 2 * 0.25 * LN(0.25)) / LN(3),
                "gini_simpson": 0.625,
                "inverse_simpson": 1 / 0.375,
                "simpson_unbiased": 1 - 2 / 12,
                "shannon_relative": -(0.5 * LN(0.5) + 2 * 0.25 * LN(0.25)) / LN(7),
                "iqv": 7 / 6 * 0.625,
            },
        ),
        # counts given directly, two equal categories
        (
            pd.Series({"female": 3, "male": 3}),
            2,
            {
                "n": 6,
                "richness": 2,
                "shannon": LN(2),
                "evenness": 1.0,
                "gini_simpson": 0.5,
                "inverse_simpson": 2.0,
                "simpson_unbiased": 1 - 12 / 30,
                "shannon_relative": 1.0,
                "iqv": 1.0,
            },
        ),
    ],
)
def test_indices_match_hand_computed_values(labels, k, expected):
    result = diversity.diversity_indices(labels, k=k)
    for name, value in expected.items():
        assert result[name] == pytest.approx(value), name


def test_no_sources_gives_zero_counts_and_undefined_indices():
    result = diversity.diversity_indices([], k=7)
    assert (result["n"], result["richness"]) == (0, 0)
    for name in ("shannon", "evenness", "gini_simpson", "inverse_simpson", "iqv"):
        assert math.isnan(result[name]), name


def test_one_source_is_no_diversity():
    result = diversity.diversity_indices(["official"], k=7)
    assert (result["n"], result["richness"], result["shannon"]) == (1, 1, 0)
    assert (result["gini_simpson"], result["inverse_simpson"], result["iqv"]) == (0, 1, 0)
    assert math.isnan(result["evenness"]) and math.isnan(result["simpson_unbiased"])


def test_one_category_many_sources():
    result = diversity.diversity_indices(["citizen"] * 5)
    assert (result["richness"], result["shannon"], result["simpson_unbiased"]) == (1, 0, 0)
    assert "iqv" not in result.index  # only with k


def test_missing_labels_are_ignored_and_bad_arguments_refused():
    assert diversity.diversity_indices(["a", None, "b"])["n"] == 2
    with pytest.raises(ValueError, match="at least 1"):
        diversity.diversity_indices(["a"], k=0)
    with pytest.raises(ValueError, match="negative"):
        diversity.diversity_indices(pd.Series({"a": -1}))


@pytest.fixture(scope="module")
def parsed():
    return analysis.parse(
        pd.DataFrame(
            {
                "id": ["a", "b", "c"],
                "outlet": ["X", "X", "Y"],
                "text": [
                    "“Prices will rise,” Ann Lee, an economist, said."
                    " Police said the road was shut.",
                    "The ministry said the plan was ready. Mr. John Roe said he agreed.",
                    "Nothing happened.",
                ],
            }
        )
    )


def test_source_mix_counts_and_shares_per_article_and_group(parsed):
    counts = diversity.source_mix(parsed, "type", shares=False)
    assert counts.loc["a", "expert"] == 1 and counts.loc["a", "official"] == 1
    assert counts.loc["b", "official"] == 1
    shares = diversity.source_mix(parsed, "type", by="outlet")
    assert shares.loc["X"].sum() == pytest.approx(1.0)
    assert shares.loc["X", "official"] == pytest.approx(2 / 4)


def test_gender_shares_with_and_without_unknowns(parsed):
    table = diversity.gender_shares(parsed)
    row = table.loc["all"]
    assert row["female"] + row["male"] + row["unknown"] == pytest.approx(1.0)
    assert row["female_of_known"] == pytest.approx(0.5)  # Ann Lee (name), Mr. John Roe


def test_diversity_by_article_keeps_articles_without_sources(parsed):
    table = diversity.diversity_by(parsed, "type")
    assert table.loc["c", "n"] == 0 and math.isnan(table.loc["c", "shannon"])
    assert table.loc["a", "richness"] == 2


def test_bootstrap_interval_contains_the_estimate(parsed):
    table = diversity.bootstrap_diversity(parsed, "type", n_boot=200, seed=1)
    for index in ("gini_simpson", "shannon"):
        low, estimate, high = table.loc[index, ["low", "estimate", "high"]]
        assert low <= estimate <= high
    again = diversity.bootstrap_diversity(parsed, "type", n_boot=200, seed=1)
    pd.testing.assert_frame_equal(table, again)


def test_unknown_units_and_columns_are_clear_errors(parsed):
    with pytest.raises(ValueError, match="unit must be one of"):
        diversity.source_mix(parsed, "type", unit="words")
    with pytest.raises(ValueError, match="sources has no column 'colour'"):
        diversity.source_mix(parsed, "colour")
