"""Invariants on arbitrary text (hypothesis): offsets, coverage, order, determinism."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import analysis
from analysis.text import WORD_RE, count_words

PIECES = st.sampled_from(
    [
        "U.S.",
        "Mr.",
        "Inc.",
        "No.",
        "Jan.",
        "J.",
        "said",
        "Biden",
        "ANKARA",
        "(Reuters)",
        "–",
        "—",
        "-",
        ".",
        "?",
        "!",
        ",",
        ";",
        "“",
        "”",
        "‘",
        "’",
        '"',
        "'",
        "«",
        "»",
        "(",
        ")",
        "...",
        "By",
        "and",
        "the",
        "officials",
        "1.5",
        "2022",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        " ",
        "  ",
        "\t",
        "\u00a0",
        "\u200b",
        "\u2028",
        "\u2029",
        "\x00",
        "é",
        "😀",
        "עברית",
        "Reporting by",
        "Editing by",
    ]
)
WIRE_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=80).map(" ".join)
ANY_TEXT = st.one_of(st.text(max_size=300), WIRE_TEXT, st.lists(PIECES, max_size=60).map("".join))

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_sentences(text: str, table) -> None:
    previous_end = 0
    covered = set()
    for row in table.itertuples():
        assert text[row.start : row.end] == row.text
        assert row.text and row.text == row.text.strip()
        assert row.start >= previous_end  # in order, never overlapping
        previous_end = row.end
        covered.update(range(row.start, row.end))
    missing = [i for i, ch in enumerate(text) if not ch.isspace() and i not in covered]
    assert not missing, f"characters outside every sentence at {missing[:5]}"


ASCII_TEXT = st.one_of(
    st.text(alphabet=st.characters(max_codepoint=127), max_size=300),
    st.text(alphabet="aZ9_ ,.'-\t!", max_size=40),  # words and what may join them
    st.lists(PIECES.filter(str.isascii), max_size=60).map(" ".join),
)


@SETTINGS
@given(st.one_of(ASCII_TEXT, ANY_TEXT))
def test_word_count_is_that_of_the_word_pattern(text):
    # ASCII text is counted with a bytes pattern: the same words as WORD_RE's
    assert count_words(text) == len(WORD_RE.findall(text))


@SETTINGS
@given(ANY_TEXT)
def test_sentences_cover_the_text_exactly(text):
    parsed = analysis.parse([text])
    article = parsed.articles.iloc[0]
    assert article["text"] == text
    if article["status"] == "ok":
        check_sentences(text, parsed.sentences)
        # counted from the sentences, the words are those of the whole text
        assert article["n_words"] == count_words(text)
        assert parsed.sentences["sentence_id"].tolist() == list(range(len(parsed.sentences)))
        assert parsed.sentences["paragraph_id"].is_monotonic_increasing
    else:
        assert article["status"] == "empty"
        assert not len(parsed.sentences)


@SETTINGS
@given(ANY_TEXT)
def test_metadata_spans_index_the_text(text):
    article = analysis.load_articles([text]).iloc[0]
    for name in ("byline", "dateline", "credits"):
        start, end = article[f"{name}_start"], article[f"{name}_end"]
        if not pd.isna(start):
            assert 0 <= start < end <= len(text)
            assert text[start:end] == text[start:end].strip()
    if isinstance(article["credits"], str):
        assert text[article["credits_start"] : article["credits_end"]] == article["credits"]


@settings(max_examples=100, deadline=None)
@given(ANY_TEXT)
def test_same_input_same_tables(text):
    first, second = analysis.parse([text]), analysis.parse([text])
    for name in first:
        pd.testing.assert_frame_equal(first[name], second[name])


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_load_without_crashing(raw):
    row = analysis.load_articles(pd.DataFrame({"text": [raw]})).iloc[0]
    assert row["status"] in ("ok", "empty", "error")
    if row["status"] == "error":
        assert row["error"]


@SETTINGS
@given(ANY_TEXT)
def test_quote_and_attribution_spans_index_the_text(text):
    parsed = analysis.parse([text])
    for row in parsed.quotes.itertuples():
        assert 0 <= row.start <= row.end <= len(text)
        assert row.text in text[row.start : row.end]
    for row in parsed.attributions.itertuples():
        for role in ("source", "cue", "content"):
            start, end = getattr(row, f"{role}_start"), getattr(row, f"{role}_end")
            if not pd.isna(start):
                assert 0 <= start < end <= len(text)
                assert text[start:end] == getattr(row, f"{role}_text")
        if isinstance(row.content_spans, str):
            pieces = [tuple(map(int, p.split())) for p in row.content_spans.split(";")]
            assert pieces == sorted(pieces)
            assert pieces[0][0] == row.content_start and pieces[-1][1] == row.content_end
    ids = set(parsed.attributions["source_id"].dropna())
    assert ids <= set(parsed.sources["source_id"])


HEDGE_PIECES = st.sampled_from(
    [
        "may",
        "May",
        "could not independently verify",
        "couldn’t",
        "about",
        "about 40",
        "up to",
        "more than 2.5 million",
        "not",
        "clearly",
        "if",
        "until",
        "would",
        "said",
        "“",
        "”",
        '"',
        "so-called",
        "what he called",
        "\n\n",
        ".",
        "It",
        "was",
        "possible",
    ]
)
HEDGE_TEXT = st.lists(st.one_of(HEDGE_PIECES, st.text(max_size=4)), max_size=60).map(" ".join)


@SETTINGS
@given(st.one_of(ANY_TEXT, HEDGE_TEXT))
def test_hedge_spans_index_the_text_inside_their_sentence(text):
    parsed = analysis.parse([text])
    sentences = parsed.sentences.set_index("sentence_id")
    previous_end = 0
    for row in parsed.hedges.itertuples():
        assert text[row.start : row.end] == row.text
        assert row.start < row.end and row.start >= previous_end  # in order, no overlap
        previous_end = row.end
        sentence = sentences.loc[row.sentence_id]
        assert sentence.start <= row.start and row.end <= sentence.end
    ids = set(parsed.hedges["attribution_id"].dropna())
    assert ids <= set(parsed.attributions["attribution_id"])


NEWS_PIECES = st.sampled_from(
    [
        "said",
        "told",
        "according to",
        "claimed",
        "Maria Lopez",
        "the ministry",
        "He",
        "She",
        "Mr. Roe",
        "“",
        "”",
        "‘",
        "’",
        "«",
        "»",
        '"',
        "'",
        "n't",
        ",",
        ".",
        ":",
        "\n",
        "\r\n",
        "\r",
        "\n\n",
        "\u2028",
        "may",
        "about 40",
    ]
)
NEWS_TEXT = st.lists(
    st.one_of(NEWS_PIECES, st.text(max_size=5), st.text(alphabet="ABCxyz ", max_size=8)),
    max_size=70,
).map(" ".join)


def _inside_sentence(sentences, article_id, sentence_id, start, end):
    row = sentences.loc[(article_id, sentence_id)]
    assert row["start"] <= start and end <= row["end"], (sentence_id, start, end)


@SETTINGS
@given(NEWS_TEXT)
# a distancing cue in the title, which is not read for hedges, was given to the last body sentence
@example("0 claimed said said \n \n said")
def test_every_table_span_lies_in_its_sentence_and_indexes_the_text(text):
    parsed = analysis.parse([text])
    sentences = parsed.sentences.set_index(["article_id", "sentence_id"])
    for row in parsed.quotes.itertuples():
        assert row.text in text[row.start : row.end]  # the marks and what they hold
        _inside_sentence(sentences, row.article_id, row.sentence_id, row.start, row.start + 1)
    for row in parsed.hedges.itertuples():
        assert text[row.start : row.end] == row.text
        _inside_sentence(sentences, row.article_id, row.sentence_id, row.start, row.end)
    for row in parsed.attributions.itertuples():
        for role in ("source", "cue"):
            start, end = getattr(row, f"{role}_start"), getattr(row, f"{role}_end")
            if not pd.isna(start):
                assert text[start:end] == getattr(row, f"{role}_text")
    assert set(parsed.sources["source_id"]) >= set(parsed.attributions["source_id"].dropna())
    again = analysis.parse([text])
    for name in parsed:
        pd.testing.assert_frame_equal(parsed[name], again[name])


@given(st.text(alphabet="ab1_'-.,  \n;:!?\"()Z", max_size=60))
def test_ascii_word_count_is_the_word_pattern_count(text):
    from analysis.text import _ASCII_WORD_RE, _count_ascii_words

    data = text.encode("ascii")
    assert _count_ascii_words(data) == len(_ASCII_WORD_RE.findall(data))
