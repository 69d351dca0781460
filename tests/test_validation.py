"""Validation against hand coding (analysis/validation.py): span matching and scoring."""

from __future__ import annotations

import importlib.util

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import validation
from analysis.validation import match_spans, row_span, score_role
from conftest import REPO


def _load_benchmark():
    spec = importlib.util.spec_from_file_location(
        "benchmark_attributions", REPO / "benchmarks" / "attributions.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _load_benchmark()


def test_the_benchmark_scores_with_the_library_functions():
    assert bench.score_role is score_role
    assert bench.spans_by_article is validation.spans_by_article


# The matching: spans are tuples of (start, end) pieces.
A, B, C = ((0, 10),), ((20, 30),), ((40, 50),)


@pytest.mark.parametrize(
    ("gold", "predicted", "exact_tp", "overlap_tp"),
    [
        ([A, B], [A, B], 2, 2),  # identical
        ([A], [((2, 10),)], 0, 1),  # boundary differs: overlap only
        ([A], [((10, 20),)], 0, 0),  # touching is not sharing a character
        ([A, B], [((0, 30),)], 0, 1),  # one prediction covers two gold spans: matched once
        ([A, A], [A], 1, 1),  # a repeated gold span needs a repeated prediction
        ([((0, 5), (8, 10))], [A], 0, 1),  # discontinuous content vs its outer bounds
        ([((0, 5), (8, 10))], [((0, 5), (8, 10))], 1, 1),
        ([], [C], 0, 0),
    ],
)
def test_score_role_exact_and_overlap(gold, predicted, exact_tp, overlap_tp):
    score = score_role({"a": gold}, {"a": predicted})
    assert (score["exact_tp"], score["overlap_tp"]) == (exact_tp, overlap_tp)
    assert (score["gold"], score["predicted"]) == (len(gold), len(predicted))


def test_score_role_prefers_exact_pairs_and_largest_overlaps():
    wide = ((0, 30),)
    # the wide prediction overlaps A by 10 and B by 10; A also has its exact match
    score = score_role({"a": [A, B]}, {"a": [wide, A]})
    assert (score["exact_tp"], score["overlap_tp"]) == (1, 2)
    assert score["boundary"] == [("a", B, wide)]
    # greedy by shared characters: B takes the prediction it shares most with
    score = score_role({"a": [((0, 25),), B]}, {"a": [((18, 30),)]})
    assert score["boundary"] == [("a", B, ((18, 30),))]
    assert score["missed"] == [("a", ((0, 25),))]


def test_score_role_is_micro_averaged_within_articles():
    score = score_role({"a": [A], "b": [B, C]}, {"a": [A], "b": [A], "c": [C]})
    assert score["exact_tp"] == 1  # the A predicted in b does not match the gold A of a
    assert score["exact_precision"] == pytest.approx(1 / 3)
    assert score["exact_recall"] == pytest.approx(1 / 3)
    assert score["missed"] == [("b", B), ("b", C)]
    assert score["spurious"] == [("b", A), ("c", C)]
    empty = score_role({}, {})
    assert (empty["exact_f1"], empty["overlap_f1"]) == (0.0, 0.0)


def test_row_span_strips_whitespace_and_uses_content_pieces():
    text = "  Ann  said:  it rained , then  "
    row = {
        "source_start": 0,
        "source_end": 6,
        "cue_start": pd.NA,
        "cue_end": pd.NA,
        "content_start": 12,
        "content_end": 32,
        "content_spans": "12 24;25 32",
    }
    assert row_span(row, "source", text) == ((2, 5),)
    assert row_span(row, "cue", text) is None
    assert row_span(row, "content", text) == ((14, 23), (26, 30))
    assert row_span({"source_start": 0, "source_end": 2}, "source", text) is None


SPANS = st.lists(
    st.tuples(st.integers(0, 40), st.integers(1, 8)).map(lambda p: ((p[0], p[0] + p[1]),)),
    max_size=6,
)


@settings(max_examples=200, deadline=None)
@given(SPANS, SPANS)
def test_matching_is_one_to_one_and_exact_pairs_are_overlap_pairs(gold, predicted):
    exact, overlap = match_spans(gold, predicted)
    assert set(exact) <= set(overlap)
    for pairs in (exact, overlap):
        assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
    assert all(gold[i] == predicted[j] for i, j in exact)
    assert all(validation.shared_characters(gold[i], predicted[j]) for i, j in overlap)
    assert len(overlap) <= min(len(gold), len(predicted))
