"""Hedge, distancing and booster cues: one invented sentence per construction."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis import hedge_model
from analysis.hedge_model import HedgeModel, HedgeModelError, load_hedge_model
from analysis.hedging import (
    HEDGE_METHODS,
    UNCERTAINTY_CATEGORIES,
    _after_gap_candidates,
    _candidate_scan,
    _candidates,
    _folded_candidates,
    _lexicon,
    _next_candidate,
    find_hedges,
    hedge_candidates,
)
from analysis.tables import HEDGE_CATEGORIES


def cues(text: str, method: str = "rules") -> list[tuple[str, str]]:
    return [(text[h.start : h.end], h.category) for h in find_hedges(text, method=method)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # modal: epistemic uses; `could` in `could not verify` belongs to verification
        ("The storm may reach the coast.", [("may", "modal")]),
        ("The fire might spread.", [("might", "modal")]),
        ("Prices could fall.", [("could", "modal")]),
        ("The army could not verify the report.", [("could not verify", "verification")]),
        ("She couldn't be reached for comment.", []),
        ("He could not be reached.", []),
        ("The vote is on May 5.", []),
        ("Talks resumed in May and ended in June.", []),
        ("May brought rain.", []),
        # will is never a hedge by itself
        ("The minister will visit Kyiv.", []),
        # phrases for the classifier only (rule `model`) are never the rules' cues
        ("The council should consider it; he is accused of fraud.", []),
        ("Police examined allegations of fraud and accusations of theft.", []),
        # would: hypothetical yes, backshifted future and refusals no
        ("A ban would hurt farmers if it passed.", [("would", "modal"), ("if", "conditional")]),
        ("The mayor said the council would meet today.", []),
        ("The firm would not comment.", []),
        ("It signed a deal that would create jobs.", []),
        # probability
        ("Rain is likely tonight.", [("likely", "probability")]),
        ("Rain is not likely tonight.", [("likely", "probability")]),
        ("It is possible the talks fail.", [("It is possible", "probability")]),
        ("They left as soon as possible.", []),
        ("It was possible to travel by train.", []),
        ("The killer is probably still nearby.", [("probably", "probability")]),
        # evidential
        ("The plan seems to work.", [("seems", "evidential")]),
        ("The driver appeared to lose control.", [("appeared", "evidential")]),
        ("The driver appeared in court on Monday.", []),
        ("Data suggest a slowdown.", [("suggest", "evidential")]),
        # belief
        ("Investigators believe the fire was set.", [("believe", "belief")]),
        ("We think the deal is close.", [("think", "belief")]),
        ("Sales rose more than expected.", []),
        ("As expected, the bank held rates.", []),
        ("Analysts expect a cut.", [("expect", "belief")]),
        # from Hyland's (2005) hedges: `guess` as a verb only, `feel` for the classifier only
        ("I guess the deal is off.", [("guess", "belief")]),
        ("It was only a guess.", []),
        ("To our knowledge the bridge is safe.", [("To our knowledge", "belief")]),
        ("Scientists postulate a hidden planet.", [("postulate", "belief")]),
        ("A plausible reason is the weather.", [("plausible", "probability")]),
        ("Prices ought to fall.", [("ought to", "modal")]),
        ("Residents felt the quake.", []),
        # hearsay: the verbs of `allegedly`
        ("The lawsuit alleges that the firm hid losses.", [("alleges", "hearsay")]),
        # `alleged`, adjective or verb, is hearsay like `allegedly` (an unproven fact), not
        # distancing (the reporter's distance from a wording: `so-called`, `what he called`)
        ("The alleged thief was released on bail.", [("alleged", "hearsay")]),
        ("Prosecutors alleged that the firm hid losses.", [("alleged", "hearsay")]),
        ("It is alleged that the clerk took bribes.", [("alleged", "hearsay")]),
        # approximators only before a quantity, with the quantity in the span
        ("About 40 people died.", [("About 40", "approximator")]),
        ("They talked about the weather.", []),
        ("Up to 180 fighters were killed.", [("Up to 180", "approximator")]),
        (
            "The fund lost more than 2.5 million dollars.",
            [("more than 2.5 million", "approximator")],
        ),
        ("At least a dozen homes burned.", [("At least a dozen", "approximator")]),
        ("Nearly half the staff left.", [("Nearly half", "approximator")]),
        ("Dozens of shops closed.", [("Dozens of", "approximator")]),
        ("Some residents fled.", []),
        # hearsay
        ("The man reportedly fled abroad.", [("reportedly", "hearsay")]),
        ("The king is said to be ill.", [("is said to", "hearsay")]),
        # distancing
        ("He launched what he called a rescue.", [("what he called", "distancing")]),
        ("The so-called reform failed.", [("so-called", "distancing")]),
        # unnamed sources
        (
            "The talks stalled, people familiar with the matter said.",
            [("familiar with the matter", "unnamed_source")],
        ),
        (
            "An aide spoke on condition of anonymity.",
            [("on condition of anonymity", "unnamed_source")],
        ),
        ("Sources said the deal was off.", [("Sources said", "unnamed_source")]),
        # verification: multi-word cues are one span
        (
            "Reporters could not independently verify the claim.",
            [("could not independently verify", "verification")],
        ),
        ("The toll was not able to be confirmed.", []),
        (
            "The agency was not able to verify that toll.",
            [("was not able to verify", "verification")],
        ),
        ("It was not clear who fired first.", [("not clear", "verification")]),
        ("The cause is unclear.", [("unclear", "verification")]),
        # conditional and investigation
        ("Unless talks resume, the strike goes on.", [("Unless", "conditional")]),
        (
            "Police are investigating whether the fire was set.",
            [("investigating whether", "investigation")],
        ),
        (
            "It remains to be seen if the truce holds.",
            [("remains to be seen", "investigation"), ("if", "conditional")],
        ),
        (
            "Troops will stay until the rebels disarm.",
            [("will", "conditional"), ("until", "conditional")],
        ),
        ("He was chairman until 1974.", []),
        # "will": the consequence of a condition, otherwise plain future
        ("If talks fail, prices will rise.", [("If", "conditional"), ("will", "conditional")]),
        ("The firm will pay $5 a share.", []),
        # inside the condition itself it is no consequence
        ("If the city will pay, we can build.", [("If", "conditional")]),
        (
            "If the city will pay, we will build.",
            [("If", "conditional"), ("will", "conditional")],
        ),
        ("The firm will pay $5 a share until 2030.", []),
        ("Staff are employed at will, as the contract says.", []),
        ("The shop stays open until his death.", []),
        # forecast
        ("Growth is expected to slow.", [("expected to", "forecast")]),
        ("The firm is set to announce cuts.", [("is set to", "forecast")]),
        # boosters, and negation
        ("The result is clearly wrong.", [("clearly", "booster")]),
        ("There is no doubt about it.", [("no doubt", "booster")]),
        ("In fact, sales fell.", [("In fact", "booster")]),
        ("That is not definitely true.", [("definitely", "probability")]),
    ],
)
def test_cues(text, expected):
    assert cues(text) == expected


@pytest.mark.parametrize("method", HEDGE_METHODS)
def test_boosters_have_booster_polarity_and_negated_ones_hedge(method):
    (boost,) = find_hedges("It is definitely true.", method=method)
    (negated,) = find_hedges("It is not definitely true.", method=method)
    assert (boost.category, boost.polarity) == ("booster", "booster")
    assert (negated.category, negated.polarity) == ("probability", "hedge")


def test_curly_apostrophes_match_like_straight_ones():
    assert cues("Officials didn’t independently verify the figure.") == [
        ("didn’t independently verify", "verification")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "PRICES MAY FALL, Analysts Said, And Could Rise About 5%.",
        "İstanbul may see rain; about 40 people could come.",  # İ lower-cases to two characters
        "Prices mıght fall, he Probably said.",  # a case-insensitive i matches the dotless ı
        "Sales may ſurely fall.",  # and s the long ſ
        "The \u212aelvin sign may be likely.",  # K lower-cases to k
    ],
)
def test_the_lower_cased_candidate_scan_finds_what_a_case_insensitive_one_finds(text):
    haystack, pattern = _candidate_scan(text)
    expected = [m.span() for m in _candidates().finditer(text)]
    assert expected
    assert [m.span() for m in pattern.finditer(haystack)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Prices may fall, about 40 people could come.",
        "Жmay could Ωabout; д-may ‐may _may 9may émay é may",  # words run on, above Latin-1 too
        "may",
        "“Could”, (perhaps) ’likely’ — probably.",
    ],
)
def test_candidates_found_after_the_character_before_them_are_the_searched_ones(text):
    haystack, pattern = _candidate_scan(text)
    assert pattern is _folded_candidates()
    for position in range(len(haystack) + 1):
        found = pattern.search(haystack, position)
        expected = found.span() if found else None
        assert (
            _next_candidate(haystack, pattern, _after_gap_candidates(), position, len(haystack))
            == expected
        )


@pytest.mark.parametrize("method", HEDGE_METHODS)
def test_rules_never_look_past_the_sentence(method):
    text = "He spoke about. 40 people came."
    assert find_hedges(text, [(0, 15), (16, len(text))], method=method) == []


# --- the trained classifier (method="model", the default) ---------------------------------


def test_the_default_method_is_the_model_and_both_are_listed():
    assert HEDGE_METHODS == ("model", "rules")
    text = "Prices would fall if rates rose, and the council may consider it."
    assert find_hedges(text) == find_hedges(text, method="model")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # clear uses that any sensible model keeps or drops; the rules' table above holds more
        ("The storm may reach the coast.", [("may", "modal")]),
        ("The killer is probably still nearby.", [("probably", "probability")]),
        ("Rain is likely tonight.", [("likely", "probability")]),
        ("Officials believe the fire was set.", [("believe", "belief")]),
        ("The vote is on May 5.", []),
        ("The minister will visit Kyiv.", []),
        ("They left as soon as possible.", []),
        # categories outside the model's (approximators, boosters, sourcing) keep the rules
        ("Up to 180 people came.", [("Up to 180", "approximator")]),
        ("The result is clearly wrong.", [("clearly", "booster")]),
        ("Sources said the deal was off.", [("Sources said", "unnamed_source")]),
    ],
)
def test_model_cues(text, expected):
    assert cues(text, method="model") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Up to 180 people may have died, officials said, but that could not be verified.",
        "He said it would rain. She is considered the favourite; the so-called deal may fail.",
        "What he called a hoax could be, in fact, about 40 per cent true if tested.",
    ],
)
def test_both_methods_agree_outside_the_models_categories(text):
    """Approximators, distancing, unnamed sources and boosters are the rules' in both methods,
    and every cue the model keeps is a lexicon candidate (the lexicon stays the explanation)."""
    by_rules = find_hedges(text, method="rules")
    by_model = find_hedges(text, method="model")
    outside = [h for h in by_rules if h.category not in UNCERTAINTY_CATEGORIES]
    assert [h for h in by_model if h.category not in UNCERTAINTY_CATEGORIES] == outside
    offered = {(c[0], c[1], c[2]) for c in hedge_candidates(text)}
    for hedge in by_model:
        if hedge.category in UNCERTAINTY_CATEGORIES:
            assert (hedge.start, hedge.end, hedge.category) in offered


@given(
    st.lists(
        st.sampled_from(
            ["may", "May", "would", "could", "not", "if", "said", "considered", "should", "about",
             "40", "likely", "“", "”", ",", ".", "?", "the", "rain", "clearly", "until", "it"]
        ),
        max_size=40,
    )
)  # fmt: skip
@settings(max_examples=150, deadline=None)
def test_model_cues_are_valid_spans_in_text_order(words):
    text = " ".join(words)
    found = find_hedges(text, method="model")
    assert all(0 <= h.start < h.end <= len(text) for h in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
    assert all(h.category in HEDGE_CATEGORIES for h in found)
    assert find_hedges(text, method="model") == found  # the same input, the same cues


def test_rules_take_no_model_and_unknown_methods_are_refused():
    model = load_hedge_model()
    with pytest.raises(ValueError, match="only with method='model'"):
        find_hedges("It may rain.", method="rules", model=model)
    with pytest.raises(ValueError, match="method must be one of"):
        find_hedges("It may rain.", method="guess")


def test_a_given_model_decides_instead_of_the_shipped_one():
    always = HedgeModel({}, intercept=5.0, threshold=0.0, rescue=True)
    never = HedgeModel({}, intercept=-5.0, threshold=0.0)
    text = "He could not come, but prices may fall. Up to 40 came."

    def found(model: HedgeModel) -> list[tuple[str, str]]:
        return [(text[h.start : h.end], h.category) for h in find_hedges(text, model=model)]

    assert cues(text, "rules") == [("may", "modal"), ("Up to 40", "approximator")]
    assert found(never) == [("Up to 40", "approximator")]  # approximators stay the rules'
    assert found(always) == [
        ("could", "modal"),  # turned down by its rule, offered with rescue, kept by this model
        ("may", "modal"),
        ("Up to 40", "approximator"),
    ]


def test_a_missing_model_is_an_error_naming_the_file_and_the_fix(monkeypatch, tmp_path):
    missing = tmp_path / "hedges.json"
    monkeypatch.setattr(hedge_model, "default_model_path", lambda: missing)
    hedge_model._shipped_model.cache_clear()
    try:
        with pytest.raises(HedgeModelError, match="make train") as error:
            find_hedges("It may rain.")
        assert str(missing) in str(error.value) and "hedges='rules'" in str(error.value)
        assert cues("It may rain.", "rules") == [("may", "modal")]  # the rules need no file
        # parse stops before the first article (never the rules instead, never every article
        # recorded as failed)
        with pytest.raises(HedgeModelError, match="make train"):
            analysis.parse(["It may rain, officials said."])
        assert analysis.parse(["It may rain."], hedges="rules").articles.loc[0, "status"] == "ok"
    finally:
        monkeypatch.undo()
        hedge_model._shipped_model.cache_clear()


def test_every_category_is_known_and_the_uncertain_ones_are_a_subset():
    assert set(HEDGE_CATEGORIES) > UNCERTAINTY_CATEGORIES
    assert "approximator" not in UNCERTAINTY_CATEGORIES
    assert "booster" not in UNCERTAINTY_CATEGORIES


@pytest.fixture(scope="module")
def parsed():
    return analysis.parse(
        pd.DataFrame(
            {
                "id": ["voice", "scare", "claim"],
                "text": [
                    "“I think we will win,” Maria Lopez said. The army may retreat.",
                    "The ministry blamed “foreign agents” for the unrest.",
                    "The company claimed the test was safe.",
                ],
            }
        )
    )


def by_article(parsed, article_id):
    hedges = parsed.hedges
    return hedges[hedges["article_id"] == article_id]


def test_voice_is_the_source_inside_a_quotation_and_the_reporter_outside(parsed):
    rows = by_article(parsed, "voice")
    assert rows[["text", "voice"]].values.tolist() == [["think", "source"], ["may", "reporter"]]
    attributions = parsed.attributions[parsed.attributions["article_id"] == "voice"]
    assert rows["attribution_id"].iloc[0] == attributions["attribution_id"].iloc[0]
    assert pd.isna(rows["attribution_id"].iloc[1])


def test_short_quotations_inside_a_sentence_are_scare_quotes(parsed):
    rows = by_article(parsed, "scare")
    assert rows[["text", "category"]].values.tolist() == [["“foreign agents”", "distancing"]]


def test_a_distancing_reporting_cue_is_a_distancing_hedge(parsed):
    rows = by_article(parsed, "claim")
    assert rows[["text", "category", "voice"]].values.tolist() == [
        ["claimed", "distancing", "reporter"]
    ]
    assert not pd.isna(rows["attribution_id"].iloc[0])


def test_hedge_spans_index_the_text_and_ids_count_up(parsed):
    texts = parsed.articles.set_index("article_id")["text"]
    for row in parsed.hedges.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.text
    for _, group in parsed.hedges.groupby("article_id"):
        assert group["hedge_id"].tolist() == list(range(len(group)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Analysts anticipate a cut.", [("anticipate", "belief")]),
        ("The long anticipated album is out.", []),
        ("Investors remain skeptical.", [("skeptical", "belief")]),
        ("There is no guarantee the plan works.", [("no guarantee", "probability")]),
        ("The parties reached a tentative deal.", [("tentative", "probability")]),
    ],
)
def test_more_cues_from_the_hedging_literature(text, expected):
    assert cues(text) == expected


def test_every_phrase_of_the_lexicon_compiles():
    # Phrase patterns are compiled on first use; an edit to lexicons/hedges.txt that made a
    # bad one must still fail here, not in the middle of a corpus.
    entries = _lexicon()[1]
    assert len(entries) > 100
    for entry in entries:
        assert isinstance(entry.pattern, re.Pattern)  # compiling raises re.error for a bad one


def test_speech_verbs_found_once_per_sentence_answer_as_a_search_would():
    # _rule_would asks whether a speech verb lies between a point and a hedge word; the verbs
    # are now found once per sentence. At every place a hedge word can start (not right after
    # a letter or hyphen), the answer must be the windowed search's.
    import random

    from analysis.hedging import _SPEECH_VERB, _speech_verb_between

    rng = random.Random(1)
    words = ["said", "unsaid", "says", "it", "would", "Said", "told", "x-said", "said-", ","]
    words += ["announcement", "statement", "sayings", "wrote"]
    for _ in range(200):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 40)))
        s_start, s_end = rng.randint(0, 3), len(text) - rng.randint(0, 3)
        for hedge in range(s_start, s_end):
            if hedge and (text[hedge - 1].isalnum() or text[hedge - 1] in "_-"):
                continue
            for near in (max(s_start, hedge - 400), max(s_start, hedge - 9)):
                expected = _SPEECH_VERB.search(text, near, hedge) is not None
                assert _speech_verb_between(text, s_start, s_end, near, hedge) is expected
