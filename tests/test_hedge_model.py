"""The hedge classifier: the shipped model, its file format, and training on invented data."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.hedge_model import (
    FEATURE_GROUPS,
    Examples,
    HedgeModel,
    HedgeModelError,
    default_model_path,
    feature_group,
    group_folds,
    load_hedge_model,
    train_hedge_model,
)
from analysis.hedging import find_hedges, hedge_candidates

#: A small grid, so that the tests train in a fraction of a second.
GRID = {"C": (0.3, 1.0), "groups": (FEATURE_GROUPS,), "rescue": (True, False), "balance": (False,)}


def invented_examples() -> Examples:
    """Candidates of invented sentences: `would` hedges in a condition, not after `said`."""
    hedging = ["Prices would fall if rates rose.", "A ban would hurt farmers if it passed."]
    reported = ["The firm said prices would fall.", "The mayor said the vote would be held."]
    features, labels, documents = [], [], []
    for number in range(12):
        for sentence, label in [(hedging[number % 2], True), (reported[number % 2], False)]:
            for _, _, _, _, found in hedge_candidates(sentence):
                if found[0] == "w=would":
                    features.append(found)
                    labels.append(label)
                    documents.append(f"doc{number}")
    n = len(features)
    return Examples(features, labels, documents, ["news"] * n, ["accepted"] * n)


def test_the_shipped_model_loads_offline_and_uses_known_features():
    model = load_hedge_model()
    assert default_model_path().name == "hedges.json"
    assert model.weights and set(model.groups) <= set(FEATURE_GROUPS)
    assert {feature_group(f) for f in model.weights} <= set(model.groups)
    assert model.info["setting"]["groups"] == list(model.groups)
    assert default_model_path().stat().st_size < 400_000  # a few hundred kB at most


def test_parsing_with_the_model_needs_no_scikit_learn():
    """As in an installation without the train extra: importing scikit-learn fails."""
    code = (
        "import sys; sys.modules['sklearn'] = None; import analysis; "
        "parsed = analysis.parse(['Prices may fall, he said.']); "
        "print(parsed.hedges['text'].tolist())"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "['may']"


def test_json_round_trip_gives_the_same_model_and_bytes():
    model = HedgeModel({"w=may": 1.234567, "n=be": -0.00001}, -0.5, 0.25, ("cue", "near"))
    text = model.to_json()
    again = HedgeModel.from_json(text)
    assert again.to_json() == text
    assert again.weights == {"w=may": 1.2346}  # rounded; a weight that rounds to 0 is dropped
    assert (again.intercept, again.threshold, again.groups) == (-0.5, 0.25, ("cue", "near"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "cannot be read"),
        ('{"format": 99}', "has format 99"),
        ('{"format": 1, "weights": {}}', "cannot be read"),
    ],
)
def test_an_unreadable_model_file_is_an_error_naming_it_and_the_fix(tmp_path, content, message):
    path = tmp_path / "hedges.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(HedgeModelError, match=message) as error:
        load_hedge_model(path)
    assert str(path) in str(error.value)
    assert "make train" in str(error.value) and "hedges='rules'" in str(error.value)


def test_a_missing_model_file_is_an_error_naming_it_and_the_fix(tmp_path):
    path = tmp_path / "absent.json"
    with pytest.raises(HedgeModelError, match="make train") as error:
        load_hedge_model(path)
    assert str(path) in str(error.value)


def test_a_model_needs_the_cue_group():
    with pytest.raises(ValueError, match="must include 'cue'"):
        HedgeModel({}, 0.0, 0.0, groups=("near",))


def test_training_on_invented_sentences_learns_the_construction():
    examples = invented_examples()
    model = train_hedge_model(examples, GRID, folds=3, min_count=1, min_category_candidates=1)
    (conditional,) = hedge_candidates("Costs would rise if the plan failed.")[:1]
    (reported,) = hedge_candidates("The bank said costs would rise.")
    assert model.is_hedge(conditional[4]) and not model.is_hedge(reported[4])
    assert model.info["cv_folds"] == 3 and model.info["candidates"] == {"news": 24}
    assert model.categories == ("modal",)


def test_categories_with_too_few_candidates_stay_with_the_rules():
    with pytest.raises(ValueError, match="no category has 100 candidates"):
        train_hedge_model(invented_examples(), GRID, folds=3)
    text = "It could not be independently confirmed, and prices may fall."
    only_modal = HedgeModel({}, intercept=-5.0, threshold=0.0, categories=("modal",))
    found = [(text[h.start : h.end], h.category) for h in find_hedges(text, model=only_modal)]
    assert found == [("could not be independently confirmed", "verification")]


def test_training_twice_gives_the_same_bytes():
    first = train_hedge_model(invented_examples(), GRID, 3, 1, min_category_candidates=1).to_json()
    second = train_hedge_model(invented_examples(), GRID, 3, 1, min_category_candidates=1).to_json()
    assert first == second
    assert json.loads(first)["weights"]


@pytest.mark.parametrize(
    ("grid", "message"),
    [({**GRID, "C": ()}, "at least one value for 'C'"), ({**GRID, "rescue": ()}, "'rescue'")],
)
def test_an_empty_grid_setting_is_refused(grid, message):
    with pytest.raises(ValueError, match=message):
        train_hedge_model(invented_examples(), grid, folds=3, min_category_candidates=1)


def test_training_needs_examples_and_two_documents():
    with pytest.raises(ValueError, match="no examples"):
        train_hedge_model(Examples([], [], [], [], []))
    one_document = Examples(
        [["w=may", "k=modal"]] * 4, [True, False] * 2, ["d"] * 4, ["x"] * 4, ["accepted"] * 4
    )
    with pytest.raises(ValueError, match="at least 2 documents"):
        train_hedge_model(one_document, GRID, min_category_candidates=1)


def test_examples_of_unequal_lengths_are_refused():
    with pytest.raises(ValueError, match="as long"):
        Examples([["w=may"]], [True, False], ["d"], ["x"], ["accepted"])


@pytest.mark.parametrize(
    ("text", "cue", "expected"),
    [
        # the lexicon entry, shared by every inflection of a cue
        (
            "Data suggested a slowdown.",
            "suggested",
            {"w=suggested", "e=suggest|suggests|suggested|suggesting|suggestion|suggestions"},
        ),
        # clause features paired with the cue: what holds for `would` need not for `could`
        ("Costs would not rise.", "would", {"neg", "wneg=would"}),
        ("“Costs could rise,” he said.", "could", {"quote", "wquote=could", "said"}),
        ("Costs could rise, he said.", "could", {"said", "wsaid=could"}),
        # an embedded question or a purpose just before the cue
        ("She wondered how the thief could have left.", "could", {"emb", "wemb=could"}),
        ("Police held him so that he could be questioned.", "could", {"emb", "wemb=could"}),
    ],
)
def test_candidates_carry_their_entry_and_cue_specific_clause_features(text, cue, expected):
    (found,) = [c[4] for c in hedge_candidates(text) if text[c[0] : c[1]] == cue]
    assert expected <= set(found)


@pytest.mark.parametrize("noun", ["allegation", "allegations", "accusation", "accusations"])
def test_the_nouns_of_allege_and_accuse_are_hearsay_for_the_classifier_only(noun):
    text = f"Police examined the {noun} against the mayor."
    (candidate,) = hedge_candidates(text)
    assert text[candidate[0] : candidate[1]] == noun
    assert candidate[2:4] == ("hearsay", "model")
    assert find_hedges(text, method="rules") == []


@pytest.mark.parametrize(
    "text",
    [
        "The alleged thief was released on bail.",
        "Prosecutors alleged that the firm hid losses.",
        "It is alleged that the clerk took bribes.",
    ],
)
def test_the_shipped_model_keeps_alleged_as_hearsay(text):
    assert [(text[h.start : h.end], h.category) for h in find_hedges(text, method="model")] == [
        ("alleged", "hearsay")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The thief could have left.",
        "So the thief could have left.",  # "so" without "that"
        "How odd it was that in the end the thief could have left.",  # five words back
    ],
)
def test_a_cue_with_no_embedding_before_it_has_no_embedding_feature(text):
    (found,) = [c[4] for c in hedge_candidates(text) if text[c[0] : c[1]] == "could"]
    assert not {"emb", "wemb=could"} & set(found)


@pytest.mark.parametrize(
    ("text", "genre"),
    [
        ("The line would close in 1952. Its owner said so.", "reported"),  # another sentence
        ("The line would close in 1952, according to the owner.", "reported"),
        ("The line would close in 1952. Told of it, he wept.", "reported"),  # any case
        ("The line would close in 1952. Its owner sold it.", "unreported"),
        ("The line would close in 1952. It was resaid.", "unreported"),  # whole words only
    ],
)
def test_the_genre_features_say_whether_the_article_reports_speech_anywhere(text, genre):
    first = text.index(".") + 1
    spans = [(0, first), (first + 1, len(text))]
    (found,) = [c[4] for c in hedge_candidates(text, spans) if text[c[0] : c[1]] == "would"]
    assert {f"g={genre}", f"gw={genre}|would", f"ge={genre}|would"} <= set(found)
    assert not [f for f in found if f.startswith("g") and genre not in f]


def test_a_model_can_read_a_cue_differently_in_prose_that_reports_no_speech():
    """Narrative `would` (a future in the past) is seldom a hedge where nobody is quoted."""
    weights = {"w=would": 1.0, "gw=unreported|would": -2.0}
    model = HedgeModel(weights, intercept=0.0, threshold=0.0)
    story = "The line would close in 1952. Its owner sold it."
    news = "The line would close in 1952. Its owner said so."
    assert [h.start for h in find_hedges(story, model=model)] == []
    assert [news[h.start : h.end] for h in find_hedges(news, model=model)] == ["would"]
    # a model trained without the group (an older file) gets no genre features
    older = HedgeModel(weights, 0.0, 0.0, groups=("cue", "near", "clause", "others"))
    assert [story[h.start : h.end] for h in find_hedges(story, model=older)] == ["would"]


def test_every_feature_the_candidates_carry_has_a_group():
    text = "“I think it may not be possible,” he said, if it rains? Prices could not rise."
    for _, _, _, _, features in hedge_candidates(text):
        assert {feature_group(f) for f in features} <= set(FEATURE_GROUPS)
    with pytest.raises(ValueError, match="belongs to no group"):
        feature_group("zz=1")


@given(
    st.lists(st.sampled_from("abcdefgh"), min_size=2, max_size=60),
    st.integers(2, 6),
    st.one_of(st.none(), st.integers(0, 5)),
)
@settings(max_examples=100, deadline=None)
def test_folds_never_split_a_document_and_cover_everything_once(documents, folds, shuffle):
    if len(set(documents)) < 2:
        return
    splits = group_folds(documents, folds, shuffle)
    tested = sorted(i for _, test in splits for i in test)
    assert tested == list(range(len(documents)))
    for train, test in splits:
        assert not {documents[i] for i in train} & {documents[i] for i in test}
        assert sorted(train + test) == list(range(len(documents)))
    assert group_folds(documents, folds, shuffle) == splits  # fixed by the seed


def test_shuffled_folds_deal_the_documents_otherwise():
    documents = [f"d{i}" for i in range(40)]
    default = group_folds(documents, 5)
    assert group_folds(documents, 5, shuffle=1) != default
    assert group_folds(documents, 5, shuffle=1) != group_folds(documents, 5, shuffle=2)
    assert all(len(test) == 8 for _, test in group_folds(documents, 5, shuffle=1))  # balanced


def two_corpora(wiki_copies: int) -> Examples:
    """News marks the conditional `would` only; the other corpus marks every `would`, and
    has ``wiki_copies`` times as many documents."""
    news = invented_examples()
    features, labels, documents, corpora = [], [], [], []
    for copy in range(1 + wiki_copies):
        corpus = "news" if copy == 0 else "wiki"
        for row, label, document in zip(news.features, news.labels, news.documents, strict=True):
            features.append(row)
            labels.append(label or corpus == "wiki")
            documents.append(f"{corpus}{copy}/{document}")
            corpora.append(corpus)
    return Examples(features, labels, documents, corpora, ["accepted"] * len(features))


def test_domain_augmentation_gives_the_target_corpus_view():
    """Frustratingly easy domain adaptation: where the corpora disagree, the model shipped
    (the news view: shared weights plus news' copies) follows news."""
    examples = two_corpora(wiki_copies=3)
    (reported,) = hedge_candidates("The bank said costs would rise.")
    (conditional,) = hedge_candidates("Costs would rise if the plan failed.")[:1]
    pooled = train_hedge_model(
        examples, GRID, folds=3, min_count=1, min_category_candidates=1, select_on="news"
    )
    augmented = train_hedge_model(
        examples,
        {**GRID, "augment": (True,)},
        folds=3,
        min_count=1,
        min_category_candidates=1,
        select_on="news",
    )
    assert pooled.score(reported[4]) > augmented.score(reported[4])
    assert augmented.is_hedge(conditional[4]) and not augmented.is_hedge(reported[4])
    assert augmented.info["setting"]["augment"] is True
    # The view is an ordinary model: no corpus's copy is left in it.
    assert not any("::" in feature for feature in augmented.weights)
    assert {feature_group(f) for f in augmented.weights} <= set(augmented.groups)


def test_the_target_corpus_can_weigh_more():
    examples = two_corpora(wiki_copies=3)
    (reported,) = hedge_candidates("The bank said costs would rise.")
    scores = [
        train_hedge_model(
            examples,
            {**GRID, "rescue": (True,), "C": (1.0,), "target_weight": (weight,)},
            folds=3,
            min_count=1,
            min_category_candidates=1,
            select_on="news",
        ).score(reported[4])
        for weight in (1.0, 4.0)
    ]
    assert scores[1] < scores[0]  # news, which does not mark it, counts for more


@pytest.mark.parametrize("extra", [{"augment": (True,)}, {"target_weight": (2.0,)}])
def test_augmentation_and_target_weight_need_a_target_corpus(extra):
    with pytest.raises(ValueError, match="give select_on"):
        train_hedge_model(two_corpora(1), {**GRID, **extra}, folds=3, min_category_candidates=1)


def test_a_grid_without_the_domain_settings_records_none_of_them():
    model = train_hedge_model(invented_examples(), GRID, 3, 1, min_category_candidates=1)
    assert set(model.info["setting"]) == {"C", "groups", "rescue", "balance"}
