"""Quotations (analysis/quotes.py): one construction per case, then invariants."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.quotes import (
    MAX_DEPTH,
    QuoteSpan,
    _word_bounds,
    article_quotes,
    find_quotes,
    quote_kind,
)
from analysis.segment import article_sentences
from analysis.tables import QUOTE_COLUMNS
from analysis.text import WORD_RE

MARKS = "“”‘’\"'«»„‚‹›"


def quoted(text: str) -> list[str]:
    """Each quotation with its marks, in order."""
    return [text[q.start : q.end] for q in find_quotes(text)]


def sentences_of(text: str, article_id: str = "a") -> pd.DataFrame:
    return article_sentences({"article_id": article_id, "text": text, "status": "ok"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # curly double marks
        ("“We will rebuild,” the mayor said.", ["“We will rebuild,”"]),
        # straight double marks, paired by the spaces around them
        ('The minister said "no" twice.', ['"no"']),
        ('"We will rebuild," the mayor said.', ['"We will rebuild,"']),
        ('He said "yes" and then "no".', ['"yes"', '"no"']),
        # curly and straight single marks
        ("‘We will rebuild,’ the mayor said.", ["‘We will rebuild,’"]),
        ("'We will rebuild,' the mayor said.", ["'We will rebuild,'"]),
        # guillemets, spaced the French way, and single guillemets
        ("« Nous reconstruirons », a dit le maire.", ["« Nous reconstruirons »"]),
        ("‹Oui›, dit-il.", ["‹Oui›"]),
        # German low-high marks, double and single; Polish low and right marks
        ("„Wir bauen auf“, sagte sie.", ["„Wir bauen auf“"]),
        ("Ein ‚kleiner‘ Test.", ["‚kleiner‘"]),
        ("„Odbudujemy”, powiedział.", ["„Odbudujemy”"]),
        # an opening curly mark typed where the closing one belongs
        ("“We will rebuild“, he said.", ["“We will rebuild“"]),
        # straight marks after an opening bracket or a dash, before a closing bracket
        ("(“Never,” he said.)", ["“Never,”"]),
        ('He had one answer—"never".', ['"never"']),
        ('The word ("never") stuck.', ['"never"']),
        # two apostrophes for a double mark, as in some archives
        ("''We will rebuild,'' the mayor said.", ["''We will rebuild,''"]),
        ("He said ''no'' twice.", ["''no''"]),
    ],
)
def test_quotation_marks(text, expected):
    assert quoted(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine’s army held the line.",  # possessive between letters
        "We’re ready, they’ve said, and we'll see.",  # contractions, curly and straight
        "Don't go, won’t stay.",
        "Shares fell in the ’90s and the '80s.",  # decades
        "Sales of ‘90s hits rose.",  # a decade with a wrong-way apostrophe
        "They played rock ’n’ roll and rock 'n' roll.",  # an elision with marks on both sides
        "Let 'em go, 'cause it's late.",  # elisions starting a word
        "The Joneses' car and the teachers’ union.",  # plural possessives
        "He is 6'2\" tall.",  # feet and inches
        "Mr O'Brien arrived.",
    ],
)
def test_apostrophes_are_not_quotation_marks(text):
    assert find_quotes(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“Ukraine’s army won’t stop,” he said.", ["“Ukraine’s army won’t stop,”"]),
        ("\"It's the Joneses' car,\" he said.", ["\"It's the Joneses' car,\""]),
        ("‘Rock ’n’ roll is back,’ she said.", ["‘Rock ’n’ roll is back,’"]),
        ("“The ’90s were good,” he said.", ["“The ’90s were good,”"]),
    ],
)
def test_apostrophes_inside_quotations(text, expected):
    assert quoted(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # single marks inside double marks, curly and straight
        (
            "“He told me ‘never’ again,” she said.",
            [("“He told me ‘never’ again,”", 0), ("‘never’", 1)],
        ),
        (
            "\"He told me 'never' again,\" she said.",
            [("\"He told me 'never' again,\"", 0), ("'never'", 1)],
        ),
        # both closing marks together
        ("“She said: ‘Go.’”", [("“She said: ‘Go.’”", 0), ("‘Go.’", 1)]),
        # British style: double marks inside single ones
        ("‘He called it “fake”,’ he said.", [("‘He called it “fake”,’", 0), ("“fake”", 1)]),
        # German nesting
        ("„Er sagte ‚nein‘ dazu“, hieß es.", [("„Er sagte ‚nein‘ dazu“", 0), ("‚nein‘", 1)]),
        # three apostrophes: an inner single mark closing, then the archive's double mark
        (
            "''We are told, 'it is special,''' he said.",
            [("''We are told, 'it is special,'''", 0), ("'it is special,'", 1)],
        ),
        (
            "He said: '''Go,' she told me.''",
            [("'''Go,' she told me.''", 0), ("'Go,'", 1)],
        ),
        # an unclosed inner quotation ends before the outer closing mark
        (
            "“He said ‘never again,” she said.",
            [("“He said ‘never again,”", 0), ("‘never again,", 1)],
        ),
    ],
)
def test_nested_quotations(text, expected):
    assert [(text[q.start : q.end], q.depth) for q in find_quotes(text)] == expected


def test_nesting_is_limited():
    text = "“a ‘b “c ‘d’ e” f’ g”"
    depths = [q.depth for q in find_quotes(text)]
    assert depths == [0, 1, 2]
    assert max(depths) == MAX_DEPTH - 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # every paragraph opens, only the last closes
        (
            "“First paragraph.\n\n“Second paragraph.\n\n“Third.” He left.",
            "“First paragraph.\n\n“Second paragraph.\n\n“Third.”",
        ),
        ('He said: "One.\n\n"Two," she added.', '"One.\n\n"Two,"'),
        ("« Un.\n\n« Deux. »", "« Un.\n\n« Deux. »"),
        ("“One.\r\n\r\n“Two.”", "“One.\r\n\r\n“Two.”"),
        # an indented paragraph, as in old wire copy
        ("“One.\n    “Two.”", "“One.\n    “Two.”"),
    ],
)
def test_multi_paragraph_quotation_is_one_continued_span(text, expected):
    (span,) = find_quotes(text)
    assert text[span.start : span.end] == expected
    assert span.continued
    assert text[span.inner_end] == span.close_mark
    assert text[span.inner_start - 1] == span.open_mark


def test_continued_quotation_keeps_nested_ones():
    text = "“One ‘a’.\n\n“Two ‘b’.”"
    assert [(text[q.start : q.end], q.depth, q.continued) for q in find_quotes(text)] == [
        ("“One ‘a’.\n\n“Two ‘b’.”", 0, True),
        ("‘a’", 1, False),
        ("‘b’", 1, False),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a dangling quotation ends where its paragraph's text ends
        (
            "“We will rebuild, the mayor said.\n\nThe council agreed. “Yes,” it said.",
            ["“We will rebuild, the mayor said.", "“Yes,”"],
        ),
        ("“Open quotation   \n\nNext paragraph.", ["“Open quotation"]),
        ('He said "we will.', ['"we will.']),
        # the next paragraph opens with a mark of another style: no continuation
        ("“One.\n\n‘Two.’", ["“One.", "‘Two.’"]),
        # a dangling quotation does not capture the next quotation in its paragraph
        ("“Open. “Closed.”", ["“Open. “Closed.”", "“Closed.”"]),
    ],
)
def test_dangling_quotation_ends_with_its_paragraph(text, expected):
    assert quoted(text) == expected
    assert find_quotes(text)[0].dangling


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He left” and “came back”.", ["“came back”"]),
        ('It was 5" long and "short".', ['"short"']),
        ("Prices » rose.", []),
        ("They’ left.", []),
    ],
)
def test_stray_closing_mark_is_ignored(text, expected):
    assert quoted(text) == expected


def test_quote_span_fields():
    text = "She said “no” twice."
    assert find_quotes(text) == [QuoteSpan(9, 13, 10, 12, False, "“", "”", 0)]
    (dangling,) = find_quotes("“Open")
    assert (dangling.close_mark, dangling.inner_end, dangling.end) == ("", 5, 5)


@pytest.mark.parametrize(
    ("inner", "sentence_without_quote", "expected"),
    [
        ("We will rebuild every house", None, "direct"),  # a clause or more
        ("No,", None, "direct"),  # capitalised, punctuation inside the marks
        ("It is", None, "direct"),  # capitalised, with an auxiliary
        ("We’re done", None, "direct"),  # capitalised, with a contraction
        ("Never again", "", "direct"),  # the whole sentence
        ("never again", "he said", "partial"),
        ("foreign mercenaries", None, "partial"),  # a few quoted words
        ("war of choice", None, "partial"),
        ("a disgrace.", None, "partial"),  # American style: the period inside the marks
        ("War and Peace", None, "other"),  # a title
        ("The Lord of the Rings", None, "other"),  # a long title
        ("Iron Lady", None, "other"),  # a nickname
        ("...", None, "other"),  # no words
        ("", None, "other"),
    ],
)
def test_quote_kind(inner, sentence_without_quote, expected):
    assert quote_kind(inner, sentence_without_quote) == expected


def test_article_quotes_table():
    text = "“We will win,” she said.\n\nCritics called it “a fantasy ‘plan’”. “Never.”"
    quotes = article_quotes("a1", text, sentences_of(text, "a1"))
    assert list(quotes.columns) == list(QUOTE_COLUMNS)
    assert {c: str(t) for c, t in quotes.dtypes.items()} == {
        c: str(t) for c, t in QUOTE_COLUMNS.items()
    }
    assert quotes["quote_id"].tolist() == [0, 1, 2, 3]
    assert quotes["text"].tolist() == ["We will win,", "a fantasy ‘plan’", "plan", "Never."]
    assert quotes["kind"].tolist() == ["direct", "partial", "partial", "direct"]
    assert quotes["n_words"].tolist() == [3, 3, 1, 1]
    assert quotes["sentence_id"].tolist() == [0, 1, 1, 2]
    assert quotes["attribution_id"].isna().all()
    assert not quotes["continued"].any()
    for row in quotes.itertuples():
        assert text[row.start + 1 : row.start + 1 + len(row.text)] == row.text


def test_article_quotes_keeps_only_this_articles_sentences():
    text = "He said “yes”."
    sentences = pd.concat([sentences_of("Other text here.", "b"), sentences_of(text, "a")])
    assert article_quotes("a", text, sentences)["sentence_id"].tolist() == [0]


def test_article_quotes_without_quotes_is_an_empty_table():
    quotes = article_quotes("a", "No quotations here.", sentences_of("No quotations here."))
    assert len(quotes) == 0
    assert list(quotes.columns) == list(QUOTE_COLUMNS)


def test_article_quotes_needs_the_articles_sentences():
    empty = sentences_of("")
    with pytest.raises(ValueError, match="sentences"):
        article_quotes("a", "He said “yes”.", empty)


@pytest.mark.parametrize("mark", sorted(MARKS))
def test_many_marks_in_a_row_stay_linear(mark):
    # Not a timed test: quadratic behaviour would take minutes here.
    text = mark * 100_000
    spans = find_quotes(text)
    assert len(spans) <= 100_000
    assert all(q.depth < MAX_DEPTH for q in spans)


def test_long_texts_stay_linear():
    paragraphs = "“One.\n\n" * 50_000 + "“Last.”"
    assert len(find_quotes(paragraphs)) == 1
    spaces = " " * 1_000_000 + "“x"
    assert quoted(spaces) == ["“x"]
    quotes = "“a” " * 50_000
    frame = article_quotes(
        "a", quotes, pd.DataFrame({"start": [0], "end": [len(quotes) - 1], "sentence_id": [0]})
    )
    assert len(frame) == 50_000


# Property tests: arbitrary text built from marks, words, spaces and line breaks.
PIECES = st.sampled_from(
    [*MARKS, "word", "Ukraine", "s", "n", "90s", "em", " ", "  ", "\n", "\n\n", "\r\n", "\t"]
    + [".", ",", "(", ")", "—", "-", "\u2029", "\u00a0", "é", "😀", "he said", "It’s"]
)
MARKED_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=80).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=200), MARKED_TEXT)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(ANY_TEXT)
def test_spans_map_back_to_their_marks(text):
    spans = find_quotes(text)
    for span in spans:
        assert 0 <= span.start < span.inner_start <= span.inner_end <= span.end <= len(text)
        assert span.inner_start == span.start + len(span.open_mark)
        assert text[span.start : span.inner_start] == span.open_mark
        if span.close_mark:
            assert span.inner_end == span.end - len(span.close_mark)
            assert text[span.inner_end : span.end] == span.close_mark
        else:
            assert span.inner_end == span.end
        assert 0 <= span.depth < MAX_DEPTH
    assert [span.start for span in spans] == sorted({span.start for span in spans})


@SETTINGS
@given(ANY_TEXT)
def test_spans_never_cross(text):
    spans = find_quotes(text)
    for index, outer in enumerate(spans):
        for inner in spans[index + 1 :]:
            # later spans start after outer: either after it or inside its inner part
            assert inner.start >= outer.end or (
                outer.inner_start <= inner.start and inner.end <= outer.inner_end
            )
    for span in spans:
        enclosing = [o for o in spans if o.start < span.start and span.end <= o.end]
        assert span.depth == len(enclosing)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_quotes_table_invariants(text):
    sentences = sentences_of(text)
    quotes = article_quotes("a", text, sentences)
    spans = find_quotes(text)
    assert len(quotes) == len(spans)
    assert quotes["quote_id"].tolist() == list(range(len(quotes)))
    bounds = {row.sentence_id: (row.start, row.end) for row in sentences.itertuples(index=False)}
    for row, span in zip(quotes.itertuples(), spans, strict=True):
        assert (row.start, row.end) == (span.start, span.end)
        assert text[span.inner_start : span.inner_end] == row.text
        assert row.kind in ("direct", "partial", "other")
        sentence_start, sentence_end = bounds[row.sentence_id]
        assert sentence_start <= row.start < sentence_end
    pd.testing.assert_frame_equal(quotes, article_quotes("a", text, sentences))
    assert find_quotes(text) == spans


@SETTINGS
@given(ANY_TEXT, st.data())
def test_word_bounds_are_those_of_the_first_and_last_word(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    words = [m.span() for m in WORD_RE.finditer(text, start, end)]
    expected = (words[0][0], words[-1][1]) if words else (end, start)
    assert _word_bounds(text, start, end) == expected
