"""BRAT standoff reading and writing (analysis/brat.py)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.brat import (
    BRAT_ATTRIBUTES,
    BRAT_ATTRIBUTION_COLUMNS,
    BRAT_HEDGE_COLUMNS,
    BRAT_QUOTE_COLUMNS,
    BRAT_SPAN_LABELS,
    BratWarning,
    format_spans,
    list_brat_files,
    parse_spans,
    read_brat,
    read_brat_tables,
    write_brat,
    write_brat_config,
)

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
        "A1\tKind E1 indirect\n"
        "R1\tSame Arg1:T1 Arg2:T2\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1 \n",
    )
    table = read_brat(ann)
    assert len(table) == 1
    row = table.iloc[0]
    assert row.content_text == "Rain.\n\nThen sun."
    assert (row.content_start, row.content_end) == (10, 24)
    assert row.cue_text == "said"
    assert row.kind == "indirect"  # an attribute line before its event is read all the same


def test_event_without_cue_takes_its_trigger_and_may_lack_content(write):
    ann = write(
        "x.ann",
        "T1\tAttribution-no-source 4 10\tdenied\nE1\tAttribution-no-source:T1\n"
        "T2\tDiscuss 0 3\tHis\n",
    )
    table = read_brat(ann)
    assert len(table) == 1  # the Discuss span belongs to no event
    row = table.iloc[0]
    assert (row.cue_start, row.cue_end, row.cue_text) == (4, 10, "denied")
    assert pd.isna(row.content_start) and pd.isna(row.source_start)


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


# --- labels, quotations and hedges (this project's additions to PolNeAR's format) -----------

TEXT_THREE = "“It may rain,” Ann Lee said. Bo denied it."


@pytest.fixture
def labelled():
    articles = pd.DataFrame({"article_id": ["three"], "text": [TEXT_THREE]})
    attributions = pd.DataFrame(
        {
            "article_id": ["three", "three"],
            "attribution_id": [0, 1],
            "source_start": [15, 29],
            "source_end": [22, 31],
            "cue_start": [23, 32],
            "cue_end": [27, 38],
            "content_start": [0, 39],
            "content_end": [14, 41],
            "kind": ["direct", "indirect"],
            "cue_category": ["neutral", "denial"],
            "source_type": [pd.NA, "citizen"],
        }
    )
    quotes = pd.DataFrame(
        {"article_id": ["three"], "quote_id": [0], "start": [0], "end": [14], "kind": ["direct"]}
    )
    hedges = pd.DataFrame(
        {
            "article_id": ["three"],
            "hedge_id": [0],
            "start": [4],
            "end": [7],
            "category": ["modal"],
            "voice": ["source"],
        }
    )
    return articles, attributions, quotes, hedges


def test_labels_quotes_and_hedges_round_trip(labelled, tmp_path):
    articles, attributions, quotes, hedges = labelled
    write_brat(attributions, articles, tmp_path, quotes=quotes, hedges=hedges)
    lines = (tmp_path / "three.ann").read_text(encoding="utf-8").splitlines()
    assert "A1\tKind E1 direct" in lines and "A2\tCueCategory E1 neutral" in lines
    assert "A5\tSourceType T5 citizen" in lines  # the second attribution's Source span
    assert "T9\tQuote 0 14\t“It may rain,”" in lines and "A6\tQuoteKind T9 direct" in lines
    assert lines[-3:] == [
        "T10\tHedge 4 7\tmay",
        "A7\tHedgeCategory T10 modal",
        "A8\tVoice T10 source",
    ]

    back = read_brat_tables(tmp_path, text=articles)
    assert back["attributions"].columns.tolist() == list(BRAT_ATTRIBUTION_COLUMNS)
    assert back["attributions"][["kind", "cue_category", "source_type"]].astype(object).fillna(
        "-"
    ).values.tolist() == [["direct", "neutral", "-"], ["indirect", "denial", "citizen"]]
    assert back["quotes"].columns.tolist() == list(BRAT_QUOTE_COLUMNS)
    assert back["quotes"][["start", "end", "text", "kind"]].values.tolist() == [
        [0, 14, "“It may rain,”", "direct"]
    ]
    assert back["hedges"].columns.tolist() == list(BRAT_HEDGE_COLUMNS)
    assert back["hedges"][["start", "end", "category", "polarity", "voice"]].values.tolist() == [
        [4, 7, "modal", "hedge", "source"]
    ]
    # and once more: what was read writes the same file
    again = tmp_path / "again"
    write_brat(back["attributions"], articles, again, quotes=back["quotes"], hedges=back["hedges"])
    assert (again / "three.ann").read_bytes() == (tmp_path / "three.ann").read_bytes()


def test_write_refuses_a_label_outside_its_categories(labelled, tmp_path):
    articles, attributions, _, _ = labelled
    with pytest.raises(ValueError, match="attribution 1: cue_category 'denied' is not one of"):
        write_brat(attributions.assign(cue_category=["neutral", "denied"]), articles, tmp_path)
    assert list(tmp_path.iterdir()) == []


# A good attribution, then one bad line; the text is "Ann said so. Bo said no."
GOOD = (
    "T1\tSource 0 3\tAnn\nT2\tCue 4 8\tsaid\nT3\tContent 9 11\tso\n"
    "T4\tAttribution 4 8\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
)


@pytest.mark.parametrize(
    ("bad", "line", "message"),
    [
        ("T5\tCue 16 80\tsaid", 6, "offset 80 lies beyond the end of the text"),
        ("T5\tSource 13 15\tJo", 6, "the span's text is not the article's text at 13 15 ('Bo')"),
        ("T5\tSpeaker 13 15\tBo", 6, "unknown label 'Speaker'"),
        ("T5\tCue 16 20\tsaid\nE2\tSpeech:T5", 7, "unknown event type 'Speech'"),
        ("A1\tCertainty E1 high", 6, "unknown attribute 'Certainty'"),
        ("A1\tKind E1 dirct", 6, "Kind must be one of direct, mixed, indirect, not 'dirct'"),
        ("A1\tSourceType T2 official", 6, "SourceType qualifies a Source span, and T2 is not"),
        ("A1\tKind E9 direct", 6, "Kind qualifies an attribution event (E<n>), and E9 is not"),
        ("E2\tAttribution:T4 Source:T8", 6, "refers to T8, which is not a span line"),
        ("T5\tCue 16 20", 6, "the span's text is not the article's text"),
    ],
)
def test_a_problem_names_file_and_line_and_spares_the_rest(write, bad, line, message):
    ann = write("coded/x.ann", GOOD + bad + "\n")
    text = "Ann said so. Bo said no."
    with pytest.raises(ValueError, match=rf"x\.ann, line {line}: .*{re.escape(message)}"):
        read_brat(ann, text=text)
    with pytest.warns(BratWarning, match=rf"x\.ann, line {line}: .*{re.escape(message)}"):
        table = read_brat(ann, text=text, errors="warn")
    assert table[["source_text", "cue_text", "content_text"]].values.tolist()[0] == [
        "Ann",
        "said",
        "so",
    ]


def test_a_file_without_its_text_is_left_out_with_a_warning(write):
    write("coded/a.ann", GOOD)
    write("coded/b.ann", GOOD)
    with pytest.warns(BratWarning, match=r"no text for .*b\.ann"):
        table = read_brat(
            write("coded/a.txt", "x").parent, text={"a": "Ann said so."}, errors="warn"
        )
    assert table["article_id"].tolist() == ["a"]
    with pytest.raises(ValueError, match="errors must be 'raise' or 'warn'"):
        read_brat(write("c.ann", GOOD), errors="ignore")


def test_files_are_listed_with_their_texts(write):
    write("corpus/text/a1.txt", "Ann said so.")
    write("corpus/attributions/a1_m2.ann", GOOD)
    write("flat/b.txt", "Bo said no.")
    write("flat/b.ann", "")
    write("flat/c.ann", "")
    polnear = list_brat_files(write("corpus/x", "").parent / "attributions")
    assert polnear[["article_id", "annotator"]].values.tolist() == [["a1_m2", "m2"]]
    assert polnear["text_path"].str.endswith("text/a1.txt").tolist() == [True]
    flat = list_brat_files(write("flat/b.txt", "Bo said no.").parent)
    assert flat["article_id"].tolist() == ["b", "c"]
    assert flat["text_path"].isna().tolist() == [False, True]


def test_the_brat_configuration_declares_every_label_and_value(tmp_path):
    written = write_brat_config(tmp_path)
    annotation = (tmp_path / "annotation.conf").read_text(encoding="utf-8")
    visual = (tmp_path / "visual.conf").read_text(encoding="utf-8")
    assert [path.name for path in written] == ["annotation.conf", "visual.conf"]
    sections = [line for line in annotation.splitlines() if line.startswith("[")]
    assert sections == ["[entities]", "[relations]", "[events]", "[attributes]"]
    assert [line for line in visual.splitlines() if line.startswith("[")] == [
        "[labels]",
        "[drawing]",
    ]
    for label in BRAT_SPAN_LABELS:
        assert f"\n{label} | " in visual and f"\n{label}\tbgColor:" in visual
    for name, (qualifies, values) in BRAT_ATTRIBUTES.items():
        target = "<EVENT>" if qualifies == "event" else qualifies
        assert f"\n{name}\tArg:{target}, Value:{'|'.join(values)}\n" in annotation
    assert "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>" in annotation


def test_an_event_needing_a_span_left_out_is_left_out_too(write):
    ann = write("coded/x.ann", GOOD + "T5\tCue 16 80\tsaid\nE2\tAttribution-no-source:T5\n")
    with pytest.warns(BratWarning) as caught:
        table = read_brat(ann, text="Ann said so. Bo said no.", errors="warn")
    messages = [str(warning.message) for warning in caught]
    assert "line 6: offset 80 lies beyond" in messages[0]
    assert "line 7: refers to T5, left out above (line 6)" in messages[1]
    assert len(table) == 1
