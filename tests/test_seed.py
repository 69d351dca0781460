"""The seed article, the project's default corpus, parsed end to end."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from conftest import SEED


@pytest.fixture(scope="module", params=analysis.ATTRIBUTION_METHODS)
def parsed(request):
    """The seed parsed with each way of finding attributions: every case holds in both."""
    return analysis.parse(SEED.parent, attribution=request.param)


@pytest.fixture(scope="module", params=["model", "rules"])
def hedged(request):
    """The seed parsed with each way of finding hedges: the hedge tests hold for both."""
    return analysis.parse(SEED.parent, hedges=request.param)


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


def test_seed_quotations_and_speakers(parsed):
    attributions = parsed.attributions.set_index("attribution_id")
    sources = parsed.sources.set_index("source_id")
    quotes = parsed.quotes

    def speaker(fragment: str) -> str:
        quote = quotes[quotes["text"].str.contains(fragment, regex=False)].iloc[0]
        source_id = attributions.loc[quote["attribution_id"], "source_id"]
        return sources.loc[source_id, "name"]

    assert speaker("Russia is already beginning") == "Mykhailo Podolyak"
    assert speaker("I think that we will achieve") == "Mykhailo Podolyak"  # floating
    assert speaker("We must hold on") == "Volodymyr Zelenskiy"
    assert speaker("I’ve never heard of that") == "Liu Pengyu"
    assert speaker("We support and encourage") == "Liu Pengyu"  # "He said ... and added"
    assert speaker("We’re not going anywhere") == "Aliev"
    assert speaker("It is terrifying") == "Olga"
    kinds = quotes.set_index("text")["kind"]
    assert kinds["foreign mercenaries"] == "partial"
    assert kinds["absolutely"] == "partial"
    assert kinds["We must hold on. We must fight. And we will win,"] == "direct"


def test_seed_empty_report_is_not_an_attribution(parsed):
    sentences = parsed.sentences.set_index("sentence_id")
    neither = sentences.index[sentences["text"] == "Neither side said what these would cover."]
    assert len(neither) == 1
    assert neither[0] not in set(parsed.attributions["sentence_id"])


def test_seed_intermediaries(parsed):
    vias = parsed.attributions.dropna(subset=["via"])
    assert set(vias["via"]) >= {"the RIA news agency", "Russia’s RIA news agency"}
    assert "Leonid Slutsky" in set(parsed.sources["name"])


@pytest.mark.parametrize(
    ("cue", "category"),
    [
        ("could not independently verify", "verification"),
        ("could not be independently confirmed", "verification"),
        ("was not able to verify", "verification"),
        ("up to 180", "approximator"),
        ("at least 596", "approximator"),
        ("more than 2.5 million", "approximator"),
        ("probably", "probability"),
        ("it was possible", "probability"),
        ("what he called", "distancing"),
        ("absolutely", "booster"),
    ],
)
def test_seed_hedges(hedged, cue, category):
    hedges = hedged.hedges
    assert category in hedges.loc[hedges["text"] == cue, "category"].tolist()


@pytest.mark.parametrize(("cue", "next_word"), [("could", "spread"), ("may", "undermine")])
def test_seed_epistemic_modals(hedged, cue, next_word):
    text = hedged.articles.loc[0, "text"]
    modals = hedged.hedges[hedged.hedges["category"] == "modal"]
    following = {text[end:].split()[0] for end in modals["end"]}
    assert next_word in following
    assert cue in modals["text"].tolist()


def test_seed_i_think_inside_podolyaks_quotation_is_the_sources_voice(hedged):
    parsed = hedged
    text = parsed.articles.loc[0, "text"]
    hedges = parsed.hedges
    (think,) = hedges[hedges["text"] == "think"].itertuples()
    assert text[think.start - 2 : think.end] == "I think"
    assert think.voice == "source"
    quote = parsed.quotes[
        (parsed.quotes["start"] < think.start) & (parsed.quotes["end"] > think.end)
    ]
    assert len(quote) == 1
    attribution = parsed.attributions.set_index("attribution_id").loc[think.attribution_id]
    assert "Podolyak" in attribution["source_text"] or "Podolyak" in str(
        parsed.sources.set_index("source_id").loc[attribution["source_id"], "name"]
    )


@pytest.mark.parametrize(
    ("name", "identification", "source_type"),
    [
        ("Olga", "named", "citizen"),
        ("Aliev", "named", "citizen"),
        ("Mykhailo Podolyak", "named", "official"),
        ("Volodymyr Zelenskiy", "named", "official"),
        ("Liu Pengyu", "named", "official"),
        ("Russia’s defence ministry", "institution", "official"),
        ("Britain’s defence ministry", "institution", "official"),
        ("White House", "institution", "official"),
        ("State Department", "institution", "official"),
        ("United Nations", "institution", "official"),
        ("Moscow", "institution", "official"),
        ("city council in Mariupol", "institution", "official"),
        ("Ukrainian official", "anonymous", "official"),
        ("U.S. officials", "anonymous", "official"),
        ("authorities", "anonymous", "official"),
        ("regional police chief", "anonymous", "official"),
    ],
)
def test_seed_sources_are_typed_as_a_researcher_would_code_them(
    parsed, name, identification, source_type
):
    rows = parsed.sources[parsed.sources["name"] == name]
    assert len(rows) == 1, f"{name} should be one source"
    row = rows.iloc[0]
    assert (row["identification"], row["type"]) == (identification, source_type)


@pytest.mark.parametrize(
    ("name", "gender", "evidence"),
    [("Olga", "female", "name_list"), ("Liu Pengyu", "male", "pronoun")],
)
def test_seed_gender_comes_from_evidence(parsed, name, gender, evidence):
    row = parsed.sources.set_index("name").loc[name]
    assert (row["gender"], row["gender_evidence"]) == (gender, evidence)


def test_seed_institutions_have_no_gender_and_quotes_are_counted(parsed):
    sources = parsed.sources.set_index("name")
    assert sources.loc["White House", "gender"] == "unknown"
    assert pd.isna(sources.loc["White House", "gender_evidence"])
    liu = sources.loc["Liu Pengyu"]
    # "Asked about ..." is not among his reports: Liu is the one asked, as the hand coding
    # beside the seed marks it (an attribution without a source)
    assert liu["n_attributions"] == 3 and liu["n_quotes"] >= 2 and liu["n_quoted_words"] > 10
    assert sources.loc["Olga", "country"] == "Ukraine"
    assert sources.loc["Mykhailo Podolyak", "descriptor"] == "Ukrainian negotiator"


def test_the_hand_coding_beside_the_seed_reads_without_a_problem_and_adds_no_article(parsed):
    coding = analysis.read_coding(SEED.parent, errors="raise")  # every span checked
    assert (
        coding["articles"]["article_id"].tolist()
        == [SEED.stem]
        == parsed.articles["article_id"].tolist()
    )
    assert (len(coding["attributions"]), len(coding["quotes"]), len(coding["hedges"])) == (
        31,
        13,
        0,
    )
    labels = coding["attributions"][["kind", "cue_category"]]
    assert labels.notna().all().all()  # every attribution has its labels coded
    sourced = coding["attributions"]["source_start"].notna()
    assert coding["attributions"].loc[sourced, "source_type"].notna().all()
