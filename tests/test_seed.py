"""The seed article, the project's default corpus, parsed end to end."""

from __future__ import annotations

import pytest
from conftest import SEED

import analysis


@pytest.fixture(scope="module")
def parsed():
    return analysis.parse(SEED.parent)


def test_seed_metadata(parsed):
    article = parsed.articles.iloc[0]
    assert article["article_id"] == SEED.stem
    assert article["authors"] == "Pavel Polityuk; Natalia Zinets"
    assert (article["dateline_place"], article["dateline_date"], article["agency"]) == (
        "LVIV, Ukraine",
        "March 14",
        "Reuters",
    )
    assert article["credits"].startswith("(Reporting by Reuters bureaus; Writing by")
    text = article["text"]
    for name in ("byline", "dateline", "credits"):
        assert text[article[f"{name}_start"] : article[f"{name}_end"]].strip()
    assert text[article["credits_start"] : article["credits_end"]] == article["credits"]


def test_seed_text_is_byte_identical(parsed):
    assert parsed.articles.loc[0, "text"].encode("utf-8") == SEED.read_bytes()


@pytest.mark.parametrize(
    "inside",
    ["In a telephone call, U.S.\nPresident Joe Biden", "several U.S.\n\nofficials said."],
)
def test_no_split_inside_us_constructions(parsed, inside):
    assert parsed.sentences["text"].str.contains(inside, regex=False).sum() == 1


def test_seed_parts(parsed):
    parts = parsed.sentences["part"].tolist()
    assert parts[:3] == ["byline", "dateline", "body"]
    assert parts[-1] == "credits"
    assert parts.count("body") == len(parts) - 3


def test_line_break_between_sentences_is_a_boundary(parsed):
    texts = parsed.sentences["text"].tolist()
    assert "Neither side said what these would cover." in texts
