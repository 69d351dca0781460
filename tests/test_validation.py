"""Validation against hand coding (analysis/validation.py): span matching, scores with bootstrap
intervals, labels, agreement between coders (Krippendorff's alpha), and samples to code."""

from __future__ import annotations

import importlib.util
import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis import validation
from analysis.brat import BratWarning, read_brat_tables, write_brat
from analysis.validation import (
    SCORE_COLUMNS,
    coder_agreement,
    compare_attributions,
    krippendorff_alpha,
    label_agreement,
    label_confusion,
    match_spans,
    read_coding,
    row_span,
    sample_for_coding,
    score_attributions,
    score_role,
)
from conftest import REPO


def _load_benchmark():
    spec = importlib.util.spec_from_file_location(
        "benchmark_attributions", REPO / "benchmarks" / "attributions.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _load_benchmark()


def at(text: str, phrase: str, after: int = 0) -> tuple[int, int]:
    start = text.index(phrase, after)
    return start, start + len(phrase)


def attribution_rows(article_id: str, text: str, rows: list[tuple]) -> list[dict]:
    """Rows from (source, cue, content, after, is_floating): phrases found from ``after`` on."""
    table = []
    for number, (source, cue, content, after, floating) in enumerate(rows):
        row = {"article_id": article_id, "attribution_id": number, "is_floating": floating}
        for role, phrase in (("source", source), ("cue", cue), ("content", content)):
            start, end = at(text, phrase, after) if phrase else (pd.NA, pd.NA)
            row[f"{role}_start"], row[f"{role}_end"] = start, end
        table.append(row)
    return table


# Two invented articles; the gold and the predictions differ in the ways that matter.
TEXT_A = "Ann Lee said the vote was close. “We won,” Bo said. Prices rose, the bank said."
TEXT_B = "Officials said taxes would rise. It rained."
GOLD = [
    *attribution_rows(
        "a",
        TEXT_A,
        [
            ("Ann Lee", "said", "the vote was close", 0, False),
            ("Bo", "said", "“We won,”", 33, False),
            ("the bank", "said", "Prices rose", 52, False),
        ],
    ),
    *attribution_rows("b", TEXT_B, [("Officials", "said", "taxes would rise", 0, False)]),
]
PREDICTED = [
    *attribution_rows(
        "a",
        TEXT_A,
        [
            ("Ann Lee", "said", "the vote was close.", 0, False),  # the period: overlap only
            ("Bo", "said", "“We won,”", 33, False),  # exact; the bank's report is missed
            ("Bo", None, "Prices rose", 33, True),  # a floating attribution
        ],
    ),
    *attribution_rows(
        "b",
        TEXT_B,
        [
            ("Officials", "said", "taxes would rise", 0, False),
            ("It", "rained", None, 33, False),  # spurious, without content
        ],
    ),
]
ARTICLES = pd.DataFrame({"article_id": ["a", "b"], "text": [TEXT_A, TEXT_B], "status": "ok"})


@pytest.fixture
def gold_folder(tmp_path):
    folder = tmp_path / "gold"
    write_brat(pd.DataFrame(GOLD), ARTICLES, folder)
    return folder


@pytest.fixture
def predicted():
    return {"articles": ARTICLES, "attributions": pd.DataFrame(PREDICTED)}


def figures(scores: pd.DataFrame, role: str, matching: str, prefix: str = "") -> list[float]:
    row = scores[(scores["role"] == role) & (scores["matching"] == matching)].iloc[0]
    return [round(row[f"{prefix}{figure}"], 4) for figure in ("precision", "recall", "f1")]


# --- the scoring convention, and the benchmark ----------------------------------------------


def test_the_benchmark_scores_with_the_library_functions():
    assert bench.score_role is score_role
    assert bench.spans_by_article is validation.spans_by_article


@pytest.mark.parametrize(
    ("role", "matching", "expected"),
    [
        ("Source", "exact", [0.75, 0.75, 0.75]),  # 3 of 4 predicted sources are gold
        ("Cue", "exact", [0.75, 0.75, 0.75]),
        ("Content", "exact", [0.6667, 0.5, 0.5714]),  # 2 of 3 predicted, 2 of 4 gold
        ("Content", "overlap", [1.0, 0.75, 0.8571]),  # the period is a boundary error
    ],
)
def test_scores_are_the_benchmarks_on_a_fixture(gold_folder, predicted, role, matching, expected):
    scores = score_attributions(gold_folder, predicted)
    assert figures(scores, role, matching) == expected
    # the benchmark's way: its gold loader, floating predictions left out, score_role per role
    files = [(article_id, None, gold_folder / f"{article_id}.ann") for article_id in ("a", "b")]
    texts = {"a": TEXT_A, "b": TEXT_B}
    gold = bench.load_gold(files, texts)
    kept = predicted["attributions"][~predicted["attributions"]["is_floating"]]
    score = bench.score_role(
        bench.spans_by_article(gold, role.lower(), texts),
        bench.spans_by_article(kept, role.lower(), texts),
    )
    assert [round(score[f"{matching}_{f}"], 4) for f in ("precision", "recall", "f1")] == expected
    row = scores[(scores["role"] == role) & (scores["matching"] == matching)].iloc[0]
    assert (row["gold"], row["predicted"], row["matched"]) == (
        score["gold"],
        score["predicted"],
        score[f"{matching}_tp"],
    )


def test_the_score_table_has_its_documented_columns(gold_folder, predicted):
    scores = score_attributions(gold_folder, predicted)
    assert scores.columns.tolist() == list(SCORE_COLUMNS)
    assert scores[["role", "matching"]].astype(str).values.tolist() == [
        [role, matching]
        for role in ("Source", "Cue", "Content")
        for matching in ("exact", "overlap")
    ]
    assert scores["n_articles"].tolist() == [2] * 6


def test_macro_figures_average_the_articles(gold_folder, predicted):
    scores = score_attributions(gold_folder, predicted)
    # Content, exact: article a has P 1/2, R 1/3, F1 2*1/(3+2); article b P = R = F1 = 1
    assert figures(scores, "Content", "exact", "macro_") == [0.75, 0.6667, 0.7]


def test_floating_attributions_count_only_when_asked(gold_folder, predicted):
    with_floating = score_attributions(gold_folder, predicted, floating=True)
    row = with_floating.query("role == 'Source' and matching == 'exact'").iloc[0]
    assert (row["predicted"], row["matched"]) == (5, 3)


def test_bootstrap_intervals_are_reproducible_and_bracket_the_estimate(gold_folder, predicted):
    one = score_attributions(gold_folder, predicted, n_boot=200, seed=3)
    again = score_attributions(gold_folder, predicted, n_boot=200, seed=3)
    pd.testing.assert_frame_equal(one, again)
    for prefix in ("", "macro_"):
        for figure in ("precision", "recall", "f1"):
            low, high = one[f"{prefix}{figure}_low"], one[f"{prefix}{figure}_high"]
            assert (low <= one[f"{prefix}{figure}"]).all() and (
                one[f"{prefix}{figure}"] <= high
            ).all()
    # Two articles: a resample is (a, a), (a, b) or (b, b), each of the first and last a quarter
    # of the time, so the 2.5% and 97.5% bounds are the figures of article a and of article b.
    content = one.query("role == 'Content' and matching == 'exact'").iloc[0]
    assert (content["f1_low"], content["f1_high"]) == (pytest.approx(2 / 5), 1.0)


def test_one_article_gives_no_interval(gold_folder, predicted):
    only_a = {"articles": ARTICLES.iloc[:1], "attributions": predicted["attributions"]}
    with pytest.warns(BratWarning, match=r"b\.ann: coded in gold only"):
        scores = score_attributions(gold_folder, only_a)
    assert scores["n_articles"].tolist() == [1] * 6
    assert scores["f1_low"].isna().all() and scores["macro_f1_high"].isna().all()


@pytest.mark.parametrize(("n_boot", "confidence"), [(0, 0.95), (100, 1.0), (100, 0.0)])
def test_bootstrap_settings_are_checked(gold_folder, predicted, n_boot, confidence):
    with pytest.raises(ValueError, match="n_boot|confidence"):
        score_attributions(gold_folder, predicted, n_boot=n_boot, confidence=confidence)


# The matching itself: spans are tuples of (start, end) pieces.
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


# --- inputs and their problems ----------------------------------------------------------------


def test_a_bad_line_is_a_warning_naming_file_and_line_and_the_rest_is_scored(
    gold_folder, predicted
):
    ann = gold_folder / "b.ann"
    ann.write_text(ann.read_text(encoding="utf-8") + "T9\tCue 4 400\tsaid\n", encoding="utf-8")
    with pytest.warns(BratWarning, match=r"b\.ann, line 6: offset 400 lies beyond"):
        scores = score_attributions(gold_folder, predicted)
    assert figures(scores, "Source", "exact") == [0.75, 0.75, 0.75]


def test_an_article_coded_on_one_side_only_is_left_out_with_a_warning(gold_folder, tmp_path):
    other = tmp_path / "other"
    write_brat(pd.DataFrame(GOLD[:1]), ARTICLES.iloc[:1], other)  # codes article a only
    with pytest.warns(BratWarning, match=r"gold[/\\]b\.ann: coded in gold only, not in predicted"):
        scores = score_attributions(gold_folder, other)
    assert scores["n_articles"].tolist() == [1] * 6
    with pytest.warns(BratWarning, match=r"gold[/\\]b\.ann: coded in predicted only"):
        score_attributions(other, gold_folder)


def test_articles_a_parse_has_beyond_the_coding_are_no_problem(gold_folder, predicted):
    bigger = {
        "articles": pd.concat(
            [ARTICLES, pd.DataFrame({"article_id": ["c"], "text": ["Cy said no."], "status": "ok"})]
        ),
        "attributions": predicted["attributions"],
    }
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scores = score_attributions(gold_folder, bigger)
    assert scores["n_articles"].tolist() == [2] * 6


def test_a_text_that_differs_between_the_sides_is_left_out(gold_folder, predicted):
    edited = predicted["articles"].assign(text=[TEXT_A, TEXT_B + " "])
    with pytest.warns(BratWarning, match=r"b\.ann: the text of article 'b' differs"):
        scores = score_attributions(gold_folder, {**predicted, "articles": edited})
    assert scores["n_articles"].tolist() == [1] * 6


def test_nothing_in_common_is_an_error(gold_folder, tmp_path):
    stranger = {
        "articles": pd.DataFrame({"article_id": ["z"], "text": ["Zed said."], "status": "ok"}),
        "attributions": pd.DataFrame(GOLD[:0]),
    }
    with pytest.raises(ValueError, match="no article in common"), pytest.warns(BratWarning):
        score_attributions(gold_folder, stranger)
    with pytest.raises(ValueError, match="neither a brat folder"):
        score_attributions(gold_folder, tmp_path / "elsewhere")
    with pytest.raises(ValueError, match="pass `texts`"):
        score_attributions(pd.DataFrame(GOLD), pd.DataFrame(PREDICTED))


def test_a_parse_output_folder_is_read_for_the_coded_articles(gold_folder, tmp_path):
    parsed = analysis.parse(ARTICLES.rename(columns={"article_id": "id"})[["id", "text"]])
    parsed.to_dir(tmp_path / "out")
    from_folder = score_attributions(gold_folder, tmp_path / "out")
    pd.testing.assert_frame_equal(from_folder, score_attributions(gold_folder, parsed))


def test_polnear_names_are_read_as_one_coding_per_article(write):
    write("polnear/text/a.txt", "Ann said so.")
    event = "T1\tCue 4 8\tsaid\nT2\tAttribution-no-source 4 8\tsaid\nE1\tAttribution-no-source:T2\n"
    write("polnear/attributions/a_k9.ann", event)
    folder = write("polnear/attributions/a_m2.ann", "").parent
    with pytest.warns(BratWarning, match=r"a_m2\.ann: article 'a' is coded a second time"):
        coding = read_coding(folder)
    assert coding["articles"][["article_id", "annotator"]].values.tolist() == [["a", "k9"]]
    assert coding["attributions"]["article_id"].tolist() == ["a"]


# --- quotations, hedges, labels, disagreements -----------------------------------------------


@pytest.fixture
def invented():
    texts = [
        "“We may win,” Ann Lee, a nurse, said. Prices rose, the bank said.",
        "The mayor denied the report. “It is probably fine,” he added.",
    ]
    return analysis.parse(pd.DataFrame({"id": ["one", "two"], "text": texts}))


def test_the_tools_own_output_scores_perfectly_against_itself(invented, tmp_path):
    sample_for_coding(invented, 2, out=tmp_path / "coded", with_predictions=True)
    for scores in (
        score_attributions(tmp_path / "coded", invented),
        analysis.score_quotes(tmp_path / "coded", invented),
        analysis.score_hedges(tmp_path / "coded", invented),
    ):
        assert (scores["gold"] > 0).all()
        assert (scores[["precision", "recall", "f1"]] == 1.0).all().all()
    confusion = label_confusion(tmp_path / "coded", invented, "source_type")
    assert int(np.trace(confusion.to_numpy())) == int(confusion.to_numpy().sum()) > 0


def test_label_confusion_counts_pairs_by_cue():
    text = "Ann said it rained. Bo denied it. Cy claimed so."
    gold = pd.DataFrame(
        {
            "article_id": "a",
            "cue_start": [4, 23, 37],
            "cue_end": [8, 29, 44],
            "cue_category": ["neutral", "denial", None],
        }
    )
    predicted = gold.assign(cue_end=[8, 29, 43], cue_category=["neutral", "neutral", "distancing"])
    table = label_confusion(gold, predicted, texts={"a": text})
    assert table.index.tolist()[-1] == "(not coded)"
    assert table.loc["neutral", "neutral"] == table.loc["denial", "neutral"] == 1
    assert table.loc["(not coded)", "distancing"] == 1
    assert table.to_numpy().sum() == 3
    with pytest.raises(ValueError, match="label must be one of"):
        label_confusion(gold, predicted, "voice", texts={"a": text})


def test_compare_attributions_lists_both_sides(gold_folder, predicted):
    table = compare_attributions(gold_folder, predicted)
    assert table["status"].astype(str).tolist() == ["differs", "same", "missed", "same", "spurious"]
    missed = table.iloc[2]
    assert missed["gold_source"] == "the bank" and pd.isna(missed["predicted_source"])
    assert table.iloc[0]["content_match"] == "overlap"
    assert table.iloc[4][["source_match", "content_match"]].tolist() == ["predicted only", ""]


# --- agreement between coders -----------------------------------------------------------------


def test_krippendorff_2011_binary_two_coders():
    # Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
    # Communication, University of Pennsylvania (repository.upenn.edu/asc_papers/43),
    # section A: binary data, two observers, no missing data; alpha = 0.095.
    ben = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    gerry = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert krippendorff_alpha(zip(ben, gerry, strict=True)) == pytest.approx(1 - 19 * 4 / (14 * 6))
    assert round(krippendorff_alpha(zip(ben, gerry, strict=True)), 3) == 0.095


def test_krippendorff_2011_nominal_four_coders_with_missing_values():
    # Krippendorff (2011), section C: nominal data, four observers, twelve units, missing
    # values; alpha = 0.743 (also the example of the krippendorff and DescTools packages).
    n = None
    coders = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
        [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n],
    ]
    assert round(krippendorff_alpha(zip(*coders, strict=True)), 3) == 0.743


def test_krippendorff_wikipedia_three_coders_fifteen_units():
    # "Krippendorff's alpha", Wikipedia, section "A computational example": three coders,
    # fifteen units, many missing values; nominal alpha = 0.691.
    n = None
    coders = [
        [n, n, n, n, n, 3, 4, 1, 2, 1, 1, 3, 3, n, 3],
        [1, n, 2, 1, 3, 3, 4, 3, n, n, n, n, n, n, n],
        [n, n, 2, 1, 3, 4, 4, n, 2, 1, 1, 3, 3, n, 4],
    ]
    assert round(krippendorff_alpha(zip(*coders, strict=True)), 3) == 0.691


@pytest.mark.parametrize(
    "units",
    [
        [["a", "a"], ["a", "a"]],  # no variation: undefined
        [["a", None], [None, "b"]],  # nothing pairable
        [],
    ],
)
def test_alpha_is_undefined_without_variation_or_pairs(units):
    assert math.isnan(krippendorff_alpha(units))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.lists(st.one_of(st.none(), st.sampled_from("abc")), min_size=3, max_size=3),
        min_size=2,
        max_size=12,
    )
)
def test_alpha_ignores_value_names_and_coder_order(units):
    renamed = [[{"a": "x", "b": "y", "c": "z"}.get(v) for v in unit] for unit in units]
    reversed_coders = [unit[::-1] for unit in units]
    alpha = krippendorff_alpha(units)
    for other in (krippendorff_alpha(renamed), krippendorff_alpha(reversed_coders)):
        assert (math.isnan(alpha) and math.isnan(other)) or other == pytest.approx(alpha)
    agreed = [[unit[0]] * 3 for unit in units if unit[0] is not None]
    if len({unit[0] for unit in agreed}) > 1:
        assert krippendorff_alpha(agreed) == pytest.approx(1.0)


def coder(text: str, cues: list[tuple[str, int, str]]) -> dict[str, pd.DataFrame]:
    rows = []
    for phrase, after, category in cues:
        start, end = at(text, phrase, after)
        rows.append(
            {"article_id": "a", "cue_start": start, "cue_end": end, "cue_category": category}
        )
    articles = pd.DataFrame({"article_id": ["a"], "text": [text], "status": "ok"})
    return {"articles": articles, "attributions": pd.DataFrame(rows)}


TEXT_CODERS = "Ann said so. Bo said no. Cy has denied it. Di warned them. Ed argued."


def test_label_agreement_pairs_attributions_by_cue_and_computes_alpha():
    one = coder(
        TEXT_CODERS,
        [
            ("said", 0, "neutral"),
            ("said", 13, "neutral"),
            ("has denied", 0, "denial"),
            ("warned", 0, "argumentative"),
            ("argued", 0, "argumentative"),  # found by the first coder only
        ],
    )
    two = coder(
        TEXT_CODERS,
        [
            ("said", 0, "neutral"),
            ("said", 13, "neutral"),
            ("denied", 0, "denial"),  # another boundary: the same attribution
            ("warned", 0, "neutral"),
        ],
    )
    table = label_agreement({"one": one, "two": two}, labels=["cue_category"])
    # units: (n, n), (n, n), (d, d), (a, n): o_nn 4, o_dd 2, o_an = o_na 1; n_n 5, n_d 2, n_a 1
    assert table["alpha"].iloc[0] == pytest.approx(1 - 7 * 2 / (64 - 25 - 4 - 1))
    assert table[["n_units", "n_values", "n_coders"]].values.tolist() == [[4, 8, 2]]


def test_coder_agreement_is_symmetric_in_f1(gold_folder, tmp_path):
    other = tmp_path / "other"
    write_brat(pd.DataFrame(PREDICTED).query("not is_floating"), ARTICLES, other)
    table = coder_agreement([gold_folder, other], n_boot=50)
    assert table[["coder_a", "coder_b"]].drop_duplicates().values.tolist() == [["gold", "other"]]
    swapped = coder_agreement({"other": other, "gold": gold_folder}, n_boot=50)
    assert table["f1"].tolist() == swapped["f1"].tolist()
    assert table["precision"].tolist() == swapped["recall"].tolist()
    with pytest.raises(ValueError, match="at least two codings"):
        coder_agreement([gold_folder])


# --- samples to code -----------------------------------------------------------------------------


@pytest.fixture
def corpus():
    outlets = ["A"] * 6 + ["B"] * 3 + ["C"]
    return pd.DataFrame(
        {
            "article_id": [f"n{number:02d}" for number in range(10)],
            "text": [f"Ann {number} said it rained." for number in range(10)],
            "outlet": outlets,
            "status": "ok",
        }
    )


def folder_bytes(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_a_sample_is_reproducible_whatever_the_order_of_the_articles(corpus, tmp_path):
    first = sample_for_coding(corpus, 4, seed=7, out=tmp_path / "one")
    shuffled = corpus.sample(frac=1, random_state=1)
    second = sample_for_coding(shuffled, 4, seed=7, out=tmp_path / "two")
    pd.testing.assert_frame_equal(first, second)
    assert folder_bytes(tmp_path / "one") == folder_bytes(tmp_path / "two")
    assert sample_for_coding(corpus, 4, seed=8, out=tmp_path / "three")["article_id"].tolist() != (
        first["article_id"].tolist()
    )


def test_a_blind_sample_opens_in_brat(corpus, tmp_path):
    sample = sample_for_coding(corpus, 3, out=tmp_path / "s")
    files = sorted(p.name for p in (tmp_path / "s").iterdir())
    ids = sample["article_id"].tolist()
    assert files == sorted(
        ["annotation.conf", "visual.conf", "sample.csv"]
        + [f"{i}.txt" for i in ids]
        + [f"{i}.ann" for i in ids]
    )
    assert all((tmp_path / "s" / f"{i}.ann").read_bytes() == b"" for i in ids)
    texts = dict(zip(corpus["article_id"], corpus["text"], strict=True))
    assert all((tmp_path / "s" / f"{i}.txt").read_text(encoding="utf-8") == texts[i] for i in ids)
    listed = pd.read_csv(tmp_path / "s" / "sample.csv", dtype={"article_id": str})
    assert listed["article_id"].tolist() == ids


def test_strata_get_proportional_shares(corpus, tmp_path):
    sample = sample_for_coding(corpus, 5, by="outlet", out=tmp_path / "s")
    # quotas 3, 1.5 and 0.5: B takes the remainder before C (ties go to the earlier stratum)
    assert sample["stratum"].value_counts().sort_index().to_dict() == {"A": 3, "B": 2}
    weights = sample.drop_duplicates("stratum").set_index("stratum")["weight"].to_dict()
    assert weights == {"A": 2.0, "B": 1.5}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"n": 11}, "has 10 parsed article"),
        ({"n": 0}, "n must be a positive number"),
        ({"n": 2, "by": "section"}, "by must be a column of articles"),
    ],
)
def test_bad_sample_requests_say_what_to_do(corpus, tmp_path, arguments, message):
    with pytest.raises(ValueError, match=message):
        sample_for_coding(corpus, out=tmp_path / "s", **arguments)


def test_a_sample_never_overwrites_a_folder_being_coded(corpus, tmp_path):
    sample_for_coding(corpus, 2, out=tmp_path / "s")
    (tmp_path / "s" / "n00.ann").write_text("T1\tCue 0 3\tAnn\n", encoding="utf-8")
    with pytest.raises(FileExistsError, match="not an empty folder"):
        sample_for_coding(corpus, 2, out=tmp_path / "s")


def test_predictions_prefill_the_files_with_labels(invented, tmp_path):
    sample_for_coding(invented, 2, out=tmp_path / "s", with_predictions=True)
    back = read_brat_tables(tmp_path / "s")
    assert len(back["attributions"]) == int((~invented.attributions["is_floating"]).sum())
    assert back["attributions"]["cue_category"].notna().all()
    assert back["attributions"]["source_type"].notna().any()
    assert len(back["quotes"]) == len(invented.quotes)
    assert len(back["hedges"]) == len(invented.hedges)


def test_a_corpus_path_is_sampled_and_only_the_sample_parsed(write, tmp_path):
    for number in range(4):
        write(f"corpus/t{number}.txt", f"“It may rain,” Ann {number} said.")
    sample = sample_for_coding(
        tmp_path / "corpus", 2, seed=1, out=tmp_path / "s", with_predictions=True
    )
    coding = read_coding(tmp_path / "s")
    assert coding["articles"]["article_id"].tolist() == sample["article_id"].tolist()
    assert len(coding["attributions"]) == 2 and len(coding["hedges"]) == 2
