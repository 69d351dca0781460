"""BRAT standoff reading and writing (analysis/brat.py), and the attribution benchmark's scoring."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from analysis.brat import (
    BRAT_ATTRIBUTION_COLUMNS,
    format_spans,
    parse_spans,
    read_brat,
    write_brat,
)

REPO = Path(__file__).resolve().parent.parent


def _load_benchmark():
    spec = importlib.util.spec_from_file_location(
        "benchmark_attributions", REPO / "benchmarks" / "attributions.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _load_benchmark()

# "\r\n" before the attributions: offsets only hold if nothing translates newlines.
TEXT_ONE = 'Headline\r\n\r\nJane Roe said the vote, she added, was "very\nclose."'
TEXT_TWO = "It was reported that taxes rose."
SPANS_ONE = {
    "source": (12, 20),  # Jane Roe
    "cue": (21, 25),  # said
    "content": [(26, 34), (47, 64)],  # the vote … was "very\nclose."
}


@pytest.fixture
def articles():
    return pd.DataFrame(
        {
            "article_id": ["wire/one", "two", "three", "four"],
            "text": [TEXT_ONE, TEXT_TWO, "", "Nobody said a thing here."],
            "status": ["ok", "ok", "empty", "ok"],
        }
    )


@pytest.fixture
def attributions():
    return pd.DataFrame(
        {
            "article_id": ["wire/one", "two"],
            "attribution_id": [0, 0],
            "source_start": pd.array([12, None], dtype="Int64"),
            "source_end": pd.array([20, None], dtype="Int64"),
            "cue_start": [21, 3],
            "cue_end": [25, 15],
            "content_start": pd.array([26, 16], dtype="Int64"),
            "content_end": pd.array([64, 31], dtype="Int64"),
            "content_spans": pd.array(["26 34;47 64", None], dtype="string"),
        }
    )


def test_round_trip_keeps_every_span(articles, attributions, tmp_path):
    written = write_brat(attributions, articles, tmp_path)
    assert written == [tmp_path / "wire" / "one.ann", tmp_path / "two.ann", tmp_path / "four.ann"]
    assert (tmp_path / "four.ann").read_text(encoding="utf-8") == ""
    assert not (tmp_path / "three.ann").exists()  # empty articles are not written
    with open(tmp_path / "wire" / "one.txt", encoding="utf-8", newline="") as handle:
        assert handle.read() == TEXT_ONE

    back = read_brat(tmp_path, text=articles)
    assert back.columns.tolist() == list(BRAT_ATTRIBUTION_COLUMNS)
    assert back.article_id.tolist() == ["two", "wire/one"]  # sorted by path
    assert back.annotator.isna().all()  # the text is beside the .ann file
    one = back[back.article_id == "wire/one"].iloc[0]
    assert (one.source_start, one.source_end) == SPANS_ONE["source"]
    assert (one.cue_start, one.cue_end) == SPANS_ONE["cue"]
    assert parse_spans(one.content_spans) == SPANS_ONE["content"]
    assert (one.content_start, one.content_end) == (26, 64)
    assert one.source_text == "Jane Roe"
    assert one.content_text == TEXT_ONE[26:64]  # outer bounds when the text is given
    two = back[back.article_id == "two"].iloc[0]
    assert pd.isna(two.source_start) and pd.isna(two.source_spans)
    assert two.cue_text == "was reported"
    assert two.content_text == "that taxes rose"


def test_written_lines_follow_polnear(articles, attributions, tmp_path):
    write_brat(attributions, articles, tmp_path)
    one = (tmp_path / "wire" / "one.ann").read_text(encoding="utf-8").split("\n")
    assert one == [
        "T1\tSource 12 20\tJane Roe",
        "T2\tCue 21 25\tsaid",
        'T3\tContent 26 34;47 64\tthe vote was "very close."',  # line break made a space
        "T4\tAttribution 21 25\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        "",
    ]
    two = (tmp_path / "two.ann").read_text(encoding="utf-8").split("\n")
    assert two[-3:] == [
        "T3\tAttribution-no-source 3 15\twas reported",
        "E1\tAttribution-no-source:T3 Content:T2 Cue:T1",
        "",
    ]


def test_surface_text_is_used_without_the_article_text(articles, attributions, tmp_path):
    write_brat(attributions, articles, tmp_path)
    one = read_brat(tmp_path / "wire" / "one.ann").iloc[0]
    assert one.article_id == "one"  # a single file: its stem
    assert one.content_text == 'the vote was "very close."'


@pytest.mark.parametrize(
    ("spans", "pieces"),
    [("3 8", [(3, 8)]), ("3 8;10 12", [(3, 8), (10, 12)]), (" 3 8 ; 10 12 ", [(3, 8), (10, 12)])],
)
def test_spans_parse_and_format(spans, pieces):
    assert parse_spans(spans) == pieces
    assert format_spans(pieces) == ";".join(f"{s} {e}" for s, e in pieces)


@pytest.mark.parametrize("spans", ["", "3", "3 8;", "8 3", "a b", "3-8"])
def test_bad_spans_are_refused(spans):
    with pytest.raises(ValueError, match="span"):
        parse_spans(spans)


def test_continuation_lines_and_notes_are_skipped(write):
    ann = write(
        "notes/a.ann",
        "T1\tSource 0 3\tAnn\n"
        "T2\tCue 4 8\tsaid\n"
        "T3\tContent 10 24\tRain.\n"
        "\n"
        "Then sun.\n"
        "#1\tAnnotatorNotes T3\tIs the second line\n"
        "part of it?\n"
        "T4\tAttribution 4 8\tsaid\n"
        "A1\tConfidence T4 High\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1 \n",
    )
    table = read_brat(ann)
    assert len(table) == 1
    row = table.iloc[0]
    assert row.content_text == "Rain.\n\nThen sun."
    assert (row.content_start, row.content_end) == (10, 24)
    assert row.cue_text == "said"


def test_event_without_cue_takes_its_trigger_and_may_lack_content(write):
    ann = write(
        "x.ann",
        "T1\tAttribution-no-source 4 10\tdenied\n"
        "E1\tAttribution-no-source:T1\n"
        "T2\tDiscuss 0 3\tHis\n"
        "T3\tOther 0 3\tHis\n"
        "E2\tOther:T3\n",
    )
    row = read_brat(ann).iloc[0]
    assert (row.cue_start, row.cue_end, row.cue_text) == (4, 10, "denied")
    assert pd.isna(row.content_start) and pd.isna(row.source_start)
    assert len(read_brat(ann)) == 1  # the "Other" event is not an attribution


def test_second_content_argument_is_merged(write):
    ann = write(
        "y.ann",
        "T1\tCue 0 4\tsaid\nT2\tContent 5 9\tthis\nT3\tContent 20 24\tthat\n"
        "T4\tAttribution 0 4\tsaid\nE1\tAttribution-no-source:T4 Cue:T1 Content:T2 Content2:T3\n",
    )
    row = read_brat(ann).iloc[0]
    assert row.content_spans == "5 9;20 24"
    assert (row.content_start, row.content_end) == (5, 24)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("T2\tCue 9\tsaid", "a span line must be"),
        ("T2\tCue 9 4\tsaid", "ends before it starts"),
        ("T2\tCue\tsaid", "a span line must be"),
        ("E1\tAttribution:T1 Cue T1", "an event argument must be"),
        ("E1\tAttribution:T1 Cue:T9", "T9, which is not a span line"),
        ("T1\tCue 4 8\tsaid", "T1 is defined twice"),
    ],
)
def test_malformed_lines_name_file_and_line(write, line, message):
    ann = write("bad.ann", f"T1\tCue 4 8\tsaid\n{line}\n")
    with pytest.raises(ValueError, match=message) as caught:
        read_brat(ann)
    assert "bad.ann, line 2" in str(caught.value)


def test_offsets_beyond_the_text_are_refused(write):
    ann = write("short.ann", "T1\tCue 4 80\tsaid\n")
    with pytest.raises(ValueError, match="short.ann, line 1: offset 80 lies beyond"):
        read_brat(ann, text="Ann said so.")


def test_polnear_names_give_the_annotator(write):
    write("corpus/text/a1.txt", "Ann said so.")
    event = "T1\tCue 4 8\tsaid\nE1\tAttribution-no-source:T1\n"
    write("corpus/attributions/a1_m2.ann", event)
    folder = write("corpus/attributions/a1_k9.ann", event).parent
    table = read_brat(folder, text={"a1": "Ann said so."})
    assert table.article_id.tolist() == ["a1_k9", "a1_m2"]
    assert table.annotator.tolist() == ["k9", "m2"]
    assert table.cue_text.tolist() == ["said", "said"]
    assert table.attribution_id.tolist() == [0, 0]


def test_write_refuses_what_it_cannot_write(articles, attributions, tmp_path):
    stray = attributions.assign(article_id=["wire/one", "three"])
    with pytest.raises(ValueError, match="'three'"):
        write_brat(stray, articles, tmp_path)
    outside = attributions.assign(cue_end=[25, 99])
    with pytest.raises(ValueError, match="article 'two', attribution 0: the cue piece 3-99"):
        write_brat(outside, articles, tmp_path)
    assert list(tmp_path.iterdir()) == []  # nothing written when a row is wrong
    with pytest.raises(ValueError, match="lacks the column"):
        write_brat(attributions.drop(columns="cue_end"), articles, tmp_path)


# The benchmark's scoring: spans are tuples of (start, end) pieces.
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
    score = bench.score_role({"a": gold}, {"a": predicted})
    assert (score["exact_tp"], score["overlap_tp"]) == (exact_tp, overlap_tp)
    assert (score["gold"], score["predicted"]) == (len(gold), len(predicted))


def test_score_role_prefers_exact_pairs_and_largest_overlaps():
    wide = ((0, 30),)
    # the wide prediction overlaps A by 10 and B by 10; A also has its exact match
    score = bench.score_role({"a": [A, B]}, {"a": [wide, A]})
    assert (score["exact_tp"], score["overlap_tp"]) == (1, 2)
    assert score["boundary"] == [("a", B, wide)]
    # greedy by shared characters: B takes the prediction it shares most with
    score = bench.score_role({"a": [((0, 25),), B]}, {"a": [((18, 30),)]})
    assert score["boundary"] == [("a", B, ((18, 30),))]
    assert score["missed"] == [("a", ((0, 25),))]


def test_score_role_is_micro_averaged_within_articles():
    score = bench.score_role({"a": [A], "b": [B, C]}, {"a": [A], "b": [A], "c": [C]})
    assert score["exact_tp"] == 1  # the A predicted in b does not match the gold A of a
    assert score["exact_precision"] == pytest.approx(1 / 3)
    assert score["exact_recall"] == pytest.approx(1 / 3)
    assert score["missed"] == [("b", B), ("b", C)]
    assert score["spurious"] == [("b", A), ("c", C)]
    empty = bench.score_role({}, {})
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
    assert bench.row_span(row, "source", text) == ((2, 5),)
    assert bench.row_span(row, "cue", text) is None
    assert bench.row_span(row, "content", text) == ((14, 23), (26, 30))
    assert bench.row_span({"source_start": 0, "source_end": 2}, "source", text) is None
