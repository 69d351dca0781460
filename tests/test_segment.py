"""Paragraphs and sentences (analysis/segment.py): one construction per case."""

from __future__ import annotations

import re
import subprocess
import sys

import pandas as pd
import pytest

import analysis
from analysis import SENTENCE_COLUMNS, Segmenter, load_articles, sentence_spans, split_sentences
from analysis.segment import (
    _AFTER_ABBREVIATION,
    _SINGLE_LINE_BREAK,
    MAX_PIECE_CHARS,
)
from analysis.text import LINE_BREAK, PARAGRAPH_BREAK, paragraph_breaks


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentence_spans(text, parts=())]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # U.S. before a capitalised name across a line break: the clause goes on
        (
            "In a call, U.S.\nPresident Joe Biden spoke. Talks went on.",
            ["In a call, U.S.\nPresident Joe Biden spoke.", "Talks went on."],
        ),
        # a paragraph break inside a sentence: lower case after it
        (
            "China may help Moscow, several U.S.\n\nofficials said.\n\nNext one.",
            ["China may help Moscow, several U.S.\n\nofficials said.", "Next one."],
        ),
        # a paragraph break after U.S. before a capital: a new sentence (all 22 such breaks
        # in the PolNeAR and BBC texts are one); only a single line break is read through
        (
            "Obama acted on guns in the U.S.\n\nFlorida Sen. Ann Lee said he was wrong.",
            ["Obama acted on guns in the U.S.", "Florida Sen. Ann Lee said he was wrong."],
        ),
        # U.S. at the end of a sentence, before a frequent sentence starter
        (
            "Sales grew in the U.S. The company said so.",
            ["Sales grew in the U.S.", "The company said so."],
        ),
        # a single line break between two complete sentences is a boundary
        (
            "Neither side said what these would cover.\nThree rounds of talks were held.",
            ["Neither side said what these would cover.", "Three rounds of talks were held."],
        ),
        # a hard-wrapped line inside a sentence is not
        (
            "The company said it is in\ncompliance with all rules.",
            ["The company said it is in\ncompliance with all rules."],
        ),
        # a closing quotation mark stays with its sentence
        (
            "“I’ve never heard of that.” He left.",
            ["“I’ve never heard of that.”", "He left."],
        ),
        (
            '"We will win," Zelenskiy said. "We must."',
            ['"We will win," Zelenskiy said.', '"We must."'],
        ),
        # a question inside a quotation followed by lower case: one sentence
        ("“Why now?” she asked. Nobody knew.", ["“Why now?” she asked.", "Nobody knew."]),
        # titles and initials
        ("Mr. Li met Dr. Ann B. Cole on Monday.", ["Mr. Li met Dr. Ann B. Cole on Monday."]),
        ("Gen. Lee and Sen. Ray met. They agreed.", ["Gen. Lee and Sen. Ray met.", "They agreed."]),
        ("Author J. K. Rowling spoke.", ["Author J. K. Rowling spoke."]),
        # months, No., St., Inc.
        ("On Jan. 5 the vote was held.", ["On Jan. 5 the vote was held."]),
        ("It was ranked No. 1 in the world.", ["It was ranked No. 1 in the world."]),
        ("He lives on St. Mark's Place.", ["He lives on St. Mark's Place."]),
        ("Acme Inc. said profit rose.", ["Acme Inc. said profit rose."]),
        (
            "Shares of Acme Inc. rose. The rally faded.",
            ["Shares of Acme Inc. rose.", "The rally faded."],
        ),
        # a company name ends a sentence; a courtesy title starts the next one
        (
            "He is an analyst at Acme Inc. Ms. Lee agreed.",
            ["He is an analyst at Acme Inc.", "Ms. Lee agreed."],
        ),
        # an opening quotation mark after a name-final abbreviation starts a sentence ...
        (
            "He works at Lee & Co. “It’s over,” he said.",
            ["He works at Lee & Co.", "“It’s over,” he said."],
        ),
        # ... but not after U.S. before scare quotes
        (
            "He criticised the U.S. “war of choice” loudly.",
            ["He criticised the U.S. “war of choice” loudly."],
        ),
        # a state abbreviation whose lower-cased form is a word is matched with its case only
        ("She fell ill. Doctors came.", ["She fell ill.", "Doctors came."]),
        ("He was born in Chicago, Ill. in 1960.", ["He was born in Chicago, Ill. in 1960."]),
        # numbers and decimals
        (
            "Prices rose 2.5 percent in 2021. Then fell.",
            ["Prices rose 2.5 percent in 2021.", "Then fell."],
        ),
        # spaced ellipses are not boundaries before lower case
        (
            '"He was told . . . the end was near," he said.',
            ['"He was told . . . the end was near," he said.'],
        ),
        # a heading line in capitals is a sentence of its own
        (
            "HARSH SANCTIONS\nMarkets rallied on hopes.",
            ["HARSH SANCTIONS", "Markets rallied on hopes."],
        ),
        # list items on their own lines are sentences of their own
        (
            "Winners:\n - Best design - Ann Lee at the Palace \n - Best opera - Lady Macbeth",
            ["Winners:", "- Best design - Ann Lee at the Palace", "- Best opera - Lady Macbeth"],
        ),
        # exclamation and question marks
        ("Stop! Who goes there? Nobody.", ["Stop!", "Who goes there?", "Nobody."]),
        # text with no punctuation at all is one sentence
        ("no punctuation at all just words", ["no punctuation at all just words"]),
        # possessive after an initial: no boundary without white space
        ("Eric B.'s record sold well.", ["Eric B.'s record sold well."]),
        # "no." is the word at a sentence's end, and the number sign before a digit
        (
            "He said no. Voters in team no. 7 left. It was No. 1 again.",
            ["He said no.", "Voters in team no. 7 left.", "It was No. 1 again."],
        ),
    ],
)
def test_sentence_boundaries(text, expected):
    assert sentences(text) == expected


# "\r\n" is left out: analysis.text's PARAGRAPH_BREAK reads a single "\r\n" as a blank line.
@pytest.mark.parametrize("line_break", ["\r", "\u2028", "\x85", "\v", "\f", "\x1c"])
def test_lines_end_at_any_kind_of_line_break(line_break):
    # A line ending in a full stop ends its sentence and a heading in capitals is a sentence
    # of its own, whatever the line breaks are: the same sentences as with "\n".
    lines = [
        "The mayor spoke at length",
        "about the plan.",
        "HARSH WORDS",
        "Critics said it was late",
        "and costly.",
    ]
    expected = [
        "The mayor spoke at length\nabout the plan.",
        "HARSH WORDS",
        "Critics said it was late\nand costly.",
    ]
    assert sentences("\n".join(lines)) == expected
    assert sentences(line_break.join(lines)) == [
        sentence.replace("\n", line_break) for sentence in expected
    ]


# Every line-break character alone, in pairs, after spaces, an indent and a tab: the faster
# patterns of analysis.segment find exactly what analysis.text's patterns find.
_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK_MIXES = [
    f"One{a}{gap}{b}two.{a}Three{b}  four.\tFive{a}"
    for a in _BREAKS
    for b in _BREAKS
    for gap in ("", " ", " \t ")
]


def test_single_line_breaks_match_line_break():
    for text in _BREAK_MIXES:
        expected = [m.span() for m in re.finditer(LINE_BREAK, text)]
        assert [m.span() for m in _SINGLE_LINE_BREAK.finditer(text)] == expected


def test_paragraph_breaks_match_paragraph_break():
    for text in [*_BREAK_MIXES, "", "no break", "\n\n\n", "a\r\n\r\nb", "a\n  b\n\tc"]:
        assert paragraph_breaks(text) == [m.span() for m in PARAGRAPH_BREAK.finditer(text)]


@pytest.mark.parametrize(
    "text", ["Mr. Li. Dr. \u201cNo.\u201d", 'U.S.  A. ..\n"Q', "e.g.X a. B", "a.\u2028B. . C"]
)
def test_after_abbreviation_finds_the_places_its_look_behind_form_found(text):
    # The pattern starts with the full stop and the place is the match's end.
    look_behind = re.compile(r"(?<=\.)(?=\s+[\"\u201c\u2018'\u00ab]?[A-Z])")
    expected = [m.start() for m in look_behind.finditer(text)]
    assert [m.end() for m in _AFTER_ABBREVIATION.finditer(text)] == expected


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_hard_wrapped_lines_are_one_paragraph_whatever_the_line_breaks(newline):
    # A Windows "\r\n" is one line break, not an old-Mac "\r" and then a Unix "\n".
    unix = "The mayor said the\nbridge would reopen in\nJune.\n\nResidents cheered."
    text = unix.replace("\n", newline)
    spans = sentence_spans(text, parts=())
    assert [(text[s.start : s.end].replace(newline, "\n"), s.paragraph_id) for s in spans] == [
        ("The mayor said the\nbridge would reopen in\nJune.", 0),
        ("Residents cheered.", 1),
    ]


def test_paragraph_ids_follow_blank_lines_and_indents():
    text = "One. Two.\n\nThree.\n    Four starts an indented paragraph.\nFive."
    spans = sentence_spans(text, parts=())
    assert [(text[s.start : s.end], s.paragraph_id) for s in spans] == [
        ("One.", 0),
        ("Two.", 0),
        ("Three.", 1),
        ("Four starts an indented paragraph.", 2),
        ("Five.", 2),
    ]


def test_parts_from_metadata():
    text = (
        "By Ann Lee\n\nPARIS, May 2 (Reuters) - It rained. It stopped.\n\n"
        "(Reporting by Ann Lee; Editing by J. Roe)"
    )
    spans = sentence_spans(text)
    assert [(s.part, text[s.start : s.end]) for s in spans] == [
        ("byline", "By Ann Lee"),
        ("dateline", "PARIS, May 2 (Reuters) -"),
        ("body", "It rained."),
        ("body", "It stopped."),
        ("credits", "(Reporting by Ann Lee; Editing by J. Roe)"),
    ]


def test_a_huge_paragraph_is_cut_into_pieces_without_losing_text():
    text = ("word " * 30_000).strip()  # one 150,000-character "sentence"
    spans = sentence_spans(text, parts=())
    assert len(spans) > 1
    assert all(s.end - s.start <= MAX_PIECE_CHARS for s in spans)
    covered = "".join(text[s.start : s.end] for s in spans).replace(" ", "")
    assert covered == text.replace(" ", "")


def test_a_long_word_without_spaces_is_cut_too():
    text = "x" * (3 * MAX_PIECE_CHARS + 7)
    spans = sentence_spans(text, parts=())
    assert sum(s.end - s.start for s in spans) == len(text)


def test_split_sentences_table():
    articles = load_articles(["It rained. It stopped.\n\nThen snow.", "", "One more."])
    table = split_sentences(articles)
    assert table.columns.tolist() == list(SENTENCE_COLUMNS)
    assert table["article_id"].tolist() == ["0", "0", "0", "2"]
    assert table["sentence_id"].tolist() == [0, 1, 2, 0]
    assert table["paragraph_id"].tolist() == [0, 0, 1, 0]
    assert table["n_words"].tolist() == [2, 2, 2, 2]
    assert (table["part"] == "body").all()


def test_split_sentences_accepts_a_plain_frame():
    frame = pd.DataFrame({"article_id": ["a"], "text": ["WASHINGTON (AP) — It rained."]})
    table = split_sentences(frame)
    assert table["part"].tolist() == ["dateline", "body"]


def test_trained_segmenter_keeps_the_lexicon():
    corpus = ["Dr. Smith arrived at noon. The meeting began."] * 20
    trained = Segmenter.trained(corpus)
    assert "u.s" in trained.params.abbrev_types
    text = "Mr. Li met the U.S. ambassador. They talked."
    spans = trained.sentences(text)
    assert [text[s.start : s.end] for s in spans] == [
        "Mr. Li met the U.S. ambassador.",
        "They talked.",
    ]


def test_words_are_counted_once_even_when_a_word_is_cut_between_sentences():
    # A run of letters longer than a Punkt piece is cut without white space: its two
    # sentences touch, and the article still has one word, not two.
    text = "x" * (MAX_PIECE_CHARS + 500)
    parsed = analysis.parse([text])
    assert parsed.sentences["n_words"].tolist() == [1, 1]
    assert parsed.articles["n_words"].tolist() == [1]


def _fresh_python(code: str) -> list[str]:
    """What ``code`` prints, one item per line, in a new interpreter."""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return run.stdout.split()


def test_importing_the_package_loads_punkt_without_the_rest_of_nltk():
    printed = _fresh_python(
        "import sys, analysis; from analysis._nltk import punkt; "
        "print(punkt.__name__, 'nltk.corpus' in sys.modules, 'scipy' in sys.modules)"
    )
    assert printed == ["nltk.tokenize.punkt", "False", "False"]


def test_nltk_imported_after_the_package_is_whole_and_shares_its_punkt():
    printed = _fresh_python(
        "import pickle, analysis\n"
        "from analysis._nltk import punkt\n"
        "import nltk\n"
        "from nltk.tokenize import TreebankWordTokenizer\n"
        "print(nltk.tokenize.punkt is punkt, nltk.probability.FreqDist is nltk.FreqDist)\n"
        "print('|'.join(TreebankWordTokenizer().tokenize(\"It isn't.\")))\n"
        "parameters = punkt.PunktParameters(); parameters.abbrev_types.add('gov')\n"
        "print(sorted(pickle.loads(pickle.dumps(parameters)).abbrev_types))"
    )
    assert printed == ["True", "True", "It|is|n't|.", "['gov']"]


def test_nltk_imported_before_the_package_is_used_as_it_is():
    printed = _fresh_python(
        "import nltk, analysis; from analysis._nltk import punkt; "
        "print(punkt is nltk.tokenize.punkt, type(nltk).__name__)"
    )
    assert printed == ["True", "module"]
