"""Byline, dateline and credits recognised by their shape (analysis/metadata.py)."""

from __future__ import annotations

import pytest

from analysis import find_metadata


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        (
            "By Pavel Polityuk and Natalia Zinets\n\nKYIV (Reuters) - Text.",
            ("Pavel Polityuk", "Natalia Zinets"),
        ),
        ("By Ann Lee, Bo Ray and Cy Dee\n\nText.", ("Ann Lee", "Bo Ray", "Cy Dee")),
        ("By JOSH BOAK, AP Economics Writer\n\nText.", ("JOSH BOAK",)),
        ("By Jane Doe Associated Press Writer\n\nText.", ("Jane Doe",)),
        ("Headline\n\nBy Ann Lee in London\n\nText.", ("Ann Lee",)),
        ("By Maria de la Cruz\n\nText.", ("Maria de la Cruz",)),
        ("By J. R. Smith\n\nText.", ("J. R. Smith",)),
    ],
)
def test_bylines(text, authors):
    meta = find_metadata(text)
    assert meta.authors == authors
    start, end = meta.byline_span
    assert text[start:end].startswith("By")
    assert "\n" not in text[start:end]


@pytest.mark.parametrize(
    "text",
    [
        "By the time he arrived, it was over.",
        "By 2030 the city will have grown.",
        "It rained. By Tuesday it stopped.",
    ],
)
def test_sentences_starting_with_by_are_not_bylines(text):
    assert find_metadata(text).byline_span is None


@pytest.mark.parametrize(
    ("text", "place", "date", "agency", "dateline"),
    [
        (
            "LVIV, Ukraine, March 14 (Reuters) – Talks resumed.",
            "LVIV, Ukraine",
            "March 14",
            "Reuters",
            "LVIV, Ukraine, March 14 (Reuters) –",
        ),
        ("WASHINGTON (AP) — The president spoke.", "WASHINGTON", None, "AP", "WASHINGTON (AP) —"),
        (
            "Washington (AFP) – The president spoke.",
            "Washington",
            None,
            "AFP",
            "Washington (AFP) –",
        ),
        ("NEW YORK, Feb 26 - Shares rose.", "NEW YORK", "Feb 26", None, "NEW YORK, Feb 26 -"),
        (
            "BOSTON, Mass., Jan. 3, 2020 (AP) -- Snow fell.",
            "BOSTON, Mass.",
            "Jan. 3, 2020",
            "AP",
            "BOSTON, Mass., Jan. 3, 2020 (AP) --",
        ),
        ("(CNN) — A man was arrested.", None, None, "CNN", "(CNN) —"),
        ("PARIS — The minister resigned.", "PARIS", None, None, "PARIS —"),
        (
            "ST. LOUIS, 4 May (Reuters) - Rain.",
            "ST. LOUIS",
            "4 May",
            "Reuters",
            "ST. LOUIS, 4 May (Reuters) -",
        ),
    ],
)
def test_datelines(text, place, date, agency, dateline):
    meta = find_metadata(text)
    assert (meta.dateline_place, meta.dateline_date, meta.agency) == (place, date, agency)
    assert text[slice(*meta.dateline_span)] == dateline


@pytest.mark.parametrize(
    "text",
    [
        "NATO - the alliance met.",  # a hyphen and lower case: an aside, not a dateline
        "Washington - The city was quiet.",  # mixed-case place without an agency
        "Lviv (Ukraine) - Talks.",  # the parenthesis is not a news agency
        "The talks resumed on Monday.",
    ],
)
def test_not_datelines(text):
    assert find_metadata(text).dateline_span is None


def test_dateline_after_byline_and_title():
    text = "Talks resume\n\nBy Ann Lee\n\nGENEVA (Reuters) - Talks resumed."
    meta = find_metadata(text)
    assert meta.authors == ("Ann Lee",)
    assert text[slice(*meta.dateline_span)] == "GENEVA (Reuters) -"


@pytest.mark.parametrize(
    "closing",
    [
        "(Reporting by Ann Lee; Editing by Bo Ray)",
        "(Additional reporting by Cy Dee in Paris; Writing by Ann Lee)",
        "Reporting by Ann Lee; Editing by Bo Ray",
        "Associated Press writer Cy Dee contributed to this report.",
        "Cy Dee in Paris contributed reporting to this ARTICLE",
        "Staff writer Cy Dee contributed to this story.",
    ],
)
def test_credits(closing):
    text = f"PARIS (Reuters) - It rained.\n\nIt stopped.\n\n{closing}"
    meta = find_metadata(text)
    assert text[slice(*meta.credits_span)] == closing


@pytest.mark.parametrize(
    "closing",
    [
        "(The figures are provisional.)",
        "He was hit by a car.",
        "(Shares were bought by funds.)",
        "Cy Dee contributed to this report.\nHe did.",
    ],
)
def test_not_credits(closing):
    assert find_metadata(f"It rained.\n\n{closing}").credits_span is None


def test_nothing_found_is_none_not_a_guess():
    meta = find_metadata("Just a sentence with no metadata at all.")
    assert meta.authors == ()
    assert (meta.byline_span, meta.dateline_span, meta.credits_span) == (None, None, None)
    assert (meta.dateline_place, meta.dateline_date, meta.agency) == (None, None, None)


@pytest.mark.parametrize(
    ("title", "rest"),
    [
        ("Ad sales boost city profit", "Quarterly profits rose 76%."),
        ("Could the deal be a blessing?", "Other things being equal, it is."),
        ("$1m payoff for former boss", "The firm is to pay $1m."),
        ("iTunes now sells the song", "Owners can download it."),
        ("Only 24 Percent of Donors Are Small.", "Less than a quarter gave."),  # title case
        ("Stein removed from debate site.", "HEMPSTEAD, N.Y. (AP) — Police removed her."),
        ("'My memories of the singer...'", "To mark the anniversary, we asked."),
        ("Talks go on", "By Ann Lee\n\nLONDON (Reuters) - Talks went on."),
    ],
)
def test_a_headline_line_is_the_title(title, rest):
    text = f"{title}\n\n{rest}"
    start, end = find_metadata(text).title_span
    assert text[start:end] == title


@pytest.mark.parametrize(
    "text",
    [
        "The minister resigned on Monday.\n\nShe gave no reason.",  # a one-line lede
        "By Ann Lee\n\nPrices rose.",  # a byline
        "LONDON (Reuters) - Prices rose\n\nThey fell later.",  # a dateline
        "Shares fell sharply in Tokyo",  # nothing follows it
        "the market fell\n\nIt rose later.",  # lower case
        "As prices rose, traders said:\n\n“We are worried.”",  # ends like a clause
        "A line\nthat wraps\n\nMore text.",  # not one line
        " ".join(["word"] * 25).capitalize() + "\n\nMore text.",  # too long for a headline
    ],
)
def test_no_headline(text):
    assert find_metadata(text).title_span is None
